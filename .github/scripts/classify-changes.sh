#!/usr/bin/env bash
# Say what kinds of paths a pull request changes, and whether a code owner must approve it.
#
#   .github/scripts/classify-changes.sh BASE_DIR PR_DIR
#
# BASE_DIR  a checkout of the base branch (run this before validate-with-base.sh, which
#           replaces its data folders with the pull request's).
# PR_DIR    a checkout of the pull request.
#
# Every file that differs between the two (added, deleted, changed, or now a symbolic
# link) is put in one of four kinds: data records (events/*.yml, entities/*.yml), the
# text of hand-written pages (docs/*.md), archived sources (sources/), and everything
# else: code, configuration, workflows and the theme (mkdocs.yml, dev.sh, overrides/,
# scripts/, a file elsewhere in docs/ ...). Only the first two are free of a code owner,
# as in .github/CODEOWNERS, because only they are judged by the base branch's validator;
# everything else changes what the build reads or runs, so a person must look.
#
# Prints a Markdown summary, also appended to $GITHUB_STEP_SUMMARY when that is set (the
# pull request's checks page shows it), and a ::notice:: or ::warning:: line. Exits 0: the
# review itself is required by CODEOWNERS and branch protection, not by this script.
set -euo pipefail

usage() { echo "usage: $0 BASE_DIR PR_DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
[ -d "$1" ] && [ -d "$2" ] || usage
base=$1
pr=$2

# Every file and link under a folder, relative to it, one a line, without .git/.
list_files() {
  (cd "$1" && find . -path ./.git -prune -o \( -type f -o -type l \) -print) | sed 's|^\./||' | LC_ALL=C sort
}

# Whether a path differs between the two checkouts: added, deleted, changed, or a link on
# either side that is not the same link on the other.
differs() {
  local ours="$base/$1" theirs="$pr/$1"
  if [ -L "$ours" ] || [ -L "$theirs" ]; then
    ! { [ -L "$ours" ] && [ -L "$theirs" ] && [ "$(readlink -- "$ours")" = "$(readlink -- "$theirs")" ]; }
    return
  fi
  ! { [ -f "$ours" ] && [ -f "$theirs" ] && cmp -s -- "$ours" "$theirs"; }
}

# The kind of a path; the first two need no code owner (keep in step with CODEOWNERS).
kind_of() {
  case "$1" in
    events/*/* | entities/*/* | docs/*/*) echo code ;;  # nested: not read as data or pages
    events/*.yml | entities/*.yml) echo data ;;
    docs/*.md) echo pages ;;
    sources/*) echo sources ;;
    *) echo code ;;
  esac
}

declare -A label=(
  [data]="Data records (events/, entities/)"
  [pages]="Hand-written page text (docs/*.md)"
  [sources]="Archived sources and their records (sources/)"
  [code]="Code, configuration, workflows or theme"
)
declare -A owner=([data]="not needed" [pages]="not needed" [sources]="required" [code]="required")
declare -A count=([data]=0 [pages]=0 [sources]=0 [code]=0)
owned=()

while IFS= read -r path; do
  differs "$path" || continue
  kind=$(kind_of "$path")
  count[$kind]=$((count[$kind] + 1))
  [ "${owner[$kind]}" = required ] && owned+=("$path")
done < <(LC_ALL=C sort -u <(list_files "$base") <(list_files "$pr"))

summary() {
  echo "## What this pull request changes"
  echo
  echo "| kind of path | files changed | code owner |"
  echo "|---|---|---|"
  for kind in data pages sources code; do
    echo "| ${label[$kind]} | ${count[$kind]} | ${owner[$kind]} |"
  done
  echo
  if [ ${#owned[@]} -eq 0 ]; then
    echo "**No code owner needs to approve:** only data records and page text change, and the"
    echo "base branch's validator judges them."
  else
    echo "**A code owner must approve:** these files change what the build reads or runs, or"
    echo "the archived texts that quotes are checked against, and no validator can judge that:"
    echo
    for path in "${owned[@]:0:50}"; do
      printf -- '- `%s`\n' "${path//\`/\'}"
    done
    [ ${#owned[@]} -le 50 ] || echo "- … and $((${#owned[@]} - 50)) more"
  fi
}

summary
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  summary >> "$GITHUB_STEP_SUMMARY"
fi
if [ ${#owned[@]} -eq 0 ]; then
  echo "::notice title=No code owner needed::only data records and page text change"
else
  echo "::warning title=Code owner must approve::${#owned[@]} changed file(s) need a code owner's review; see the job summary"
fi
