/* zonelint: what is known about names outside the loaded zones (snapshots, --resolve).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "external.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ldns/ldns.h>

#include "config.h"
#include "dmarc.h"
#include "findings.h"
#include "ptrmap.h"
#include "rules.h"
#include "spf.h"
#include "util.h"

/* ---- the external zone --------------------------------------------------- */

zl_zone_t *zl_external_zone(zl_zoneset_t *set, uint16_t file)
{
	for (zl_zone_t *z = set->zones; z; z = z->next)
		if (z->external)
			return z;
	static const uint8_t root[1] = { 0 };
	zl_node_t *apex = zl_zoneset_intern(set, root, 1);
	if (apex->is_apex)
		return NULL; /* the root zone itself is loaded: nothing is outside it */
	zl_zone_t *z = zl_zoneset_add_zone(set, apex, file);
	set->nzones--; /* the totals count the zones linted */
	z->external = true;
	z->ext = zl_arena_calloc(&set->arena, sizeof(*z->ext));
	return z;
}

bool zl_external_is_snapshot(const char *data, size_t len)
{
	size_t ml = sizeof(ZL_SNAPSHOT_MAGIC) - 1;
	return data && len >= ml && !memcmp(data, ZL_SNAPSHOT_MAGIC, ml) &&
	       (len == ml || data[ml] == '\n' || data[ml] == '\r');
}

/* ---- negative answers: an open-addressing table in the set's arena ------- */

static size_t mark_slot(const zl_external_t *x, const zl_node_t *node)
{
	size_t h = (size_t)((uintptr_t)node >> 3) * 2654435761u;
	size_t mask = x->mark_cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask)
		if (!x->mark_key[i] || x->mark_key[i] == node)
			return i;
}

static void mark(zl_zoneset_t *set, zl_external_t *x, const zl_node_t *node, unsigned bits)
{
	if ((x->nmarks + 1) * 2 > x->mark_cap) {
		zl_external_t old = *x;
		x->mark_cap = old.mark_cap ? old.mark_cap * 2 : 64;
		x->mark_key = zl_arena_calloc(&set->arena, x->mark_cap * sizeof(*x->mark_key));
		x->mark_val = zl_arena_calloc(&set->arena, x->mark_cap);
		for (size_t i = 0; i < old.mark_cap; i++)
			if (old.mark_key[i]) {
				size_t s = mark_slot(x, old.mark_key[i]);
				x->mark_key[s] = old.mark_key[i];
				x->mark_val[s] = old.mark_val[i];
			}
	}
	size_t s = mark_slot(x, node);
	if (!x->mark_key[s]) {
		x->mark_key[s] = node;
		x->nmarks++;
	}
	x->mark_val[s] |= (uint8_t)bits;
}

/* Which type a ZL_EXT_NODATA mark is for: one bit each for the types the
 * checks ask about, one for the rest. */
static unsigned type_bit(uint16_t type)
{
	switch (type) {
	case ZL_TYPE_A: return 4u;
	case ZL_TYPE_AAAA: return 8u;
	case ZL_TYPE_MX: return 16u;
	case ZL_TYPE_TXT: return 32u;
	case ZL_TYPE_CNAME: return 64u;
	default: return 128u;
	}
}

static unsigned marks_of(const zl_zone_t *zone, const zl_node_t *node)
{
	if (!zone || !zone->ext || !node || !zone->ext->mark_cap)
		return 0;
	size_t s = mark_slot(zone->ext, node);
	return zone->ext->mark_key[s] ? zone->ext->mark_val[s] : 0;
}

unsigned zl_external_negative(const zl_zone_t *zone, const zl_node_t *node)
{
	return marks_of(zone, node) & (ZL_EXT_NODATA | ZL_EXT_NXDOMAIN);
}

bool zl_external_answered(const zl_zone_t *zone, const zl_node_t *node, uint16_t type)
{
	if (!zone || !node)
		return false;
	for (const zl_rr_t *rr = zl_node_rrs(node); rr; rr = zl_rr_next(rr))
		if (zl_rr_zone(rr) == zone && rr->type == type)
			return true;
	unsigned m = marks_of(zone, node);
	return (m & ZL_EXT_NXDOMAIN) || (m & type_bit(type));
}

bool zl_external_holds(const zl_zone_t *zone, const zl_node_t *node)
{
	if (!zone || !node)
		return false;
	for (const zl_rr_t *rr = zl_node_rrs(node); rr; rr = zl_rr_next(rr))
		if (zl_rr_zone(rr) == zone)
			return true;
	return zl_external_negative(zone, node) != 0;
}

bool zl_external_in_loaded_zone(const zl_zoneset_t *set, const zl_node_t *node)
{
	for (; node; node = zl_node_parent(node))
		if (node->is_apex)
			return !zl_zoneset_apex_zone(set, node)->external;
	return false;
}

void zl_external_finish(zl_zoneset_t *set)
{
	bool any = false;
	for (const zl_zone_t *z = set->zones; z && !any; z = z->next)
		any = z->external;
	if (!any)
		return;
	for (zl_node_t *n = zl_zoneset_nodes(set); n; n = zl_node_next(n)) {
		bool ext = false;
		for (const zl_rr_t *rr = zl_node_rrs(n); rr && !ext; rr = zl_rr_next(rr))
			ext = zl_rr_zone(rr) && zl_rr_zone(rr)->external;
		if (!ext || !zl_external_in_loaded_zone(set, n))
			continue;
		/* the list again, of the records kept */
		zl_rr_t *last = NULL;
		for (zl_rr_t *rr = zl_node_rrs(n), *next; rr; rr = next) {
			next = zl_rr_next(rr);
			if (zl_rr_zone(rr) && zl_rr_zone(rr)->external) {
				zl_rr_zone(rr)->nrecords--;
				set->nrecords--;
				continue;
			}
			if (last)
				last->next_ref = zl_ref_to(last, rr);
			else
				n->rrs_ref = zl_ref_to(n, rr);
			last = rr;
		}
		if (last)
			last->next_ref = 0;
		else
			n->rrs_ref = 0;
	}
	/* a list's last record may be one taken out */
	zl_zoneset_forget_tails(set);
	for (zl_zone_t *z = set->zones; z; z = z->next)
		if (z->external && z->ext && !z->ext->uncounted) {
			set->nrecords -= z->nrecords; /* consulted, not linted */
			z->ext->uncounted = true;
		}
}

/* ---- the snapshot's comment lines ---------------------------------------- */

/* "2026-01-31T12:00:00Z" to seconds since the epoch, or -1. */
static int64_t parse_rfc3339(const char *s, size_t len)
{
	char buf[32];
	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	int y, mo, d, h, mi, se, n = 0;
	if (sscanf(buf, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &se, &n) != 6 ||
	    (size_t)n != len)
		return -1;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60 ||
	    h < 0 || mi < 0 || se < 0)
		return -1;
	struct tm tm = { 0 };
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	time_t t = timegm(&tm);
	return t == (time_t)-1 ? -1 : (int64_t)t;
}

/* The absolute name at the start of @p s; its length in @p used. */
static zl_node_t *name_token(zl_zoneset_t *set, const char *s, size_t len, size_t *used)
{
	size_t i = 0;
	while (i < len && s[i] != ' ' && s[i] != '\t')
		i++;
	*used = i;
	if (i == 0 || i > 1000 || s[i - 1] != '.')
		return NULL;
	char buf[1024];
	memcpy(buf, s, i);
	buf[i] = '\0';
	ldns_rdf *d = NULL;
	if (ldns_str2rdf_dname(&d, buf) != LDNS_STATUS_OK || !d)
		return NULL;
	zl_node_t *n = zl_zoneset_intern(set, ldns_rdf_data(d), ldns_rdf_size(d));
	ldns_rdf_deep_free(d);
	return n;
}

static uint16_t type_token(const char *s, size_t len, size_t *used)
{
	size_t i = 0;
	while (i < len && s[i] != ' ' && s[i] != '\t')
		i++;
	*used = i;
	char buf[24];
	if (i == 0 || i >= sizeof(buf))
		return 0;
	memcpy(buf, s, i);
	buf[i] = '\0';
	return (uint16_t)ldns_get_rr_type_by_name(buf);
}

static size_t skip_blank(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* A "; key: value" line: the value (trimmed) when the key matches. */
static bool keyed(const char *line, size_t len, const char *key, const char **val,
		  size_t *vlen)
{
	size_t kl = strlen(key);
	size_t i = skip_blank(line, len, 1);
	if (len - i < kl || memcmp(line + i, key, kl))
		return false;
	i = skip_blank(line, len, i + kl);
	size_t e = len;
	while (e > i && (line[e - 1] == ' ' || line[e - 1] == '\t' || line[e - 1] == '\r'))
		e--;
	*val = line + i;
	*vlen = e - i;
	return true;
}

void zl_external_read_comments(zl_zoneset_t *set, zl_zone_t *zone, uint16_t file,
			       const char *data, size_t len, bool live)
{
	zl_external_t *x = zone->ext;
	zl_arena_t *a = &set->arena;
	zl_ext_source_t *src = zl_arena_calloc(a, sizeof(*src));
	src->file = file;
	src->live = live;
	src->taken = -1;
	src->has_magic = zl_external_is_snapshot(data, len);
	if (x->sources_tail)
		x->sources_tail->next = src;
	else
		x->sources = src;
	x->sources_tail = src;
	uint32_t lineno = 0;
	for (size_t p = 0; p < len;) {
		const char *line = data + p;
		const char *nl = memchr(line, '\n', len - p);
		size_t ll = nl ? (size_t)(nl - line) : len - p;
		p += ll + 1;
		lineno++;
		if (ll == 0 || line[0] != ';')
			continue;
		const char *v;
		size_t vl;
		if (keyed(line, ll, "taken:", &v, &vl)) {
			src->taken_line = lineno;
			src->taken = parse_rfc3339(v, vl);
			src->taken_text = zl_escape_arena(a, v, vl < 64 ? vl : 64);
		} else if (keyed(line, ll, "resolver:", &v, &vl)) {
			src->resolver = zl_escape_arena(a, v, vl < 128 ? vl : 128);
		} else if (keyed(line, ll, "zonelint-nxdomain:", &v, &vl)) {
			size_t used;
			zl_node_t *n = name_token(set, v, vl, &used);
			if (n)
				mark(set, x, n, ZL_EXT_NXDOMAIN);
		} else if (keyed(line, ll, "zonelint-nodata:", &v, &vl)) {
			size_t used, i;
			zl_node_t *n = name_token(set, v, vl, &used);
			i = skip_blank(v, vl, used);
			uint16_t type = type_token(v + i, vl - i, &used);
			if (n)
				mark(set, x, n, ZL_EXT_NODATA | (type ? type_bit(type) : 0xfcu));
		} else if (keyed(line, ll, "zonelint-lookup-failed:", &v, &vl)) {
			size_t used, i;
			zl_node_t *n = name_token(set, v, vl, &used);
			if (!n)
				continue;
			i = skip_blank(v, vl, used);
			uint16_t type = type_token(v + i, vl - i, &used);
			i = skip_blank(v, vl, i + used);
			zl_ext_failure_t *f = zl_arena_calloc(a, sizeof(*f));
			f->name = n;
			f->type = type;
			f->file = file;
			f->line = lineno;
			f->reason = i < vl ? zl_escape_arena(a, v + i, vl - i < 160 ? vl - i : 160)
					   : "no answer";
			if (x->failures_tail)
				x->failures_tail->next = f;
			else
				x->failures = f;
			x->failures_tail = f;
		}
	}
}

/* ---- what records refer to ------------------------------------------------ */

/* A literal domain-spec as a lower-case wire name; 0 when it is not one. */
static size_t spec_wire(const zl_spf_spec_t *spec, uint8_t *out)
{
	if (!spec->present || spec->empty || spec->has_macro || !spec->len || spec->len > 253)
		return 0;
	char buf[256];
	memcpy(buf, spec->text, spec->len);
	size_t l = spec->len;
	if (buf[l - 1] != '.')
		buf[l++] = '.';
	buf[l] = '\0';
	ldns_rdf *d = NULL;
	if (memchr(buf, '%', l) || memchr(buf, '\\', l) ||
	    ldns_str2rdf_dname(&d, buf) != LDNS_STATUS_OK || !d)
		return 0;
	size_t wl = ldns_rdf_size(d);
	memcpy(out, ldns_rdf_data(d), wl);
	ldns_rdf_deep_free(d);
	for (size_t i = 0; i < wl; i++)
		if (out[i] >= 'A' && out[i] <= 'Z')
			out[i] = (uint8_t)(out[i] + 32);
	return wl;
}

int zl_external_spf_refs(const char *text, size_t len, const uint8_t *owner, size_t ownerlen,
			 zl_arena_t *arena, zl_ext_ref_fn fn, void *arg, const zl_rr_t *rr)
{
	zl_spf_record_t rec;
	if (zl_spf_parse(&rec, text, len, arena) != 0 || rec.n_errors)
		return 0; /* receivers return permerror: nothing is looked up */
	/* RFC 7208 section 4.6: terms after "all" are never reached; redirect=
	 * is used only when no mechanism matched and there is no "all" (6.1) */
	bool all = false;
	for (size_t k = 0; k < rec.n_terms && !all; k++) {
		const zl_spf_term_t *t = &rec.terms[k];
		zl_ext_ref_kind_t kind;
		switch (t->kind) {
		case ZL_SPF_ALL: all = true; continue;
		case ZL_SPF_INCLUDE: kind = ZL_EXT_REF_SPF_INCLUDE; break;
		case ZL_SPF_A: kind = ZL_EXT_REF_SPF_A; break;
		case ZL_SPF_MX: kind = ZL_EXT_REF_SPF_MX; break;
		case ZL_SPF_EXISTS: kind = ZL_EXT_REF_SPF_EXISTS; break;
		default: continue;
		}
		uint8_t w[256];
		size_t wl;
		if (t->domain.present)
			wl = spec_wire(&t->domain, w);
		else if ((wl = ownerlen) != 0)
			memcpy(w, owner, ownerlen);
		if (wl && fn(arg, rr, w, wl, kind))
			return 1;
	}
	if (!all && rec.redirect >= 0) {
		uint8_t w[256];
		size_t wl = spec_wire(&rec.terms[rec.redirect].domain, w);
		if (wl && fn(arg, rr, w, wl, ZL_EXT_REF_SPF_INCLUDE))
			return 1;
	}
	return 0;
}

/* LDH host text (a mailto: domain) to wire; 0 when it does not fit. */
static size_t host_to_wire(const char *s, size_t len, uint8_t *out, size_t cap)
{
	size_t o = 0, i = 0;
	if (len && s[len - 1] == '.')
		len--;
	while (i < len) {
		size_t e = i;
		while (e < len && s[e] != '.')
			e++;
		size_t l = e - i;
		if (l == 0 || l > 63 || o + 1 + l + 1 > cap)
			return 0;
		out[o++] = (uint8_t)l;
		for (size_t k = 0; k < l; k++)
			out[o++] = (uint8_t)(s[i + k] >= 'A' && s[i + k] <= 'Z' ? s[i + k] + 32
									: s[i + k]);
		i = e + 1;
	}
	if (!o || o + 1 > cap)
		return 0;
	out[o++] = 0;
	return o;
}

static int dmarc_refs(const zl_rr_t *rr, const char *text, size_t len, zl_arena_t *arena,
		      zl_ext_ref_fn fn, void *arg)
{
	static const uint8_t mid[] = "\007_report\006_dmarc";
	const zl_node_t *owner = zl_rr_owner(rr);
	/* the policy domain: the owner without its "_dmarc" label */
	if (owner->wirelen < 8 || owner->label[0] != 6 || memcmp(owner->label + 1, "_dmarc", 6))
		return 0;
	if (!zl_dmarc_is_dmarc(text, len))
		return 0;
	zl_dmarc_t d;
	if (zl_dmarc_parse(&d, text, len, arena) != 0)
		return 0;
	uint8_t dom[ZL_WIRE_MAX];
	zl_node_wire(zl_node_parent(owner), dom);
	size_t dl = owner->wirelen - 7u;
	size_t n = d.n_rua + d.n_ruf;
	for (size_t i = 0; i < n; i++) {
		const zl_dmarc_uri_t *u = i < d.n_rua ? &d.rua[i] : &d.ruf[i - d.n_rua];
		if (!u->valid || u->uri.scheme != ZL_TV_SCHEME_MAILTO || !u->uri.host_len)
			continue;
		uint8_t hw[256], aw[512];
		size_t hl = host_to_wire(u->uri.host, u->uri.host_len, hw, sizeof(hw));
		size_t ml = sizeof(mid) - 1;
		if (!hl || dl - 1 + ml + hl > 255)
			continue;
		/* RFC 7489 section 7.1: <domain>._report._dmarc.<report domain> */
		memcpy(aw, dom, dl - 1);
		memcpy(aw + dl - 1, mid, ml);
		memcpy(aw + dl - 1 + ml, hw, hl);
		if (fn(arg, rr, aw, dl - 1 + ml + hl, ZL_EXT_REF_DMARC_AUTH))
			return 1;
	}
	return 0;
}

int zl_external_rr_refs(const zl_rr_t *rr, zl_arena_t *arena, zl_ext_ref_fn fn, void *arg)
{
	if (rr->opaque)
		return 0;
	if (rr->type == ZL_TYPE_MX) {
		size_t l = rr->rdlen > 2 ? zl_wire_name_len(zl_rr_rdata(rr) + 2, rr->rdlen - 2u) : 0;
		if (l <= 1)
			return 0; /* null MX (RFC 7505) or malformed */
		uint8_t w[256];
		memcpy(w, zl_rr_rdata(rr) + 2, l);
		for (size_t i = 0; i < l; i++)
			if (w[i] >= 'A' && w[i] <= 'Z')
				w[i] = (uint8_t)(w[i] + 32);
		return fn(arg, rr, w, l, ZL_EXT_REF_MX_HOST);
	}
	if (rr->type != ZL_TYPE_TXT)
		return 0;
	size_t len;
	char *text = zl_rr_txt(arena, rr, &len);
	if (zl_spf_is_spf(text, len)) {
		uint8_t ow[ZL_WIRE_MAX];
		return zl_external_spf_refs(text, len, zl_node_wire(zl_rr_owner(rr), ow),
					    zl_rr_owner(rr)->wirelen, arena, fn, arg, rr);
	}
	return dmarc_refs(rr, text, len, arena, fn, arg);
}

/* ---- the zone- rules about snapshots -------------------------------------- */

typedef struct refmap {
	zl_zoneset_t *set;
	zl_ptrmap_t map;               /* node named -> first record naming it */
} refmap_t;

static int note_ref(void *arg, const zl_rr_t *rr, const uint8_t *wire, size_t len,
		    zl_ext_ref_kind_t kind)
{
	(void)kind;
	refmap_t *m = arg;
	const zl_node_t *n = zl_zoneset_find(m->set, wire, len);
	if (!n || n == zl_rr_owner(rr))
		return 0;
	bool fresh;
	void **slot = zl_ptrmap_slot(&m->map, n, &fresh);
	if (fresh)
		*slot = (void *)rr;
	return 0;
}

static void report_failures(zl_ctx_t *ctx, const zl_zone_t *z)
{
	const zl_external_t *x = z->ext;
	if (!x->failures || !zl_rule_enabled(ctx, ZL_R_ZONE_LOOKUP_FAILED))
		return;
	refmap_t m = { ctx->set, { 0 } };
	zl_ptrmap_init(&m.map);
	zl_arena_t a;
	zl_arena_init(&a);
	unsigned parsed = 0;
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n))
		for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr)) {
			if (rr->type != ZL_TYPE_TXT && rr->type != ZL_TYPE_MX)
				continue;
			zl_external_rr_refs(rr, &a, note_ref, &m);
			if (++parsed % 4096 == 0)
				zl_arena_free(&a);
		}
	char nb[ZL_NAME_STRLEN], tb[16], vb[ZL_NAME_STRLEN];
	zl_ptrmap_t done;
	zl_ptrmap_init(&done);
	for (const zl_ext_failure_t *f = x->failures; f; f = f->next) {
		/* one finding per name: its A and AAAA lookups fail together */
		bool fresh;
		zl_ptrmap_slot(&done, f->name, &fresh);
		if (!fresh)
			continue;
		const char *types = f->type ? zl_type_str(f->type, tb) : "any";
		types = zl_arena_strdup(&ctx->scratch, types);
		for (const zl_ext_failure_t *g = f->next; g; g = g->next)
			if (g->name == f->name && g->type != f->type)
				types = zl_arena_printf(&ctx->scratch, "%s and %s", types,
							g->type ? zl_type_str(g->type, tb) : "any");
		const zl_rr_t *rr = zl_ptrmap_get(&m.map, f->name);
		/* through the snapshot's own records back to a loaded zone */
		const char *via = NULL;
		for (unsigned hops = 0; rr && zl_rr_zone(rr) && zl_rr_zone(rr)->external && hops < 16; hops++) {
			zl_node_str(zl_rr_owner(rr), vb);
			via = via ? zl_arena_printf(&ctx->scratch, "'%s' -> %s", vb, via)
				  : zl_arena_printf(&ctx->scratch, "'%s'", vb);
			rr = zl_ptrmap_get(&m.map, zl_rr_owner(rr));
		}
		zl_node_str(f->name, nb);
		if (rr && zl_rr_zone(rr) && !zl_rr_zone(rr)->external)
			zl_emit(ctx, ZL_R_ZONE_LOOKUP_FAILED, rr,
				"looking up '%s' %s outside the loaded zones failed (%s)%s%s: the "
				"checks that need it treat it as unknown", nb, types, f->reason,
				via ? ", reached through " : "", via ? via : "");
		else
			zl_emit_at(ctx, ZL_R_ZONE_LOOKUP_FAILED, NULL, f->name, f->type, f->file,
				   f->line, "looking up '%s' %s outside the loaded zones failed "
				   "(%s): the checks that need it treat it as unknown", nb, types,
				   f->reason);
	}
	zl_ptrmap_free(&done);
	zl_ptrmap_free(&m.map);
	zl_arena_free(&a);
}

static void report_age(zl_ctx_t *ctx, const zl_ext_source_t *s)
{
	unsigned max_days = ctx->config ? ctx->config->external_max_age_days : 30;
	const char *file = s->file < ctx->set->nfiles ? ctx->set->files[s->file].display : "?";
	char fb[512];
	zl_escape(fb, sizeof(fb), file, strlen(file));
	if (s->taken < 0) {
		zl_emit_at(ctx, ZL_R_ZONE_SNAPSHOT_OLD, NULL, NULL, 0, s->file,
			   s->taken_line ? s->taken_line : 1,
			   "snapshot '%s' has no valid '; taken: YYYY-MM-DDTHH:MM:SSZ' line%s%s%s: "
			   "its age is unknown; take it again with 'zonelint snapshot'", fb,
			   s->taken_text ? " (it says '" : "", s->taken_text ? s->taken_text : "",
			   s->taken_text ? "')" : "");
		return;
	}
	if (!max_days)
		return;
	int64_t age = (int64_t)time(NULL) - s->taken;
	if (age <= (int64_t)max_days * 86400)
		return;
	zl_emit_at(ctx, ZL_R_ZONE_SNAPSHOT_OLD, NULL, NULL, 0, s->file, s->taken_line,
		   "snapshot '%s' was taken %s, %lld days ago, more than the %u days allowed "
		   "(external: max-age-days): the providers' records in it may have changed; "
		   "take it again with 'zonelint snapshot'", fb, s->taken_text,
		   (long long)(age / 86400), max_days);
}

void zl_external_check(zl_ctx_t *ctx)
{
	for (const zl_zone_t *z = ctx->set->zones; z; z = z->next) {
		if (!z->external || !z->ext)
			continue;
		if (zl_rule_enabled(ctx, ZL_R_ZONE_SNAPSHOT_OLD))
			for (const zl_ext_source_t *s = z->ext->sources; s; s = s->next)
				if (!s->live)
					report_age(ctx, s);
		report_failures(ctx, z);
	}
}
