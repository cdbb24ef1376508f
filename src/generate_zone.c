/* zonelint: `generate parked --zone`, what a loaded zone lacks to be hardened against spoofing.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dkimrec.h"
#include "dmarc.h"
#include "generate.h"
#include "spf.h"
#include "util.h"

/*
 * A name that receives or sends mail must not get a null MX or "-all": that
 * would bounce its mail or make receivers refuse what it sends.  So the
 * test for "has a mail setup" errs on the side of leaving a name alone:
 * any real MX, any SPF record that authorizes someone, a DKIM key that is
 * not revoked, being the host an MX points to (its HELO name is checked
 * against its own SPF record, RFC 7208 section 2.3), being named by an SPF
 * a: term, or having an address an SPF ip4:/ip6: range covers.
 */

/* ---- a set of node pointers (open addressing, grows) ---- */

typedef struct ptrset {
	const void **v;
	size_t cap, n;
} ptrset_t;

static size_t ph(const void *p, size_t cap)
{
	uintptr_t x = (uintptr_t)p;
	x ^= x >> 17;
	x *= (uintptr_t)0x9e3779b97f4a7c15ull;
	return (size_t)(x ^ (x >> 29)) & (cap - 1);
}

static void ps_add(zl_arena_t *a, ptrset_t *s, const void *p)
{
	if (!p)
		return;
	if ((s->n + 1) * 2 > s->cap) {
		ptrset_t t = { zl_arena_calloc(a, (s->cap ? s->cap * 2 : 64) * sizeof(void *)),
			       s->cap ? s->cap * 2 : 64, 0 };
		for (size_t i = 0; i < s->cap; i++)
			if (s->v[i])
				ps_add(a, &t, s->v[i]);
		*s = t;
	}
	size_t i = ph(p, s->cap);
	while (s->v[i] && s->v[i] != p)
		i = (i + 1) & (s->cap - 1);
	if (!s->v[i]) {
		s->v[i] = p;
		s->n++;
	}
}

static bool ps_has(const ptrset_t *s, const void *p)
{
	if (!s->cap)
		return false;
	size_t i = ph(p, s->cap);
	while (s->v[i]) {
		if (s->v[i] == p)
			return true;
		i = (i + 1) & (s->cap - 1);
	}
	return false;
}

/* ---- what the whole set says about mail ---- */

typedef struct net {
	int af;
	unsigned prefix;
	unsigned char addr[16];
} net_t;

typedef struct facts {
	ptrset_t mail_hosts;   /* MX targets and SPF a: names */
	ptrset_t signers;      /* names with an unrevoked DKIM key below _domainkey */
	ptrset_t ptr_domains;  /* domains an SPF ptr term authorizes every host of */
	net_t *nets;           /* addresses SPF authorizes: ip4:/ip6:, a and mx */
	size_t nnets, capnets;
} facts_t;

static bool label_is(const zl_node_t *n, const char *label)
{
	size_t l = strlen(label);
	return n->wirelen > l && n->label[0] == l && !memcmp(n->label + 1, label, l);
}

static const zl_node_t *find_wire_name(const zl_zoneset_t *set, const uint8_t *w, size_t max)
{
	size_t l = zl_wire_name_len(w, max);
	return l ? zl_zoneset_find(set, w, l) : NULL;
}

/* The SPF record text of @p rr, or NULL. */
static char *spf_text(zl_arena_t *a, const zl_rr_t *rr, size_t *len)
{
	char *t = zl_rr_txt(a, rr, len);
	return zl_spf_is_spf(t, *len) ? t : NULL;
}

static void add_net(zl_arena_t *a, facts_t *f, int af, unsigned prefix, const uint8_t *addr)
{
	if (f->nnets == f->capnets) {
		size_t nc = f->capnets ? f->capnets * 2 : 16;
		net_t *nv = zl_arena_alloc(a, nc * sizeof(*nv));
		if (f->nnets)
			memcpy(nv, f->nets, f->nnets * sizeof(*nv));
		f->nets = nv;
		f->capnets = nc;
	}
	net_t *x = &f->nets[f->nnets++];
	memset(x, 0, sizeof(*x));
	x->af = af;
	x->prefix = prefix;
	memcpy(x->addr, addr, af == 4 ? 4 : 16);
}

/* The addresses of @p n, as an SPF a term with this dual-cidr sees them. */
static void add_addresses(zl_arena_t *a, facts_t *f, const zl_node_t *n,
			  const zl_spf_dual_cidr_t *c)
{
	for (const zl_rr_t *rr = n ? zl_node_rrs(n) : NULL; rr; rr = zl_rr_next(rr)) {
		if (rr->type == ZL_TYPE_A && rr->rdlen == 4)
			add_net(a, f, 4, c->ip4, zl_rr_rdata(rr));
		else if (rr->type == ZL_TYPE_AAAA && rr->rdlen == 16)
			add_net(a, f, 6, c->ip6, zl_rr_rdata(rr));
	}
}

/* The node a term's domain-spec names (its record's owner when absent). */
static const zl_node_t *term_node(zl_arena_t *a, const zl_zoneset_t *set,
				  const zl_spf_term_t *term, const zl_node_t *owner)
{
	if (!term->domain.present)
		return owner;
	if (term->domain.has_macro)
		return NULL;
	char *n = zl_arena_strndup(a, term->domain.text, term->domain.len);
	if (n[0] && n[strlen(n) - 1] != '.')
		n = zl_arena_printf(a, "%s.", n);
	return zl_zoneset_find_str(set, n, NULL);
}

static void learn_spf(zl_arena_t *a, const zl_zoneset_t *set, facts_t *f, const zl_rr_t *rr)
{
	size_t l;
	char *t = spf_text(a, rr, &l);
	if (!t)
		return;
	zl_spf_record_t rec;
	zl_spf_parse(&rec, t, l, a);
	for (size_t i = 0; i < rec.n_terms; i++) {
		const zl_spf_term_t *term = &rec.terms[i];
		if (!term->valid)
			continue;
		const zl_node_t *t;
		switch (term->kind) {
		case ZL_SPF_A:
			/* the host named sends mail, and so does every name of its
			 * addresses (RFC 7208 section 5.3) */
			t = term_node(a, set, term, zl_rr_owner(rr));
			if (term->domain.present)
				ps_add(a, &f->mail_hosts, t);
			add_addresses(a, f, t, &term->cidr);
			break;
		case ZL_SPF_MX:
			/* the hosts of the domain's MX records (RFC 7208 section 5.4) */
			t = term_node(a, set, term, zl_rr_owner(rr));
			for (const zl_rr_t *mx = t ? zl_node_first(t, ZL_TYPE_MX) : NULL; mx;
			     mx = zl_rr_next_same(mx))
				if (mx->rdlen > 3)
					add_addresses(a, f, find_wire_name(set, zl_rr_rdata(mx) + 2,
							mx->rdlen - 2u), &term->cidr);
			break;
		case ZL_SPF_PTR:
			/* every host whose reverse name is in the domain (section 5.5) */
			ps_add(a, &f->ptr_domains, term_node(a, set, term, zl_rr_owner(rr)));
			break;
		case ZL_SPF_IP4:
		case ZL_SPF_IP6:
			if (term->addr.family != ZL_SPF_AF_NONE)
				add_net(a, f, term->addr.family == ZL_SPF_AF_INET4 ? 4 : 6,
					term->prefix, term->addr.bytes);
			break;
		default:
			break;
		}
	}
}

static void learn(zl_arena_t *a, const zl_zoneset_t *set, facts_t *f)
{
	for (const zl_node_t *n = zl_zoneset_nodes(set); n; n = zl_node_next(n)) {
		for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr)) {
			if (rr->opaque)
				continue;
			if (rr->type == ZL_TYPE_MX && rr->rdlen > 2 && zl_rr_rdata(rr)[2] != 0)
				ps_add(a, &f->mail_hosts,
				       find_wire_name(set, zl_rr_rdata(rr) + 2, rr->rdlen - 2u));
			if (rr->type != ZL_TYPE_TXT)
				continue;
			learn_spf(a, set, f, rr);
			/* <selector>._domainkey.<name>: a live key means <name> signs mail */
			const zl_node_t *up = zl_node_parent(n);
			if (!up || !zl_node_parent(up) || !label_is(up, "_domainkey"))
				continue;
			size_t l;
			char *t = zl_rr_txt(a, rr, &l);
			if (!zl_dkimrec_looks_like_dkim(t, l))
				continue;
			zl_dkimrec_t k;
			zl_dkimrec_parse(&k, t, l, a);
			if (!k.revoked)
				ps_add(a, &f->signers, zl_node_parent(up));
		}
	}
}

static bool in_nets(const facts_t *f, const zl_rr_t *rr)
{
	int af = rr->type == ZL_TYPE_A ? 4 : 6;
	if (rr->rdlen != (af == 4 ? 4 : 16))
		return false;
	for (size_t i = 0; i < f->nnets; i++) {
		const net_t *x = &f->nets[i];
		if (x->af != af)
			continue;
		bool match = true;
		for (unsigned b = 0; b < x->prefix && match; b++)
			match = ((x->addr[b / 8] ^ zl_rr_rdata(rr)[b / 8]) >> (7 - b % 8) & 1) == 0;
		if (match)
			return true;
	}
	return false;
}

static bool is_null_mx(const zl_rr_t *rr)
{
	return rr->rdlen == 3 && zl_rr_rdata(rr)[2] == 0;
}

/* An SPF record that authorizes no one: "v=spf1 -all", modifiers other than
 * redirect= allowed. */
static bool spf_is_none(zl_arena_t *a, const char *t, size_t l)
{
	zl_spf_record_t rec;
	zl_spf_parse(&rec, t, l, a);
	if (rec.n_errors)
		return false;
	size_t alls = 0;
	for (size_t i = 0; i < rec.n_terms; i++) {
		const zl_spf_term_t *term = &rec.terms[i];
		if (term->kind == ZL_SPF_EXP || term->kind == ZL_SPF_UNKNOWN_MOD)
			continue;
		if (term->kind != ZL_SPF_ALL || term->qualifier != '-')
			return false;
		alls++;
	}
	return alls == 1;
}

static bool has_mail_setup(zl_arena_t *a, const facts_t *f, const zl_node_t *n)
{
	if (ps_has(&f->mail_hosts, n) || ps_has(&f->signers, n))
		return true;
	for (const zl_node_t *p = n; p; p = zl_node_parent(p))
		if (ps_has(&f->ptr_domains, p))
			return true;
	for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr)) {
		if (rr->opaque)
			continue;
		if (rr->type == ZL_TYPE_MX && !is_null_mx(rr))
			return true;
		if ((rr->type == ZL_TYPE_A || rr->type == ZL_TYPE_AAAA) && in_nets(f, rr))
			return true;
		size_t l;
		char *t;
		if (rr->type == ZL_TYPE_TXT && (t = spf_text(a, rr, &l)) && !spf_is_none(a, t, l))
			return true;
	}
	return false;
}

/* ---- building the block of one zone ---- */

typedef struct zctx {
	zl_recset_t *rs;
	const zl_zoneset_t *set;
	const zl_zone_t *zone;
	zl_recset_block_t *block;
	uint32_t ttl;
} zctx_t;

static zl_recset_block_t *block(zctx_t *z)
{
	if (!z->block) {
		z->block = zl_recset_block(z->rs, z->zone->name,
			"zone %.*s: what it lacks to be safe from spoofing",
			(int)strlen(z->zone->name) - 1, z->zone->name);
		zl_recset_note(z->rs, z->block, false, "Names with a mail setup are left alone.  "
			       "A mail server's HELO name needs an SPF");
		zl_recset_note(z->rs, z->block, false, "record that passes it (RFC 7208 section "
			       "2.3): drop any name below that your servers use.");
	}
	return z->block;
}

static void add(zctx_t *z, const char *owner, uint16_t type, const char *text,
		const char *rdata)
{
	zl_recset_add(z->rs, block(z), owner, z->ttl, type, text, rdata);
}

static void removal(zctx_t *z, const zl_rr_t *rr)
{
	zl_arena_t *a = z->rs->arena;
	char buf[ZL_NAME_STRLEN];
	zl_recset_rr_t *x = zl_recset_add(z->rs, block(z), zl_node_str(zl_rr_owner(rr), buf), rr->ttl,
					  rr->type, NULL, zl_rr_rdata_str(a, rr));
	x->remove = true;
	if (rr->file < z->set->nfiles)
		x->origin = zl_arena_printf(a, "%s:%u", z->set->files[rr->file].display, rr->line);
}

/* Records of @p type at @p n that belong to this zone. */
static const zl_rr_t *first_of(const zctx_t *z, const zl_node_t *n, uint16_t type)
{
	for (const zl_rr_t *rr = n ? zl_node_first(n, type) : NULL; rr; rr = zl_rr_next_same(rr))
		if (zl_rr_zone(rr) == z->zone && !rr->opaque)
			return rr;
	return NULL;
}

static const zl_rr_t *next_of(const zctx_t *z, const zl_rr_t *rr)
{
	while ((rr = zl_rr_next_same(rr)))
		if (zl_rr_zone(rr) == z->zone && !rr->opaque)
			return rr;
	return NULL;
}

/* Null MX and "v=spf1 -all" at a name without a mail setup. */
static void harden_name(zctx_t *z, const zl_node_t *n, const char *name)
{
	zl_arena_t *a = z->rs->arena;
	size_t nmx = 0;
	bool ok = false;
	for (const zl_rr_t *rr = first_of(z, n, ZL_TYPE_MX); rr; rr = next_of(z, rr)) {
		nmx++;
		ok = zl_rr_rdata(rr)[0] == 0 && zl_rr_rdata(rr)[1] == 0;
	}
	if (nmx != 1 || !ok) {
		/* RFC 7505 section 3: exactly one MX, preference 0, target "." */
		for (const zl_rr_t *rr = first_of(z, n, ZL_TYPE_MX); rr; rr = next_of(z, rr))
			removal(z, rr);
		add(z, name, ZL_TYPE_MX, NULL, "0 .");
	}
	size_t nspf = 0;
	for (const zl_rr_t *rr = first_of(z, n, ZL_TYPE_TXT); rr; rr = next_of(z, rr)) {
		size_t l;
		if (!spf_text(a, rr, &l))
			continue;
		/* a second SPF record makes the result permerror (RFC 7208 section 4.5) */
		if (nspf++)
			removal(z, rr);
	}
	if (!nspf)
		add(z, name, ZL_TYPE_TXT, ZL_GENERATE_SPF_NONE, NULL);
}

/* Whether a parsed DMARC record already makes receivers reject everything. */
static bool dmarc_hardened(const zl_dmarc_t *d)
{
	if (d->discarded_7489 || d->discarded_9989)
		return false;
	if (d->p != ZL_DMARC_POLICY_REJECT)
		return false;
	if (d->field[ZL_DMARC_TAG_SP].tag && d->sp != ZL_DMARC_POLICY_REJECT)
		return false;
	if (d->field[ZL_DMARC_TAG_NP].tag && d->np != ZL_DMARC_POLICY_REJECT)
		return false;
	if (d->field[ZL_DMARC_TAG_PCT].tag && d->pct != 100)
		return false;
	return true;
}

/* The mailto: URIs of a parsed rua/ruf list, as text. */
static const char **uris_of(zl_arena_t *a, const zl_dmarc_uri_t *v, size_t n, size_t *out_n)
{
	const char **out = zl_arena_alloc(a, (n + 1) * sizeof(*out));
	*out_n = 0;
	for (size_t i = 0; i < n; i++) {
		if (!v[i].valid || v[i].uri.scheme != ZL_TV_SCHEME_MAILTO)
			continue;
		const char *u = zl_arena_strndup(a, v[i].uri.text, v[i].uri.len);
		if (zl_generate_dmarc_uris(a, &u, 1, NULL, 0))
			continue;
		out[(*out_n)++] = u;
	}
	return out;
}

/* @return whether a DMARC record was added */
static bool harden_dmarc(zctx_t *z, const zl_parked_opts_t *o)
{
	zl_arena_t *a = z->rs->arena;
	const zl_node_t *apex = z->zone->apex;
	const zl_node_t *dn = zl_node_child(z->set, apex, "_dmarc");
	if (first_of(z, dn, ZL_TYPE_CNAME))
		return false; /* a shared policy elsewhere: deliberate */
	const zl_rr_t *keep = NULL;
	size_t ndmarc = 0;
	for (const zl_rr_t *rr = first_of(z, dn, ZL_TYPE_TXT); rr; rr = next_of(z, rr)) {
		size_t l;
		char *t = zl_rr_txt(a, rr, &l);
		if (zl_dmarc_is_dmarc(t, l)) {
			if (!ndmarc++)
				keep = rr;
		}
	}
	zl_dmarc_policy_opts_t d = zl_generate_parked_dmarc(o->rua, o->nrua);
	if (ndmarc == 1) {
		size_t l;
		char *t = zl_rr_txt(a, keep, &l);
		zl_dmarc_t parsed;
		zl_dmarc_parse(&parsed, t, l, a);
		if (dmarc_hardened(&parsed))
			return false;
		if (!o->nrua) {
			d.rua = uris_of(a, parsed.rua, parsed.n_rua, &d.nrua);
			d.ruf = uris_of(a, parsed.ruf, parsed.n_ruf, &d.nruf);
		}
	}
	/* replace every DMARC record and near miss ("v=dmarc1", ...) by one */
	for (const zl_rr_t *rr = first_of(z, dn, ZL_TYPE_TXT); rr; rr = next_of(z, rr)) {
		size_t l;
		char *t = zl_rr_txt(a, rr, &l);
		if (zl_dmarc_is_dmarc(t, l) || zl_dmarc_looks_like_dmarc(t, l))
			removal(z, rr);
	}
	const char *apex_name = z->zone->name;
	add(z, zl_arena_printf(a, "_dmarc.%s", apex_name), ZL_TYPE_TXT,
	    zl_generate_dmarc_record(a, &d), NULL);
	return true;
}

static void harden_dkim(zctx_t *z)
{
	zl_arena_t *a = z->rs->arena;
	const zl_node_t *dk = zl_node_child(z->set, z->zone->apex, "_domainkey");
	const zl_node_t *w = dk ? zl_node_child(z->set, dk, "*") : NULL;
	if (first_of(z, w, ZL_TYPE_CNAME))
		return;
	for (const zl_rr_t *rr = first_of(z, w, ZL_TYPE_TXT); rr; rr = next_of(z, rr)) {
		size_t l;
		char *t = zl_rr_txt(a, rr, &l);
		if (!zl_dkimrec_looks_like_dkim(t, l))
			continue;
		zl_dkimrec_t k;
		zl_dkimrec_parse(&k, t, l, a);
		if (k.revoked && !k.discarded)
			return;
	}
	add(z, zl_arena_printf(a, "*._domainkey.%s", z->zone->name), ZL_TYPE_TXT,
	    ZL_GENERATE_DKIM_REVOKED, NULL);
}

/* Whether @p n is at or below a delegation inside its zone. */
static bool below_cut(const zctx_t *z, const zl_node_t *n)
{
	for (; n && n != z->zone->apex; n = zl_node_parent(n))
		if (first_of(z, n, ZL_TYPE_NS))
			return true;
	return false;
}

/* Addresses no one outside can reach (RFC 1918, RFC 6598, loopback, link
 * local, RFC 4193): a name with only these is internal, and mail claiming
 * it gains nothing from null MX or SPF. */
static bool is_internal(const zl_rr_t *rr)
{
	const uint8_t *p = zl_rr_rdata(rr);
	if (rr->type == ZL_TYPE_A && rr->rdlen == 4)
		return p[0] == 10 || p[0] == 127 || (p[0] == 172 && (p[1] & 0xf0) == 16) ||
		       (p[0] == 192 && p[1] == 168) || (p[0] == 169 && p[1] == 254) ||
		       (p[0] == 100 && (p[1] & 0xc0) == 64) || p[0] == 0;
	if (rr->type == ZL_TYPE_AAAA && rr->rdlen == 16) {
		static const uint8_t loop[16] = { [15] = 1 };
		return (p[0] & 0xfe) == 0xfc || (p[0] == 0xfe && (p[1] & 0xc0) == 0x80) ||
		       !memcmp(p, loop, 16);
	}
	return false;
}

/* Whether @p n has an address the Internet can reach. */
static bool has_address(const zctx_t *z, const zl_node_t *n)
{
	for (const zl_rr_t *rr = first_of(z, n, ZL_TYPE_A); rr; rr = next_of(z, rr))
		if (!is_internal(rr))
			return true;
	for (const zl_rr_t *rr = first_of(z, n, ZL_TYPE_AAAA); rr; rr = next_of(z, rr))
		if (!is_internal(rr))
			return true;
	return false;
}

static uint32_t soa_ttl(const zl_zone_t *zone)
{
	for (const zl_rr_t *rr = zl_node_first(zone->apex, ZL_TYPE_SOA); rr;
	     rr = zl_rr_next_same(rr))
		if (zl_rr_zone(rr) == zone)
			return rr->ttl;
	return ZL_GENERATE_TTL;
}

int zl_generate_harden_zones(zl_recset_t *rs, const zl_zoneset_t *set,
			     const zl_parked_opts_t *o, char *err, size_t errlen)
{
	zl_parked_opts_t def;
	memset(&def, 0, sizeof(def));
	if (!o)
		o = &def;
	zl_arena_t *a = rs->arena;
	if (zl_generate_dmarc_uris(a, o->rua, o->nrua, err, errlen))
		return ZL_EINVAL;
	facts_t f;
	memset(&f, 0, sizeof(f));
	learn(a, set, &f);
	zl_recset_header(rs, "zonelint generate parked --zone: records missing for the zone's "
			 "names that send and");
	zl_recset_header(rs, "receive no mail: null MX (RFC 7505) and \"v=spf1 -all\" (RFC 7208) "
			 "on the apex and");
	zl_recset_header(rs, "on every name with an address; DMARC p=reject (RFC 7489) and a "
			 "revoked *._domainkey");
	zl_recset_header(rs, "key (RFC 6376) on an apex that has no mail setup.  The zone file is "
			 "not changed.");
	for (const zl_zone_t *zone = set->zones; zone; zone = zone->next) {
		if (zone->load_failed || zone->is_reverse)
			continue;
		zctx_t z = { rs, set, zone, NULL, o->ttl ? o->ttl : soa_ttl(zone) };
		const zl_node_t *apex = zone->apex;
		if (!has_mail_setup(a, &f, apex)) {
			harden_name(&z, apex, zone->name);
			bool dmarc_added = harden_dmarc(&z, o);
			harden_dkim(&z);
			if (dmarc_added && o->nrua) {
				const char *p = zone->name;
				zl_generate_dmarc_auth(rs, &p, 1, o->rua, o->nrua, z.ttl);
			}
		}
		for (const zl_node_t *n = zl_zoneset_nodes(set); n; n = zl_node_next(n)) {
			if (n == apex || zl_zoneset_zone_for(set, n) != zone)
				continue;
			if (n->wirelen > 1 && n->label[1] == '_')
				continue;
			if (!has_address(&z, n) || below_cut(&z, n) || has_mail_setup(a, &f, n))
				continue;
			char buf[ZL_NAME_STRLEN];
			harden_name(&z, n, zl_arena_strdup(a, zl_node_str(n, buf)));
		}
		if (o->wildcard) {
			const zl_node_t *w = zl_node_child(set, apex, "*");
			if (!w || !zl_node_exists(w)) {
				char *wn = zl_arena_printf(a, "*.%s", zone->name);
				add(&z, wn, ZL_TYPE_MX, NULL, "0 .");
				block(&z)->rrs[block(&z)->nrrs - 1].comment =
					zl_generate_wildcard_comment(a, zone->name);
				add(&z, wn, ZL_TYPE_TXT, ZL_GENERATE_SPF_NONE, NULL);
			}
		}
	}
	return 0;
}
