#!/usr/bin/env python3
"""Write a large zone with a realistic mix of mail-authentication records.

usage: mkzone.py ORIGIN HOSTS [SEED] > file.zone

Every host gets an address or two; one in three runs mail (MX, SPF with an
include, DMARC quarantine, a DKIM key split over two strings, and every
ninth of those a TLSA, MTA-STS and TLS-RPT record), one in three is parked
(null MX, v=spf1 -all, DMARC reject) and the rest are web aliases.  About
five records per host.  The output depends only on the arguments.
"""
import base64
import random
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    origin = sys.argv[1].rstrip(".") + "."
    hosts = int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    dom = origin[:-1]
    out = sys.stdout
    out.write(f"$ORIGIN {origin}\n$TTL 3600\n")
    out.write(f"@ IN SOA ns1 hostmaster 2026120101 7200 3600 1209600 3600\n")
    out.write("@ IN NS ns1\n@ IN NS ns2\nns1 IN A 192.0.2.1\nns2 IN A 192.0.2.2\n")
    out.write("@ IN MX 10 mx1\n@ IN MX 20 mx2\nmx1 IN A 192.0.2.25\nmx2 IN A 192.0.2.26\n")
    out.write('@ IN TXT "v=spf1 mx ip4:192.0.2.0/24 -all"\n')
    out.write(f'_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@{dom}"\n')
    out.write('_spf IN TXT "v=spf1 ip4:198.51.100.0/24 -all"\n')
    key = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(294))).decode()
    for i in range(hosts):
        h = f"host{i}"
        out.write(f"{h} IN A 198.51.{(i >> 8) & 255}.{i & 255}\n")
        out.write(f"{h} IN AAAA 2001:db8:{(i >> 16) & 0xffff:x}::{i & 0xffff:x}\n")
        kind = i % 3
        if kind == 0:
            out.write(f"{h} IN MX 10 mx1.{origin}\n")
            out.write(f'{h} IN TXT "v=spf1 ip4:203.0.113.{i & 255} include:_spf.{origin} -all"\n')
            out.write(f'_dmarc.{h} IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@{dom}"\n')
            out.write(f's1._domainkey.{h} IN TXT "v=DKIM1; k=rsa; p={key[:220]}" "{key[220:]}"\n')
            if i % 9 == 0:
                out.write(f"_25._tcp.{h} IN TLSA 3 1 1 {rng.getrandbits(256):064x}\n")
                out.write(f'_mta-sts.{h} IN TXT "v=STSv1; id={i}a"\n')
                out.write(f'_smtp._tls.{h} IN TXT "v=TLSRPTv1; rua=mailto:tls@{dom}"\n')
        elif kind == 1:
            out.write(f"{h} IN MX 0 .\n")
            out.write(f'{h} IN TXT "v=spf1 -all"\n')
            out.write(f'_dmarc.{h} IN TXT "v=DMARC1; p=reject"\n')
        else:
            out.write(f"www.{h} IN CNAME {h}\n")


if __name__ == "__main__":
    main()
