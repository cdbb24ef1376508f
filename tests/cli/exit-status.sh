#!/bin/bash
# Exit status: 0 clean, 1 findings at or above --fail-on, 2 could not run.
. "$(dirname "$0")/lib.sh"
dmarc='_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"'
{ header; echo "$dmarc"; } >clean.zone
{ header; echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1'; echo "$dmarc"; } >dup.zone # warning
{ header; echo 'www IN A 192.0.2.300'; echo "$dmarc"; } >err.zone                         # error
status "clean zone exits 0" 0 "$ZONELINT" check --no-config clean.zone
status "a warning does not fail by default" 0 "$ZONELINT" check --no-config dup.zone
status "--fail-on warning fails on a warning" 1 "$ZONELINT" check --no-config --fail-on warning dup.zone
status "--fail-on error passes a warning" 0 "$ZONELINT" check --no-config --fail-on error dup.zone
status "--fail-on info fails on a warning" 1 "$ZONELINT" check --no-config --fail-on info dup.zone
status "an error fails" 1 "$ZONELINT" check --no-config err.zone
status "--fail-on never never fails" 0 "$ZONELINT" check --no-config --fail-on never err.zone
status "no path is a usage error" 2 "$ZONELINT" check --no-config
status "unknown option is a usage error" 2 "$ZONELINT" check --no-config --bogus clean.zone
status "bad --format" 2 "$ZONELINT" check --no-config --format xml clean.zone
status "bad --fail-on" 2 "$ZONELINT" check --no-config --fail-on sometimes clean.zone
status "missing file exits 2" 2 "$ZONELINT" check --no-config nosuch.zone
check "missing file is named on stderr" grep -q "cannot read 'nosuch.zone'" "$T/.err"
status "missing file among good ones still exits 2" 2 "$ZONELINT" check --no-config clean.zone nosuch.zone err.zone
check "the other files are still linted" grep -q "err.zone:8: error" "$T/.out"
status "unknown command" 2 "$ZONELINT" frobnicate
status "--version" 0 "$ZONELINT" --version
check "--version prints the configure version" grep -qx "zonelint [0-9][0-9.]*" "$T/.out"
status "--help" 0 "$ZONELINT" --help
status "explain a rule" 0 "$ZONELINT" explain zone-duplicate
check "explain shows bad and good examples" sh -c 'grep -q "^Bad:" "$1" && grep -q "^Good:" "$1"' _ "$T/.out"
status "explain an unknown rule" 2 "$ZONELINT" explain no-such-rule
status "--disable an unknown rule" 2 "$ZONELINT" check --no-config --disable no-such-rule clean.zone
status "--disable turns a rule off" 0 "$ZONELINT" check --no-config --fail-on warning --disable zone-duplicate dup.zone
mkdir adir
status "a folder with no zone files is fine" 0 "$ZONELINT" check --no-config adir
finish
