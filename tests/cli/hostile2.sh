#!/bin/bash
# Hostile input, part two (issue #8): limits at and one past the edge, huge
# input under a memory limit, unreadable files among good ones, and proof
# that `zonelint check` opens no network socket and writes to no input.
# Every zonelint run is under timeout; a hang, a crash or a wrong exit
# status fails the test.
. "$(dirname "$0")/lib.sh"
run() { timeout 120 "$ZONELINT" check --no-config --fail-on never "$@"; }
# lines LENGTH [CHAR]: CHAR repeated LENGTH times
rep() { head -c "$1" /dev/zero | tr '\0' "${2:-a}"; }

# A memory limit where the build allows one (ASan reserves terabytes of
# address space, so a sanitizer build cannot run under ulimit -v).
memlimit=
if (ulimit -v 4000000 && timeout 10 "$ZONELINT" --version) >/dev/null 2>&1; then
	memlimit=4000000
else
	echo "# ulimit -v does not work with this build (sanitizers?): running without it"
fi
limited() {
	if [ -n "$memlimit" ]; then (ulimit -v "$memlimit" && exec "$@"); else "$@"; fi
}
# measured COMMAND...: run under the memory limit, peak RSS (KB) into .rss
measured() {
	if [ -x /usr/bin/time ]; then
		limited timeout 600 /usr/bin/time -f '%M %e' -o "$T/.rss" "$@"
	else
		echo "0 0" >"$T/.rss"
		limited timeout 600 "$@"
	fi
}

# ---- $INCLUDE nesting: 16 files deep are read, the 17th is refused ----
chain() { # DIR N: DIR/example.com.zone includes i1.inc, i1 includes i2 ... iN
	mkdir -p "$1"
	{ header; echo '$INCLUDE i1.inc'; } >"$1/example.com.zone"
	for i in $(seq 1 "$2"); do
		{ echo "h$i IN TXT \"level $((i + 1))\""
		  [ "$i" -lt "$2" ] && echo "\$INCLUDE i$((i + 1)).inc"; } >"$1/i$i.inc"
	done
}
chain d16 15
run --format json d16/example.com.zone >d16.json
check "include depth 16 (zone file and 15 includes) is read" python3 -c '
import json; d = json.load(open("d16.json"))
assert not [f for f in d["findings"] if f["rule"] == "zone-include-depth"], d
assert d["summary"]["files"] == 16 and d["summary"]["records"] == 5 + 15, d["summary"]'
chain d17 16
status "include depth 17" 0 run d17/example.com.zone
check "the 17th file is refused and named" \
	grep -q "i15.inc:2: error: .*'d17/i16.inc' not read .*\[zone-include-depth\]" "$T/.out"
check "and nothing of it is read" grep -q "(16 files, 20 records)" "$T/.out"

# ---- includes that climb out of the zone's folder ----
mkdir -p up/a/b
echo 'leak IN A 192.0.2.300' >up/x
ln -s ../../x up/a/b/inner.inc
{ header; echo '$INCLUDE ../../x'; echo '$INCLUDE inner.inc'; } >up/a/b/example.com.zone
status "include of ../../x" 0 run up/a/b/example.com.zone
check "../../x refused" grep -q "\$INCLUDE '../../x' refused: it is outside the zone's folder" "$T/.out"
check "a symlink in the folder pointing out is refused too" grep -q "\$INCLUDE 'inner.inc' refused" "$T/.out"
check "the file outside is not read" sh -c '! grep -q "leak\|up/x:" "$1"' _ "$T/.out"

# ---- a 100 MB line, under a memory limit ----
{ header; printf 'big IN TXT "'; rep 100000000; printf '"\nafter IN A 192.0.2.300\n'; } >big.zone
measured "$ZONELINT" check --no-config --fail-on never big.zone >"$T/.out" 2>"$T/.err"
rc=$?
read -r rss secs <"$T/.rss"
echo "# 100 MB line: ${secs}s, peak RSS ${rss} KB${memlimit:+, ulimit -v $memlimit}"
if [ "$rc" -eq 0 ]; then ok "a 100 MB line is read under a memory limit"; else
	not_ok "a 100 MB line is read under a memory limit (exit $rc)"; sed 's/^/# /' "$T/.err"; fi
check "the 100 MB line is a syntax finding" grep -q "big.zone:8: error: record text is longer than" "$T/.out"
check "the record after it is still read" grep -q "big.zone:9: error: invalid A record" "$T/.out"
check "memory stays bounded (peak RSS under 1 GB)" test "${rss:-0}" -lt 1000000
rm -f big.zone

# ---- ten million records in one RRset: linear, bounded ----
{ header; awk 'BEGIN { for (i = 0; i < 10000000; i++)
	printf "t IN AAAA 2001:db8::%x:%x\n", int(i / 65536), i % 65536 }'; } >rrset.zone
measured "$ZONELINT" check --no-config --fail-on error rrset.zone >"$T/.out" 2>"$T/.err"
rc=$?
read -r rss secs <"$T/.rss"
echo "# 10 000 000 records in one RRset: ${secs}s, peak RSS ${rss} KB${memlimit:+, ulimit -v $memlimit}"
if [ "$rc" -eq 0 ]; then ok "ten million records in one RRset load and check clean"; else
	not_ok "ten million records in one RRset (exit $rc)"; sed 's/^/# /' "$T/.err" | head; fi
check "all ten million are counted" grep -q "(1 file, 10000005 records)" "$T/.out"
rm -f rrset.zone

# ---- names: 255 octets and labels of 63 are valid, one more is not ----
L63=$(rep 63)
n255="$L63.$L63.$L63.$(rep 49 c).example.com."   # 4*1 + 63*3 + 49 + 13 = 255 octets
{ header; echo "$L63 IN A 192.0.2.10"; echo "$n255 IN A 192.0.2.11"
  echo "rel IN CNAME $L63.$L63.$L63.$(rep 49 d)"; echo "cn IN CNAME $n255"; } >names.zone
status "a 255-octet name and a 63-octet label" 0 run --fail-on error names.zone
check "load without a finding" sh -c '! grep -q "zone-syntax" "$1"' _ "$T/.out"
{ header; echo "$(rep 64 b) IN A 192.0.2.10"; echo "$L63.$L63.$L63.$(rep 50 c).example.com. IN A 192.0.2.11"
  echo "x.$L63.$L63.$L63.$(rep 49 d) IN A 192.0.2.12"; echo "cn IN CNAME $L63.$L63.$L63.$(rep 50 e).example.com."
  echo "cn2 IN MX 10 $(rep 64 f)"; } >names-over.zone
status "one octet over" 0 run names-over.zone
syntax_at() { grep -q "names-over.zone:$1: error: ${2:-}.*\[zone-syntax\]" "$T/.out"; }
check "a 64-octet label is a syntax finding" syntax_at 8 "invalid owner name 'bbbb"
check "a 256-octet owner is a syntax finding" syntax_at 9 "invalid owner name "
check "a relative owner that becomes 256 octets is a syntax finding" syntax_at 10
check "a 256-octet CNAME target is a syntax finding" syntax_at 11
check "a 64-octet label in MX rdata is a syntax finding" syntax_at 12

# ---- a TXT record of 10 000 strings ----
{ header; printf 't IN TXT ('; for i in $(seq 10000); do printf ' "ab"'; done; echo ' )'
  echo 'after IN A 192.0.2.3'; } >txt.zone
timeout 120 "$ZONELINT" dump txt.zone >txt.dump 2>/dev/null
status "10 000 strings (30 000 octets) load" 0 run --fail-on error txt.zone
check "all 10 000 strings are kept" test "$(grep '^t\.' txt.dump | grep -o '"ab"' | wc -l)" -eq 10000
{ header; printf 'u IN TXT (\n'; for i in $(seq 10000); do echo ' "abcdefghij"'; done; echo ')'
  echo 'after IN A 192.0.2.300'; } >txt-over.zone
status "10 000 strings of 10 (110 000 octets)" 0 run txt-over.zone
check "more than 65535 octets of rdata is a syntax finding, not a truncated record" \
	grep -q "txt-over.zone:8: error: record data is longer than 65535 octets \[zone-syntax\]" "$T/.out"
check "and the next record is read" grep -q "txt-over.zone:10010: error: invalid A record" "$T/.out"
{ header; printf 'e IN TXT'; for i in $(seq 9000); do printf ' "\\065\\066\\067\\068"'; done; echo
  echo 'after IN A 192.0.2.300'; } >txt-esc.zone
timeout 120 "$ZONELINT" dump txt-esc.zone >txt-esc.dump 2>/dev/null
status "9 000 escaped strings (45 000 octets, 162 000 characters)" 0 run txt-esc.zone
check "are kept whole or refused, never truncated" sh -c '
	n=$(grep "^e\." "$1" | grep -o "\"ABCD\"" | wc -l)
	[ "$n" -eq 9000 ] || { [ "$n" -eq 0 ] && grep -q "txt-esc.zone:8: error:" "$2"; }' _ \
	txt-esc.dump "$T/.out"

# ---- parentheses nested 100 000 deep ----
{ header; printf 'p IN TXT '; rep 100000 '('; printf ' "x" '; rep 100000 ')'; echo
  echo 'after IN A 192.0.2.300'; } >paren.zone
status "parentheses nested 100 000 deep" 0 run paren.zone
# BIND accepts nested parentheses (named-checkzone loads this record)
check "load as BIND loads them" sh -c '! grep -q "paren.zone:8:" "$1" &&
	timeout 60 "$2" dump paren.zone 2>/dev/null | grep -q "^p\.example\.com\..*TXT.*\"x\""' _ "$T/.out" "$ZONELINT"
check "and the next record is read" grep -q "paren.zone:9: error: invalid A record" "$T/.out"
{ header; printf 'q IN TXT "x" '; rep 100000 ')'; echo; echo 'after IN A 192.0.2.300'; } >close.zone
status "100 000 closing parentheses" 0 run close.zone
check "are a syntax finding" grep -q "close.zone:8: error: closing parenthesis without an opening one" "$T/.out"

# ---- invalid UTF-8: in TXT data and in a file name; JSON and SARIF stay valid ----
bad=$(printf 'u\377\376.zone')
{ header; printf 'b IN TXT "\377\376 \300\257 \355\240\200 \364\220\200\200 ok \303\251"\n'
  printf 'b IN TXT "\377\376 \300\257 \355\240\200 \364\220\200\200 ok \303\251"\n'
  printf '\377\376 IN TXT "\200"\n'; printf 'x IN \377\376 "x"\n'; } >"$bad"
printf 'custom:\n  - id: acme-txt\n    message: TXT seen\n    type: TXT\n    forbid: "."\n' >cu.yaml
for fmt in json sarif; do
	timeout 120 "$ZONELINT" check --config cu.yaml --fail-on never --format $fmt "$bad" >u.$fmt
	check "invalid UTF-8: $fmt is valid JSON in strict UTF-8" python3 -c '
import json, sys; d = json.load(open(sys.argv[1], encoding="utf-8", errors="strict"))
s = json.dumps(d)
assert "acme-txt" in s and "zone-duplicate" in s and "zone-syntax" in s, s[:400]' u.$fmt
done
timeout 120 "$ZONELINT" check --config cu.yaml --fail-on never "$bad" >u.txt
check "invalid UTF-8: the text report escapes zone bytes" grep -q 'TXT seen (record: "\\255\\254' u.txt

# ---- an unreadable file among readable ones ----
mkdir rd && header >rd/a.zone && { header example.net.; echo 'www IN A 192.0.2.300'; } >rd/b.zone
ln -s nowhere.zone rd/dangling.zone
mkfifo rd/fifo.zone
(cd rd && timeout 60 "$ZONELINT" check --no-config a.zone dangling.zone fifo.zone b.zone \
	>"$T/.out" 2>"$T/.err")
rc=$?
check "a dangling symlink and a FIFO among good files: exit 2 (got $rc)" test "$rc" -eq 2
check "the dangling symlink is named" grep -q "cannot read 'dangling.zone'" "$T/.err"
check "the FIFO is named" grep -q "cannot read 'fifo.zone': not a regular file" "$T/.err"
check "the good files are still linted" grep -q "b.zone:8: error: invalid A record" "$T/.out"

# ---- FIFOs where a config is read: exit 2, not a hang ----
mkfifo fifo.yaml rules-fifo.yaml
mkdir -p rdir cfgup/sub && mkfifo rdir/x.yaml cfgup/.zonelint.yaml && header >cfgup/sub/a.zone
printf 'custom-rules: [rules-fifo.yaml]\n' >c-file.yaml
printf 'custom-rules: [rdir]\n' >c-dir.yaml
status "--config naming a FIFO" 2 timeout 20 "$ZONELINT" check --config fifo.yaml rd/a.zone
check "is refused" grep -q "cannot read config 'fifo.yaml': not a regular file" "$T/.err"
status "custom-rules naming a FIFO" 2 timeout 20 "$ZONELINT" check --config c-file.yaml rd/a.zone
status "custom-rules folder holding a FIFO" 2 timeout 20 "$ZONELINT" check --config c-dir.yaml rd/a.zone
status "a FIFO .zonelint.yaml found in a parent folder" 2 sh -c \
	'cd cfgup/sub && exec timeout 20 "$1" check a.zone' _ "$ZONELINT"

# ---- no network, no writes ----
mkdir -p io/inc && { header; echo '$INCLUDE inc/hosts.inc'; echo 'www IN A 192.0.2.80'
  echo 'www IN A 192.0.2.80'; } >io/example.com.zone
echo 'mail IN A 192.0.2.25' >io/inc/hosts.inc
printf 'rules:\n  zone-duplicate: error\n' >io/.zonelint.yaml
snap() {
	(cd io && find . -type f -exec stat -c '%n %s %Y %y' {} + | sort &&
		find . -type f -exec sha256sum {} + | sort)
}
snap >io.before
(cd io && timeout 120 "$ZONELINT" check --format json . >"$T/plain.json" 2>/dev/null)
# LeakSanitizer cannot run under ptrace (strace); leak checks run elsewhere
san_env="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
if unshare -n true 2>/dev/null; then
	(cd io && timeout 120 unshare -n "$ZONELINT" check --format json . >"$T/nonet.json" 2>/dev/null)
	check "check without a network namespace gives the same report" cmp -s plain.json nonet.json
else
	ok "check without a network # SKIP unshare -n is not permitted here"
fi
if strace -f -o /dev/null true 2>/dev/null; then
	(cd io && env "$san_env" timeout 120 strace -f -qq -o "$T/trace" \
		-e trace=%network,%file,%desc "$ZONELINT" check --format json . >/dev/null 2>&1)
	check "strace saw the run" grep -q 'example.com.zone' trace
	check "no socket is created or connected" sh -c \
		'! grep -E "(^|[0-9] )(socket|socketpair|connect|bind|sendto|sendmsg)\(" "$1"' _ trace
	calls="creat|unlink|unlinkat|rename|renameat|renameat2|truncate|ftruncate|mkdir|mkdirat"
	calls="$calls|rmdir|link|linkat|symlink|symlinkat|chmod|fchmod|fchmodat|utimensat|futimesat"
	check "no file is opened for writing, created, renamed or removed" sh -c \
		'! grep -E "O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|(^|[0-9] )($2)\(" "$1"' _ trace "$calls"
else
	ok "no socket # SKIP strace cannot trace here"
	ok "no writes # SKIP strace cannot trace here"
fi
snap >io.after
check "input files keep their content and mtime" cmp -s io.before io.after
finish
