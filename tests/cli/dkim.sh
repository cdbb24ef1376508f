#!/bin/bash
# The dkim- family on real keys made with openssl at test time (RSA 512 to
# 4096, Ed25519, EC, RSA-PSS), on records quoted in public guides, and
# `zonelint generate dkim` against opendkim-genkey; zonelint's verdicts are
# compared with opendkim-testkey's, which is pointed at a local unbound
# configuration (ResolverConfiguration) so that it needs no network.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"
if ! command -v openssl >/dev/null 2>&1; then
	echo "1..0 # SKIP openssl not found"
	exit 0
fi
if ! sh "$ZL_SRCDIR/tests/unit/gen_dkim_keys.sh" keys >keys.log 2>&1; then
	not_ok "gen_dkim_keys.sh makes the test keys"
	sed 's/^/# /' keys.log
	finish
fi
chmod 600 keys/*.pem

key() { cat "keys/$1.b64"; }
# strings TEXT: TEXT as TXT character-strings of 200 octets (opendkim-genkey
# style, several strings on one line)
strings() { printf '%s' "$1" | fold -w 200 | sed 's/.*/"&"/' | tr '\n' ' '; }

# lint NAME RDATA...: a zone with "s1._domainkey IN TXT RDATA" for each RDATA
lint() {
	local name=$1 r
	shift
	{
		header
		for r in "$@"; do printf 's1._domainkey IN TXT %s\n' "$r"; done
	} >"$name.zone"
	"$ZONELINT" check --no-config --fail-on never "$name.zone" >"$name.out" 2>&1
}
# rules NAME: the dkim- rules that fired, sorted, space-separated
rules() {
	grep -o '\[dkim-[a-z0-9-]*\]' "$1.out" | tr -d '[]' | sort -u | tr '\n' ' ' | sed 's/ $//'
}
# expect DESC NAME "RULES" [PATTERN]: exactly those dkim- rules fired, and
# (if given) a finding's message matches PATTERN (grep -E)
expect() {
	local d=$1 name=$2 want=$3 pat=${4:-} got
	got=$(rules "$name")
	if [ "$got" != "$want" ]; then
		not_ok "$d: rules '$got', wanted '$want'"
		sed 's/^/# /' "$name.out"
	elif [ -n "$pat" ] && ! grep -Eq "$pat" "$name.out"; then
		not_ok "$d: no message matching '$pat'"
		sed 's/^/# /' "$name.out"
	else
		ok "$d"
	fi
}

K512=$(key rsa512.spki) K1024=$(key rsa1024.spki) K2048=$(key rsa2048.spki)
K4096=$(key rsa4096.spki) ED=$(key ed25519.raw) EDSPKI=$(key ed25519.spki)

# ---- real keys, every size and form ----
lint r512 "$(strings "v=DKIM1; k=rsa; p=$K512")"
expect "RSA 512 is too small" r512 dkim-key-too-small "error: rsa 512-bit key is shorter than 1024"
lint r1024 "$(strings "v=DKIM1; k=rsa; p=$K1024")"
expect "RSA 1024 is weak" r1024 dkim-key-weak "warning: rsa 1024-bit key"
lint r2048 "$(strings "v=DKIM1; k=rsa; p=$K2048")"
expect "RSA 2048 split over two strings is fine" r2048 ""
lint r4096 "\"v=DKIM1; k=rsa; \" \"p=${K4096:0:150} \" \" ${K4096:150:250}\" \"${K4096:400}\""
expect "RSA 4096 over four strings, with spaces inside the value, is fine" r4096 ""
lint nov "$(strings "p=$K2048")"
expect "a key record with no v= and no k= is fine" nov ""
lint ed "\"v=DKIM1; k=ed25519; p=$ED\""
expect "raw Ed25519 is fine" ed ""
lint edspki "\"v=DKIM1; k=ed25519; p=$EDSPKI\""
expect "Ed25519 SubjectPublicKeyInfo is invalid" edspki dkim-key-invalid \
	"ed25519 key is a 44-byte SubjectPublicKeyInfo"
check "... and the suggestion holds the raw key" grep -q "suggestion: .*k=ed25519; p=$ED\"" \
	edspki.out
lint ednok "\"v=DKIM1; p=$ED\""
expect "raw Ed25519 without k=ed25519 is a type mismatch" ednok dkim-key-type-mismatch \
	"32 raw bytes, an ed25519 key"
lint rsaed "$(strings "v=DKIM1; k=ed25519; p=$K2048")"
expect "RSA under k=ed25519 is a type mismatch" rsaed dkim-key-type-mismatch \
	"k=ed25519 but p= holds a 2048-bit RSA key"
lint ec "$(strings "v=DKIM1; k=rsa; p=$(key ec256.spki)")"
expect "an EC key is a type mismatch" ec dkim-key-type-mismatch "EC \(256 bits\)"
lint pss "$(strings "v=DKIM1; k=rsa; p=$(key rsapss1024.spki)")"
expect "an RSA-PSS key is a type mismatch" pss dkim-key-type-mismatch "RSA-PSS \(1024 bits\)"
lint pk2048 "$(strings "v=DKIM1; k=rsa; p=$(key rsa2048.pkcs1)")"
expect "bare RSAPublicKey is a format warning" pk2048 dkim-key-format \
	"rsa 2048-bit key is a bare RSAPublicKey"
lint pk1024 "$(strings "v=DKIM1; k=rsa; p=$(key rsa1024.pkcs1)")"
expect "bare 1024-bit RSAPublicKey: format and weak" pk1024 "dkim-key-format dkim-key-weak"

# ---- malformed keys ----
lint badchar "$(strings "v=DKIM1; k=rsa; p=${K2048:0:40}*${K2048:41}")"
expect "a bad base64 character" badchar dkim-key-base64 "invalid base64 character '\*' at offset 40"
lint lost "$(strings "v=DKIM1; k=rsa; p=${K2048:0:199}${K2048:200}")"
expect "a lost character (bad length)" lost dkim-key-base64 "not a multiple of 4"
lint pad "$(strings "v=DKIM1; k=rsa; p=${K2048:0:100}=${K2048:100}")"
expect "padding in the middle" pad dkim-key-base64 "'=' padding"
lint trunc "$(strings "v=DKIM1; k=rsa; p=${K2048:0:200}")"
expect "truncated DER" trunc dkim-key-invalid "truncated: its DER header announces 294 bytes"
lint garbage "\"v=DKIM1; k=rsa; p=SGVsbG8gd29ybGQsIHRoaXMgaXMgbm90IGEga2V5Lg==\""
expect "base64 that is not a key" garbage dkim-key-invalid "neither a SubjectPublicKeyInfo"
lint edshort "\"v=DKIM1; k=ed25519; p=${ED:0:40}\""
expect "Ed25519 of 30 bytes" edshort dkim-key-invalid "ed25519 key is 30 bytes"

# ---- revoked keys and the hardened parked set ----
lint revoked '"v=DKIM1; p="'
expect "an empty p= (revoked) is not reported" revoked ""
{ header; printf '*._domainkey IN TXT "v=DKIM1; p="\n'; } >parked.zone
"$ZONELINT" check --no-config --fail-on never parked.zone >parked.out 2>&1
expect "the parked *._domainkey revocation is not reported" parked ""

# ---- tags ----
lint testing "$(strings "v=DKIM1; k=rsa; t=y; p=$K2048")"
expect "t=y is info naming the key" testing dkim-testing \
	"info: testing mode \(t=y\) on the rsa 2048-bit key"
lint sha1 "$(strings "v=DKIM1; h=sha1; k=rsa; p=$K2048")"
expect "h=sha1 alone" sha1 dkim-hash-sha1 "warning: h=sha1 restricts the rsa 2048-bit key"
lint sha1both "$(strings "v=DKIM1; h=sha1:sha256; k=rsa; p=$K2048")"
expect "h=sha1:sha256 is fine" sha1both ""
lint v2 "$(strings "v=DKIM2; p=$K2048")"
expect "v=DKIM2" v2 dkim-version "v='DKIM2' is not 'DKIM1'.*rsa 2048-bit key"
lint dup "$(strings "v=DKIM1; k=rsa; p=$K2048; p=$K1024")"
expect "duplicate p=" dup dkim-syntax "duplicate tag 'p'"
lint two "$(strings "v=DKIM1; k=rsa; p=$K2048")" "\"v=DKIM1; k=ed25519; p=$ED\""
expect "two keys at one selector" two dkim-multiple-keys \
	"this one an ed25519 256-bit key, the one at line 8 an rsa 2048-bit key"
lint foreign '"MS=ms12345678"'
expect "a foreign TXT at a selector" foreign dkim-not-a-key "'MS=ms12345678'"

# ---- records quoted in public guides ----
# RFC 6376 appendix C (the 1024-bit example key), written relative to
# $ORIGIN _domainkey.example.com as the RFC does
{
	header
	printf '$ORIGIN _domainkey.example.com.\n'
	printf 'brisbane IN TXT ("v=DKIM1; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQ"\n'
	printf '                 "KBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYt"\n'
	printf '                 "IxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v"\n'
	printf '                 "/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhi"\n'
	printf '                 "tdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB")\n'
} >rfc6376.zone
"$ZONELINT" check --no-config --fail-on never rfc6376.zone >rfc6376.out 2>&1
expect "RFC 6376 appendix C record: 1024 bits, weak" rfc6376 dkim-key-weak "rsa 1024-bit key"
# RFC 8463 appendix A.2, both records
{
	header football.example.com.
	printf 'brisbane._domainkey IN TXT (\n "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")\n'
	printf 'test._domainkey IN TXT (\n "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR"\n'
	printf ' "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC"\n'
	printf ' "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3"\n'
	printf ' "Ip3G+2kryOTIKT+l/K4w3QIDAQAB")\n'
} >rfc8463.zone
"$ZONELINT" check --no-config --fail-on never rfc8463.zone >rfc8463.out 2>&1
expect "RFC 8463 appendix A.2: ed25519 fine, the 1024-bit RSA test key weak" rfc8463 \
	dkim-key-weak "rfc8463.zone:[0-9]+: warning: rsa 1024-bit key"
check "... and only the RSA record is reported" test "$(grep -c '\[dkim-' rfc8463.out)" = 1

# every finding about a key names its type and size
check "key findings name type and size" sh -c '! grep -h \
	"\[dkim-key-\(too-small\|weak\|format\|type-mismatch\)\]" *.out |
	grep -Ev "(rsa [0-9]+-bit|ed25519 key|[0-9]+-bit RSA|\([0-9]+ bits\))"'

# ---- zonelint generate dkim ----
# pval FILE: the p= value of the record in FILE, strings joined
pval() { grep -v '^;' "$1" | grep -o '"[^"]*"' | tr -d '"\n' | sed 's/.*p=//'; }
for k in rsa1024.priv rsa2048.priv rsa2048.pub rsa2048.rsapriv rsa2048.rsapub rsa4096.priv \
	ed25519.priv ed25519.pub; do
	status "generate dkim --key $k.pem" 0 "$ZONELINT" generate dkim --selector s1 \
		--key "keys/$k.pem" --domain example.com
	cp "$T/.out" "gen-$k.txt"
	case $k in ed25519*) want=$(key ed25519.raw) ;; *) want=$(key "${k%%.*}.spki") ;; esac
	check "... its p= is the key's (${k%%.*})" test "$(pval "gen-$k.txt")" = "$want"
	check "... no string is over 255 octets" sh -c \
		'! grep -o "\"[^\"]*\"" "$1" | awk "length(\$0) > 257" | grep -q .' _ "gen-$k.txt"
done
check "the 1024-bit key gets a warning comment" grep -q '^; warning: a 1024-bit RSA key is weak' \
	gen-rsa1024.priv.txt
{ header; grep -v '^;' gen-rsa4096.priv.txt; grep -v '^;' gen-ed25519.pub.txt |
	sed 's/^s1\./s2./'; } >roundtrip.zone
"$ZONELINT" check --no-config --fail-on never roundtrip.zone >roundtrip.out 2>&1
expect "what generate prints lints clean" roundtrip ""
if command -v named-checkzone >/dev/null 2>&1; then
	check "... and loads in named-checkzone" named-checkzone -q example.com roundtrip.zone
fi
status "no --domain: exit 0" 0 "$ZONELINT" generate dkim --selector Sel.2026 \
	--key keys/ed25519.pub.pem
check "... with the relative owner, lower case" \
	grep -q '^sel.2026._domainkey 3600 IN TXT "v=DKIM1; k=ed25519; p=' "$T/.out"
status "--format json" 0 "$ZONELINT" generate dkim --selector s1 --key keys/rsa2048.pub.pem \
	--domain example.com --format json
check "... is a JSON document with the record text" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
r = d["blocks"][0]["records"][0]
assert d["kind"] == "dkim" and r["owner"] == "s1._domainkey.example.com." and r["type"] == "TXT"
assert r["text"] == "v=DKIM1; k=rsa; p=" + open(sys.argv[2]).read().strip()' "$T/.out" keys/rsa2048.spki.b64
# refusals: exit 2, nothing on stdout, one line on stderr
refuse() {
	local d=$1 pat=$2
	shift 2
	status "$d: exit 2" 2 "$ZONELINT" generate dkim "$@"
	if [ -s "$T/.out" ] || [ "$(wc -l <"$T/.err")" -ne 1 ] ||
		! grep -q -e "$pat" "$T/.err"; then
		not_ok "$d: nothing on stdout, one line on stderr matching '$pat'"
		sed 's/^/# err: /' "$T/.err"
	else
		ok "$d: one clear line"
	fi
}
refuse "a 512-bit key" "512-bit RSA key; RFC 8301 section 3.2 forbids" --selector s1 \
	--key keys/rsa512.priv.pem
refuse "an encrypted key" "encrypted private key" --selector s1 --key keys/rsa1024.enc.pem
refuse "an encrypted traditional key" "encrypted private key" --selector s1 \
	--key keys/rsa1024.enctrad.pem
refuse "an EC key" "key of type EC" --selector s1 --key keys/ec256.priv.pem
refuse "not a key" "no PEM public or private key" --selector s1 --key keys/MANIFEST
refuse "a missing file" "cannot read" --selector s1 --key keys/nosuch.pem
refuse "no --selector" "are required" --key keys/rsa2048.pub.pem
refuse "a bad selector" "is not a selector" --selector 's 1' --key keys/rsa2048.pub.pem
refuse "a bad domain" "not a domain" --selector s1 --key keys/rsa2048.pub.pem --domain 'ex ample'
refuse "nsupdate without --domain" "--format" --selector s1 --key keys/rsa2048.pub.pem \
	--format nsupdate

# against opendkim-genkey: same key, same p=
if command -v opendkim-genkey >/dev/null 2>&1; then
	mkdir og && (cd og && opendkim-genkey -b 2048 -d example.com -s s1)
	status "generate dkim --key s1.private (from opendkim-genkey)" 0 "$ZONELINT" generate dkim \
		--selector s1 --key og/s1.private --domain example.com
	cp "$T/.out" og/zonelint.txt
	check "... p= equals opendkim-genkey's s1.txt" \
		test "$(pval og/zonelint.txt)" = "$(pval og/s1.txt)"
	check "... and is not empty" test -n "$(pval og/s1.txt)"
else
	ok "# SKIP opendkim-genkey not installed"
fi

# ---- verdicts against opendkim-testkey ----
# opendkim-testkey -k checks a published key against the private key; with
# ResolverConfiguration it reads an unbound configuration, whose local-data
# serves the records without any network.  Each case: selector, private key,
# TXT rdata, what opendkim-testkey says (ok or the start of its complaint),
# and the worst zonelint severity (none, info, warning, error).  Where the two
# differ the comment says why.  opendkim-testkey cannot test Ed25519 keys
# (it wants an RSA private key), so those are not compared.
if command -v opendkim-testkey >/dev/null 2>&1; then
	cases=(
		"good|rsa2048|$(strings "v=DKIM1; k=rsa; p=$K2048")|ok|none"
		"big|rsa4096|$(strings "v=DKIM1; k=rsa; p=$K4096")|ok|none"
		"weak|rsa1024|$(strings "v=DKIM1; k=rsa; p=$K1024")|ok|warning"
		# testkey does not check the size; OpenDKIM's verifier refuses keys
		# under MinimumKeyBits (1024 by default)
		"tiny|rsa512|$(strings "v=DKIM1; k=rsa; p=$K512")|ok|error"
		"pkcs1|rsa2048|$(strings "v=DKIM1; k=rsa; p=$(key rsa2048.pkcs1)")|keys do not match|warning"
		"cut|rsa2048|\"v=DKIM1; k=rsa; \" \"p=${K2048:0:200}\"|keys do not match|error"
		"b64|rsa2048|$(strings "v=DKIM1; k=rsa; p=${K2048:0:40}*${K2048:41}")|keys do not match|error"
		"v2|rsa2048|$(strings "v=DKIM2; k=rsa; p=$K2048")|invalid key version|error"
		"vlow|rsa2048|$(strings "v=dkim1; k=rsa; p=$K2048")|invalid key version|error"
		"dsa|rsa2048|$(strings "v=DKIM1; k=dsa; p=$K2048")|unknown key type|error"
		"nop|rsa2048|\"v=DKIM1; k=rsa\"|key missing|error"
		"web|rsa2048|$(strings "v=DKIM1; k=rsa; s=web; p=$K2048")|key type mismatch|error"
		"junk|rsa2048|\"google-site-verification=abc\"|key missing|warning"
		# OpenDKIM reads these leniently; the RFC does not
		"vlate|rsa2048|$(strings "k=rsa; v=DKIM1; p=$K2048")|ok|warning"
		"dup|rsa2048|$(strings "v=DKIM1; k=rsa; k=rsa; p=$K2048")|ok|error"
		# testkey does not look at h= or t=
		"sha1|rsa2048|$(strings "v=DKIM1; h=sha1; k=rsa; p=$K2048")|ok|warning"
		"ty|rsa2048|$(strings "v=DKIM1; k=rsa; t=y; p=$K2048")|ok|info"
		"krsa|rsa2048|$(strings "v=DKIM1; k=RSA; p=$K2048")|ok|info"
	)
	{
		printf 'server:\n\tmodule-config: "iterator"\n\tlocal-zone: "example.com." static\n'
		for c in "${cases[@]}"; do
			IFS='|' read -r sel _ rd _ _ <<<"$c"
			printf "\tlocal-data: '%s._domainkey.example.com. 300 IN TXT %s'\n" "$sel" "$rd"
		done
	} >unbound.conf
	printf 'ResolverConfiguration %s/unbound.conf\n' "$T" >opendkim.conf
	if opendkim-testkey -x opendkim.conf -d example.com -s good -k keys/rsa2048.priv.pem \
		>/dev/null 2>&1; then
		for c in "${cases[@]}"; do
			IFS='|' read -r sel priv rd tk zl <<<"$c"
			got=$(opendkim-testkey -x opendkim.conf -d example.com -s "$sel" \
				-k "keys/$priv.priv.pem" 2>&1 |
				grep -v 'not secure\|checking key\|key loaded')
			[ -z "$got" ] && got=ok
			case $got in *"$tk"*) ok "opendkim-testkey on '$sel': $tk" ;;
			*) not_ok "opendkim-testkey on '$sel': '$got', wanted '$tk'" ;; esac
			{ header; printf '%s._domainkey IN TXT %s\n' "$sel" "$rd"; } >"tk-$sel.zone"
			"$ZONELINT" check --no-config --fail-on never "tk-$sel.zone" \
				>"tk-$sel.out" 2>&1
			worst=none
			for s in info warning error; do
				grep -q ": $s: .*\[dkim-" "tk-$sel.out" && worst=$s
			done
			if [ "$worst" = "$zl" ]; then ok "zonelint on '$sel': $zl"; else
				not_ok "zonelint on '$sel': $worst, wanted $zl"
				sed 's/^/# /' "tk-$sel.out"
			fi
		done
	else
		ok "# SKIP opendkim-testkey cannot read a local unbound configuration here"
	fi
else
	ok "# SKIP opendkim-testkey not installed"
fi
finish
