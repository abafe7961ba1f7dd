#!/usr/bin/env bash
# Set up everything the project needs on a fresh machine, then run it.
#
#   ./dev.sh serve   set up, then serve the site at http://127.0.0.1:8000 (rebuilds on change)
#   ./dev.sh test    set up, then run the linter, the validator and every test
#   ./dev.sh build   set up, then build the site into site/
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

cmd_build() {
  ensure_venv
  pip_install requirements.txt
  "$VENV/bin/mkdocs" build --strict "$@"
}

cmd_test() {
  ensure_venv
  pip_install requirements-dev.txt
  say "ruff"
  "$VENV/bin/ruff" check scripts tests
  say "validating the data"
  "$PY" scripts/validate.py
  say "pytest"
  "$PY" -m pytest "$@"
}

case "${1:-}" in
  serve|build|test) cmd="$1"; shift; "cmd_$cmd" "$@" ;;
  *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
