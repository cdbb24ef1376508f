#!/bin/bash
# check --jobs: the rule families run in threads, and the report is the same
# byte for byte whatever the number of threads (zone B of the benchmark:
# 20,000 subdomains, about 100,000 records, made by tests/bench/mkzone.py).
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"
python3 "$ZL_SRCDIR/tests/bench/mkzone.py" example.com 20000 >B.zone
check "zone B was generated" test "$(grep -vc '^\$' B.zone)" -gt 90000
for fmt in text json sarif; do
	for j in 1 2 3 8; do
		"$ZONELINT" check --no-config --fail-on never --format "$fmt" --jobs "$j" B.zone \
			>"B.$fmt.$j" 2>"B.$fmt.$j.err"
		echo $? >"B.$fmt.$j.rc"
	done
	check "$fmt report of zone B is not empty" test -s "B.$fmt.1"
	for j in 2 3 8; do
		check "$fmt: --jobs $j gives the report of --jobs 1, byte for byte" \
			cmp -s "B.$fmt.1" "B.$fmt.$j"
		check "$fmt: --jobs $j: same exit status and stderr" \
			sh -c 'cmp -s "$1.rc" "$2.rc" && cmp -s "$1.err" "$2.err"' _ "B.$fmt.1" "B.$fmt.$j"
	done
done
check "zone B has over 2,048 findings (so threads wrote the report: report.c)" \
	sh -c '[ "$(grep -c " \[[a-z0-9-]*\]$" B.text.1)" -gt 2048 ]'
check "zone B has findings of several families (so threads had work)" \
	sh -c '[ "$(grep -o "\[[a-z]*-" B.text.1 | sort -u | wc -l)" -ge 4 ]'
"$ZONELINT" check --no-config --fail-on never B.zone >B.default
check "without --jobs (one thread per core) the report is the same" cmp -s B.text.1 B.default
# the examples: many small zones and cross-zone checks in one run.  A set of
# fewer than 4,096 records runs its families in one thread whatever --jobs
# says (rules.c), so a generated zone of 5,000 more records goes with them:
# the cross-zone checks then run in the threads too
"$ZONELINT" check --no-config --fail-on never --jobs 1 "$ZL_SRCDIR/zones-examples" >ex.1 2>&1
"$ZONELINT" check --no-config --fail-on never --jobs 2 "$ZL_SRCDIR/zones-examples" >ex.2 2>&1
check "zones-examples: --jobs 2 gives the report of --jobs 1" cmp -s ex.1 ex.2
python3 "$ZL_SRCDIR/tests/bench/mkzone.py" bulk.example 1000 >bulk.zone
check "the bulk zone has more than 4,096 records" test "$(grep -vc '^\$' bulk.zone)" -gt 4096
for j in 1 2; do
	"$ZONELINT" check --no-config --fail-on never --jobs "$j" "$ZL_SRCDIR/zones-examples" \
		bulk.zone >exb.$j 2>&1
done
check "zones-examples and a bulk zone: --jobs 2 gives the report of --jobs 1" cmp -s exb.1 exb.2
check "the run with the bulk zone reports the examples too" \
	sh -c 'grep -q "zones-examples/" exb.2 && grep -q "bulk.zone:" exb.2'
{ header; echo 'www IN A 192.0.2.1'; } >small.zone
for bad in 0 -1 257 two 1.5 ""; do
	status "--jobs '$bad' is a usage error" 2 "$ZONELINT" check --no-config --jobs "$bad" small.zone
done
check "the usage error says what --jobs takes" grep -q "jobs must be a whole number from 1 to 256" "$T/.err"
status "--jobs 1 on a small zone" 0 "$ZONELINT" check --no-config --jobs 1 small.zone
finish
