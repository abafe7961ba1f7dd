#!/usr/bin/env bash
# Warn about every archived article text (sources/*.txt) and source record a pull request
# adds, changes or deletes.
#
#   .github/scripts/warn-archive-changes.sh BASE_DIR PR_DIR
#
# BASE_DIR  a checkout of the base branch, with its own sources/ (run this before
#           validate-with-base.sh, which replaces them with the pull request's).
# PR_DIR    a checkout of the pull request.
#
# An archived text is pinned: quotes are checked against it, so editing it can make a
# fabricated quote "verified". The validator cannot tell a correction from a forgery;
# a code owner must compare the change with the published article. A new one is no
# better known: a wholly invented article, pinned, with a real newspaper's address,
# validates, until its quotes are confirmed on the published page (timeline
# confirm-source, which .github/scripts/confirm-new-sources.sh runs). This prints one
# ::warning annotation per new, changed or deleted file and exits 0; CODEOWNERS makes
# the review required.
set -euo pipefail

usage() { echo "usage: $0 BASE_DIR PR_DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
[ -d "$1" ] && [ -d "$2" ] || usage
base=$1
pr=$2

# Workflow commands escape %, CR and LF in the message, and ':' and ',' too in properties.
escape_data() {
  local text=$1
  text=${text//'%'/%25}
  text=${text//$'\r'/%0D}
  text=${text//$'\n'/%0A}
  printf '%s' "$text"
}
escape_property() {
  local text
  text=$(escape_data "$1")
  text=${text//:/%3A}
  text=${text//,/%2C}
  printf '%s' "$text"
}

warned=0
shopt -s nullglob
# A source record is judged like its text: it pins the text and says which of its lines
# are the article, so editing it can make a caption quotable.
for archive in "$base"/sources/*.txt "$base"/sources/*.yml; do
  name="sources/${archive##*/}"
  theirs="$pr/$name"
  what="the pinned archive that quotes are checked against"
  [ "${name%.yml}" != "$name" ] && what="the record that pins an archive and says which of its lines are the article"
  if [ ! -e "$theirs" ] && [ ! -L "$theirs" ]; then
    change="deletes" title="archived text deleted"
  elif [ -L "$theirs" ] || ! cmp -s -- "$archive" "$theirs"; then
    change="changes" title="archived text changed"   # new text, or now a symbolic link
  else
    continue
  fi
  message="This pull request $change $name, $what."
  message+=" A code owner must confirm the change against the published article before merging."
  echo "::warning file=$(escape_property "$name"),title=$title::$(escape_data "$message")"
  warned=$((warned + 1))
done
for added in "$pr"/sources/*.txt "$pr"/sources/*.yml; do
  name="sources/${added##*/}"
  if [ -e "$base/$name" ] || [ -L "$base/$name" ]; then
    continue
  fi
  what="a new archived text, which quotes will be checked against"
  [ "${name%.yml}" != "$name" ] && what="a new source record, which names an article and pins its text"
  message="This pull request adds $name, $what. It needs confirmation against the published article"
  message+=" (timeline confirm-source) and a code owner's review before merging."
  echo "::warning file=$(escape_property "$name"),title=new source needs confirmation::$(escape_data "$message")"
  warned=$((warned + 1))
done
echo "$warned archived text(s) or source record(s) added, changed or deleted"
