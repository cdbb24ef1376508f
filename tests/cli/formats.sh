#!/bin/bash
# Output formats: text lines, the JSON document, SARIF 2.1.0.
. "$(dirname "$0")/lib.sh"
{ header; echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1'; echo 'bad IN A 192.0.2.300';
  printf 'esc IN TXT "\\027[31mred"\n'; printf 'esc IN TXT "\\027[31mred"\n'; } >z.zone
"$ZONELINT" check --no-config --fail-on never z.zone >text.out
check "text line: file:line: severity: message [rule]" \
	grep -Eq '^z\.zone:9: warning: .* \[zone-duplicate\]$' text.out
check "text summary line" grep -Eq '^[0-9]+ errors?, [0-9]+ warnings?, [0-9]+ infos? in 1 zone \(1 file, [0-9]+ records?\)$' text.out
check "no raw escape byte in text output" sh -c '! grep -q "$(printf "\\033")" text.out'
# a file name's control bytes, at every place in a word of 8 octets, are
# written as \ddd and the octets around them as they are
ctl="$(printf 'a\001bcdefgh\177ijklmnop\tqrstuvw\033x')"
cp z.zone "$ctl.zone"
"$ZONELINT" check --no-config --fail-on never "$ctl.zone" >ctl.out
check "control bytes in a file name are escaped in text output" \
	grep -q '^a\\001bcdefgh\\127ijklmnop\\009qrstuvw\\027x\.zone:9: warning: ' ctl.out
check "so no line has a raw control byte" sh -c '! LC_ALL=C grep -q "[[:cntrl:]]" ctl.out'
NO_COLOR=1 "$ZONELINT" check --no-config --fail-on never z.zone >nocolor.out
check "no colour when not a terminal" sh -c '! grep -q "$(printf "\\033")" nocolor.out'
"$ZONELINT" check --no-config --fail-on never --format json z.zone >j.json
check "json is valid and has the documented fields" python3 - j.json <<'EOP'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 1
keys = {"file", "line", "zone", "owner", "type", "rule", "severity", "message"}
for f in d["findings"]:
    assert keys <= set(f), f
    assert set(f) <= keys | {"suggestion"}, f
    assert f["owner"].endswith("."), f
    assert f["severity"] in ("error", "warning", "info"), f
s = d["summary"]
assert set(s) == {"files", "zones", "records", "errors", "warnings", "infos"}, s
sev = [f["severity"] for f in d["findings"]]
assert (s["errors"], s["warnings"], s["infos"]) == (sev.count("error"), sev.count("warning"), sev.count("info")), s
assert s["files"] == 1 and s["zones"] == 1, s
syn = [f for f in d["findings"] if f["rule"] == "zone-syntax"]
assert [f["line"] for f in syn] == [10], syn
text = open("text.out").read().splitlines()
assert text[-1].startswith("%d error" % s["errors"]), text[-1]
assert len([l for l in text if not l.startswith("    suggestion: ")]) == len(d["findings"]) + 1
dup = [f for f in d["findings"] if f["rule"] == "zone-duplicate"]
assert dup[0]["owner"] == "www.example.com." and dup[0]["type"] == "A" and dup[0]["line"] == 9, dup
assert dup[0]["zone"] == "example.com.", dup
EOP
"$ZONELINT" check --no-config --fail-on never --format sarif z.zone >s.sarif
check "sarif is 2.1.0 with rules and relative locations" python3 - s.sarif <<'EOP'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == "2.1.0"
run = d["runs"][0]
rules = run["tool"]["driver"]["rules"]
ids = [r["id"] for r in rules]
assert "zone-duplicate" in ids and len(ids) == len(set(ids))
for r in run["results"]:
    assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "z.zone", loc
    assert loc["region"]["startLine"] >= 1
    assert r["level"] in ("error", "warning", "note")
EOP
"$ZONELINT" rules --format json >rules.json
check "rules --format json lists the catalogue" python3 -c '
import json,sys; d=json.load(open("rules.json")); ids=[r["id"] for r in d["rules"]]
assert "zone-syntax" in ids and all(r["severity"] in ("error","warning","info","off") for r in d["rules"])'
"$ZONELINT" rules >rules.txt
check "rules text lists every rule once" sh -c 'test "$(wc -l <rules.txt)" -eq "$(python3 -c "import json;print(len(json.load(open(\"rules.json\"))[\"rules\"]))")"'
finish
