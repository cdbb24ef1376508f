#!/bin/bash
# The pre-commit hook (.pre-commit-hooks.yaml) under the real pre-commit
# framework: try-repo, and a commit through the installed git hook, with the
# network cut off where this machine allows it.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"
if ! command -v pre-commit >/dev/null 2>&1 || ! command -v git >/dev/null 2>&1; then
	echo "1..0 # SKIP pre-commit or git not installed (Debian packages pre-commit, git)"
	exit 0
fi
case $ZONELINT in /*) ;; *) ZONELINT=$(cd "$(dirname "$ZONELINT")" && pwd)/$(basename "$ZONELINT") ;; esac
# only the scratch folder: no user configuration, a private pre-commit cache
export HOME=$T/home PRE_COMMIT_HOME=$T/cache XDG_CACHE_HOME=$T/cache
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com PRE_COMMIT_COLOR=never
mkdir -p "$HOME" "$PRE_COMMIT_HOME"
# the built zonelint is the one on PATH (language: system runs what PATH finds)
mkdir -p bin
ln -s "$ZONELINT" bin/zonelint
export PATH=$T/bin:$PATH

# no network: run pre-commit in a network namespace of its own when we may
offline=""
if unshare -n true 2>/dev/null; then
	offline="unshare -n"
elif unshare -rn true 2>/dev/null; then
	offline="unshare -rn"
fi

# the hook's repository: a git repository with a commit of .pre-commit-hooks.yaml
mkdir hooks
cp "$ZL_SRCDIR/.pre-commit-hooks.yaml" hooks/
git -C hooks init -q
git -C hooks add .pre-commit-hooks.yaml
git -C hooks commit -q -m hooks
rev=$(git -C hooks rev-parse HEAD)

# a zone repository
mkdir zones
git -C zones init -q
cd zones || exit 2
{ header; echo 'www IN A 192.0.2.10'; } >example.com.zone
git add example.com.zone
git commit -q -m "a clean zone"

# a zone with a zone-health error
{ header example.net.; echo 'bad IN A 192.0.2.300'; } >example.net.zone
git add example.net.zone
$offline pre-commit try-repo "$T/hooks" zonelint >try.out 2>&1
st=$?
check "try-repo: the hook fails on a staged zone with an error" test "$st" -eq 1
check "try-repo: the finding is shown" \
	grep -q 'example.net.zone:8: error: invalid A record.*\[zone-syntax\]' try.out
check "try-repo: the clean zone is not reported" sh -c '! grep -q "example.com.zone:" try.out'

# the same through a real commit
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $T/hooks
    rev: $rev
    hooks:
      - id: zonelint
EOF
git add .pre-commit-config.yaml
$offline pre-commit install >install.out 2>&1
check "pre-commit install" test -x .git/hooks/pre-commit
before=$(git rev-parse HEAD)
$offline git commit -q -m "broken zone" >commit.out 2>&1
st=$?
check "the commit of a zone with an error is blocked" test "$st" -ne 0
check "the blocked commit made no commit" test "$(git rev-parse HEAD)" = "$before"
check "the blocked commit shows the finding" \
	grep -q 'example.net.zone:8: error: invalid A record.*\[zone-syntax\]' commit.out
check "the hook named in the output" grep -q '^zonelint\.*Failed' commit.out

# fix it: the commit goes through
{ header example.net.; echo 'bad IN A 192.0.2.30'; } >example.net.zone
git add example.net.zone
$offline git commit -q -m "fixed zone" >commit2.out 2>&1
st=$?
check "a clean zone commits" test "$st" -eq 0
check "the commit was made" test "$(git rev-parse HEAD)" != "$before"
check "the hook ran and passed" grep -q '^zonelint\.*Passed' commit2.out

# a commit without zone files skips the hook
echo notes >README
git add README
$offline git commit -q -m "no zones" >commit3.out 2>&1
check "a commit without zones skips the hook" grep -q '^zonelint\.*(no files to check)Skipped' commit3.out
if [ -n "$offline" ]; then
	ok "pre-commit ran without network ($offline)"
else
	ok "pre-commit ran without network # SKIP no network namespace here"
fi
for f in try.out commit.out commit2.out commit3.out; do sed "s/^/# $f: /" "$f"; done
finish
