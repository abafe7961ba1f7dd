#!/usr/bin/env bash
# Confirm every source a pull request adds or changes, or cites for a new quote, against
# its published page, with the base branch's code.
#
#   .github/scripts/confirm-new-sources.sh BASE_DIR PR_DIR
#
# BASE_DIR  a checkout of the base branch (left as it is: its sources/ are what "new or
#           changed" is measured against).
# PR_DIR    a checkout of the pull request.
# PYTHON    the interpreter, with the base's requirements installed (default: python3).
#
# Why: the validator checks each quote against the archived text, not that the text is
# the article its address names, so an invented article with a matching SHA-256 and a
# real newspaper's address validates. `timeline confirm-source` reads the page of each
# source that is new or changed, or that the pull request quotes a passage of that the
# base does not (a confirmation covers only the quotes it found), and looks for every
# quote cited from it there. It runs from a throwaway copy of the base's scripts and
# schemas holding the pull request's data, so a pull request cannot weaken the command
# that judges it.
#
# Prints the command's lines (::error annotations on each quote that is not on its page,
# ::warning for a page that could not be read) and exits 1 when a quote is not on a page
# that was read, or when a source the pull request adds or changes has a `confirmed`
# field and this job does not confirm every quote itself (no one may write or keep it by
# hand: the annotation says to remove it); 0 otherwise: a page that cannot be read (a
# paywall, a bot wall, a server that does not answer GitHub's runners) leaves the source
# to a code owner's review, with a warning. Exits 2 on a usage error.
set -euo pipefail

DATA_FOLDERS=(events entities sources docs)

usage() { echo "usage: $0 BASE_DIR PR_DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
[ -d "$1" ] && [ -d "$2" ] || usage
base=$(cd "$1" && pwd -P)
pr=$(cd "$2" && pwd -P)
if [ "$base" = "$pr" ]; then
  echo "error: BASE_DIR and PR_DIR are the same folder; check the base out separately" >&2
  exit 2
fi
if [ ! -d "$base/scripts/timeline" ] || [ ! -d "$base/schemas" ]; then
  echo "error: $1 is not a checkout of the project (no scripts/timeline/ or schemas/)" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
cp -R -- "$base/scripts" "$base/schemas" "$work/"
for folder in "${DATA_FOLDERS[@]}"; do
  if [ -e "$pr/$folder" ] || [ -L "$pr/$folder" ]; then
    cp -R -- "$pr/$folder" "$work/$folder"
  fi
done

status=0
PYTHONPATH="$work/scripts" "${PYTHON:-python3}" -m timeline.cli confirm-source \
  --root "$work" --changed-from "$base" --format github || status=$?
case $status in
  0) ;;
  3) echo "::warning title=source not confirmed::a new or changed source's page could not be read; a code owner must compare its text with the published article" ;;
  *) exit "$status" ;;
esac
