#!/bin/sh
# Golden tests: each folder of zones-examples/ is one run of `zonelint check`
# (its zones are loaded together, with its .zonelint.yaml if it has one); the
# findings, reduced to file:line, severity, rule, owner and type, must equal
# tests/golden/expected/<folder>.txt.  Prose may change; these may not.
# Set ZL_UPDATE=1 to rewrite the expected files.  Prints TAP.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
set -u
src=${ZL_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
zl=${ZONELINT:-$src/src/zonelint}
cd "$src" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
dirs=$(ls -d zones-examples/*/ | sed 's,/$,,' | sort)
echo "1..$(echo "$dirs" | wc -l)"
for d in $dirs; do
	n=$((n + 1))
	name=$(basename "$d")
	cfg="--no-config"
	[ -f "$d/.zonelint.yaml" ] && cfg="--config $d/.zonelint.yaml"
	# shellcheck disable=SC2086
	$zl check --format json --fail-on never $cfg "$d" >"$tmp/out.json" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "not ok $n - $name: exit status $rc"
		sed 's/^/# /' "$tmp/err"
		fail=1
		continue
	fi
	if ! python3 - "$tmp/out.json" >"$tmp/got.txt" <<'EOP'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == 1
for f in doc["findings"]:
    assert f["message"], f
    assert f["owner"] is None or f["owner"].endswith("."), f
    print("%s:%s %s %s %s %s" % (f["file"], f["line"], f["severity"], f["rule"],
                                 f["owner"] or "-", f["type"] or "-"))
EOP
	then
		echo "not ok $n - $name: the JSON output is not a valid report"
		fail=1
		continue
	fi
	exp="tests/golden/expected/$name.txt"
	if [ "${ZL_UPDATE:-0}" = 1 ]; then
		cp "$tmp/got.txt" "$exp"
	fi
	if [ ! -f "$exp" ]; then
		echo "not ok $n - $name: no expected file $exp"
		fail=1
	elif diff -u "$exp" "$tmp/got.txt" >"$tmp/diff"; then
		echo "ok $n - $name ($(wc -l <"$exp") findings)"
	else
		echo "not ok $n - $name: findings differ from $exp"
		sed 's/^/# /' "$tmp/diff"
		fail=1
	fi
done
exit $fail
