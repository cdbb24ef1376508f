/* zonelint: SPF evaluation over the loaded zones: lookups, void lookups, includes, loops.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_spf.h"
#include "config.h"
#include "external.h"
#include "findings.h"
#include "util.h"

/*
 * The evaluation follows RFC 7208 section 4.6 for a sender that matches no
 * mechanism: every term up to the first "all" of each record is reached,
 * include: and redirect= are followed into the loaded zones, and the limits
 * of section 4.6.4 are counted across the whole evaluation, as receivers
 * count them.  Each record is evaluated on its own (receivers do the same for
 * each domain), so a problem deep in an included record is reported at every
 * record that reaches it, with the chain.
 *
 * Bounds: every descent into another record costs a lookup, and counting
 * stops at COUNT_CAP lookups (pyspf's own hard stop), so one evaluation
 * visits at most COUNT_CAP records whatever the zones hold; records are
 * parsed once (check_spf.h).  Loops are found once for all records by
 * Tarjan's algorithm on the include/redirect graph, in O(names + edges).
 */

#define COUNT_CAP 40u /* stop counting: the result is long decided */
#define FRAMES (COUNT_CAP + 2u)
#define MAX_NOTES 16u        /* void lookups and problems kept per record */
#define CNAME_HOPS 10u       /* pyspf's MAX_CNAME */
#define LOOP_BUDGET 4000000u /* edge visits spent finding loop paths, in all */

enum { FAM4 = 1u, FAM6 = 2u };

/* ---- the database ---------------------------------------------------------- */

/* Parsed records the database keeps for its entries, in all; past it the
 * records are parsed for each evaluation that reaches them. */
#define CACHE_MAX ((size_t)8 << 20)

void zl_spfdb_init(zl_spfdb_t *db, zl_ctx_t *ctx)
{
	memset(db, 0, sizeof(*db));
	db->ctx = ctx;
	zl_ptrmap_init(&db->map);
	zl_arena_init(&db->keep);
	zl_arena_init(&db->cache);
	zl_arena_init(&db->probe);
	zl_arena_init(&db->eval);
	zl_textcache_init(&db->texts);
}

void zl_spfdb_free(zl_spfdb_t *db)
{
	zl_ptrmap_free(&db->map);
	free(db->v);
	free(db->buf);
	zl_arena_free(&db->keep);
	zl_arena_free(&db->cache);
	zl_arena_free(&db->probe);
	zl_arena_free(&db->eval);
	zl_textcache_free(&db->texts);
	memset(db, 0, sizeof(*db));
}

static bool has_in(const zl_node_t *n, uint16_t type, const zl_zone_t *z)
{
	for (const zl_rr_t *rr = zl_node_first(n, type); rr; rr = zl_rr_next_same(rr))
		if (zl_rr_zone(rr) == z)
			return true;
	return false;
}

static bool records_in(const zl_node_t *n, const zl_zone_t *z)
{
	for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr))
		if (zl_rr_zone(rr) == z)
			return true;
	return false;
}

unsigned zl_spf_count(const zl_node_t *node, const zl_zone_t *zone, uint16_t type)
{
	unsigned n = 0;
	for (const zl_rr_t *rr = zl_node_first(node, type); rr; rr = zl_rr_next_same(rr))
		if (zl_rr_zone(rr) == zone && !rr->opaque)
			n++;
	return n;
}

bool zl_spf_rr_is_spf(const zl_rr_t *rr)
{
	/* the first 7 octets of the text, which may span strings (RFC 7208 3.3) */
	char head[7];
	size_t o = 0, i = 0;
	while (i < rr->rdlen && o < sizeof(head)) {
		size_t l = zl_rr_rdata(rr)[i++];
		if (i + l > rr->rdlen)
			l = rr->rdlen - i;
		size_t take = l < sizeof(head) - o ? l : sizeof(head) - o;
		memcpy(head + o, zl_rr_rdata(rr) + i, take);
		o += take;
		i += l;
	}
	return zl_spf_is_spf(head, o);
}

void zl_spf_name_facts(const zl_node_t *node, const zl_zone_t *zone, zl_spfname_t *sn)
{
	memset(sn, 0, sizeof(*sn));
	sn->node = node;
	sn->zone = zone;
	/* RFC 7208 4.5: the TXT records that start with "v=spf1"; identical
	 * records are one (an RRset is a set, RFC 2181 section 5) */
	const zl_rr_t *seen[64];
	unsigned nseen = 0;
	for (const zl_rr_t *rr = zl_node_first(node, ZL_TYPE_TXT); rr; rr = zl_rr_next_same(rr)) {
		if (zl_rr_zone(rr) != zone || rr->opaque)
			continue;
		sn->ntxt++;
		if (!zl_spf_rr_is_spf(rr))
			continue;
		bool dup = false;
		for (unsigned i = 0; i < nseen && !dup; i++)
			dup = seen[i]->rdlen == rr->rdlen &&
			      !memcmp(zl_rr_rdata(seen[i]), zl_rr_rdata(rr), rr->rdlen);
		if (dup)
			continue;
		if (nseen < ZL_ARRAY_SIZE(seen))
			seen[nseen++] = rr;
		if (!sn->nspf++)
			sn->rr = rr;
	}
}

zl_spfname_t *zl_spfdb_find(const zl_spfdb_t *db, const zl_node_t *node)
{
	return zl_ptrmap_get(&db->map, node);
}

zl_spfname_t *zl_spfdb_get(zl_spfdb_t *db, const zl_node_t *node, const zl_zone_t *zone)
{
	bool fresh;
	void **slot = zl_ptrmap_slot(&db->map, node, &fresh);
	if (!fresh)
		return *slot;
	zl_spfname_t *sn = zl_arena_alloc(&db->keep, sizeof(*sn));
	*slot = sn;
	zl_spf_name_facts(node, zone, sn);
	sn->entry = true;
	if (db->n == db->cap) {
		db->cap = db->cap ? db->cap * 2 : 64;
		db->v = zl_xrealloc(db->v, db->cap * sizeof(*db->v));
	}
	sn->idx = (uint32_t)db->n;
	db->v[db->n++] = sn;
	return sn;
}

/* The text of a TXT record, its strings joined, in db->buf (as zl_rr_txt). */
static const char *rr_text(zl_spfdb_t *db, const zl_rr_t *rr, size_t *len)
{
	if (db->bufcap < (size_t)rr->rdlen + 1) {
		db->bufcap = (size_t)rr->rdlen + 1;
		db->buf = zl_xrealloc(db->buf, db->bufcap);
	}
	*len = zl_rr_txt_into(rr, db->buf);
	return db->buf;
}

static const void *parse_text(const char *text, size_t len, zl_arena_t *arena)
{
	zl_spf_record_t *r = zl_arena_alloc(arena, sizeof(*r));
	zl_spf_parse(r, text, len, arena);
	return r;
}

const zl_spf_record_t *zl_spfdb_record(zl_spfdb_t *db, zl_spfname_t *sn, zl_arena_t *arena)
{
	if (sn->rec)
		return sn->rec;
	size_t len;
	const char *text = rr_text(db, sn->rr, &len);
	/* a text parsed before is not parsed again; past the text cache's
	 * room, an entry's parse is kept with it while there is room, and
	 * other parses go to the caller's arena.  The parse copies the text:
	 * the buffer is free again afterwards */
	zl_arena_t *a = sn->entry && db->cache.total < CACHE_MAX ? &db->cache : arena;
	bool kept;
	const zl_spf_record_t *r = zl_textcache_get(&db->texts, text, len, parse_text, a, &kept);
	sn->invalid = r->n_errors > 0;
	sn->checked = true;
	if (kept || a == &db->cache)
		sn->rec = r;
	return r;
}

bool zl_spfdb_invalid(zl_spfdb_t *db, zl_spfname_t *sn)
{
	if (!sn->checked && sn->nspf) {
		zl_spfdb_record(db, sn, &db->probe);
		zl_arena_reset(&db->probe);
	}
	return sn->invalid;
}

/* ---- offline DNS ------------------------------------------------------------- */

/* Whether @p n (found, or else its closest encloser @p ce) lies at or below
 * a zone cut of @p z, or below a DNAME: the data is not in this zone. */
static bool delegated(const zl_node_t *n, const zl_node_t *ce, const zl_zone_t *z)
{
	for (const zl_node_t *a = ce; a && a != z->apex; a = zl_node_parent(a))
		if (has_in(a, ZL_TYPE_NS, z) || (a != n && has_in(a, ZL_TYPE_DNAME, z)))
			return true;
	/* a DNAME at the apex redirects every name below it */
	return n != z->apex && has_in(z->apex, ZL_TYPE_DNAME, z);
}

const zl_zone_t *zl_spf_auth_zone(const zl_zoneset_t *set, const zl_node_t *node)
{
	const zl_zone_t *z = zl_zoneset_zone_for(set, node);
	/* a snapshot of names outside the loaded zones is consulted, not linted */
	if (!z || z->load_failed || z->external || delegated(node, node, z))
		return NULL;
	return z;
}

bool zl_spf_empty(const zl_spf_answer_t *ans, uint16_t type)
{
	if (ans->kind == ZL_SPF_ANS_NXDOMAIN)
		return true;
	if (ans->kind != ZL_SPF_ANS_NODE || zl_spf_count(ans->node, ans->zone, type))
		return false;
	/* a snapshot knows only what it looked up: no record there is an
	 * answer only when it says so, for this type */
	return !ans->zone->external || zl_external_answered(ans->zone, ans->node, type);
}

void zl_spf_resolve(const zl_zoneset_t *set, const uint8_t *wire, size_t len, bool cname,
                    zl_spf_answer_t *out)
{
	uint8_t w[256];
	memset(out, 0, sizeof(*out));
	out->kind = ZL_SPF_ANS_UNKNOWN;
	if (len == 0 || len > 255)
		return;
	memcpy(w, wire, len);
	size_t l = len;
	for (unsigned hops = 0;; hops++) {
		const zl_node_t *n = zl_zoneset_find(set, w, l), *ce = n;
		size_t off = 0;
		while (!ce && off < l && w[off] != 0) {
			off += 1u + w[off];
			if (off >= l)
				break;
			ce = zl_zoneset_find(set, w + off, l - off);
		}
		if (!ce)
			return;
		const zl_zone_t *z = zl_zoneset_zone_for(set, ce);
		if (!z || z->load_failed)
			return;
		if (z->external) {
			/* it answers only for the names it holds */
			if (!n || !zl_external_holds(z, n))
				return;
			if (zl_external_negative(z, n) & ZL_EXT_NXDOMAIN) {
				out->kind = ZL_SPF_ANS_NXDOMAIN;
				out->zone = z;
				return;
			}
		} else if (delegated(n, ce, z)) {
			return;
		}
		const zl_node_t *data = n;
		if (!data) {
			/* RFC 4592: the wildcard at the closest encloser answers */
			const zl_node_t *star = zl_node_child(set, ce, "*");
			if (star && records_in(star, z)) {
				data = star;
			} else {
				out->kind = ZL_SPF_ANS_NXDOMAIN;
				out->zone = z;
				return;
			}
		}
		const zl_rr_t *c = NULL;
		if (cname)
			for (c = zl_node_first(data, ZL_TYPE_CNAME); c && zl_rr_zone(c) != z;
			     c = zl_rr_next_same(c))
				;
		if (c) {
			size_t tl = zl_wire_name_len(zl_rr_rdata(c), c->rdlen);
			if (hops >= CNAME_HOPS || !tl) {
				out->kind = ZL_SPF_ANS_NXDOMAIN;
				out->zone = z;
				return;
			}
			memcpy(w, zl_rr_rdata(c), tl);
			l = tl;
			continue;
		}
		out->kind = ZL_SPF_ANS_NODE;
		out->node = data;
		out->zone = z;
		return;
	}
}

size_t zl_spf_spec_wire(const zl_spf_spec_t *spec, uint8_t *out)
{
	if (!spec->present || spec->empty || spec->has_macro || !spec->len)
		return 0;
	const char *s = spec->text;
	size_t len = spec->len;
	if (memchr(s, '%', len))
		return 0;
	if (s[len - 1] == '.')
		len--;
	size_t o = 0, start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '.')
			continue;
		size_t ll = i - start;
		if (ll == 0 || ll > 63 || o + 1 + ll + 1 > 255)
			return 0;
		out[o++] = (uint8_t)ll;
		for (size_t k = start; k < i; k++)
			out[o++] = (uint8_t)((s[k] >= 'A' && s[k] <= 'Z') ? s[k] + 32 : s[k]);
		start = i + 1;
	}
	out[o++] = 0;
	return o;
}

const char *zl_spf_name_text(zl_arena_t *arena, const uint8_t *wire, size_t len)
{
	char buf[ZL_NAME_STRLEN];
	zl_wire_name_str(wire, len, buf);
	size_t l = strlen(buf);
	if (l > 1 && buf[l - 1] == '.')
		buf[--l] = '\0';
	return zl_arena_strndup(arena, buf, l);
}

static const char *node_text(zl_arena_t *a, const zl_node_t *n)
{
	uint8_t w[ZL_WIRE_MAX];
	return zl_spf_name_text(a, zl_node_wire(n, w), n->wirelen);
}

/* ---- the include/redirect graph ------------------------------------------------ */

#define EDGE_REDIRECT 0x80000000u

/* The entry a term's target resolves to, or NULL (macros, unknown, NXDOMAIN). */
static zl_spfname_t *target_of(zl_spfdb_t *db, const zl_spf_term_t *t)
{
	uint8_t w[256];
	size_t wl = zl_spf_spec_wire(&t->domain, w);
	if (!wl)
		return NULL;
	zl_spf_answer_t ans;
	zl_spf_resolve(db->ctx->set, w, wl, true, &ans);
	if (ans.kind != ZL_SPF_ANS_NODE)
		return NULL;
	return zl_spfdb_get(db, ans.node, ans.zone);
}

typedef struct tarjan {
	uint32_t *index, *low, *stack, *cs_v, *cs_e;
	bool *on;
	uint32_t sp, csp, counter, scc;
} tarjan_t;

static void strongconnect(zl_spfdb_t *db, tarjan_t *tj, uint32_t root)
{
	tj->cs_v[0] = root;
	tj->cs_e[0] = 0;
	tj->csp = 1;
	tj->index[root] = tj->low[root] = tj->counter++;
	tj->stack[tj->sp++] = root;
	tj->on[root] = true;
	while (tj->csp) {
		uint32_t v = tj->cs_v[tj->csp - 1];
		zl_spfname_t *sv = db->v[v];
		if (tj->cs_e[tj->csp - 1] < sv->nedges) {
			uint32_t w = sv->edges[tj->cs_e[tj->csp - 1]++] & ~EDGE_REDIRECT;
			if (w == v)
				sv->on_cycle = true;
			if (tj->index[w] == UINT32_MAX) {
				tj->index[w] = tj->low[w] = tj->counter++;
				tj->stack[tj->sp++] = w;
				tj->on[w] = true;
				tj->cs_v[tj->csp] = w;
				tj->cs_e[tj->csp++] = 0;
			} else if (tj->on[w] && tj->index[w] < tj->low[v]) {
				tj->low[v] = tj->index[w];
			}
			continue;
		}
		tj->csp--;
		if (tj->low[v] == tj->index[v]) {
			uint32_t size = 0, w;
			size_t first = tj->sp;
			do {
				w = tj->stack[--tj->sp];
				tj->on[w] = false;
				db->v[w]->scc = tj->scc;
				size++;
			} while (w != v);
			if (size > 1)
				for (size_t k = tj->sp; k < first; k++)
					db->v[tj->stack[k]]->on_cycle = true;
			tj->scc++;
		}
		if (tj->csp) {
			uint32_t p = tj->cs_v[tj->csp - 1];
			if (tj->low[v] < tj->low[p])
				tj->low[p] = tj->low[v];
		}
	}
}

typedef struct edgelist {
	uint32_t *v;
	size_t n, cap;
} edgelist_t;

/*
 * The include/redirect targets of one valid record, as receivers reach them:
 * the includes before "all", and redirect= only without "all" (RFC 7208
 * 6.1).  Each gets an entry and is marked; with @p out, the targets with one
 * valid record are listed as edges.
 */
static void add_targets(zl_spfdb_t *db, const zl_spf_record_t *r, edgelist_t *out)
{
	bool all = false;
	for (size_t k = 0; k <= r->n_terms; k++) {
		const zl_spf_term_t *t;
		bool redirect = false;
		if (k < r->n_terms) {
			t = &r->terms[k];
			if (t->kind == ZL_SPF_ALL) {
				all = true;
				k = r->n_terms - 1;
				continue;
			}
			if (t->kind != ZL_SPF_INCLUDE)
				continue;
		} else {
			/* redirect= is ignored when there is "all" (RFC 7208 6.1) */
			if (all || r->redirect < 0)
				break;
			t = &r->terms[r->redirect];
			redirect = true;
		}
		zl_spfname_t *tg = target_of(db, t);
		if (!tg)
			continue;
		if (redirect)
			tg->redirect_target = true;
		else
			tg->include_target = true;
		if (!out || tg->nspf != 1 || zl_spfdb_invalid(db, tg))
			continue;
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 16;
			out->v = zl_xrealloc(out->v, out->cap * sizeof(*out->v));
		}
		out->v[out->n++] = tg->idx | (redirect ? EDGE_REDIRECT : 0);
	}
}

void zl_spf_graph(zl_spfdb_t *db)
{
	zl_ctx_t *ctx = db->ctx;
	zl_arena_t *a = &ctx->scratch;
	/* every record with its name's single, valid SPF record: find the
	 * targets (each parse is forgotten at once) */
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		if (!zl_node_has(n, ZL_TYPE_TXT))
			continue;
		const zl_zone_t *z = zl_spf_auth_zone(ctx->set, n);
		if (!z)
			continue;
		zl_spfname_t local, *sn = zl_spfdb_find(db, n);
		if (!sn) {
			zl_spf_name_facts(n, z, &local);
			sn = &local;
		}
		if (sn->nspf != 1)
			continue;
		const zl_spf_record_t *r = zl_spfdb_record(db, sn, a);
		if (!sn->invalid)
			add_targets(db, r, NULL);
		zl_arena_reset(a);
	}
	/* the graph among the targets; db->n grows while targets are added:
	 * they get their edges in turn */
	edgelist_t el = {0};
	for (size_t i = 0; i < db->n; i++) {
		zl_spfname_t *sn = db->v[i];
		if (sn->nspf != 1)
			continue;
		const zl_spf_record_t *r = zl_spfdb_record(db, sn, a);
		if (!sn->invalid) {
			el.n = 0;
			add_targets(db, r, &el);
			if (el.n) {
				sn->edges = zl_arena_memdup(&db->keep, el.v, el.n * sizeof(*el.v));
				sn->nedges = (uint32_t)el.n;
			}
		}
		zl_arena_reset(a);
	}
	free(el.v);
	size_t n = db->n;
	if (!n)
		return;
	tarjan_t tj = {0};
	tj.index = zl_xmalloc(n * sizeof(uint32_t));
	tj.low = zl_xmalloc(n * sizeof(uint32_t));
	tj.stack = zl_xmalloc(n * sizeof(uint32_t));
	tj.cs_v = zl_xmalloc(n * sizeof(uint32_t));
	tj.cs_e = zl_xmalloc(n * sizeof(uint32_t));
	tj.on = zl_xcalloc(n, sizeof(bool));
	memset(tj.index, 0xff, n * sizeof(uint32_t));
	for (uint32_t v = 0; v < n; v++)
		if (tj.index[v] == UINT32_MAX)
			strongconnect(db, &tj, v);
	free(tj.index);
	free(tj.low);
	free(tj.stack);
	free(tj.cs_v);
	free(tj.cs_e);
	free(tj.on);
}

/* A list of names joined by " -> ", long ones shortened in the middle. */
static const char *join_names(zl_arena_t *a, const char *const *names, size_t n)
{
	char *s = zl_arena_strdup(a, "");
	for (size_t i = 0; i < n; i++) {
		if (n > 12 && i == 4) {
			s = zl_arena_printf(a, "%s -> ... (%zu more) ...", s, n - 10);
			i = n - 7;
			continue;
		}
		s = zl_arena_printf(a, "%s%s%s", s, i ? " -> " : "", names[i]);
	}
	return s;
}

/*
 * The entries on loops in the order the checks visit the names that hold TXT
 * records (node order), then the others (outside the linted zones) in
 * creation order: the findings come out in the order of the names.
 */
static uint32_t *loop_order(const zl_spfdb_t *db, size_t *count)
{
	const zl_zoneset_t *set = db->ctx->set;
	size_t m = 0, k = 0;
	for (size_t i = 0; i < db->n; i++)
		m += db->v[i]->on_cycle && db->v[i]->rr;
	*count = m;
	if (!m)
		return NULL;
	uint32_t *out = zl_xmalloc(m * sizeof(*out));
	bool *done = zl_xcalloc(db->n, sizeof(*done));
	for (const zl_node_t *n = zl_zoneset_nodes(set); n && k < m; n = zl_node_next(n)) {
		const zl_spfname_t *sn = zl_spfdb_find(db, n);
		if (!sn || !sn->on_cycle || !sn->rr || !zl_node_has(n, ZL_TYPE_TXT) ||
		    !zl_spf_auth_zone(set, n))
			continue;
		out[k++] = sn->idx;
		done[sn->idx] = true;
	}
	for (size_t i = 0; i < db->n && k < m; i++)
		if (db->v[i]->on_cycle && db->v[i]->rr && !done[i])
			out[k++] = (uint32_t)i;
	free(done);
	return out;
}

void zl_spf_report_loops(zl_spfdb_t *db)
{
	zl_ctx_t *ctx = db->ctx;
	zl_arena_t *a = &ctx->scratch;
	size_t n = db->n;
	if (!zl_rule_enabled(ctx, ZL_R_SPF_LOOP) || !n)
		return;
	size_t m;
	uint32_t *order = loop_order(db, &m);
	if (!order)
		return;
	uint32_t *mark = zl_xcalloc(n, sizeof(uint32_t));
	uint32_t *from = zl_xmalloc(n * sizeof(uint32_t));
	uint32_t *queue = zl_xmalloc(n * sizeof(uint32_t));
	uint32_t gen = 0;
	size_t budget = LOOP_BUDGET;
	for (size_t i = 0; i < m; i++) {
		const zl_spfname_t *sn = db->v[order[i]];
		/* breadth first within the loop's component: the shortest way back */
		gen++;
		uint32_t qh = 0, qt = 0, last = UINT32_MAX;
		queue[qt++] = sn->idx;
		mark[sn->idx] = gen;
		while (qh < qt && last == UINT32_MAX && budget) {
			uint32_t v = queue[qh++];
			const zl_spfname_t *sv = db->v[v];
			for (uint32_t e = 0; e < sv->nedges && budget; e++, budget--) {
				uint32_t w = sv->edges[e] & ~EDGE_REDIRECT;
				if (w == sn->idx) {
					last = v;
					break;
				}
				if (mark[w] != gen && db->v[w]->scc == sn->scc) {
					mark[w] = gen;
					from[w] = v;
					queue[qt++] = w;
				}
			}
		}
		const char *msg;
		if (last == UINT32_MAX) {
			msg = zl_arena_printf(a,
			                      "'%s' is on an include loop (the loop is too long "
			                      "to show)",
			                      node_text(a, sn->node));
		} else {
			size_t len = 1;
			for (uint32_t v = last; v != sn->idx; v = from[v])
				len++;
			const char **names = zl_arena_alloc(a, (len + 1) * sizeof(*names));
			names[len] = node_text(a, sn->node);
			size_t k = len;
			for (uint32_t v = last;; v = from[v]) {
				names[--k] = node_text(a, db->v[v]->node);
				if (v == sn->idx)
					break;
			}
			msg = zl_arena_printf(a, "include loop: %s", join_names(a, names, len + 1));
		}
		zl_emit(ctx, ZL_R_SPF_LOOP, sn->rr,
		        "%s; receivers follow it until the limit of %u DNS lookups and return "
		        "permerror (RFC 7208 section 4.6.4)",
		        msg, ZL_SPF_LOOKUP_LIMIT);
	}
	free(mark);
	free(from);
	free(queue);
	free(order);
}

/* ---- one evaluation -------------------------------------------------------------- */

typedef struct vnote {
	const char *term; /* the term, escaped, with where it is */
	const char *why;
	unsigned fam; /* FAM4 | FAM6: the senders for which it is void */
	bool missing; /* the name has nothing the term asks for */
} vnote_t;

typedef struct problem {
	zl_rule_id_t rule;
	const char *key; /* to report each problem once */
	const char *msg;
} problem_t;

typedef struct frame {
	const zl_spfname_t *sn;
	const zl_spf_record_t *rec; /* its record */
	const char *name;           /* the domain being evaluated, for chains */
} frame_t;

typedef struct ev {
	zl_spfdb_t *db;
	zl_ctx_t *ctx;
	zl_arena_t *a;
	const zl_spfname_t *top;
	frame_t fr[FRAMES];
	unsigned depth;
	unsigned lookups;
	bool over, stop, over_cycle;
	const char *over_chain, *over_term;
	const char *unknown[4];
	unsigned nunknown;
	unsigned void4, void6;
	vnote_t notes[MAX_NOTES];
	unsigned nnotes, nnotes_lost;
	problem_t probs[MAX_NOTES];
	unsigned nprobs;
	const char *loop;
} ev_t;

static const char *chain(ev_t *e, const char *extra)
{
	const char *names[FRAMES + 1];
	size_t n = 0;
	for (unsigned i = 0; i < e->depth; i++)
		names[n++] = e->fr[i].name;
	if (extra)
		names[n++] = extra;
	return join_names(e->a, names, n);
}

/* "chain; " when the current record is not the top one, else "". */
static const char *via(ev_t *e)
{
	return e->depth > 1 ? zl_arena_printf(e->a, "%s; ", chain(e, NULL)) : "";
}

/* The term for messages: 'include:x', with the record holding it when nested. */
static const char *where(ev_t *e, const zl_spf_record_t *r, size_t i)
{
	const char *t = zl_spf_term_str(r, i, 80, e->a);
	if (e->depth <= 1)
		return zl_arena_printf(e->a, "'%s'", t);
	return zl_arena_printf(e->a, "'%s' in %s", t, e->fr[e->depth - 1].name);
}

static void passed(ev_t *e, const char *term, const char *extra)
{
	if (!e->over && e->lookups > ZL_SPF_LOOKUP_LIMIT) {
		e->over = true;
		e->over_chain = chain(e, extra);
		e->over_term = term;
		for (unsigned i = 0; i < e->depth; i++)
			e->over_cycle |= e->fr[i].sn->on_cycle;
	}
	if (e->lookups >= COUNT_CAP)
		e->stop = true;
}

/* One term that costs a lookup; false when counting has stopped. */
static bool count(ev_t *e, const zl_spf_record_t *r, size_t i)
{
	if (e->stop)
		return false;
	e->lookups++;
	passed(e, zl_spf_term_str(r, i, 80, e->a), NULL);
	return true;
}

static void note_void(ev_t *e, const char *term, const char *why, unsigned fam, bool missing)
{
	if (e->over)
		return; /* receivers have stopped before this */
	if (fam & FAM4)
		e->void4++;
	if (fam & FAM6)
		e->void6++;
	if (e->nnotes == MAX_NOTES) {
		e->nnotes_lost++;
		return;
	}
	e->notes[e->nnotes++] = (vnote_t){term, why, fam, missing};
}

static void problem(ev_t *e, zl_rule_id_t rule, const char *key, const char *msg)
{
	if (e->over || e->nprobs == MAX_NOTES)
		return;
	for (unsigned i = 0; i < e->nprobs; i++)
		if (e->probs[i].rule == rule && !strcmp(e->probs[i].key, key))
			return;
	e->probs[e->nprobs++] = (problem_t){rule, key, msg};
}

static const zl_spf_external_t *external(const zl_config_t *c, const char *absname)
{
	for (unsigned i = 0; c && i < c->nspf_external; i++)
		if (!strcmp(c->spf_external[i].name, absname))
			return &c->spf_external[i];
	return NULL;
}

static void unknown_cost(ev_t *e, const char *what)
{
	for (unsigned i = 0; i < e->nunknown; i++)
		if (!strcmp(e->unknown[i], what))
			return;
	if (e->nunknown < ZL_ARRAY_SIZE(e->unknown))
		e->unknown[e->nunknown++] = what;
}

/* Target of a/mx/exists: the domain-spec, or the current domain. */
static size_t term_target(ev_t *e, const zl_spf_term_t *t, uint8_t *w)
{
	if (t->domain.present)
		return zl_spf_spec_wire(&t->domain, w);
	const zl_node_t *n = e->fr[e->depth - 1].sn->node;
	zl_node_wire(n, w);
	return n->wirelen;
}

static void walk(ev_t *e, zl_spfname_t *sn, const zl_spf_record_t *r, const char *name);

/* include: or redirect=: count done; follow the target. */
static void follow(ev_t *e, const zl_spf_record_t *r, size_t i, bool redirect)
{
	const zl_spf_term_t *t = &r->terms[i];
	uint8_t w[256];
	size_t wl = zl_spf_spec_wire(&t->domain, w);
	const char *kind = redirect ? "redirect" : "include";
	const char *sect = redirect ? "6.1" : "5.2";
	if (!wl) {
		unknown_cost(e, zl_arena_printf(e->a, "'%s' (it has macros, resolved per sender)",
		                                zl_spf_term_str(r, i, 80, e->a)));
		return;
	}
	const char *tname = zl_spf_name_text(e->a, w, wl);
	zl_spf_answer_t ans;
	zl_spf_resolve(e->ctx->set, w, wl, true, &ans);
	if (ans.kind == ZL_SPF_ANS_UNKNOWN) {
		char abs[ZL_NAME_STRLEN];
		zl_wire_name_str(w, wl, abs);
		const zl_spf_external_t *x = external(e->ctx->config, abs);
		if (!x) {
			unknown_cost(e, zl_arena_printf(e->a, "'%s' (outside the loaded zones)",
			                                tname));
			return;
		}
		for (unsigned c = 0; c < x->cost && !e->stop; c++) {
			e->lookups++;
			passed(e,
			       zl_arena_printf(e->a, "%s%c%s (cost %u from the config)", kind,
			                       redirect ? '=' : ':', tname, x->cost),
			       tname);
		}
		return;
	}
	zl_spfname_t *tg =
	    ans.kind == ZL_SPF_ANS_NODE ? zl_spfdb_get(e->db, ans.node, ans.zone) : NULL;
	const char *what = NULL;
	if (tg && tg->ntxt == 0 && !zl_spf_empty(&ans, ZL_TYPE_TXT)) {
		unknown_cost(e, zl_arena_printf(e->a, "'%s' (not in the snapshot)", tname));
		return;
	}
	if (!tg || tg->ntxt == 0) {
		note_void(e, where(e, r, i), tg ? "no TXT record" : "no such name", FAM4 | FAM6,
		          true);
		what = tg ? "has no TXT record at all" : "does not exist";
	} else if (tg->nspf == 0) {
		what = zl_arena_printf(e->a, "has no SPF record (only %u other TXT record%s)",
		                       tg->ntxt, tg->ntxt == 1 ? "" : "s");
	} else if (tg->nspf > 1) {
		what = zl_arena_printf(e->a, "has %u SPF records (line %u and others)", tg->nspf,
		                       tg->rr->line);
	} else if (zl_spfdb_invalid(e->db, tg)) {
		what = zl_arena_printf(e->a, "has an invalid SPF record (line %u: %s)",
		                       tg->rr->line,
		                       zl_spfdb_record(e->db, tg, e->a)->errors[0].message);
	}
	if (what) {
		problem(e, ZL_R_SPF_INCLUDE_INVALID, tname,
		        zl_arena_printf(e->a,
		                        "%s target '%s' %s: receivers return permerror for "
		                        "the whole evaluation (%s; RFC 7208 section %s)",
		                        kind, tname, what, chain(e, tname), sect));
		return;
	}
	for (unsigned k = 0; k < e->depth; k++)
		if (e->fr[k].sn == tg) {
			if (!e->loop && !e->top->on_cycle)
				e->loop = zl_arena_printf(e->a,
				                          "SPF evaluation runs into an "
				                          "include loop: %s",
				                          chain(e, tname));
			return;
		}
	walk(e, tg, NULL, tname);
}

/* Why a lookup is void; a term without a domain-spec looks up the domain
 * being evaluated, which after redirect= is the redirect's target (RFC 7208
 * section 6.1), so name it. */
static const char *implicit(ev_t *e, const zl_spf_term_t *t, const uint8_t *w, size_t wl,
                            const char *why)
{
	if (t->domain.present)
		return why;
	return zl_arena_printf(e->a, "%s at '%s', the domain being evaluated", why,
	                       zl_spf_name_text(e->a, w, wl));
}

static void eval_a(ev_t *e, const zl_spf_record_t *r, size_t i)
{
	const zl_spf_term_t *t = &r->terms[i];
	uint8_t w[256];
	size_t wl = term_target(e, t, w);
	zl_spf_answer_t ans;
	if (!wl)
		return;
	zl_spf_resolve(e->ctx->set, w, wl, true, &ans);
	if (ans.kind == ZL_SPF_ANS_UNKNOWN)
		return;
	if (ans.kind == ZL_SPF_ANS_NXDOMAIN) {
		note_void(e, where(e, r, i), implicit(e, t, w, wl, "no such name"), FAM4 | FAM6,
		          true);
		return;
	}
	bool no4 = zl_spf_empty(&ans, ZL_TYPE_A), no6 = zl_spf_empty(&ans, ZL_TYPE_AAAA);
	if (no4 && no6)
		note_void(e, where(e, r, i), implicit(e, t, w, wl, "no A or AAAA record"),
		          FAM4 | FAM6, true);
	else if (no4)
		note_void(e, where(e, r, i), implicit(e, t, w, wl, "no A record"), FAM4, false);
	else if (no6)
		note_void(e, where(e, r, i), implicit(e, t, w, wl, "no AAAA record"), FAM6, false);
}

static int cmp_mx(const void *pa, const void *pb)
{
	const zl_rr_t *a = *(const zl_rr_t *const *)pa, *b = *(const zl_rr_t *const *)pb;
	unsigned x = (unsigned)zl_rr_rdata(a)[0] << 8 | zl_rr_rdata(a)[1];
	unsigned y = (unsigned)zl_rr_rdata(b)[0] << 8 | zl_rr_rdata(b)[1];
	return x < y ? -1 : x > y;
}

static void eval_mx(ev_t *e, const zl_spf_record_t *r, size_t i)
{
	const zl_spf_term_t *t = &r->terms[i];
	uint8_t w[256];
	size_t wl = term_target(e, t, w);
	zl_spf_answer_t ans;
	if (!wl)
		return;
	zl_spf_resolve(e->ctx->set, w, wl, true, &ans);
	if (ans.kind == ZL_SPF_ANS_UNKNOWN)
		return;
	const char *tname = zl_spf_name_text(e->a, w, wl);
	unsigned nmx =
	    ans.kind == ZL_SPF_ANS_NODE ? zl_spf_count(ans.node, ans.zone, ZL_TYPE_MX) : 0;
	if (!nmx) {
		if (!zl_spf_empty(&ans, ZL_TYPE_MX))
			return; /* a snapshot that did not look */
		note_void(e, where(e, r, i),
		          implicit(e, t, w, wl,
		                   ans.kind == ZL_SPF_ANS_NODE ? "no MX record" : "no such name"),
		          FAM4 | FAM6, true);
		return;
	}
	if (nmx > ZL_SPF_MX_LIMIT) {
		problem(e, ZL_R_SPF_MX_LIMIT, tname,
		        zl_arena_printf(e->a,
		                        "%s finds %u MX records at '%s', over the limit of "
		                        "%u: receivers return permerror (%sRFC 7208 section "
		                        "4.6.4)",
		                        where(e, r, i), nmx, tname, ZL_SPF_MX_LIMIT, via(e)));
		return; /* receivers stop here (pyspf too) */
	}
	/* the hosts in preference order, as receivers look them up */
	const zl_rr_t *mx[ZL_SPF_MX_LIMIT];
	unsigned k = 0;
	for (const zl_rr_t *rr = zl_node_first(ans.node, ZL_TYPE_MX); rr && k < nmx;
	     rr = zl_rr_next_same(rr))
		if (zl_rr_zone(rr) == ans.zone && !rr->opaque && rr->rdlen >= 3)
			mx[k++] = rr;
	qsort(mx, k, sizeof(*mx), cmp_mx);
	for (unsigned m = 0; m < k; m++) {
		size_t hl = zl_wire_name_len(zl_rr_rdata(mx[m]) + 2, mx[m]->rdlen - 2u);
		if (hl <= 1)
			continue; /* null MX (RFC 7505): nothing to look up */
		zl_spf_answer_t h;
		zl_spf_resolve(e->ctx->set, zl_rr_rdata(mx[m]) + 2, hl, true, &h);
		if (h.kind == ZL_SPF_ANS_UNKNOWN)
			continue;
		const char *hname = zl_spf_name_text(e->a, zl_rr_rdata(mx[m]) + 2, hl);
		unsigned n4 = 0, n6 = 0;
		if (h.kind == ZL_SPF_ANS_NODE) {
			n4 = zl_spf_count(h.node, h.zone, ZL_TYPE_A);
			n6 = zl_spf_count(h.node, h.zone, ZL_TYPE_AAAA);
		}
		bool no4 = zl_spf_empty(&h, ZL_TYPE_A), no6 = zl_spf_empty(&h, ZL_TYPE_AAAA);
		const char *why = NULL;
		unsigned fam = 0;
		if (h.kind == ZL_SPF_ANS_NXDOMAIN) {
			why = "MX host '%s' does not exist";
			fam = FAM4 | FAM6;
		} else if (no4 && no6) {
			why = "MX host '%s' has no A or AAAA record";
			fam = FAM4 | FAM6;
		} else if (no4) {
			why = "MX host '%s' has no A record";
			fam = FAM4;
		} else if (no6) {
			why = "MX host '%s' has no AAAA record";
			fam = FAM6;
		}
		if (why)
			note_void(e, where(e, r, i), zl_arena_printf(e->a, why, hname), fam,
			          fam == (FAM4 | FAM6));
		if (n4 > ZL_SPF_MX_LIMIT || n6 > ZL_SPF_MX_LIMIT)
			problem(
			    e, ZL_R_SPF_MX_LIMIT, hname,
			    zl_arena_printf(e->a,
			                    "%s: MX host '%s' has %u %s records, over the "
			                    "limit of %u address records per MX record: receivers "
			                    "return permerror (%sRFC 7208 section 4.6.4)",
			                    where(e, r, i), hname, n4 > n6 ? n4 : n6,
			                    n4 > n6 ? "A" : "AAAA", ZL_SPF_MX_LIMIT, via(e)));
	}
}

static void eval_exists(ev_t *e, const zl_spf_record_t *r, size_t i)
{
	const zl_spf_term_t *t = &r->terms[i];
	uint8_t w[256];
	size_t wl = zl_spf_spec_wire(&t->domain, w);
	zl_spf_answer_t ans;
	if (!wl)
		return; /* macros: depends on the sender */
	zl_spf_resolve(e->ctx->set, w, wl, true, &ans);
	if (ans.kind == ZL_SPF_ANS_UNKNOWN)
		return;
	/* exists always asks for A records (RFC 7208 section 5.7) */
	if (ans.kind == ZL_SPF_ANS_NXDOMAIN)
		note_void(e, where(e, r, i), "no such name", FAM4 | FAM6, true);
	else if (zl_spf_empty(&ans, ZL_TYPE_A))
		note_void(e, where(e, r, i), "no A record", FAM4 | FAM6, true);
}

static void walk(ev_t *e, zl_spfname_t *sn, const zl_spf_record_t *r, const char *name)
{
	if (e->depth == FRAMES)
		return;
	if (!r)
		r = zl_spfdb_record(e->db, sn, e->a);
	e->fr[e->depth++] = (frame_t){sn, r, name};
	bool all = false;
	for (size_t i = 0; i < r->n_terms && !e->stop; i++) {
		const zl_spf_term_t *t = &r->terms[i];
		if (t->kind == ZL_SPF_ALL) {
			all = true; /* RFC 7208 5.1: nothing after it is evaluated */
			break;
		}
		if (t->kind == ZL_SPF_REDIRECT || !zl_spf_term_costs_lookup(t))
			continue;
		if (!count(e, r, i))
			break;
		switch (t->kind) {
		case ZL_SPF_INCLUDE:
			follow(e, r, i, false);
			break;
		case ZL_SPF_A:
			eval_a(e, r, i);
			break;
		case ZL_SPF_MX:
			eval_mx(e, r, i);
			break;
		case ZL_SPF_PTR:
			/* the sender's PTR query finds nothing when it has no
			 * reverse DNS, and that is a void lookup */
			note_void(e, where(e, r, i), "for senders without reverse DNS",
			          FAM4 | FAM6, false);
			break;
		case ZL_SPF_EXISTS:
			eval_exists(e, r, i);
			break;
		default:
			break;
		}
	}
	if (r->redirect >= 0 && !e->stop) {
		/* with "all" present the redirect must be ignored (RFC 7208 6.1),
		 * but pyspf still counts it: count, do not follow */
		if (count(e, r, (size_t)r->redirect) && !all)
			follow(e, r, (size_t)r->redirect, true);
	}
	e->depth--;
}

static const char *void_list(ev_t *e, unsigned fam, bool missing_only)
{
	char *s = zl_arena_strdup(e->a, "");
	unsigned shown = 0, total = 0;
	for (unsigned i = 0; i < e->nnotes; i++) {
		const vnote_t *v = &e->notes[i];
		if (!(v->fam & fam) || (missing_only && !v->missing))
			continue;
		total++;
		if (shown == 6)
			continue;
		s = zl_arena_printf(e->a, "%s%s%s (%s)", s, shown ? ", " : "", v->term, v->why);
		shown++;
	}
	total += e->nnotes_lost;
	if (total > shown)
		s = zl_arena_printf(e->a, "%s and %u more", s, total - shown);
	return s;
}

static void report_voids(ev_t *e, const zl_rr_t *rr)
{
	zl_ctx_t *ctx = e->ctx;
	unsigned fam =
	    (e->void4 > ZL_SPF_VOID_LIMIT ? FAM4 : 0) | (e->void6 > ZL_SPF_VOID_LIMIT ? FAM6 : 0);
	if (fam) {
		bool every = e->void4 == e->void6;
		for (unsigned i = 0; i < e->nnotes && every; i++)
			every = e->notes[i].fam == (FAM4 | FAM6);
		const char *who = fam == FAM4   ? "IPv4 senders"
		                  : fam == FAM6 ? "IPv6 senders"
		                  : every       ? "every sender"
		                                : "IPv4 and IPv6 senders";
		unsigned n = fam == FAM4           ? e->void4
		             : fam == FAM6         ? e->void6
		             : e->void4 > e->void6 ? e->void4
		                                   : e->void6;
		zl_emit(ctx, ZL_R_SPF_VOID_LIMIT, rr,
		        "SPF evaluation makes %u void DNS lookups for %s, over the limit of %u: "
		        "%s; receivers return permerror (RFC 7208 section 4.6.4)",
		        n, who, ZL_SPF_VOID_LIMIT, void_list(e, fam, false));
		return;
	}
	unsigned missing = 0;
	for (unsigned i = 0; i < e->nnotes; i++)
		missing += e->notes[i].missing;
	if (missing == 1)
		zl_emit(ctx, ZL_R_SPF_VOID_LOOKUP, rr,
		        "void lookup: %s never matches; receivers return permerror from the "
		        "third void lookup (RFC 7208 section 4.6.4)",
		        void_list(e, FAM4 | FAM6, true));
	else if (missing)
		zl_emit(ctx, ZL_R_SPF_VOID_LOOKUP, rr,
		        "%u void lookups: %s never match; receivers return permerror from the "
		        "third void lookup (RFC 7208 section 4.6.4)",
		        missing, void_list(e, FAM4 | FAM6, true));
}

void zl_spf_evaluate(zl_spfdb_t *db, zl_spfname_t *sn, const zl_spf_record_t *rec)
{
	zl_ctx_t *ctx = db->ctx;
	/* everything an evaluation allocates is its own: messages are copied
	 * into the findings when emitted, so the space is reused for the next */
	zl_arena_reset(&db->eval);
	ev_t *e = zl_arena_calloc(&db->eval, sizeof(*e));
	e->db = db;
	e->ctx = ctx;
	e->a = &db->eval;
	e->top = sn;
	walk(e, sn, rec, node_text(e->a, sn->node));
	const zl_rr_t *rr = sn->rr;
	const char *unk = NULL;
	if (e->nunknown) {
		unk = e->unknown[0];
		for (unsigned i = 1; i < e->nunknown; i++)
			unk = zl_arena_printf(e->a, "%s%s%s", unk,
			                      i + 1 == e->nunknown ? " and " : ", ", e->unknown[i]);
	}
	if (sn->on_cycle) {
		/* zl_spf_report_loops() said it */
	} else if (e->loop) {
		zl_emit(ctx, ZL_R_SPF_LOOP, rr,
		        "%s; receivers follow it until the limit of %u DNS lookups and return "
		        "permerror (RFC 7208 section 4.6.4)",
		        e->loop, ZL_SPF_LOOKUP_LIMIT);
	} else if (e->over && e->over_cycle) {
		zl_emit(ctx, ZL_R_SPF_LOOP, rr,
		        "SPF evaluation runs into an include loop and goes over the limit of %u "
		        "DNS lookups: %s: %u lookups; receivers return permerror (RFC 7208 "
		        "section 4.6.4)",
		        ZL_SPF_LOOKUP_LIMIT, e->over_chain, ZL_SPF_LOOKUP_LIMIT + 1);
	} else if (e->over) {
		zl_emit(ctx, ZL_R_SPF_LOOKUP_LIMIT, rr,
		        "SPF evaluation needs %s%u DNS lookups, over the limit of %u: %s: %u "
		        "lookups at '%s'; receivers return permerror (RFC 7208 section 4.6.4)",
		        e->stop || unk ? "at least " : "", e->lookups, ZL_SPF_LOOKUP_LIMIT,
		        e->over_chain, ZL_SPF_LOOKUP_LIMIT + 1, e->over_term);
	} else if (e->lookups + 1 >= ZL_SPF_LOOKUP_LIMIT) {
		if (unk)
			zl_emit(
			    ctx, ZL_R_SPF_LOOKUP_NEAR_LIMIT, rr,
			    "SPF evaluation needs %u DNS lookups of the %u allowed, plus what %s "
			    "costs: %s makes receivers return permerror (RFC 7208 section "
			    "4.6.4)",
			    e->lookups, ZL_SPF_LOOKUP_LIMIT, unk,
			    e->lookups == ZL_SPF_LOOKUP_LIMIT ? "any lookup there"
			                                      : "more than one lookup there");
		else
			zl_emit(ctx, ZL_R_SPF_LOOKUP_NEAR_LIMIT, rr,
			        "SPF evaluation needs %u DNS lookups of the %u allowed: %s makes "
			        "receivers return permerror (RFC 7208 section 4.6.4)",
			        e->lookups, ZL_SPF_LOOKUP_LIMIT,
			        e->lookups == ZL_SPF_LOOKUP_LIMIT
			            ? "any further lookup"
			            : "one more include (a provider's record "
			              "usually costs several lookups)");
	} else if (unk) {
		zl_emit(ctx, ZL_R_SPF_LOOKUP_UNKNOWN, rr,
		        "SPF evaluation needs at least %u DNS lookup%s of the %u allowed; what %s "
		        "costs is unknown offline: give its cost under spf: external: in the "
		        "config, or load its zone",
		        e->lookups, e->lookups == 1 ? "" : "s", ZL_SPF_LOOKUP_LIMIT, unk);
	}
	report_voids(e, rr);
	for (unsigned i = 0; i < e->nprobs; i++)
		zl_emit(ctx, e->probs[i].rule, rr, "%s", e->probs[i].msg);
}
