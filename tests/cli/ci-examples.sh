#!/bin/bash
# The CI examples of docs/ci.md (docs/examples/*.yml): they parse, docs/ci.md
# shows them verbatim, and every command in them runs here as in their CI:
# zonelint built from a git clone of this tree, then a push pipeline failing
# on an error, a pull/merge request passing because it leaves that zone
# alone, one failing on its own error; the reports they upload are valid.
# Package installation is checked (installed here?) rather than performed.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"
PY=python3
/usr/bin/python3 -c 'import yaml, jsonschema' 2>/dev/null && PY=/usr/bin/python3
if ! $PY -c 'import yaml, jsonschema' 2>/dev/null || ! command -v git >/dev/null 2>&1; then
	echo "1..0 # SKIP needs python3-yaml, python3-jsonschema and git"
	exit 0
fi
# the examples build zonelint from a git clone: from a release tarball (make
# distcheck) there is no repository to clone, and the normal run covers it
if [ "$(git -C "$ZL_SRCDIR" rev-parse --show-toplevel 2>/dev/null)" != \
     "$(cd "$ZL_SRCDIR" && pwd -P)" ]; then
	echo "1..0 # SKIP the source is not a git checkout (release tarball)"
	exit 0
fi
EX=$ZL_SRCDIR/docs/examples
GH=$EX/github-workflow.yml
GL=$EX/gitlab-ci.yml
RUN="$PY $ZL_SRCDIR/tests/cli/ci-examples.py"
export HOME=$T/home GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
mkdir -p "$HOME"

for f in "$GH" "$GL"; do
	check "$(basename "$f") is valid YAML" $PY -c 'import yaml,sys; yaml.safe_load(open(sys.argv[1]))' "$f"
	check "docs/ci.md shows $(basename "$f") verbatim" $PY -c '
import sys
doc = open(sys.argv[1]).read(); ex = open(sys.argv[2]).read()
assert "```yaml\n" + ex + "```" in doc' "$ZL_SRCDIR/docs/ci.md" "$f"
done
version=$(sed -n 's/^AC_INIT(\[zonelint\], *\[\([^]]*\)\].*/\1/p' "$ZL_SRCDIR/configure.ac")
check "the examples use the current release, v$version" \
	sh -c 'grep -q "ZONELINT_REF: v$1 " "$2" && grep -q "ZONELINT_REF: v$1 " "$3"' - "$version" "$GH" "$GL"
check "the examples install the build section of tools/debian-packages.txt" $PY - "$GH" "$GL" \
	"$ZL_SRCDIR/tools/debian-packages.txt" <<'EOP'
import re, sys, yaml
pk = open(sys.argv[3]).read().split("\n# fuzzing")[0]
build = {l.split("#")[0].strip() for l in pk.split("\n# build", 1)[1].splitlines()} - {""}
build -= {"clang", "libcmocka-dev"}  # the compiler used is gcc; cmocka is for make check
for f in sys.argv[1:3]:
    text = open(f).read()
    words = set(re.findall(r"[a-z0-9][a-z0-9.+-]+", text))
    missing = build - words
    assert not missing, (f, missing)
EOP

# stand-ins: apt-get checks the packages are installed instead of installing
mkdir shims
cat >shims/apt-get <<'S'
#!/bin/sh
# stand-in for apt-get in the CI examples: the packages must be installed
case $1 in update) exit 0 ;; install) shift ;; *) echo "apt-get $1: unexpected" >&2; exit 100 ;; esac
rc=0
for p in "$@"; do
	case $p in -*) continue ;; esac
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		{ echo "apt-get stand-in: package $p is not installed" >&2; rc=100; }
done
exit $rc
S
chmod +x shims/apt-get
export PATH=$T/shims:$PATH

# zonelint's source as a git repository with the release tag the examples use
mkdir zl-src
if git -C "$ZL_SRCDIR" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$ZL_SRCDIR" && git ls-files -z --cached --others --exclude-standard |
		tar -cf - --null --ignore-failed-read -T - 2>/dev/null) | tar -xf - -C zl-src
else
	cp -R "$ZL_SRCDIR/." zl-src/ && chmod -R u+w zl-src
fi
(cd zl-src && git init -q . && git add -A && git commit -q -m release && git tag "v$version")
export ZONELINT_REPO=$T/zl-src ZL_KEEP_ZONELINT_REPO=1

# a zone repository: main has an error in example.net; origin is a bare clone
mkdir origin.git && git -C origin.git init -q --bare
git init -q -b main work
mkdir work/zones
{ header; echo 'www IN A 192.0.2.10'; } >work/zones/example.com.zone
{ header example.net.; echo 'bad IN A 192.0.2.300'; } >work/zones/example.net.zone
git -C work add . && git -C work commit -q -m zones
git -C work remote add origin "$T/origin.git" && git -C work push -q origin main
base=$(git -C work rev-parse HEAD)

# ---- GitHub Actions ----
export RUNNER_TEMP=$T/gh-tmp GITHUB_WORKSPACE=$T/work GITHUB_EVENT_NAME=push GITHUB_BASE_REF=
mkdir -p "$RUNNER_TEMP"
$RUN github "$GH" "$T/work" "$T/gh.state" >gh-push.log 2>gh-push.err
sed 's/^/# gh push: /' gh-push.log
step() { $PY -c 'import json,sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    if d.get("name") == sys.argv[2] or d.get("result") is not None and sys.argv[2] == "result":
        print(d.get("rc", d.get("result", "skipped")))' "$@"; }
check "github: the build tools are installed (apt-get step)" test "$(step gh-push.log 'Install the build tools')" = 0
check "github: zonelint builds from the clone" test "$(step gh-push.log 'Build zonelint')" = 0
check "github: the SARIF step passes" test "$(step gh-push.log 'Lint (SARIF for code scanning)')" = 0
check "github: the SARIF is valid (upload step)" test "$(step gh-push.log 'Upload to code scanning')" = 0
check "github: the gate fails on the error" test "$(step gh-push.log 'Gate on errors')" = 1
check "github: the job fails" test "$(step gh-push.log result)" = failure
check "github: the error is in the log" grep -q '^zones/example.net.zone:8: error: .*\[zone-syntax\]$' gh-push.err
check "github: the built zonelint was the one used" grep -q "^$RUNNER_TEMP/zonelint/src" gh.state
first=$(grep -n '"name": "Lint (SARIF' gh-push.log | cut -d: -f1)
first=$((first - 1))

# a pull request that changes example.com only: the gate passes
git -C work checkout -q -b change
echo 'mail IN A 192.0.2.25' >>work/zones/example.com.zone
git -C work commit -q -am "example.com: mail"
GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main \
	$RUN github "$GH" "$T/work" "$T/gh.state" "$first" >gh-pr.log 2>gh-pr.err
sed 's/^/# gh pr: /' gh-pr.log
check "github pull request: the gate passes (example.net untouched)" test "$(step gh-pr.log 'Gate on errors')" = 0
check "github pull request: the SARIF still has every finding" \
	grep -q 'example.net.zone' work/zonelint.sarif
check "github pull request: the job succeeds" test "$(step gh-pr.log result)" = success
# a pull request with its own error
echo 'bad2 IN A 192.0.2.301' >>work/zones/example.com.zone
git -C work commit -q -am "example.com: broken"
GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main \
	$RUN github "$GH" "$T/work" "$T/gh.state" "$first" >gh-pr2.log 2>gh-pr2.err
check "github pull request with an error: the gate fails" test "$(step gh-pr2.log 'Gate on errors')" = 1
check "github pull request with an error: only its error shown" sh -c \
	"grep -q '^zones/example.com.zone:10: error:' gh-pr2.err && ! grep -q example.net gh-pr2.err"

# ---- GitLab CI ----
git -C work checkout -q main
git -C work branch -q -D change
export CI_PROJECT_DIR=$T/work TMPDIR=$T/gl-tmp
mkdir -p "$TMPDIR"
unset GITHUB_EVENT_NAME GITHUB_BASE_REF RUNNER_TEMP GITHUB_WORKSPACE
$RUN gitlab "$GL" "$T/work" "$T/gl.state" before >gl-before.log 2>gl-before.err
check "gitlab: before_script installs and builds zonelint" grep -q '"part": "before_script", "rc": 0' gl-before.log ||
	tail -n 20 gl-before.err | sed 's/^/# /'
check "gitlab: the built zonelint is on PATH" grep -q "^$TMPDIR/zonelint/src" gl.state
$RUN gitlab "$GL" "$T/work" "$T/gl.state" script >gl-branch.log 2>gl-branch.err
check "gitlab branch pipeline: fails on the error" grep -q '"result": "failure"' gl-branch.log
check "gitlab branch pipeline: the error is in the log" \
	grep -q '^zones/example.net.zone:8: error: .*\[zone-syntax\]$' gl-branch.err
check "gitlab: the Code Quality report is valid" $PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d, list) and any(i["location"]["path"] == "zones/example.net.zone" for i in d)
assert all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i) for i in d)
' work/gl-code-quality-report.json
check "gitlab: the JUnit report parses, with the error as a failure" $PY -c '
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
names = [s.get("name") for s in r.iter("testsuite")]
assert "zones/example.net.zone" in names, names
' work/zonelint-junit.xml
# a merge request that changes example.com only
git -C work checkout -q -b mr
echo 'mail IN A 192.0.2.25' >>work/zones/example.com.zone
git -C work commit -q -am "example.com: mail"
CI_MERGE_REQUEST_DIFF_BASE_SHA=$base \
	$RUN gitlab "$GL" "$T/work" "$T/gl.state" script >gl-mr.log 2>gl-mr.err
check "gitlab merge request: passes (example.net untouched)" grep -q '"result": "success"' gl-mr.log
check "gitlab merge request: the reports still have every finding" \
	grep -q 'example.net.zone' work/gl-code-quality-report.json
for f in gh-push gh-pr gh-pr2 gl-branch gl-mr; do tail -n 5 "$f.err" | sed "s/^/# $f: /"; done
finish
