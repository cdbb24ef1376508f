#!/bin/bash
# The manual pages: the three built pages render with groff -ww without a
# single warning; every command and option --help prints is in zonelint(1)
# (as git's t0450 checks its docs against -h); every configuration key the
# parser accepts is in zonelint.yaml(5).
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"
B=${ZL_BUILDDIR:-$ZL_SRCDIR}
MAN1=$ZL_SRCDIR/man/zonelint.1.in
MAN5=$ZL_SRCDIR/man/zonelint.yaml.5.in

if command -v groff >/dev/null 2>&1; then
	for page in man/zonelint.1 man/zonelint.yaml.5 man/zonelint-rules.7; do
		if [ ! -f "$B/$page" ]; then
			not_ok "$page is built"
			continue
		fi
		LC_ALL=C.UTF-8 groff -ww -mandoc -Tutf8 "$B/$page" >render.out 2>render.err
		st=$?
		if [ "$st" -eq 0 ] && [ ! -s render.err ] && [ -s render.out ]; then
			ok "$page renders with groff -ww, no warnings"
		else
			not_ok "$page renders with groff -ww, no warnings (exit $st)"
			sed 's/^/# /' render.err | head -n 20
		fi
		check "$page has no @substitution@ left" sh -c "! grep -q '@[A-Za-z_]*@' '$B/$page'"
	done
	check "zonelint(1) names the version" grep -q "zonelint $("$ZONELINT" --version | cut -d' ' -f2)" \
		"$B/man/zonelint.1"
else
	ok "groff renders the pages # SKIP groff not installed (Debian package groff-base)"
fi

# in roff source an option is written with \- for each -
roff() { printf '%s' "$1" | sed 's/-/\\-/g'; }
"$ZONELINT" --help >help.txt
"$ZONELINT" check --help >check-help.txt
check "zonelint --help and check --help print something" test -s help.txt -a -s check-help.txt
for opt in $(cat help.txt check-help.txt | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
	r=$(roff "$opt")
	check "option $opt of --help is in zonelint(1)" grep -qF -- "$r" "$MAN1"
done
for cmd in $(grep -o '^ *\(usage: \)\?zonelint [a-z][a-z-]*' help.txt | awk '{print $NF}' | sort -u); do
	r=$(roff "$cmd")
	check "command $cmd is in zonelint(1)'s synopsis and commands" \
		sh -c 'grep -qF -- ".B zonelint $1" "$3" && grep -qE -- "^\.(B|BI|TP|BR) \"?$2( |\"|$)" "$3"' \
		- "$r" "$(printf '%s' "$r" | sed 's/\\/\\\\/g')" "$MAN1"
done
# every check option's long name in the option table of cmd_check.c
for opt in $(sed -n 's/^[[:space:]]*{ "\([a-z-]*\)", [a-z_]*argument,.*/\1/p' \
	"$ZL_SRCDIR/src/cmd_check.c" | grep -vx help); do
	check "check option --$opt is in check --help" grep -qF -- "--$opt" check-help.txt
done

# every key src/config.c accepts is documented in zonelint.yaml(5)
keys=$(grep -o 'strcmp(key, "[a-z0-9-]*")\|strcmp(str_of(k), "[a-z0-9-]*")' "$ZL_SRCDIR/src/config.c" |
	sed 's/.*"\(.*\)")/\1/' | sort -u)
check "src/config.c has keys to check" test -n "$keys"
for k in $keys; do
	r=$(roff "$k")
	check "config key $k is in zonelint.yaml(5)" grep -qF -- "$r" "$MAN5"
done
finish
