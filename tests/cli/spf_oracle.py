#!/usr/bin/python3
# pyspf as an oracle: evaluate every SPF record of some zone files with a real
# SPF evaluator (pyspf, python3-spf) against a fake DNS built from the same
# files, and print "OWNER RESULT" per SPF record (RESULT permerror when pyspf
# returns permerror for an IPv4 or an IPv6 test sender, else ok).
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
#
# Usage: spf_oracle.py [--external NAME=COST]... ZONEFILE...
#
# The zones are read with named-checkzone -D (BIND's own reader), not with
# zonelint's loader, so the two sides share nothing but the zone text.
# The fake DNS answers like an authoritative server for the loaded zones:
# exact names, empty non-terminals (NODATA), wildcards (RFC 4592), CNAMEs
# (pyspf follows them), NXDOMAIN.  A name outside every loaded zone, or below
# a delegation, is what zonelint calls unknown; it gets the cheapest valid
# answer (an address, one MX, or the SPF record "v=spf1 ?all"), or, when
# --external gives its cost N, an SPF record of N "a:" lookups, so that the
# oracle says permerror only where zonelint's offline view must too.
# The test senders (100.127.255.254 and fdff:ffff::1) match nothing in the
# test zones, which makes pyspf reach every term: the worst case zonelint
# reports.
import re
import subprocess
import sys

import spf

SENDERS = ("100.127.255.254", "fdff:ffff::1")
EXT_A = "233.252.0.1"          # MCAST-TEST-NET: never a sender
EXT_AAAA = "3fff::1"


def origin_of(path):
    with open(path, encoding="latin-1") as f:
        for line in f:
            m = re.match(r"\$ORIGIN\s+(\S+)", line)
            if m:
                return m.group(1).rstrip(".")
    base = path.rsplit("/", 1)[-1]
    return re.sub(r"\.(zone|db)$", "", base)


def txt_strings(rdata):
    out = []
    for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', rdata):
        s, b, i = m.group(1), bytearray(), 0
        while i < len(s):
            if s[i] == "\\" and s[i + 1:i + 4].isdigit():
                b.append(int(s[i + 1:i + 4]))
                i += 4
            elif s[i] == "\\":
                b += s[i + 1].encode("latin-1")
                i += 2
            else:
                b += s[i].encode("latin-1")
                i += 1
        out.append(bytes(b))
    return out


class Zones:
    def __init__(self, files):
        self.rr = {}                # (name, type) -> [value]
        self.names = set()
        self.apexes = set()
        self.cuts = set()
        for path in files:
            origin = origin_of(path)
            dump = subprocess.run(
                ["named-checkzone", "-D", "-q", "-i", "none", "-k", "ignore", "-n",
                 "ignore", "-M", "ignore", "-S", "ignore", "-o", "-", origin, path],
                capture_output=True, text=True, encoding="latin-1")
            apex = origin.lower()
            self.apexes.add(apex)
            for line in dump.stdout.splitlines():
                f = line.split(None, 4)
                if len(f) < 5 or f[2] != "IN":
                    continue
                name, rtype, data = f[0].lower().rstrip("."), f[3], f[4]
                self.add(name, rtype, data)
                if rtype == "NS" and name != apex:
                    self.cuts.add(name)

    def add(self, name, rtype, data):
        if rtype in ("A", "AAAA"):
            val = data.strip()
        elif rtype == "MX":
            pref, host = data.split()
            val = (int(pref), host.lower().rstrip(".") or ".")
        elif rtype in ("TXT", "SPF"):
            val = txt_strings(data)
        elif rtype in ("CNAME", "PTR", "NS"):
            val = data.strip().lower().rstrip(".")
        else:
            val = data
        self.rr.setdefault((name, rtype), []).append(val)
        labels = name.split(".")
        for i in range(len(labels)):
            self.names.add(".".join(labels[i:]))

    def zone_of(self, name):
        labels = name.split(".")
        for i in range(len(labels)):
            cand = ".".join(labels[i:])
            if cand in self.apexes:
                return cand
        return None

    def known(self, name):
        """Whether the loaded zones answer for name (not outside, not delegated)."""
        apex = self.zone_of(name)
        if apex is None:
            return False
        labels = name.split(".")
        for i in range(len(labels)):
            cand = ".".join(labels[i:])
            if cand == apex:
                break
            if cand in self.cuts:
                return False
        return True


def external_answer(name, qtype, costs):
    # the cheapest valid answer, or an SPF record of the configured cost
    if qtype == "A":
        return [((name, "A"), EXT_A)]
    if qtype == "AAAA":
        return [((name, "AAAA"), EXT_AAAA)]
    if qtype == "MX":
        return [((name, "MX"), (10, "mx.oracle.invalid"))]
    if qtype == "TXT":
        n = costs.get(name)
        if n is None and name.endswith(".oracle.invalid"):
            return []
        terms = " ".join("a:h%d.oracle.invalid" % i for i in range(n or 0))
        rec = ("v=spf1 %s ?all" % terms).replace("  ", " ")
        return [((name, "TXT"), [rec.encode()])]
    return []


def make_lookup(z, costs):
    def lookup(name, qtype, strict=True, timeout=20):
        name = str(name).lower().rstrip(".")
        if name.endswith(".oracle.invalid") or not z.known(name):
            if name.endswith(".oracle.invalid") and qtype == "TXT":
                return []
            return external_answer(name, qtype, costs)
        owner = name
        if name not in z.names:
            # wildcard at the closest encloser (RFC 4592)
            labels = name.split(".")
            ce = next(".".join(labels[i:]) for i in range(1, len(labels))
                      if ".".join(labels[i:]) in z.names)
            star = "*." + ce
            if star not in z.names:
                return []
            owner = star
        cname = z.rr.get((owner, "CNAME"))
        if cname and qtype != "CNAME":
            return [((name, "CNAME"), cname[0])]
        return [((name, qtype), v) for v in z.rr.get((owner, qtype), [])]
    return lookup


def main(argv):
    costs, files = {}, []
    i = 0
    while i < len(argv):
        if argv[i] == "--external":
            n, c = argv[i + 1].rsplit("=", 1)
            costs[n.lower().rstrip(".")] = int(c)
            i += 2
        else:
            files.append(argv[i])
            i += 1
    z = Zones(files)
    spf.DNSLookup = make_lookup(z, costs)
    owners = sorted({name for (name, rtype), vals in z.rr.items() if rtype == "TXT"
                     for v in vals if spf.RE_SPF.match(b"".join(v))})
    for owner in owners:
        if not z.known(owner):
            continue
        bad = []
        for ip in SENDERS:
            q = spf.query(i=ip, s="postmaster@" + owner, h=owner)
            res = q.check()
            if res[0] == "permerror":
                bad.append("%s: %s" % (ip, res[2]))
        print("%s. %s%s" % (owner, "permerror" if bad else "ok",
                            "\t# " + "; ".join(bad) if bad else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
