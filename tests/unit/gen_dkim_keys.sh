#!/bin/sh
# zonelint: make real DKIM test keys with the openssl command (for test_dkimkey).
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
#
# Usage: gen_dkim_keys.sh OUTDIR
#
# For each key NAME in rsa512 rsa1024 rsa2048 rsa4096 ed25519 ec256 rsapss1024
# this writes into OUTDIR:
#   NAME.priv.pem     PKCS#8 "PRIVATE KEY"
#   NAME.pub.pem      "PUBLIC KEY" (SubjectPublicKeyInfo, RFC 5280 4.1.2.7)
#   NAME.spki.b64     base64 of the DER SubjectPublicKeyInfo, one line
# and for RSA keys (rsa*, not rsapss*):
#   NAME.pkcs1.b64    base64 of the bare PKCS#1 RSAPublicKey (RFC 8017 A.1.1)
#   NAME.rsapriv.pem  traditional "RSA PRIVATE KEY"
#   NAME.rsapub.pem   "RSA PUBLIC KEY"
# and for Ed25519:
#   NAME.raw.b64      base64 of the raw 32-byte key (RFC 8463 4), the last
#                     32 bytes of the 44-byte DER SubjectPublicKeyInfo
# plus rsa1024.enc.pem and rsa1024.enctrad.pem, the key encrypted (passphrase
# "x") as PKCS#8 and as a traditional PEM, ec256.ecparam.pem ("EC PARAMETERS"
# then "EC PRIVATE KEY"), and a file MANIFEST listing the key names.  Exits
# non-zero on any failure.

set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 OUTDIR" >&2
	exit 2
fi
out=$1
mkdir -p "$out"
command -v openssl >/dev/null 2>&1 || {
	echo "$0: openssl command not found" >&2
	exit 1
}

# b64 FILE: base64 on one line without a trailing newline in the data
b64() {
	openssl base64 -A -in "$1"
}

# genpkey ARGS...: openssl genpkey, showing its chatter only on failure
genpkey() {
	if ! openssl genpkey "$@" 2>"$out/genpkey.err"; then
		cat "$out/genpkey.err" >&2
		rm -f "$out/genpkey.err"
		return 1
	fi
	rm -f "$out/genpkey.err"
}

# genrsa NAME BITS: OpenSSL 3 genpkey accepts 512 bits; older or stricter
# builds may refuse, so fall back to the legacy genrsa command.
genrsa() {
	if ! openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$2" \
		-out "$out/$1.priv.pem" 2>/dev/null; then
		rm -f "$out/$1.priv.pem"
		openssl genrsa -out "$out/$1.tmp.pem" "$2" 2>/dev/null
		openssl pkey -in "$out/$1.tmp.pem" -out "$out/$1.priv.pem"
		rm -f "$out/$1.tmp.pem"
	fi
}

# common NAME: public PEM and base64 SPKI from NAME.priv.pem
common() {
	openssl pkey -in "$out/$1.priv.pem" -pubout -out "$out/$1.pub.pem"
	openssl pkey -pubin -in "$out/$1.pub.pem" -outform DER -out "$out/$1.spki.der"
	b64 "$out/$1.spki.der" >"$out/$1.spki.b64"
}

names=""
for bits in 512 1024 2048 4096; do
	n=rsa$bits
	genrsa "$n" "$bits"
	common "$n"
	openssl rsa -in "$out/$n.priv.pem" -RSAPublicKey_out -outform DER \
		-out "$out/$n.pkcs1.der" 2>/dev/null
	b64 "$out/$n.pkcs1.der" >"$out/$n.pkcs1.b64"
	openssl rsa -in "$out/$n.priv.pem" -traditional -out "$out/$n.rsapriv.pem" \
		2>/dev/null
	openssl rsa -in "$out/$n.priv.pem" -RSAPublicKey_out -out "$out/$n.rsapub.pem" \
		2>/dev/null
	rm -f "$out/$n.pkcs1.der"
	names="$names $n"
done

genpkey -algorithm ed25519 -out "$out/ed25519.priv.pem"
common ed25519
size=$(wc -c <"$out/ed25519.spki.der" | tr -d ' ')
if [ "$size" != 44 ]; then
	echo "$0: ed25519 SubjectPublicKeyInfo is $size bytes, expected 44" >&2
	exit 1
fi
tail -c 32 "$out/ed25519.spki.der" >"$out/ed25519.raw"
b64 "$out/ed25519.raw" >"$out/ed25519.raw.b64"
rm -f "$out/ed25519.raw"
names="$names ed25519"

genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/ec256.priv.pem"
common ec256
names="$names ec256"

genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:1024 \
	-out "$out/rsapss1024.priv.pem"
common rsapss1024
names="$names rsapss1024"

openssl pkey -in "$out/rsa1024.priv.pem" -aes256 -passout pass:x -out "$out/rsa1024.enc.pem"
openssl rsa -in "$out/rsa1024.priv.pem" -traditional -aes256 -passout pass:x \
	-out "$out/rsa1024.enctrad.pem" 2>/dev/null
# "EC PARAMETERS" block followed by a traditional "EC PRIVATE KEY"
openssl ecparam -name prime256v1 -genkey -out "$out/ec256.ecparam.pem"

for n in $names; do
	rm -f "$out/$n.spki.der"
done
echo "$names" | tr ' ' '\n' | sed '/^$/d' >"$out/MANIFEST"
