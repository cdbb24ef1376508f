/* zonelint: the zone- family, general zone health.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "external.h"
#include "findings.h"
#include "load.h"
#include "rules.h"
#include "util.h"

static const zl_rule_id_t diag_rule[ZL_DIAG__COUNT] = {
	[ZL_DIAG_SYNTAX] = ZL_R_ZONE_SYNTAX,
	[ZL_DIAG_INCLUDE_REFUSED] = ZL_R_ZONE_INCLUDE_REFUSED,
	[ZL_DIAG_INCLUDE_CYCLE] = ZL_R_ZONE_INCLUDE_CYCLE,
	[ZL_DIAG_INCLUDE_DEPTH] = ZL_R_ZONE_INCLUDE_DEPTH,
	[ZL_DIAG_INCLUDE_UNREADABLE] = ZL_R_ZONE_INCLUDE_UNREADABLE,
	[ZL_DIAG_GENERATE_LIMIT] = ZL_R_ZONE_GENERATE_LIMIT,
	[ZL_DIAG_UNCHECKED_TYPE] = ZL_R_ZONE_UNCHECKED_TYPE,
	[ZL_DIAG_OUT_OF_ZONE] = ZL_R_ZONE_OUT_OF_ZONE,
	[ZL_DIAG_CLASS_MISMATCH] = ZL_R_ZONE_CLASS_MISMATCH,
};

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void check_soa_timers(zl_ctx_t *ctx, const zl_rr_t *soa)
{
	/* rdata: mname, rname, serial, refresh, retry, expire, minimum */
	size_t l1 = zl_wire_name_len(zl_rr_rdata(soa), soa->rdlen);
	if (!l1)
		return;
	size_t l2 = zl_wire_name_len(zl_rr_rdata(soa) + l1, soa->rdlen - l1);
	if (!l2 || l1 + l2 + 20 > soa->rdlen)
		return;
	const uint8_t *t = zl_rr_rdata(soa) + l1 + l2;
	uint32_t refresh = get32(t + 4), retry = get32(t + 8), expire = get32(t + 12),
		 minimum = get32(t + 16);
	if (retry >= refresh)
		zl_emit(ctx, ZL_R_ZONE_SOA_TIMERS, soa,
			"SOA retry %u is not shorter than refresh %u (RFC 1912 section 2.2)", retry,
			refresh);
	if (expire < refresh + retry)
		zl_emit(ctx, ZL_R_ZONE_SOA_TIMERS, soa,
			"SOA expire %u is shorter than refresh %u plus retry %u: secondaries "
			"expire the zone before they retry", expire, refresh, retry);
	else if (expire < 604800)
		zl_emit(ctx, ZL_R_ZONE_SOA_TIMERS, soa,
			"SOA expire %u is under one week (RFC 1912 section 2.2 suggests 2 to 4 "
			"weeks): secondaries drop the zone after a short primary outage", expire);
	if (minimum > 86400)
		zl_emit(ctx, ZL_R_ZONE_SOA_TIMERS, soa,
			"SOA minimum (negative-caching TTL) %u is over one day (RFC 2308 section 5 "
			"suggests 1 to 3 hours): a name added later stays unresolvable that long",
			minimum);
	if (refresh < 1200 || refresh > 172800)
		zl_emit(ctx, ZL_R_ZONE_SOA_TIMERS, soa,
			"SOA refresh %u is outside 1200 to 172800 seconds (RFC 1912 section 2.2)",
			refresh);
}

/* Where the names begin in the rdata of the types whose rdata ends in one
 * name: from there on, octets compare case-folded (RFC 4343); other types
 * (and everything before) compare exactly.  Returns rdlen for no name. */
static size_t fold_from(const zl_rr_t *rr)
{
	switch (rr->type) {
	case ZL_TYPE_NS: case ZL_TYPE_CNAME: case ZL_TYPE_PTR: case ZL_TYPE_DNAME:
		return 0;
	case ZL_TYPE_MX:
		return 2;
	default:
		return rr->rdlen;
	}
}

/* Compare the rdata of two records of one type and length, names folded:
 * the sort and the equality test must agree, or copies differing only in
 * case would not end up next to each other. */
static int cmp_rdata(const zl_rr_t *a, const zl_rr_t *b)
{
	size_t f = fold_from(a);
	if (f > a->rdlen)
		f = a->rdlen;
	int c = memcmp(zl_rr_rdata(a), zl_rr_rdata(b), f);
	if (c)
		return c;
	for (size_t i = f; i < a->rdlen; i++) {
		uint8_t x = zl_rr_rdata(a)[i], y = zl_rr_rdata(b)[i];
		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

static int rr_equal(const zl_rr_t *a, const zl_rr_t *b)
{
	if (a->type != b->type || a->rdlen != b->rdlen || a->rrclass != b->rrclass)
		return 0;
	if (a->opaque || b->opaque)
		return 0;
	return cmp_rdata(a, b) == 0;
}

/* Order records by zone, type, rdata, then file position. */
static int cmp_rr_data(const void *pa, const void *pb)
{
	const zl_rr_t *a = *(const zl_rr_t *const *)pa, *b = *(const zl_rr_t *const *)pb;
	if (zl_rr_zone(a) != zl_rr_zone(b))
		return zl_rr_zone(a) < zl_rr_zone(b) ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->rdlen != b->rdlen)
		return a->rdlen < b->rdlen ? -1 : 1;
	int c = cmp_rdata(a, b);
	if (c)
		return c;
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static int cmp_rr_set(const void *pa, const void *pb)
{
	const zl_rr_t *a = *(const zl_rr_t *const *)pa, *b = *(const zl_rr_t *const *)pb;
	if (zl_rr_zone(a) != zl_rr_zone(b))
		return zl_rr_zone(a) < zl_rr_zone(b) ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

/*
 * Duplicates and TTL differences within each RRset of one zone.  Sorting
 * keeps this O(n log n) for a name with millions of records.  Names in
 * rdata are compared case-sensitively here except for the all-name types,
 * which are case-folded first (RFC 4343).
 */
typedef struct rrvec {
	const zl_rr_t **v;
	size_t cap;
} rrvec_t;

static void check_rrsets(zl_ctx_t *ctx, const zl_node_t *n, rrvec_t *vec)
{
	size_t cnt = 0;
	for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr))
		cnt++;
	if (cnt < 2)
		return;
	if (cnt > vec->cap) {
		vec->cap = cnt * 2;
		vec->v = zl_xrealloc(vec->v, vec->cap * sizeof(*vec->v));
	}
	const zl_rr_t **v = vec->v;
	size_t i = 0;
	for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr))
		v[i++] = rr;
	qsort(v, cnt, sizeof(*v), cmp_rr_data);
	char tb[16];
	size_t run = 0;
	for (i = 1; i < cnt; i++) {
		if (zl_rr_zone(v[i]) == zl_rr_zone(v[run]) && rr_equal(v[run], v[i]))
			zl_emit(ctx, ZL_R_ZONE_DUPLICATE, v[i],
				"duplicate %s record (same as line %u); name servers serve it once",
				zl_type_str(v[i]->type, tb), v[run]->line);
		else
			run = i;
	}
	qsort(v, cnt, sizeof(*v), cmp_rr_set);
	for (i = 0; i < cnt;) {
		size_t j = i + 1;
		int reported = 0;
		while (j < cnt && zl_rr_zone(v[j]) == zl_rr_zone(v[i]) && v[j]->type == v[i]->type) {
			if (!reported && v[j]->ttl != v[i]->ttl && v[i]->type != ZL_TYPE_RRSIG) {
				zl_emit(ctx, ZL_R_ZONE_TTL_MISMATCH, v[j],
					"%s record has TTL %u but the first record of the set (line "
					"%u) has %u; RFC 2181 section 5.2 requires one TTL per RRset",
					zl_type_str(v[j]->type, tb), v[j]->ttl, v[i]->line, v[i]->ttl);
				reported = 1;
			}
			j++;
		}
		i = j;
	}
}

static void check_cname(zl_ctx_t *ctx, const zl_node_t *n)
{
	const zl_rr_t *cname = zl_node_first(n, ZL_TYPE_CNAME);
	if (!cname)
		return;
	char nb[ZL_NAME_STRLEN];
	if (n->is_apex) {
		zl_emit(ctx, ZL_R_ZONE_CNAME_APEX, cname,
			"CNAME at the zone apex '%s' conflicts with its SOA and NS records",
			zl_node_str(n, nb));
	}
	/* an exact copy is one record (zone-duplicate says so), not a second alias */
	for (const zl_rr_t *c2 = zl_rr_next_same(cname); c2; c2 = zl_rr_next_same(c2))
		if (zl_rr_zone(c2) == zl_rr_zone(cname) && !rr_equal(cname, c2))
			zl_emit(ctx, ZL_R_ZONE_CNAME_MULTIPLE, c2,
				"more than one CNAME at '%s' (first at line %u)", zl_node_str(n, nb),
				cname->line);
	if (n->is_apex)
		return;
	for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr)) {
		if (zl_rr_zone(rr) != zl_rr_zone(cname) || rr->type == ZL_TYPE_CNAME ||
		    rr->type == ZL_TYPE_RRSIG || rr->type == ZL_TYPE_NSEC || rr->type == 30 /*NXT*/)
			continue;
		char tb[16];
		zl_emit(ctx, ZL_R_ZONE_CNAME_AND_OTHER, rr,
			"'%s' has a CNAME (line %u) and a %s record; a CNAME must be the only data "
			"at its name", zl_node_str(n, nb), cname->line, zl_type_str(rr->type, tb));
	}
}

static void check_ns_targets(zl_ctx_t *ctx, const zl_node_t *n)
{
	for (const zl_rr_t *ns = zl_node_first(n, ZL_TYPE_NS); ns; ns = zl_rr_next_same(ns)) {
		size_t l = zl_wire_name_len(zl_rr_rdata(ns), ns->rdlen);
		if (!l)
			continue;
		zl_node_t *t = zl_zoneset_find(ctx->set, zl_rr_rdata(ns), l);
		char tn[ZL_NAME_STRLEN];
		zl_wire_name_str(zl_rr_rdata(ns), l, tn);
		int in_zone = 0;
		if (zl_rr_zone(ns)) {
			/* is the target at or below this zone's apex? */
			const zl_node_t *apex = zl_rr_zone(ns)->apex;
			if (l >= apex->wirelen) {
				size_t off = 0;
				while (off < l && l - off > apex->wirelen)
					off += 1u + zl_rr_rdata(ns)[off];
				if (l - off == apex->wirelen) {
					uint8_t aw[ZL_WIRE_MAX];
					zl_node_wire(apex, aw);
					in_zone = 1;
					for (size_t i = 0; i < apex->wirelen; i++) {
						uint8_t c = zl_rr_rdata(ns)[off + i];
						if (c >= 'A' && c <= 'Z')
							c += 32;
						if (c != aw[i])
							in_zone = 0;
					}
				}
			}
		}
		if (t && zl_node_has(t, ZL_TYPE_CNAME)) {
			zl_emit(ctx, ZL_R_ZONE_NS_CNAME, ns,
				"NS target '%s' is a CNAME; RFC 2181 section 10.3 forbids it", tn);
			continue;
		}
		if (in_zone && !(t && (zl_node_has(t, ZL_TYPE_A) || zl_node_has(t, ZL_TYPE_AAAA)))) {
			zl_emit(ctx, ZL_R_ZONE_NS_NO_ADDRESS, ns,
				"NS target '%s' is inside the zone but has no A or AAAA record%s", tn,
				n->is_apex ? "" : " (missing glue)");
		}
	}
}

int zl_check_zone(zl_ctx_t *ctx)
{
	for (const zl_diag_t *d = ctx->diags; d; d = d->next)
		zl_emit_at(ctx, diag_rule[d->code], d->zone, d->owner, d->type, d->file, d->line,
			   "%s", d->message);
	zl_external_check(ctx); /* zone-snapshot-old, zone-lookup-failed */

	for (zl_zone_t *z = ctx->set->zones; z; z = z->next) {
		const zl_node_t *apex = z->apex;
		const zl_rr_t *soa = NULL;
		unsigned nsoa = 0, nns = 0;
		for (const zl_rr_t *rr = zl_node_rrs(apex); rr; rr = zl_rr_next(rr)) {
			if (zl_rr_zone(rr) != z)
				continue;
			if (rr->type == ZL_TYPE_SOA) {
				if (!soa)
					soa = rr;
				else
					zl_emit(ctx, ZL_R_ZONE_SOA_MULTIPLE, rr,
						"second SOA record at the apex (first at line %u)",
						soa->line);
				nsoa++;
			} else if (rr->type == ZL_TYPE_NS)
				nns++;
		}
		/* an SOA that was refused as a syntax error is reported there */
		int soa_refused = 0;
		for (const zl_diag_t *d = ctx->diags; d && !soa; d = d->next)
			if (d->zone == z && d->type == ZL_TYPE_SOA && d->owner == apex)
				soa_refused = 1;
		if (!soa && !soa_refused) {
			zl_finding_t *f = zl_emit_name(ctx, ZL_R_ZONE_SOA_MISSING, z, apex,
						       ZL_TYPE_SOA,
						       "zone '%s' has no SOA record at its apex",
						       z->name);
			zl_suggest(ctx, f, "%s 3600 IN SOA ns1.%s hostmaster.%s 1 7200 3600 "
				   "1209600 3600", z->name, z->name, z->name);
		} else if (soa) {
			check_soa_timers(ctx, soa);
		}
		if (nns == 0 && soa)
			zl_emit_name(ctx, ZL_R_ZONE_NS_MISSING, z, apex, ZL_TYPE_NS,
				     "zone '%s' has no NS records at its apex", z->name);
		else if (nns == 1)
			zl_emit(ctx, ZL_R_ZONE_NS_SINGLE, zl_node_first(apex, ZL_TYPE_NS),
				"zone '%s' has only one NS record; RFC 1034 section 4.1 asks for at "
				"least two, on separate networks", z->name);
	}

	rrvec_t vec = { NULL, 0 };
	for (zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		if (!zl_node_rrs(n))
			continue;
		for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_SOA); rr; rr = zl_rr_next_same(rr))
			if (zl_rr_zone(rr) && zl_rr_zone(rr)->apex != n) {
				char nb[ZL_NAME_STRLEN];
				zl_emit(ctx, ZL_R_ZONE_SOA_NOT_APEX, rr,
					"SOA record at '%s', which is not the apex of zone '%s'",
					zl_node_str(n, nb), zl_rr_zone(rr)->name);
			}
		check_rrsets(ctx, n, &vec);
		check_cname(ctx, n);
		check_ns_targets(ctx, n);
	}
	free(vec.v);
	return 0;
}
