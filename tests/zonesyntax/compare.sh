#!/bin/sh
# The loader against BIND: for every tests/zonesyntax/*.zone (origin in a
# first-line comment "; origin: NAME"):
#  - a zone named-checkzone loads must give no zone-syntax finding, and the
#    record set `zonelint dump` prints must equal the one `named-checkzone -D`
#    prints (both read back by ldns-read-zone -c, so they are compared in one
#    canonical form);
#  - a zone named-checkzone rejects must give a zone-syntax error at the line
#    given in its "; error-line: N" comment.
# Prints TAP.  Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
set -u
src=${ZL_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
zl=${ZONELINT:-$src/src/zonelint}
dir=$src/tests/zonesyntax
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! command -v named-checkzone >/dev/null || ! command -v ldns-read-zone >/dev/null; then
	echo "1..0 # SKIP named-checkzone or ldns-read-zone missing"
	exit 0
fi
n=0
fail=0
canon() { # zone text on stdin -> sorted canonical records
	ldns-read-zone -c -z /dev/stdin 2>/dev/null | grep -v '^;' | sed 's/[[:space:]]\{1,\}/ /g' | sort
}
cd "$dir" || exit 1
for f in *.zone; do
	origin=$(sed -n '1s/^; origin: *//p' "$f")
	[ -n "$origin" ] || continue
	n=$((n + 1))
	# zones that need a companion file loaded with them are skipped by BIND alone
	if named-checkzone -q -D -o "$tmp/bind.zone" "$origin" "$f" >/dev/null 2>&1; then
		"$zl" check --no-config --origin "$origin" --format json --fail-on never "$f" >"$tmp/z.json" 2>&1
		if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(any(x["rule"]=="zone-syntax" for x in d["findings"]))' "$tmp/z.json"; then :; else
			echo "not ok $n - $f: BIND loads it but zonelint reports zone-syntax"
			python3 -c 'import json,sys; [print("#", x["line"], x["message"]) for x in json.load(open(sys.argv[1]))["findings"] if x["rule"]=="zone-syntax"]' "$tmp/z.json"
			fail=1
			continue
		fi
		"$zl" dump --origin "$origin" "$f" >"$tmp/zl.zone" 2>"$tmp/zl.err"
		canon <"$tmp/bind.zone" >"$tmp/bind.canon"
		canon <"$tmp/zl.zone" >"$tmp/zl.canon"
		if [ ! -s "$tmp/bind.canon" ]; then
			echo "not ok $n - $f: could not canonicalize BIND's dump"
			fail=1
		elif diff "$tmp/bind.canon" "$tmp/zl.canon" >"$tmp/diff"; then
			echo "ok $n - $f: same $(wc -l <"$tmp/bind.canon") records as named-checkzone -D"
		else
			echo "not ok $n - $f: records differ from named-checkzone -D (< BIND, > zonelint)"
			sed 's/^/# /' "$tmp/diff" | head -n 30
			fail=1
		fi
	else
		want=$(sed -n 's/^; error-line: *//p' "$f" | head -n1)
		"$zl" check --no-config --origin "$origin" --format json --fail-on never "$f" >"$tmp/z.json" 2>&1
		if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); w=sys.argv[2]
sys.exit(not any(x["rule"].startswith("zone-") and x["severity"]=="error" and (not w or str(x["line"])==w) for x in d["findings"]))' "$tmp/z.json" "$want"; then
			echo "ok $n - $f: rejected by BIND, zone error at line ${want:-?}"
		else
			echo "not ok $n - $f: BIND rejects it, zonelint reports no zone error at line ${want:-?}"
			fail=1
		fi
	fi
done
echo "1..$n"
exit $fail
