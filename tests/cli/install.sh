#!/bin/bash
# make install into a DESTDIR: binary, man pages, the catalogue's docs and
# the bash completion; the installed zonelint and completion work, the
# version is configure.ac's; make uninstall leaves only empty folders.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
. "$(dirname "$0")/lib.sh"
B=${ZL_BUILDDIR:-}
if [ -z "$B" ] || [ ! -f "$B/Makefile" ]; then
	echo "1..0 # SKIP needs ZL_BUILDDIR (run it from make check)"
	exit 0
fi
MAKE=${MAKE:-make}
# an installation variable of the build, expanded
var() { printf 'zl-print-var:\n\t@echo $(%s)\n' "$1" |
	env -u MAKEFLAGS -u MFLAGS $MAKE -s -C "$B" -f Makefile -f - zl-print-var; }
bindir=$(var bindir) mandir=$(var mandir) docdir=$(var docdir) datadir=$(var datadir)
D=$T/root

version=$(sed -n 's/^AC_INIT(\[zonelint\], *\[\([^]]*\)\].*/\1/p' "$ZL_SRCDIR/configure.ac")
check "configure.ac has a version" test -n "$version"
check "the built zonelint --version is configure.ac's ($version)" \
	test "$("$ZONELINT" --version)" = "zonelint $version"

env -u MAKEFLAGS -u MFLAGS $MAKE -s -C "$B" install DESTDIR="$D" >install.log 2>&1
check "make install DESTDIR=... succeeds" test $? -eq 0 || sed 's/^/# /' install.log
(cd "$D" && find . -type f | sed 's|^\./|/|' | LC_ALL=C sort) >files.txt
sed 's/^/# installed: /' files.txt
want="$bindir/zonelint
$mandir/man1/zonelint.1
$mandir/man5/zonelint.yaml.5
$mandir/man7/zonelint-rules.7
$docdir/README.md
$docdir/ci.md
$datadir/bash-completion/completions/zonelint"
for f in "$ZL_SRCDIR"/rules/*.yaml; do want="$want
$docdir/rules/$(basename "$f")"; done
for f in "$ZL_SRCDIR"/rules/examples/*.yaml; do want="$want
$docdir/rules/examples/$(basename "$f")"; done
printf '%s\n' "$want" | LC_ALL=C sort >want.txt
check "exactly the expected files are installed" diff want.txt files.txt
check "the installed binary is executable" test -x "$D$bindir/zonelint"
check "the installed zonelint --version is configure.ac's" \
	test "$("$D$bindir/zonelint" --version)" = "zonelint $version"
check "the installed man page carries the version" grep -q "zonelint $version" "$D$mandir/man1/zonelint.1"
check "the installed rule docs are the catalogue" cmp -s "$D$docdir/rules/zone.yaml" "$ZL_SRCDIR/rules/zone.yaml"

# the completion, as bash-completion would load it
comp() { # comp WORD... : the completions of the last word
	PATH=$D$bindir:$PATH bash -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_zonelint
		printf "%s\n" "${COMPREPLY[@]}"' comp "$D$datadir/bash-completion/completions/zonelint" "$@"
}
check "completion: commands" sh -c "test \"\$(printf '%s\n' \"$(comp zonelint ch)\")\" = check"
out=$(comp zonelint '')
check "completion: every command" sh -c 'for c in check dump rules explain generate; do
	printf "%s\n" "$1" | grep -qx "$c" || exit 1; done' - "$out"
check "completion: check options" sh -c 'printf "%s\n" "$1" | grep -qx -- --write-baseline' - \
	"$(comp zonelint check --)"
check "completion: --format values" sh -c 'test "$(printf "%s " $1)" = "codeclimate "' - \
	"$(comp zonelint check --format co)"
check "completion: rule ids for explain" sh -c 'printf "%s\n" "$1" | grep -qx zone-duplicate' - \
	"$(comp zonelint explain zone-dup)"
check "completion: rule lists for --disable" sh -c 'printf "%s\n" "$1" | grep -qx zone-syntax,zone-duplicate' - \
	"$(comp zonelint check --disable zone-syntax,zone-dup)"
check "completion: generate forms" sh -c 'printf "%s\n" "$1" | grep -qx mta-sts' - \
	"$(comp zonelint generate m)"
check "completion: mta-sts formats include policy" sh -c 'printf "%s\n" "$1" | grep -qx policy' - \
	"$(comp zonelint generate mta-sts example.com --format p)"
touch zone-file.zone
check "completion: file names for check" sh -c 'printf "%s\n" "$1" | grep -qx zone-file.zone' - \
	"$(comp zonelint check zone-fi)"

env -u MAKEFLAGS -u MFLAGS $MAKE -s -C "$B" uninstall DESTDIR="$D" >uninstall.log 2>&1
check "make uninstall succeeds" test $? -eq 0 || sed 's/^/# /' uninstall.log
left=$(cd "$D" && find . ! -type d) || left="(no $D at all)"
check "make uninstall leaves only empty folders" test -z "$left"
[ -z "$left" ] || printf '# left: %s\n' $left
finish
