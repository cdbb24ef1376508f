#!/bin/bash
# mx-, nullmx- and tlsa- rules: MX targets, reverse DNS across loaded zones
# (RFC 2317 included), null MX, implicit MX and the roles in the config.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"

# lint DIR: every finding as "rule owner" lines (JSON report)
lint() {
	local cfg=--no-config
	[ -f "$1/.zonelint.yaml" ] && cfg="--config $1/.zonelint.yaml"
	# shellcheck disable=SC2086
	"$ZONELINT" check $cfg --format json --fail-on never "$1" | python3 -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    print(f["rule"], f["owner"] or "-")' | sort >"$1.out"
}
has() { grep -qx "$2 $3" "$1.out"; }       # has DIR RULE OWNER
hasnt() { ! grep -q "^$2 ${3:-}" "$1.out"; } # hasnt DIR RULE [OWNER]

# ---- MX targets -------------------------------------------------------------
mkdir targets
{ header; cat <<'EOF'
@ IN MX 10 192.0.2.25.
@ IN MX 11 192.0.2.25
@ IN MX 12 2001:db8::25
@ IN MX 20 alias
@ IN MX 30 nohost
@ IN MX 40 ent
@ IN MX 50 mx.example.net.
@ IN MX 60 mx1
@ IN MX 70 x.wild
@ IN MX 80 mx.sub
@ IN MX 90 10.0.0.1
alias IN CNAME mx1
mx1 IN A 192.0.2.25
a.ent IN A 192.0.2.30
*.wild IN A 192.0.2.31
sub IN NS ns.example.net.
10.0.0.1 IN A 192.0.2.32
EOF
} >targets/example.com.zone
lint targets
check "IP address with a final dot: mx-target-ip" sh -c \
	"grep -c '^mx-target-ip example.com.\$' targets.out | grep -qx 3"
check "CNAME target: mx-target-cname" has targets mx-target-cname example.com.
check "missing and address-less targets: mx-target-no-address twice" sh -c \
	"grep -c '^mx-target-no-address ' targets.out | grep -qx 2"
check "no other mx- finding (wildcard, outside, delegated, host named like an address)" \
	sh -c "[ \$(grep -c '^mx-' targets.out) -eq 6 ]"
check "the address-target suggestion is a host and its A record" sh -c \
	"'$ZONELINT' check --no-config targets | grep -q 'mail.example.com. 3600 IN A 192.0.2.25'"

# ---- reverse DNS ------------------------------------------------------------
mkdir rev
{ header; cat <<'EOF'
@ IN MX 10 mx1
@ IN MX 20 mx2
@ IN MX 30 mx3
@ IN MX 40 mx4
mx1 IN A 192.0.2.25
mx1 IN AAAA 2001:db8::25
mx2 IN A 192.0.2.26
mx3 IN A 192.0.2.27
mx4 IN A 192.0.2.28
mx4 IN A 203.0.113.28
old IN A 192.0.2.99
@ IN TXT "v=spf1 mx ip4:192.0.2.40 ip4:192.0.2.41 ip4:192.0.2.0/28 -ip4:192.0.2.42 ip6:2001:db8::40 -all"
out IN A 192.0.2.41
EOF
} >rev/example.com.zone
cat >rev/2.0.192.in-addr.arpa.zone <<'EOF'
$ORIGIN 2.0.192.in-addr.arpa.
$TTL 3600
@ IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 3600
@ IN NS ns1.example.com.
@ IN NS ns2.example.com.
25 IN PTR mx1.example.com.
26 IN PTR old.example.com.
28 IN PTR mail.example.net.
40 IN PTR gone.example.com.
; RFC 2317: 32-63 belong to a customer
32/27 IN NS ns1.example.com.
41 IN CNAME 41.32/27
42 IN CNAME 42.32/27
EOF
cat >rev/32-27.2.0.192.in-addr.arpa.zone <<'EOF'
$ORIGIN 32/27.2.0.192.in-addr.arpa.
$TTL 3600
@ IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 3600
@ IN NS ns1.example.com.
@ IN NS ns2.example.com.
41 IN PTR out.example.com.
EOF
cat >rev/8.b.d.0.1.0.0.2.ip6.arpa.zone <<'EOF'
$ORIGIN 8.b.d.0.1.0.0.2.ip6.arpa.
$TTL 3600
@ IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 3600
@ IN NS ns1.example.com.
@ IN NS ns2.example.com.
5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 IN PTR mx1.example.com.
EOF
lint rev
check "PTR to the MX host: nothing for 192.0.2.25 or 2001:db8::25" sh -c \
	"! grep -q 'mx1.example.com.' rev.out"
check "PTR to a host with another address: mx-ptr-mismatch" \
	has rev mx-ptr-mismatch 26.2.0.192.in-addr.arpa.
check "no PTR: mx-ptr-missing at the MX host" has rev mx-ptr-missing mx3.example.com.
check "PTR outside the loaded zones: nothing" sh -c "! grep -q 'mx4' rev.out"
check "address outside the loaded reverse zones: nothing" sh -c "! grep -q '203' rev.out"
check "SPF address whose PTR target does not exist: mx-ptr-mismatch" \
	has rev mx-ptr-mismatch 40.2.0.192.in-addr.arpa.
check "SPF address through an RFC 2317 CNAME, confirmed: nothing" sh -c \
	"! grep -q '41\.' rev.out"
check "a -ip4: address is not checked" sh -c "! grep -q '42' rev.out"
check "SPF ip6 address in the loaded ip6.arpa zone, no PTR: mx-ptr-missing" \
	has rev mx-ptr-missing example.com.
check "exactly these reverse findings" sh -c "[ \$(grep -c '^mx-ptr' rev.out) -eq 4 ]"
check "the missing PTR suggestion names the host" sh -c \
	"'$ZONELINT' check --no-config rev | grep -q '27.2.0.192.in-addr.arpa. 3600 IN PTR mx3.example.com.'"
# the classless child missing: the CNAME leads outside the loaded zones
rm rev/32-27.2.0.192.in-addr.arpa.zone
lint rev
check "RFC 2317 child not loaded: nothing for 192.0.2.41" sh -c "! grep -q '41\.' rev.out"
# no reverse zone at all: no reverse findings
mkdir norev && cp rev/example.com.zone norev/
lint norev
check "no reverse zone loaded: no mx-ptr- finding" hasnt norev mx-ptr

# ---- null MX ----------------------------------------------------------------
mkdir null
{ header; cat <<'EOF'
@ IN MX 10 mx1
mx1 IN A 192.0.2.25
@ IN TXT "v=spf1 mx -all"
_dmarc IN TXT "v=DMARC1; p=reject"
mixed IN MX 0 .
mixed IN MX 10 mx1
pref IN MX 10 .
pref IN TXT "v=spf1 -all"
soft IN MX 0 .
soft IN TXT "v=spf1 ~all"
nospf IN MX 0 .
good IN MX 0 .
good IN TXT "v=spf1 -all"
EOF
} >null/example.com.zone
{ header example.org.; cat <<'EOF'
@ IN MX 0 .
@ IN TXT "v=spf1 -all"
EOF
} >null/example.org.zone
lint null
check "null MX with another MX: nullmx-not-alone" has null nullmx-not-alone mixed.example.com.
check "null MX, preference 10: nullmx-preference" has null nullmx-preference pref.example.com.
check "null MX with ~all: nullmx-spf-permissive" has null nullmx-spf-permissive soft.example.com.
check "null MX without SPF: nullmx-spf-permissive" \
	has null nullmx-spf-permissive nospf.example.com.
check "null MX with -all: no nullmx-spf-permissive" hasnt null nullmx-spf-permissive good
check "DMARC of the parent covers subdomains" sh -c \
	"! grep -q '^nullmx-no-dmarc .*example.com.\$' null.out"
check "null MX without any DMARC: nullmx-no-dmarc" has null nullmx-no-dmarc example.org.
check "the DMARC suggestion is the parked record" sh -c "'$ZONELINT' check --no-config null |
	grep -q '_dmarc.example.org. 3600 IN TXT \"v=DMARC1; p=reject; sp=reject; adkim=s; aspf=s\"'"

# ---- implicit MX and roles --------------------------------------------------
mkdir roles
{ header example.org.; echo '@ IN A 192.0.2.80'; echo 'www IN A 192.0.2.80'; } \
	>roles/example.org.zone
{ header example.net.; echo '@ IN A 192.0.2.80'; echo 'www IN A 192.0.2.80'; } \
	>roles/example.net.zone
{ header; cat <<'EOF'
@ IN A 192.0.2.80
@ IN MX 10 mx1
mx1 IN A 192.0.2.25
www IN A 192.0.2.80
shop IN A 192.0.2.81
EOF
} >roles/example.com.zone
lint roles
check "no role, no mail anywhere: nullmx-missing at the apex" \
	has roles nullmx-missing example.org.
check "no role: nothing for its host names" sh -c "! grep -q 'nullmx-missing www' roles.out"
check "a zone with mail: no nullmx-missing at all" sh -c \
	"! grep -q '^nullmx-missing .*example.com.\$' roles.out"
check "the suggestion is the generator's parked set" sh -c "'$ZONELINT' check --no-config roles |
	grep -A3 'nullmx-missing' | grep -q 'example.org. 3600 IN MX 0 \.'"
printf 'zones:\n  example.net:\n    role: web\n  example.org:\n    role: mail\n' \
	>roles/.zonelint.yaml
lint roles
check "role mail: no nullmx-missing" sh -c "! grep -q 'nullmx-missing [a-z0-9.]*example.org.' roles.out"
check "role web: nullmx-missing at the apex" has roles nullmx-missing example.net.
check "role web: and at its host names" has roles nullmx-missing www.example.net.
check "role web: and the name servers' names (they have addresses)" \
	has roles nullmx-missing ns1.example.net.

# ---- TLSA -------------------------------------------------------------------
mkdir tlsa
h=6c2d9a3131e806003d373ab7f673d63b37b874d1f01a546f82ff1fd8df4195c1
{ header; cat <<EOF
@ IN MX 10 mx1
@ IN MX 20 mx2
mx1 IN A 192.0.2.25
mx2 IN A 192.0.2.26
_25._tcp.mx1 IN TLSA 1 1 1 $h
_25._tcp.old IN TLSA 3 1 1 $h
_25._tcp.mx2 IN TLSA 3 1 1 ${h:0:40}
_443._tcp.www IN TLSA 0 0 1 $h
EOF
} >tlsa/example.com.zone
lint tlsa
check "TLSA in an unsigned zone: tlsa-unsigned" has tlsa tlsa-unsigned _25._tcp.mx1.example.com.
check "usage 1 for SMTP: tlsa-smtp-usage" has tlsa tlsa-smtp-usage _25._tcp.mx1.example.com.
check "usage 0 outside SMTP: no tlsa-smtp-usage" hasnt tlsa tlsa-smtp-usage _443
check "short digest: tlsa-syntax" has tlsa tlsa-syntax _25._tcp.mx2.example.com.
check "TLSA for a host that is no MX: tlsa-not-mx" has tlsa tlsa-not-mx _25._tcp.old.example.com.
check "unsigned zone: no tlsa-missing" hasnt tlsa tlsa-missing
printf 'zones:\n  example.com:\n    dnssec: signed-at-deploy\n' >tlsa/.zonelint.yaml
{ header; echo '@ IN MX 10 mx1'; echo '@ IN MX 20 mx3'; echo 'mx1 IN A 192.0.2.25'
  echo 'mx3 IN A 192.0.2.27'; echo "_25._tcp.mx1 IN TLSA 3 1 1 $h"; } >tlsa/example.com.zone
lint tlsa
check "signed at deploy: no tlsa-unsigned" hasnt tlsa tlsa-unsigned
check "signed at deploy: tlsa-missing for the MX host without TLSA" \
	has tlsa tlsa-missing mx3.example.com.
check "and not for the one with TLSA" hasnt tlsa tlsa-missing mx1
finish
