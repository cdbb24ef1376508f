#!/bin/bash
# --write-baseline and --baseline: adopt zonelint on zones with findings,
# fail only on new ones; matching by key, not line; duplicates counted.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"
zl() { "$ZONELINT" check --no-config "$@"; }

# a zone with an error, a warning and duplicates
{ header; echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1';
  echo 'bad IN A 192.0.2.300'; } >z.zone
zl z.zone >before.txt
check "the zone has an error to begin with" grep -q '\[zone-syntax\]' before.txt
n_before=$(grep -c '\]$' before.txt)

status "--write-baseline exits 0 even with errors" 0 zl --write-baseline base.json z.zone
check "--write-baseline prints no report" test ! -s "$T/.out"
check "--write-baseline says what it wrote" grep -q "^zonelint: wrote $n_before findings (.*) to 'base.json'$" "$T/.err"
check "the baseline is the documented JSON" python3 - base.json <<'EOP'
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) == {"zonelint-baseline", "findings"} and d["zonelint-baseline"] == 1, d
keys = []
for e in d["findings"]:
    assert set(e) == {"zone", "owner", "type", "rule", "count"}, e
    assert isinstance(e["rule"], str) and e["count"] >= 1, e
    keys.append(tuple("" if e[k] is None else e[k] for k in ("zone", "owner", "type", "rule")))
assert keys == sorted(keys) and len(keys) == len(set(keys)), "not sorted/unique"
EOP
cp base.json base1.json
zl --write-baseline base.json z.zone 2>/dev/null
check "writing twice gives the same file" cmp -s base.json base1.json
check "the baseline file is readable by others (not mkstemp's 0600)" \
	sh -c 'test "$(stat -c %a base.json)" != 600'

status "with the baseline: exit 0" 0 zl --baseline base.json z.zone
check "with the baseline: no finding shown" sh -c "! grep -q '\\]\$' '$T/.out'"
check "with the baseline: the hidden findings counted" \
	grep -q "^$n_before findings in the baseline not shown$" "$T/.out"

# lines shift: records added above keep matching
{ header; echo 'a1 IN A 192.0.2.5'; echo 'a2 IN A 192.0.2.6'; echo 'www IN A 192.0.2.1';
  echo 'www IN A 192.0.2.1'; echo 'bad IN A 192.0.2.300'; } >z.zone
status "lines shifted: still exit 0" 0 zl --baseline base.json z.zone
check "lines shifted: still nothing shown" grep -q "^$n_before findings in the baseline not shown$" "$T/.out"

# a new finding of a new key fails and is shown
echo 'bad2 IN A 192.0.2.301' >>z.zone
status "a new error: exit 1" 1 zl --baseline base.json z.zone
check "the new error is shown" grep -q "^z.zone:[0-9]*: error: .*\\[zone-syntax\\]$" "$T/.out"
check "only the new finding is shown" test "$(grep -c '\]$' "$T/.out")" -eq 1
check "the new one is on bad2's line" grep -q "^z.zone:13: error:" "$T/.out"

# duplicates count: one more finding of a key the baseline has once is new
{ header; echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1';
  echo 'bad IN A 192.0.2.300'; } >z.zone
status "a second finding of a baselined key: exit 1 with --fail-on warning" 1 \
	zl --baseline base.json --fail-on warning z.zone
check "the second zone-duplicate is shown, once" \
	test "$(grep -c 'warning: duplicate A record.*\[zone-duplicate\]$' "$T/.out")" -eq 1
check "it is the later one" grep -q '^z.zone:10: warning: duplicate A' "$T/.out"
status "a baselined warning does not fail --fail-on warning" 0 \
	zl --baseline base.json --fail-on warning --disable zone-duplicate z.zone

# fixed findings: counted as gone
{ header; echo 'www IN A 192.0.2.1'; } >z.zone
zl --baseline base.json z.zone >gone.txt
check "fixed findings reported as gone from the baseline" \
	grep -q '^[0-9]* findings\? of the baseline no longer found (rewrite it with --write-baseline)$' gone.txt

# the JSON summary says what the baseline hid
{ header; echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1';
  echo 'bad IN A 192.0.2.300'; } >z.zone
zl --baseline base.json --format json z.zone >b.json
check "json summary: baselined and baseline_gone" python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
assert s["baselined"] == int(sys.argv[2]) and s["baseline_gone"] == 0, s
assert s["errors"] == 0, s' b.json "$n_before"
zl --format json z.zone >nob.json
check "json summary without --baseline has no baseline keys" python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
assert "baselined" not in s and "baseline_gone" not in s, s' nob.json

# a hand-written baseline: count 2, null fields, entries in any order, repeats merged
cat >hand.json <<'J'
{"zonelint-baseline": 1, "findings": [
  {"zone": "example.com.", "owner": "www.example.com.", "type": "A", "rule": "zone-duplicate", "count": 1},
  {"rule": "zone-syntax", "zone": "example.com.", "owner": "bad.example.com.", "type": "A"},
  {"zone": "example.com.", "owner": "www.example.com.", "type": "A", "rule": "zone-duplicate"}
]}
J
{ header; echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1';
  echo 'bad IN A 192.0.2.300'; } >z.zone
zl --baseline hand.json --fail-on never z.zone >hand.txt
check "a repeated entry adds up (two duplicates accepted)" \
	sh -c "! grep -q 'zone-duplicate\\]\$' hand.txt && ! grep -q 'zone-syntax\\]\$' hand.txt"

# bad baselines: exit 2 with the file and line
printf '{"zonelint-baseline": 1, "findings": [\n  {"rule": "zone-syntax", "colour": "red"}\n]}\n' >unknown.json
status "an unknown key is an error" 2 zl --baseline unknown.json z.zone
check "the error names file, line and key" grep -q "^zonelint: unknown.json:2: unknown key 'colour'" "$T/.err"
check "nothing is reported on a bad baseline" test ! -s "$T/.out"
echo '{"zonelint-baseline": 2, "findings": []}' >v2.json
status "another version is an error" 2 zl --baseline v2.json z.zone
check "the version error says so" grep -q "unsupported baseline version" "$T/.err"
echo '{"findings": [' >broken.json
status "broken JSON is an error" 2 zl --baseline broken.json z.zone
check "broken JSON named as such" grep -q "^zonelint: broken.json:[0-9]*: not valid JSON" "$T/.err"
echo '{"zonelint-baseline": 1, "findings": [{"rule": "x", "count": 0}]}' >zero.json
status "count 0 is an error" 2 zl --baseline zero.json z.zone
echo '{"zonelint-baseline": 1, "findings": [{"zone": "x."}]}' >norule.json
status "an entry without a rule is an error" 2 zl --baseline norule.json z.zone
echo '[]' >list.json
status "a JSON list is not a baseline" 2 zl --baseline list.json z.zone
status "a missing baseline file is an error" 2 zl --baseline nosuch.json z.zone
check "the missing file is named" grep -q "cannot read the baseline 'nosuch.json'" "$T/.err"
status "a folder is not a baseline" 2 zl --baseline . z.zone

# --write-baseline refuses a run that could not read every path
rm -f partial.json
status "--write-baseline with an unreadable path exits 2" 2 zl --write-baseline partial.json z.zone nosuch.zone
check "and writes nothing" test ! -e partial.json
status "--write-baseline into a missing folder exits 2" 2 zl --write-baseline nodir/b.json z.zone
check "no temporary file is left behind" sh -c '! ls base.json.tmp* partial.json.tmp* 2>/dev/null | grep -q .'
status "--write-baseline with --changed-since is a usage error" 2 \
	zl --write-baseline x.json --changed-since HEAD z.zone

# the baseline keys follow the zone, not the file name
{ header; echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1';
  echo 'bad IN A 192.0.2.300'; } >renamed.zone
status "a renamed zone file still matches its baseline" 0 zl --baseline base.json renamed.zone
finish
