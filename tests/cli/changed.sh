#!/bin/bash
# --changed-since REV: every zone loaded, only the findings of the zones git
# reports changed (zone file or an $INCLUDEd file) shown; git run safely.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"
if ! command -v git >/dev/null 2>&1; then
	echo "1..0 # SKIP git not installed"
	exit 0
fi
export GIT_CONFIG_NOSYSTEM=1 HOME=$T GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
zl() { "$ZONELINT" check --no-config "$@"; }

mkdir repo && cd repo || exit 2
git init -q .
mkdir zones
# a.example: a syntax error that was there before the change
{ header a.example.; echo 'bad IN A 192.0.2.300'; } >zones/a.example.zone
# b.example: clean, with an include
{ header b.example.; echo '$INCLUDE b.inc'; } >zones/b.example.zone
echo 'www IN A 192.0.2.20' >zones/b.inc
# c.example: clean; its DMARC reports go to d.example, which authorizes them
{ header c.example.; echo '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@d.example"'; } \
	>zones/c.example.zone
{ header d.example.; echo 'c.example._report._dmarc IN TXT "v=DMARC1"'; } >zones/d.example.zone
git add . && git commit -q -m start
base=$(git rev-parse HEAD)

status "nothing changed: exit 0" 0 zl --changed-since HEAD zones
check "nothing changed: no finding shown" sh -c "! grep -q '\\]\$' '$T/.out'"
check "nothing changed: the hidden findings are counted" \
	grep -q '^[0-9]* findings\? in unchanged zones not shown$' "$T/.out"
status "a full run still fails on a.example" 1 zl zones

# change b.example's include: a new error in the include file
echo 'bad IN A 192.0.2.301' >>zones/b.inc
status "a change to an include: exit 1" 1 zl --changed-since HEAD zones
check "the include's error is shown" grep -q '^zones/b.inc:2: error: .*\[zone-syntax\]$' "$T/.out"
check "a.example's old error is not shown" sh -c "! grep -q 'a.example.zone' '$T/.out'"
git commit -q -am "b: include"

# a zone file's own change: findings at its SOA line shown too
{ header b.example.; echo '$INCLUDE b.inc'; echo 'www IN A 192.0.2.20'; } >zones/b.example.zone
echo 'www IN A 192.0.2.20' >zones/b.inc
zl --changed-since HEAD --fail-on never --format json zones >j.json
check "changed zone: its findings, whatever file they sit in" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
files = {f["file"] for f in d["findings"]}
zones = {f["zone"] for f in d["findings"]}
assert zones == {"b.example."}, zones
assert any(f["rule"] == "zone-duplicate" for f in d["findings"]), d["findings"]
assert d["summary"]["unchanged"] >= 1, d["summary"]' j.json
git commit -q -am "b: dup"

# relative to an older revision: everything since then
zl --changed-since "$base" --fail-on never --format json zones >old.json
check "since an older commit: every zone changed since" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert {f["zone"] for f in d["findings"]} == {"b.example."}, d["findings"]' old.json

# every zone is loaded: cross-zone checks still see the unchanged zones
{ header c.example.; echo '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@e.example"'; } \
	>zones/c.example.zone
{ header e.example.; } >zones/e.example.zone
git add zones/e.example.zone && git commit -q -m "e: new" zones/e.example.zone
zl --changed-since HEAD --fail-on never zones >cross.txt
check "c.example's report address checked against the unchanged e.example" \
	grep -q 'zones/c.example.zone:[0-9]*: warning: .*\[dmarc-report-auth-missing\]$' cross.txt
check "e.example itself is not reported" sh -c "! grep -q '^zones/e.example.zone' cross.txt"
git checkout -q zones/c.example.zone

# a new zone file not yet added to git counts as changed
{ header f.example.; echo 'bad IN A 192.0.2.302'; } >zones/f.example.zone
status "an untracked new zone is linted" 1 zl --changed-since HEAD zones
check "its error is shown" grep -q '^zones/f.example.zone:8: error:' "$T/.out"
echo 'zones/f.example.zone' >.gitignore
status "an ignored file is not" 0 zl --changed-since HEAD zones
rm -f .gitignore zones/f.example.zone

# from a subfolder, with paths relative to it
mkdir -p sub && cd sub || exit 2
echo 'bad IN A 192.0.2.303' >>../zones/b.inc
status "from a subfolder: the change is found" 1 zl --changed-since HEAD ../zones
check "from a subfolder: the path as given" grep -q '^\.\./zones/b.inc:2: error:' "$T/.out"
cd .. && git checkout -q zones/b.inc

# errors: exit 2, one line, no report
status "an unknown revision is exit 2" 2 zl --changed-since no-such-branch zones
check "it names the revision" grep -q "^zonelint: --changed-since: unknown revision 'no-such-branch'$" "$T/.err"
check "no report after the error" test ! -s "$T/.out"
status "a revision starting with - is refused" 2 zl --changed-since --output=x zones
check "no file was written by git" test ! -e x
status "a revision with shell syntax is only ever a revision" 2 \
	zl --changed-since 'HEAD;touch pwned' zones
status "a revision with \$(...) too" 2 zl --changed-since '$(touch pwned2)' zones
check "no command ran" sh -c 'test ! -e pwned && test ! -e pwned2 && test ! -e zones/pwned'
status "an empty revision is refused" 2 zl --changed-since '' zones
cd "$T" || exit 2
mkdir notgit && cp repo/zones/a.example.zone notgit/
(cd notgit && GIT_CEILING_DIRECTORIES=$T "$ZONELINT" check --no-config --changed-since HEAD .) \
	>"$T/.out" 2>"$T/.err"
check "outside a git work tree: exit 2" test $? -eq 2
check "outside a git work tree: says so" grep -q "needs a git work tree" "$T/.err"
finish
