/* zonelint: unit tests for the DNSSEC building blocks (dnssec.c).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "common.h"
#include "dnssec.h"

/* RFC 4034 section 5.4: the DNSKEY of dskey.example.com (key id 60485) */
static const uint8_t rfc4034_key[] = {
    0x01, 0x00, 0x03, 0x05, 0x01, 0x03, 0x9e, 0x8a, 0x24, 0x74, 0x18, 0xe3, 0x18, 0x90, 0x3b,
    0x21, 0x5a, 0x84, 0x8a, 0xcf, 0xd5, 0xf3, 0x7f, 0x02, 0x6b, 0xd4, 0x06, 0x2d, 0xb2, 0x6c,
    0x77, 0x4c, 0x69, 0x09, 0x68, 0xd5, 0xd5, 0x6d, 0xf8, 0xbf, 0xda, 0x91, 0xe6, 0xf3, 0x6d,
    0x9a, 0x27, 0x98, 0x88, 0xf4, 0x13, 0x33, 0x35, 0x7c, 0x5e, 0x60, 0x29, 0x99, 0x0d, 0x10,
    0xfd, 0xf5, 0x66, 0x30, 0x62, 0xa5, 0x12, 0x76, 0x33, 0x26, 0x98, 0x0a, 0x61, 0x5d, 0xdb,
    0xf1, 0x7a, 0x05, 0xdd, 0xfc, 0xce, 0x7e, 0x5f, 0xb3, 0xab, 0xcc, 0xa0, 0x5a, 0x31, 0xb0,
    0x95, 0x74, 0x52, 0xd4, 0x52, 0x1e, 0x83, 0x87, 0x07, 0x89, 0x06, 0x31, 0x15, 0xbf, 0x97,
    0xf6, 0xc3, 0x08, 0xcc, 0xf5, 0x7c, 0xdc, 0x9c, 0xe7, 0xfe, 0x10, 0xf6, 0xed, 0x1b, 0xd0,
    0xcc, 0x06, 0x60, 0x03, 0x8c, 0x50, 0xdc, 0xdb, 0x0f, 0xeb, 0x96, 0x3c, 0x2f, 0x17};

static void test_keytag_and_ds(void **state)
{
	(void)state;
	assert_int_equal(zl_dnssec_keytag(rfc4034_key, sizeof(rfc4034_key)), 60485);
	/* RFC 4034 5.4: DS 60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118 */
	static const uint8_t owner[] = "\5dskey\7example\3com";
	static const uint8_t want[] = {0x2b, 0xb1, 0x83, 0xaf, 0x5f, 0x22, 0x58, 0x81, 0x79, 0xa5,
	                               0x3b, 0x0a, 0x98, 0x63, 0x1f, 0xad, 0x1a, 0x29, 0x21, 0x18};
	uint8_t dg[64];
	assert_int_equal(
	    zl_ds_digest(1, owner, sizeof(owner), rfc4034_key, sizeof(rfc4034_key), dg), 20);
	assert_memory_equal(dg, want, 20);
	assert_int_equal(
	    zl_ds_digest(2, owner, sizeof(owner), rfc4034_key, sizeof(rfc4034_key), dg), 32);
	assert_int_equal(
	    zl_ds_digest(3, owner, sizeof(owner), rfc4034_key, sizeof(rfc4034_key), dg), 0);
	assert_int_equal(zl_ds_digest_len(4), 48);
	assert_int_equal(zl_ds_digest_len(9), 0);
}

static void test_nsec3_hash(void **state)
{
	(void)state;
	/* RFC 5155 appendix A: salt aabbccdd, 12 iterations */
	static const uint8_t salt[] = {0xaa, 0xbb, 0xcc, 0xdd};
	static const struct {
		const char *wire;
		size_t len;
		const char *hash;
	} v[] = {
	    {"\7example", 9, "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom"},
	    {"\1a\7example", 11, "35mthgpgcu1qg68fab165klnsnk3dpvl"},
	    {"\3ns1\7example", 13, "2t7b4g4vsa5smi47k61mv5bv1a22bojr"},
	    {"\1*\1w\7example", 13, "r53bq7cc2uvmubfu5ocmm6pers9tk9en"},
	};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		uint8_t h[20], back[32];
		char txt[40];
		zl_nsec3_hash((const uint8_t *)v[i].wire, v[i].len, salt, sizeof(salt), 12, h);
		assert_int_equal(zl_base32hex_encode(h, 20, txt), 32);
		assert_string_equal(txt, v[i].hash);
		assert_int_equal(
		    zl_base32hex_decode((const uint8_t *)v[i].hash, 32, back, sizeof(back)), 20);
		assert_memory_equal(back, h, 20);
	}
	uint8_t out[32];
	assert_int_equal(zl_base32hex_decode((const uint8_t *)"0p9w", 4, out, sizeof(out)), 0);
}

static void test_bitmap(void **state)
{
	(void)state;
	/* RFC 4034 4.3: A MX RRSIG NSEC TYPE1234 */
	static const uint8_t bm[] = {0x00, 0x06, 0x40, 0x01, 0x00, 0x00, 0x00, 0x03, 0x04, 0x1b,
	                             0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	                             0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	                             0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20};
	uint16_t t[8];
	size_t n = 0;
	assert_int_equal(zl_type_bitmap_read(bm, sizeof(bm), t, 8, &n), 0);
	assert_int_equal(n, 5);
	assert_int_equal(t[0], 1);
	assert_int_equal(t[1], 15);
	assert_int_equal(t[2], 46);
	assert_int_equal(t[3], 47);
	assert_int_equal(t[4], 1234);
	static const uint8_t bad[] = {0x00, 0x00}; /* empty window */
	assert_int_equal(zl_type_bitmap_read(bad, sizeof(bad), t, 8, &n), ZL_EINVAL);
	static const uint8_t order[] = {0x04, 0x01, 0x20, 0x00, 0x01, 0x40};
	assert_int_equal(zl_type_bitmap_read(order, sizeof(order), t, 8, &n), ZL_EINVAL);
}

static void test_time(void **state)
{
	(void)state;
	/* RFC 4034 3.1.5: serial-number arithmetic, so 2080 is after 2026 */
	assert_true(zl_dnssec_time_after(3471292800u, 1796000000u));
	assert_false(zl_dnssec_time_after(1796000000u, 3471292800u));
	assert_true(zl_dnssec_time_diff(1796000100u, 1796000000u) == 100);
	assert_true(zl_dnssec_time_diff(10u, 4294967290u) == 16);
	assert_true(zl_dnssec_alg_deprecated(5));
	assert_false(zl_dnssec_alg_deprecated(13));
}

/* An Ed25519-signed zone (ldns-signzone, valid 2020 to 2080); names in mixed
 * case, which the canonical form must fold. */
static const char signed_zone[] =
    "Example.COM. 3600 IN SOA ns1.example.net. hostmaster.example.com. 2026010101 7200 "
    "3600 1209600 3600\n"
    "example.com. 3600 IN RRSIG SOA 15 2 3600 20800101000000 20200101000000 18203 "
    "example.com. rXk+a+idtI+PVPk8JAquKEhGSnJtJeiPc6bFaJTCsmVYJa5v369QKXcNz9JVkc6pNer5CdnMp"
    "DoMgWclP4yPDw==\n"
    "example.com. 3600 IN NS NS1.example.NET.\n"
    "example.com. 3600 IN NS ns2.example.net.\n"
    "example.com. 3600 IN RRSIG NS 15 2 3600 20800101000000 20200101000000 18203 "
    "Example.com. QxeGD6WP5ChI31kLeLJuywLI7Ro1kff8HOudMu53lscBQfCRVYsxrGEwOLCQbxLWBoY8ZIOag"
    "2b65NUCXlO6CA==\n"
    "example.com. 3600 IN DNSKEY 257 3 15 V9pTQn+C1q3YSThTM+MFzHpCj8x3/erXSxOspurlp+0=\n"
    "WWW.example.com. 3600 IN A 192.0.2.80\n"
    "www.example.com. 3600 IN RRSIG A 15 3 3600 20800101000000 20200101000000 18203 "
    "example.com. oewMXhUo116O4f4i+Do+oMonJVTpC2it6Y5VKtuLWPQAtIYpzIr/1+TUTjiYo2OOtXfp+LKWo"
    "v2JnS/OnFKHCg==\n";

static const zl_rr_t *first(const zl_node_t *n, uint16_t type)
{
	return zl_node_first(n, type);
}

static void test_signatures(void **state)
{
	(void)state;
	zl_run_t run;
	zl_run_init(&run);
	run.origin = "example.com.";
	zl_run_load_buffer(&run, "signed.zone", signed_zone, strlen(signed_zone));
	const zl_node_t *apex = zl_zoneset_find_str(&run.set, "example.com.", NULL);
	const zl_node_t *www = zl_zoneset_find_str(&run.set, "www.example.com.", NULL);
	assert_non_null(apex);
	assert_non_null(www);
	zl_dnskey_t key;
	assert_int_equal(zl_dnskey_parse(&key, first(apex, ZL_TYPE_DNSKEY)), 0);
	assert_int_equal(key.tag, 18203);
	assert_int_equal(key.alg, 15);
	assert_int_equal(key.bits, 256);
	zl_sigcheck_t *sc = zl_sigcheck_new();
	static const uint16_t types[] = {ZL_TYPE_SOA, ZL_TYPE_NS, ZL_TYPE_A};
	for (size_t t = 0; t < 3; t++) {
		const zl_node_t *n = types[t] == ZL_TYPE_A ? www : apex;
		const zl_rr_t *rrs[4];
		size_t cnt = 0;
		for (const zl_rr_t *rr = first(n, types[t]); rr; rr = zl_rr_next_same(rr))
			rrs[cnt++] = rr;
		const zl_rr_t *sigrr = NULL;
		for (const zl_rr_t *rr = first(n, ZL_TYPE_RRSIG); rr; rr = zl_rr_next_same(rr))
			if (((zl_rr_rdata(rr)[0] << 8) | zl_rr_rdata(rr)[1]) == types[t])
				sigrr = rr;
		assert_non_null(sigrr);
		zl_rrsig_t sig;
		assert_int_equal(zl_rrsig_parse(&sig, sigrr), 0);
		assert_int_equal(sig.tag, 18203);
		assert_int_equal(zl_sigcheck_build(sc, &sig, sigrr, rrs, cnt, false), 0);
		assert_int_equal(zl_sigcheck_verify(sc, &sig, &key), ZL_SIG_VALID);
		/* a changed RRset no longer verifies */
		/* (a record lives in its set: the copy is added to it, at the same
		 * owner, with its last octet changed) */
		uint8_t *data = malloc(rrs[0]->rdlen);
		memcpy(data, zl_rr_rdata(rrs[0]), rrs[0]->rdlen);
		data[rrs[0]->rdlen - 1] ^= 1;
		const zl_rr_t *copy = zl_zoneset_add_rr(&run.set, zl_rr_zone(rrs[0]), zl_rr_owner(rrs[0]),
							rrs[0]->type, rrs[0]->rrclass, rrs[0]->ttl, data,
							rrs[0]->rdlen, rrs[0]->file, rrs[0]->line);
		free(data);
		const zl_rr_t *changed[4];
		memcpy(changed, rrs, sizeof(changed));
		changed[0] = copy;
		assert_int_equal(zl_sigcheck_build(sc, &sig, sigrr, changed, cnt, false), 0);
		assert_int_equal(zl_sigcheck_verify(sc, &sig, &key), ZL_SIG_BOGUS);
		/* a labels field above the owner's label count is refused */
		sig.labels = 9;
		assert_int_equal(zl_sigcheck_build(sc, &sig, sigrr, rrs, cnt, false), ZL_EINVAL);
	}
	zl_dnskey_clear(&key);
	zl_sigcheck_free(sc);
	zl_run_free(&run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keytag_and_ds), cmocka_unit_test(test_nsec3_hash),
	    cmocka_unit_test(test_bitmap),        cmocka_unit_test(test_time),
	    cmocka_unit_test(test_signatures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
