#!/bin/bash
# SPF across zone files: lookup depth at exactly 10 and 11, loops, void
# lookups, unknown external targets, hostile include chains and cycles, and
# agreement with a real SPF evaluator (pyspf, through spf_oracle.py).
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"
EX=$ZL_SRCDIR/zones-examples
ORACLE=$ZL_SRCDIR/tests/cli/spf_oracle.py

# The rules whose errors mean "receivers return permerror".
cat >perm.py <<'EOF'
# perm.py FILE: owners with an error of a permerror rule
# perm.py FILE RULE: "owner severity message" of each finding of RULE
# perm.py FILE --loud OWNER: spf- findings above info at OWNER
import json, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
PERM = {"spf-syntax", "spf-multiple", "spf-lookup-limit", "spf-void-limit",
        "spf-mx-limit", "spf-loop", "spf-include-invalid"}
doc = json.load(open(sys.argv[1]))
args = sys.argv[2:]
for f in doc["findings"]:
    if args[:1] == ["--loud"]:
        if f["owner"] == args[1] and f["rule"].startswith("spf-") and f["severity"] != "info":
            print("%s %s %s" % (f["owner"], f["rule"], f["severity"]))
    elif args:
        if f["rule"] == args[0]:
            print("%s %s %s" % (f["owner"], f["severity"], f["message"]))
    elif f["rule"] in PERM and f["severity"] == "error":
        print(f["owner"])
EOF
exec 3>&1
if [ ! -x "$ZONELINT" ]; then echo "Bail out! no zonelint at $ZONELINT"; exit 1; fi
# zl_json ARGS... >FILE: the JSON report; stops the test if it is not one
zl_json() {
	"$ZONELINT" check --fail-on never --format json "$@" >"$T/.json"
	if ! python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$T/.json" 2>/dev/null; then
		echo "Bail out! zonelint check $* gave no valid JSON report" >&3
		exit 1
	fi
	cat "$T/.json"
}
# has RULE OWNER FILE: the rule fired at the owner
has() { python3 perm.py "$3" "$1" | grep -q "^$2 "; }

# ---- lookup depth across two zone files (zones-examples/spf-depth) ----
D=$EX/spf-depth
zl_json --config "$D/.zonelint.yaml" "$D" >depth.json
check "11 lookups through nested includes across two files: error" \
	has spf-lookup-limit at11.example.com. depth.json
check "the error shows the chain where the 11th lookup happens" sh -c \
	'python3 perm.py depth.json spf-lookup-limit | grep "^at11.example.com. error " |
	 grep -q "at11.example.com -> _spf.example.net -> _spf2.example.net: 11 lookups at .a:out4.example.net."'
check "exactly 10 lookups: a warning, not an error" sh -c \
	'python3 perm.py depth.json spf-lookup-near-limit | grep -q "^at10.example.com. warning .*needs 10 DNS lookups" &&
	 ! python3 perm.py depth.json spf-lookup-limit | grep -q "^at10.example.com. "'
check "7 lookups: no lookup finding" sh -c \
	'for r in spf-lookup-limit spf-lookup-near-limit spf-lookup-unknown; do
		! python3 perm.py depth.json $r | grep -q "^example.com. " || exit 1
	 done'
check "a configured external cost counts: 1 + 4 + 6 = 11" has spf-lookup-limit extover.example.com. depth.json
check "an unknown external does not hide 11 known lookups" sh -c \
	'python3 perm.py depth.json spf-lookup-limit | grep -q "^extover2.example.com. error .*at least 11"'
check "10 known plus an unknown external: warning naming it" sh -c \
	'python3 perm.py depth.json spf-lookup-near-limit | grep -q "^extnear.example.com. warning .*_spf.other.example.org"'
check "2 known plus an unknown external: info only" sh -c \
	'python3 perm.py depth.json spf-lookup-unknown | grep -q "^extunk.example.com. info " &&
	 test -z "$(python3 perm.py depth.json --loud extunk.example.com.)"'
zl_json --no-config "$D" >depth-nocfg.json
check "without the config the external cost is unknown: no error" sh -c \
	'! python3 perm.py depth-nocfg.json | grep -q "^extover.example.com.$" &&
	 python3 perm.py depth-nocfg.json spf-lookup-unknown | grep -q "^extover.example.com. info "'
check "a loop across the two files is reported on both sides" sh -c \
	'python3 perm.py depth.json spf-loop | grep -q "^_loop.example.net. error " &&
	 python3 perm.py depth.json spf-loop | grep -q "^_loopback.example.com. error "'
check "a record running into the loop is reported with the way in" sh -c \
	'python3 perm.py depth.json spf-loop | grep -q "^loopy.example.com. error .*loopy.example.com -> _loop.example.net -> _loopback.example.com -> _loop.example.net"'
check "two void lookups: warning" has spf-void-lookup void2.example.com. depth.json
check "three void lookups: error" has spf-void-limit void3.example.com. depth.json
"$ZONELINT" check --config "$D/.zonelint.yaml" --fail-on never "$D" >depth.txt
check "zonelint check prints the chain" grep -q \
	"example.com.zone:[0-9]*: error: .*at11.example.com -> _spf.example.net -> _spf2.example.net: 11 lookups" \
	depth.txt

# ---- agreement with pyspf ----
PYSPF=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import spf' 2>/dev/null; then PYSPF=$p; break; fi
done
# agree NAME EXPECTED_DIVERGENCES ZONELINT_ARGS -- ORACLE_ARGS: for every SPF
# record's owner, pyspf permerror <=> a zonelint error of a permerror rule
agree() {
	local name=$1 expect=$2
	shift 2
	local zl=() or=()
	while [ "$1" != "--" ]; do zl+=("$1"); shift; done
	shift
	or=("$@")
	if [ -z "$PYSPF" ] || ! command -v named-checkzone >/dev/null; then
		ok "$name # SKIP pyspf or named-checkzone missing"
		return
	fi
	"$PYSPF" "$ORACLE" "${or[@]}" >"$name.oracle" 2>"$name.oerr"
	awk '{print $1}' "$name.oracle" | sort -u >"$name.owners"
	awk '$2 == "permerror" {print $1}' "$name.oracle" | sort -u >"$name.py"
	zl_json "${zl[@]}" >"$name.json"
	python3 perm.py "$name.json" | sort -u | comm -12 - "$name.owners" >"$name.zl"
	comm -3 "$name.zl" "$name.py" | tr -d '\t' | sort >"$name.diff"
	printf '%s' "$expect" | tr ' ' '\n' | sed '/^$/d' | sort >"$name.expect"
	if [ -s "$name.owners" ] && cmp -s "$name.diff" "$name.expect"; then
		ok "$name: pyspf and zonelint agree on $(wc -l <"$name.owners") SPF records ($(wc -l <"$name.py") permerror)"
	else
		not_ok "$name: pyspf and zonelint disagree"
		sed 's/^/# oracle: /' "$name.oracle" | head -n 40
		sed 's/^/# zonelint errors: /' "$name.zl" | head -n 20
		sed 's/^/# differ: /' "$name.diff" | head -n 20
		sed 's/^/# expected to differ: /' "$name.expect"
		sed 's/^/# oracle stderr: /' "$name.oerr" | head -n 5
	fi
}
agree spf-bad "" --no-config "$EX/spf-bad" -- "$EX"/spf-bad/*.zone
agree spf-good "" --no-config "$EX/spf-good" -- "$EX"/spf-good/*.zone
agree spf-depth "" --config "$D/.zonelint.yaml" "$D" -- --external _spf.mail.example.org=4 "$D"/*.zone
check "pyspf also finds permerror where zonelint reports one in spf-bad" test -s spf-bad.py
check "spf-good: pyspf finds no permerror" test ! -s spf-good.py

# Cases where receivers differ: counted per sender address family, CNAMEs,
# wildcards, empty non-terminals, delegations, null MX, terms after "all".
mkdir tricky
{
	header example.org.
	cat <<'EOF'
ns1 IN AAAA 2001:db8::1
ns2 IN AAAA 2001:db8::2
v4a IN A 192.0.2.10
v4b IN A 192.0.2.11
v4c IN A 192.0.2.12
h1 IN A 192.0.2.21
h1 IN AAAA 2001:db8::21
h2 IN A 192.0.2.22
h2 IN AAAA 2001:db8::22
h3 IN A 192.0.2.23
h3 IN AAAA 2001:db8::23
h4 IN A 192.0.2.24
h4 IN AAAA 2001:db8::24
h5 IN A 192.0.2.25
h5 IN AAAA 2001:db8::25
v6void IN TXT "v=spf1 a:v4a.example.org a:v4b.example.org a:v4c.example.org ip6:2001:db8::/32 -all"
v6two IN TXT "v=spf1 a:v4a.example.org a:v4b.example.org -all"
mxv4 IN MX 10 v4a
mxv4 IN MX 20 v4b
mxv4 IN A 192.0.2.13
mxv4 IN TXT "v=spf1 mx a -all"
ptrvoid IN TXT "v=spf1 ptr a:gone1.example.org a:gone2.example.org -all"
redirmissing IN TXT "v=spf1 redirect=_none.example.org"
selfredir IN TXT "v=spf1 redirect=selfredir.example.org"
selfinc IN TXT "v=spf1 include:selfinc.example.org -all"
alias IN CNAME _real
_real IN TXT "v=spf1 ip4:192.0.2.0/24 ?all"
cnameinc IN TXT "v=spf1 include:alias.example.org -all"
alias2 IN CNAME _nothing
_nothing IN A 192.0.2.99
cnamebad IN TXT "v=spf1 include:alias2.example.org -all"
*.wild IN TXT "v=spf1 ip4:192.0.2.0/24 ?all"
wildinc IN TXT "v=spf1 include:x.wild.example.org -all"
a._ent IN TXT "v=spf1 -all"
entinc IN TXT "v=spf1 include:_ent.example.org -all"
deleg IN NS ns1.example.net.
delinc IN TXT "v=spf1 include:_spf.deleg.example.org -all"
redirall IN TXT "v=spf1 a:h1.example.org a:h2.example.org a:h3.example.org a:h4.example.org a:h5.example.org a:h1.example.org/24 a:h2.example.org/24 a:h3.example.org/24 a:h4.example.org/24 a:h5.example.org/24 -all redirect=_real.example.org"
redirall9 IN TXT "v=spf1 a:h1.example.org a:h2.example.org a:h3.example.org a:h4.example.org a:h5.example.org a:h1.example.org/24 a:h2.example.org/24 a:h3.example.org/24 a:h4.example.org/24 -all redirect=_real.example.org"
afterall IN TXT "v=spf1 -all a:gone1.example.org a:gone2.example.org a:gone3.example.org include:_none.example.org"
nullmxt IN MX 0 .
nullmxt IN TXT "v=spf1 mx -all"
noaddr IN TXT "just text"
existsvoid IN TXT "v=spf1 exists:noaddr.example.org exists:gone1.example.org exists:gone2.example.org -all"
emptyinc IN TXT "v=spf1 include:a..example.org -all"
macro IN TXT "v=spf1 include:%{d}._spf.example.net -all"
zerodigit IN TXT "v=spf1 exists:%{d0}.example.org -all"
emptylabel IN TXT "v=spf1 a:mail..example.org -all"
bighost IN A 192.0.2.101
bighost IN A 192.0.2.102
bighost IN A 192.0.2.103
bighost IN A 192.0.2.104
bighost IN A 192.0.2.105
bighost IN A 192.0.2.106
bighost IN A 192.0.2.107
bighost IN A 192.0.2.108
bighost IN A 192.0.2.109
bighost IN A 192.0.2.110
bighost IN A 192.0.2.111
mxhostaddrs IN MX 10 bighost
mxhostaddrs IN TXT "v=spf1 mx -all"
EOF
} >tricky/example.org.zone
# zonelint is stricter than pyspf in three places, each per RFC 7208:
#   zerodigit   "%{d0}": a transformer digit MUST be nonzero (7.3); pyspf accepts it
#   emptylabel  a:mail..example.org: no query possible, the result is left open
#               (4.3); pyspf treats it as no match, others return permerror
#   mxhostaddrs an MX host with 11 addresses: the mx mechanism MUST return
#               permerror (4.6.4); pyspf only limits the number of MX records
agree tricky "emptylabel.example.org. mxhostaddrs.example.org. zerodigit.example.org." \
	--no-config tricky -- tricky/example.org.zone
check "IPv4-only hosts are void lookups for IPv6 senders" sh -c \
	'python3 perm.py tricky.json spf-void-limit | grep -q "^v6void.example.org. error .*IPv6 senders"'
check "two of them are not worth a warning" sh -c \
	'! python3 perm.py tricky.json spf-void-lookup | grep -q "^v6two.example.org. "'
check "a redirect= beside all is counted, as pyspf does (10 + 1)" has spf-lookup-limit redirall.example.org. tricky.json
check "terms after all are not counted" sh -c '! python3 perm.py tricky.json | grep -q "^afterall"'
check "an include through a CNAME is followed" sh -c \
	'! python3 perm.py tricky.json | grep -q "^cnameinc" && python3 perm.py tricky.json | grep -q "^cnamebad"'
check "a wildcard answers for an include target" sh -c '! python3 perm.py tricky.json | grep -q "^wildinc"'
check "an empty non-terminal has no SPF record" has spf-include-invalid entinc.example.org. tricky.json
check "a target below a delegation is unknown, not an error" sh -c \
	'! python3 perm.py tricky.json | grep -q "^delinc" && python3 perm.py tricky.json spf-lookup-unknown | grep -q "^delinc"'
check "self include and self redirect are loops" sh -c \
	'python3 perm.py tricky.json spf-loop | grep -q "^selfinc.example.org. " && python3 perm.py tricky.json spf-loop | grep -q "^selfredir.example.org. "'

# ---- hostile: 1000 nested includes, include cycles of length 2 to 50 ----
{
	header
	i=0
	while [ $i -lt 999 ]; do
		echo "c$i IN TXT \"v=spf1 include:c$((i + 1)).example.com -all\""
		i=$((i + 1))
	done
	echo 'c999 IN TXT "v=spf1 ip4:192.0.2.1 -all"'
} >chain.zone
{
	header example.net.
	for L in $(seq 2 50); do
		for k in $(seq 0 $((L - 1))); do
			echo "l$L-$k IN TXT \"v=spf1 include:l$L-$(((k + 1) % L)).example.net -all\""
		done
	done
} >cycles.zone
start=$(date +%s%N)
status "1000 nested includes and 49 cycles: no crash" 0 timeout 60 "$ZONELINT" check \
	--no-config --fail-on never --format json chain.zone cycles.zone
cp "$T/.out" hostile.json
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "and done quickly (${ms} ms, bounded by the RFC limits)" test "$ms" -lt 10000
check "every record of the chain deeper than 10 is an error (989 of them)" sh -c \
	'test "$(python3 perm.py hostile.json spf-lookup-limit | grep -c "^c[0-9]*.example.com. error ")" = 989 &&
	 python3 perm.py hostile.json spf-lookup-limit | grep -q "^c988.example.com. " &&
	 ! python3 perm.py hostile.json spf-lookup-limit | grep -q "^c989.example.com. "'
check "10 and 9 lookups deep: two warnings" sh -c \
	'test "$(python3 perm.py hostile.json spf-lookup-near-limit | cut -d" " -f1 | tr "\n" " ")" = "c989.example.com. c990.example.com. "'
check "every name on a cycle (1274 of them) has an spf-loop error" sh -c \
	'test "$(python3 perm.py hostile.json spf-loop | grep -c "^l[0-9]*-[0-9]*.example.net. error ")" = 1274'
check "a cycle of 50 is shown as a loop, not only as too many lookups" sh -c \
	'python3 perm.py hostile.json spf-loop | grep -q "^l50-0.example.net. error include loop: l50-0.example.net -> l50-1.example.net" &&
	 ! python3 perm.py hostile.json spf-lookup-limit | grep -q "^l"'
agree hostile "" --no-config chain.zone cycles.zone -- chain.zone cycles.zone
finish
