#!/bin/sh
# zonelint test: $GENERATE expansion compared with BIND's named-checkzone.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
#
# For every tests/zonesyntax/generate-*.zone (origin in a first-line comment
# "; origin: NAME"):
#  - valid zones: the canonical dump of the original by named-checkzone must
#    equal, as a sorted record set, the dump of the file that genexpand wrote
#    with each $GENERATE replaced by its records;
#  - generate-bad-*.zone: named-checkzone must reject the file and genexpand
#    must fail with the error code named in the second line, "(generate-...)".
# Two controls check that the comparison sees a dropped or an extra record.
#
# Environment: srcdir (automake), GENEXPAND (the helper; built here with $CC
# when unset and not found), NAMED_CHECKZONE.  Exit 0 when every case
# agrees, 1 otherwise, 77 (skip) without named-checkzone.

set -u

here=$(cd "$(dirname "$0")" && pwd)
zsdir=
for d in "${srcdir:-}" "${srcdir:-.}/tests/zonesyntax" "$here"; do
	if [ -n "$d" ] && [ -f "$d/generate-basic.zone" ]; then
		zsdir=$(cd "$d" && pwd)
		break
	fi
done
if [ -z "$zsdir" ]; then
	echo "check_generate: cannot find the generate-*.zone files" >&2
	exit 1
fi
topdir=$(cd "$zsdir/../.." && pwd)

nczone=${NAMED_CHECKZONE:-named-checkzone}
if ! command -v "$nczone" >/dev/null 2>&1; then
	echo "1..0 # SKIP named-checkzone not found (install bind9-utils)"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check_generate.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

genexpand=${GENEXPAND:-}
if [ -z "$genexpand" ]; then
	for g in "${builddir:-.}/tests/zonesyntax/genexpand" "$here/genexpand"; do
		if [ -x "$g" ]; then
			genexpand=$g
			break
		fi
	done
fi
if [ -z "$genexpand" ]; then
	genexpand=$tmp/genexpand
	if ! ${CC:-cc} -std=c11 -O1 -I"$topdir/src" "$topdir/src/arena.c" \
	    "$topdir/src/gendirective.c" "$zsdir/genexpand.c" \
	    -o "$genexpand" 2>"$tmp/cc.err"; then
		echo "check_generate: cannot build genexpand:" >&2
		cat "$tmp/cc.err" >&2
		exit 1
	fi
fi

passed=0
failed=0
pass() {
	passed=$((passed + 1))
	echo "ok - $*"
}
fail() {
	failed=$((failed + 1))
	echo "not ok - $*"
}

origin_of() {
	sed -n '1s/^; origin: *//p' "$1"
}

# dump ORIGIN FILE OUT: sorted canonical record set of FILE, or failure.
dump() {
	"$nczone" -q -D -o "$3.raw" "$1" "$2" >"$3.err" 2>&1 || return 1
	LC_ALL=C sort "$3.raw" >"$3"
}

check_valid() {
	z=$1
	name=$(basename "$z")
	origin=$(origin_of "$z")
	if [ -z "$origin" ]; then
		fail "$name: no \"; origin:\" first line"
		return
	fi
	if ! dump "$origin" "$z" "$tmp/bind"; then
		fail "$name: named-checkzone rejects the original: $(head -n 1 "$tmp/bind.err")"
		return
	fi
	if ! "$genexpand" "$z" >"$tmp/exp.zone" 2>"$tmp/exp.err"; then
		fail "$name: genexpand: $(head -n 1 "$tmp/exp.err")"
		return
	fi
	if grep -qi '^[$]generate' "$tmp/exp.zone"; then
		fail "$name: the expanded file still has a \$GENERATE line"
		return
	fi
	if ! dump "$origin" "$tmp/exp.zone" "$tmp/ours"; then
		fail "$name: named-checkzone rejects the expansion: $(head -n 1 "$tmp/ours.err")"
		return
	fi
	nbind=$(wc -l <"$tmp/bind" | tr -d ' ')
	ndirect=$(grep -vci '^[$;]\|^[[:space:]]*$' "$z" | tr -d ' ')
	if [ "$nbind" -le "$ndirect" ]; then
		fail "$name: only $nbind records: nothing was generated"
		return
	fi
	if ! cmp -s "$tmp/bind" "$tmp/ours"; then
		fail "$name: record sets differ (< named-checkzone, > genexpand):"
		diff "$tmp/bind" "$tmp/ours" | sed -n '1,10s/^/#   /p'
		return
	fi
	pass "$name: $nbind records, identical"
}

check_invalid() {
	z=$1
	name=$(basename "$z")
	origin=$(origin_of "$z")
	expect=$(sed -n '2s/.*(\(generate-[a-z-]*\)).*/\1/p' "$z")
	if [ -z "$origin" ] || [ -z "$expect" ]; then
		fail "$name: needs \"; origin:\" and \"(generate-...)\" comment lines"
		return
	fi
	if "$nczone" -q "$origin" "$z" >/dev/null 2>&1; then
		fail "$name: named-checkzone accepts it"
		return
	fi
	"$genexpand" "$z" >/dev/null 2>"$tmp/bad.err"
	rc=$?
	if [ "$rc" -ne 1 ]; then
		fail "$name: genexpand exited $rc, want 1"
		return
	fi
	if ! grep -q ": $expect: " "$tmp/bad.err"; then
		fail "$name: genexpand said \"$(head -n 1 "$tmp/bad.err")\", want $expect"
		return
	fi
	pass "$name: both reject ($expect)"
}

# The comparison must notice a record that is missing or extra.
check_controls() {
	z=$zsdir/generate-basic.zone
	origin=$(origin_of "$z")
	if ! "$genexpand" "$z" >"$tmp/c.zone" 2>/dev/null ||
	    ! dump "$origin" "$z" "$tmp/cbind"; then
		fail "control: cannot expand or load generate-basic.zone"
		return
	fi
	grep -v '^host-5 A 192.0.2.5$' "$tmp/c.zone" >"$tmp/c1.zone"
	if cmp -s "$tmp/c.zone" "$tmp/c1.zone"; then
		fail "control: record host-5 not found in the expansion"
	elif dump "$origin" "$tmp/c1.zone" "$tmp/c1" &&
	    ! cmp -s "$tmp/cbind" "$tmp/c1"; then
		pass "control: a dropped generated record is detected"
	else
		fail "control: a dropped generated record went unnoticed"
	fi
	sed 's/^\$GENERATE 1-10 host-/$GENERATE 1-11 host-/' "$z" >"$tmp/c2.zone"
	if dump "$origin" "$tmp/c2.zone" "$tmp/c2" &&
	    ! cmp -s "$tmp/cbind" "$tmp/c2"; then
		pass "control: an extra generated record is detected"
	else
		fail "control: an extra generated record went unnoticed"
	fi
}

for z in "$zsdir"/generate-*.zone; do
	case $(basename "$z") in
	generate-bad-*) check_invalid "$z" ;;
	*) check_valid "$z" ;;
	esac
done
check_controls

echo "1..$((passed + failed))"
echo "# check_generate: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
