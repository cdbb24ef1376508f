#!/bin/bash
# `zonelint generate`: golden output of every command form (tests/generate/*.expected),
# round trips (what it prints, in a zone, lints clean and loads in named-checkzone),
# --zone idempotence, and every bad input: exit 2, nothing on stdout, one line on stderr.
# Set ZL_UPDATE=1 to rewrite the expected files (then read them).
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"
G=$ZL_SRCDIR/tests/generate

# ---- golden output: NAME ARGS... (run in tests/generate, so paths are short) ----
golden() {
	local name=$1 exp=$G/$1.expected got
	shift
	got=$(cd "$G" && "$ZONELINT" generate "$@" 2>"$T/.err"; echo "rc=$?")
	if [ "${ZL_UPDATE:-0}" = 1 ]; then
		printf '%s\n' "$got" >"$exp"
	fi
	if [ ! -f "$exp" ]; then
		not_ok "golden $name: no $exp"
	elif diff -u "$exp" <(printf '%s\n' "$got") >"$T/.diff"; then
		ok "golden $name"
	else
		not_ok "golden $name differs from $exp"
		sed 's/^/# /' "$T/.diff" | head -n 40
	fi
}
golden parked-one parked example.com
golden parked-many parked example.com Example.ORG. --ttl 7200 \
	--rua mailto:dmarc@reports.example.net --rua mailto:dmarc@example.com
golden parked-wildcard parked example.com --wildcard
golden parked-json parked example.com --wildcard --rua mailto:d@example.net --format json
golden parked-nsupdate parked example.com --rua mailto:d@example.net --format nsupdate
golden parked-zone parked --zone mixed.zone
golden parked-zone-weak parked --zone weak.zone --format nsupdate
golden parked-zone-rua parked --zone weak.zone --rua mailto:abuse@example.org --wildcard
golden parked-zone-hardened parked --zone hardened.zone
status "--zone on a hardened zone exits 0" 0 "$ZONELINT" generate parked --zone \
	"$G/hardened.zone"
check "--zone on a hardened zone prints nothing" test ! -s "$T/.out"
golden spf-zones spf example.com --ip4 192.0.2.0/24 --ip6 2001:DB8:0::/48 --mx \
	--include _spf.example.net --zones spf-zones --config spf-zones/zonelint.yaml
golden spf-unknown spf example.com --a --include _spf.example.org --include alias.example.net \
	--all softfail --zones spf-zones --no-config
golden spf-long spf _spf.example.com --no-config $(for i in $(seq 1 24); do
	printf -- '--ip4 198.51.%d.0/24 ' "$i"; done)
golden dmarc dmarc example.com --policy quarantine --sp reject --adkim s --aspf r \
	--rua mailto:dmarc@example.com --rua mailto:agg@reports.example.net \
	--ruf mailto:forensic@reports.example.net
golden dmarc-none dmarc example.com --policy none
golden mta-sts mta-sts example.com --mx mail.example.com --mx '*.mx.example.net' \
	--mode enforce --max-age 1209600
golden mta-sts-json mta-sts example.com --mx mail.example.com --format json
golden mta-sts-policy mta-sts example.com --mx mail.example.com --format policy
golden mta-sts-id mta-sts example.com --mx mail.example.com --id 20260101
golden tlsrpt tlsrpt example.com --rua mailto:tlsrpt@example.com \
	--rua https://tlsrpt.example.com/v1

# ---- the id is a hash of the policy: same policy, same id; other policy, other id ----
id_of() { "$ZONELINT" generate mta-sts example.com "$@" | sed -n 's/.*id=\([0-9a-f]*\)".*/\1/p'; }
a=$(id_of --mx mail.example.com) b=$(id_of --mx mail.example.com) c=$(id_of --mx mx.example.com)
check "mta-sts id is stable" test -n "$a" -a "$a" = "$b"
check "mta-sts id changes with the policy" test "$a" != "$c"
check "mta-sts id is the SHA-256 of the policy file" test "$a" = "$("$ZONELINT" generate \
	mta-sts example.com --mx mail.example.com --format policy | sha256sum | cut -c1-16)"

# ---- output is deterministic ----
"$ZONELINT" generate parked example.com example.org --wildcard --format json >r1
"$ZONELINT" generate parked example.com example.org --wildcard --format json >r2
check "same input, same bytes" cmp -s r1 r2
check "--format json is valid JSON" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' r1

# ---- round trips ----
# zone APEX FILE: a zone header for APEX, the record lines of FILE whose owner is
# at or below APEX (comments dropped), into APEX.zone
zone() {
	local apex=$1 file=$2
	{
		printf '$TTL 3600\n%s IN SOA ns1.%s hostmaster.%s 1 7200 3600 1209600 3600\n' \
			"$apex" "$apex" "$apex"
		printf '%s IN NS ns1.%s\n%s IN NS ns2.%s\n' "$apex" "$apex" "$apex" "$apex"
		printf 'ns1.%s IN A 192.0.2.1\nns2.%s IN A 192.0.2.2\n' "$apex" "$apex"
		awk -v apex="$apex" '!/^;/ && NF {
			o = $1; n = length(o) - length(apex)
			if (o == apex || (n > 0 && substr(o, n) == "." apex)) print }' "$file"
		# scaffolding zones get the DMARC record every apex needs
		grep -q "^_dmarc\\.$apex " "$file" ||
			printf '_dmarc.%s IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@%s"\n' \
				"$apex" "${apex%.}"
	} >"$apex"zone
}
# roundtrip DESC ZONE...: every zone lints with nothing above info and loads in named-checkzone
roundtrip() {
	local d=$1 z fails=""
	shift
	if ! "$ZONELINT" check --no-config --fail-on warning "$@" >"$T/.lint" 2>&1; then
		fails="zonelint check"
	fi
	for z in "$@"; do
		local o
		o=$(basename "$z")
		o=${o%zone}
		if command -v named-checkzone >/dev/null && ! named-checkzone -q "$o" "$z"; then
			fails="$fails named-checkzone($o)"
		fi
		if command -v kzonecheck >/dev/null && ! kzonecheck -o "$o" "$z" >/dev/null 2>&1
		then
			fails="$fails kzonecheck($o)"
		fi
	done
	if [ -z "$fails" ]; then ok "round trip: $d"; else
		not_ok "round trip: $d ($fails)"
		sed 's/^/# /' "$T/.lint" | head -n 20
	fi
}
"$ZONELINT" generate parked example.com example.org --wildcard \
	--rua mailto:dmarc@example.com --rua mailto:dmarc@example.net >out
zone example.com. out; zone example.org. out; zone example.net. out
check "the report domain gets its authorization records" \
	grep -q '^example.org._report._dmarc.example.net. ' example.net.zone
roundtrip "parked, two domains, wildcard, reports in another domain" \
	example.com.zone example.org.zone example.net.zone

echo '_spf.example.net. 3600 IN TXT "v=spf1 ip4:198.51.100.0/24 -all"' >inc
zone example.net. inc
"$ZONELINT" generate spf example.com --ip4 192.0.2.0/24 --ip6 2001:db8::/32 --mx --a \
	--include _spf.example.net --zones example.net.zone --no-config >out
"$ZONELINT" generate dmarc example.com --policy reject --rua mailto:dmarc@example.com >dmarc.out
# a mail domain as the record describes it: addresses for 'a' and 'mx' in both families
{ cat out dmarc.out; echo 'example.com. 3600 IN MX 10 mail.example.com.'
  echo 'example.com. 3600 IN A 192.0.2.80'; echo 'example.com. 3600 IN AAAA 2001:db8::80'
  echo 'mail.example.com. 3600 IN A 192.0.2.25'
  echo 'mail.example.com. 3600 IN AAAA 2001:db8::25'; } >out2
zone example.com. out2
check "spf counts the include's record in the loaded zone" grep -q '1 + 0 (its record' out
roundtrip "spf" example.com.zone example.net.zone

# 20 ranges: over 255 octets (two strings), under the 450 of spf-size
"$ZONELINT" generate spf example.com --no-config $(for i in $(seq 1 20); do
	printf -- '--ip4 198.51.%d.0/24 ' "$i"; done) >out
cat dmarc.out >>out
zone example.com. out
check "a TXT over 255 octets is split into strings" \
	grep -q '^example.com. 3600 IN TXT "v=spf1 [^"]*" "[^"]*"$' example.com.zone
roundtrip "spf over 255 octets" example.com.zone

"$ZONELINT" generate dmarc example.com --policy reject --sp quarantine --adkim s --aspf s \
	--rua mailto:dmarc@example.com --ruf mailto:f@example.net >out
zone example.com. out; zone example.net. out
roundtrip "dmarc" example.com.zone example.net.zone

"$ZONELINT" generate mta-sts example.com --mx mail.example.com --mode enforce >out
{ cat out; echo 'mta-sts.example.com. 3600 IN A 192.0.2.80'
  "$ZONELINT" generate tlsrpt example.com --rua mailto:tlsrpt@example.com \
	--rua https://tlsrpt.example.com/v1; } >out2
zone example.com. out2
roundtrip "mta-sts and tlsrpt" example.com.zone

# ---- --zone: apply the output, then the zone is hardened and prints nothing ----
# apply FILE OUTPUT: delete the lines "; remove FILE:N:" names, append the added records
apply() {
	local f=$1 out=$2 lines
	lines=$(sed -n "s/^; remove [^:]*:\([0-9]*\): .*/\1/p" "$out" | sort -rn)
	for n in $lines; do sed -i "${n}d" "$f"; done
	grep -v '^;' "$out" | grep . >>"$f" || true
}
for z in mixed weak hardened; do
	cp "$G/$z.zone" "$z.zone"
	"$ZONELINT" generate parked --zone "$z.zone" --wildcard >out
	apply "$z.zone" out
	status "--zone $z: the hardened zone lints clean" 0 \
		"$ZONELINT" check --no-config --fail-on warning "$z.zone"
	check "--zone $z: the hardened zone loads in named-checkzone" \
		sh -c '! command -v named-checkzone >/dev/null || named-checkzone -q "$1" "$2"' \
		_ "$(sed -n 's/^\$ORIGIN //p' "$z.zone")" "$z.zone"
	status "--zone $z: a second run exits 0" 0 "$ZONELINT" generate parked --zone "$z.zone" \
		--wildcard
	check "--zone $z: a second run prints nothing" test ! -s "$T/.out"
done
status "--zone on zones-examples/parked-good exits 0" 0 "$ZONELINT" generate parked --zone \
	"$ZL_SRCDIR/zones-examples/parked-good/example.org.zone"
check "zones-examples/parked-good is what generate parked prints: nothing is missing" \
	test ! -s "$T/.out"
cp "$G/mixed.zone" before.zone
"$ZONELINT" generate parked --zone before.zone >/dev/null
check "--zone never changes the file" cmp -s before.zone "$G/mixed.zone"

# ---- nsupdate scripts: no empty line (nsupdate sends on one), and nsupdate parses them ----
for args in "parked example.com --rua mailto:d@example.net" \
	"mta-sts example.com --mx m.example.com" "parked --zone $G/weak.zone"; do
	# shellcheck disable=SC2086
	"$ZONELINT" generate $args --format nsupdate >ns
	check "nsupdate script of '${args%% *}' has no empty line" sh -c '! grep -qx "" "$1"' _ ns
done
if command -v nsupdate >/dev/null; then
	"$ZONELINT" generate parked example.com --wildcard --rua mailto:d@example.net \
		--format nsupdate | sed 's/^send$/show/' >ns
	echo quit >>ns
	check "nsupdate accepts the script" sh -c \
		'nsupdate <"$1" >"$2" 2>&1 && grep -q "UPDATE SECTION" "$2"' \
		_ ns nsout
	{ "$ZONELINT" generate parked --zone "$G/weak.zone" --format nsupdate |
		sed 's/^send$/show/'; echo quit; } >ns
	check "nsupdate accepts a --zone script (zone, delete, add)" sh -c \
		'nsupdate <"$1" >"$2" 2>&1 && grep -q "NONE[[:space:]]*TXT" "$2"' \
		_ ns nsout
else
	ok "nsupdate accepts the script # SKIP nsupdate not installed"
fi

# ---- bad input: exit 2, nothing on stdout, one line on stderr ----
bad() {
	local d=$1
	shift
	"$ZONELINT" generate "$@" >"$T/.out" 2>"$T/.err"
	local rc=$? nout nerr
	nout=$(wc -c <"$T/.out")
	nerr=$(wc -l <"$T/.err")
	if [ "$rc" -eq 2 ] && [ "$nout" -eq 0 ] && [ "$nerr" -eq 1 ]; then ok "bad input: $d"; else
		not_ok "bad input: $d (exit $rc, $nout bytes out, $nerr lines err)"
		sed 's/^/# err: /' "$T/.err" | head -n 5
	fi
}
bad "no record set"
bad "unknown record set" mx example.com
bad "domain with an underscore" parked exa_mple.com
bad "empty label" parked a..example.com
bad "single label" parked com
bad "address as a domain" parked 192.0.2.1
bad "non-ASCII domain" parked "bücher.example"
bad "domain twice" parked example.com EXAMPLE.com.
bad "no domain" parked
bad "domains and --zone" parked example.com --zone "$G/mixed.zone"
bad "--origin without --zone" parked example.com --origin example.com
bad "unreadable --zone" parked --zone nosuch.zone
bad "unknown option" parked example.com --bogus
bad "unknown short option" parked example.com -x
bad "missing option value" parked example.com --rua
bad "option of another form" parked example.com --policy reject
bad "--ttl 0" parked example.com --ttl 0
bad "--ttl not a number" parked example.com --ttl 1h
bad "--ttl too large" parked example.com --ttl 2147483648
bad "--format unknown" parked example.com --format yaml
bad "--format policy outside mta-sts" parked example.com --format policy
bad "rua without scheme" parked example.com --rua dmarc@example.com
bad "rua http" parked example.com --rua http://example.com/dmarc
bad "rua https for DMARC" dmarc example.com --policy reject --rua https://example.com/dmarc
bad "rua with a comma" parked example.com --rua 'mailto:a,b@example.com'
bad "rua not a mailbox" parked example.com --rua mailto:example.com
bad "rua twice" dmarc example.com --policy none --rua mailto:a@example.com \
	--rua mailto:a@example.com
bad "dmarc without --policy" dmarc example.com
bad "dmarc bad --policy" dmarc example.com --policy block
bad "dmarc bad --sp" dmarc example.com --policy reject --sp all
bad "dmarc bad --adkim" dmarc example.com --policy reject --adkim x
bad "dmarc two domains" dmarc example.com example.org --policy reject
bad "spf bad ip4" spf example.com --ip4 192.0.2.256
bad "spf ip4 prefix too long" spf example.com --ip4 192.0.2.0/33
bad "spf ip4 host bits" spf example.com --ip4 192.0.2.1/24
bad "spf ip4 /0" spf example.com --ip4 0.0.0.0/0
bad "spf ip6 given an ip4" spf example.com --ip6 192.0.2.1
bad "spf bad ip6" spf example.com --ip6 2001:db8::g
bad "spf overlapping ranges" spf example.com --ip4 192.0.2.0/24 --ip4 192.0.2.128/25
bad "spf bad include" spf example.com --include 'spf example.net'
bad "spf includes itself" spf example.com --include example.com
bad "spf bad --all" spf example.com --all neutral
bad "spf over 10 lookups" spf example.com --a --mx --include big.example.net \
	--zones "$G/spf-zones" --no-config
bad "spf include loop" spf example.com --include loop1.example.net \
	--zones "$G/spf-zones" --no-config
bad "spf include without SPF record" spf example.com --include nospf.example.net \
	--zones "$G/spf-zones" --no-config
bad "spf include of a missing name" spf example.com --include gone.example.net \
	--zones "$G/spf-zones" --no-config
bad "spf include of an invalid record" spf example.com --include bad.example.net \
	--zones "$G/spf-zones" --no-config
bad "spf unreadable --zones" spf example.com --zones nosuch
bad "mta-sts without --mx" mta-sts example.com
bad "mta-sts bad --mx" mta-sts example.com --mx 'mail example.com'
bad "mta-sts --mx twice" mta-sts example.com --mx mail.example.com --mx MAIL.example.com.
bad "mta-sts bad --mode" mta-sts example.com --mx mail.example.com --mode strict
bad "mta-sts --max-age too large" mta-sts example.com --mx mail.example.com --max-age 31557601
bad "mta-sts bad --id" mta-sts example.com --mx mail.example.com --id 2026-01-01
bad "mta-sts --id too long" mta-sts example.com --mx mail.example.com \
	--id 0123456789abcdef0123456789abcdef0
bad "tlsrpt without --rua" tlsrpt example.com
bad "tlsrpt ftp rua" tlsrpt example.com --rua ftp://example.com/tls
bad "tlsrpt bad https host" tlsrpt example.com --rua https://exa_mple.com/tls

status "generate --help" 0 "$ZONELINT" generate --help
check "generate --help shows every form" sh -c \
	'for k in parked spf dmarc mta-sts tlsrpt; do grep -q "generate $k " "$1" || exit 1; done' \
	_ "$T/.out"
status "generate parked --help" 0 "$ZONELINT" generate parked --help
check "zonelint --help lists generate" sh -c '"$1" --help | grep -q "zonelint generate parked"' \
	_ "$ZONELINT"
finish
