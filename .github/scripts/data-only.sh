#!/usr/bin/env bash
# Say whether a pull request changes only data, so that its checks can skip the tests that
# a data change cannot break differently from the content tests.
#
#   git diff --no-renames --name-only -z BASE...HEAD | .github/scripts/data-only.sh
#
# The pull-request workflow runs the base branch's copy of this script, never the pull
# request's own.
#
# Reads the changed paths, separated by NUL bytes (git's -z: any file name survives; with
# --no-renames a renamed file is its deletion and its addition, so both sides count).
# Data is only what the validator reads and judges as records: events/*.yml,
# entities/*.yml and sources/*.yml or *.txt, directly in their folder. Everything else is
# code and runs every test: scripts, tests, the theme, configuration, workflows, a nested
# or unknown file, and docs/ too, whose hand-written HTML the full suite checks with the
# Nu Html Checker, axe and Lighthouse. No changed path at all also runs every test.
#
# Prints data-only=true or data-only=false, and appends it to $GITHUB_OUTPUT when that is
# set; then, when false, the first path that is code. Exits 0 (2 on a usage error).
set -euo pipefail

[ $# -eq 0 ] || { echo "usage: git diff --no-renames --name-only -z BASE...HEAD | $0" >&2; exit 2; }

# Whether a path is a data record or an archived text: no sub-folder, a known ending.
is_data() {
  case "$1" in
    */*/*) return 1 ;;
    events/*.yml | entities/*.yml | sources/*.yml | sources/*.txt) return 0 ;;
    *) return 1 ;;
  esac
}

answer=false
first_code=""
while IFS= read -r -d '' path || [ -n "$path" ]; do
  if ! is_data "$path"; then
    answer=false
    first_code=$path
    break
  fi
  answer=true
done

echo "data-only=$answer"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "data-only=$answer" >> "$GITHUB_OUTPUT"
fi
if [ -n "$first_code" ]; then
  echo "not data: ${first_code//[^[:print:]]/?} (and so every test runs)"
fi
