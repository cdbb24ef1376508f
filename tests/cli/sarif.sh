#!/bin/bash
# SARIF output validated against the SARIF 2.1.0 JSON schema (tests/sarif/,
# from oasis-tcs/sarif-spec) with python3-jsonschema, formats checked: runs
# with findings, with none, with custom rules, with suggestions, with a
# baseline and with --changed-since, and hostile file names.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"
# Debian's python3 (python3-jsonschema, python3-rfc3987 for the uri formats)
PY=python3
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null && PY=/usr/bin/python3
if ! $PY -c 'import jsonschema' 2>/dev/null; then
	echo "1..0 # SKIP python3-jsonschema not installed"
	exit 0
fi
V="$ZL_SRCDIR/tests/sarif/validate.py"
valid() { # valid DESC FILE
	if $PY "$V" "$2" >"$T/.val" 2>&1; then ok "$1"; else
		not_ok "$1"
		sed 's/^/# /' "$T/.val"
	fi
}
sarif() { "$ZONELINT" check --no-config --fail-on never --format sarif "$@"; }

check "the schema is the SARIF 2.1.0 schema" $PY -c '
import json, sys
s = json.load(open(sys.argv[1]))
assert s["id"].endswith("/sarif-schema-2.1.0.json"), s["id"]
assert s["properties"]["version"]["enum"] == ["2.1.0"]' "$ZL_SRCDIR/tests/sarif/sarif-schema-2.1.0.json"

# with findings of every severity, and suggestions
{ header; echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1'; echo 'bad IN A 192.0.2.300';
  printf 'esc IN TXT "\\027[31mred \\200\\377"\n'; } >z.zone
sarif z.zone >findings.sarif
valid "with findings: valid SARIF 2.1.0" findings.sarif
check "with findings: errors, warnings and a suggestion" $PY -c '
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
levels = {x["level"] for x in r}
assert {"error", "warning"} <= levels, levels
assert any("\nSuggestion:\n" in x["message"]["text"] for x in r), "no suggestion"
' findings.sarif

# a negative control: the validator does reject a broken document
$PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["runs"][0]["results"][0]["level"] = "fatal"
d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
json.dump(d, open(sys.argv[2], "w"))' findings.sarif broken.sarif
check "the validator rejects a wrong level and line 0" sh -c "! $PY '$V' broken.sarif >/dev/null"

# with no finding at all: every rule that fired on a clean zone turned off
header >clean.zone
"$ZONELINT" check --no-config --fail-on never --format json clean.zone >clean.json
off=$($PY -c 'import json,sys; print(",".join(sorted({f["rule"] for f in json.load(open(sys.argv[1]))["findings"]})))' clean.json)
sarif ${off:+--disable "$off"} clean.zone >none.sarif
valid "with no findings: valid SARIF 2.1.0" none.sarif
check "with no findings: results is an empty list" $PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["runs"][0]["results"] == [], d["runs"][0]["results"]
assert any(r["defaultConfiguration"].get("enabled") is False for r in d["runs"][0]["tool"]["driver"]["rules"]) or not sys.argv[2]
' none.sarif "$off"

# with custom rules
cat >custom.yaml <<'Y'
custom:
  - id: acme-no-test-hosts
    severity: error
    summary: no test hosts in production zones
    message: "the name looks like a test host"
    owner: '^test[0-9]*\.'
    forbid: '.'
  - id: acme-ttl-note
    severity: info
    message: "TXT \"quoted\" <text> & more"
    type: TXT
    require: '^never-matches$'
Y
{ header; echo 'test1 IN A 192.0.2.7'; echo 'note IN TXT "x"'; } >c.zone
"$ZONELINT" check --config custom.yaml --fail-on never --format sarif c.zone >custom.sarif
valid "with custom rules: valid SARIF 2.1.0" custom.sarif
check "custom rules listed, results point at them" $PY -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
rules = run["tool"]["driver"]["rules"]
ids = [r["id"] for r in rules]
assert "acme-no-test-hosts" in ids and "acme-ttl-note" in ids, ids
got = {x["ruleId"] for x in run["results"]}
assert {"acme-no-test-hosts", "acme-ttl-note"} <= got, got
for x in run["results"]:
    assert rules[x["ruleIndex"]]["id"] == x["ruleId"]
' custom.sarif

# with a baseline: new results marked, the hidden ones counted
"$ZONELINT" check --no-config --write-baseline base.json z.zone 2>/dev/null
echo 'www2 IN A 192.0.2.1' >>z.zone
echo 'www2 IN A 192.0.2.1' >>z.zone
sarif --baseline base.json z.zone >baseline.sarif
valid "with a baseline: valid SARIF 2.1.0" baseline.sarif
check "with a baseline: only the new result, baselineState new" $PY -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
r = run["results"]
assert len(r) == 1 and r[0]["ruleId"] == "zone-duplicate", r
assert r[0]["baselineState"] == "new"
assert run["properties"]["baselined"] >= 3, run["properties"]
' baseline.sarif

# with --changed-since, and file names that need percent-encoding
mkdir repo && cd repo || exit 2
git init -q . && git config user.email t@example.com && git config user.name t
{ header; echo 'www IN A 192.0.2.300'; } >'old zone.zone'
git add . && git commit -q -m one
{ header example.net.; echo 'dup IN A 192.0.2.1'; echo 'dup IN A 192.0.2.1'; } >"new%$(printf '\303\251')#?.zone"
"$ZONELINT" check --no-config --fail-on never --format sarif --changed-since HEAD . >../changed.sarif
cd .. || exit 2
valid "with --changed-since and odd file names: valid SARIF 2.1.0" changed.sarif
check "with --changed-since: only the new zone, uri percent-encoded" $PY -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
uris = {x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in run["results"]}
assert uris == {"new%25%C3%A9%23%3F.zone"}, uris
assert run["properties"]["unchanged"] >= 1, run["properties"]
' changed.sarif

# an absolute path outside the current folder
mkdir -p elsewhere && cp z.zone elsewhere/
(cd repo && "$ZONELINT" check --no-config --fail-on never --format sarif "$T/elsewhere/z.zone") >abs.sarif
valid "with an absolute path: valid SARIF 2.1.0" abs.sarif
finish
