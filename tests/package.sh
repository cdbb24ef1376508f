#!/bin/bash
# Build the Debian package from a copy of the tree with
# `dpkg-buildpackage -us -uc -b` and check what is in it: the binary, the
# man pages, the bash completion, the docs; that the extracted zonelint runs
# and reports configure.ac's version; that Build-Depends are in
# tools/debian-packages.txt.  Slow, so not part of make check (tools/run-tests
# calls it).  DEB_BUILD_OPTIONS defaults to nocheck (make check has its own
# stage); ZL_PACKAGE_CHECK=1 runs the test suite inside the package build.
# Usage: tests/package.sh [KEEP_DIR]   (TAP on stdout)
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
ZL_SRCDIR=$top ZONELINT=/bin/false
. "$top/tests/cli/lib.sh"
for tool in dpkg-buildpackage dpkg-deb dh; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool not installed (Debian packages dpkg-dev, debhelper)"
		exit 0
	fi
done
version=$(sed -n 's/^AC_INIT(\[zonelint\], *\[\([^]]*\)\].*/\1/p' "$top/configure.ac")

# Build-Depends come from the one package list
check "every Build-Depends is in tools/debian-packages.txt" python3 - "$top/debian/control" \
	"$top/tools/debian-packages.txt" <<'EOP'
import re, sys
text = open(sys.argv[1]).read()
bd = re.search(r"^Build-Depends:(.*?)^\S", text, re.S | re.M).group(1)
names = {re.sub(r"[ (<].*", "", p.strip()) for p in bd.split(",") if p.strip()}
names.discard("debhelper-compat")
listed = {l.split("#")[0].strip() for l in open(sys.argv[2])} - {""}
missing = names - listed
assert not missing, missing
assert {"debhelper", "dpkg-dev"} <= listed
EOP
check "debian/changelog is at configure.ac's version ($version)" \
	sh -c 'head -n1 "$1/debian/changelog" | grep -q "^zonelint ($2-[0-9]*)"' - "$top" "$version"

# a copy of the tree: what git tracks or would track (no build products)
mkdir src
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$top" && git ls-files -z --cached --others --exclude-standard |
		tar -cf - --null --ignore-failed-read -T - 2>/dev/null) | tar -xf - -C src
else
	cp -R "$top/." src/ && chmod -R u+w src
fi
check "the copy has debian/" test -x src/debian/rules
opts=${DEB_BUILD_OPTIONS:-}
[ "${ZL_PACKAGE_CHECK:-0}" = 1 ] || opts="nocheck $opts"
jobs=$(nproc 2>/dev/null || echo 2)
(cd src && DEB_BUILD_OPTIONS="$opts parallel=$jobs" dpkg-buildpackage -us -uc -b) \
	>build.log 2>&1
st=$?
check "dpkg-buildpackage -us -uc -b succeeds (DEB_BUILD_OPTIONS=$opts)" test "$st" -eq 0 ||
	tail -n 40 build.log | sed 's/^/# /'
deb=$(ls zonelint_"$version"-*_*.deb 2>/dev/null | head -n1)
check "a .deb was built" test -n "$deb" -a -f "$deb"
if [ -n "$deb" ]; then
	dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' >contents.txt
	sed 's/^/# in the package: /' contents.txt
	for f in /usr/bin/zonelint /usr/share/man/man1/zonelint.1.gz \
		/usr/share/man/man5/zonelint.yaml.5.gz /usr/share/man/man7/zonelint-rules.7.gz \
		/usr/share/bash-completion/completions/zonelint /usr/share/doc/zonelint/copyright \
		/usr/share/doc/zonelint/rules/zone.yaml; do
		check "the package has $f" grep -qx "$f" contents.txt
	done
	check "the package has the docs (README, ci.md)" \
		sh -c 'grep -q "^/usr/share/doc/zonelint/README.md" contents.txt &&
		       grep -q "^/usr/share/doc/zonelint/ci.md" contents.txt'
	check "the package has the custom-rule examples" \
		grep -q '^/usr/share/doc/zonelint/rules/examples/.*\.yaml' contents.txt
	check "the package holds nothing under /usr/local" sh -c '! grep -q "^/usr/local" contents.txt'
	dpkg-deb -x "$deb" root
	check "the extracted zonelint --version is $version" \
		test "$(root/usr/bin/zonelint --version)" = "zonelint $version"
	printf '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ IN NS ns1\n@ IN NS ns2\nns1 IN A 192.0.2.1\nns2 IN A 192.0.2.2\nbad IN A 192.0.2.300\n' >z.zone
	root/usr/bin/zonelint check --no-config z.zone >check.out 2>&1
	check "the extracted zonelint lints (an error: exit 1)" test $? -eq 1
	check "the extracted zonelint reports the error" grep -q '^z.zone:8: error: .*\[zone-syntax\]$' check.out
	check "the man page in the package renders" sh -c \
		'zcat root/usr/share/man/man1/zonelint.1.gz | groff -ww -mandoc -Tutf8 2>&1 >/dev/null | (! grep .)'
	dpkg-deb -f "$deb" Depends >depends.txt
	check "the package depends on the shared libraries it links" \
		sh -c 'grep -q libldns depends.txt && grep -q libyaml depends.txt && grep -q libpcre2 depends.txt'
	# debian/rules builds with --disable-static-deps: shared libraries, PIE
	check "the packaged zonelint is position-independent" \
		sh -c 'readelf -h root/usr/bin/zonelint | grep -q "Type:.*DYN"'
	check "the packaged zonelint links libldns and libcrypto shared" \
		sh -c 'readelf -d root/usr/bin/zonelint | grep -q "NEEDED.*libldns" &&
			readelf -d root/usr/bin/zonelint | grep -q "NEEDED.*libcrypto"'
	if [ $# -ge 1 ]; then
		cp "$deb" "$1"/ && echo "# kept $1/$(basename "$deb")"
	fi
fi
finish
