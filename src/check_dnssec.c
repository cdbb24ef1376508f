/* zonelint: the dnssec- family: signatures, keys, delegations, denial chains.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "dnssec.h"
#include "dnssec_check.h"
#include "findings.h"
#include "ptrmap.h"
#include "rules.h"
#include "util.h"

/*
 * One pass over the zone set sorts every node into the zones that hold
 * records there (a delegation point belongs to the parent and, when the
 * child is loaded, to the child too).  Then, per zone: its DNSKEYs are
 * parsed once, every authoritative RRset is checked against its RRSIGs
 * (RFC 4035 section 5.3), and the NSEC or NSEC3 chain is rebuilt from the
 * names and compared (dnssec_chain.c).  DS records are checked last, when
 * every child zone's keys are known.
 *
 * Time-based problems (expired, not yet valid, expiring soon) have one
 * cause, the signing schedule, so each is reported once per zone with a
 * count; the other problems are reported per RRset, at most ZL_DNSSEC_CAP
 * times per zone and rule, and then once more with the number left out.
 */

static const char *fmt_time(uint32_t t, uint32_t now, char *buf, size_t cap)
{
	time_t abs = (time_t)((int64_t)now + zl_dnssec_time_diff(t, now));
	struct tm tm;
	if (!gmtime_r(&abs, &tm))
		snprintf(buf, cap, "%u", t);
	else
		strftime(buf, cap, "%Y-%m-%d %H:%M UTC", &tm);
	return buf;
}

bool zl_dnssec_more(zl_dstate_t *st, zl_rule_id_t rule)
{
	for (unsigned i = 0; i < ZL_ARRAY_SIZE(st->capped); i++) {
		if (st->capped[i].rule == rule || st->capped[i].count == 0) {
			st->capped[i].rule = rule;
			return ++st->capped[i].count <= ZL_DNSSEC_CAP;
		}
	}
	return true;
}

bool zl_dnssec_has(const zl_node_t *n, uint16_t type, const zl_zone_t *z)
{
	for (const zl_rr_t *rr = n ? zl_node_rrs(n) : NULL; rr; rr = zl_rr_next(rr))
		if (rr->type == type && zl_rr_zone(rr) == z)
			return true;
	return false;
}

zl_nodeclass_t zl_dnssec_classify(const zl_node_t *n, const zl_zone_t *z, const zl_node_t **cut)
{
	if (n == z->apex)
		return ZL_NODE_AUTH;
	const zl_node_t *below = NULL;
	for (const zl_node_t *a = zl_node_parent(n); a && a != z->apex; a = zl_node_parent(a))
		if (zl_dnssec_has(a, ZL_TYPE_NS, z) || zl_dnssec_has(a, ZL_TYPE_DNAME, z))
			below = a;
	if (below) {
		if (cut)
			*cut = below;
		return ZL_NODE_BELOW;
	}
	return zl_dnssec_has(n, ZL_TYPE_NS, z) ? ZL_NODE_CUT : ZL_NODE_AUTH;
}

size_t zl_dnssec_types(const zl_node_t *n, const zl_zone_t *z, zl_nodeclass_t cls, uint16_t *types,
                       size_t max)
{
	size_t cnt = 0;
	for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr)) {
		if (zl_rr_zone(rr) != z)
			continue;
		uint16_t t = rr->type;
		/* RFC 4035 2.3: at a delegation only what the parent is
		 * authoritative for */
		if (cls == ZL_NODE_CUT && t != ZL_TYPE_NS && t != ZL_TYPE_DS && t != ZL_TYPE_NSEC &&
		    t != ZL_TYPE_RRSIG)
			continue;
		size_t i = 0;
		while (i < cnt && types[i] < t)
			i++;
		if (i < cnt && types[i] == t)
			continue;
		if (cnt == max)
			break;
		memmove(types + i + 1, types + i, (cnt - i) * sizeof(*types));
		types[i] = t;
		cnt++;
	}
	return cnt;
}

/* ---- per-zone state ------------------------------------------------------ */

static zl_dstate_t *state_for(zl_ptrmap_t *map, zl_ctx_t *ctx, zl_zone_t *z)
{
	bool fresh;
	void **slot = zl_ptrmap_slot(map, z, &fresh);
	if (fresh) {
		zl_dstate_t *st = zl_arena_calloc(&ctx->scratch, sizeof(*st));
		st->zone = z;
		st->conf = ctx->config ? zl_config_zone(ctx->config, z->name) : NULL;
		*slot = st;
	}
	return *slot;
}

static void add_node(zl_dstate_t *st, const zl_node_t *n)
{
	if (st->nnodes == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 64;
		st->nodes = zl_xrealloc(st->nodes, st->cap * sizeof(*st->nodes));
	}
	st->nodes[st->nnodes++] = n;
}

static void note_record(zl_dstate_t *st, const zl_rr_t *rr)
{
	switch (rr->type) {
	case ZL_TYPE_DNSKEY:
		if (zl_rr_owner(rr) == st->zone->apex)
			st->has_dnskey = true;
		break;
	case ZL_TYPE_RRSIG:
		st->has_rrsig = true;
		if (!st->first_sec)
			st->first_sec = rr;
		break;
	case ZL_TYPE_NSEC:
		st->has_nsec = true;
		if (!st->first_sec)
			st->first_sec = rr;
		break;
	case ZL_TYPE_NSEC3:
		st->has_nsec3 = true;
		if (!st->first_sec)
			st->first_sec = rr;
		break;
	case ZL_TYPE_NSEC3PARAM:
		if (zl_rr_owner(rr) == st->zone->apex)
			st->has_param = true;
		break;
	default:
		break;
	}
}

/* ---- keys ------------------------------------------------------------------ */

static void parse_keys(zl_ctx_t *ctx, zl_dstate_t *st)
{
	const zl_zone_t *z = st->zone;
	size_t cnt = 0;
	for (const zl_rr_t *rr = zl_node_rrs(z->apex); rr; rr = zl_rr_next(rr))
		if (rr->type == ZL_TYPE_DNSKEY && zl_rr_zone(rr) == z)
			cnt++;
	st->keys = zl_arena_calloc(&ctx->scratch, (cnt ? cnt : 1) * sizeof(*st->keys));
	for (const zl_rr_t *rr = zl_node_rrs(z->apex); rr; rr = zl_rr_next(rr))
		if (rr->type == ZL_TYPE_DNSKEY && zl_rr_zone(rr) == z &&
		    zl_dnskey_parse(&st->keys[st->nkeys], rr) == 0)
			st->nkeys++;
}

static void check_keys(zl_ctx_t *ctx, zl_dstate_t *st)
{
	unsigned warned_alg[256 / 32] = {0};
	for (size_t i = 0; i < st->nkeys; i++) {
		const zl_dnskey_t *k = &st->keys[i];
		if (k->protocol != 3) {
			zl_emit(ctx, ZL_R_DNSSEC_DNSKEY_INVALID, k->rr,
			        "DNSKEY %u has protocol %u; RFC 4034 section 2.1.2 requires 3, and "
			        "validators ignore the key",
			        k->tag, k->protocol);
			continue;
		}
		if (!k->bits) {
			zl_emit(ctx, ZL_R_DNSSEC_DNSKEY_INVALID, k->rr,
			        "DNSKEY %u: the public key is not a valid %s key (%zu octets); no "
			        "signature can be checked with it",
			        k->tag, zl_dnssec_alg_name(k->alg), k->publen);
			continue;
		}
		if (zl_dnssec_alg_deprecated(k->alg) &&
		    !(warned_alg[k->alg / 32] & (1u << (k->alg % 32)))) {
			warned_alg[k->alg / 32] |= 1u << (k->alg % 32);
			zl_emit(
			    ctx, ZL_R_DNSSEC_ALGORITHM_DEPRECATED, k->rr,
			    "DNSKEY %u uses algorithm %u (%s), which RFC 8624 section 3.1 says "
			    "not to sign with; validators are dropping it: roll to algorithm 13 "
			    "(ECDSAP256SHA256)",
			    k->tag, k->alg, zl_dnssec_alg_name(k->alg));
		}
		if (zl_dnssec_alg_rsa(k->alg) && k->bits < 2048)
			zl_emit(ctx, ZL_R_DNSSEC_RSA_SHORT, k->rr,
			        "DNSKEY %u is a %u-bit RSA key; keys under 2048 bits are within "
			        "reach of factoring (NIST SP 800-57, RFC 8624 section 3.1)",
			        k->tag, k->bits);
	}
}

/* ---- signatures ------------------------------------------------------------ */

enum { S_VALID, S_EXPIRED, S_FUTURE, S_BAD };

typedef struct sigres {
	int status;
	const zl_rr_t *rr; /* the RRSIG */
	zl_rrsig_t sig;
	char why[256]; /* S_BAD: the reason */
} sigres_t;

static int eval_sig(zl_dstate_t *st, zl_sigcheck_t *sc, const zl_rr_t *sigrr,
                    const zl_rr_t *const *rrs, size_t n, uint32_t now, sigres_t *out)
{
	const zl_zone_t *z = st->zone;
	out->rr = sigrr;
	out->why[0] = '\0';
	if (zl_rrsig_parse(&out->sig, sigrr)) {
		snprintf(out->why, sizeof(out->why), "the RRSIG record is malformed");
		return out->status = S_BAD;
	}
	const zl_rrsig_t *sig = &out->sig;
	uint8_t signer[256];
	memcpy(signer, sig->signer, sig->signer_len);
	for (size_t i = 0; i < sig->signer_len; i++)
		if (signer[i] >= 'A' && signer[i] <= 'Z')
			signer[i] = (uint8_t)(signer[i] + 32);
	uint8_t aw[ZL_WIRE_MAX];
	if (sig->signer_len != z->apex->wirelen ||
	    memcmp(signer, zl_node_wire(z->apex, aw), sig->signer_len)) {
		char sb[ZL_NAME_STRLEN];
		snprintf(out->why, sizeof(out->why),
		         "its signer '%s' is not the zone '%s' (RFC 4035 section 2.2)",
		         zl_wire_name_str(sig->signer, sig->signer_len, sb), z->name);
		return out->status = S_BAD;
	}
	if (zl_sigcheck_build(sc, sig, sigrr, rrs, n, false)) {
		snprintf(out->why, sizeof(out->why),
		         "its labels field %u is larger than the owner's %u labels", sig->labels,
		         zl_rr_owner(rrs[0])->labels);
		return out->status = S_BAD;
	}
	bool matched = false, unsupported = false, valid = false;
	for (size_t i = 0; i < st->nkeys && !valid; i++) {
		zl_dnskey_t *k = &st->keys[i];
		if (k->tag != sig->tag || k->alg != sig->alg || k->protocol != 3 ||
		    !(k->flags & ZL_DNSKEY_ZONE))
			continue;
		matched = true;
		zl_sig_result_t r = zl_sigcheck_verify(sc, sig, k);
		if (r == ZL_SIG_UNSUPPORTED)
			unsupported = true;
		else if (r == ZL_SIG_VALID)
			valid = true;
	}
	if (!valid && matched && !unsupported && rrs[0]->type == ZL_TYPE_NSEC) {
		/* some signers lower-case the next name before signing */
		bool upper = false;
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < rrs[i]->rdlen; j++)
				if (zl_rr_rdata(rrs[i])[j] >= 'A' && zl_rr_rdata(rrs[i])[j] <= 'Z')
					upper = true;
		if (upper && zl_sigcheck_build(sc, sig, sigrr, rrs, n, true) == 0)
			for (size_t i = 0; i < st->nkeys && !valid; i++) {
				zl_dnskey_t *k = &st->keys[i];
				if (k->tag == sig->tag && k->alg == sig->alg && k->protocol == 3 &&
				    (k->flags & ZL_DNSKEY_ZONE) &&
				    zl_sigcheck_verify(sc, sig, k) == ZL_SIG_VALID)
					valid = true;
			}
	}
	if (!matched) {
		snprintf(out->why, sizeof(out->why),
		         "no zone DNSKEY at the apex has key tag %u and algorithm %u", sig->tag,
		         sig->alg);
		return out->status = S_BAD;
	}
	if (!valid && !unsupported) {
		snprintf(out->why, sizeof(out->why),
		         "the signature by key %u does not match the data (changed after "
		         "signing?)",
		         sig->tag);
		return out->status = S_BAD;
	}
	/* RFC 4034 3.1.5: serial-number arithmetic on 32-bit times */
	if (zl_dnssec_time_after(now, sig->expire))
		return out->status = S_EXPIRED;
	if (zl_dnssec_time_after(sig->incept, now))
		return out->status = S_FUTURE;
	return out->status = S_VALID;
}

static void agg_add(zl_dagg_t *a, const zl_rr_t *sigrr, uint32_t when, bool earliest, uint32_t now)
{
	a->count++;
	if (!a->rr ||
	    (earliest && zl_dnssec_time_diff(when, now) < zl_dnssec_time_diff(a->when, now))) {
		a->rr = sigrr;
		a->when = when;
	}
}

static void note_dnskey_signer(zl_ctx_t *ctx, zl_dstate_t *st, uint16_t tag)
{
	for (size_t i = 0; i < st->nsigners; i++)
		if (st->signers[i] == tag)
			return;
	uint16_t *v = zl_arena_alloc(&ctx->scratch, (st->nsigners + 1) * sizeof(*v));
	if (st->nsigners)
		memcpy(v, st->signers, st->nsigners * sizeof(*v));
	v[st->nsigners++] = tag;
	st->signers = v;
}

typedef struct rrvec {
	const zl_rr_t **v;
	size_t n, cap;
} rrvec_t;

static void vec_push(rrvec_t *vec, const zl_rr_t *rr)
{
	if (vec->n == vec->cap) {
		vec->cap = vec->cap ? vec->cap * 2 : 32;
		vec->v = zl_xrealloc(vec->v, vec->cap * sizeof(*vec->v));
	}
	vec->v[vec->n++] = rr;
}

static int cmp_type(const void *pa, const void *pb)
{
	const zl_rr_t *a = *(const zl_rr_t *const *)pa, *b = *(const zl_rr_t *const *)pb;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static uint16_t covered_type(const zl_rr_t *sig)
{
	return sig->rdlen >= 2 && !sig->opaque ? (uint16_t)(zl_rr_rdata(sig)[0] << 8 | zl_rr_rdata(sig)[1]) : 0;
}

/* Check one RRset (rrs, all of one type) against the RRSIGs at the node. */
static void check_rrset(zl_ctx_t *ctx, zl_dstate_t *st, zl_sigcheck_t *sc,
                        const zl_rr_t *const *rrs, size_t n, const zl_rr_t *const *sigs,
                        size_t nsigs, uint32_t now, uint32_t window)
{
	char nb[ZL_NAME_STRLEN], tb[16];
	const zl_rr_t *first = rrs[0];
	for (size_t i = 0; i < n; i++)
		if (rrs[i]->opaque)
			return; /* rdata unknown: cannot rebuild what was signed */
	sigres_t best, cur;
	best.status = -1;
	size_t found = 0;
	uint32_t latest_valid = 0;
	bool any_valid = false;
	for (size_t i = 0; i < nsigs; i++) {
		if (covered_type(sigs[i]) != first->type)
			continue;
		found++;
		int s = eval_sig(st, sc, sigs[i], rrs, n, now, &cur);
		if (s == S_VALID) {
			if (!any_valid || zl_dnssec_time_diff(cur.sig.expire, now) >
			                      zl_dnssec_time_diff(latest_valid, now))
				latest_valid = cur.sig.expire;
			any_valid = true;
			if (first->type == ZL_TYPE_DNSKEY)
				note_dnskey_signer(ctx, st, cur.sig.tag);
		}
		if (best.status < 0 || s < best.status)
			best = cur;
	}
	if (!found) {
		if (zl_dnssec_more(st, ZL_R_DNSSEC_RRSIG_MISSING))
			zl_emit(ctx, ZL_R_DNSSEC_RRSIG_MISSING, first,
			        "the %s RRset at '%s' has no RRSIG; zone '%s' is signed, so "
			        "validators reject the answer as bogus",
			        zl_type_str(first->type, tb), zl_node_str(zl_rr_owner(first), nb),
			        st->zone->name);
		return;
	}
	if (any_valid) {
		/* the RRset stays valid as long as its last valid signature */
		if (zl_dnssec_time_diff(latest_valid, now) < (int64_t)window)
			agg_add(&st->expiring, best.rr, latest_valid, true, now);
		return;
	}
	switch (best.status) {
	case S_EXPIRED:
		agg_add(&st->expired, best.rr, best.sig.expire, false, now);
		break;
	case S_FUTURE:
		agg_add(&st->future, best.rr, best.sig.incept, false, now);
		break;
	default:
		if (zl_dnssec_more(st, ZL_R_DNSSEC_SIGNATURE_INVALID))
			zl_emit(ctx, ZL_R_DNSSEC_SIGNATURE_INVALID, best.rr,
			        "no valid signature over the %s RRset at '%s': %s; validators "
			        "reject the answer as bogus",
			        zl_type_str(first->type, tb), zl_node_str(zl_rr_owner(first), nb),
			        best.why);
		break;
	}
}

static void check_node_sigs(zl_ctx_t *ctx, zl_dstate_t *st, zl_sigcheck_t *sc, const zl_node_t *n,
                            zl_nodeclass_t cls, rrvec_t *vec, rrvec_t *sigv, uint32_t now,
                            uint32_t window)
{
	const zl_zone_t *z = st->zone;
	vec->n = 0;
	sigv->n = 0;
	for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr))
		if (zl_rr_zone(rr) == z)
			vec_push(rr->type == ZL_TYPE_RRSIG ? sigv : vec, rr);
	if (cls == ZL_NODE_BELOW || !vec->n)
		return; /* glue and occluded data are not signed (RFC 4035 2.2) */
	qsort(vec->v, vec->n, sizeof(*vec->v), cmp_type);
	for (size_t i = 0; i < vec->n;) {
		size_t j = i + 1;
		while (j < vec->n && vec->v[j]->type == vec->v[i]->type)
			j++;
		uint16_t t = vec->v[i]->type;
		/* at a delegation only DS and NSEC are the parent's to sign */
		if (cls != ZL_NODE_CUT || t == ZL_TYPE_DS || t == ZL_TYPE_NSEC)
			check_rrset(ctx, st, sc, vec->v + i, j - i, sigv->v, sigv->n, now, window);
		i = j;
	}
}

/* ", and those over 3 more RRsets" when more than one RRset is affected */
static const char *more_text(char *buf, size_t cap, unsigned count, const char *what)
{
	if (count > 1)
		snprintf(buf, cap, ", %s %u more RRset%s", what, count - 1, count > 2 ? "s" : "");
	else
		buf[0] = '\0';
	return buf;
}

static void emit_aggregates(zl_ctx_t *ctx, zl_dstate_t *st, uint32_t now, unsigned days)
{
	char tb[16], nb[ZL_NAME_STRLEN], when[40], more[64];
	zl_rrsig_t sig;
	if (st->expired.count && zl_rrsig_parse(&sig, st->expired.rr) == 0)
		zl_emit(ctx, ZL_R_DNSSEC_SIGNATURE_EXPIRED, st->expired.rr,
		        "the signature over the %s RRset at '%s' expired on %s%s; validators "
		        "reject expired data as bogus: re-sign the zone",
		        zl_type_str(sig.covered, tb), zl_node_str(zl_rr_owner(st->expired.rr), nb),
		        fmt_time(st->expired.when, now, when, sizeof(when)),
		        more_text(more, sizeof(more), st->expired.count, "as have those over"));
	if (st->future.count && zl_rrsig_parse(&sig, st->future.rr) == 0)
		zl_emit(ctx, ZL_R_DNSSEC_SIGNATURE_NOT_YET_VALID, st->future.rr,
		        "the signature over the %s RRset at '%s' is valid only from %s%s; until "
		        "then validators reject the data as bogus (is the signer's clock wrong?)",
		        zl_type_str(sig.covered, tb), zl_node_str(zl_rr_owner(st->future.rr), nb),
		        fmt_time(st->future.when, now, when, sizeof(when)),
		        more_text(more, sizeof(more), st->future.count, "like those over"));
	if (st->expiring.count && zl_rrsig_parse(&sig, st->expiring.rr) == 0)
		zl_emit(ctx, ZL_R_DNSSEC_SIGNATURE_EXPIRING, st->expiring.rr,
		        "the signatures over %u RRset%s expire within %u day%s, the first (%s at "
		        "'%s') on %s; unless the zone is re-signed before then, validators will "
		        "reject it",
		        st->expiring.count, st->expiring.count == 1 ? "" : "s", days,
		        days == 1 ? "" : "s", zl_type_str(sig.covered, tb),
		        zl_node_str(zl_rr_owner(st->expiring.rr), nb),
		        fmt_time(st->expiring.when, now, when, sizeof(when)));
}

static void emit_capped(zl_ctx_t *ctx, zl_dstate_t *st)
{
	for (unsigned i = 0; i < ZL_ARRAY_SIZE(st->capped); i++)
		if (st->capped[i].count > ZL_DNSSEC_CAP)
			zl_emit_name(ctx, st->capped[i].rule, st->zone, st->zone->apex, 0,
			             "%u more findings of this rule in zone '%s' are not shown",
			             st->capped[i].count - ZL_DNSSEC_CAP, st->zone->name);
}

/* ---- delegations (DS) ------------------------------------------------------ */

static void check_ds(zl_ctx_t *ctx, zl_ptrmap_t *states, zl_dstate_t *st, const zl_node_t *n)
{
	const zl_zone_t *z = st->zone;
	char nb[ZL_NAME_STRLEN];
	const zl_rr_t *first = NULL;
	bool only_sha1 = true, any_usable = false;
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_DS); rr; rr = zl_rr_next_same(rr)) {
		if (zl_rr_zone(rr) != z || rr->opaque)
			continue;
		if (!first)
			first = rr;
		if (rr->rdlen < 4) {
			zl_emit(ctx, ZL_R_DNSSEC_DS_INVALID, rr, "DS record is truncated");
			continue;
		}
		uint8_t dt = zl_rr_rdata(rr)[3];
		size_t want = zl_ds_digest_len(dt), have = rr->rdlen - 4u;
		if (dt != 1)
			only_sha1 = false;
		if (!want) {
			zl_emit(ctx, ZL_R_DNSSEC_DS_INVALID, rr,
			        "DS digest type %u is not one validators know (1 SHA-1, 2 SHA-256, "
			        "4 SHA-384); they ignore this DS",
			        dt);
		} else if (have != want) {
			zl_emit(ctx, ZL_R_DNSSEC_DS_INVALID, rr,
			        "DS digest is %zu octets, but digest type %u gives %zu; this DS "
			        "can never match a key",
			        have, dt, want);
		} else {
			any_usable = true;
		}
	}
	if (!first)
		return;
	if (only_sha1)
		zl_emit(ctx, ZL_R_DNSSEC_DS_SHA1, first,
		        "the delegation '%s' has only SHA-1 (digest type 1) DS records; RFC 8624 "
		        "section 3.3 says not to use SHA-1: add a SHA-256 (digest type 2) DS",
		        zl_node_str(n, nb));
	/* the child zone, when it is loaded too */
	const zl_zone_t *child = zl_zoneset_apex_zone(ctx->set, n);
	if (!child || child == z || !any_usable)
		return;
	zl_dstate_t *cs = zl_ptrmap_get(states, child);
	if (!cs || child->load_failed)
		return;
	if (!cs->has_dnskey) {
		if (!(cs->conf && cs->conf->signed_at_deploy))
			zl_emit(ctx, ZL_R_DNSSEC_DS_MISMATCH, first,
			        "DS records at '%s', but the child zone '%s' has no DNSKEY: "
			        "validators find the delegation bogus and the whole child zone "
			        "fails to resolve",
			        zl_node_str(n, nb), child->name);
		return;
	}
	bool matched = false, signs = false;
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_DS); rr; rr = zl_rr_next_same(rr)) {
		if (zl_rr_zone(rr) != z || rr->opaque || rr->rdlen < 4)
			continue;
		uint16_t tag = (uint16_t)(zl_rr_rdata(rr)[0] << 8 | zl_rr_rdata(rr)[1]);
		uint8_t alg = zl_rr_rdata(rr)[2], dt = zl_rr_rdata(rr)[3];
		for (size_t i = 0; i < cs->nkeys; i++) {
			const zl_dnskey_t *k = &cs->keys[i];
			if (k->tag != tag || k->alg != alg)
				continue;
			uint8_t dg[64], cw[ZL_WIRE_MAX];
			size_t dl = zl_ds_digest(dt, zl_node_wire(child->apex, cw), child->apex->wirelen,
			                         zl_rr_rdata(k->rr), k->rr->rdlen, dg);
			if (!dl || dl != rr->rdlen - 4u || memcmp(dg, zl_rr_rdata(rr) + 4, dl))
				continue;
			matched = true;
			for (size_t s = 0; s < cs->nsigners; s++)
				if (cs->signers[s] == tag)
					signs = true;
		}
	}
	if (!matched)
		zl_emit(ctx, ZL_R_DNSSEC_DS_MISMATCH, first,
		        "no DS record at '%s' matches a DNSKEY of the child zone '%s': validators "
		        "find the delegation bogus and the child zone fails to resolve",
		        zl_node_str(n, nb), child->name);
	else if (!signs && cs->has_rrsig)
		zl_emit(
		    ctx, ZL_R_DNSSEC_DS_MISMATCH, first,
		    "the child zone '%s' has the DNSKEY a DS at '%s' names, but that key has no "
		    "valid signature over the child's DNSKEY RRset, so the chain of trust "
		    "breaks",
		    child->name, zl_node_str(n, nb));
}

/* ---- the family -------------------------------------------------------------- */

static void check_zone_sigs(zl_ctx_t *ctx, zl_dstate_t *st, zl_sigcheck_t *sc, uint32_t now,
                            uint32_t window)
{
	rrvec_t vec = {0}, sigv = {0};
	for (size_t i = 0; i < st->nnodes; i++) {
		const zl_node_t *n = st->nodes[i];
		zl_nodeclass_t cls = zl_dnssec_classify(n, st->zone, NULL);
		check_node_sigs(ctx, st, sc, n, cls, &vec, &sigv, now, window);
	}
	free(vec.v);
	free(sigv.v);
}

int zl_check_dnssec(zl_ctx_t *ctx)
{
	zl_ptrmap_t states;
	zl_ptrmap_init(&states);
	/* every node, into each zone that holds records there */
	for (zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		zl_dstate_t *seen[4];
		unsigned nseen = 0;
		for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr)) {
			if (!zl_rr_zone(rr))
				continue;
			zl_dstate_t *st = NULL;
			for (unsigned i = 0; i < nseen; i++)
				if (seen[i]->zone == zl_rr_zone(rr))
					st = seen[i];
			if (!st) {
				st = state_for(&states, ctx, zl_rr_zone(rr));
				add_node(st, n);
				if (nseen < ZL_ARRAY_SIZE(seen))
					seen[nseen++] = st;
			}
			note_record(st, rr);
		}
	}
	unsigned days = ctx->config ? ctx->config->dnssec_expiry_days : 7;
	uint32_t window = days * 86400u;
	uint32_t now = (uint32_t)time(NULL);
	zl_sigcheck_t *sc = zl_sigcheck_new();
	for (zl_zone_t *z = ctx->set->zones; z; z = z->next) {
		zl_dstate_t *st = zl_ptrmap_get(&states, z);
		if (!st || z->load_failed)
			continue;
		parse_keys(ctx, st);
		zl_dnssec_check_zonemd(ctx, st);
		bool deploy = st->conf && st->conf->signed_at_deploy;
		if (!st->has_dnskey) {
			if (st->first_sec) {
				char tb[16];
				zl_emit(ctx, ZL_R_DNSSEC_DNSKEY_MISSING, st->first_sec,
				        "zone '%s' has %s records but no DNSKEY at its apex: no "
				        "signature in it can be checked, and validators that reach "
				        "it through a DS reject it",
				        z->name, zl_type_str(st->first_sec->type, tb));
			} else if (!deploy) {
				zl_emit_name(
				    ctx, ZL_R_DNSSEC_UNSIGNED, z, z->apex, ZL_TYPE_DNSKEY,
				    "zone '%s' is not signed: resolvers cannot tell its "
				    "answers from forged ones, and DANE (TLSA) for its mail "
				    "hosts does not work (if it is signed when deployed, say "
				    "dnssec: signed-at-deploy in the config)",
				    z->name);
			}
			continue;
		}
		check_keys(ctx, st);
		if (!st->has_rrsig) {
			/* keys in the file, signatures added when deployed (the
			 * classic $INCLUDE of K*.key files) are fine when the config
			 * says so */
			const zl_rr_t *key = zl_node_first(z->apex, ZL_TYPE_DNSKEY);
			while (key && zl_rr_zone(key) != z)
				key = zl_rr_next_same(key);
			if (!deploy && key)
				zl_emit(ctx, ZL_R_DNSSEC_RRSIG_MISSING, key,
				        "zone '%s' has DNSKEY records but no RRSIG at all: it was "
				        "not signed, or the signatures were stripped, and "
				        "validators reject every answer once a DS points here (if "
				        "it is signed when deployed, say dnssec: signed-at-deploy "
				        "in the config)",
				        z->name);
		} else {
			check_zone_sigs(ctx, st, sc, now, window);
			emit_aggregates(ctx, st, now, days);
			zl_dnssec_check_chain(ctx, st);
		}
	}
	zl_sigcheck_free(sc);
	/* delegations last: every child's keys and signers are known now */
	for (zl_zone_t *z = ctx->set->zones; z; z = z->next) {
		zl_dstate_t *st = zl_ptrmap_get(&states, z);
		if (!st || z->load_failed)
			continue;
		for (size_t i = 0; i < st->nnodes; i++) {
			const zl_node_t *n = st->nodes[i];
			if (n != z->apex && zl_dnssec_has(n, ZL_TYPE_DS, z) &&
			    zl_dnssec_classify(n, z, NULL) == ZL_NODE_CUT)
				check_ds(ctx, &states, st, n);
		}
		emit_capped(ctx, st);
		for (size_t i = 0; i < st->nkeys; i++)
			zl_dnskey_clear(&st->keys[i]);
		free(st->nodes);
	}
	zl_ptrmap_free(&states);
	return 0;
}
