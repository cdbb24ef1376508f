/* zonelint: the mtasts-, tlsrpt- and bimi- families: records beside DMARC.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmarc_check.h"
#include "findings.h"
#include "rules.h"
#include "smtptls.h"
#include "util.h"

/* Findings of one rule about one record beyond this are summed up in one. */
#define PER_RECORD_MAX 5

/* A parser message with double quotes turned into our single quotes. */
static const char *requote(zl_arena_t *a, const char *msg)
{
	size_t n = strlen(msg);
	char *o = zl_arena_strndup(a, msg, n);
	for (size_t i = 0; i < n; i++)
		if (o[i] == '"' && (i == 0 || o[i - 1] != '\\'))
			o[i] = '\'';
	return o;
}

/* How one protocol's problems map to rules, and what to say about them. */
typedef struct proto {
	const char *what;        /* "MTA-STS record" */
	zl_rule_id_t discard;    /* impact DISCARDS_RECORD */
	zl_rule_id_t ignored;    /* impact IGNORED_TAG */
	zl_rule_id_t cosmetic;   /* impact COSMETIC */
	const char *discard_why; /* consequence of a discarded record */
	const char *ignored_why;
	const char *cosmetic_why;
} proto_t;

static const proto_t sts_proto = {
    "MTA-STS record",
    ZL_R_MTASTS_SYNTAX,
    ZL_R_MTASTS_SYNTAX,
    ZL_R_MTASTS_STYLE,
    "senders treat the domain as having no MTA-STS policy (RFC 8461 section 3.1)",
    "senders ignore the tag",
    "the grammar does not allow it, but senders tolerate it",
};

static const proto_t tlsrpt_proto = {
    "TLS-RPT record",
    ZL_R_TLSRPT_SYNTAX,
    ZL_R_TLSRPT_SYNTAX,
    ZL_R_TLSRPT_STYLE,
    "senders treat the domain as not using TLS-RPT and send no reports (RFC 8460 "
    "section 3)",
    "senders send no reports to it: only mailto: and https: are defined (RFC 8460 "
    "section 3)",
    "the grammar does not allow it, but senders tolerate it",
};

static const proto_t bimi_proto = {
    "BIMI record",
    ZL_R_BIMI_SYNTAX,
    ZL_R_BIMI_IGNORED_TAG,
    ZL_R_BIMI_IGNORED_TAG,
    "mailbox providers must not fix BIMI records, so they show no logo",
    "mailbox providers ignore it",
    "tolerated by mailbox providers",
};

static void report_problems(zl_ctx_t *ctx, const proto_t *pr, const zl_rr_t *rr,
                            const zl_stls_common_t *c, const char *domain)
{
	if (!c->n_problems)
		return; /* n_dropped counts problems beyond the stored ones */
	unsigned cnt[ZL_R__COUNT];
	memset(cnt, 0, sizeof(cnt));
	bool over = false;
	zl_rule_id_t worst = ZL_R__COUNT;
	for (size_t i = 0; i < c->n_problems; i++) {
		const zl_stls_problem_t *p = &c->problems[i];
		zl_rule_id_t r;
		const char *why;
		switch (p->impact) {
		case ZL_IMPACT_DISCARDS_RECORD:
			r = pr->discard;
			why = pr->discard_why;
			break;
		case ZL_IMPACT_IGNORED_TAG:
			r = pr->ignored;
			why = pr->ignored_why;
			break;
		case ZL_IMPACT_COSMETIC:
			r = pr->cosmetic;
			why = pr->cosmetic_why;
			break;
		default:
			continue;
		}
		if (!zl_rule_enabled(ctx, r))
			continue;
		if (worst == ZL_R__COUNT || zl_catalogue[r].severity > zl_catalogue[worst].severity)
			worst = r;
		if (++cnt[r] > PER_RECORD_MAX) {
			over = true;
			continue;
		}
		zl_emit(ctx, r, rr, "%s (%s of '%s.'); %s",
		        requote(&ctx->scratch, p->msg ? p->msg : "problem"), pr->what, domain, why);
	}
	for (unsigned r = 0; over && r < ZL_R__COUNT; r++)
		if (cnt[r] > PER_RECORD_MAX)
			zl_emit(ctx, (zl_rule_id_t)r, rr,
			        "%u more problems of this kind in the %s of '%s.' are not listed",
			        cnt[r] - PER_RECORD_MAX, pr->what, domain);
	if (c->n_dropped && worst != ZL_R__COUNT)
		zl_emit(ctx, worst, rr,
		        "the %s of '%s.' has %zu further problems that are not "
		        "listed",
		        pr->what, domain, c->n_dropped);
}

/* The domain a record at <prefix labels>.<domain> is about, without the final dot. */
static const char *domain_str(zl_arena_t *a, const zl_node_t *d)
{
	char b[ZL_NAME_STRLEN];
	zl_node_str(d, b);
	size_t l = strlen(b);
	if (l > 1)
		l--;
	return zl_arena_strndup(a, b, l);
}

static void multiple(zl_ctx_t *ctx, zl_rule_id_t rule, const zl_rr_t *rr, const zl_rr_t *first,
                     const char *what, const char *why)
{
	char nb[ZL_NAME_STRLEN];
	zl_emit(ctx, rule, rr, "second %s at '%s' (the first is at line %u): %s", what,
	        zl_node_str(zl_rr_owner(rr), nb), first->line, why);
}

/* ---- MTA-STS (RFC 8461) ---- */

static bool host_exists(zl_ctx_t *ctx, const zl_node_t *d, const char *label, bool *unknown)
{
	const zl_node_t *h = zl_node_child(ctx->set, d, label);
	const zl_zone_t *z = zl_mail_zone(ctx->set, h ? h : d);
	*unknown = !z;
	if (!z)
		return false;
	if (h && (zl_mail_has(h, ZL_TYPE_A, z) || zl_mail_has(h, ZL_TYPE_AAAA, z) ||
	          zl_mail_has(h, ZL_TYPE_CNAME, z)))
		return true;
	if (h)
		return false;
	/* RFC 4592: a wildcard at *.<domain> answers for the missing name */
	const zl_node_t *w = zl_node_child(ctx->set, d, "*");
	return w && (zl_mail_has(w, ZL_TYPE_A, z) || zl_mail_has(w, ZL_TYPE_AAAA, z) ||
	             zl_mail_has(w, ZL_TYPE_CNAME, z));
}

int zl_check_mtasts(zl_ctx_t *ctx)
{
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		if (!zl_node_rrs(n) || !zl_mail_label_is(n, "_mta-sts") || !zl_node_parent(n))
			continue;
		const zl_zone_t *z = zl_mail_zone(ctx->set, n);
		if (!z || z->external)
			continue;
		/* findings hold copies: nothing in the scratch arena outlives a name */
		zl_arena_reset(&ctx->scratch);
		const char *dom = domain_str(&ctx->scratch, zl_node_parent(n));
		const zl_rr_t *first = NULL, *look = NULL;
		unsigned nlooks = 0;
		for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_TXT); rr;
		     rr = zl_rr_next_same(rr)) {
			if (zl_rr_zone(rr) != z)
				continue;
			size_t len;
			char *t = zl_rr_txt(&ctx->scratch, rr, &len);
			if (!zl_sts_looks_like_sts(t, len))
				continue;
			if (!nlooks++)
				look = rr;
			zl_sts_t s;
			zl_sts_parse(&s, t, len, &ctx->scratch);
			report_problems(ctx, &sts_proto, rr, &s.c, dom);
			if (!s.is_sts)
				continue;
			if (!first)
				first = rr;
			else
				multiple(ctx, ZL_R_MTASTS_MULTIPLE, rr, first, "MTA-STS record",
				         "senders that find more than one treat the domain as "
				         "having no MTA-STS policy (RFC 8461 section 3.1)");
		}
		if (!nlooks || !zl_rule_enabled(ctx, ZL_R_MTASTS_POLICY_HOST))
			continue;
		bool unknown;
		if (host_exists(ctx, zl_node_parent(n), "mta-sts", &unknown) || unknown)
			continue;
		/* about the host's address, at the record that announces the policy */
		zl_emit_at(
		    ctx, ZL_R_MTASTS_POLICY_HOST, z, zl_node_parent(n), ZL_TYPE_A, look->file,
		    look->line, "'_mta-sts.%s.' announces an MTA-STS policy, but the policy host "
		    "'mta-sts.%s.' has no A, AAAA or CNAME record: senders cannot fetch "
		    "https://mta-sts.%s/.well-known/mta-sts.txt (RFC 8461 section 3.3) and "
		    "apply no policy",
		    dom, dom, dom);
	}
	return 0;
}

/* ---- TLS-RPT (RFC 8460) ---- */

/* Whether _smtp._tls.<d> holds something meant as TLS-RPT, or cannot be seen. */
static bool has_tlsrpt(zl_ctx_t *ctx, const zl_node_t *d)
{
	const zl_node_t *tls = zl_node_child(ctx->set, d, "_tls");
	const zl_node_t *smtp = tls ? zl_node_child(ctx->set, tls, "_smtp") : NULL;
	const zl_node_t *at = smtp ? smtp : tls ? tls : d;
	const zl_zone_t *z = zl_mail_zone(ctx->set, at);
	if (!z)
		return true; /* delegated away: cannot be checked */
	if (!smtp)
		return false;
	for (const zl_rr_t *rr = zl_node_first(smtp, ZL_TYPE_TXT); rr; rr = zl_rr_next_same(rr)) {
		char buf[64];
		size_t l = zl_mail_txt_prefix(rr, buf, sizeof(buf));
		if (zl_rr_zone(rr) == z && zl_tlsrpt_looks_like_tlsrpt(buf, l))
			return true;
	}
	return zl_mail_has(smtp, ZL_TYPE_CNAME, z);
}

/* The MX target mx_tlsa() looked at last and what it found: many domains
 * name the same MX host. */
typedef struct tlsa_memo {
	uint8_t wire[256];
	size_t len; /* 0: nothing remembered */
	const zl_rr_t *tlsa;
} tlsa_memo_t;

/* The first TLSA record at _25._tcp.<target>, or NULL. */
static const zl_rr_t *target_tlsa(zl_ctx_t *ctx, const uint8_t *wire, size_t l)
{
	const zl_node_t *t = l ? zl_zoneset_find(ctx->set, wire, l) : NULL;
	const zl_node_t *tcp = t ? zl_node_child(ctx->set, t, "_tcp") : NULL;
	const zl_node_t *p25 = tcp ? zl_node_child(ctx->set, tcp, "_25") : NULL;
	return p25 ? zl_node_first(p25, ZL_TYPE_TLSA) : NULL;
}

/* A TLSA record at _25._tcp.<target> of one of @p d's MX records. */
static const zl_rr_t *mx_tlsa(zl_ctx_t *ctx, tlsa_memo_t *memo, const zl_node_t *d,
                              const zl_zone_t *z)
{
	for (const zl_rr_t *mx = zl_node_first(d, ZL_TYPE_MX); mx; mx = zl_rr_next_same(mx)) {
		if (zl_rr_zone(mx) != z || mx->opaque || mx->rdlen < 3)
			continue;
		const uint8_t *w = zl_rr_rdata(mx) + 2;
		size_t l = zl_wire_name_len(w, mx->rdlen - 2u);
		const zl_rr_t *tlsa;
		if (l && l == memo->len && !memcmp(memo->wire, w, l)) {
			tlsa = memo->tlsa;
		} else {
			tlsa = target_tlsa(ctx, w, l);
			if (l && l <= sizeof(memo->wire)) {
				memcpy(memo->wire, w, l);
				memo->len = l;
				memo->tlsa = tlsa;
			}
		}
		if (tlsa)
			return tlsa;
	}
	return NULL;
}

static const zl_rr_t *sts_record(zl_ctx_t *ctx, const zl_node_t *d)
{
	const zl_node_t *s = zl_node_child(ctx->set, d, "_mta-sts");
	const zl_zone_t *z = s ? zl_mail_zone(ctx->set, s) : NULL;
	if (!z)
		return NULL;
	for (const zl_rr_t *rr = zl_node_first(s, ZL_TYPE_TXT); rr; rr = zl_rr_next_same(rr)) {
		char buf[64];
		size_t l = zl_mail_txt_prefix(rr, buf, sizeof(buf));
		if (zl_rr_zone(rr) == z && zl_sts_is_sts(buf, l))
			return rr;
	}
	return NULL;
}

/* Called once per domain, see zl_check_tlsrpt. */
static void tlsrpt_missing(zl_ctx_t *ctx, tlsa_memo_t *memo, const zl_node_t *d)
{
	const zl_zone_t *z = zl_mail_zone(ctx->set, d);
	if (!z || z->is_reverse || z->external)
		return;
	const zl_rr_t *sts = sts_record(ctx, d);
	const zl_rr_t *tlsa = zl_mail_real_mx(d, z) ? mx_tlsa(ctx, memo, d, z) : NULL;
	if ((!sts && !tlsa) || has_tlsrpt(ctx, d))
		return;
	const char *dom = domain_str(&ctx->scratch, d);
	char tb[ZL_NAME_STRLEN];
	const char *why = sts && tlsa
	                      ? "publishes an MTA-STS policy and DANE TLSA records for its MX hosts"
	                  : sts ? "publishes an MTA-STS policy"
	                        : zl_arena_printf(&ctx->scratch,
	                                          "has DANE TLSA records for its MX "
	                                          "host ('%s')",
	                                          zl_node_str(zl_rr_owner(tlsa), tb));
	zl_finding_t *f = zl_emit(ctx, ZL_R_TLSRPT_MISSING, sts ? sts : tlsa,
	                          "'%s.' %s but no TLS-RPT record at '_smtp._tls.%s.': senders "
	                          "that fail to deliver over TLS cannot tell you (RFC 8460)",
	                          dom, why, dom);
	zl_suggest(ctx, f, "_smtp._tls.%s. %u IN TXT \"v=TLSRPTv1; rua=mailto:tls-reports@%s\"",
	           dom, 3600u, dom);
}

/* The TXT record zl_check_tlsrpt() read last, and what it is: a provider's
 * reporting address is published, byte for byte, by all its customers. */
typedef struct tlsrpt_memo {
	zl_arena_t arena;      /* the copy and the parse */
	bool valid;
	uint8_t opaque;
	const uint8_t *rdata;
	size_t rdlen;
	bool looks;            /* zl_tlsrpt_looks_like_tlsrpt() */
	zl_tlsrpt_t r;         /* when it looks like one: its parse */
} tlsrpt_memo_t;

/* The parse of @p rr, or NULL when it does not look like a TLS-RPT record;
 * valid until the next call. */
static const zl_tlsrpt_t *tlsrpt_of(tlsrpt_memo_t *m, const zl_rr_t *rr)
{
	if (m->valid && m->opaque == rr->opaque && m->rdlen == rr->rdlen &&
	    (!rr->rdlen || !memcmp(m->rdata, zl_rr_rdata(rr), rr->rdlen)))
		return m->looks ? &m->r : NULL;
	zl_arena_reset(&m->arena);
	m->valid = true;
	m->opaque = rr->opaque;
	m->rdlen = rr->rdlen;
	m->rdata = rr->rdlen ? zl_arena_memdup(&m->arena, zl_rr_rdata(rr), rr->rdlen) : NULL;
	size_t len;
	char *t = zl_rr_txt(&m->arena, rr, &len);
	m->looks = zl_tlsrpt_looks_like_tlsrpt(t, len);
	if (m->looks)
		zl_tlsrpt_parse(&m->r, t, len, &m->arena);
	return m->looks ? &m->r : NULL;
}

int zl_check_tlsrpt(zl_ctx_t *ctx)
{
	tlsa_memo_t memo;
	memo.len = 0;
	memo.tlsa = NULL;
	tlsrpt_memo_t last;
	memset(&last, 0, sizeof(last));
	zl_arena_init(&last.arena);
	bool want_missing = zl_rule_enabled(ctx, ZL_R_TLSRPT_MISSING);
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		if (!zl_node_rrs(n))
			continue;
		/* findings hold copies: nothing in the scratch arena outlives a name */
		if (ctx->scratch.used)
			zl_arena_reset(&ctx->scratch);
		/* a domain with MX records is looked at where it is, one with only
		 * _mta-sts.<domain> there; a name comes after its parent in the
		 * set's order (zl_zoneset_intern), so each is looked at once and
		 * at the first name that leads to it */
		if (want_missing && zl_mail_label_is(n, "_mta-sts") && zl_node_parent(n) &&
		    !zl_node_has(zl_node_parent(n), ZL_TYPE_MX))
			tlsrpt_missing(ctx, &memo, zl_node_parent(n));
		if (want_missing && zl_node_has(n, ZL_TYPE_MX))
			tlsrpt_missing(ctx, &memo, n);
		if (!zl_mail_label_is(n, "_smtp") || !zl_mail_label_is(zl_node_parent(n), "_tls") ||
		    !zl_node_parent(zl_node_parent(n)))
			continue;
		const zl_zone_t *z = zl_mail_zone(ctx->set, n);
		if (!z || z->external)
			continue;
		const char *dom = domain_str(&ctx->scratch, zl_node_parent(zl_node_parent(n)));
		const zl_rr_t *first = NULL;
		for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_TXT); rr;
		     rr = zl_rr_next_same(rr)) {
			if (zl_rr_zone(rr) != z)
				continue;
			const zl_tlsrpt_t *r = tlsrpt_of(&last, rr);
			if (!r)
				continue;
			report_problems(ctx, &tlsrpt_proto, rr, &r->c, dom);
			if (!r->is_tlsrpt)
				continue;
			if (!first)
				first = rr;
			else
				multiple(ctx, ZL_R_TLSRPT_MULTIPLE, rr, first, "TLS-RPT record",
				         "senders that find more than one treat the domain as not "
				         "using TLS-RPT (RFC 8460 section 3)");
		}
	}
	zl_arena_free(&last.arena);
	return 0;
}

/* ---- BIMI (draft-brand-indicators-for-message-identification) ---- */

static void bimi_dmarc(zl_ctx_t *ctx, zl_dmarc_cache_t *cache, const zl_rr_t *rr,
                       const zl_node_t *d)
{
	zl_dmarc_walk_t w;
	zl_dmarc_walk(cache, d, &w);
	if (w.state == ZL_DMARC_WALK_UNKNOWN)
		return; /* the policy is outside the loaded zones */
	char db[ZL_NAME_STRLEN], ab[ZL_NAME_STRLEN];
	zl_node_str(d, db);
	const char *tail = "mailbox providers show a BIMI logo only for mail under a DMARC "
	                   "policy of 'quarantine' or 'reject' that applies to all of it";
	if (w.state != ZL_DMARC_WALK_COVERED) {
		zl_emit(ctx, ZL_R_BIMI_DMARC_WEAK, rr,
		        "BIMI record for '%s', but no DMARC record of its own or of its "
		        "organizational domain covers it: %s",
		        db, tail);
		return;
	}
	const zl_dmarc_t *p = zl_dmarc_site_parse(cache, w.applied);
	if (!p)
		return;
	zl_node_str(w.applied->domain, ab);
	bool own = w.applied->domain == d;
	zl_dmarc_policy_t pol = !own && p->field[ZL_DMARC_TAG_SP].valid ? p->sp : p->p;
	const char *why = NULL;
	if (p->discarded_9989 || p->discarded_7489)
		why = "receivers ignore that record";
	else if (pol != ZL_DMARC_POLICY_QUARANTINE && pol != ZL_DMARC_POLICY_REJECT)
		why = zl_arena_printf(
		    &ctx->scratch, "it applies '%s=%s'",
		    !own && p->field[ZL_DMARC_TAG_SP].valid ? "sp" : "p",
		    pol == ZL_DMARC_POLICY_NONE || pol == ZL_DMARC_POLICY_UNSET ? "none" : "?");
	else if (p->field[ZL_DMARC_TAG_PCT].valid && p->pct < 100)
		why = zl_arena_printf(&ctx->scratch, "it has 'pct=%u'", p->pct);
	else if (p->field[ZL_DMARC_TAG_SP].valid && p->sp == ZL_DMARC_POLICY_NONE)
		why = "it has 'sp=none'";
	else if (p->t)
		why = "it has 't=y' (testing)";
	if (why)
		zl_emit(ctx, ZL_R_BIMI_DMARC_WEAK, rr,
		        "BIMI record for '%s', but the DMARC record that applies, at "
		        "'_dmarc.%s', is not enforcing: %s; %s",
		        db, ab, why, tail);
}

int zl_check_bimi(zl_ctx_t *ctx)
{
	zl_dmarc_cache_t cache;
	zl_dmarc_cache_init(&cache, ctx);
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		const zl_node_t *up = zl_node_parent(n);
		if (!zl_node_rrs(n) || !zl_mail_label_is(up, "_bimi") || !zl_node_parent(up))
			continue;
		const zl_zone_t *z = zl_mail_zone(ctx->set, n);
		if (!z || z->external)
			continue;
		const zl_node_t *d = zl_node_parent(zl_node_parent(n));
		const char *dom = domain_str(&ctx->scratch, d);
		for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_TXT); rr;
		     rr = zl_rr_next_same(rr)) {
			if (zl_rr_zone(rr) != z)
				continue;
			size_t len;
			char *t = zl_rr_txt(&ctx->scratch, rr, &len);
			if (!zl_bimi_looks_like_bimi(t, len))
				continue;
			zl_bimi_t b;
			zl_bimi_parse(&b, t, len, &ctx->scratch);
			report_problems(ctx, &bimi_proto, rr, &b.c, dom);
			if (b.is_bimi && !b.c.discarded && !b.declined &&
			    zl_rule_enabled(ctx, ZL_R_BIMI_DMARC_WEAK))
				bimi_dmarc(ctx, &cache, rr, d);
		}
	}
	zl_dmarc_cache_free(&cache);
	return 0;
}
