#!/bin/bash
# zone- family behaviour that the catalogue examples do not pin down.
. "$(dirname "$0")/lib.sh"
json() { "$ZONELINT" check --no-config --fail-on never --format json "$@"; }
rules() { python3 -c 'import json,sys; print(" ".join(sorted(f["rule"] for f in json.load(sys.stdin)["findings"] if f["rule"].startswith("zone-"))))'; }
{ header; echo 'www IN CNAME web.example.net.'; echo 'www IN CNAME web.example.net.'; } >dupcname.zone
check "an exact duplicate CNAME is a duplicate, not a second alias" \
	test "$(json dupcname.zone | rules)" = "zone-duplicate"
{ header; echo 'www IN CNAME web.example.net.'; echo 'www IN CNAME Web.Example.NET.'; } >casecname.zone
check "names in rdata compare case-insensitively" test "$(json casecname.zone | rules)" = "zone-duplicate"
# copies differing only in case, with a record between them in byte order
# ("ns.A" < "ns.B" < "ns.a"): still next to each other once sorted
{ header; echo 'sub IN NS ns.A.example.net.'; echo 'sub IN NS ns.B.example.net.'
  echo 'sub IN NS ns.a.example.net.'; echo 'mx IN MX 10 Mail.Example.NET.'
  echo 'mx IN MX 10 mail.example.org.'; echo 'mx IN MX 10 mail.example.net.'; } >case3.zone
check "a case-only copy is found with another record sorting between them" \
	test "$(json case3.zone | rules)" = "zone-duplicate zone-duplicate"
{ header; echo 'www IN CNAME web1.example.net.'; echo 'www IN CNAME web2.example.net.'; } >twocname.zone
check "two different CNAMEs are two aliases" test "$(json twocname.zone | rules)" = "zone-cname-multiple"
printf '$ORIGIN example.com.\n@ 3600 IN SOA ns1 h 20260101000001 7200 3600 1209600 3600\n@ 3600 IN NS ns1\n@ 3600 IN NS ns2\nns1 3600 IN A 192.0.2.1\nns2 3600 IN A 192.0.2.2\n' >serial.zone
check "an SOA refused for its serial is one finding, not also a missing SOA" \
	test "$(json serial.zone | rules)" = "zone-syntax"
finish
