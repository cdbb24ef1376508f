/* zonelint: dnssec- check of ZONEMD, the message digest of a whole zone.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "dnssec_check.h"
#include "findings.h"
#include "util.h"

/*
 * RFC 8976: a ZONEMD record at the apex carries a digest over every record
 * of the zone (glue and occluded data included), in canonical form and
 * order, without the apex ZONEMD RRset and the RRSIGs that cover it.  The
 * SIMPLE scheme (1) with SHA-384 (1) or SHA-512 (2) is checked; records of
 * other schemes or algorithms cannot be checked and are left alone, as
 * RFC 8976 section 4 asks of verifiers.
 */

#define ZONEMD_TYPE 63

typedef struct zrr {
	const zl_rr_t *rr;
	const uint8_t *key; /* owner's canonical order key */
	size_t klen;
	const uint8_t *canon; /* canonical rdata */
} zrr_t;

static int cmp_zrr(const void *pa, const void *pb)
{
	const zrr_t *a = pa, *b = pb;
	size_t m = a->klen < b->klen ? a->klen : b->klen;
	int c = memcmp(a->key, b->key, m);
	if (c)
		return c;
	if (a->klen != b->klen)
		return a->klen < b->klen ? -1 : 1;
	if (a->rr->type != b->rr->type)
		return a->rr->type < b->rr->type ? -1 : 1;
	if (a->rr->rrclass != b->rr->rrclass)
		return a->rr->rrclass < b->rr->rrclass ? -1 : 1;
	size_t la = a->rr->rdlen, lb = b->rr->rdlen;
	c = memcmp(a->canon, b->canon, la < lb ? la : lb);
	if (c)
		return c;
	return la < lb ? -1 : la > lb;
}

static bool excluded(const zl_rr_t *rr, const zl_node_t *apex)
{
	if (zl_rr_owner(rr) != apex)
		return false;
	if (rr->type == ZONEMD_TYPE)
		return true;
	return rr->type == ZL_TYPE_RRSIG && rr->rdlen >= 2 &&
	       ((zl_rr_rdata(rr)[0] << 8) | zl_rr_rdata(rr)[1]) == ZONEMD_TYPE;
}

/* The SIMPLE digest of the zone with @p md into @p out; false if it failed. */
static bool digest(const zrr_t *v, size_t n, const EVP_MD *md, uint8_t *out)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c)
		zl_oom();
	bool ok = EVP_DigestInit_ex(c, md, NULL) == 1;
	for (size_t i = 0; ok && i < n; i++) {
		if (i && !cmp_zrr(&v[i - 1], &v[i]))
			continue; /* RFC 8976 3.3.1.1: duplicates count once */
		const zl_rr_t *rr = v[i].rr;
		uint8_t fixed[10] = {(uint8_t)(rr->type >> 8),    (uint8_t)rr->type,
		                     (uint8_t)(rr->rrclass >> 8), (uint8_t)rr->rrclass,
		                     (uint8_t)(rr->ttl >> 24),    (uint8_t)(rr->ttl >> 16),
		                     (uint8_t)(rr->ttl >> 8),     (uint8_t)rr->ttl,
		                     (uint8_t)(rr->rdlen >> 8),   (uint8_t)rr->rdlen};
		uint8_t ow[ZL_WIRE_MAX];
		ok = EVP_DigestUpdate(c, zl_node_wire(zl_rr_owner(rr), ow), zl_rr_owner(rr)->wirelen) == 1 &&
		     EVP_DigestUpdate(c, fixed, sizeof(fixed)) == 1 &&
		     EVP_DigestUpdate(c, v[i].canon, rr->rdlen) == 1;
	}
	unsigned len = 0;
	ok = ok && EVP_DigestFinal_ex(c, out, &len) == 1;
	EVP_MD_CTX_free(c);
	return ok;
}

/* Build the sorted record list; false when some record cannot be rebuilt. */
static bool collect(zl_ctx_t *ctx, const zl_dstate_t *st, bool lower_nsec, zrr_t **out,
                    size_t *nout, uint8_t **canon_out)
{
	const zl_zone_t *z = st->zone;
	size_t n = 0, bytes = 0;
	for (size_t i = 0; i < st->nnodes; i++)
		for (const zl_rr_t *rr = zl_node_rrs(st->nodes[i]); rr; rr = zl_rr_next(rr))
			if (zl_rr_zone(rr) == z && !excluded(rr, z->apex)) {
				if (rr->opaque)
					return false;
				n++;
				bytes += rr->rdlen;
			}
	zrr_t *v = zl_xmalloc((n ? n : 1) * sizeof(*v));
	uint8_t *canon = zl_xmalloc(bytes ? bytes : 1);
	size_t k = 0, off = 0;
	for (size_t i = 0; i < st->nnodes; i++) {
		const zl_node_t *node = st->nodes[i];
		uint8_t tmp[1024];
		size_t kl = zl_dnssec_order_key(node, tmp);
		const uint8_t *key = zl_arena_memdup(&ctx->scratch, tmp, kl);
		for (const zl_rr_t *rr = zl_node_rrs(node); rr; rr = zl_rr_next(rr)) {
			if (zl_rr_zone(rr) != z || excluded(rr, z->apex))
				continue;
			memcpy(canon + off, zl_rr_rdata(rr), rr->rdlen);
			zl_dnssec_canon_rdata(rr->type, canon + off, rr->rdlen, lower_nsec);
			v[k].rr = rr;
			v[k].key = key;
			v[k].klen = kl;
			v[k].canon = canon + off;
			off += rr->rdlen;
			k++;
		}
	}
	qsort(v, n, sizeof(*v), cmp_zrr);
	*out = v;
	*nout = n;
	*canon_out = canon;
	return true;
}

void zl_dnssec_check_zonemd(zl_ctx_t *ctx, zl_dstate_t *st)
{
	const zl_zone_t *z = st->zone;
	const zl_rr_t *first = NULL, *soa = NULL;
	bool usable = false;
	for (const zl_rr_t *rr = zl_node_rrs(z->apex); rr; rr = zl_rr_next(rr)) {
		if (zl_rr_zone(rr) != z || rr->opaque)
			continue;
		if (rr->type == ZL_TYPE_SOA && !soa)
			soa = rr;
		if (rr->type != ZONEMD_TYPE || rr->rdlen < 6)
			continue;
		if (!first)
			first = rr;
		uint8_t scheme = zl_rr_rdata(rr)[4], alg = zl_rr_rdata(rr)[5];
		size_t dl = rr->rdlen - 6u;
		if (scheme == 1 && ((alg == 1 && dl == 48) || (alg == 2 && dl == 64)))
			usable = true;
	}
	if (!first || !usable || !soa || !zl_rule_enabled(ctx, ZL_R_DNSSEC_ZONEMD_MISMATCH))
		return;
	size_t l1 = zl_wire_name_len(zl_rr_rdata(soa), soa->rdlen);
	size_t l2 = l1 ? zl_wire_name_len(zl_rr_rdata(soa) + l1, soa->rdlen - l1) : 0;
	if (!l2 || l1 + l2 + 4 > soa->rdlen)
		return;
	const uint8_t *sp = zl_rr_rdata(soa) + l1 + l2;
	uint32_t serial =
	    (uint32_t)sp[0] << 24 | (uint32_t)sp[1] << 16 | (uint32_t)sp[2] << 8 | sp[3];

	bool matched = false, serial_ok = false;
	for (int pass = 0; pass < 2 && !matched; pass++) {
		/* pass 1: NSEC next names lower-cased, as some tools compute it */
		zrr_t *v;
		size_t n;
		uint8_t *canon;
		if (!collect(ctx, st, pass == 1, &v, &n, &canon))
			return;
		uint8_t d384[64], d512[64];
		bool have384 = false, have512 = false;
		for (const zl_rr_t *rr = first; rr && !matched; rr = zl_rr_next_same(rr)) {
			if (zl_rr_zone(rr) != z || rr->opaque || rr->rdlen < 6 || zl_rr_rdata(rr)[4] != 1)
				continue;
			uint32_t zs = (uint32_t)zl_rr_rdata(rr)[0] << 24 | (uint32_t)zl_rr_rdata(rr)[1] << 16 |
			              (uint32_t)zl_rr_rdata(rr)[2] << 8 | zl_rr_rdata(rr)[3];
			uint8_t alg = zl_rr_rdata(rr)[5];
			size_t dl = rr->rdlen - 6u;
			if (zs != serial)
				continue;
			serial_ok = true;
			if (alg == 1 && dl == 48) {
				if (!have384)
					have384 = digest(v, n, EVP_sha384(), d384);
				matched = have384 && !memcmp(d384, zl_rr_rdata(rr) + 6, 48);
			} else if (alg == 2 && dl == 64) {
				if (!have512)
					have512 = digest(v, n, EVP_sha512(), d512);
				matched = have512 && !memcmp(d512, zl_rr_rdata(rr) + 6, 64);
			}
		}
		free(v);
		free(canon);
		if (!serial_ok)
			break;
	}
	if (matched)
		return;
	if (!serial_ok)
		zl_emit(ctx, ZL_R_DNSSEC_ZONEMD_MISMATCH, first,
		        "no ZONEMD record of zone '%s' has the SOA serial %u: the digest was made "
		        "for another version of the zone, and verifiers (RFC 8976 section 4) "
		        "reject it",
		        z->name, serial);
	else
		zl_emit(ctx, ZL_R_DNSSEC_ZONEMD_MISMATCH, first,
		        "the ZONEMD digest does not match the data of zone '%s': records changed "
		        "after it was computed, and verifiers (RFC 8976 section 4) reject the "
		        "zone; compute it again",
		        z->name);
}
