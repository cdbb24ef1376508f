#!/bin/bash
# --format codeclimate (GitLab Code Quality) and --format junit: required
# keys, severities, fingerprints unique and stable across line shifts, XML
# that parses, is escaped and agrees with the exit status.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"
zl() { "$ZONELINT" check --no-config --fail-on never "$@"; }

mkdir zones
{ header; echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1';
  echo 'bad IN A 192.0.2.300'; printf 'esc IN TXT "<a> & \\"b\\" \\027 \\200"\n'; } \
	>zones/example.com.zone
{ header example.net.; echo 'www IN A 192.0.2.9'; } >zones/example.net.zone

# ---- Code Quality ----
zl --format codeclimate zones >cq1.json
check "codeclimate: a JSON array of issues with GitLab's required keys" python3 - cq1.json <<'EOP'
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d, list) and d, d
sev = {"info", "minor", "major", "critical", "blocker"}
for i in d:
    for k in ("description", "check_name", "fingerprint", "severity", "location"):
        assert k in i, (k, i)
    assert i["type"] == "issue" and i["categories"], i
    assert i["severity"] in sev, i
    assert isinstance(i["location"]["path"], str) and i["location"]["path"], i
    assert not i["location"]["path"].startswith("./"), i
    assert isinstance(i["location"]["lines"]["begin"], int) and i["location"]["lines"]["begin"] >= 1, i
    assert len(i["fingerprint"]) == 32 and int(i["fingerprint"], 16) >= 0, i
fps = [i["fingerprint"] for i in d]
assert len(fps) == len(set(fps)), "fingerprints not unique"
EOP
"$ZONELINT" check --no-config --fail-on never --format json zones >j1.json
check "codeclimate: one issue per finding, severities mapped" python3 - cq1.json j1.json <<'EOP'
import json, sys
cq = json.load(open(sys.argv[1]))
js = json.load(open(sys.argv[2]))["findings"]
assert len(cq) == len(js), (len(cq), len(js))
m = {"error": "critical", "warning": "minor", "info": "info"}
for c, j in zip(cq, js):
    assert c["check_name"] == j["rule"] and c["description"] == j["message"], (c, j)
    assert c["severity"] == m[j["severity"]], (c, j)
    assert c["location"]["path"] == j["file"] and c["location"]["lines"]["begin"] == j["line"]
    assert ("content" in c) == ("suggestion" in j), c
EOP
# shift every line down; fingerprints must not move
{ header; echo 'a1 IN A 192.0.2.5'; echo 'a2 IN A 192.0.2.6'; echo 'www IN A 192.0.2.1';
  echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1'; echo 'bad IN A 192.0.2.300';
  printf 'esc IN TXT "<a> & \\"b\\" \\027 \\200"\n'; } >zones/example.com.zone
zl --format codeclimate zones >cq2.json
check "codeclimate: fingerprints stable when lines shift" python3 - cq1.json cq2.json <<'EOP'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
assert sorted(i["fingerprint"] for i in a) == sorted(i["fingerprint"] for i in b)
la = {i["fingerprint"]: i["location"]["lines"]["begin"] for i in a}
lb = {i["fingerprint"]: i["location"]["lines"]["begin"] for i in b}
assert any(la[k] != lb[k] for k in la), "the lines did not move: test is void"
EOP
echo 'www IN A 192.0.2.1' >>zones/example.com.zone
zl --format codeclimate zones >cq3.json
check "codeclimate: one more duplicate adds one fingerprint, keeps the others" python3 - cq2.json cq3.json <<'EOP'
import json, sys
a = {i["fingerprint"] for i in json.load(open(sys.argv[1]))}
b = {i["fingerprint"] for i in json.load(open(sys.argv[2]))}
assert a < b and len(b - a) == 1, (len(a), len(b))
EOP
header example.org. >clean.zone
zl --format json clean.zone >clean.json
off=$(python3 -c 'import json,sys; print(",".join(sorted({f["rule"] for f in json.load(open(sys.argv[1]))["findings"]})))' clean.json)
zl --format codeclimate ${off:+--disable "$off"} clean.zone >cq0.json
check "codeclimate: no findings is an empty JSON array" \
	python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == []' cq0.json

# ---- JUnit ----
"$ZONELINT" check --no-config --format junit zones >ju.xml
st=$?
check "junit: exit status as for the other formats (1: an error)" test "$st" -eq 1
"$ZONELINT" check --no-config --fail-on never --format json zones >j2.json
check "junit: parses, a suite per file, a case per finding, failures for errors" python3 - ju.xml j2.json <<'EOP'
import json, sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
js = json.load(open(sys.argv[2]))
assert root.tag == "testsuites", root.tag
suites = root.findall("testsuite")
names = [s.get("name") for s in suites]
assert names == ["zones/example.com.zone", "zones/example.net.zone"], names
cases = [c for s in suites for c in s.findall("testcase")]
byfile = {}
for f in js["findings"]:
    byfile.setdefault(f["file"], []).append(f)
for s in suites:
    fs = byfile.get(s.get("name"), [])
    cs = s.findall("testcase")
    assert int(s.get("tests")) == len(cs) == max(1, len(fs)), (s.get("name"), len(cs), len(fs))
    fails = [c for c in cs if c.find("failure") is not None]
    assert int(s.get("failures")) == len(fails) == sum(f["severity"] == "error" for f in fs)
    for c, f in zip(cs, fs):
        assert c.get("file") == f["file"] and int(c.get("line")) == f["line"], (c.attrib, f)
        assert c.get("name").startswith(f["rule"]), c.attrib
        fl = c.find("failure")
        if fl is not None:
            assert fl.get("message") == f["message"] and fl.get("type") == f["rule"]
        else:
            assert f["message"] in c.find("system-out").text
assert int(root.get("tests")) == len(cases)
assert int(root.get("failures")) == sum(f["severity"] == "error" for f in js["findings"])
names = [c.get("name") for c in cases]
assert len(names) == len(set(names)), "testcase names not unique"
EOP
mkdir odd
name=$(printf 'a&b<c>"d\x27 \303\251.zone')
{ header; echo 'bad IN A 192.0.2.300'; } >"odd/$name"
"$ZONELINT" check --no-config --format junit odd >jodd.xml
check "junit: a file name with markup and UTF-8 survives as attributes" python3 - jodd.xml "odd/$name" <<'EOP'
import sys
import xml.etree.ElementTree as ET
raw = open(sys.argv[1], "rb").read()
raw.decode("utf-8")
assert not any(b < 0x20 and b not in (9, 10, 13) for b in raw), "raw control byte"
root = ET.fromstring(raw)
name = sys.argv[2]
assert [s.get("name") for s in root.iter("testsuite")] == [name], list(root.iter("testsuite"))
assert all(c.get("file") == name for c in root.iter("testcase"))
assert any(name + ":8: error:" in (c.find("failure").text or "") for c in root.iter("testcase")
           if c.find("failure") is not None)
EOP
"$ZONELINT" check --no-config --format junit --fail-on warning zones >juw.xml
check "junit: --fail-on warning makes warnings failures too" python3 - juw.xml <<'EOP'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
fails = [c.find("failure") for c in root.iter("testcase") if c.find("failure") is not None]
assert any("warning:" in f.text for f in fails), "no warning among the failures"
EOP
cat >custom.yaml <<'Y'
custom:
  - id: acme-markup
    severity: error
    message: "say <b>&amp;</b> \"quoted\" 'single'"
    owner: '^www\.'
    forbid: '.'
Y
"$ZONELINT" check --config custom.yaml --format junit --fail-on never zones/example.net.zone >jc.xml
"$ZONELINT" check --config custom.yaml --format json --fail-on never zones/example.net.zone >jc.json
check "junit: a custom message with markup round-trips" python3 - jc.xml jc.json <<'EOP'
import json, sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
msg = [f["message"] for f in json.load(open(sys.argv[2]))["findings"] if f["rule"] == "acme-markup"]
assert len(msg) == 1 and "<b>&amp;</b>" in msg[0], msg
outs = [c.find("system-out").text for c in root.iter("testcase") if c.find("system-out") is not None]
assert any(msg[0] + " [acme-markup]" in o for o in outs), outs
assert b"<b>" not in open(sys.argv[1], "rb").read(), "markup not escaped"
EOP
"$ZONELINT" check --no-config --format junit --fail-on never clean.zone >jclean.xml
check "junit: a file with no findings is one passing case" python3 - jclean.xml "$(zl --format json clean.zone | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')" <<'EOP'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
n = int(sys.argv[2])
cases = list(root.iter("testcase"))
if n == 0:
    assert len(cases) == 1 and cases[0].get("name") == "no findings", [c.attrib for c in cases]
else:
    assert len(cases) == n
assert int(root.get("failures")) == 0
EOP
finish
