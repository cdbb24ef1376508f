/* zonelint: table of registered DNS RR types (mnemonics, numbers, flags).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "rrtypes.h"

#include <stdlib.h>
#include <string.h>

#include "common.h"

/* Sorted by type number; see rrtypes.h for the source and the flags. */
static const zl_rrtype_t by_number[] = {
	{"A", 1, 0},
	{"NS", 2, 0},
	{"MD", 3, ZL_RRTYPE_F_OBSOLETE},
	{"MF", 4, ZL_RRTYPE_F_OBSOLETE},
	{"CNAME", 5, 0},
	{"SOA", 6, 0},
	{"MB", 7, ZL_RRTYPE_F_OBSOLETE},
	{"MG", 8, ZL_RRTYPE_F_OBSOLETE},
	{"MR", 9, ZL_RRTYPE_F_OBSOLETE},
	{"NULL", 10, ZL_RRTYPE_F_OBSOLETE},
	{"WKS", 11, ZL_RRTYPE_F_OBSOLETE},
	{"PTR", 12, 0},
	{"HINFO", 13, 0},
	{"MINFO", 14, ZL_RRTYPE_F_OBSOLETE},
	{"MX", 15, 0},
	{"TXT", 16, 0},
	{"RP", 17, 0},
	{"AFSDB", 18, 0},
	{"X25", 19, 0},
	{"ISDN", 20, 0},
	{"RT", 21, 0},
	{"NSAP", 22, 0},
	{"NSAP-PTR", 23, ZL_RRTYPE_F_OBSOLETE},
	{"SIG", 24, ZL_RRTYPE_F_OBSOLETE},
	{"KEY", 25, ZL_RRTYPE_F_OBSOLETE},
	{"PX", 26, 0},
	{"GPOS", 27, ZL_RRTYPE_F_OBSOLETE},
	{"AAAA", 28, 0},
	{"LOC", 29, 0},
	{"NXT", 30, ZL_RRTYPE_F_OBSOLETE},
	{"EID", 31, 0},
	{"NIMLOC", 32, 0},
	{"SRV", 33, 0},
	{"ATMA", 34, 0},
	{"NAPTR", 35, 0},
	{"KX", 36, 0},
	{"CERT", 37, 0},
	{"A6", 38, ZL_RRTYPE_F_OBSOLETE},
	{"DNAME", 39, 0},
	{"SINK", 40, 0},
	{"OPT", 41, ZL_RRTYPE_F_META},
	{"APL", 42, 0},
	{"DS", 43, 0},
	{"SSHFP", 44, 0},
	{"IPSECKEY", 45, 0},
	{"RRSIG", 46, 0},
	{"NSEC", 47, 0},
	{"DNSKEY", 48, 0},
	{"DHCID", 49, 0},
	{"NSEC3", 50, 0},
	{"NSEC3PARAM", 51, 0},
	{"TLSA", 52, 0},
	{"SMIMEA", 53, 0},
	{"HIP", 55, 0},
	{"NINFO", 56, 0},
	{"RKEY", 57, 0},
	{"TALINK", 58, 0},
	{"CDS", 59, 0},
	{"CDNSKEY", 60, 0},
	{"OPENPGPKEY", 61, 0},
	{"CSYNC", 62, 0},
	{"ZONEMD", 63, 0},
	{"SVCB", 64, 0},
	{"HTTPS", 65, 0},
	{"DSYNC", 66, 0},
	{"HHIT", 67, 0},
	{"BRID", 68, 0},
	{"SPF", 99, ZL_RRTYPE_F_OBSOLETE},
	{"UINFO", 100, ZL_RRTYPE_F_OBSOLETE},
	{"UID", 101, ZL_RRTYPE_F_OBSOLETE},
	{"GID", 102, ZL_RRTYPE_F_OBSOLETE},
	{"UNSPEC", 103, ZL_RRTYPE_F_OBSOLETE},
	{"NID", 104, 0},
	{"L32", 105, 0},
	{"L64", 106, 0},
	{"LP", 107, 0},
	{"EUI48", 108, 0},
	{"EUI64", 109, 0},
	{"NXNAME", 128, ZL_RRTYPE_F_META},
	{"TKEY", 249, ZL_RRTYPE_F_META},
	{"TSIG", 250, ZL_RRTYPE_F_META},
	{"IXFR", 251, ZL_RRTYPE_F_META},
	{"AXFR", 252, ZL_RRTYPE_F_META},
	{"MAILB", 253, ZL_RRTYPE_F_META},
	{"MAILA", 254, ZL_RRTYPE_F_OBSOLETE | ZL_RRTYPE_F_META},
	{"ANY", 255, ZL_RRTYPE_F_META},
	{"URI", 256, 0},
	{"CAA", 257, 0},
	{"AVC", 258, 0},
	{"DOA", 259, 0},
	{"AMTRELAY", 260, 0},
	{"RESINFO", 261, 0},
	{"WALLET", 262, 0},
	{"CLA", 263, 0},
	{"IPN", 264, 0},
	{"TA", 32768, 0},
	{"DLV", 32769, ZL_RRTYPE_F_OBSOLETE},
};

/* Indexes into by_number, sorted by name (byte order of the upper-case
 * mnemonics, so "NSAP" < "NSAP-PTR" < "NSEC"). */
static const uint8_t by_name[] = {
	0, 37, 27, 17, 90, 85, 41, 33, 88, 82, 66, 87, 58, 57, 36, 93, 4, 60,
	48, 96, 38, 47, 89, 42, 64, 30, 76, 77, 70, 26, 65, 12, 53, 63, 94, 44,
	19, 81, 24, 35, 73, 74, 28, 75, 84, 83, 6, 2, 3, 7, 13, 8, 14, 34, 72,
	31, 54, 1, 21, 22, 46, 49, 50, 9, 78, 29, 59, 40, 11, 25, 91, 55, 16,
	45, 20, 23, 39, 52, 5, 67, 32, 43, 62, 95, 56, 79, 51, 80, 15, 69, 68,
	71, 86, 92, 10, 18, 61,
};

_Static_assert(ZL_ARRAY_SIZE(by_name) == ZL_ARRAY_SIZE(by_number),
	       "the name index must cover the table");
_Static_assert(ZL_ARRAY_SIZE(by_number) <= 256, "by_name holds uint8_t");

/* More than the longest mnemonic (10); longer text cannot match. */
#define NAME_MAX_LEN 16

typedef struct name_key {
	const char *s; /* upper-cased */
	size_t len;
} name_key_t;

static int
cmp_name(const void *k, const void *e)
{
	const name_key_t *key = k;
	const char *name = by_number[*(const uint8_t *)e].name;
	size_t i;

	for (i = 0; i < key->len; i++) {
		unsigned char a = (unsigned char)key->s[i];
		unsigned char b = (unsigned char)name[i];

		if (b == '\0' || a != b)
			return b == '\0' ? 1 : (a < b ? -1 : 1);
	}
	return name[i] == '\0' ? 0 : -1;
}

static int
cmp_number(const void *k, const void *e)
{
	uint16_t a = *(const uint16_t *)k;
	uint16_t b = ((const zl_rrtype_t *)e)->type;

	return a < b ? -1 : a > b;
}

static const zl_rrtype_t *
find_number(uint16_t type)
{
	return bsearch(&type, by_number, ZL_ARRAY_SIZE(by_number),
		       sizeof(by_number[0]), cmp_number);
}

int
zl_rrtype_lookup(const char *mnemonic, size_t len, uint16_t *type)
{
	char up[NAME_MAX_LEN];
	name_key_t key;
	const uint8_t *hit;
	size_t i;
	uint32_t v = 0;

	if (mnemonic == NULL || len == 0 || type == NULL)
		return ZL_ENOTFOUND;
	if (len < sizeof(up)) {
		for (i = 0; i < len; i++) {
			char c = mnemonic[i];

			up[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A')
						       : c;
		}
		key.s = up;
		key.len = len;
		hit = bsearch(&key, by_name, ZL_ARRAY_SIZE(by_name),
			      sizeof(by_name[0]), cmp_name);
		if (hit != NULL) {
			*type = by_number[*hit].type;
			return 0;
		}
	}
	/* TYPEnnn */
	if (len < 5)
		return ZL_ENOTFOUND;
	for (i = 0; i < 4; i++)
		if ((mnemonic[i] & ~0x20) != "TYPE"[i])
			return ZL_ENOTFOUND;
	for (i = 4; i < len; i++) {
		if (mnemonic[i] < '0' || mnemonic[i] > '9')
			return ZL_ENOTFOUND;
		v = v * 10 + (uint32_t)(mnemonic[i] - '0');
		if (v > 65535)
			return ZL_ENOTFOUND;
	}
	*type = (uint16_t)v;
	return 0;
}

const char *
zl_rrtype_name(uint16_t type)
{
	const zl_rrtype_t *e = find_number(type);

	return e != NULL ? e->name : NULL;
}

int
zl_rrtype_is_registered(uint16_t type)
{
	return find_number(type) != NULL;
}

unsigned
zl_rrtype_flags(uint16_t type)
{
	const zl_rrtype_t *e = find_number(type);

	return e != NULL ? e->flags : 0;
}

int
zl_rrtype_info(uint16_t type, const zl_rrtype_t **out)
{
	const zl_rrtype_t *e = find_number(type);

	if (e == NULL)
		return ZL_ENOTFOUND;
	if (out != NULL)
		*out = e;
	return 0;
}

const zl_rrtype_t *
zl_rrtype_table(size_t *count)
{
	if (count != NULL)
		*count = ZL_ARRAY_SIZE(by_number);
	return by_number;
}
