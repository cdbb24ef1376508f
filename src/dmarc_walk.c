/* zonelint: DMARC policy discovery (RFC 9989 DNS tree walk) over the loaded zones.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "dmarc_check.h"

#include <stdlib.h>
#include <string.h>

#include "tagvalue.h"
#include "util.h"

bool zl_mail_has(const zl_node_t *n, uint16_t type, const zl_zone_t *z)
{
	return zl_node_first_in(n, type, z) != NULL;
}

bool zl_mail_real_mx(const zl_node_t *n, const zl_zone_t *z)
{
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_MX); rr; rr = zl_rr_next_same(rr))
		if (zl_rr_zone(rr) == z && !rr->opaque && rr->rdlen > 3)
			return true;
	return false;
}

const zl_zone_t *zl_mail_zone(const zl_zoneset_t *set, const zl_node_t *n)
{
	const zl_zone_t *z = zl_zoneset_zone_for(set, n);
	if (!z || z->external)
		return z; /* a snapshot answers for exactly the names it holds */
	/* RFC 1034 section 4.2.1: below a zone cut the parent zone holds only
	 * glue, so the answer comes from the child zone, which is not loaded */
	for (const zl_node_t *a = n; a && a != z->apex; a = zl_node_parent(a))
		if (zl_mail_has(a, ZL_TYPE_NS, z) || (a != n && zl_mail_has(a, ZL_TYPE_DNAME, z)))
			return NULL;
	return z;
}

size_t zl_mail_txt_prefix(const zl_rr_t *rr, char *buf, size_t cap)
{
	size_t o = 0, i = 0;
	if (rr->opaque)
		return 0;
	while (i < rr->rdlen && o < cap) {
		size_t l = zl_rr_rdata(rr)[i++];
		if (i + l > rr->rdlen)
			l = rr->rdlen - i;
		size_t take = l < cap - o ? l : cap - o;
		memcpy(buf + o, zl_rr_rdata(rr) + i, take);
		o += take;
		i += l;
	}
	return o;
}

void zl_dmarc_cache_init(zl_dmarc_cache_t *cache, zl_ctx_t *ctx)
{
	memset(cache, 0, sizeof(*cache));
	cache->ctx = ctx;
	zl_ptrmap_init(&cache->sites);
	zl_arena_init(&cache->arena);
	zl_arena_init(&cache->parse);
	zl_textcache_init(&cache->texts);
}

void zl_dmarc_cache_free(zl_dmarc_cache_t *cache)
{
	zl_ptrmap_free(&cache->sites);
	zl_arena_free(&cache->arena);
	zl_arena_free(&cache->parse);
	zl_textcache_free(&cache->texts);
	free(cache->buf);
	memset(cache, 0, sizeof(*cache));
}

/* The closest interned name at or above a wire name (NULL when none). */
static const zl_node_t *closest(const zl_zoneset_t *set, const uint8_t *wire, size_t len)
{
	while (len > 1) {
		const zl_node_t *n = zl_zoneset_find(set, wire, len);
		if (n)
			return n;
		size_t skip = (size_t)wire[0] + 1;
		if (skip >= len)
			break;
		wire += skip;
		len -= skip;
	}
	return NULL;
}

/* The psd tag of a record: a scan of its text, joined in the cache's buffer. */
static zl_dmarc_psd_t psd_of(zl_dmarc_cache_t *c, const zl_rr_t *rr)
{
	if (c->bufcap < (size_t)rr->rdlen + 1) {
		c->bufcap = (size_t)rr->rdlen + 1;
		c->buf = zl_xrealloc(c->buf, c->bufcap);
	}
	size_t pos = 0, len = zl_rr_txt_into(rr, c->buf);
	const char *t = c->buf;
	/* the tag's name is matched in any case: without "psd" there is none */
	bool maybe = false;
	for (size_t i = 0; i + 3 <= len && !maybe; i++)
		maybe = (t[i] | 0x20) == 'p' && (t[i + 1] | 0x20) == 's' && (t[i + 2] | 0x20) == 'd';
	if (!maybe)
		return ZL_DMARC_PSD_UNSET;
	zl_tv_tag_t tag;
	while (zl_tv_next(t, len, &pos, &tag)) {
		if (!zl_tv_eq(tag.name, tag.name_len, "psd", true))
			continue;
		if (tag.value_len != 1)
			return ZL_DMARC_PSD_UNSET;
		switch (tag.value[0] | 0x20) {
		case 'y':
			return ZL_DMARC_PSD_Y;
		case 'n':
			return ZL_DMARC_PSD_N;
		case 'u':
			return ZL_DMARC_PSD_U;
		default:
			return ZL_DMARC_PSD_UNSET;
		}
	}
	return ZL_DMARC_PSD_UNSET;
}

/*
 * The DMARC records at @p n (answered by zone @p z), following a CNAME
 * inside the loaded zones.  RFC 9989 "DNS Tree Walk" step 2: records that
 * do not start with v=DMARC1 are discarded, and several are all discarded.
 */
static void eval_node(zl_dmarc_cache_t *c, zl_dmarc_site_t *s, const zl_node_t *n,
                      const zl_zone_t *z, unsigned depth)
{
	const zl_rr_t *cname = NULL;
	unsigned cnt = 0;
	for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr)) {
		if (zl_rr_zone(rr) != z)
			continue;
		if (rr->type == ZL_TYPE_CNAME && !rr->opaque) {
			cname = rr;
			continue;
		}
		if (rr->type != ZL_TYPE_TXT)
			continue;
		char buf[32];
		size_t l = zl_mail_txt_prefix(rr, buf, sizeof(buf));
		/* "v=DMARC1" then the end or ";": 32 bytes hold any spacing that matters */
		if (zl_dmarc_is_dmarc(buf, l) ||
		    (l == sizeof(buf) && zl_dmarc_is_dmarc(buf, 8) && rr->rdlen > l)) {
			if (!cnt++)
				s->rr = rr;
		}
	}
	if (cnt == 1) {
		s->found = ZL_DMARC_FOUND_ONE;
		s->psd = psd_of(c, s->rr);
		return;
	}
	if (cnt > 1) {
		s->found = ZL_DMARC_FOUND_MANY;
		s->rr = NULL;
		return;
	}
	if (!cname || depth >= 8) {
		s->found = ZL_DMARC_FOUND_NONE;
		return;
	}
	size_t tl = zl_wire_name_len(zl_rr_rdata(cname), cname->rdlen);
	if (!tl) {
		s->found = ZL_DMARC_FOUND_NONE;
		return;
	}
	const zl_node_t *t = zl_zoneset_find(c->ctx->set, zl_rr_rdata(cname), tl);
	const zl_node_t *near = t ? t : closest(c->ctx->set, zl_rr_rdata(cname), tl);
	const zl_zone_t *tz = near ? zl_mail_zone(c->ctx->set, near) : NULL;
	if (!tz) {
		s->found = ZL_DMARC_FOUND_UNKNOWN; /* a provider's zone, not loaded */
		return;
	}
	if (!t) {
		s->found = ZL_DMARC_FOUND_NONE;
		return;
	}
	eval_node(c, s, t, tz, depth + 1);
}

const zl_dmarc_site_t *zl_dmarc_site(zl_dmarc_cache_t *c, const zl_node_t *domain)
{
	bool created;
	void **slot = zl_ptrmap_slot(&c->sites, domain, &created);
	if (!created)
		return *slot;
	zl_dmarc_site_t *s = zl_arena_calloc(&c->arena, sizeof(*s));
	*slot = s;
	s->domain = domain;
	const zl_node_t *d = zl_node_child(c->ctx->set, domain, "_dmarc");
	const zl_zone_t *z = zl_mail_zone(c->ctx->set, d ? d : domain);
	if (!z)
		s->found = ZL_DMARC_FOUND_UNKNOWN;
	else if (!d)
		s->found = ZL_DMARC_FOUND_NONE;
	else
		eval_node(c, s, d, z, 0);
	return s;
}

static const void *parse_text(const char *text, size_t len, zl_arena_t *arena)
{
	zl_dmarc_t *d = zl_arena_calloc(arena, sizeof(*d));
	zl_dmarc_parse(d, text, len, arena);
	return d;
}

const zl_dmarc_t *zl_dmarc_site_parse(zl_dmarc_cache_t *c, const zl_dmarc_site_t *site)
{
	if (!site || site->found != ZL_DMARC_FOUND_ONE)
		return NULL;
	if (c->last != site) {
		zl_arena_reset(&c->parse);
		size_t len;
		const char *text = zl_rr_txt(&c->parse, site->rr, &len);
		c->parsed = zl_textcache_get(&c->texts, text, len, parse_text, &c->parse, NULL);
		c->last = site;
	}
	return c->parsed;
}

static const zl_node_t *ancestor_with(const zl_node_t *n, unsigned labels)
{
	while (n && n->labels > labels)
		n = zl_node_parent(n);
	return n;
}

void zl_dmarc_walk(zl_dmarc_cache_t *c, const zl_node_t *domain, zl_dmarc_walk_t *out)
{
	const zl_dmarc_site_t *found[8];
	size_t nfound = 0;
	memset(out, 0, sizeof(*out));
	/* RFC 9989 "DNS Tree Walk": at most 8 queries, the longest names cut to 7 labels */
	for (const zl_node_t *cand = domain; cand && cand->labels >= 1 && out->npath < 8;) {
		out->path[out->npath++] = cand;
		const zl_dmarc_site_t *s = zl_dmarc_site(c, cand);
		if (s->found == ZL_DMARC_FOUND_UNKNOWN && zl_mail_zone(c->ctx->set, cand)) {
			/* the name is loaded but its _dmarc is a CNAME or delegation out of
			 * the loaded zones: a record is kept there on purpose */
			out->state = ZL_DMARC_WALK_COVERED;
			return;
		}
		if (s->found == ZL_DMARC_FOUND_UNKNOWN && cand->labels >= 2 && !out->unknown)
			out->unknown = cand;
		if (s->found == ZL_DMARC_FOUND_ONE) {
			found[nfound++] = s;
			if (s->psd == ZL_DMARC_PSD_Y || s->psd == ZL_DMARC_PSD_N)
				break; /* steps 2 and 6 */
		}
		cand = cand->labels >= 8 ? ancestor_with(cand, 7) : zl_node_parent(cand);
	}
	const zl_dmarc_site_t *own = nfound && found[0]->domain == domain ? found[0] : NULL;
	const zl_dmarc_site_t *org = NULL, *psd = NULL;
	/* "Identifier Alignment Evaluation": select the organizational domain */
	for (size_t i = 0; i < nfound && !org && !psd; i++) {
		if (found[i]->psd == ZL_DMARC_PSD_N) {
			org = found[i];
		} else if (found[i]->psd == ZL_DMARC_PSD_Y && found[i]->domain != domain) {
			psd = found[i];
			const zl_node_t *below =
			    ancestor_with(domain, found[i]->domain->labels + 1u);
			const zl_dmarc_site_t *b = zl_dmarc_site(c, below);
			if (b->found == ZL_DMARC_FOUND_ONE)
				org = b;
		}
	}
	if (!org && !psd && nfound)
		org = found[nfound - 1];
	if (own || org) {
		out->state = ZL_DMARC_WALK_COVERED;
		out->applied = own ? own : org;
	} else if (psd) {
		out->state = ZL_DMARC_WALK_PSD_ONLY;
		out->applied = psd;
	} else {
		out->state = out->unknown ? ZL_DMARC_WALK_UNKNOWN : ZL_DMARC_WALK_MISSING;
	}
}
