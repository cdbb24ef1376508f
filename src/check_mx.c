/* zonelint: the mx- and nullmx- families: MX targets, reverse DNS, null MX.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "dmarc_check.h"
#include "external.h"
#include "findings.h"
#include "generate.h"
#include "ptrmap.h"
#include "rules.h"
#include "spf.h"
#include "util.h"

/*
 * Every question here is answered from the loaded zones only: a name
 * outside them, or below a delegation whose child zone is not loaded, is
 * unknown and produces no finding.  Lookups follow what a resolver does:
 * the closest enclosing loaded zone is authoritative, a wildcard answers for
 * names that do not exist (RFC 4592), and CNAMEs are followed (at most 8).
 */

#define MAX_CHAIN 8

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static bool records_in(const zl_node_t *n, const zl_zone_t *z)
{
	for (const zl_rr_t *rr = n ? zl_node_rrs(n) : NULL; rr; rr = zl_rr_next(rr))
		if (zl_rr_zone(rr) == z)
			return true;
	return false;
}

/* ---- lookups in the loaded zones ---------------------------------------- */

typedef enum res {
	RES_UNKNOWN, /* outside the loaded zones, or delegated away */
	RES_NODE,    /* the name (or a wildcard for it) is in out->node */
	RES_NXDOMAIN /* the name does not exist in its loaded zone */
} res_t;

typedef struct lookup {
	const zl_zone_t *zone;
	const zl_node_t *node; /* the node answering (maybe a wildcard) */
	bool wildcard;
} lookup_t;

/*
 * Where the name @p wire falls: its zone and the node that answers for it.
 * RES_UNKNOWN when no loaded zone holds it, or it lies below a delegation or
 * a DNAME of that zone (the answer is elsewhere).  An interned node without
 * records of the zone is an empty non-terminal there: it exists.
 */
static res_t locate(const zl_zoneset_t *set, const uint8_t *wire, size_t len, lookup_t *out)
{
	memset(out, 0, sizeof(*out));
	const zl_node_t *n = zl_zoneset_find(set, wire, len), *anc = n;
	size_t off = 0;
	while (!anc && off < len && wire[off]) {
		off += 1u + wire[off];
		anc = zl_zoneset_find(set, wire + off, len - off);
	}
	if (!anc)
		return RES_UNKNOWN;
	const zl_zone_t *z = zl_zoneset_zone_for(set, anc);
	if (!z || z->load_failed)
		return RES_UNKNOWN;
	out->zone = z;
	if (z->external) {
		/* a snapshot (external.h) answers only for the names it holds */
		if (!n || !zl_external_holds(z, n))
			return RES_UNKNOWN;
		if (zl_external_negative(z, n) & ZL_EXT_NXDOMAIN)
			return RES_NXDOMAIN;
		out->node = n;
		return RES_NODE;
	}
	for (const zl_node_t *a = anc; a && a != z->apex; a = zl_node_parent(a)) {
		if (zl_node_first_in(a, ZL_TYPE_NS, z))
			return RES_UNKNOWN; /* delegated: the child zone answers */
		if (a != n && zl_node_first_in(a, ZL_TYPE_DNAME, z))
			return RES_UNKNOWN; /* redirected elsewhere */
	}
	if (n) {
		out->node = n;
		return RES_NODE;
	}
	/* RFC 4592: a wildcard at the closest encloser answers for the name */
	const zl_node_t *w = zl_node_child(set, anc, "*");
	if (w && records_in(w, z)) {
		out->node = w;
		out->wildcard = true;
		return RES_NODE;
	}
	return RES_NXDOMAIN;
}

/* The CNAME target of the answering node, or 0 when it is not an alias. */
static size_t cname_target(const lookup_t *lk, const uint8_t **target)
{
	const zl_rr_t *c = zl_node_first_in(lk->node, ZL_TYPE_CNAME, lk->zone);
	if (!c || c->opaque)
		return 0;
	size_t l = zl_wire_name_len(zl_rr_rdata(c), c->rdlen);
	*target = zl_rr_rdata(c);
	return l;
}

/* ---- MX targets ------------------------------------------------------------ */

static bool decimal_octet(const uint8_t *label)
{
	unsigned l = label[0], v = 0;
	if (l == 0 || l > 3)
		return false;
	for (unsigned i = 1; i <= l; i++) {
		if (label[i] < '0' || label[i] > '9')
			return false;
		v = v * 10 + (label[i] - '0');
	}
	return v <= 255;
}

/*
 * Whether an MX target is an address written where a name belongs: four
 * decimal labels that make the whole name ("192.0.2.1.") or are followed
 * by the zone's origin (the same, written without the final dot), or a
 * label that is an IPv6 address or an address literal in brackets.
 */
static bool address_target(const uint8_t *w, size_t len, const zl_zone_t *z, char *text, size_t cap)
{
	const uint8_t *p = w;
	unsigned n = 0;
	while (n < 4 && *p && decimal_octet(p)) {
		p += 1u + *p;
		n++;
	}
	if (n == 4) {
		size_t rest = len - (size_t)(p - w);
		bool origin = z && rest == z->apex->wirelen;
		uint8_t aw[ZL_WIRE_MAX];
		if (origin)
			zl_node_wire(z->apex, aw);
		for (size_t i = 0; origin && i < rest; i++) {
			uint8_t c = p[i];
			if (c >= 'A' && c <= 'Z')
				c = (uint8_t)(c + 32);
			origin = c == aw[i];
		}
		if (*p == 0 || origin) {
			size_t o = 0;
			const uint8_t *q = w;
			for (unsigned i = 0; i < 4; i++, q += 1u + *q)
				o += (size_t)snprintf(text + o, cap - o, "%s%.*s", i ? "." : "",
				                      (int)q[0], (const char *)q + 1);
			return true;
		}
	}
	if (w[0] && (w[1] == '[' || memchr(w + 1, ':', w[0]))) {
		char lab[64];
		memcpy(lab, w + 1, w[0]);
		lab[w[0]] = '\0';
		struct in6_addr a6;
		if (lab[0] == '[' || inet_pton(AF_INET6, lab, &a6) == 1) {
			zl_escape(text, cap, lab, strlen(lab));
			return true;
		}
	}
	return false;
}

static void check_mx_target(zl_ctx_t *ctx, const zl_rr_t *mx)
{
	if (mx->opaque || mx->rdlen < 3)
		return;
	const uint8_t *t = zl_rr_rdata(mx) + 2;
	size_t tl = zl_wire_name_len(t, mx->rdlen - 2u);
	if (tl <= 1)
		return; /* malformed, or a null MX (the nullmx- rules) */
	char tn[ZL_NAME_STRLEN], on[ZL_NAME_STRLEN], lit[128];
	zl_wire_name_str(t, tl, tn);
	zl_node_str(zl_rr_owner(mx), on);
	lookup_t lk;
	res_t r = locate(ctx->set, t, tl, &lk);
	bool has_addr = r == RES_NODE && (zl_node_first_in(lk.node, ZL_TYPE_A, lk.zone) ||
	                                  zl_node_first_in(lk.node, ZL_TYPE_AAAA, lk.zone));
	if (!has_addr && address_target(t, tl, zl_rr_zone(mx), lit, sizeof(lit))) {
		/* RFC 5321 5.1 and RFC 7505 3: an MX names a host, never an address */
		zl_finding_t *f =
		    zl_emit(ctx, ZL_R_MX_TARGET_IP, mx,
		            "MX target '%s' is an IP address, not a host name; senders "
		            "look it up as a name and find nothing (RFC 5321 section "
		            "5.1)",
		            lit);
		if (strchr(lit, ':') == NULL && lit[0] != '[')
			zl_suggest(ctx, f, "%s %u IN MX %u mail.%s\nmail.%s %u IN A %s", on,
			           mx->ttl, get16(zl_rr_rdata(mx)), on, on, mx->ttl, lit);
		return;
	}
	if (r == RES_UNKNOWN || has_addr)
		return;
	if (r == RES_NODE && zl_node_first_in(lk.node, ZL_TYPE_CNAME, lk.zone)) {
		const uint8_t *ct;
		size_t cl = cname_target(&lk, &ct);
		char cn[ZL_NAME_STRLEN];
		zl_emit(
		    ctx, ZL_R_MX_TARGET_CNAME, mx,
		    "MX target '%s' is an alias (CNAME to '%s'); RFC 2181 section 10.3 requires "
		    "the host's own name, and some senders refuse or loop",
		    tn, cl ? zl_wire_name_str(ct, cl, cn) : "?");
		return;
	}
	/* a snapshot that did not ask for the addresses does not know them */
	if (r == RES_NODE && lk.zone->external &&
	    !(zl_external_answered(lk.zone, lk.node, ZL_TYPE_A) &&
	      zl_external_answered(lk.zone, lk.node, ZL_TYPE_AAAA)))
		return;
	char where[ZL_NAME_STRLEN + 16];
	if (lk.zone->external)
		snprintf(where, sizeof(where), "(looked up outside the loaded zones)");
	else
		snprintf(where, sizeof(where), "in zone '%s'", lk.zone->name);
	if (r == RES_NXDOMAIN)
		zl_emit(ctx, ZL_R_MX_TARGET_NO_ADDRESS, mx,
		        "MX target '%s' does not exist %s: mail for '%s' cannot be "
		        "delivered there",
		        tn, where, on);
	else
		zl_emit(ctx, ZL_R_MX_TARGET_NO_ADDRESS, mx,
		        "MX target '%s' has no A or AAAA record %s: mail for '%s' cannot "
		        "be delivered there",
		        tn, where, on);
}

/* ---- reverse DNS (forward-confirmed) --------------------------------------- */

typedef struct addr {
	uint8_t fam; /* 4 or 6 */
	uint8_t a[16];
	const zl_rr_t *rr;     /* an A/AAAA of an MX host, or an SPF TXT */
	const zl_node_t *host; /* the MX host, or NULL for an SPF address */
	size_t seq;
} addr_t;

typedef struct addrvec {
	addr_t *v;
	size_t n, cap;
} addrvec_t;

static void addr_push(addrvec_t *av, uint8_t fam, const uint8_t *a, const zl_rr_t *rr,
                      const zl_node_t *host)
{
	if (av->n == av->cap) {
		av->cap = av->cap ? av->cap * 2 : 64;
		av->v = zl_xrealloc(av->v, av->cap * sizeof(*av->v));
	}
	addr_t *x = &av->v[av->n];
	memset(x, 0, sizeof(*x));
	x->fam = fam;
	memcpy(x->a, a, fam == 4 ? 4 : 16);
	x->rr = rr;
	x->host = host;
	x->seq = av->n++;
}

static int cmp_addr(const void *pa, const void *pb)
{
	const addr_t *a = pa, *b = pb;
	if (a->fam != b->fam)
		return a->fam < b->fam ? -1 : 1;
	int c = memcmp(a->a, b->a, 16);
	if (c)
		return c;
	if ((a->host == NULL) != (b->host == NULL))
		return a->host ? -1 : 1; /* an MX host names the address best */
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static const char *addr_str(const addr_t *a, char *buf, size_t cap)
{
	if (!inet_ntop(a->fam == 4 ? AF_INET : AF_INET6, a->a, buf, (socklen_t)cap))
		snprintf(buf, cap, "?");
	return buf;
}

/* The reverse name of an address (RFC 1035 3.5, RFC 3596 2.5), wire format. */
static size_t reverse_name(const addr_t *a, uint8_t *w)
{
	size_t o = 0;
	if (a->fam == 4) {
		for (int i = 3; i >= 0; i--) {
			int l = snprintf((char *)w + o + 1, 4, "%u", a->a[i]);
			w[o] = (uint8_t)l;
			o += 1u + (size_t)l;
		}
		memcpy(w + o, "\7in-addr\4arpa", 14);
		return o + 14;
	}
	static const char hex[] = "0123456789abcdef";
	for (int i = 15; i >= 0; i--) {
		w[o++] = 1;
		w[o++] = (uint8_t)hex[a->a[i] & 15];
		w[o++] = 1;
		w[o++] = (uint8_t)hex[a->a[i] >> 4];
	}
	memcpy(w + o, "\3ip6\4arpa", 10);
	return o + 10;
}

/*
 * Follow the reverse name through CNAMEs (RFC 2317 classless delegation) to
 * its PTR records.  RES_NODE: lk->node has them; RES_NXDOMAIN: no PTR, and
 * @p last holds the name that lacks it; RES_UNKNOWN: the answer is outside
 * the loaded zones (or the name is not in a loaded reverse zone at all).
 */
static res_t find_ptr(const zl_zoneset_t *set, const uint8_t *wire, size_t len, lookup_t *lk,
                      uint8_t *last, size_t *lastlen)
{
	uint8_t cur[256];
	memcpy(cur, wire, len);
	for (int hop = 0; hop < MAX_CHAIN; hop++) {
		res_t r = locate(set, cur, len, lk);
		if (r == RES_UNKNOWN || (hop == 0 && !lk->zone->is_reverse))
			return RES_UNKNOWN;
		memcpy(last, cur, len);
		*lastlen = len;
		if (r == RES_NXDOMAIN)
			return RES_NXDOMAIN;
		if (zl_node_first_in(lk->node, ZL_TYPE_PTR, lk->zone))
			return RES_NODE;
		const uint8_t *t;
		size_t tl = cname_target(lk, &t);
		if (!tl)
			return RES_NXDOMAIN;
		memcpy(cur, t, tl);
		len = tl;
	}
	return RES_UNKNOWN;
}

/*
 * Whether @p wire has the address @p a in the loaded zones: 1 yes, 0 no
 * (@p found then says what it has), -1 unknown.
 */
static int resolves_to(const zl_zoneset_t *set, const uint8_t *wire, size_t len, const addr_t *a,
                       char *found, size_t cap)
{
	uint8_t cur[256];
	memcpy(cur, wire, len);
	uint16_t type = a->fam == 4 ? ZL_TYPE_A : ZL_TYPE_AAAA;
	for (int hop = 0; hop < MAX_CHAIN; hop++) {
		lookup_t lk;
		res_t r = locate(set, cur, len, &lk);
		if (r == RES_UNKNOWN)
			return -1;
		if (r == RES_NXDOMAIN) {
			snprintf(found, cap, "which does not exist");
			return 0;
		}
		const uint8_t *t;
		size_t tl = cname_target(&lk, &t);
		if (tl) {
			memcpy(cur, t, tl);
			len = tl;
			continue;
		}
		size_t o = 0, shown = 0;
		found[0] = '\0';
		for (const zl_rr_t *rr = zl_node_first(lk.node, type); rr;
		     rr = zl_rr_next_same(rr)) {
			if (zl_rr_zone(rr) != lk.zone || rr->opaque ||
			    rr->rdlen != (a->fam == 4 ? 4 : 16))
				continue;
			if (!memcmp(zl_rr_rdata(rr), a->a, rr->rdlen))
				return 1;
			if (shown++ < 3) {
				addr_t x = {.fam = a->fam};
				memcpy(x.a, zl_rr_rdata(rr), rr->rdlen);
				char ab[64];
				o += (size_t)snprintf(found + o, cap - o, "%s%s",
				                      o ? ", " : "which has ",
				                      addr_str(&x, ab, sizeof(ab)));
			}
		}
		if (!shown)
			snprintf(found, cap, "which has no %s record", a->fam == 4 ? "A" : "AAAA");
		return 0;
	}
	return -1;
}

static void describe(const addr_t *a, char *buf, size_t cap)
{
	char hb[ZL_NAME_STRLEN], ab[64];
	if (a->host)
		snprintf(buf, cap, "%s (the address of MX host '%s')", addr_str(a, ab, sizeof(ab)),
		         zl_node_str(a->host, hb));
	else
		snprintf(buf, cap, "%s (which the SPF record of '%s' lets send mail)",
		         addr_str(a, ab, sizeof(ab)), zl_node_str(zl_rr_owner(a->rr), hb));
}

static void check_reverse_one(zl_ctx_t *ctx, const addr_t *a)
{
	uint8_t rev[256], last[256];
	size_t rl = reverse_name(a, rev), lastlen = 0;
	lookup_t lk;
	res_t r = find_ptr(ctx->set, rev, rl, &lk, last, &lastlen);
	if (r == RES_UNKNOWN)
		return;
	char what[ZL_NAME_STRLEN + 128], nb[ZL_NAME_STRLEN], hb[ZL_NAME_STRLEN];
	describe(a, what, sizeof(what));
	zl_wire_name_str(last, lastlen, nb);
	if (r == RES_NXDOMAIN) {
		zl_finding_t *f =
		    zl_emit(ctx, ZL_R_MX_PTR_MISSING, a->rr,
		            "no PTR record for %s at '%s' in the loaded reverse zone "
		            "'%s': many receivers refuse or distrust mail from an address "
		            "without reverse DNS",
		            what, nb, lk.zone->name);
		if (a->host)
			zl_suggest(ctx, f, "%s %u IN PTR %s", nb, a->rr->ttl,
			           zl_node_str(a->host, hb));
		return;
	}
	/* forward-confirmed: some PTR target must have the address again */
	const zl_rr_t *bad = NULL;
	char found[256] = "", tn[ZL_NAME_STRLEN] = "";
	bool unknown = false;
	for (const zl_rr_t *p = zl_node_first_in(lk.node, ZL_TYPE_PTR, lk.zone); p;
	     p = zl_rr_next_same(p)) {
		if (zl_rr_zone(p) != lk.zone || p->opaque)
			continue;
		size_t tl = zl_wire_name_len(zl_rr_rdata(p), p->rdlen);
		if (!tl)
			continue;
		char fb[256];
		int ok = resolves_to(ctx->set, zl_rr_rdata(p), tl, a, fb, sizeof(fb));
		if (ok == 1)
			return;
		if (ok < 0) {
			unknown = true;
		} else if (!bad) {
			bad = p;
			snprintf(found, sizeof(found), "%s", fb);
			zl_wire_name_str(zl_rr_rdata(p), tl, tn);
		}
	}
	if (!bad || unknown)
		return;
	char ab[64];
	zl_finding_t *f =
	    zl_emit(ctx, ZL_R_MX_PTR_MISMATCH, bad,
	            "the PTR record of %s names '%s', %s, not %s: forward-confirmed "
	            "reverse DNS fails, and receivers refuse or distrust mail from the "
	            "address",
	            what, tn, found, addr_str(a, ab, sizeof(ab)));
	if (a->host)
		zl_suggest(ctx, f, "%s %u IN PTR %s", zl_node_str(zl_rr_owner(bad), nb), bad->ttl,
		           zl_node_str(a->host, hb));
}

/* Add the addresses of MX host @p t (an exact name in a loaded zone). */
static void add_host_addrs(const zl_zoneset_t *set, addrvec_t *av, const zl_rr_t *mx,
                           zl_ptrmap_t *seen)
{
	const uint8_t *t = zl_rr_rdata(mx) + 2;
	size_t tl = zl_wire_name_len(t, mx->rdlen - 2u);
	if (tl <= 1)
		return;
	lookup_t lk;
	if (locate(set, t, tl, &lk) != RES_NODE || lk.wildcard)
		return;
	bool fresh;
	zl_ptrmap_slot(seen, lk.node, &fresh);
	if (!fresh)
		return;
	for (const zl_rr_t *rr = zl_node_rrs(lk.node); rr; rr = zl_rr_next(rr)) {
		if (zl_rr_zone(rr) != lk.zone || rr->opaque)
			continue;
		if (rr->type == ZL_TYPE_A && rr->rdlen == 4)
			addr_push(av, 4, zl_rr_rdata(rr), rr, lk.node);
		else if (rr->type == ZL_TYPE_AAAA && rr->rdlen == 16)
			addr_push(av, 6, zl_rr_rdata(rr), rr, lk.node);
	}
}

static void add_spf_addrs(zl_ctx_t *ctx, addrvec_t *av, const zl_rr_t *txt)
{
	size_t len;
	char *text = zl_rr_txt(&ctx->scratch, txt, &len);
	if (!zl_spf_is_spf(text, len))
		return;
	zl_spf_record_t rec;
	if (zl_spf_parse(&rec, text, len, &ctx->scratch))
		return;
	for (size_t i = 0; i < rec.n_terms; i++) {
		const zl_spf_term_t *t = &rec.terms[i];
		if (!t->valid || t->qualifier == '-')
			continue;
		if (t->kind == ZL_SPF_IP4 && t->addr.family == ZL_SPF_AF_INET4 && t->prefix == 32)
			addr_push(av, 4, t->addr.bytes, txt, NULL);
		else if (t->kind == ZL_SPF_IP6 && t->addr.family == ZL_SPF_AF_INET6 &&
		         t->prefix == 128)
			addr_push(av, 6, t->addr.bytes, txt, NULL);
	}
}

static void check_reverse(zl_ctx_t *ctx)
{
	bool any_reverse = false;
	for (const zl_zone_t *z = ctx->set->zones; z; z = z->next)
		if (z->is_reverse && !z->load_failed)
			any_reverse = true;
	if (!any_reverse || (!zl_rule_enabled(ctx, ZL_R_MX_PTR_MISSING) &&
	                     !zl_rule_enabled(ctx, ZL_R_MX_PTR_MISMATCH)))
		return;
	addrvec_t av = {0};
	zl_ptrmap_t seen;
	zl_ptrmap_init(&seen);
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n))
		for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr)) {
			if (!zl_rr_zone(rr) || zl_rr_zone(rr)->is_reverse || rr->opaque)
				continue;
			if (rr->type == ZL_TYPE_MX && rr->rdlen >= 3)
				add_host_addrs(ctx->set, &av, rr, &seen);
			else if (rr->type == ZL_TYPE_TXT)
				add_spf_addrs(ctx, &av, rr);
		}
	if (av.n)
		qsort(av.v, av.n, sizeof(*av.v), cmp_addr);
	for (size_t i = 0; i < av.n; i++)
		if (i == 0 || av.v[i].fam != av.v[i - 1].fam ||
		    memcmp(av.v[i].a, av.v[i - 1].a, 16))
			check_reverse_one(ctx, &av.v[i]);
	zl_ptrmap_free(&seen);
	free(av.v);
}

int zl_check_mx(zl_ctx_t *ctx)
{
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n))
		for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_MX); rr; rr = zl_rr_next_same(rr))
			if (zl_rr_zone(rr))
				check_mx_target(ctx, rr);
	check_reverse(ctx);
	return 0;
}

/* ---- null MX (RFC 7505) and implicit MX (RFC 5321 5.1) ---------------------- */

static bool is_null_mx(const zl_rr_t *mx)
{
	return !mx->opaque && mx->rdlen == 3 && zl_rr_rdata(mx)[2] == 0;
}

/* Whether a TXT record is an SPF record: zl_spf_is_spf() reads at most the
 * first 7 bytes, so a short prefix tells without copying the record. */
static bool txt_is_spf(const zl_rr_t *rr)
{
	char buf[16];
	size_t l = zl_mail_txt_prefix(rr, buf, sizeof(buf));
	return !rr->opaque && zl_spf_is_spf(buf, l);
}

/* The first null MX of zone @p z at @p n, or NULL. */
static const zl_rr_t *first_null_mx(const zl_node_t *n, const zl_zone_t *z)
{
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_MX); rr; rr = zl_rr_next_same(rr))
		if (zl_rr_zone(rr) == z && is_null_mx(rr))
			return rr;
	return NULL;
}

/* Whether an SPF record fails every sender, like "v=spf1 -all" (RFC 7208 4.6). */
static bool spf_fails_all(const zl_spf_record_t *r)
{
	if (r->n_errors)
		return false; /* permerror: receivers act as if there were none */
	for (size_t i = 0; i < r->n_terms; i++) {
		const zl_spf_term_t *t = &r->terms[i];
		switch (t->kind) {
		case ZL_SPF_ALL:
			return t->qualifier == '-';
		case ZL_SPF_REDIRECT:
			return false; /* the other record decides */
		case ZL_SPF_EXP:
		case ZL_SPF_UNKNOWN_MOD:
			break;
		default:
			if (t->qualifier != '-')
				return false;
			break;
		}
	}
	return false; /* no "all": the default result is neutral */
}

/* The SPF records of @p n in zone @p z: how many, and the first one. */
static unsigned spf_at(zl_ctx_t *ctx, const zl_node_t *n, const zl_zone_t *z, const zl_rr_t **first,
                       char **text, size_t *len)
{
	unsigned cnt = 0;
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_TXT); rr; rr = zl_rr_next_same(rr)) {
		if (zl_rr_zone(rr) != z || rr->opaque || !txt_is_spf(rr))
			continue;
		if (!cnt++) {
			*first = rr;
			*text = zl_rr_txt(&ctx->scratch, rr, len);
		}
	}
	return cnt;
}

static bool is_dmarc(const char *t, size_t len)
{
	size_t i = 0;
	if (i >= len || (t[i] != 'v' && t[i] != 'V'))
		return false;
	for (i++; i < len && (t[i] == ' ' || t[i] == '\t'); i++)
		;
	if (i >= len || t[i++] != '=')
		return false;
	for (; i < len && (t[i] == ' ' || t[i] == '\t'); i++)
		;
	return zl_has_prefix_ci(t + i, len - i, "DMARC1");
}

/* is_dmarc() of a TXT record, read from a prefix unless blanks run past it. */
static bool txt_is_dmarc(zl_ctx_t *ctx, const zl_rr_t *rr)
{
	char buf[64];
	size_t l = zl_mail_txt_prefix(rr, buf, sizeof(buf));
	if (is_dmarc(buf, l))
		return true;
	if (l < sizeof(buf))
		return false; /* the prefix is the whole record */
	size_t len;
	char *t = zl_rr_txt(&ctx->scratch, rr, &len);
	return is_dmarc(t, len);
}

/* Whether a DMARC record covers @p n: at _dmarc.<n> or a parent (RFC 7489 6.6.3). */
static bool dmarc_covers(zl_ctx_t *ctx, const zl_node_t *n)
{
	for (const zl_node_t *a = n; a; a = zl_node_parent(a)) {
		const zl_node_t *d = zl_node_child(ctx->set, a, "_dmarc");
		for (const zl_rr_t *rr = zl_node_first(d, ZL_TYPE_TXT); rr;
		     rr = zl_rr_next_same(rr))
			if (txt_is_dmarc(ctx, rr))
				return true;
	}
	return false;
}

/* What the null-MX checks remember from one name to the next: many names
 * carry the same records. */
typedef struct nullmx_memo {
	char spf[256];         /* the SPF text spf_permissive() judged last */
	size_t spf_len;        /* SIZE_MAX: none */
	bool permissive;       /* its verdict */
	uint8_t target[256];   /* the MX target zl_check_nullmx() looked up last */
	size_t target_len;     /* 0: none */
} nullmx_memo_t;

/* Whether an SPF record parses and lets some sender pass. */
static bool spf_permissive(zl_ctx_t *ctx, nullmx_memo_t *m, const char *text, size_t len)
{
	if (len == m->spf_len && !memcmp(m->spf, text, len))
		return m->permissive;
	zl_spf_record_t rec;
	bool permissive = zl_spf_parse(&rec, text, len, &ctx->scratch) == 0 && !spf_fails_all(&rec);
	if (len <= sizeof(m->spf)) {
		memcpy(m->spf, text, len);
		m->spf_len = len;
		m->permissive = permissive;
	}
	return permissive;
}

/* @p n's name in @p buf, printed on first use (most null MX names are fine). */
static const char *name_of(const zl_node_t *n, char *buf)
{
	if (!buf[0])
		zl_node_str(n, buf);
	return buf;
}

static void check_null_mx(zl_ctx_t *ctx, nullmx_memo_t *memo, const zl_node_t *n,
                          const zl_rr_t *null)
{
	const zl_zone_t *z = zl_rr_zone(null);
	char nb[ZL_NAME_STRLEN], eb[512];
	nb[0] = '\0';
	unsigned others = 0;
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_MX); rr; rr = zl_rr_next_same(rr))
		if (zl_rr_zone(rr) == z && !is_null_mx(rr))
			others++;
	if (others)
		zl_emit(ctx, ZL_R_NULLMX_NOT_ALONE, null,
		        "'%s' has a null MX and %u other MX record%s; RFC 7505 section 3 says a "
		        "null MX must be the only one, and senders may still try the others",
		        name_of(n, nb), others, others == 1 ? "" : "s");
	uint16_t pref = get16(zl_rr_rdata(null));
	if (pref != 0) {
		zl_finding_t *f = zl_emit(ctx, ZL_R_NULLMX_PREFERENCE, null,
		                          "null MX at '%s' has preference %u; RFC 7505 section 3 "
		                          "defines it with preference 0",
		                          name_of(n, nb), pref);
		zl_suggest(ctx, f, "%s %u IN MX 0 .", nb, null->ttl);
	}
	if (others)
		return; /* the name may take mail after all: nothing more to say */
	const zl_rr_t *spf = NULL;
	char *text = NULL;
	size_t len = 0;
	unsigned nspf = spf_at(ctx, n, z, &spf, &text, &len);
	char *sug = NULL;
	if (nspf == 0) {
		zl_finding_t *f =
		    zl_emit(ctx, ZL_R_NULLMX_SPF_PERMISSIVE, null,
		            "'%s' takes no mail (null MX) but has no SPF record, so "
		            "receivers cannot tell mail forged in its name from real mail; "
		            "publish \"v=spf1 -all\"",
		            name_of(n, nb));
		if (f && zl_generate_spf_none_text(&ctx->scratch, nb, null->ttl, &sug) == 0)
			zl_suggest(ctx, f, "%s", sug);
	} else if (nspf == 1 && zl_rule_enabled(ctx, ZL_R_NULLMX_SPF_PERMISSIVE) &&
	           spf_permissive(ctx, memo, text, len)) {
		zl_finding_t *f =
		    zl_emit(ctx, ZL_R_NULLMX_SPF_PERMISSIVE, spf,
		            "'%s' takes no mail (null MX), but its SPF record "
		            "'%s' does not fail every sender; a domain that takes "
		            "no mail sends none (its bounces could not come back): "
		            "publish \"v=spf1 -all\"",
		            name_of(n, nb), zl_escape(eb, sizeof(eb), text, len));
		if (f && zl_generate_spf_none_text(&ctx->scratch, nb, spf->ttl, &sug) == 0)
			zl_suggest(ctx, f, "%s", sug);
	}
	if (zl_rule_enabled(ctx, ZL_R_NULLMX_NO_DMARC) && !dmarc_covers(ctx, n)) {
		name_of(n, nb);
		zl_finding_t *f =
		    zl_emit(ctx, ZL_R_NULLMX_NO_DMARC, null,
		            "'%s' takes no mail (null MX) and no DMARC record covers it "
		            "(none at '_dmarc.%s' or above it): receivers are not told to "
		            "reject mail forged in its name",
		            nb, nb);
		if (f && zl_generate_dmarc_text(&ctx->scratch, nb, NULL, &sug) == 0)
			zl_suggest(ctx, f, "%s", sug);
	}
}

/* What one zone has, for the implicit-MX rule. */
typedef struct mailinfo {
	bool mx, spf;
} mailinfo_t;

static bool below_cut(const zl_node_t *n, const zl_zone_t *z)
{
	if (n == z->apex)
		return false;
	for (const zl_node_t *a = n; a && a != z->apex; a = zl_node_parent(a))
		if (zl_node_first_in(a, ZL_TYPE_NS, z) || (a != n && zl_node_first_in(a, ZL_TYPE_DNAME, z)))
			return true;
	return false;
}

static void suggest_parked(zl_ctx_t *ctx, zl_finding_t *f, const zl_node_t *n, bool apex)
{
	char nb[ZL_NAME_STRLEN], *text = NULL, *spf = NULL;
	if (!f)
		return;
	zl_node_str(n, nb);
	if (apex) {
		if (zl_generate_parked_text(&ctx->scratch, nb, NULL, &text) == 0)
			zl_suggest(ctx, f, "%s", text);
	} else if (zl_generate_spf_none_text(&ctx->scratch, nb, 0, &spf) == 0) {
		zl_suggest(ctx, f, "%s %u IN MX 0 .\n%s", nb, ZL_GENERATE_TTL, spf);
	}
}

static void check_implicit_mx(zl_ctx_t *ctx, const zl_zone_t *z, const mailinfo_t *mi,
                              const zl_ptrmap_t *mx_hosts, const zl_node_t *const *nodes,
                              size_t nnodes)
{
	const zl_zone_conf_t *conf = ctx->config ? zl_config_zone(ctx->config, z->name) : NULL;
	zl_role_t role = conf ? conf->role : ZL_ROLE_UNSET;
	const zl_node_t *apex = z->apex;
	bool apex_addr = zl_node_first_in(apex, ZL_TYPE_A, z) || zl_node_first_in(apex, ZL_TYPE_AAAA, z);
	if (role == ZL_ROLE_MAIL || z->is_reverse)
		return;
	if (role == ZL_ROLE_UNSET) {
		/* no role: only a zone with no trace of mail, and only its apex
		 * (host names of such zones take no mail in practice) */
		if (mi->mx || mi->spf || !apex_addr || zl_node_first_in(apex, ZL_TYPE_MX, z))
			return;
		zl_finding_t *f = zl_emit_name(
		    ctx, ZL_R_NULLMX_MISSING, z, apex, ZL_TYPE_MX,
		    "zone '%s' has no MX and no SPF record anywhere, so mail for '%s' goes to "
		    "its address records (implicit MX, RFC 5321 section 5.1); if it takes no "
		    "mail, publish a null MX with SPF and DMARC that reject everything, and if "
		    "it does, give it role: mail in the config",
		    z->name, z->name);
		suggest_parked(ctx, f, apex, true);
		return;
	}
	const char *rname = role == ZL_ROLE_PARKED ? "parked" : "web";
	for (size_t i = 0; i < nnodes; i++) {
		const zl_node_t *n = nodes[i];
		if (n != apex && !zl_node_first_in(n, ZL_TYPE_A, z) && !zl_node_first_in(n, ZL_TYPE_AAAA, z))
			continue;
		if (zl_node_first_in(n, ZL_TYPE_MX, z) || zl_node_first_in(n, ZL_TYPE_CNAME, z) ||
		    below_cut(n, z) ||
		    (n != apex && (n->label[0] == 0 || n->label[1] == '_')) ||
		    zl_ptrmap_has(mx_hosts, n))
			continue;
		char nb[ZL_NAME_STRLEN];
		zl_node_str(n, nb);
		zl_finding_t *f;
		if (n == apex)
			f = zl_emit_name(
			    ctx, ZL_R_NULLMX_MISSING, z, n, ZL_TYPE_MX,
			    "zone '%s' is a %s zone (config role) but has no null MX: %s (RFC 5321 "
			    "section 5.1); a null MX (RFC 7505) tells senders at once that it "
			    "takes "
			    "no mail and lets receivers reject mail forged in its name",
			    z->name, rname,
			    apex_addr ? "mail for it goes to its address records"
			              : "senders find no MX, retry and bounce only days later");
		else {
			const zl_rr_t *addr = zl_node_first_in(n, ZL_TYPE_A, z);
			if (!addr)
				addr = zl_node_first_in(n, ZL_TYPE_AAAA, z);
			f = zl_emit_at(
			    ctx, ZL_R_NULLMX_MISSING, z, n, ZL_TYPE_MX, addr->file, addr->line,
			    "'%s' in the %s zone '%s' has an address but no MX, so mail for it "
			    "goes "
			    "to that host (implicit MX, RFC 5321 section 5.1); publish a null MX "
			    "(RFC 7505) and \"v=spf1 -all\" for it",
			    nb, rname, z->name);
		}
		suggest_parked(ctx, f, n, n == apex);
	}
}

/* Per zone: whether it has any MX or SPF, and (when the implicit-MX rule
 * looks at every name, see check_implicit_mx) its nodes. */
typedef struct zacc {
	mailinfo_t mi;
	bool collect;
	const zl_node_t **nodes;
	size_t n, cap;
} zacc_t;

static zacc_t *zacc_new(zl_ctx_t *ctx, zl_arena_t *own, const zl_zone_t *z)
{
	zacc_t *acc = zl_arena_calloc(own, sizeof(*acc));
	const zl_zone_conf_t *conf = ctx->config ? zl_config_zone(ctx->config, z->name) : NULL;
	zl_role_t role = conf ? conf->role : ZL_ROLE_UNSET;
	/* as check_implicit_mx: only parked and web zones look past the apex */
	acc->collect = role != ZL_ROLE_UNSET && role != ZL_ROLE_MAIL && !z->is_reverse;
	return acc;
}

int zl_check_nullmx(zl_ctx_t *ctx)
{
	zl_ptrmap_t zones, mx_hosts;
	zl_ptrmap_init(&zones);
	zl_ptrmap_init(&mx_hosts);
	zl_arena_t own; /* the zaccs: the scratch arena is emptied after each name */
	zl_arena_init(&own);
	nullmx_memo_t memo;
	memo.spf_len = SIZE_MAX;
	memo.target_len = 0;
	const zl_zone_t *acc_zone = NULL; /* the zone of the last record, and its zacc */
	zacc_t *acc = NULL;
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		const zl_zone_t *last = NULL;
		bool used_scratch = false;
		for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr)) {
			if (!zl_rr_zone(rr))
				continue;
			if (zl_rr_zone(rr) != acc_zone) {
				bool fresh;
				void **slot = zl_ptrmap_slot(&zones, zl_rr_zone(rr), &fresh);
				if (fresh)
					*slot = zacc_new(ctx, &own, zl_rr_zone(rr));
				acc = *slot;
				acc_zone = zl_rr_zone(rr);
			}
			if (zl_rr_zone(rr) != last) {
				if (acc->collect && (!acc->n || acc->nodes[acc->n - 1] != n)) {
					if (acc->n == acc->cap) {
						acc->cap = acc->cap ? acc->cap * 2 : 64;
						acc->nodes = zl_xrealloc(
						    acc->nodes, acc->cap * sizeof(*acc->nodes));
					}
					acc->nodes[acc->n++] = n;
				}
				last = zl_rr_zone(rr);
			}
			if (rr->type == ZL_TYPE_MX) {
				acc->mi.mx = true;
				if (is_null_mx(rr) && first_null_mx(n, zl_rr_zone(rr)) == rr) {
					check_null_mx(ctx, &memo, n, rr);
					used_scratch = true;
				} else if (!is_null_mx(rr) && rr->rdlen > 3) {
					const uint8_t *t = zl_rr_rdata(rr) + 2;
					size_t tl = zl_wire_name_len(t, rr->rdlen - 2u);
					/* the same target as the MX before: already in */
					if (tl && (tl != memo.target_len ||
					           memcmp(memo.target, t, tl))) {
						lookup_t lk;
						if (locate(ctx->set, t, tl, &lk) == RES_NODE)
							zl_ptrmap_slot(&mx_hosts, lk.node, NULL);
						memcpy(memo.target, t, tl);
						memo.target_len = tl;
					}
				}
			} else if (rr->type == ZL_TYPE_TXT && !acc->mi.spf && !rr->opaque) {
				acc->mi.spf = txt_is_spf(rr);
			} else if (rr->type == ZL_TYPE_SPF) {
				acc->mi.spf = true;
			}
		}
		/* findings hold copies: nothing in the scratch arena outlives a name */
		if (used_scratch)
			zl_arena_reset(&ctx->scratch);
	}
	for (const zl_zone_t *z = ctx->set->zones; z; z = z->next) {
		zacc_t *za = zl_ptrmap_get(&zones, z);
		if (!za)
			continue;
		if (!z->load_failed)
			check_implicit_mx(ctx, z, &za->mi, &mx_hosts, za->nodes, za->n);
		free(za->nodes);
		za->nodes = NULL;
	}
	zl_arena_free(&own);
	zl_ptrmap_free(&mx_hosts);
	zl_ptrmap_free(&zones);
	return 0;
}
