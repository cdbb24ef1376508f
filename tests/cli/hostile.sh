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
{ header; printf 'www IN A 192.0.2.1\r\n'; } >crlf.zone
status "CRLF line endings load" 0 run --fail-on error crlf.zone
{ printf '\357\273\277'; header; } >bom.zone
status "UTF-8 BOM is reported" 0 run bom.zone
check "BOM finding" grep -q "byte order mark" "$T/.out"
{ header; printf 'big IN TXT "'; head -c 1100000 /dev/zero | tr '\0' a; printf '"\nok IN A 192.0.2.9\n'; } >big.zone
status "a 1 MB line" 0 run big.zone
check "1 MB line is a syntax finding" grep -q "longer than" "$T/.out"
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
finish
