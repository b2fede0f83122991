#!/usr/bin/env bash
# The README's Binder link names the GitHub repository that holds this project. This writes it there from
# the GitHub remote (git remote get-url origin), or from OWNER/REPO when given; run it once after the
# project is published on GitHub, and commit the README. With --check it only says whether the link matches.
#
#   binder/badge.sh [--check] [OWNER/REPO]
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
if [ "${1:-}" = --check ]; then check=true; shift; fi
repo=${1:-}
if [ -z "$repo" ]; then
  url=$(git remote get-url origin 2>/dev/null) || { echo "binder/badge.sh: no remote 'origin'; give OWNER/REPO" >&2; exit 1; }
  # https://github.com/OWNER/REPO(.git) or git@github.com:OWNER/REPO(.git)
  repo=$(sed -nE 's#^(https?://|ssh://)?([^@/]*@)?github\.com[:/]([^/]+/[^/]+)$#\3#p' <<<"${url%/}")
  repo=${repo%.git}
  [ -n "$repo" ] || { echo "binder/badge.sh: origin ($url) is not on GitHub; give OWNER/REPO" >&2; exit 1; }
fi
link="https://mybinder.org/v2/gh/$repo/HEAD?labpath=notebooks%2F00-index.ipynb"
if $check; then
  grep -qF "($link)" README.md && { echo "binder/badge.sh: the README's Binder link names $repo"; exit 0; }
  echo "binder/badge.sh: the README's Binder link does not name $repo: run binder/badge.sh" >&2; exit 1
fi
sed -i -E "s#https://mybinder\.org/v2/gh/[^/]+/[^/]+/HEAD\?labpath=[^)]*#$link#" README.md
grep -qF "($link)" README.md || { echo "binder/badge.sh: no Binder link found in README.md" >&2; exit 1; }
echo "binder/badge.sh: the README's Binder link now names $repo"
