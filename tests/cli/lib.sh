# Shared helpers for the CLI tests: TAP output, a scratch folder, zone text.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
set -u
ZL_SRCDIR=${ZL_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
ZONELINT=${ZONELINT:-$ZL_SRCDIR/src/zonelint}
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
cd "$T" || exit 2
_n=0
_fail=0
ok() { _n=$((_n + 1)); echo "ok $_n - $*"; }
not_ok() { _n=$((_n + 1)); _fail=1; echo "not ok $_n - $*"; }
# check DESC COMMAND...: passes when COMMAND succeeds
check() {
	local d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
# status DESC EXPECTED COMMAND...: passes when COMMAND exits with EXPECTED
status() {
	local d=$1 want=$2 got
	shift 2
	"$@" >"$T/.out" 2>"$T/.err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok "$d"; else
		not_ok "$d (exit $got, wanted $want)"
		sed 's/^/# out: /' "$T/.out" | head -n 20
		sed 's/^/# err: /' "$T/.err" | head -n 20
	fi
}
finish() { echo "1..$_n"; exit $_fail; }
# header [ORIGIN]: a clean zone header
header() {
	local o=${1:-example.com.}
	printf '$ORIGIN %s\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ IN NS ns1\n@ IN NS ns2\nns1 IN A 192.0.2.1\nns2 IN A 192.0.2.2\n' "$o"
}
