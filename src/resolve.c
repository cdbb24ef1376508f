/* zonelint: looking up names outside the loaded zones (snapshot, check --resolve).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "resolve.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ldns/ldns.h>

#include "common.h"
#include "external.h"
#include "spf.h"
#include "util.h"

#define DEFAULT_BUDGET 500u
#define DEFAULT_TIMEOUT_MS 2000u
#define DEFAULT_TRIES 2u
#define SPF_LOOKUP_LIMIT 10u           /* RFC 7208 section 4.6.4 */
#define SPF_VOID_LIMIT 2u
#define SPF_MX_LIMIT 10u
#define CNAME_HOPS 16u
#define DEAD_AFTER 2u                  /* network errors in a row, nothing ever answered */

typedef enum qstatus { Q_ANSWER, Q_NODATA, Q_NXDOMAIN, Q_FAILED } qstatus_t;

/* One (name, type) lookup, cached for the run. */
typedef struct qentry {
	struct qentry *hnext;
	struct qentry *next;           /* in the order asked */
	uint8_t wire[256];
	size_t len;
	uint16_t type;
	qstatus_t status;
	char reason[96];               /* Q_FAILED */
	uint8_t final[256];            /* last name of the CNAME chain */
	size_t finallen;
	ldns_rr_list *rrs;             /* CNAMEs of the chain, then the answer */
} qentry_t;

typedef struct chain {
	unsigned lookups, voids;
	const uint8_t *stack[SPF_LOOKUP_LIMIT + 2];
	size_t stacklen[SPF_LOOKUP_LIMIT + 2];
	unsigned depth;
} chain_t;

typedef struct res {
	const zl_zoneset_t *set;
	ldns_resolver *r;
	qentry_t **table;
	size_t tsize, n;
	qentry_t *first, *last;
	unsigned budget, queries, errors_in_row;
	bool ever_answered, dead;
	zl_arena_t arena;
} res_t;

/* ---- the server address ----------------------------------------------------- */

static int parse_server(const char *s, ldns_rdf **addr, uint16_t *port, char *err, size_t errlen)
{
	char host[128];
	const char *ps = NULL;
	size_t sl = strlen(s);
	*addr = NULL;
	*port = 53;
	if (sl == 0 || sl >= sizeof(host))
		goto bad;
	if (s[0] == '[') {
		const char *e = strchr(s, ']');
		if (!e || (e[1] && e[1] != ':'))
			goto bad;
		memcpy(host, s + 1, (size_t)(e - s - 1));
		host[e - s - 1] = '\0';
		ps = e[1] ? e + 2 : NULL;
	} else {
		const char *c = strchr(s, ':');
		if (c && !strchr(c + 1, ':')) {
			memcpy(host, s, (size_t)(c - s));
			host[c - s] = '\0';
			ps = c + 1;
		} else {
			memcpy(host, s, sl + 1);
		}
	}
	if (ps) {
		uint64_t p;
		if (zl_parse_u64(ps, 1, 65535, &p))
			goto bad;
		*port = (uint16_t)p;
	}
	*addr = ldns_rdf_new_frm_str(strchr(host, ':') ? LDNS_RDF_TYPE_AAAA : LDNS_RDF_TYPE_A,
				     host);
	if (!*addr)
		goto bad;
	return 0;
bad:
	snprintf(err, errlen, "--resolver '%s' is not an IP address with an optional port "
		 "(192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:5353)", s);
	return ZL_EINVAL;
}

int zl_resolve_check_server(const char *server, char *err, size_t errlen)
{
	ldns_rdf *a;
	uint16_t port;
	int r = parse_server(server, &a, &port, err, errlen);
	ldns_rdf_deep_free(a);
	return r;
}

static int make_resolver(res_t *rs, const zl_resolve_opts_t *o, char *desc, size_t desclen,
			 char *err, size_t errlen)
{
	if (o->server) {
		ldns_rdf *a;
		uint16_t port;
		if (parse_server(o->server, &a, &port, err, errlen))
			return ZL_EINVAL;
		rs->r = ldns_resolver_new();
		if (!rs->r)
			zl_oom();
		ldns_resolver_push_nameserver(rs->r, a);
		ldns_rdf_deep_free(a);
		ldns_resolver_set_port(rs->r, port);
		snprintf(desc, desclen, "%s", o->server);
	} else {
		ldns_status s = ldns_resolver_new_frm_file(&rs->r, NULL);
		if (s != LDNS_STATUS_OK || !rs->r || !ldns_resolver_nameserver_count(rs->r)) {
			snprintf(err, errlen, "no system resolver: cannot use /etc/resolv.conf "
				 "(%s); give --resolver ADDR", s != LDNS_STATUS_OK ?
				 ldns_get_errorstr_by_id(s) : "no nameserver line");
			if (rs->r)
				ldns_resolver_deep_free(rs->r);
			rs->r = NULL;
			return ZL_EIO;
		}
		size_t o2 = (size_t)snprintf(desc, desclen, "system (");
		for (size_t i = 0; i < ldns_resolver_nameserver_count(rs->r) && o2 < desclen; i++) {
			char *t = ldns_rdf2str(ldns_resolver_nameservers(rs->r)[i]);
			o2 += (size_t)snprintf(desc + o2, desclen - o2, "%s%s", i ? " " : "",
					       t ? t : "?");
			free(t);
		}
		if (o2 < desclen)
			snprintf(desc + o2, desclen - o2, ")");
	}
	unsigned ms = o->timeout_ms ? o->timeout_ms : DEFAULT_TIMEOUT_MS;
	struct timeval tv = { (time_t)(ms / 1000), (suseconds_t)(ms % 1000) * 1000 };
	ldns_resolver_set_timeout(rs->r, tv);
	/* ldns counts tries, not retries */
	ldns_resolver_set_retry(rs->r, (uint8_t)(o->tries ? o->tries : DEFAULT_TRIES));
	ldns_resolver_set_retrans(rs->r, 0);
	ldns_resolver_set_recursive(rs->r, true);
	ldns_resolver_set_dnssec(rs->r, false);
	ldns_resolver_set_edns_udp_size(rs->r, 1232);
	ldns_resolver_set_fallback(rs->r, true); /* TCP when the answer is truncated */
	ldns_resolver_set_defnames(rs->r, false);
	ldns_resolver_set_dnsrch(rs->r, false);
	return 0;
}

/* ---- the cache and one lookup --------------------------------------------------- */

static uint32_t key_hash(const uint8_t *w, size_t len, uint16_t type)
{
	uint32_t h = 2166136261u ^ type;
	for (size_t i = 0; i < len; i++) {
		h ^= w[i];
		h *= 16777619u;
	}
	return h;
}

static void lower_wire(uint8_t *w, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (w[i] >= 'A' && w[i] <= 'Z')
			w[i] = (uint8_t)(w[i] + 32);
}

static bool rdf_is(const ldns_rdf *d, const uint8_t *w, size_t len)
{
	if (!d || ldns_rdf_size(d) != len)
		return false;
	const uint8_t *p = ldns_rdf_data(d);
	for (size_t i = 0; i < len; i++) {
		uint8_t c = p[i] >= 'A' && p[i] <= 'Z' ? (uint8_t)(p[i] + 32) : p[i];
		if (c != w[i])
			return false;
	}
	return true;
}

/* Follow the answer section from the query name through CNAMEs (RFC 1034
 * section 4.3.2); keep the chain and the records of the type asked. */
static void read_answer(qentry_t *q, const ldns_pkt *pkt)
{
	const ldns_rr_list *an = ldns_pkt_answer(pkt);
	size_t n = an ? ldns_rr_list_rr_count(an) : 0;
	memcpy(q->final, q->wire, q->len);
	q->finallen = q->len;
	q->rrs = ldns_rr_list_new();
	for (unsigned hops = 0; hops <= CNAME_HOPS; hops++) {
		bool found = false;
		const ldns_rr *cname = NULL;
		for (size_t i = 0; i < n; i++) {
			const ldns_rr *rr = ldns_rr_list_rr(an, i);
			if (ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN ||
			    !rdf_is(ldns_rr_owner(rr), q->final, q->finallen))
				continue;
			if (ldns_rr_get_type(rr) == q->type) {
				ldns_rr_list_push_rr(q->rrs, ldns_rr_clone(rr));
				found = true;
			} else if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_CNAME && !cname) {
				cname = rr;
			}
		}
		if (found || !cname || q->type == LDNS_RR_TYPE_CNAME)
			return;
		const ldns_rdf *t = ldns_rr_rdf(cname, 0);
		if (!t || ldns_rdf_size(t) > 255)
			return;
		ldns_rr_list_push_rr(q->rrs, ldns_rr_clone(cname));
		q->finallen = ldns_rdf_size(t);
		memcpy(q->final, ldns_rdf_data(t), q->finallen);
		lower_wire(q->final, q->finallen);
	}
}

static bool has_type(const ldns_rr_list *l, ldns_rr_type t)
{
	for (size_t i = 0; l && i < ldns_rr_list_rr_count(l); i++)
		if (ldns_rr_get_type(ldns_rr_list_rr(l, i)) == t)
			return true;
	return false;
}

static void fail(qentry_t *q, const char *fmt, const char *arg)
{
	q->status = Q_FAILED;
	snprintf(q->reason, sizeof(q->reason), fmt, arg);
}

static void ask(res_t *rs, qentry_t *q)
{
	if (rs->dead) {
		fail(q, "%s", "the resolver is not answering");
		return;
	}
	if (rs->queries >= rs->budget) {
		char b[32];
		snprintf(b, sizeof(b), "%u", rs->budget);
		fail(q, "query budget of %s exhausted (external: resolve-budget)", b);
		return;
	}
	rs->queries++;
	/* ldns stops asking a server once a query to it has failed; a timeout
	 * for one name says nothing about the next, so ask it again */
	for (size_t i = 0; i < ldns_resolver_nameserver_count(rs->r); i++)
		ldns_resolver_set_nameserver_rtt(rs->r, i, LDNS_RESOLV_RTT_MIN);
	ldns_rdf *name = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, q->len, q->wire);
	ldns_pkt *pkt = NULL;
	ldns_status s = ldns_resolver_query_status(&pkt, rs->r, name, (ldns_rr_type)q->type,
						   LDNS_RR_CLASS_IN, LDNS_RD);
	ldns_rdf_deep_free(name);
	if (s != LDNS_STATUS_OK || !pkt) {
		if (pkt)
			ldns_pkt_free(pkt);
		fail(q, "%s", s == LDNS_STATUS_NETWORK_ERR || s == LDNS_STATUS_RES_NO_NS ?
			 "timeout" : ldns_get_errorstr_by_id(s));
		if (++rs->errors_in_row >= DEAD_AFTER && !rs->ever_answered)
			rs->dead = true;
		return;
	}
	rs->ever_answered = true;
	rs->errors_in_row = 0;
	ldns_pkt_rcode rc = ldns_pkt_get_rcode(pkt);
	if (rc == LDNS_RCODE_NOERROR || rc == LDNS_RCODE_NXDOMAIN) {
		read_answer(q, pkt);
		if (has_type(q->rrs, (ldns_rr_type)q->type))
			q->status = Q_ANSWER;
		else if (rc == LDNS_RCODE_NXDOMAIN)
			q->status = Q_NXDOMAIN;
		else if (!ldns_pkt_aa(pkt) && !ldns_pkt_ancount(pkt) &&
			 has_type(ldns_pkt_authority(pkt), LDNS_RR_TYPE_NS) &&
			 !has_type(ldns_pkt_authority(pkt), LDNS_RR_TYPE_SOA))
			fail(q, "%s", "referral: the resolver does not recurse");
		else
			q->status = Q_NODATA;
	} else {
		const ldns_lookup_table *lt = ldns_lookup_by_id(ldns_rcodes, (int)rc);
		fail(q, "%s", lt && lt->name ? lt->name : "error");
	}
	ldns_pkt_free(pkt);
}

static qentry_t *lookup(res_t *rs, const uint8_t *wire, size_t len, uint16_t type)
{
	uint8_t w[256];
	if (len == 0 || len > 255)
		return NULL;
	memcpy(w, wire, len);
	lower_wire(w, len);
	uint32_t h = key_hash(w, len, type);
	for (qentry_t *q = rs->table[h & (rs->tsize - 1)]; q; q = q->hnext)
		if (q->type == type && q->len == len && !memcmp(q->wire, w, len))
			return q;
	if (rs->n + 1 > rs->tsize / 2) {
		size_t ns = rs->tsize * 2;
		qentry_t **t = zl_xcalloc(ns, sizeof(*t));
		for (qentry_t *q = rs->first; q; q = q->next) {
			uint32_t qh = key_hash(q->wire, q->len, q->type);
			q->hnext = t[qh & (ns - 1)];
			t[qh & (ns - 1)] = q;
		}
		free(rs->table);
		rs->table = t;
		rs->tsize = ns;
	}
	qentry_t *q = zl_xcalloc(1, sizeof(*q));
	memcpy(q->wire, w, len);
	q->len = len;
	q->type = type;
	q->hnext = rs->table[h & (rs->tsize - 1)];
	rs->table[h & (rs->tsize - 1)] = q;
	if (rs->last)
		rs->last->next = q;
	else
		rs->first = q;
	rs->last = q;
	rs->n++;
	ask(rs, q);
	return q;
}

/* Whether a name lies outside every loaded zone (only those are looked up). */
static bool outside(const zl_zoneset_t *set, const uint8_t *w, size_t len)
{
	while (len > 0) {
		const zl_node_t *n = zl_zoneset_find(set, w, len);
		if (n)
			return !zl_external_in_loaded_zone(set, n);
		if (len <= 1)
			break;
		size_t skip = (size_t)w[0] + 1;
		w += skip;
		len -= skip;
	}
	return true;
}

/* ---- following what the zones refer to --------------------------------------------- */

static void addresses(res_t *rs, const uint8_t *w, size_t len, bool *any)
{
	qentry_t *a = lookup(rs, w, len, LDNS_RR_TYPE_A);
	qentry_t *aaaa = lookup(rs, w, len, LDNS_RR_TYPE_AAAA);
	if (any)
		*any = (a && a->status == Q_ANSWER) || (aaaa && aaaa->status == Q_ANSWER);
}

/* RFC 7208 5.4: the MX hosts' addresses, at most 10 hosts. */
static bool spf_mx(res_t *rs, const uint8_t *w, size_t len)
{
	qentry_t *q = lookup(rs, w, len, LDNS_RR_TYPE_MX);
	if (!q || q->status != Q_ANSWER)
		return false;
	unsigned hosts = 0;
	for (size_t i = 0; i < ldns_rr_list_rr_count(q->rrs) && hosts < SPF_MX_LIMIT; i++) {
		const ldns_rr *rr = ldns_rr_list_rr(q->rrs, i);
		const ldns_rdf *h = ldns_rr_get_type(rr) == LDNS_RR_TYPE_MX ? ldns_rr_rdf(rr, 1)
									     : NULL;
		if (!h || ldns_rdf_size(h) <= 1 || ldns_rdf_size(h) > 255)
			continue; /* null MX: nothing to look up */
		hosts++;
		uint8_t hw[256];
		size_t hl = ldns_rdf_size(h);
		memcpy(hw, ldns_rdf_data(h), hl);
		lower_wire(hw, hl);
		if (outside(rs->set, hw, hl))
			addresses(rs, hw, hl, NULL);
	}
	return true;
}

static void spf_follow(res_t *rs, chain_t *c, const uint8_t *w, size_t len);

typedef struct walkarg {
	res_t *rs;
	chain_t *c;
} walkarg_t;

/* One term of an SPF record being followed; nonzero stops the record. */
static int spf_term(void *arg, const zl_rr_t *rr, const uint8_t *w, size_t len,
		    zl_ext_ref_kind_t kind)
{
	(void)rr;
	walkarg_t *wa = arg;
	res_t *rs = wa->rs;
	chain_t *c = wa->c;
	/* RFC 7208 4.6.4: every term below costs a lookup; receivers stop
	 * (permerror) past 10, and past 2 void lookups */
	if (++c->lookups > SPF_LOOKUP_LIMIT || c->voids > SPF_VOID_LIMIT)
		return 1;
	if (!outside(rs->set, w, len))
		return 0; /* the loaded zone answers; the checks read it there */
	bool any = true;
	switch (kind) {
	case ZL_EXT_REF_SPF_INCLUDE:
		spf_follow(rs, c, w, len);
		break;
	case ZL_EXT_REF_SPF_A:
		addresses(rs, w, len, &any);
		break;
	case ZL_EXT_REF_SPF_MX:
		any = spf_mx(rs, w, len);
		break;
	case ZL_EXT_REF_SPF_EXISTS: {
		qentry_t *q = lookup(rs, w, len, LDNS_RR_TYPE_A);
		any = q && q->status == Q_ANSWER;
		break;
	}
	default:
		break;
	}
	if (!any)
		c->voids++;
	return 0;
}

/* The SPF record at @p w (include: or redirect= target), and what it names. */
static void spf_follow(res_t *rs, chain_t *c, const uint8_t *w, size_t len)
{
	for (unsigned i = 0; i < c->depth; i++)
		if (c->stacklen[i] == len && !memcmp(c->stack[i], w, len))
			return; /* a loop: the checks report it */
	if (c->depth >= ZL_ARRAY_SIZE(c->stack))
		return;
	qentry_t *q = lookup(rs, w, len, LDNS_RR_TYPE_TXT);
	if (!q || q->status == Q_FAILED)
		return;
	if (q->status != Q_ANSWER) {
		c->voids++;
		return;
	}
	/* RFC 7208 4.5: exactly one record starting "v=spf1" */
	const char *spf = NULL;
	size_t spflen = 0;
	unsigned nspf = 0;
	for (size_t i = 0; i < ldns_rr_list_rr_count(q->rrs); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(q->rrs, i);
		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_TXT)
			continue;
		size_t tl = 0;
		for (size_t k = 0; k < ldns_rr_rd_count(rr); k++)
			tl += ldns_rdf_size(ldns_rr_rdf(rr, k)) - 1u;
		char *t = zl_arena_alloc(&rs->arena, tl + 1);
		size_t o = 0;
		for (size_t k = 0; k < ldns_rr_rd_count(rr); k++) {
			const ldns_rdf *d = ldns_rr_rdf(rr, k);
			memcpy(t + o, ldns_rdf_data(d) + 1, ldns_rdf_size(d) - 1u);
			o += ldns_rdf_size(d) - 1u;
		}
		t[o] = '\0';
		if (zl_spf_is_spf(t, o)) {
			nspf++;
			spf = t;
			spflen = o;
		}
	}
	if (nspf != 1)
		return; /* none, or several: permerror, nothing further is looked up */
	c->stack[c->depth] = q->wire;
	c->stacklen[c->depth] = q->len;
	c->depth++;
	walkarg_t wa = { rs, c };
	/* "a" and "mx" alone mean the domain being evaluated: the name asked */
	zl_external_spf_refs(spf, spflen, q->wire, q->len, &rs->arena, spf_term, &wa, NULL);
	c->depth--;
}

/* A name a loaded zone refers to. */
static int seed(void *arg, const zl_rr_t *rr, const uint8_t *w, size_t len,
		zl_ext_ref_kind_t kind)
{
	(void)rr;
	res_t *rs = arg;
	if (!outside(rs->set, w, len))
		return 0;
	chain_t c = { 0 };
	c.lookups = 1; /* the term in the loaded zone */
	switch (kind) {
	case ZL_EXT_REF_SPF_INCLUDE:
		spf_follow(rs, &c, w, len);
		break;
	case ZL_EXT_REF_SPF_A:
	case ZL_EXT_REF_MX_HOST:
		addresses(rs, w, len, NULL);
		break;
	case ZL_EXT_REF_SPF_MX:
		spf_mx(rs, w, len);
		break;
	case ZL_EXT_REF_SPF_EXISTS:
		lookup(rs, w, len, LDNS_RR_TYPE_A);
		break;
	case ZL_EXT_REF_DMARC_AUTH:
		lookup(rs, w, len, LDNS_RR_TYPE_TXT);
		break;
	}
	return 0;
}

/* ---- the snapshot text ---------------------------------------------------------------- */

typedef struct out {
	char *buf;
	size_t len, cap;
	char **seen;                   /* records written, to write each once */
	size_t nseen, seencap;
} out_t;

static void put(out_t *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		o->cap = (o->len + n + 1) * 2;
		o->buf = zl_xrealloc(o->buf, o->cap);
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static void putf(out_t *o, const char *fmt, ...) ZL_PRINTF(2, 3);
static void putf(out_t *o, const char *fmt, ...)
{
	char b[2048];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b, sizeof(b), fmt, ap);
	va_end(ap);
	if (n > 0)
		put(o, b, (size_t)n < sizeof(b) ? (size_t)n : sizeof(b) - 1);
}

static bool seen_before(out_t *o, const char *s)
{
	size_t len = strlen(s);
	uint32_t h = key_hash((const uint8_t *)s, len, 0);
	if ((o->nseen + 1) * 2 > o->seencap) {
		size_t nc = o->seencap ? o->seencap * 2 : 256;
		char **t = zl_xcalloc(nc, sizeof(*t));
		for (size_t i = 0; i < o->seencap; i++)
			if (o->seen[i]) {
				uint32_t k = key_hash((const uint8_t *)o->seen[i],
						      strlen(o->seen[i]), 0);
				size_t j = k & (nc - 1);
				while (t[j])
					j = (j + 1) & (nc - 1);
				t[j] = o->seen[i];
			}
		free(o->seen);
		o->seen = t;
		o->seencap = nc;
	}
	size_t j = h & (o->seencap - 1);
	for (; o->seen[j]; j = (j + 1) & (o->seencap - 1))
		if (!strcmp(o->seen[j], s))
			return true;
	o->seen[j] = strdup(s);
	if (!o->seen[j])
		zl_oom();
	o->nseen++;
	return false;
}

static const char *type_name(uint16_t t, char *buf)
{
	return zl_type_str(t, buf);
}

static void write_entry(res_t *rs, out_t *o, const qentry_t *q)
{
	char nb[ZL_NAME_STRLEN], tb[16];
	if (q->status == Q_FAILED) {
		zl_wire_name_str(q->wire, q->len, nb);
		putf(o, "; zonelint-lookup-failed: %s %s %s\n", nb, type_name(q->type, tb),
		     q->reason);
		return;
	}
	for (size_t i = 0; q->rrs && i < ldns_rr_list_rr_count(q->rrs); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(q->rrs, i);
		const ldns_rdf *ow = ldns_rr_owner(rr);
		uint8_t w[256];
		size_t wl = ldns_rdf_size(ow);
		if (wl > 255)
			continue;
		memcpy(w, ldns_rdf_data(ow), wl);
		lower_wire(w, wl);
		if (!outside(rs->set, w, wl))
			continue; /* the loaded zone is the authority there */
		char *s = ldns_rr2str(rr);
		if (!s)
			continue;
		size_t sl = strlen(s);
		while (sl && (s[sl - 1] == '\n' || s[sl - 1] == ' '))
			s[--sl] = '\0';
		if (!seen_before(o, s)) {
			put(o, s, sl);
			put(o, "\n", 1);
		}
		free(s);
	}
	if (q->status == Q_ANSWER || !outside(rs->set, q->final, q->finallen))
		return;
	zl_wire_name_str(q->final, q->finallen, nb);
	char line[ZL_NAME_STRLEN + 64];
	snprintf(line, sizeof(line), "; zonelint-%s: %s %s\n",
		 q->status == Q_NXDOMAIN ? "nxdomain" : "nodata", nb, type_name(q->type, tb));
	if (!seen_before(o, line))
		put(o, line, strlen(line));
}

int zl_resolve_snapshot(const zl_zoneset_t *set, const zl_resolve_opts_t *opts, char **text,
			size_t *len, zl_resolve_stats_t *stats, char *err, size_t errlen)
{
	res_t rs;
	memset(&rs, 0, sizeof(rs));
	rs.set = set;
	rs.budget = opts->budget ? opts->budget : DEFAULT_BUDGET;
	char desc[512];
	int r = make_resolver(&rs, opts, desc, sizeof(desc), err, errlen);
	if (r)
		return r;
	rs.tsize = 256;
	rs.table = zl_xcalloc(rs.tsize, sizeof(*rs.table));
	zl_arena_init(&rs.arena);
	time_t now = time(NULL);

	for (const zl_node_t *n = zl_zoneset_nodes(set); n; n = zl_node_next(n))
		for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr)) {
			if (!zl_rr_zone(rr) || zl_rr_zone(rr)->external ||
			    (rr->type != ZL_TYPE_TXT && rr->type != ZL_TYPE_MX))
				continue;
			zl_external_rr_refs(rr, &rs.arena, seed, &rs);
			zl_arena_free(&rs.arena);
		}

	out_t o = { 0 };
	struct tm tm;
	gmtime_r(&now, &tm);
	char when[32];
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	unsigned failed = 0;
	for (const qentry_t *q = rs.first; q; q = q->next)
		failed += q->status == Q_FAILED;
	putf(&o, "%s\n; taken: %s\n; resolver: %s\n", ZL_SNAPSHOT_MAGIC, when, desc);
	putf(&o, "; lookups: %zu (%u queries, %u failed)\n", rs.n, rs.queries, failed);
	for (const qentry_t *q = rs.first; q; q = q->next)
		write_entry(&rs, &o, q);
	if (stats) {
		stats->queries = rs.queries;
		stats->lookups = (unsigned)rs.n;
		stats->failed = failed;
	}
	for (qentry_t *q = rs.first, *next; q; q = next) {
		next = q->next;
		if (q->rrs)
			ldns_rr_list_deep_free(q->rrs);
		free(q);
	}
	for (size_t i = 0; i < o.seencap; i++)
		free(o.seen[i]);
	free(o.seen);
	free(rs.table);
	zl_arena_free(&rs.arena);
	ldns_resolver_deep_free(rs.r);
	*text = o.buf;
	*len = o.len;
	return 0;
}
