#!/usr/bin/env bash
# Set up everything the project needs on a fresh machine, then run it.
#
#   ./dev.sh serve   set up, then serve the site at http://127.0.0.1:8000 (rebuilds on change)
#   ./dev.sh test    set up (with a browser, Java and the npm test tools), then run the
#                    linter, the validator and every test, browser tests included
#   ./dev.sh build   set up, then build the site into site/
#   ./dev.sh validate [PATH...]   set up, then check the data files
#
# Set-up is idempotent: a virtual environment in .venv, reinstalled only when a
# requirements file changes.
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

# pip_install FILE: install a pinned requirements file unless it is already installed.
pip_install() {
  local file=$1 stamp want
  stamp="$VENV/.installed-$(basename "$file")"
  want=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing $file"
    "$PY" -m pip install --quiet --disable-pip-version-check -r "$file"
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
  pip_install requirements.txt
  say "serving at http://127.0.0.1:8000 (Ctrl-C to stop)"
  exec "$VENV/bin/mkdocs" serve --dev-addr 127.0.0.1:8000 "$@"
}

cmd_validate() {
  ensure_venv
  pip_install requirements.txt
  "$PY" scripts/validate.py "$@"
}

cmd_build() {
  ensure_venv
  pip_install requirements.txt
  "$VENV/bin/mkdocs" build --strict "$@"
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
    say "installing axe-core and vnu-jar"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
  fi
}

cmd_test() {
  ensure_venv
  pip_install requirements-dev.txt
  ensure_browser
  ensure_node_tools
  say "ruff"
  "$VENV/bin/ruff" check scripts tests
  say "validating the data"
  "$PY" scripts/validate.py
  say "pytest"
  "$PY" -m pytest "$@"
}

case "${1:-}" in
  serve|build|test|validate) cmd="$1"; shift; "cmd_$cmd" "$@" ;;
  *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
