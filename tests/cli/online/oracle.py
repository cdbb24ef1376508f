#!/usr/bin/python3
# The oracle for tests/cli/online.sh: what a real SPF evaluator (pyspf) and
# a real DNS client (pydns) make of the test zones served by the test's NSD.
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
#
# usage: oracle.py PORT spf DOMAIN... -- auth NAME...
# prints one line per question:
#   spf DOMAIN RESULT LOOKUPS REASON   (RESULT of the strict evaluation, LOOKUPS
#                                      counted by the lax one, which goes on
#                                      past the limit of 10 as zonelint does)
#   auth NAME yes|no|error             (a TXT record starting "v=DMARC1")
import sys

import DNS
import spf

port = int(sys.argv[1])
DNS.defaults['server'] = ['127.0.0.1']
DNS.defaults['port'] = port
DNS.defaults['timeout'] = 5

# a sender address no record lists, so every mechanism is evaluated
SENDER_IP = '203.0.113.250'

args = sys.argv[2:]
mode = None
for a in args:
    if a in ('spf', 'auth'):
        mode = a
        continue
    if a == '--':
        continue
    if mode == 'spf':
        q = spf.query(i=SENDER_IP, s='postmaster@' + a, h=a, strict=True)
        res, _, why = q.check()
        lax = spf.query(i=SENDER_IP, s='postmaster@' + a, h=a, strict=False)
        lax.check()
        print('spf %s %s %d %s' % (a, res, lax.lookups, why.replace('\n', ' ')))
    elif mode == 'auth':
        try:
            r = DNS.DnsRequest(a, qtype='TXT').req()
            texts = [b''.join(x['data']) for x in r.answers if x['typename'] == 'TXT']
            ok = any(t.startswith(b'v=DMARC1') for t in texts)
            print('auth %s %s' % (a, 'yes' if ok else 'no'))
        except DNS.DNSError:
            print('auth %s error' % a)
