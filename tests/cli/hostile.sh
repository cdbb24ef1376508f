#!/bin/bash
# Bad and hostile input: a clear finding or exit 2, never a crash or a hang.
. "$(dirname "$0")/lib.sh"
run() { timeout 60 "$ZONELINT" check --no-config --fail-on never "$@"; }
: >empty.zone
status "empty file: a finding, not a crash" 0 run empty.zone
check "empty file lacks its SOA" grep -q "zone-soa-missing" "$T/.out"
head -c 65536 /dev/urandom >garbage.zone
status "binary garbage" 0 run garbage.zone
printf '\000\000\000' >nul.zone
status "NUL bytes" 0 run nul.zone
check "NUL bytes are a syntax finding" grep -q "NUL byte" "$T/.out"
# a NUL refuses its entry up to the end of its line; the next lines load
{ header; printf 'bad IN TXT "x" \000 junk (\n'; head -c 3000000 /dev/zero; printf '\nafter IN A 192.0.2.7\n'; } >nul2.zone
status "3 MB of NUL bytes between records" 0 run nul2.zone
check "the NUL line is the finding's line" grep -q "^nul2.zone:$(($(header | wc -l) + 1)): error: NUL byte" "$T/.out"
check "one finding for each of the two lines with NUL bytes" test "$(grep -c "NUL byte" "$T/.out")" -eq 2
"$ZONELINT" dump nul2.zone >nul2.dump 2>&1
check "the record after the NUL bytes is loaded" grep -q "^after.example.com.*192.0.2.7" nul2.dump
{ header; printf 'www IN A 192.0.2.1\r\n'; } >crlf.zone
status "CRLF line endings load" 0 run --fail-on error crlf.zone
{ printf '\357\273\277'; header; } >bom.zone
status "UTF-8 BOM is reported" 0 run bom.zone
check "BOM finding" grep -q "byte order mark" "$T/.out"
{ header; printf 'big IN TXT "'; head -c 1100000 /dev/zero | tr '\0' a; printf '"\nok IN A 192.0.2.9\n'; } >big.zone
status "a 1 MB line" 0 run big.zone
check "1 MB line is a syntax finding" grep -q "longer than" "$T/.out"
# text over 65535 characters whose data fits (escapes: 4 characters, 1 octet)
{ header; printf 'esc IN TXT'; for _ in $(seq 300); do printf ' "'; for _ in $(seq 85); do printf '\\065'; done; printf '"'; done; echo; } >esc.zone
status "a TXT of 102,000 characters and 25,800 octets" 0 run --fail-on error esc.zone
check "loads without a syntax finding, as BIND loads it" sh -c '! grep -q "zone-syntax" "$1"' _ "$T/.out"
"$ZONELINT" dump esc.zone >esc.dump 2>&1
check "and its 300 strings are all there" test "$(grep -o '"A\{85\}"' esc.dump | wc -l)" -eq 300
{ header; echo 'p IN TXT ( "a"'; } >paren.zone
status "unbalanced parentheses" 0 run paren.zone
check "unbalanced parentheses reported" grep -q "missing closing parenthesis" "$T/.out"
mkdir dir.zone
status "a folder named like a zone is walked, not read" 0 run dir.zone
{ header; } >unreadable.zone; chmod 000 unreadable.zone
if [ "$(id -u)" -ne 0 ]; then
	status "unreadable file exits 2" 2 run unreadable.zone
else
	ok "unreadable file exits 2 # SKIP root can read anything"
fi
mkfifo fifo.zone
status "a FIFO is refused, not waited on" 2 run fifo.zone
check "FIFO named on stderr" grep -q "not a regular file" "$T/.err"
mkdir -p loop/a && ln -s .. loop/a/up && header >loop/a/x.zone
status "a symlink loop in a folder tree" 0 run loop
# a folder walk: whatever is named like a zone file and cannot be read is
# named on stderr, each one, and the run exits 2; the good files are linted
mkdir -p walk/sub && header >walk/a.zone && header >walk/sub/b.zone
ln -s nowhere.zone walk/dangling.zone
mkfifo walk/fifo.zone
ln -s /etc/hostname walk/out.zone
ln -s sub walk/dir.zone
ln -s a.zone walk/inside.zone
status "folder walk with a dangling link, a FIFO and links out: exit 2" 2 run walk
check "the dangling link is named" grep -q "cannot read 'walk/dangling.zone': No such file" "$T/.err"
check "the FIFO is named" grep -q "cannot read 'walk/fifo.zone': not a regular file" "$T/.err"
check "the link out of the folder is named" \
	grep -q "cannot read 'walk/out.zone': the link leads out of the folder" "$T/.err"
check "the link to a folder is named" grep -q "cannot read 'walk/dir.zone': the link leads to" "$T/.err"
check "four unreadable entries, four lines" test "$(grep -c "cannot read" "$T/.err")" -eq 4
check "the good files are still linted (a link inside the folder too)" \
	sh -c 'grep -q "in 3 zones (3 files" "$1"' _ "$T/.out"
check "no FIFO was opened (no hang) and nothing of /etc/hostname is read" \
	sh -c '! grep -q "walk/out.zone:" "$1"' _ "$T/.out"
# control bytes in paths on stderr are escaped: a file name cannot forge a log line
status "a missing file whose name holds ESC and a newline" 2 run "$(printf 'x\033[31m\nFAKE.zone')"
check "its name is escaped on stderr" grep -q "cannot read 'x\\\\027\[31m\\\\010FAKE.zone'" "$T/.err"
check "stderr has no ESC byte and one line" \
	sh -c '! grep -q "$(printf "\\033")" "$1" && [ "$(wc -l <"$1")" -eq 1 ]' _ "$T/.err"
{ header; printf 'esc IN TXT "\033]0;pwned\007"\n'; printf 'esc IN TXT "\033]0;pwned\007"\n'; } >ansi.zone
"$ZONELINT" check --no-config --fail-on never ansi.zone >ansi.out
check "ANSI escapes from TXT are escaped in text output" sh -c '! grep -q "$(printf "\\033")" ansi.out && ! grep -q "$(printf "\\007")" ansi.out'
"$ZONELINT" check --no-config --fail-on never --format json ansi.zone >ansi.json
check "and JSON stays valid" python3 -c 'import json; json.load(open("ansi.json"))'
{ header; echo '$INCLUDE /etc/passwd'; echo '$INCLUDE ../../x'; } >inc.zone
status "include outside the folder is refused" 0 run inc.zone
check "/etc/passwd refused" grep -q "zone-include-refused" "$T/.out"
check "nothing of /etc/passwd leaks" sh -c '! grep -q "root:" "$1"' _ "$T/.out"
{ header; echo '$INCLUDE self.zone'; } >self.zone
status "include cycle" 0 run self.zone
check "cycle reported" grep -q "zone-include-cycle" "$T/.out"
# The zone set reserves 16 GB of address space for its names and records;
# where that is refused (here an address-space limit of 300 MB) it takes
# less, and the check runs the same.  A sanitizer's shadow memory cannot
# live under such a limit, so a sanitized build skips this.
{ header; echo 'www IN A 192.0.2.1'; echo 'www IN A 192.0.2.1'; } >small.zone
if nm "$ZONELINT" 2>/dev/null | grep -q -e __asan_init -e __tsan_init; then
	ok "# SKIP an address-space limit under a sanitizer"
else
	"$ZONELINT" check --no-config --fail-on never small.zone >free.out 2>&1
	status "under an address-space limit of 300 MB" 0 \
		sh -c 'ulimit -v 300000 && exec "$@"' _ "$ZONELINT" check --no-config --fail-on never small.zone
	check "the same report as without the limit" cmp -s free.out "$T/.out"
fi
finish
