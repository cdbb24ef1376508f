#!/bin/bash
# Online mode (issue #11): `check --resolve`, `zonelint snapshot` and
# `check --external` against a real authoritative server (NSD) that this
# script starts on 127.0.0.1 and stops again; no outside network is used.
# The oracle is pyspf (python3-spf) pointed at the same server: zonelint's
# SPF lookup counts and void-lookup verdicts through external includes, and
# its report-authorization verdicts, must be the ones it computes.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"
D=$ZL_SRCDIR/tests/cli/online
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
zl() { timeout 120 "$ZONELINT" "$@"; }

NSD=$(command -v nsd || echo /usr/sbin/nsd)
if [ ! -x "$NSD" ] || ! "$PY" -c 'import spf, DNS' 2>/dev/null; then
	echo "1..0 # SKIP nsd or python3-spf/python3-dns missing (tools/install-deps)"
	exit 0
fi

# ---- the server: NSD confined to a scratch folder, on a free high port ----
mkdir srv
cp "$D"/*.zone srv/
nsd_pid=
stop_nsd() {
	if [ -n "$nsd_pid" ]; then
		kill "$nsd_pid" 2>/dev/null
		wait "$nsd_pid" 2>/dev/null
		nsd_pid=
	fi
}
trap 'stop_nsd; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
conf() { # PORT
	printf 'server:\n\tip-address: 127.0.0.1\n\tport: %s\n\tusername: ""\n\tchroot: ""\n' "$1"
	printf '\tzonesdir: "%s"\n\tpidfile: "%s/nsd.pid"\n\tdatabase: ""\n' "$T/srv" "$T/srv"
	printf '\tzonelistfile: "%s/zone.list"\n\txfrdfile: "%s/xfrd.state"\n' "$T/srv" "$T/srv"
	printf '\txfrdir: "%s"\n\tlogfile: "%s/nsd.log"\n\tserver-count: 1\n' "$T/srv" "$T/srv"
	printf '\tdo-ip6: no\n\tverbosity: 1\nremote-control:\n\tcontrol-enable: no\n'
	for z in "$T"/srv/*.zone; do
		z=${z##*/}
		printf 'zone:\n\tname: %s\n\tzonefile: %s\n' "${z%.zone}" "$z"
	done
}
answers() { # PORT: does the server answer for the zone under test?
	"$PY" -c 'import sys, DNS
DNS.defaults["server"] = ["127.0.0.1"]; DNS.defaults["port"] = int(sys.argv[1])
DNS.defaults["timeout"] = 1
sys.exit(0 if DNS.DnsRequest("test.example", qtype="SOA").req().answers else 1)' "$1" \
		2>/dev/null
}
PORT=
for try in 1 2 3 4 5 6; do
	p=$((20000 + RANDOM % 40000))
	conf "$p" >srv/nsd.conf
	"$NSD" -d -c srv/nsd.conf >srv/nsd.out 2>&1 &
	nsd_pid=$!
	for wait in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 "$nsd_pid" 2>/dev/null || break
		if answers "$p"; then PORT=$p; break; fi
		sleep 0.3
	done
	[ -n "$PORT" ] && break
	stop_nsd
done
if [ -z "$PORT" ]; then
	not_ok "NSD did not start on any of the ports tried"
	sed 's/^/# /' srv/nsd.out srv/nsd.log 2>/dev/null | tail -n 20
	finish
fi
ok "NSD answers on 127.0.0.1:$PORT"
R=127.0.0.1:$PORT

cp "$D/test.example.zone" .
# the findings of a JSON report as "rule<TAB>owner<TAB>message" lines
rows() { "$PY" -c 'import json, sys
for f in json.load(sys.stdin)["findings"]:
    print("%s\t%s\t%s" % (f["rule"], f.get("owner") or "", f["message"]))'; }

zl check --no-config --fail-on never --format json test.example.zone >offline.json
zl check --no-config --fail-on never --format json --resolve --resolver "$R" \
	test.example.zone >resolve.json
check "check --resolve runs" test -s resolve.json
zl snapshot --no-config --out snap.zone --resolver "$R" test.example.zone 2>snap.err
check "snapshot writes a file" test -s snap.zone
check "the snapshot says what it is, when and from where" sh -c \
	'head -n 1 snap.zone | grep -qx "; zonelint snapshot" &&
	 grep -Eq "^; taken: [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$" snap.zone &&
	 grep -qx "; resolver: $1" snap.zone' _ "$R"
check "the snapshot holds the provider chain as absolute records" \
	grep -Eq '^_a\.prov\.example\.[[:space:]]+[0-9]+[[:space:]]+IN[[:space:]]+TXT' snap.zone
check "names in the loaded zone are not in the snapshot" sh -c \
	'! grep -q "test\.example\.[[:space:]]" snap.zone'
zl check --no-config --fail-on never --format json --external snap.zone \
	test.example.zone >external.json
rows <offline.json >offline.rows
rows <resolve.json >resolve.rows
rows <external.json >external.rows
check "--external with the snapshot reports exactly what --resolve reports" \
	cmp -s resolve.rows external.rows

# ---- the oracle: pyspf and pydns against the same server ----
SPF_NAMES="test.example d9.test.example d10.test.example d12.test.example alias.test.example
	void.test.example hostile.test.example"
AUTH_NAMES="test.example._report._dmarc.recv.example test.example._report._dmarc.norecv.example"
# shellcheck disable=SC2086
"$PY" "$D/oracle.py" "$PORT" spf $SPF_NAMES -- auth $AUTH_NAMES >oracle.out 2>oracle.err
check "the oracle answered for every name" test "$(wc -l <oracle.out)" -eq 9
sed 's/^/# oracle: /' oracle.out

# compare MODE: zonelint's findings (MODE.rows) against the oracle
compare() {
	local mode=$1 name res n why got want
	while read -r kind name res n why; do
		[ "$kind" = spf ] || continue
		got=$(awk -F'\t' -v o="$name." '$2 == o && $1 ~ /^spf-(lookup-|loop|void-limit)/' \
			"$mode.rows")
		if [ "$res" = permerror ] && [[ $why == *"Void lookup limit"* ]]; then
			want="spf-void-limit"
			[[ $got == *spf-void-limit* ]]
		elif [ "$res" = permerror ] && [[ $why == *"Too many DNS lookups"* ]]; then
			want="spf-lookup-limit needing $n, or at least fewer (or spf-loop)"
			local k
			k=$(echo "$got" |
				sed -n 's/^spf-lookup-limit.*needs at least \([0-9]*\) .*/\1/p')
			echo "$got" |
				grep -Eq "^spf-loop|^spf-lookup-limit.*needs $n DNS lookups" ||
				{ [ -n "$k" ] && [ "$k" -gt 10 ] && [ "$k" -le "$n" ]; }
		elif [ "$n" -ge 9 ]; then
			want="spf-lookup-near-limit needing exactly $n"
			[ "$(echo "$got" | grep -c .)" -eq 1 ] &&
				echo "$got" |
				grep -q "^spf-lookup-near-limit.*needs $n DNS lookups of"
		else
			want="no lookup-count finding ($n lookups)"
			[ -z "$got" ]
		fi
		if [ $? -eq 0 ]; then ok "$mode: $name: pyspf $res $n, zonelint $want"; else
			not_ok "$mode: $name: pyspf $res $n, wanted $want"
			echo "$got" | sed 's/^/# got: /'
		fi
	done <oracle.out
	while read -r kind name res; do
		[ "$kind" = auth ] || continue
		local host=${name#test.example._report._dmarc.}
		got=$(awk -F'\t' -v h="'$host'" '$1 ~ /^dmarc-report-auth/ && index($3, h)' \
			"$mode.rows")
		if [ "$res" = yes ]; then want="no report-auth finding"; [ -z "$got" ]
		else want="dmarc-report-auth-missing"; [[ $got == dmarc-report-auth-missing* ]]; fi
		if [ $? -eq 0 ]; then ok "$mode: reports to $host: authorized=$res, zonelint $want"
		else
			not_ok "$mode: reports to $host: authorized=$res, wanted $want"
			echo "$got" | sed 's/^/# got: /'
		fi
	done <oracle.out
}
compare resolve
compare external

# offline the same records are unknown, not wrong
check "offline: the provider include's cost is unknown" \
	grep -q "^spf-lookup-unknown	test.example.	" offline.rows
check "offline: report authorization cannot be checked" \
	grep -q "^dmarc-report-auth-unchecked	.*norecv.example" offline.rows
check "offline: no lookup failures are claimed" sh -c '! grep -q "^zone-lookup-failed" offline.rows'

# ---- MX hosts outside the zone ----
check "--resolve: the provider MX host without an address is reported" \
	grep -q "^mx-target-no-address	test.example.	.*mx2\.mail\.example" \
	resolve.rows
check "--resolve: the provider MX host with an address is not" sh -c \
	'! grep -q "^mx-.*mx1\.mail\.example" resolve.rows'

# ---- failures: a warning naming the name, never a crash or a silent pass ----
check "a refused lookup is a warning at the record that needs it" \
	grep -q "^zone-lookup-failed	gone.test.example.	.*'_spf.gone.example.' TXT.*REFUSED" \
	resolve.rows
check "the snapshot records the failure as a comment" \
	grep -q "^; zonelint-lookup-failed: _spf.gone.example. TXT REFUSED" snap.zone
check "the failed include stays unknown (no error about it)" sh -c \
	'! grep -E "^spf-(include-invalid|void)	gone\.test\.example\." resolve.rows'
check "zone-lookup-failed is a warning" sh -c \
	'"$@" | grep -q "warning: looking up .*_spf.gone.example.*zone-lookup-failed"' _ \
	"$ZONELINT" check --no-config --external snap.zone test.example.zone

# a resolver that does not answer: every lookup fails, the run still ends
closed=$((20000 + RANDOM % 40000))
[ "$closed" = "$PORT" ] && closed=$((closed + 1))
start=$(date +%s)
zl check --no-config --fail-on never --format json --resolve --resolver "127.0.0.1:$closed" \
	test.example.zone >dead.json 2>dead.err
st=$?
took=$(($(date +%s) - start))
check "a resolver that never answers: exit 0 with --fail-on never (exit $st)" test "$st" -eq 0
rows <dead.json >dead.rows
check "a resolver that never answers: each lookup is a zone-lookup-failed warning" sh -c \
	'test "$(grep -c "^zone-lookup-failed	.*\(timeout\|not answering\)" dead.rows)" -ge 8'
check "a resolver that never answers: gives up early (${took}s)" test "$took" -le 30
check "a resolver that never answers: what is outside stays unknown, as offline" sh -c \
	'grep -v "^zone-lookup-failed" dead.rows | cmp -s - offline.rows'

# ---- hostile provider records: following stops at the RFC 7208 limits ----
q=$(sed -n 's/^; lookups: \([0-9]*\) (\([0-9]*\) queries.*/\2/p' snap.zone)
check "the whole snapshot took a bounded number of queries ($q)" test "${q:-999}" -le 80
check "the hostile include loop is reported, not followed forever" \
	grep -q "^spf-loop	hostile.test.example." resolve.rows
zl check --no-config --fail-on never --format json --resolve --resolver "$R" \
	--resolve-budget 5 test.example.zone >budget.json
rows <budget.json >budget.rows
check "a query budget of 5: the rest fails as 'budget exhausted'" \
	grep -q "^zone-lookup-failed	.*query budget of 5 exhausted" budget.rows

# ---- names inside the loaded zones: never changed by online data ----
{ header; echo '@ IN MX 10 mail'; echo 'mail IN A 192.0.2.25'
  echo '@ IN TXT "v=spf1 mx include:_spf.example.com -all"'
  echo '_spf IN TXT "v=spf1 ip4:192.0.2.0/24 -all"'
  echo 'www IN CNAME www'; } >example.com.zone
{ echo '; zonelint snapshot'; echo '; taken: 2099-01-01T00:00:00Z'
  echo '_spf.example.com. 300 IN TXT "v=spf1 +all"'
  echo 'example.com. 300 IN TXT "v=spf1 ip4:0.0.0.0/0 -all"'
  echo '; zonelint-nxdomain: mail.example.com. A'; } >stale.zone
zl check --no-config --fail-on never --format json example.com.zone >in.offline.json
zl check --no-config --fail-on never --format json --external stale.zone example.com.zone \
	>in.stale.json
zl check --no-config --fail-on never --format json --resolve --resolver "$R" \
	example.com.zone >in.resolve.json
rows <in.offline.json >in.offline.rows
rows <in.stale.json >in.stale.rows
rows <in.resolve.json >in.resolve.rows
check "a snapshot's records for names inside a loaded zone are ignored" \
	cmp -s in.offline.rows in.stale.rows
check "--resolve with nothing outside the zone changes nothing" \
	cmp -s in.offline.rows in.resolve.rows
check "...and the zone still has findings of its own to compare" test -s in.offline.rows

# ---- the snapshot's age ----
sed 's/^; taken: .*/; taken: 2020-01-01T00:00:00Z/' snap.zone >old.zone
zl check --no-config --fail-on never --format json --external old.zone test.example.zone |
	rows >old.rows
check "an old snapshot: zone-snapshot-old (info)" \
	grep -q "^zone-snapshot-old	.*2020-01-01T00:00:00Z.*more than the 30 days" old.rows
printf 'external:\n  max-age-days: 0\n' >age.yaml
zl check --config age.yaml --fail-on never --format json --external old.zone \
	test.example.zone | rows >old0.rows
check "max-age-days: 0 turns the age limit off" sh -c '! grep -q "^zone-snapshot-old" old0.rows'
check "a fresh snapshot is not old" sh -c '! grep -q "^zone-snapshot-old" external.rows'
zl check --no-config --fail-on never --format json test.example.zone snap.zone | rows >path.rows
check "the snapshot given as a plain PATH is consulted too" cmp -s path.rows external.rows

# ---- usage ----
status "--resolver without --resolve" 2 "$ZONELINT" check --no-config --resolver "$R" \
	test.example.zone
status "--resolve and --external together" 2 "$ZONELINT" check --no-config --resolve \
	--external snap.zone test.example.zone
status "a --resolver that is not an address" 2 "$ZONELINT" check --no-config --resolve \
	--resolver ns1.example.com test.example.zone
status "snapshot without --out" 2 "$ZONELINT" snapshot --no-config test.example.zone
status "--external FILE that does not exist" 2 "$ZONELINT" check --no-config --external \
	missing.zone test.example.zone
if strace -f -o /dev/null true 2>/dev/null; then
	env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -o trace \
		-e trace=%network "$ZONELINT" check --no-config --external snap.zone \
		test.example.zone >/dev/null 2>&1
	check "check --external opens no socket" sh -c \
		'! grep -E "(^|[0-9] )(socket|connect|sendto|sendmsg)\(" trace'
else
	ok "check --external opens no socket # SKIP strace is not permitted here"
fi
stop_nsd
finish
