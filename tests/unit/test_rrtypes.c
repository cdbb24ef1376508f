/* zonelint unit tests: the RR type registry table.
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

#include "common.h"
#include "rrtypes.h"

/* Look up len bytes copied into an exact-size buffer (no NUL). */
static int
lookup_exact(const char *s, size_t len, uint16_t *type)
{
	char *copy = malloc(len ? len : 1);
	int r;

	assert_non_null(copy);
	memcpy(copy, s, len);
	r = zl_rrtype_lookup(copy, len, type);
	free(copy);
	return r;
}

static int
lookup(const char *s, uint16_t *type)
{
	return lookup_exact(s, strlen(s), type);
}

static void
test_table_sorted(void **state)
{
	size_t n, k;
	const zl_rrtype_t *t = zl_rrtype_table(&n);

	(void)state;
	assert_int_equal(n, 97);
	for (k = 1; k < n; k++)
		assert_true(t[k - 1].type < t[k].type);
	for (k = 0; k < n; k++) {
		const char *p;

		assert_true(strlen(t[k].name) > 0 && strlen(t[k].name) <= 10);
		for (p = t[k].name; *p; p++)
			assert_true((*p >= 'A' && *p <= 'Z') ||
				    (*p >= '0' && *p <= '9') || *p == '-');
		assert_int_equal(t[k].flags &
					 ~(ZL_RRTYPE_F_OBSOLETE | ZL_RRTYPE_F_META),
				 0);
	}
}

static void
test_round_trip(void **state)
{
	size_t n, k, i;
	const zl_rrtype_t *t = zl_rrtype_table(&n);

	(void)state;
	for (k = 0; k < n; k++) {
		char lowered[16], tnum[16];
		uint16_t v = 0;
		const zl_rrtype_t *info = NULL;

		assert_int_equal(lookup(t[k].name, &v), 0);
		assert_int_equal(v, t[k].type);
		assert_string_equal(zl_rrtype_name(t[k].type), t[k].name);
		assert_true(zl_rrtype_is_registered(t[k].type));
		assert_int_equal(zl_rrtype_flags(t[k].type), t[k].flags);
		assert_int_equal(zl_rrtype_info(t[k].type, &info), 0);
		assert_ptr_equal(info, &t[k]);
		/* case-insensitive */
		for (i = 0; t[k].name[i]; i++) {
			char c = t[k].name[i];

			lowered[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
		}
		lowered[i] = '\0';
		v = 0;
		assert_int_equal(lookup(lowered, &v), 0);
		assert_int_equal(v, t[k].type);
		/* and as TYPEnnn */
		snprintf(tnum, sizeof(tnum), "TYPE%u", (unsigned)t[k].type);
		v = 0;
		assert_int_equal(lookup(tnum, &v), 0);
		assert_int_equal(v, t[k].type);
		/* no mnemonic is a prefix match of a longer text */
		snprintf(tnum, sizeof(tnum), "%sX", t[k].name);
		assert_int_equal(lookup(tnum, &v), ZL_ENOTFOUND);
	}
}

static void
test_registry_values(void **state)
{
	static const struct {
		const char *name;
		uint16_t type;
	} v[] = {
		{"A", 1},	   {"NS", 2},	      {"CNAME", 5},
		{"SOA", 6},	   {"MX", 15},	      {"TXT", 16},
		{"AAAA", 28},	   {"SRV", 33},	      {"NAPTR", 35},
		{"DS", 43},	   {"RRSIG", 46},     {"DNSKEY", 48},
		{"NSEC3PARAM", 51}, {"TLSA", 52},     {"SMIMEA", 53},
		{"CDS", 59},	   {"OPENPGPKEY", 61}, {"ZONEMD", 63},
		{"SVCB", 64},	   {"HTTPS", 65},     {"DSYNC", 66},
		{"HHIT", 67},	   {"BRID", 68},      {"SPF", 99},
		{"NID", 104},	   {"L32", 105},      {"L64", 106},
		{"LP", 107},	   {"EUI48", 108},    {"EUI64", 109},
		{"NXNAME", 128},   {"TKEY", 249},     {"TSIG", 250},
		{"IXFR", 251},	   {"AXFR", 252},     {"MAILB", 253},
		{"MAILA", 254},	   {"ANY", 255},      {"URI", 256},
		{"CAA", 257},	   {"AVC", 258},      {"DOA", 259},
		{"AMTRELAY", 260}, {"RESINFO", 261},  {"WALLET", 262},
		{"CLA", 263},	   {"IPN", 264},      {"TA", 32768},
		{"DLV", 32769},	   {"MD", 3},	      {"MF", 4},
		{"MB", 7},	   {"MG", 8},	      {"MR", 9},
		{"NULL", 10},	   {"WKS", 11},	      {"NSAP-PTR", 23},
		{"SIG", 24},	   {"KEY", 25},	      {"GPOS", 27},
		{"NXT", 30},	   {"A6", 38},	      {"OPT", 41},
	};
	size_t k;

	(void)state;
	for (k = 0; k < ZL_ARRAY_SIZE(v); k++) {
		uint16_t t = 0;

		if (lookup(v[k].name, &t) != 0 || t != v[k].type)
			fail_msg("%s: got %u, want %u", v[k].name, t, v[k].type);
		assert_string_equal(zl_rrtype_name(v[k].type), v[k].name);
	}
}

static void
test_unregistered_numbers(void **state)
{
	static const uint16_t v[] = {0,	  54,	69,    98,    110,   127,
				     129, 248,	265,   32767, 32770, 65280,
				     65400, 65534, 65535};
	size_t k;

	(void)state;
	for (k = 0; k < ZL_ARRAY_SIZE(v); k++) {
		const zl_rrtype_t *info = NULL;

		assert_null(zl_rrtype_name(v[k]));
		assert_false(zl_rrtype_is_registered(v[k]));
		assert_int_equal(zl_rrtype_flags(v[k]), 0);
		assert_int_equal(zl_rrtype_info(v[k], &info), ZL_ENOTFOUND);
		assert_null(info);
	}
}

static void
test_not_found(void **state)
{
	static const char *const v[] = {
		"AAA",	  "TXTT",     "SPFF",	  "AAAAA",	"NSAP_PTR",
		"NSAPPTR", "*",	      "",	  " A",		"A ",
		"TYPE",	  "TYPE65536", "TYPE99999", "TYPE+1",	"TYPE-1",
		"TYPE 1", "TYPE1x",   "TYPEx",	  "TYPE1.0",	"TYPES",
		"XTYPE1", "TYPE999999999999999999999", "IN", "CLASS1",
		"A\xc3\xa9", "\xff",   "NSEC3PARAMETERS",
	};
	size_t k;

	(void)state;
	for (k = 0; k < ZL_ARRAY_SIZE(v); k++) {
		uint16_t t = 7777;

		if (lookup(v[k], &t) != ZL_ENOTFOUND)
			fail_msg("\"%s\" was found as %u", v[k], t);
		assert_int_equal(t, 7777);
	}
	assert_int_equal(zl_rrtype_lookup(NULL, 0, &(uint16_t){0}),
			 ZL_ENOTFOUND);
	assert_int_equal(zl_rrtype_lookup(NULL, 3, &(uint16_t){0}),
			 ZL_ENOTFOUND);
	assert_int_equal(zl_rrtype_lookup("A", 1, NULL), ZL_ENOTFOUND);
}

static void
test_typennn(void **state)
{
	static const struct {
		const char *in;
		uint16_t type;
	} v[] = {
		{"TYPE65400", 65400}, {"type65535", 65535}, {"TYPE0", 0},
		{"Type1", 1},	      {"TYPE0001", 1},	    {"TYPE65280", 65280},
		{"TYPE54", 54},	      {"tYpE255", 255},
	};
	size_t k;

	(void)state;
	for (k = 0; k < ZL_ARRAY_SIZE(v); k++) {
		uint16_t t = 0;

		assert_int_equal(lookup(v[k].in, &t), 0);
		assert_int_equal(t, v[k].type);
	}
}

static void
test_length_bounded(void **state)
{
	uint16_t t = 0;

	(void)state;
	assert_int_equal(lookup_exact("AAAAX", 4, &t), 0);
	assert_int_equal(t, 28);
	assert_int_equal(lookup_exact("NSEC3PARAM", 5, &t), 0);
	assert_int_equal(t, 50);
	assert_int_equal(lookup_exact("TYPE123456", 7, &t), 0);
	assert_int_equal(t, 123);
	assert_int_equal(lookup_exact("MX\0", 3, &t), ZL_ENOTFOUND);
}

static void
test_flags(void **state)
{
	static const char *const obsolete[] = {
		"MD",  "MF",  "MB",   "MG",    "MR",  "MINFO", "NULL",
		"WKS", "NSAP-PTR", "SIG", "KEY", "GPOS", "NXT", "A6",
		"SPF", "UINFO", "UID", "GID", "UNSPEC", "MAILA", "DLV",
	};
	static const char *const meta[] = {
		"OPT", "NXNAME", "TKEY", "TSIG", "IXFR",
		"AXFR", "MAILB", "MAILA", "ANY",
	};
	static const char *const plain[] = {
		"A",	 "NS",	   "CNAME", "SOA",  "MX",    "TXT",  "AAAA",
		"SRV",	 "DS",	   "DNSKEY", "RRSIG", "NSEC", "NSEC3",
		"TLSA",	 "SVCB",   "HTTPS", "CAA",  "ZONEMD", "DSYNC",
		"URI",	 "TA",	   "LOC",   "PTR",  "HINFO", "NAPTR",
	};
	size_t k, n, nobs = 0, nmeta = 0;
	const zl_rrtype_t *t = zl_rrtype_table(&n);
	uint16_t v;

	(void)state;
	for (k = 0; k < ZL_ARRAY_SIZE(obsolete); k++) {
		assert_int_equal(lookup(obsolete[k], &v), 0);
		assert_true(zl_rrtype_flags(v) & ZL_RRTYPE_F_OBSOLETE);
	}
	for (k = 0; k < ZL_ARRAY_SIZE(meta); k++) {
		assert_int_equal(lookup(meta[k], &v), 0);
		assert_true(zl_rrtype_flags(v) & ZL_RRTYPE_F_META);
	}
	for (k = 0; k < ZL_ARRAY_SIZE(plain); k++) {
		assert_int_equal(lookup(plain[k], &v), 0);
		assert_int_equal(zl_rrtype_flags(v), 0);
	}
	/* nothing else is flagged */
	for (k = 0; k < n; k++) {
		nobs += (t[k].flags & ZL_RRTYPE_F_OBSOLETE) != 0;
		nmeta += (t[k].flags & ZL_RRTYPE_F_META) != 0;
	}
	assert_int_equal(nobs, ZL_ARRAY_SIZE(obsolete));
	assert_int_equal(nmeta, ZL_ARRAY_SIZE(meta));
	assert_string_equal(ZL_RRTYPE_SNAPSHOT, "2026-03-05");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_sorted),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_registry_values),
		cmocka_unit_test(test_unregistered_numbers),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_typennn),
		cmocka_unit_test(test_length_bounded),
		cmocka_unit_test(test_flags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
