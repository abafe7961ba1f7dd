#!/usr/bin/env bash
# Validate a pull request's data with the validator and schemas of the branch it targets.
#
#   .github/scripts/validate-with-base.sh BASE_DIR PR_DIR
#
# BASE_DIR  a fresh checkout of the base branch. It is changed: its data folders are
#           replaced by the pull request's, so use a throwaway checkout.
# PR_DIR    a checkout of the pull request.
# PYTHON    the interpreter to run the validator with, with the base's requirements
#           installed (default: python3).
#
# Why: a pull request that fakes a quote could also change the check that would catch
# it (scripts/, schemas/) or this script. So the pull-request workflow runs this script
# from the base checkout, and it runs the base's validator and schemas, so only the
# data comes from the pull request. (The workflow file itself comes from the pull
# request; CODEOWNERS makes a change to .github/ need a code owner's review.)
#
# Prints the validator's GitHub annotations (::error file=...) and exits with its status:
# 0 when the data passes the base's rules, 1 when it does not; 2 on a usage error.
set -euo pipefail

# The folders that hold data. Everything else (the validator, the schemas, this
# script) stays as the base branch has it.
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
if [ ! -f "$base/scripts/validate.py" ] || [ ! -d "$base/schemas" ]; then
  echo "error: $1 is not a checkout of the project (no scripts/validate.py or schemas/)" >&2
  exit 2
fi

for folder in "${DATA_FOLDERS[@]}"; do
  # Replace, never merge: a file the pull request deletes must be gone here too.
  rm -rf -- "${base:?}/$folder"
  # cp -R copies symbolic links as links (it does not follow them, unlike cp -L),
  # so the base's checks see a symlinked file or folder as the pull request has it.
  if [ -e "$pr/$folder" ] || [ -L "$pr/$folder" ]; then
    cp -R -- "$pr/$folder" "$base/$folder"
  fi
done

# Problems are reported with paths relative to the project (events/x.yml), which are
# the pull request's paths too, so the annotations land on its changed lines.
cd "$base"
exec "${PYTHON:-python3}" scripts/validate.py --format github
