/* zonelint: dnssec- checks of the NSEC and NSEC3 chains (authenticated denial).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dnssec_check.h"
#include "findings.h"
#include "ptrmap.h"
#include "util.h"

/*
 * The chain a validator needs is rebuilt from the zone's names and compared
 * with the one in the file: for NSEC (RFC 4034 section 4, RFC 4035 section
 * 2.3) every authoritative name, in canonical order, each pointing to the
 * next, the last to the apex; for NSEC3 (RFC 5155 section 7.1) the hash of
 * every authoritative name and empty non-terminal, in hash order.  Each
 * record's type bit map must list exactly the types at its name.
 */

#define MAX_TYPES 256

/* Whether @p n has data in @p z: a record other than RRSIG (a leftover
 * signature alone does not make a name exist). */
static bool has_data(const zl_node_t *n, const zl_zone_t *z)
{
	for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr))
		if (zl_rr_zone(rr) == z && rr->type != ZL_TYPE_RRSIG)
			return true;
	return false;
}

/* Locate a finding about name @p n: its first record in the zone, else the SOA. */
static zl_finding_t *emit_at_name(zl_ctx_t *ctx, zl_rule_id_t rule, const zl_zone_t *z,
                                  const zl_node_t *n, uint16_t type, const char *msg)
{
	for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr))
		if (zl_rr_zone(rr) == z)
			return zl_emit_at(ctx, rule, z, n, type, rr->file, rr->line, "%s", msg);
	return zl_emit_name(ctx, rule, z, n, type, "%s", msg);
}

static void types_text(char *buf, size_t cap, const uint16_t *t, size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && o + 20 < cap; i++) {
		char tb[16];
		o +=
		    (size_t)snprintf(buf + o, cap - o, "%s%s", i ? " " : "", zl_type_str(t[i], tb));
	}
}

/* Compare the bit map with the types really there; report the difference. */
static void check_bitmap(zl_ctx_t *ctx, zl_dstate_t *st, const zl_rr_t *rr, const uint8_t *bm,
                         size_t bmlen, const uint16_t *have, size_t nhave, const char *what,
                         const zl_node_t *name)
{
	uint16_t listed[MAX_TYPES];
	size_t nlisted = 0;
	char nb[ZL_NAME_STRLEN];
	if (zl_type_bitmap_read(bm, bmlen, listed, MAX_TYPES, &nlisted) || nlisted > MAX_TYPES) {
		if (zl_dnssec_more(st, ZL_R_DNSSEC_NSEC_CHAIN))
			zl_emit(ctx, ZL_R_DNSSEC_NSEC_CHAIN, rr,
			        "the type bit map of the %s for "
			        "'%s' is malformed",
			        what, zl_node_str(name, nb));
		return;
	}
	uint16_t extra[MAX_TYPES], missing[MAX_TYPES];
	size_t ne = 0, nm = 0, i = 0, j = 0;
	while (i < nlisted || j < nhave) {
		if (j == nhave || (i < nlisted && listed[i] < have[j]))
			extra[ne++] = listed[i++];
		else if (i == nlisted || have[j] < listed[i])
			missing[nm++] = have[j++];
		else {
			i++;
			j++;
		}
	}
	if (!ne && !nm)
		return;
	if (!zl_dnssec_more(st, ZL_R_DNSSEC_NSEC_CHAIN))
		return;
	char eb[512], mb[512];
	types_text(eb, sizeof(eb), extra, ne);
	types_text(mb, sizeof(mb), missing, nm);
	zl_emit(ctx, ZL_R_DNSSEC_NSEC_CHAIN, rr,
	        "the type bit map of the %s for '%s' does not match the records there%s%s%s%s; "
	        "validators deny or accept the wrong types",
	        what, zl_node_str(name, nb), ne ? ": it lists " : "", eb,
	        nm ? (ne ? " and omits " : ": it omits ") : "", mb);
}

/* ---- NSEC -------------------------------------------------------------------- */

typedef struct cnode {
	const zl_node_t *n;
	uint8_t *key; /* canonical order key: memcmp sorts (RFC 4034 6.1) */
	size_t klen;
	zl_nodeclass_t cls;
} cnode_t;

static int cmp_cnode(const void *pa, const void *pb)
{
	const cnode_t *a = pa, *b = pb;
	size_t m = a->klen < b->klen ? a->klen : b->klen;
	int c = memcmp(a->key, b->key, m);
	if (c)
		return c;
	return a->klen < b->klen ? -1 : a->klen > b->klen;
}

static void check_nsec(zl_ctx_t *ctx, zl_dstate_t *st)
{
	const zl_zone_t *z = st->zone;
	char nb[ZL_NAME_STRLEN], xb[ZL_NAME_STRLEN], msg[1024];
	cnode_t *v = zl_xmalloc((st->nnodes ? st->nnodes : 1) * sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < st->nnodes; i++) {
		const zl_node_t *node = st->nodes[i], *cut = NULL;
		zl_nodeclass_t cls = zl_dnssec_classify(node, z, &cut);
		if (cls == ZL_NODE_BELOW) {
			const zl_rr_t *ns = zl_node_first(node, ZL_TYPE_NSEC);
			for (; ns && zl_rr_zone(ns) != z; ns = zl_rr_next_same(ns))
				;
			if (ns && zl_dnssec_more(st, ZL_R_DNSSEC_NSEC_CHAIN))
				zl_emit(ctx, ZL_R_DNSSEC_NSEC_CHAIN, ns,
				        "NSEC at '%s', which is below '%s' and not authoritative "
				        "data of zone '%s'; the chain must skip it",
				        zl_node_str(node, nb), zl_node_str(cut, xb), z->name);
			continue;
		}
		if (!has_data(node, z))
			continue;
		uint8_t tmp[1024];
		v[n].n = node;
		v[n].cls = cls;
		v[n].klen = zl_dnssec_order_key(node, tmp);
		v[n].key = zl_arena_memdup(&ctx->scratch, tmp, v[n].klen);
		n++;
	}
	qsort(v, n, sizeof(*v), cmp_cnode);
	for (size_t i = 0; i < n; i++) {
		const zl_node_t *node = v[i].n, *next = v[(i + 1) % n].n;
		const zl_rr_t *nsec = NULL;
		for (const zl_rr_t *rr = zl_node_first(node, ZL_TYPE_NSEC); rr;
		     rr = zl_rr_next_same(rr)) {
			if (zl_rr_zone(rr) != z)
				continue;
			if (!nsec) {
				nsec = rr;
			} else if (zl_dnssec_more(st, ZL_R_DNSSEC_NSEC_CHAIN)) {
				zl_emit(ctx, ZL_R_DNSSEC_NSEC_CHAIN, rr,
				        "second NSEC at '%s' (first at line %u); a name has one",
				        zl_node_str(node, nb), nsec->line);
			}
		}
		if (!nsec) {
			if (zl_dnssec_more(st, ZL_R_DNSSEC_NSEC_CHAIN)) {
				snprintf(msg, sizeof(msg),
				         "'%s' has no NSEC record: the NSEC chain of zone '%s' is "
				         "broken there, and validators reject denials that need it",
				         zl_node_str(node, nb), z->name);
				emit_at_name(ctx, ZL_R_DNSSEC_NSEC_CHAIN, z, node, ZL_TYPE_NSEC,
				             msg);
			}
			continue;
		}
		if (nsec->opaque)
			continue;
		size_t nl = zl_wire_name_len(zl_rr_rdata(nsec), nsec->rdlen);
		if (!nl) {
			if (zl_dnssec_more(st, ZL_R_DNSSEC_NSEC_CHAIN))
				zl_emit(ctx, ZL_R_DNSSEC_NSEC_CHAIN, nsec,
				        "NSEC record is malformed");
			continue;
		}
		const zl_node_t *named = zl_zoneset_find(ctx->set, zl_rr_rdata(nsec), nl);
		if (named != next && zl_dnssec_more(st, ZL_R_DNSSEC_NSEC_CHAIN))
			zl_emit(ctx, ZL_R_DNSSEC_NSEC_CHAIN, nsec,
			        "NSEC at '%s' points to '%s', but the next name of zone '%s' in "
			        "canonical order is '%s'; the chain %s",
			        zl_node_str(node, nb), zl_wire_name_str(zl_rr_rdata(nsec), nl, xb),
			        z->name, zl_node_str(next, msg),
			        named && zl_zoneset_zone_for(ctx->set, named) == z
			            ? "skips names"
			            : "leaves the zone's names");
		uint16_t have[MAX_TYPES];
		size_t nh = zl_dnssec_types(node, z, v[i].cls, have, MAX_TYPES);
		check_bitmap(ctx, st, nsec, zl_rr_rdata(nsec) + nl, nsec->rdlen - nl, have, nh, "NSEC",
		             node);
	}
	free(v);
}

/* ---- NSEC3 ------------------------------------------------------------------ */

typedef struct n3param {
	uint8_t alg, flags;
	uint16_t iter;
	uint8_t saltlen;
	const uint8_t *salt;
} n3param_t;

typedef struct h3 {
	uint8_t hash[20];
	const zl_rr_t *rr;
	const uint8_t *next; /* next hashed owner, 20 octets */
	const uint8_t *bm;
	size_t bmlen;
	bool used;
} h3_t;

static int read_param(const uint8_t *p, size_t len, n3param_t *out)
{
	if (len < 5 || 5u + p[4] > len)
		return ZL_EINVAL;
	out->alg = p[0];
	out->flags = p[1];
	out->iter = (uint16_t)(p[2] << 8 | p[3]);
	out->saltlen = p[4];
	out->salt = p + 5;
	return 0;
}

static bool same_param(const n3param_t *a, const n3param_t *b)
{
	return a->alg == b->alg && a->iter == b->iter && a->saltlen == b->saltlen &&
	       !memcmp(a->salt, b->salt, a->saltlen);
}

static int cmp_h3(const void *pa, const void *pb)
{
	return memcmp(((const h3_t *)pa)->hash, ((const h3_t *)pb)->hash, 20);
}

typedef struct expect {
	zl_ptrmap_t map;     /* node -> 1 optional, 2 required */
	const zl_node_t **v; /* in the order first seen, for stable output */
	size_t n, cap;
} expect_t;

static bool expect_add(expect_t *e, const zl_node_t *n, uintptr_t level)
{
	bool fresh;
	void **slot = zl_ptrmap_slot(&e->map, n, &fresh);
	if (fresh) {
		if (e->n == e->cap) {
			e->cap = e->cap ? e->cap * 2 : 64;
			e->v = zl_xrealloc(e->v, e->cap * sizeof(*e->v));
		}
		e->v[e->n++] = n;
	}
	if ((uintptr_t)*slot >= level)
		return false;
	*slot = (void *)level;
	return true;
}

static bool has_records_in(const zl_node_t *n, const zl_zone_t *z)
{
	for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr))
		if (zl_rr_zone(rr) == z)
			return true;
	return false;
}

static void param_text(char *buf, size_t cap, const n3param_t *p)
{
	int o = snprintf(buf, cap, "%u %u %u ", p->alg, p->flags, p->iter);
	if (!p->saltlen)
		snprintf(buf + o, cap - (size_t)o, "-");
	for (unsigned i = 0; i < p->saltlen && (size_t)o + 3 < cap; i++)
		o += snprintf(buf + o, cap - (size_t)o, "%02x", p->salt[i]);
}

static void check_nsec3(zl_ctx_t *ctx, zl_dstate_t *st)
{
	const zl_zone_t *z = st->zone;
	const zl_node_t *apex = z->apex;
	char nb[ZL_NAME_STRLEN], pb[600], qb[600], msg[1200];
	const zl_rr_t *prr = NULL;
	n3param_t par;
	for (const zl_rr_t *rr = zl_node_first(apex, ZL_TYPE_NSEC3PARAM); rr;
	     rr = zl_rr_next_same(rr))
		if (zl_rr_zone(rr) == z && !rr->opaque && read_param(zl_rr_rdata(rr), rr->rdlen, &par) == 0) {
			prr = rr;
			break;
		}
	if (!prr) {
		/* take the chain's parameters from its first record */
		for (size_t i = 0; i < st->nnodes && !prr; i++)
			for (const zl_rr_t *rr = zl_node_first(st->nodes[i], ZL_TYPE_NSEC3); rr;
			     rr = zl_rr_next_same(rr))
				if (zl_rr_zone(rr) == z && !rr->opaque &&
				    read_param(zl_rr_rdata(rr), rr->rdlen, &par) == 0) {
					prr = rr;
					break;
				}
		if (!prr)
			return;
		zl_emit(ctx, ZL_R_DNSSEC_NSEC_CHAIN, prr,
		        "zone '%s' has NSEC3 records but no NSEC3PARAM at its apex: name servers "
		        "do not know which chain to serve (RFC 5155 section 4)",
		        z->name);
	} else if (par.alg != 1) {
		zl_emit(ctx, ZL_R_DNSSEC_NSEC_CHAIN, prr,
		        "NSEC3PARAM hash algorithm %u is unknown (only 1, SHA-1, is defined); "
		        "validators cannot use the chain",
		        par.alg);
		return;
	} else if (par.flags != 0) {
		zl_emit(ctx, ZL_R_DNSSEC_NSEC_CHAIN, prr,
		        "NSEC3PARAM flags are %u; RFC 5155 section 4.1.2 requires 0, and name "
		        "servers may ignore the record",
		        par.flags);
	}
	if (par.iter > 0 || par.saltlen > 0) {
		param_text(pb, sizeof(pb), &par);
		zl_emit(ctx, ZL_R_DNSSEC_NSEC3_PARAMS, prr,
		        "NSEC3 parameters '%s' use %s%s%s; RFC 9276 section 3.1 asks for 0 extra "
		        "iterations and no salt: they cost resolvers work and hide nothing%s",
		        pb, par.iter ? "extra iterations" : "",
		        par.iter && par.saltlen ? " and " : "", par.saltlen ? "a salt" : "",
		        par.iter > 100 ? "; validators treat more than 100 iterations as "
		                         "insecure (RFC 9276 section 3.2)"
		                       : "");
	}
	if (par.alg != 1)
		return;

	/* the chain in the file */
	/* one entry per NSEC3 record: a name may hold several (a broken zone) */
	size_t cap = 0;
	for (size_t i = 0; i < st->nnodes; i++)
		for (const zl_rr_t *rr = zl_node_first(st->nodes[i], ZL_TYPE_NSEC3); rr;
		     rr = zl_rr_next_same(rr))
			cap++;
	h3_t *chain = zl_xmalloc((cap ? cap : 1) * sizeof(*chain));
	size_t nc = 0;
	bool optout = false;
	for (size_t i = 0; i < st->nnodes; i++) {
		const zl_node_t *node = st->nodes[i];
		for (const zl_rr_t *rr = zl_node_first(node, ZL_TYPE_NSEC3); rr;
		     rr = zl_rr_next_same(rr)) {
			if (zl_rr_zone(rr) != z || rr->opaque)
				continue;
			n3param_t p;
			if (read_param(zl_rr_rdata(rr), rr->rdlen, &p) ||
			    (size_t)6 + p.saltlen >= rr->rdlen || zl_rr_rdata(rr)[5 + p.saltlen] != 20 ||
			    (size_t)6 + p.saltlen + 20 > rr->rdlen) {
				if (zl_dnssec_more(st, ZL_R_DNSSEC_NSEC_CHAIN))
					zl_emit(
					    ctx, ZL_R_DNSSEC_NSEC_CHAIN, rr,
					    "NSEC3 record is malformed (a SHA-1 chain has 20-octet "
					    "hashes)");
				continue;
			}
			if (!same_param(&p, &par)) {
				if (zl_dnssec_more(st, ZL_R_DNSSEC_NSEC_CHAIN)) {
					param_text(pb, sizeof(pb), &p);
					param_text(qb, sizeof(qb), &par);
					zl_emit(
					    ctx, ZL_R_DNSSEC_NSEC_CHAIN, rr,
					    "NSEC3 at '%s' has parameters '%s', not the chain's "
					    "'%s'; validators cannot use it",
					    zl_node_str(node, nb), pb, qb);
				}
				continue;
			}
			uint8_t h[32];
			if (zl_node_parent(node) != apex || node->label[0] != 32 ||
			    zl_base32hex_decode(node->label + 1, 32, h, sizeof(h)) != 20) {
				if (zl_dnssec_more(st, ZL_R_DNSSEC_NSEC_CHAIN))
					zl_emit(ctx, ZL_R_DNSSEC_NSEC_CHAIN, rr,
					        "NSEC3 owner '%s' is not a base32hex SHA-1 hash "
					        "directly "
					        "below the apex",
					        zl_node_str(node, nb));
				continue;
			}
			if (p.flags & 1)
				optout = true;
			memcpy(chain[nc].hash, h, 20);
			chain[nc].rr = rr;
			chain[nc].next = zl_rr_rdata(rr) + 6 + p.saltlen;
			chain[nc].bm = chain[nc].next + 20;
			chain[nc].bmlen = rr->rdlen - (6u + p.saltlen + 20);
			chain[nc].used = false;
			nc++;
		}
	}
	qsort(chain, nc, sizeof(*chain), cmp_h3);
	size_t nu = 0;
	for (size_t i = 0; i < nc; i++) {
		if (nu && !memcmp(chain[nu - 1].hash, chain[i].hash, 20)) {
			if (zl_dnssec_more(st, ZL_R_DNSSEC_NSEC_CHAIN))
				zl_emit(ctx, ZL_R_DNSSEC_NSEC_CHAIN, chain[i].rr,
				        "second NSEC3 at '%s' (first at line %u)",
				        zl_node_str(zl_rr_owner(chain[i].rr), nb),
				        chain[nu - 1].rr->line);
			continue;
		}
		chain[nu++] = chain[i];
	}
	nc = nu;
	for (size_t i = 0; i < nc; i++) {
		const h3_t *next = &chain[(i + 1) % nc];
		if (memcmp(chain[i].next, next->hash, 20) &&
		    zl_dnssec_more(st, ZL_R_DNSSEC_NSEC_CHAIN)) {
			char want[40], got[40];
			zl_base32hex_encode(next->hash, 20, want);
			zl_base32hex_encode(chain[i].next, 20, got);
			zl_emit(
			    ctx, ZL_R_DNSSEC_NSEC_CHAIN, chain[i].rr,
			    "NSEC3 at '%s' points to the hash '%s', but the next hash in the "
			    "zone's chain is '%s'; validators reject denials that need this link",
			    zl_node_str(zl_rr_owner(chain[i].rr), nb), got, want);
		}
	}

	/* the names the chain must hold: authoritative names and the empty
	 * non-terminals above them; with opt-out, insecure delegations (and
	 * what only they imply) may be left out (RFC 5155 section 7.1) */
	expect_t ex;
	memset(&ex, 0, sizeof(ex));
	zl_ptrmap_init(&ex.map);
	for (size_t i = 0; i < st->nnodes; i++) {
		const zl_node_t *node = st->nodes[i];
		if (zl_dnssec_has(node, ZL_TYPE_NSEC3, z) || !has_data(node, z))
			continue;
		zl_nodeclass_t cls = zl_dnssec_classify(node, z, NULL);
		if (cls == ZL_NODE_BELOW)
			continue;
		uintptr_t level =
		    optout && cls == ZL_NODE_CUT && !zl_dnssec_has(node, ZL_TYPE_DS, z) ? 1 : 2;
		if (!expect_add(&ex, node, level))
			continue;
		for (const zl_node_t *a = zl_node_parent(node); a && a != apex && node != apex;
		     a = zl_node_parent(a)) {
			if (has_records_in(a, z))
				break; /* a name of its own, added in its turn */
			if (!expect_add(&ex, a, level))
				break;
		}
	}
	if (par.iter > 500) {
		/* hashing every name that often would take minutes; the
		 * warning above already says the chain is unusable */
		goto done;
	}
	for (size_t i = 0; i < ex.n; i++) {
		const zl_node_t *node = ex.v[i];
		uintptr_t level = (uintptr_t)zl_ptrmap_get(&ex.map, node);
		h3_t key;
		uint8_t nw[ZL_WIRE_MAX];
		zl_nsec3_hash(zl_node_wire(node, nw), node->wirelen, par.salt, par.saltlen, par.iter,
			      key.hash);
		h3_t *hit = nc ? bsearch(&key, chain, nc, sizeof(*chain), cmp_h3) : NULL;
		if (!hit) {
			if (level == 2 && zl_dnssec_more(st, ZL_R_DNSSEC_NSEC_CHAIN)) {
				char hb[40];
				zl_base32hex_encode(key.hash, 20, hb);
				snprintf(msg, sizeof(msg),
				         "'%s'%s has no NSEC3 record (it would be at '%s.%s'): the "
				         "NSEC3 chain of zone '%s' is incomplete, and validators "
				         "reject answers for it",
				         zl_node_str(node, nb),
				         has_records_in(node, z) ? "" : " (an empty non-terminal)",
				         hb, z->name, z->name);
				emit_at_name(ctx, ZL_R_DNSSEC_NSEC_CHAIN, z, node, ZL_TYPE_NSEC3,
				             msg);
			}
			continue;
		}
		hit->used = true;
		uint16_t have[MAX_TYPES];
		size_t nh = has_records_in(node, z)
		                ? zl_dnssec_types(node, z, zl_dnssec_classify(node, z, NULL), have,
		                                  MAX_TYPES)
		                : 0;
		check_bitmap(ctx, st, hit->rr, hit->bm, hit->bmlen, have, nh, "NSEC3", node);
	}
	for (size_t i = 0; i < nc; i++)
		if (!chain[i].used && zl_dnssec_more(st, ZL_R_DNSSEC_NSEC_CHAIN))
			zl_emit(ctx, ZL_R_DNSSEC_NSEC_CHAIN, chain[i].rr,
			        "NSEC3 at '%s' is the hash of no name in zone '%s' (left over from "
			        "a removed name, or made with other parameters)",
			        zl_node_str(zl_rr_owner(chain[i].rr), nb), z->name);
done:
	zl_ptrmap_free(&ex.map);
	free(ex.v);
	free(chain);
}

void zl_dnssec_check_chain(zl_ctx_t *ctx, zl_dstate_t *st)
{
	if (st->has_nsec && (st->has_nsec3 || st->has_param) && st->first_sec)
		zl_emit(ctx, ZL_R_DNSSEC_NSEC_CHAIN, st->first_sec,
		        "zone '%s' has both NSEC and NSEC3 records; a zone uses one kind of "
		        "denial chain",
		        st->zone->name);
	if (st->has_param || st->has_nsec3)
		check_nsec3(ctx, st);
	else if (st->has_nsec)
		check_nsec(ctx, st);
	else if (st->has_rrsig)
		zl_emit_name(ctx, ZL_R_DNSSEC_NSEC_CHAIN, st->zone, st->zone->apex, ZL_TYPE_NSEC,
		             "zone '%s' is signed but has neither NSEC nor NSEC3 records: "
		             "validators reject every negative answer from it",
		             st->zone->name);
}
