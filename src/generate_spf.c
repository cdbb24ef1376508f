/* zonelint: `generate spf`, an SPF record built from addresses and includes, its lookups counted.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "generate.h"
#include "spf.h"
#include "util.h"

/*
 * The limit (RFC 7208 section 4.6.4): evaluating a record may cause at most
 * 10 DNS queries for include, a, mx, ptr, exists and redirect, counted over
 * the whole evaluation, included records too; the 11th gives permerror.
 * Receivers stop at the first matching term, so the count here (every
 * term, as other checkers count) is the worst case, the one that matters.
 */
#define SPF_LIMIT 10u
#define WALK_DEPTH 24

static void set_err(char *err, size_t errlen, const char *fmt, ...) ZL_PRINTF(3, 4);
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	if (!err || !errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* ---- addresses ---- */

typedef struct net {
	int af;                /* AF_INET or AF_INET6 */
	unsigned char addr[16];
	unsigned prefix;
	const char *text;      /* normalised, "/N" only when not a single address */
} net_t;

static bool bit(const unsigned char *a, unsigned i)
{
	return (a[i / 8] >> (7 - i % 8)) & 1;
}

static int parse_net(zl_arena_t *a, const char *in, int af, net_t *out, char *err,
		     size_t errlen)
{
	char shown[300];
	zl_escape(shown, sizeof(shown), in, strlen(in));
	const char *what = af == AF_INET ? "an IPv4 address or range" :
					   "an IPv6 address or range";
	unsigned max = af == AF_INET ? 32 : 128;
	char buf[INET6_ADDRSTRLEN + 8];
	const char *sl = strchr(in, '/');
	size_t al = sl ? (size_t)(sl - in) : strlen(in);
	if (al == 0 || al >= sizeof(buf)) {
		set_err(err, errlen, "'%s' is not %s", shown, what);
		return ZL_EINVAL;
	}
	memcpy(buf, in, al);
	buf[al] = '\0';
	memset(out, 0, sizeof(*out));
	out->af = af;
	if (inet_pton(af, buf, out->addr) != 1) {
		set_err(err, errlen, "'%s' is not %s", shown, what);
		return ZL_EINVAL;
	}
	uint64_t p = max;
	if (sl && zl_parse_u64(sl + 1, 0, max, &p)) {
		set_err(err, errlen, "'%s' is not %s: the prefix length must be 0 to %u", shown,
			what, max);
		return ZL_EINVAL;
	}
	out->prefix = (unsigned)p;
	for (unsigned i = out->prefix; i < max; i++)
		if (bit(out->addr, i)) {
			/* RFC 7208 section 5.6 masks them, but it is almost always a typo */
			unsigned char m[16];
			memcpy(m, out->addr, sizeof(m));
			for (unsigned k = out->prefix; k < max; k++)
				m[k / 8] &= (unsigned char)~(1u << (7 - k % 8));
			char t[INET6_ADDRSTRLEN];
			inet_ntop(af, m, t, sizeof(t));
			set_err(err, errlen, "'%s' is not a range: it has bits set after the "
				"prefix (did you mean %s/%u?)", shown, t, out->prefix);
			return ZL_EINVAL;
		}
	if (out->prefix == 0) {
		set_err(err, errlen, "'%s' authorizes every address, like +all", shown);
		return ZL_EINVAL;
	}
	char t[INET6_ADDRSTRLEN];
	inet_ntop(af, out->addr, t, sizeof(t));
	out->text = out->prefix == max ? zl_arena_strdup(a, t)
				       : zl_arena_printf(a, "%s/%u", t, out->prefix);
	return 0;
}

/* Whether @p outer's range holds all of @p inner's. */
static bool net_contains(const net_t *outer, const net_t *inner)
{
	if (outer->af != inner->af || outer->prefix > inner->prefix)
		return false;
	for (unsigned i = 0; i < outer->prefix; i++)
		if (bit(outer->addr, i) != bit(inner->addr, i))
			return false;
	return true;
}

/* ---- counting lookups ---- */

typedef struct walk {
	const zl_zoneset_t *set;
	const zl_config_t *config;
	zl_arena_t *arena;
	const char *stack[WALK_DEPTH];
	size_t depth;
	unsigned total;        /* lookups so far, whole record */
	const char **unknown;  /* includes of unknown cost met while walking */
	size_t nunknown;
	char *err;
	size_t errlen;
} walk_t;

/* The loaded zone that answers for a name (the closest enclosing apex, unless
 * a delegation to an unloaded zone lies in between), or NULL. */
static const zl_zone_t *zone_of(const zl_zoneset_t *set, const char *name)
{
	for (const char *p = name; p && *p;) {
		const zl_node_t *n = zl_zoneset_find_str(set, p, NULL);
		if (n) {
			const zl_zone_t *z = zl_zoneset_zone_for(set, n);
			for (; z && n && n != z->apex; n = zl_node_parent(n))
				if (zl_node_has(n, ZL_TYPE_NS))
					return NULL;
			return z;
		}
		p = strchr(p, '.');
		if (p)
			p++;
	}
	return NULL;
}

static void note_unknown(walk_t *w, const char *name)
{
	for (size_t i = 0; i < w->nunknown; i++)
		if (!strcmp(w->unknown[i], name))
			return;
	const char **nv = zl_arena_alloc(w->arena, (w->nunknown + 1) * sizeof(*nv));
	if (w->nunknown)
		memcpy(nv, w->unknown, w->nunknown * sizeof(*nv));
	nv[w->nunknown++] = name;
	w->unknown = nv;
}

static const zl_spf_external_t *external(const zl_config_t *c, const char *name)
{
	for (unsigned i = 0; c && i < c->nspf_external; i++)
		if (!strcmp(c->spf_external[i].name, name))
			return &c->spf_external[i];
	return NULL;
}

/* A domain-spec from a record as an absolute lower-case name, or NULL (macros). */
static const char *spec_name(zl_arena_t *a, const zl_spf_spec_t *s)
{
	if (s->has_macro || !s->len)
		return NULL;
	char *n = zl_arena_alloc(a, s->len + 2);
	for (size_t i = 0; i < s->len; i++)
		n[i] = (char)((s->text[i] >= 'A' && s->text[i] <= 'Z') ? s->text[i] + 32
								        : s->text[i]);
	size_t l = s->len;
	if (n[l - 1] != '.')
		n[l++] = '.';
	n[l] = '\0';
	return n;
}

static int walk_name(walk_t *w, const char *name, unsigned *cost, bool *unknown);

/* A name for messages: without its trailing dot. */
static const char *bare(walk_t *w, const char *name)
{
	size_t l = strlen(name);
	return zl_arena_strndup(w->arena, name, l && name[l - 1] == '.' ? l - 1 : l);
}

/*
 * Lookups that evaluating the record at @p name costs, not counting the
 * query that reached it.  *unknown tells the caller the cost is a lower
 * bound.  Returns ZL_ELIMIT (err set) for a record receivers cannot use.
 */
static int walk_name(walk_t *w, const char *name, unsigned *cost, bool *unknown)
{
	*cost = 0;
	*unknown = false;
	for (size_t i = 0; i < w->depth; i++)
		if (!strcmp(w->stack[i], name)) {
			char *chain = zl_arena_strdup(w->arena, "");
			for (size_t k = i; k < w->depth; k++)
				chain = zl_arena_printf(w->arena, "%s%s -> ", chain,
							bare(w, w->stack[k]));
			set_err(w->err, w->errlen, "SPF include loop %s%s: receivers return "
				"permerror", chain, bare(w, name));
			return ZL_ELIMIT;
		}
	const zl_zone_t *z = zone_of(w->set, name);
	if (!z) {
		const zl_spf_external_t *e = external(w->config, name);
		if (e) {
			*cost = e->cost;
			w->total += e->cost;
			return 0;
		}
		*unknown = true;
		note_unknown(w, name);
		return 0;
	}
	if (w->depth == WALK_DEPTH) {
		set_err(w->err, w->errlen, "SPF includes nest deeper than %d at '%s'",
			WALK_DEPTH, bare(w, name));
		return ZL_ELIMIT;
	}
	const zl_node_t *n = zl_zoneset_find_str(w->set, name, NULL);
	/* receivers follow a CNAME (RFC 7208 section 4.4 uses normal DNS lookups) */
	for (int hops = 0; n && zl_node_has(n, ZL_TYPE_CNAME) && hops < 8; hops++) {
		const zl_rr_t *c = zl_node_first(n, ZL_TYPE_CNAME);
		char buf[ZL_NAME_STRLEN];
		if (!zl_wire_name_len(zl_rr_rdata(c), c->rdlen))
			break;
		n = zl_zoneset_find_str(w->set, zl_wire_name_str(zl_rr_rdata(c), c->rdlen, buf), NULL);
	}
	const zl_rr_t *spf = NULL;
	size_t nspf = 0;
	for (const zl_rr_t *rr = n ? zl_node_first(n, ZL_TYPE_TXT) : NULL; rr;
	     rr = zl_rr_next_same(rr)) {
		size_t l;
		char *t = zl_rr_txt(w->arena, rr, &l);
		if (zl_spf_is_spf(t, l)) {
			spf = rr;
			nspf++;
		}
	}
	if (nspf != 1) {
		set_err(w->err, w->errlen, "'%s' (in the loaded zone %s) has %s SPF record: "
			"receivers return permerror for an include of it (RFC 7208 section %s)",
			bare(w, name), bare(w, z->name), nspf ? "more than one" : "no",
			nspf ? "4.5" : "5.2");
		return ZL_ELIMIT;
	}
	size_t l;
	char *t = zl_rr_txt(w->arena, spf, &l);
	zl_spf_record_t rec;
	zl_spf_parse(&rec, t, l, w->arena);
	if (rec.n_errors) {
		set_err(w->err, w->errlen, "the SPF record of '%s' is invalid (%s): receivers "
			"return permerror for an include of it", bare(w, name),
			rec.errors[0].message);
		return ZL_ELIMIT;
	}
	bool has_all = false;
	for (size_t i = 0; i < rec.n_terms; i++)
		has_all |= rec.terms[i].kind == ZL_SPF_ALL;
	w->stack[w->depth++] = name;
	int r = 0;
	for (size_t i = 0; i < rec.n_terms && !r && w->total <= SPF_LIMIT; i++) {
		const zl_spf_term_t *term = &rec.terms[i];
		/* redirect= is ignored when the record has "all" (RFC 7208 section 6.1) */
		if (!zl_spf_term_costs_lookup(term) || (term->kind == ZL_SPF_REDIRECT && has_all))
			continue;
		(*cost)++;
		w->total++;
		if (term->kind != ZL_SPF_INCLUDE && term->kind != ZL_SPF_REDIRECT)
			continue;
		const char *target = spec_name(w->arena, &term->domain);
		if (!target) {
			*unknown = true;
			note_unknown(w, zl_arena_strndup(w->arena, term->domain.text,
							 term->domain.len));
			continue;
		}
		unsigned c;
		bool u;
		r = walk_name(w, target, &c, &u);
		*cost += c;
		*unknown |= u;
	}
	w->depth--;
	return r;
}

/* ---- the builder ---- */

static int nets(zl_arena_t *a, const char *const *in, size_t n, int af, net_t **out,
		char *err, size_t errlen)
{
	*out = zl_arena_alloc(a, (n + 1) * sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		if (parse_net(a, in[i], af, &(*out)[i], err, errlen))
			return ZL_EINVAL;
		for (size_t k = 0; k < i; k++) {
			const net_t *x = &(*out)[k], *y = &(*out)[i];
			if (net_contains(x, y) || net_contains(y, x)) {
				bool same = x->prefix == y->prefix;
				set_err(err, errlen, same ? "'%s' is given twice" :
					"'%s' and '%s' overlap: list only the wider one", x->text,
					y->text);
				return ZL_EINVAL;
			}
		}
	}
	return 0;
}

int zl_generate_spf(zl_recset_t *rs, const char *domain, const zl_spf_build_opts_t *o,
		    char *err, size_t errlen)
{
	zl_arena_t *a = rs->arena;
	const char *d;
	if (zl_generate_domain(a, domain, true, &d, err, errlen))
		return ZL_EINVAL;
	net_t *v4, *v6;
	if (nets(a, o->ip4, o->nip4, AF_INET, &v4, err, errlen) ||
	    nets(a, o->ip6, o->nip6, AF_INET6, &v6, err, errlen))
		return ZL_EINVAL;
	const char **inc = zl_arena_alloc(a, (o->ninclude + 1) * sizeof(*inc));
	for (size_t i = 0; i < o->ninclude; i++) {
		if (zl_generate_domain(a, o->include[i], true, &inc[i], err, errlen))
			return ZL_EINVAL;
		for (size_t k = 0; k < i; k++)
			if (!strcmp(inc[k], inc[i])) {
				set_err(err, errlen, "include '%.*s' is given twice",
					(int)strlen(inc[i]) - 1, inc[i]);
				return ZL_EINVAL;
			}
		if (!strcmp(inc[i], d)) {
			set_err(err, errlen, "'%.*s' cannot include itself", (int)strlen(d) - 1, d);
			return ZL_EINVAL;
		}
	}

	/* the record, cheapest terms first: addresses cost no lookup */
	char *text = zl_arena_strdup(a, "v=spf1");
	for (size_t i = 0; i < o->nip4; i++)
		text = zl_arena_printf(a, "%s ip4:%s", text, v4[i].text);
	for (size_t i = 0; i < o->nip6; i++)
		text = zl_arena_printf(a, "%s ip6:%s", text, v6[i].text);
	if (o->a)
		text = zl_arena_printf(a, "%s a", text);
	if (o->mx)
		text = zl_arena_printf(a, "%s mx", text);
	for (size_t i = 0; i < o->ninclude; i++) {
		size_t l = strlen(inc[i]);
		text = zl_arena_printf(a, "%s include:%.*s", text, (int)(l - 1), inc[i]);
	}
	text = zl_arena_printf(a, "%s %s", text, o->softfail ? "~all" : "-all");

	/* count */
	zl_zoneset_t empty;
	zl_zoneset_init(&empty);
	walk_t w;
	memset(&w, 0, sizeof(w));
	w.set = o->set ? o->set : &empty;
	w.config = o->config;
	w.arena = a;
	w.err = err;
	w.errlen = errlen;
	w.stack[w.depth++] = d;
	const char **lines = zl_arena_alloc(a, (o->ninclude + 3) * sizeof(*lines));
	size_t nlines = 0;
	if (o->a) {
		w.total++;
		lines[nlines++] = "a: 1";
	}
	if (o->mx) {
		w.total++;
		lines[nlines++] = "mx: 1 (its MX hosts' address lookups, at most 10, do not "
				  "count)";
	}
	int r = 0;
	for (size_t i = 0; i < o->ninclude && !r; i++) {
		unsigned c;
		bool u;
		w.total++;
		const char *shown = zl_arena_strndup(a, inc[i], strlen(inc[i]) - 1);
		r = walk_name(&w, inc[i], &c, &u);
		if (r)
			break;
		const zl_spf_external_t *e = external(o->config, inc[i]);
		if (zone_of(w.set, inc[i]))
			lines[nlines] = zl_arena_printf(a, "include:%s: 1 + %u (its record in the "
							"loaded zones)%s", shown, c,
							u ? " + ?" : "");
		else if (e)
			lines[nlines] = zl_arena_printf(a, "include:%s: 1 + %u (from the config's "
							"spf: external:)", shown, c);
		else
			lines[nlines] = zl_arena_printf(a, "include:%s: 1 + ? (its own cost is "
							"unknown)", shown);
		nlines++;
	}
	zl_zoneset_free(&empty);
	if (r)
		return r;
	if (w.total > SPF_LIMIT) {
		set_err(err, errlen, "'%s' would cost %s%u DNS lookups, over the limit of %u "
			"(RFC 7208 section 4.6.4): receivers return permerror", text,
			w.total > SPF_LIMIT + 1 ? "at least " : "", w.total, SPF_LIMIT);
		return ZL_ELIMIT;
	}

	uint32_t ttl = o->ttl ? o->ttl : ZL_GENERATE_TTL;
	const char *dd = zl_arena_strndup(a, d, strlen(d) - 1);
	zl_recset_header(rs, "zonelint generate spf: the hosts that may send mail as %s "
			 "(RFC 7208).", dd);
	zl_recset_block_t *b = zl_recset_block(rs, NULL, "SPF record of %s", dd);
	zl_recset_note(rs, b, false, "DNS lookups: %s%u of %u (RFC 7208 section 4.6.4)",
		       w.nunknown ? "at least " : "", w.total, SPF_LIMIT);
	for (size_t i = 0; i < nlines; i++)
		zl_recset_note(rs, b, false, "  %s", lines[i]);
	if (w.nunknown) {
		char *names = zl_arena_strdup(a, "");
		for (size_t i = 0; i < w.nunknown; i++) {
			size_t l = strlen(w.unknown[i]);
			if (l && w.unknown[i][l - 1] == '.')
				l--;
			names = zl_arena_printf(a, "%s%s%.*s", names, i ? ", " : "", (int)l,
						w.unknown[i]);
		}
		zl_recset_note(rs, b, false, "Unknown cost, not in the loaded zones nor in the "
			       "config: %s.", names);
		zl_recset_note(rs, b, false, "Each is counted as 1; give its cost in the config "
			       "(spf: external: {NAME: COST}) or load its zone with --zones.");
	}
	if (!o->nip4 && !o->nip6 && !o->a && !o->mx && !o->ninclude)
		zl_recset_note(rs, b, false, "No term authorizes a host: the domain sends no "
			       "mail.");
	if (o->softfail)
		zl_recset_note(rs, b, false, "~all: mail from other hosts is marked, not refused "
			       "(RFC 7208 section 8.5); DMARC decides.");
	if (strlen(text) > 450)
		zl_recset_note(rs, b, false, "The record is %zu octets, over the 450 that RFC 7208 "
			       "section 3.4 recommends.", strlen(text));
	zl_recset_add(rs, b, d, ttl, ZL_TYPE_TXT, text, NULL);
	return 0;
}
