#!/bin/bash
# The .zonelint.yaml configuration: overrides, errors, custom rules.
. "$(dirname "$0")/lib.sh"
{ header; echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1';
  echo '_dmarc IN TXT "v=DMARC1; p=none"'; } >z.zone
cat >sev.yaml <<'Y'
rules:
  zone-duplicate: error
Y
status "severity override to error fails the run" 1 "$ZONELINT" check --config sev.yaml z.zone
cat >off.yaml <<'Y'
rules:
  zone-duplicate: off
Y
"$ZONELINT" check --config off.yaml --fail-on never z.zone >out.txt
check "off removes the rule's findings" sh -c '! grep -q zone-duplicate out.txt'
printf 'rules:\n  zone-duplicate: loud\n' >bad1.yaml
status "bad severity is exit 2" 2 "$ZONELINT" check --config bad1.yaml z.zone
check "bad severity names file and line" grep -q "bad1.yaml:2:" "$T/.err"
printf 'rulez:\n  zone-duplicate: off\n' >bad2.yaml
status "unknown key is exit 2" 2 "$ZONELINT" check --config bad2.yaml z.zone
check "unknown key is named" grep -q "bad2.yaml:1: unknown key 'rulez'" "$T/.err"
printf 'zones:\n  example.com:\n    role: [mail]\n' >bad3.yaml
status "wrong type is exit 2" 2 "$ZONELINT" check --config bad3.yaml z.zone
check "wrong type names file:line and key" grep -q "bad3.yaml:3: 'role' must be a string" "$T/.err"
printf 'rules: {zone-duplicate: off\n' >bad4.yaml
status "invalid YAML is exit 2" 2 "$ZONELINT" check --config bad4.yaml z.zone
status "missing config is exit 2" 2 "$ZONELINT" check --config nosuch.yaml z.zone
printf 'rules:\n  no-such-rule: off\n' >bad5.yaml
status "unknown rule in config is exit 2" 2 "$ZONELINT" check --config bad5.yaml z.zone
mkdir -p proj/sub && cp off.yaml proj/.zonelint.yaml && cp z.zone proj/sub/
(cd proj/sub && "$ZONELINT" check --fail-on never z.zone >"$T/found.txt")
check ".zonelint.yaml is found in a parent folder" sh -c '! grep -q zone-duplicate found.txt'
cat >custom.yaml <<'Y'
custom:
  - id: acme-dmarc-rua
    severity: error
    message: DMARC records must send aggregate reports to the security team
    owner: '^_dmarc\.'
    type: TXT
    require: 'rua=mailto:dmarc@acme\.example'
  - id: acme-no-old-provider
    message: we left oldmail.example
    type: TXT
    forbid: 'include:_spf\.oldmail\.example'
Y
status "custom require rule fires" 1 "$ZONELINT" check --config custom.yaml --disable zone-duplicate z.zone
check "custom finding names owner and rule" grep -q "z.zone:10: error: DMARC records must send aggregate reports to the security team .*\[acme-dmarc-rua\]" "$T/.out"
"$ZONELINT" check --config custom.yaml --format sarif --fail-on never z.zone >c.sarif
check "custom rules appear in SARIF rules" python3 -c '
import json; d=json.load(open("c.sarif")); r=d["runs"][0]
ids=[x["id"] for x in r["tool"]["driver"]["rules"]]
assert "acme-dmarc-rua" in ids and "acme-no-old-provider" in ids
res=[x for x in r["results"] if x["ruleId"]=="acme-dmarc-rua"]
assert res and ids[res[0]["ruleIndex"]]=="acme-dmarc-rua"'
(cp custom.yaml .zonelint.yaml && "$ZONELINT" rules >rules.txt; rm -f .zonelint.yaml)
check "custom rules appear in zonelint rules" grep -q "^acme-dmarc-rua " rules.txt
{ echo 'custom:'; for i in $(seq 0 10000); do
	printf '  - id: acme-r%s\n    message: m\n    require: "x"\n' "$i"; done; } >many.yaml
status "more than 10000 custom rules is exit 2" 2 "$ZONELINT" check --config many.yaml z.zone
check "the limit is named" grep -q "more than 10000 custom rules" "$T/.err"
printf 'custom:\n  - id: acme-x\n    message: m\n    require: "a(b"\n' >badre.yaml
status "bad regex is exit 2" 2 "$ZONELINT" check --config badre.yaml z.zone
check "bad regex names file, line and offset" grep -q "badre.yaml:4: bad require pattern at offset 3" "$T/.err"
printf 'custom:\n  - id: spf-mine\n    message: m\n    require: x\n' >badid.yaml
status "custom rule in a built-in family is exit 2" 2 "$ZONELINT" check --config badid.yaml z.zone
mkdir -p rules/local
cat >rules/local/house.yaml <<'Y'
custom:
  - id: house-no-none
    severity: warning
    message: p=none is not allowed here
    owner: '^_dmarc\.'
    forbid: 'p=none'
Y
printf 'custom-rules: [rules/local]\n' >withdir.yaml
status "custom rules from a folder" 1 "$ZONELINT" check --config withdir.yaml --fail-on warning --disable zone-duplicate z.zone
check "folder custom rule fires" grep -q "\[house-no-none\]" "$T/.out"
# the two worked examples shipped in rules/examples/
{ header; echo '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"';
  echo 'sub IN TXT "v=spf1 include:_spf.oldmail.example.net -all"';
  echo '_dmarc.sub IN TXT "v=DMARC1; p=reject; rua=mailto:other@example.com"'; } >ex.zone
printf 'custom-rules:\n  - %s/rules/examples\n' "$ZL_SRCDIR" >ex.yaml
"$ZONELINT" check --config ex.yaml --fail-on never --format json ex.zone >ex.json
check "shipped example rules fire where they should and only there" python3 - ex.json <<'EOP'
import json, sys
d = json.load(open(sys.argv[1]))
got = sorted((f["rule"], f["owner"]) for f in d["findings"] if f["rule"].startswith("house-"))
assert got == [("house-dmarc-rua", "_dmarc.sub.example.com."),
               ("house-no-oldmail", "sub.example.com.")], got
EOP
finish
