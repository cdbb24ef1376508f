#!/bin/bash
# Replay every fuzz target's seed corpus and crash regressions without
# libFuzzer: tests/fuzz/replay_NAME (fuzz_NAME.c + replay.c) over
# tests/fuzz/corpus/NAME/ and tests/fuzz/regress/NAME/.  Each fuzz_*.c must
# have its replay program in FUZZ_REPLAY in Makefile.am.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/../cli/lib.sh"
B=${ZL_BUILDDIR:-$ZL_SRCDIR}
# leaks inside the libraries are not ours (see lsan.supp)
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$ZL_SRCDIR/tests/fuzz/lsan.supp"
# replay DESC PROGRAM DIR: passes when every file of DIR runs to the end
replay() {
	local d=$1 prog=$2 dir=$3 rc n
	timeout 600 "$prog" "$dir" >"$T/.out" 2>"$T/.err"
	rc=$?
	n=$(tail -n1 "$T/.out")
	if [ "$rc" -eq 0 ] && [ "${n:-0}" -gt 0 ]; then
		ok "$d ($n inputs)"
	else
		not_ok "$d (exit $rc, ${n:-0} inputs)"
		grep -v '^replay: ' "$T/.err" | head -n 30 | sed 's/^/# /'
		grep '^replay: ' "$T/.err" | tail -n1 | sed 's/^/# last input: /'
	fi
}
for src in "$ZL_SRCDIR"/tests/fuzz/fuzz_*.c; do
	n=${src##*/fuzz_}
	n=${n%.c}
	prog=$B/tests/fuzz/replay_$n
	if [ ! -x "$prog" ]; then
		not_ok "$n: replay_$n is not built (add it to FUZZ_REPLAY in Makefile.am)"
		continue
	fi
	if [ -d "$ZL_SRCDIR/tests/fuzz/corpus/$n" ]; then
		replay "$n: seed corpus replays clean" "$prog" "$ZL_SRCDIR/tests/fuzz/corpus/$n"
	else
		not_ok "$n: no seed corpus in tests/fuzz/corpus/$n"
	fi
	if [ -d "$ZL_SRCDIR/tests/fuzz/regress/$n" ]; then
		replay "$n: crash regressions replay clean" "$prog" \
			"$ZL_SRCDIR/tests/fuzz/regress/$n"
	fi
done
finish
