#!/bin/bash
# dnssec- rules against ldns-verify-zone (and kzonecheck): zones are signed
# here, at test time, with dates relative to now, so no signature in the
# repository can expire.  Every zone ldns-verify-zone rejects must get a
# dnssec- error from zonelint; the valid ones must get none.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"

for tool in ldns-keygen ldns-signzone ldns-verify-zone; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool is not installed"
		exit 0
	fi
done
have_knot=0
quiet() { "$@" >/dev/null 2>&1; }
command -v kzonecheck >/dev/null 2>&1 && have_knot=1

now=$(date +%s)
day=86400
cat >base.zone <<'EOF'
$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600
@ IN NS ns1
@ IN NS ns2
ns1 IN A 192.0.2.1
ns2 IN A 192.0.2.2
@ IN MX 10 mx1
mx1 IN A 192.0.2.25
www IN A 192.0.2.80
*.wild IN A 192.0.2.99
a.b.c IN TXT "an empty non-terminal above"
srv._tcp IN SRV 0 0 25 mx1
sub IN NS ns.sub
ns.sub IN A 192.0.2.53
sec IN NS ns.sub
sec IN DS 12345 13 2 0000000000000000000000000000000000000000000000000000000000000000
EOF

ksk=$(ldns-keygen -a ECDSAP256SHA256 -k example.com) || exit 2
zsk=$(ldns-keygen -a ECDSAP256SHA256 example.com) || exit 2
ed=$(ldns-keygen -a ED25519 -k example.com) || exit 2
rsa=$(ldns-keygen -a RSASHA256 -b 2048 -k example.com) || exit 2
keys="$ksk $zsk"
valid() { [ -z "$1" ] || echo "$1" >>valid.list; }
sign() {	# sign OUT [ldns-signzone options]
	local out=$1
	shift
	ldns-signzone -o example.com -f "$out" "$@" >/dev/null 2>&1 || {
		not_ok "ldns-signzone made $out"
		return 1
	}
}
past="-i $((now - 30 * day)) -e $((now - day))"
cur="-i $((now - day)) -e $((now + 30 * day))"

sign valid-nsec.zone $cur base.zone $keys
sign valid-nsec3.zone -n -t 0 $cur base.zone $keys
sign valid-optout.zone -n -p -t 0 $cur base.zone $keys
sign valid-ed25519.zone $cur base.zone $ed
sign valid-rsa.zone -n -t 0 $cur base.zone $rsa
sign expired.zone $past base.zone $keys
sign future.zone -i $((now + day)) -e $((now + 30 * day)) base.zone $keys
sign expiring.zone -i $((now - day)) -e $((now + 3 * day)) base.zone $keys
sign nsec3-iterations.zone -n -t 10 -s beef $cur base.zone $keys
# made from the valid zones by hand, the way zones break in real life
sed 's/192\.0\.2\.80/192.0.2.81/' valid-nsec.zone >tampered.zone
sed 's/192\.0\.2\.80/192.0.2.81/' valid-ed25519.zone >tampered-ed25519.zone
sed 's/192\.0\.2\.80/192.0.2.81/' valid-rsa.zone >tampered-rsa.zone
awk '$1 == "mx1.example.com." && $4 == "RRSIG" && $5 == "A" { next } { print }' \
	valid-nsec.zone >missing-rrsig.zone
{ cat valid-nsec3.zone; echo 'new.example.com. 3600 IN A 192.0.2.77'; } >unsigned-addition.zone
awk '$4 == "NSEC" && $1 == "www.example.com." { next } { print }' valid-nsec.zone >nsec-gap.zone
awk '$4 == "NSEC3" && !done { done = 1; next } { print }' valid-nsec3.zone >nsec3-gap.zone
grep -v 'IN	DNSKEY' valid-nsec.zone >no-dnskey.zone
other=$(ldns-keygen -a ECDSAP256SHA256 -k example.com) || exit 2
{ grep -v 'IN	DNSKEY	257' valid-nsec.zone; cat "$other.key"; } >other-dnskey.zone

lint_errors() {	# dnssec- errors zonelint reports for a zone
	"$ZONELINT" check --no-config --origin example.com --fail-on never "$1" |
		grep -E ': error: .*\[dnssec-[a-z0-9-]+\]$'
}
lint_owners() {	# owners of the dnssec- errors, one a line
	"$ZONELINT" check --no-config --origin example.com --fail-on never --format json "$1" |
		python3 -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    if f["rule"].startswith("dnssec-") and f["severity"] == "error":
        print(f["owner"])' | sort -u
}
has_rule() {	# has_rule ZONE RULE SEVERITY
	"$ZONELINT" check --no-config --origin example.com --fail-on never "$1" |
		grep -qE ": $3: .*\[$2\]\$"
}

# 1. the valid zones: ldns-verify-zone accepts them, zonelint has no error
for z in valid-nsec valid-nsec3 valid-optout valid-ed25519 valid-rsa; do
	check "ldns-verify-zone accepts $z" quiet ldns-verify-zone "$z.zone"
	if [ -z "$(lint_errors "$z.zone")" ]; then ok "$z: no dnssec- error"; else
		not_ok "$z: no dnssec- error"
		lint_errors "$z.zone" | sed 's/^/# /'
	fi
	[ $have_knot = 1 ] && check "kzonecheck accepts $z" \
		quiet kzonecheck -o example.com -d on "$z.zone"
done

# 2. every zone ldns-verify-zone (or kzonecheck) rejects gets a dnssec- error
for z in expired future tampered tampered-ed25519 tampered-rsa missing-rrsig unsigned-addition nsec-gap \
	nsec3-gap no-dnskey other-dnskey; do
	if ldns-verify-zone "$z.zone" >/dev/null 2>&1; then
		not_ok "ldns-verify-zone rejects $z"
	else
		ok "ldns-verify-zone rejects $z"
	fi
	if [ $have_knot = 1 ] && kzonecheck -o example.com -d on "$z.zone" >/dev/null 2>&1 &&
	   [ "$z" != future ] && [ "$z" != expired ]; then
		echo "# kzonecheck accepts $z"
	fi
	if [ -n "$(lint_errors "$z.zone")" ]; then ok "zonelint reports a dnssec- error in $z"
	else not_ok "zonelint reports a dnssec- error in $z"; fi
done

# 3. the owner names ldns-verify-zone names are the ones zonelint names
for z in tampered missing-rrsig unsigned-addition nsec-gap; do
	want=$(ldns-verify-zone "$z.zone" 2>&1 | sed -n 's/^Error: .* for \([^ 	]*\).*/\1/p' |
		tr 'A-Z' 'a-z' | sort -u)
	got=$(lint_owners "$z.zone")
	miss=$(comm -23 <(echo "$want") <(echo "$got"))
	if [ -z "$miss" ]; then ok "$z: zonelint names every owner ldns-verify-zone names"; else
		not_ok "$z: zonelint names every owner ldns-verify-zone names"
		echo "$miss" | sed 's/^/# missing: /'
	fi
done

# 4. the right rule for each problem
check "expired: dnssec-signature-expired" has_rule expired.zone dnssec-signature-expired error
check "future: dnssec-signature-not-yet-valid" \
	has_rule future.zone dnssec-signature-not-yet-valid error
check "tampered: dnssec-signature-invalid" has_rule tampered.zone dnssec-signature-invalid error
check "missing RRSIG: dnssec-rrsig-missing" \
	has_rule missing-rrsig.zone dnssec-rrsig-missing error
check "record added after signing: dnssec-rrsig-missing" \
	has_rule unsigned-addition.zone dnssec-rrsig-missing error
check "record added after signing: dnssec-nsec-chain" \
	has_rule unsigned-addition.zone dnssec-nsec-chain error
check "NSEC removed: dnssec-nsec-chain" has_rule nsec-gap.zone dnssec-nsec-chain error
check "NSEC3 removed: dnssec-nsec-chain" has_rule nsec3-gap.zone dnssec-nsec-chain error
check "no DNSKEY: dnssec-dnskey-missing" has_rule no-dnskey.zone dnssec-dnskey-missing error
check "KSK replaced: dnssec-signature-invalid on the DNSKEY RRset" sh -c \
	"'$ZONELINT' check --no-config --origin example.com other-dnskey.zone |
	 grep -q 'DNSKEY RRset.*dnssec-signature-invalid'"
check "expired: one finding for the zone, with the count" sh -c \
	"'$ZONELINT' check --no-config --origin example.com expired.zone |
	 grep -c 'dnssec-signature-expired' | grep -qx 1"

# validns (its ECDSA support fails with OpenSSL 3, so RSA zones only)
if command -v validns >/dev/null 2>&1; then
	check "validns accepts valid-rsa" quiet validns -z example.com valid-rsa.zone
	if quiet validns -z example.com tampered-rsa.zone; then
		not_ok "validns rejects tampered-rsa"
	else ok "validns rejects tampered-rsa"; fi
fi

# 5. expiring soon: ldns-verify-zone -e P7D rejects it, zonelint warns
check "ldns-verify-zone accepts expiring" quiet ldns-verify-zone expiring.zone
if ldns-verify-zone -e P7D expiring.zone >/dev/null 2>&1; then
	not_ok "ldns-verify-zone -e P7D rejects expiring"
else ok "ldns-verify-zone -e P7D rejects expiring"; fi
check "expiring: dnssec-signature-expiring warning" \
	has_rule expiring.zone dnssec-signature-expiring warning
printf 'dnssec:\n  expiry-warning-days: 2\n' >short.yaml
check "expiry-warning-days 2: no warning for 3 days left" sh -c \
	"! '$ZONELINT' check --config short.yaml --origin example.com expiring.zone |
	 grep -q dnssec-signature-expiring"
check "a valid zone gets no expiry warning" sh -c \
	"! '$ZONELINT' check --no-config --origin example.com valid-nsec.zone |
	 grep -q dnssec-signature-expiring"

# 6. NSEC3 parameters (RFC 9276): ldns accepts, zonelint warns
check "ldns-verify-zone accepts nsec3-iterations" quiet ldns-verify-zone nsec3-iterations.zone
check "nsec3-iterations: no dnssec- error" sh -c "[ -z \"\$(
	'$ZONELINT' check --no-config --origin example.com nsec3-iterations.zone |
	grep -E ': error: .*\[dnssec-')\" ]"
check "nsec3-iterations: dnssec-nsec3-params warning" \
	has_rule nsec3-iterations.zone dnssec-nsec3-params warning
check "valid NSEC3 zone: no dnssec-nsec3-params" sh -c \
	"! '$ZONELINT' check --no-config --origin example.com valid-nsec3.zone |
	 grep -q dnssec-nsec3-params"

# 7. DS at a delegation against the loaded child zone
mkdir ds && cd ds || exit 2
printf '$ORIGIN sub.example.com.\n$TTL 3600\n@ IN SOA ns1.example.net. h.example.net. 1 7200 3600 1209600 3600\n@ IN NS ns1.example.net.\n@ IN NS ns2.example.net.\nwww IN A 192.0.2.81\n' >child.in
ck=$(ldns-keygen -a ED25519 -k sub.example.com) || exit 2
ck2=$(ldns-keygen -a ED25519 -k sub.example.com) || exit 2
ldns-signzone -o sub.example.com -f sub.example.com.zone $cur child.in "$ck" >/dev/null 2>&1
parent() {
	printf '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1.example.net. h.example.net. 1 7200 3600 1209600 3600\n@ IN NS ns1.example.net.\n@ IN NS ns2.example.net.\nsub IN NS ns1.example.net.\nsub IN NS ns2.example.net.\n'
	sed 's/^sub\.example\.com\.[[:space:]]*/sub /' "$1"
}
parent "$ck.ds" >example.com.zone
check "DS matching the child's key: no dnssec- finding above info" sh -c \
	"! '$ZONELINT' check --no-config . | grep -E ': (error|warning): .*\\[dnssec-'"
parent "$ck2.ds" >example.com.zone
status "DS of another key: an error" 1 "$ZONELINT" check --no-config .
check "DS of another key: dnssec-ds-mismatch" grep -q 'dnssec-ds-mismatch' "$T/.out"
cd .. || exit 2

finish
