#!/bin/bash
# zonelint-disable comments: line, line before, whole file, unused ones.
. "$(dirname "$0")/lib.sh"
{ header
  echo 'www IN A 192.0.2.1'
  echo 'www IN A 192.0.2.1 ; zonelint-disable zone-duplicate -- kept on purpose'
  echo 'ftp IN A 192.0.2.2'
  echo '; zonelint-disable zone-duplicate -- previous line form'
  echo 'ftp IN A 192.0.2.2'
  echo 'db IN A 192.0.2.3'
  echo 'db IN A 192.0.2.3'
  echo '; zonelint-disable zone-ttl-mismatch -- nothing to suppress'
  echo 'mail IN A 192.0.2.4'
} >z.zone
"$ZONELINT" check --no-config --fail-on never --format json z.zone >out.json
check "same-line and previous-line suppressions work; others stay" python3 - out.json <<'EOP'
import json, sys
d = json.load(open(sys.argv[1]))
dups = [f["line"] for f in d["findings"] if f["rule"] == "zone-duplicate"]
assert dups == [14], dups
unused = [f["line"] for f in d["findings"] if f["rule"] == "zone-suppression-unused"]
assert unused == [15], unused
EOP
{ echo '; zonelint-disable-file zone-duplicate'; header
  echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1'; } >f.zone
"$ZONELINT" check --no-config --fail-on never f.zone >f.out
check "file-wide suppression" sh -c '! grep -q "\[zone-duplicate\]" f.out && ! grep -q suppression-unused f.out'
finish
