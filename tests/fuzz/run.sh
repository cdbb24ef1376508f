#!/bin/bash
# Build every libFuzzer target (tests/fuzz/fuzz_*.c) with clang under ASan
# and UBSan, run each for SECONDS on a scratch copy of its corpus, and print
# one line per target: name, seconds, executions, final coverage, result.
# Exits 1 if a target fails to build, crashes, leaks, times out or runs out
# of memory (its input is kept as BUILDDIR/run/NAME/crash-*, oom-*, ...),
# 2 on a usage error.  Nothing is written outside BUILDDIR.
#
#   tests/fuzz/run.sh SECONDS BUILDDIR
#
# ZL_FUZZ_JOBS: targets run at the same time (default 1); ZL_FUZZ_TARGETS:
# only these names (e.g. "load config").  A crash input is reproduced with
# BUILDDIR/fuzz_NAME FILE; add it to tests/fuzz/regress/NAME/ once fixed.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
set -u
if [ $# -ne 2 ] || ! [ "$1" -gt 0 ] 2>/dev/null; then
	echo "usage: $0 SECONDS BUILDDIR" >&2
	exit 2
fi
secs=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$2" || exit 2
bdir=$(cd "$2" && pwd)
jobs=${ZL_FUZZ_JOBS:-1}
cc=${ZL_FUZZ_CC:-clang}

# -max_len per target: a little more than the largest sensible input
max_len() {
	case $1 in
	load) echo 65536 ;;
	config) echo 16384 ;;
	dkimkey) echo 8192 ;;
	spf | tagvalue) echo 4096 ;;
	gendirective) echo 1024 ;;
	*) echo 4096 ;;
	esac
}

# ---- configure (for the generated catalogue) and build ----
if [ ! -x "$src/configure" ]; then
	echo "run.sh: $src/configure is missing: run autoreconf -fi first" >&2
	exit 1
fi
if [ ! -f "$bdir/Makefile" ] || ! grep -q "^CC = $cc\$" "$bdir/Makefile"; then
	(cd "$bdir" && "$src/configure" -q CC="$cc") || {
		echo "run.sh: configure failed in $bdir" >&2
		exit 1
	}
fi
make -C "$bdir" -s src/catalogue.c src/catalogue.h >"$bdir/catalogue.log" 2>&1 || {
	cat "$bdir/catalogue.log" >&2
	echo "run.sh: could not generate the rule catalogue" >&2
	exit 1
}
pkgs="ldns yaml-0.1 libpcre2-8 libcrypto"
pc_cflags=$(pkg-config --cflags $pkgs) && pc_libs=$(pkg-config --libs $pkgs) || {
	echo "run.sh: pkg-config cannot find $pkgs" >&2
	exit 1
}
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cflags="-g -O1 -std=c11 -Wall -Wextra -D_DEFAULT_SOURCE $san -I$bdir/src -I$src/src $pc_cflags"
obj=$bdir/obj
rm -rf "$obj"
mkdir -p "$obj" "$bdir/run"
# the library is what Makefile.am lists (a source not listed there yet is
# someone's work in progress), plus the generated catalogue
libsrc=$(awk '/^src_libzonelint_a_SOURCES *\+?=/ { on = 1 }
	on { for (i = 1; i <= NF; i++) if ($i ~ /\.c$/) print $i; if ($NF != "\\") on = 0 }' \
	"$src/Makefile.am" | sed "s|^|$src/|")
if [ -z "$libsrc" ]; then
	echo "run.sh: no src_libzonelint_a_SOURCES in $src/Makefile.am" >&2
	exit 1
fi
libsrc="$libsrc $bdir/src/catalogue.c"
# compile the library once, instrumented for coverage but without libFuzzer's main
printf '%s\n' $libsrc | xargs -P 2 -I{} sh -c \
	'o="$1/$(basename "$2" .c).o"; '"$cc"' $3 -fsanitize=fuzzer-no-link -c "$2" -o "$o" ||
	 { echo "run.sh: cannot compile $2" >&2; exit 255; }' _ "$obj" {} "$cflags" \
	2>"$bdir/build.log"
libok=$?
status=0
names=""
for t in "$src"/tests/fuzz/fuzz_*.c; do
	n=${t##*/fuzz_}
	n=${n%.c}
	if [ -n "${ZL_FUZZ_TARGETS:-}" ] && ! printf ' %s ' $ZL_FUZZ_TARGETS | grep -q " $n "; then
		continue
	fi
	names="$names $n"
	rm -rf "$bdir/run/$n"
	mkdir -p "$bdir/run/$n/corpus" "$bdir/run/$n/regress" "$bdir/run/$n/cwd"
	if [ "$libok" -ne 0 ]; then
		echo "build-failed" >"$bdir/run/$n/result"
		continue
	fi
	# shellcheck disable=SC2086
	if ! $cc $cflags -fsanitize=fuzzer "$t" "$obj"/*.o $pc_libs -o "$bdir/fuzz_$n" \
		>>"$bdir/build.log" 2>&1; then
		echo "build-failed" >"$bdir/run/$n/result"
	fi
done
if [ -s "$bdir/build.log" ]; then
	sed 's/^/# /' "$bdir/build.log" >&2
fi

# ---- run ----
# leaks inside the libraries are not ours (see lsan.supp)
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$src/tests/fuzz/lsan.supp"
run_one() { # NAME: fuzz it, leave its figures in BUILDDIR/run/NAME/
	local n=$1 d=$bdir/run/$n start rc
	[ -d "$src/tests/fuzz/corpus/$n" ] && cp -R "$src/tests/fuzz/corpus/$n/." "$d/corpus/"
	[ -d "$src/tests/fuzz/regress/$n" ] && cp -R "$src/tests/fuzz/regress/$n/." "$d/regress/"
	local dict=()
	[ -f "$src/tests/fuzz/$n.dict" ] && dict=("-dict=$src/tests/fuzz/$n.dict")
	start=$(date +%s)
	(cd "$d/cwd" && nice "$bdir/fuzz_$n" -max_total_time="$secs" -max_len="$(max_len "$n")" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$d/" \
		"${dict[@]}" "$d/corpus" "$d/regress" </dev/null >"$d/log" 2>&1)
	rc=$?
	echo $(($(date +%s) - start)) >"$d/seconds"
	if [ "$rc" -eq 0 ]; then
		echo ok >"$d/result"
	else
		local a
		a=$(ls "$d" | grep -E '^(crash|leak|timeout|oom|slow-unit)-' | head -n1)
		echo "FAILED (exit $rc${a:+, input $d/$a})" >"$d/result"
	fi
}
running=0
for n in $names; do
	[ -f "$bdir/run/$n/result" ] && continue
	run_one "$n" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait

# ---- report ----
for n in $names; do
	d=$bdir/run/$n
	r=$(cat "$d/result" 2>/dev/null || echo "not-run")
	s=$(cat "$d/seconds" 2>/dev/null || echo 0)
	x=$(sed -n 's/^stat::number_of_executed_units: *//p' "$d/log" 2>/dev/null | tail -n1)
	c=$(grep -o 'cov: [0-9]*' "$d/log" 2>/dev/null | tail -n1)
	printf '%-14s %5ss %12s execs  %-11s %s\n' "$n" "$s" "${x:-0}" "${c:-cov: 0}" "$r"
	if [ "$r" != ok ]; then
		status=1
		[ -f "$d/log" ] && grep -E '^(==[0-9]+==|SUMMARY|    #[0-9])' "$d/log" |
			head -n 40 | sed "s/^/# $n: /" >&2
	fi
done
[ -z "$names" ] && { echo "run.sh: no fuzz targets" >&2; status=1; }
exit $status
