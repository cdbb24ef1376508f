#!/bin/bash
# The dmarc-, mtasts-, tlsrpt- and bimi- families over whole zones: report
# authorization across zones, the strength findings, the RFC 9989 tree walk,
# a strong setup that yields nothing above info, and hostile record sizes.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"
run() { timeout 60 "$ZONELINT" check --no-config --fail-on never "$@"; }
# has RULE OWNER: the last run reported RULE at OWNER
has() { grep -q "\[$1\]" "$T/.out" && grep "\[$1\]" "$T/.out" | grep -qF -- "$2"; }
hasnt() { ! grep -q "\[$1\]" "$T/.out"; }
# a zone file for ORIGIN with the standard header and the given records
zone() {
	local o=$1
	shift
	{
		printf '$ORIGIN %s\n$TTL 3600\n' "$o"
		printf '@ IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 3600\n'
		printf '@ IN NS ns1.example.com.\n@ IN NS ns2.example.com.\n'
		[ "$o" = example.com. ] && printf 'ns1 IN A 192.0.2.1\nns2 IN A 192.0.2.2\n'
		printf '%s\n' "$@"
	} >"${o%.}.zone"
}
src=$ZL_SRCDIR/zones-examples

# ---- the folder the issue asks for: exactly what to add, and where ----
status "dmarc-report-auth folder" 0 run "$src/dmarc-report-auth"
check "the missing authorization is a warning at the _dmarc record" \
	grep -q "example.com.zone:16: warning: .*\[dmarc-report-auth-missing\]" "$T/.out"
check "the message names the report domain's zone" \
	grep -q "add it to zone 'example.net.'" "$T/.out"
check "the suggestion is the exact record to add" \
	grep -qxF '    suggestion: example.com._report._dmarc.example.net. 3600 IN TXT "v=DMARC1"' \
	"$T/.out"
check "the authorized domain is not reported stale (its zone is not loaded)" \
	sh -c '! grep -q dmarc-report-auth-stale "$1"' _ "$T/.out"
"$ZONELINT" check --no-config --fail-on never --format json "$src/dmarc-report-auth" >auth.json
check "JSON carries the same suggestion" python3 -c '
import json, sys
f = [x for x in json.load(open("auth.json"))["findings"] if x["rule"] == "dmarc-report-auth-missing"]
assert len(f) == 1, f
assert f[0]["owner"] == "_dmarc.example.com." and f[0]["type"] == "TXT", f
assert f[0]["suggestion"] == "example.com._report._dmarc.example.net. 3600 IN TXT \"v=DMARC1\"", f
'

# ---- report authorization across two zones: present, missing, wildcard, wrong ----
mkdir auth && cd auth || exit 2
zone example.com. \
	'_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:a@example.net"' \
	'_dmarc.ok IN TXT "v=DMARC1; p=reject; rua=mailto:a@example.net"' \
	'_dmarc.bad IN TXT "v=DMARC1; p=reject; rua=mailto:a@example.net"' \
	'_dmarc.wild IN TXT "v=DMARC1; p=reject; rua=mailto:a@example.org"' \
	'_dmarc.same IN TXT "v=DMARC1; p=reject; rua=mailto:a@mail.example.com"'
zone example.net. \
	'ok.example.com._report._dmarc IN TXT "v=DMARC1"' \
	'bad.example.com._report._dmarc IN TXT "v=spf1 -all"' \
	'gone.example.com._report._dmarc IN TXT "v=DMARC1"'
zone example.org. '*._report._dmarc IN TXT "v=DMARC1;"'
cd .. || exit 2
status "two zones with report addresses in each other" 0 run auth
check "missing: example.com is not authorized" has dmarc-report-auth-missing \
	"'rua' of 'example.com.' sends reports to 'example.net', which does not authorize"
check "missing: the suggestion names the record" grep -qF \
	'suggestion: example.com._report._dmarc.example.net. 3600 IN TXT "v=DMARC1"' "$T/.out"
check "present: ok.example.com is authorized" sh -c \
	'! grep "dmarc-report-auth" "$1" | grep -qF "'\''ok.example.com.'\''"' _ "$T/.out"
check "wrong text: reported at the policy" has dmarc-report-auth-missing \
	"the authorization record at 'bad.example.com._report._dmarc.example.net.'"
check "wrong text: and at the authorization record itself, as an error" grep -q \
	"example.net.zone:7: error: .*'v=spf1 -all' instead of 'v=DMARC1'.*\[dmarc-report-auth-invalid\]" \
	"$T/.out"
check "wildcard authorization counts" sh -c \
	'! grep "dmarc-report-auth" "$1" | grep -q "wild.example.com"' _ "$T/.out"
check "an address in the same organization needs none" sh -c \
	'! grep "dmarc-report-auth" "$1" | grep -q "same.example.com"' _ "$T/.out"
check "an authorization nobody uses any more is stale" has dmarc-report-auth-stale \
	"'gone.example.com.' to 'example.net', but it has no DMARC record"
check "exactly two missing authorizations" \
	test "$(grep -c '\[dmarc-report-auth-missing\]' "$T/.out")" -eq 2

# ---- strength ----
mkdir strength && cd strength || exit 2
zone example.com. '@ IN MX 10 mail' 'mail IN A 192.0.2.25' '@ IN TXT "v=spf1 mx -all"' \
	'_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:d@example.com"' \
	'_dmarc.pct IN TXT "v=DMARC1; p=reject; pct=10; rua=mailto:d@example.com"' \
	'_dmarc.sp IN TXT "v=DMARC1; p=reject; sp=none; rua=mailto:d@example.com"' \
	'_dmarc.norua IN TXT "v=DMARC1; p=quarantine"' \
	'_dmarc.test IN TXT "v=DMARC1; p=reject; t=y; rua=mailto:d@example.com"' \
	'_dmarc.ruf IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com; ruf=mailto:d@example.com"' \
	'nosec IN MX 10 mail' \
	'_dmarc.nosec IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"'
cd .. || exit 2
status "strength findings" 0 run strength
check "p=none is a warning" grep -q "warning: DMARC policy 'p=none' of 'example.com.'.*\[dmarc-policy-none\]" "$T/.out"
check "pct below 100 is a warning" grep -q "warning: 'pct=10'.*\[dmarc-pct\]" "$T/.out"
check "sp=none under p=reject is a warning" grep -q "warning: 'sp=none'.*'sp.example.com.'.*\[dmarc-sp-none\]" "$T/.out"
check "no rua is a warning" grep -q "warning: the DMARC record of 'norua.example.com.' has no 'rua'.*\[dmarc-no-rua\]" "$T/.out"
check "t=y is a warning" grep -q "warning: 't=y'.*\[dmarc-testing\]" "$T/.out"
check "ruf is advice" grep -q "info: the DMARC record of 'ruf.example.com.' asks for failure reports.*\[dmarc-ruf\]" "$T/.out"
check "enforced policy without SPF or DKIM on a mail domain" has dmarc-enforce-no-auth "'nosec.example.com.'"
check "pct is also obsolete under RFC 9989" has dmarc-obsolete "pct.example.com."

# ---- a strong, correct setup: nothing above info ----
status "dmarc-good has nothing above info" 0 "$ZONELINT" check --no-config --fail-on warning \
	"$src/dmarc-good"
mkdir parked && cd parked || exit 2
zone example.org. '@ IN MX 0 .' '@ IN TXT "v=spf1 -all"' \
	'_dmarc IN TXT "v=DMARC1; p=reject; sp=reject; adkim=s; aspf=s"'
cd .. || exit 2
status "a parked domain with p=reject and no rua" 0 run parked
check "is not asked for reports nor for SPF and DKIM" sh -c \
	'! grep -q "\[dmarc-" "$1"' _ "$T/.out"

# ---- the tree walk ----
mkdir walk && cd walk || exit 2
zone example.com. '@ IN MX 10 mail' 'mail IN A 192.0.2.25' '@ IN TXT "v=spf1 mx -all"' \
	'_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"' \
	'a.b.c.d.e.f.g IN MX 10 mail' 'news IN TXT "v=spf1 mx -all"'
zone example.org. '@ IN MX 10 mail.example.com.' \
	'_dmarc IN CNAME example.org._dmarc.provider.example.net.'
zone sub.example.com. '@ IN MX 10 mail.example.com.'
zone example. '_dmarc IN TXT "v=DMARC1; p=reject; psd=y"'
zone shop.example. '@ IN MX 10 mail.example.com.' '@ IN TXT "v=spf1 mx -all"'
cd .. || exit 2
status "tree walk over loaded zones" 0 run walk
check "subdomains covered by the organizational domain are not flagged" sh -c \
	'! grep "\[dmarc-missing" "$1" | grep -q "example.com\."' _ "$T/.out"
check "a child zone is covered by its loaded parent" sh -c \
	'! grep -q "sub.example.com.*dmarc-missing" "$1"' _ "$T/.out"
check "a _dmarc CNAME to a provider outside the loaded zones is not flagged" sh -c \
	'! grep -q "example.org.*dmarc-" "$1"' _ "$T/.out"
check "a psd=y record is not the domain's own" has dmarc-missing \
	"only the public suffix policy at '_dmarc.example.' (psd=y) applies"
mkdir walk8 && cd walk8 || exit 2
# x1...x7.example.com has 9 labels: RFC 9989 skips the 8-label name above it
zone example.com. 'x1.x2.x3.x4.x5.x6.x7 IN MX 10 mail.example.net.' \
	'_dmarc.x2.x3.x4.x5.x6.x7 IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"'
cd .. || exit 2
status "a 9-label name" 0 run walk8
check "the walk jumps to 7 labels, past the record at 8" has dmarc-missing \
	"covers the 1 name below it"

# ---- wildcards that answer _dmarc queries ----
mkdir wild && cd wild || exit 2
zone example.com. '* IN TXT "v=spf1 -all"' '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"'
zone example.net. '* IN TXT "v=spf1 -all"'
cd .. || exit 2
status "wildcard TXT" 0 run wild
check "covered by the fallback: advice naming the names" grep -q \
	"info: wildcard TXT at '\*.example.com.' also answers DMARC queries (for '_dmarc.<name>.example.com.'.*\[dmarc-wildcard-txt\]" \
	"$T/.out"
check "no fallback: a warning, which also names _dmarc of the apex" grep -q \
	"warning: .*'\*.example.net.'.*and '_dmarc.example.net.' itself.*\[dmarc-wildcard-uncovered\]" \
	"$T/.out"

# ---- MTA-STS, TLS-RPT, BIMI ----
mkdir tls && cd tls || exit 2
zone example.com. '@ IN MX 10 mail' 'mail IN A 192.0.2.25' '@ IN TXT "v=spf1 mx -all"' \
	'_dmarc IN TXT "v=DMARC1; p=quarantine; pct=50; rua=mailto:d@example.com"' \
	'_mta-sts IN TXT "v=STSv1; id=abc_1"' \
	'default._bimi IN TXT "v=BIMI1; l=https://example.com/logo.svg"'
cd .. || exit 2
status "MTA-STS, TLS-RPT and BIMI" 0 run tls
check "bad id is an error" grep -q "error: invalid value 'abc_1' for tag 'id'.*\[mtasts-syntax\]" "$T/.out"
check "missing policy host" has mtasts-policy-host "'mta-sts.example.com.'"
check "MTA-STS without TLS-RPT" has tlsrpt-missing "'_smtp._tls.example.com.'"
check "BIMI under pct=50" has bimi-dmarc-weak "it has 'pct=50'"

# ---- hostile sizes (issue #8): linear time, clear findings, no crash ----
mkdir big && cd big || exit 2
# a 1 MB DMARC record: ~4000 strings of 255 octets; DNS limits rdata to 65535
python3 -c '
s = "\"v=DMARC1; p=reject; \"\n" + "\n".join(["\"" + "a" * 255 + "\""] * 4000)
print("$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600")
print("@ IN NS ns1.example.com.\n@ IN NS ns2.example.com.")
print("_dmarc IN TXT ( " + s + " )")
' >example.com.zone
cd .. || exit 2
start=$(date +%s)
status "a 1 MB DMARC record" 0 run big
check "is refused with a clear finding" grep -q "longer than 65535.*\[zone-syntax\]" "$T/.out"
check "and the domain is then without DMARC" has dmarc-missing "'example.com.'"
mkdir big64 && cd big64 || exit 2
# the largest record DNS allows, full of unknown tags and invalid values
python3 -c '
body = "v=DMARC1; p=reject; rua=mailto:d@example.com; " + "".join("x%d=y; adkim=q; " % i for i in range(5000))
body = body[:65000]
parts = " ".join("\"%s\"" % body[i:i + 255] for i in range(0, len(body), 255))
print("$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600")
print("@ IN NS ns1.example.com.\n@ IN NS ns2.example.com.")
print("_dmarc IN TXT ( " + parts + " )")
' >example.com.zone
cd .. || exit 2
status "a 64 kB DMARC record of thousands of tags" 0 run big64
check "its problems are summed up, not listed one by one" grep -q \
	"more problems of this kind in the DMARC record of 'example.com.' are not listed" "$T/.out"
check "a handful of findings, not thousands" test "$(grep -c '\[dmarc-' "$T/.out")" -lt 20
mkdir many && cd many || exit 2
python3 -c '
print("$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600")
print("@ IN NS ns1.example.com.\n@ IN NS ns2.example.com.")
for i in range(20000):
    print("h%d IN MX 10 mail.example.net.\nh%d IN TXT \"v=spf1 mx -all\"" % (i, i))
' >example.com.zone
cd .. || exit 2
status "20000 mail names without DMARC" 0 run many
check "give one finding at the apex, counting them" has dmarc-missing \
	"covers the 20000 names below it"
end=$(date +%s)
check "the hostile cases take seconds, not minutes" test $((end - start)) -lt 60
finish
