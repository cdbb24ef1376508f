/* zonelint: the spf- family: SPF records one by one, per name, and names that lack one.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_spf.h"
#include "config.h"
#include "findings.h"
#include "generate.h"
#include "util.h"

/*
 * The checks of one record's text (syntax, "all", ptr, ranges, redundancy,
 * size, exp=) are here; the evaluation across records (lookups, void
 * lookups, includes, loops) is in check_spf_eval.c.  Every finding is
 * located at the SPF record it is about, or, for a name that lacks a
 * record, at the record that shows it needs one (its MX or address).
 */

#define SHOW_MAX 6u          /* terms listed in one message */
#define PAIR_MAX 1024u       /* terms compared pairwise for redundancy */
#define RECORD_SOFT_MAX 450u /* RFC 7208 section 3.4 */
#define UDP_MAX 512u
#define MULTIPLE_MAX 16u /* SPF records checked at one name */

typedef struct edit {
	size_t off, len;
	const char *with;
} edit_t;

static int cmp_edit(const void *pa, const void *pb)
{
	const edit_t *a = pa, *b = pb;
	return a->off < b->off ? -1 : a->off > b->off;
}

/* The record text with some terms replaced (edits must not overlap). */
static char *apply_edits(zl_arena_t *a, const char *text, size_t len, edit_t *ed, size_t n,
                         size_t *outlen)
{
	qsort(ed, n, sizeof(*ed), cmp_edit);
	size_t cap = len + 1;
	for (size_t i = 0; i < n; i++)
		cap += strlen(ed[i].with);
	char *out = zl_arena_alloc(a, cap);
	size_t o = 0, at = 0;
	for (size_t i = 0; i < n; i++) {
		if (ed[i].off < at)
			continue;
		memcpy(out + o, text + at, ed[i].off - at);
		o += ed[i].off - at;
		size_t wl = strlen(ed[i].with);
		memcpy(out + o, ed[i].with, wl);
		o += wl;
		at = ed[i].off + ed[i].len;
	}
	memcpy(out + o, text + at, len - at);
	o += len - at;
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* Attach "OWNER TTL IN TXT <text>" as the suggestion. */
static void suggest_txt(zl_ctx_t *ctx, zl_finding_t *f, const zl_rr_t *rr, const char *text,
                        size_t len)
{
	if (!f)
		return;
	char nb[ZL_NAME_STRLEN];
	zl_suggest(ctx, f, "%s %u IN TXT %s", zl_node_str(zl_rr_owner(rr), nb), rr->ttl,
	           zl_generate_txt_rdata(&ctx->scratch, text, len));
}

static const char *term_str(zl_ctx_t *ctx, const zl_spf_record_t *rec, size_t i)
{
	return zl_spf_term_str(rec, i, 80, &ctx->scratch);
}

/* ---- syntax ---------------------------------------------------------------------- */

/* Whether a boundary between two TXT strings falls inside [off, off + len). */
static bool joined_inside(const zl_rr_t *rr, size_t off, size_t len)
{
	size_t text = 0, i = 0;
	while (i < rr->rdlen) {
		size_t l = zl_rr_rdata(rr)[i];
		i += 1 + l;
		text += l;
		if (i < rr->rdlen && text > off && text < off + len)
			return true;
	}
	return false;
}

static void check_syntax(zl_ctx_t *ctx, const zl_rr_t *rr, const zl_spf_record_t *rec)
{
	const char *joined = "; the record's strings are joined here without a space (receivers "
	                     "concatenate them as they are, RFC 7208 section 3.3)";
	for (size_t k = 0; k < rec->n_errors; k++) {
		if (k == 8) {
			zl_emit(ctx, ZL_R_SPF_SYNTAX, rr,
			        "%zu more invalid SPF terms in this record", rec->n_errors - 8);
			break;
		}
		const zl_spf_diag_t *d = &rec->errors[k];
		bool undef = zl_spf_code_class(d->code) == ZL_SPF_CLASS_UNDEFINED;
		const char *what = undef ? "no DNS query can be made for this name, and receivers "
		                           "return permerror or treat the term as not matching "
		                           "(RFC 7208 section 4.3)"
		                         : "receivers return permerror for the whole record (RFC "
		                           "7208 section 4.6)";
		if (d->term == ZL_SPF_NO_TERM) {
			zl_emit(ctx, ZL_R_SPF_SYNTAX, rr, "invalid SPF record: %s; %s", d->message,
			        what);
			continue;
		}
		const zl_spf_term_t *t = &rec->terms[d->term];
		zl_emit(ctx, ZL_R_SPF_SYNTAX, rr, "invalid SPF term '%s': %s%s; %s",
		        term_str(ctx, rec, (size_t)d->term), d->message,
		        joined_inside(rr, t->offset, t->len) ? joined : "", what);
	}
}

/* A TXT record that starts like SPF but is not one (RFC 7208 section 4.5). */
static void check_lookalike(zl_ctx_t *ctx, const zl_spfname_t *sn, const zl_rr_t *rr, const char *t,
                            size_t l)
{
	size_t sp = 0;
	while (sp < l && t[sp] == ' ')
		sp++;
	if (!zl_has_prefix_ci(t + sp, l - sp, "v=spf1") || zl_spf_is_spf(t, l))
		return;
	char eb[128];
	const char *why;
	char *fixed;
	if (sp) {
		why = "it starts with a space";
		fixed = zl_arena_strndup(&ctx->scratch, t + sp, l - sp);
	} else {
		why = "'v=spf1' is not followed by a space";
		fixed = zl_arena_printf(&ctx->scratch, "v=spf1 %.*s", (int)(l - 6), t + 6);
	}
	size_t fl = strlen(fixed);
	zl_finding_t *f =
	    zl_emit(ctx, ZL_R_SPF_SYNTAX, rr,
	            "TXT record '%s' looks like SPF but is not one: %s%s, so receivers "
	            "ignore it%s (RFC 7208 section 4.5)",
	            zl_escape(eb, sizeof(eb), t, l), why,
	            !sp && joined_inside(rr, 0, 7) ? " (the record's strings are "
	                                             "joined without a space)"
	                                           : "",
	            sn->nspf ? "" : " and see no SPF policy at all");
	if (zl_spf_is_spf(fixed, fl))
		suggest_txt(ctx, f, rr, fixed, fl);
}

/* ---- "all" and redirect= ---------------------------------------------------------- */

/* A record that only other records include: its "all" is not a domain's policy. */
static bool include_only(const zl_spfname_t *sn)
{
	const zl_node_t *n = sn->node;
	if (sn->redirect_target)
		return false;
	/* "_spf" names are no mail domains, but records to include */
	if (n->wirelen > 1 && n->label[1] == '_')
		return true;
	return sn->include_target && !zl_spf_count(n, sn->zone, ZL_TYPE_MX) &&
	       !zl_spf_count(n, sn->zone, ZL_TYPE_A) && !zl_spf_count(n, sn->zone, ZL_TYPE_AAAA);
}

static void check_all(zl_ctx_t *ctx, const zl_spfname_t *sn, const zl_rr_t *rr,
                      const zl_spf_record_t *rec, const char *text, size_t len, const char *nb)
{
	ptrdiff_t all = -1;
	for (size_t i = 0; i < rec->n_terms && all < 0; i++)
		if (rec->terms[i].kind == ZL_SPF_ALL && rec->terms[i].valid)
			all = (ptrdiff_t)i;
	bool quiet = include_only(sn);
	if (all >= 0 && rec->redirect >= 0)
		zl_emit(ctx, ZL_R_SPF_REDIRECT_WITH_ALL, rr,
		        "'%s' is never used: the record has '%s', and receivers ignore redirect= "
		        "when there is an all mechanism (RFC 7208 section 6.1)",
		        term_str(ctx, rec, (size_t)rec->redirect), term_str(ctx, rec, (size_t)all));
	if (all < 0) {
		if (rec->redirect >= 0 || quiet || rec->n_errors)
			return;
		zl_finding_t *f =
		    zl_emit(ctx, ZL_R_SPF_NO_ALL, rr,
		            "SPF record of '%s' has neither 'all' nor 'redirect=': "
		            "hosts it does not list get the result neutral, so forged "
		            "mail is not rejected (RFC 7208 section 4.7); end it with "
		            "-all",
		            nb);
		char *fixed = zl_arena_printf(&ctx->scratch, "%.*s -all", (int)len, text);
		suggest_txt(ctx, f, rr, fixed, strlen(fixed));
		return;
	}
	const zl_spf_term_t *t = &rec->terms[all];
	edit_t ed = {t->offset, t->len, "-all"};
	size_t fl;
	zl_finding_t *f = NULL;
	const char *ts = term_str(ctx, rec, (size_t)all);
	switch (t->qualifier) {
	case '+':
		f = zl_emit(ctx, ZL_R_SPF_PASS_ALL, rr,
		            "'%s' authorizes every host on the internet to send mail as '%s'%s "
		            "(RFC 7208 section 5.1); use -all",
		            ts, nb,
		            sn->include_target ? " and as every domain that includes it" : "");
		break;
	case '?':
		if (!quiet)
			f = zl_emit(
			    ctx, ZL_R_SPF_NEUTRAL_ALL, rr,
			    "'%s' gives hosts the record does not list the result neutral, "
			    "which receivers treat like no SPF record: forged mail from them "
			    "is not rejected (RFC 7208 section 8.2); use -all",
			    ts);
		break;
	case '~':
		if (!quiet)
			f = zl_emit(
			    ctx, ZL_R_SPF_SOFTFAIL, rr,
			    "'%s' only marks mail from hosts the record does not list; once "
			    "DMARC aggregate reports show all real mail passing SPF, move to "
			    "-all (RFC 7208 section 8.5)",
			    ts);
		break;
	default:
		return;
	}
	if (f) {
		char *fixed = apply_edits(&ctx->scratch, text, len, &ed, 1, &fl);
		suggest_txt(ctx, f, rr, fixed, fl);
	}
}

/* ---- terms ------------------------------------------------------------------------- */

static void check_ptr(zl_ctx_t *ctx, const zl_rr_t *rr, const zl_spf_record_t *rec)
{
	char *list = NULL;
	unsigned n = 0;
	for (size_t i = 0; i < rec->n_terms; i++) {
		if (rec->terms[i].kind != ZL_SPF_PTR || !rec->terms[i].valid)
			continue;
		if (n++ < SHOW_MAX)
			list = zl_arena_printf(&ctx->scratch, "%s%s'%s'", list ? list : "",
			                       list ? ", " : "", term_str(ctx, rec, i));
	}
	if (n)
		zl_emit(ctx, ZL_R_SPF_PTR, rr,
		        "%s: RFC 7208 section 5.5 says ptr should not be used: it is slow and "
		        "unreliable, some receivers skip it, and it is a void lookup for senders "
		        "without reverse DNS; list the sending hosts with ip4/ip6 or a",
		        list);
}

static const char *range_size(zl_arena_t *a, bool v6, unsigned prefix)
{
	if (prefix == 0)
		return v6 ? "every IPv6 address, like +all" : "every IPv4 address, like +all";
	if (v6)
		return zl_arena_printf(a, "2^%u IPv6 addresses", 128 - prefix);
	return zl_arena_printf(a, "%llu addresses", 1ull << (32 - prefix));
}

static void check_ranges(zl_ctx_t *ctx, const zl_rr_t *rr, const zl_spf_record_t *rec,
                         const char *text, size_t len, const char *nb)
{
	zl_arena_t *a = &ctx->scratch;
	edit_t *ed = NULL;
	size_t ned = 0;
	char *list = NULL;
	for (size_t i = 0; i < rec->n_terms; i++) {
		const zl_spf_term_t *t = &rec->terms[i];
		if (!t->valid)
			continue;
		bool ip = t->kind == ZL_SPF_IP4 || t->kind == ZL_SPF_IP6;
		bool v6 = t->kind == ZL_SPF_IP6;
		/* wide ranges that pass (RFC 7208 section 5.6) */
		if (t->qualifier == '+') {
			const char *what = NULL;
			if (ip && t->prefix < (v6 ? 32u : 16u))
				what = range_size(a, v6, t->prefix);
			else if ((t->kind == ZL_SPF_A || t->kind == ZL_SPF_MX) &&
			         t->cidr.ip4_present && t->cidr.ip4 < 16)
				what =
				    zl_arena_printf(a,
				                    "a /%u around each of its IPv4 addresses "
				                    "(%s)",
				                    t->cidr.ip4, range_size(a, false, t->cidr.ip4));
			else if ((t->kind == ZL_SPF_A || t->kind == ZL_SPF_MX) &&
			         t->cidr.ip6_present && t->cidr.ip6 < 32)
				what = zl_arena_printf(a, "a /%u around each of its IPv6 addresses",
				                       t->cidr.ip6);
			if (what)
				zl_emit(
				    ctx, ZL_R_SPF_WIDE_RANGE, rr,
				    "'%s' authorizes %s to send mail as '%s': hosts of other "
				    "networks can send mail in its name; list only the hosts that "
				    "send it",
				    term_str(ctx, rec, i), what, nb);
		}
		if (!ip || !zl_spf_cidr_host_bits_set(t))
			continue;
		/* host bits set: suggest the network the receivers use */
		uint8_t b[16];
		memcpy(b, t->addr.bytes, 16);
		unsigned bits = v6 ? 128 : 32;
		for (unsigned k = t->prefix; k < bits; k++)
			b[k / 8] &= (uint8_t) ~(0x80u >> (k % 8));
		char as[64];
		if (!inet_ntop(v6 ? AF_INET6 : AF_INET, b, as, sizeof(as)))
			continue;
		const char *fixed = zl_arena_printf(
		    a, "%s%s:%s/%u", t->qualifier_explicit ? (char[]){t->qualifier, 0} : "",
		    v6 ? "ip6" : "ip4", as, t->prefix);
		ed = zl_xrealloc(ed, (ned + 1) * sizeof(*ed));
		ed[ned++] = (edit_t){t->offset, t->len, zl_arena_strdup(a, fixed)};
		if (ned <= SHOW_MAX)
			list = zl_arena_printf(a, "%s%s'%s' means '%s'", list ? list : "",
			                       list ? ", " : "", term_str(ctx, rec, i), fixed);
	}
	if (ned) {
		zl_finding_t *f =
		    zl_emit(ctx, ZL_R_SPF_HOST_BITS, rr,
		            "%s%s: receivers ignore the address bits past the prefix "
		            "length (RFC 7208 section 5.6); write the host or the network "
		            "meant",
		            list, ned > SHOW_MAX ? ", ..." : "");
		size_t fl;
		char *fixed = apply_edits(a, text, len, ed, ned, &fl);
		suggest_txt(ctx, f, rr, fixed, fl);
	}
	free(ed);
}

/* The target of a lookup term for comparison: lower case, no final dot. */
static const char *target_key(zl_arena_t *a, const zl_spf_term_t *t, const char *owner)
{
	if (!t->domain.present)
		return owner;
	size_t l = t->domain.len;
	if (l && t->domain.text[l - 1] == '.')
		l--;
	char *s = zl_arena_strndup(a, t->domain.text, l);
	for (char *p = s; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 32;
	return s;
}

static bool same_mechanism(const zl_spf_term_t *x, const char *kx, const zl_spf_term_t *y,
                           const char *ky)
{
	return x->kind == y->kind && !strcmp(kx, ky) && x->cidr.ip4 == y->cidr.ip4 &&
	       x->cidr.ip6 == y->cidr.ip6;
}

static void check_redundant(zl_ctx_t *ctx, const zl_rr_t *rr, const zl_spf_record_t *rec,
                            const char *text, size_t len, const char *nb)
{
	zl_arena_t *a = &ctx->scratch;
	size_t ol = strlen(nb);
	const char *owner = zl_arena_strndup(a, nb, ol > 1 ? ol - 1 : ol);
	size_t n = rec->n_terms;
	const char **why = zl_arena_calloc(a, (n + 1) * sizeof(*why));
	const char **key = zl_arena_calloc(a, (n + 1) * sizeof(*key));
	size_t all = n;
	for (size_t i = 0; i < n; i++)
		if (rec->terms[i].kind == ZL_SPF_ALL && all == n)
			all = i;
	/* mechanisms after "all" are never evaluated (RFC 7208 section 5.1) */
	for (size_t i = all + 1; i < n; i++) {
		zl_spf_kind_t k = rec->terms[i].kind;
		if (k != ZL_SPF_REDIRECT && k != ZL_SPF_EXP && k != ZL_SPF_UNKNOWN_MOD &&
		    rec->terms[i].valid)
			why[i] = zl_arena_printf(a, "is after '%s' and never evaluated",
			                         term_str(ctx, rec, all));
	}
	size_t lim = all < PAIR_MAX ? all : PAIR_MAX;
	for (size_t i = 0; i < lim; i++) {
		const zl_spf_term_t *t = &rec->terms[i];
		if (t->valid && zl_spf_term_costs_lookup(t) && t->kind != ZL_SPF_REDIRECT)
			key[i] = target_key(a, t, owner);
	}
	for (size_t j = 0; j < lim; j++) {
		const zl_spf_term_t *tj = &rec->terms[j];
		if (!tj->valid)
			continue;
		for (size_t i = 0; i < lim && !why[j]; i++) {
			const zl_spf_term_t *ti = &rec->terms[i];
			if (i == j || !ti->valid || why[i])
				continue;
			if (key[j] && key[i] && i < j && same_mechanism(ti, key[i], tj, key[j])) {
				why[j] = zl_arena_printf(a, "repeats '%s'%s", term_str(ctx, rec, i),
				                         tj->kind == ZL_SPF_IP4
				                             ? ""
				                             : " and costs a lookup for nothing");
			} else if ((tj->kind == ZL_SPF_IP4 || tj->kind == ZL_SPF_IP6) &&
			           zl_spf_cidr_contains(ti, tj)) {
				if (i < j) {
					why[j] = zl_arena_printf(a, "is inside '%s' before it",
					                         term_str(ctx, rec, i));
				} else if (ti->qualifier == tj->qualifier) {
					bool plain = true;
					for (size_t k = j + 1; k < i && plain; k++)
						plain = rec->terms[k].qualifier == tj->qualifier ||
						        rec->terms[k].kind == ZL_SPF_REDIRECT ||
						        rec->terms[k].kind == ZL_SPF_EXP ||
						        rec->terms[k].kind == ZL_SPF_UNKNOWN_MOD;
					if (plain && !(ti->prefix == tj->prefix))
						why[j] =
						    zl_arena_printf(a, "is inside '%s' after it",
						                    term_str(ctx, rec, i));
				}
			}
		}
	}
	char *list = NULL;
	edit_t *ed = NULL;
	size_t ned = 0;
	for (size_t i = 0; i < n; i++) {
		if (!why[i])
			continue;
		const zl_spf_term_t *t = &rec->terms[i];
		ed = zl_xrealloc(ed, (ned + 1) * sizeof(*ed));
		ed[ned++] = (edit_t){t->offset - 1, t->len + 1, ""};
		if (ned <= SHOW_MAX)
			list = zl_arena_printf(a, "%s%s'%s' %s", list ? list : "", list ? "; " : "",
			                       term_str(ctx, rec, i), why[i]);
	}
	if (ned) {
		zl_finding_t *f = zl_emit(
		    ctx, ZL_R_SPF_REDUNDANT, rr, "%s%s: %s can never change the result; remove %s",
		    list, ned > SHOW_MAX ? "; ..." : "", ned == 1 ? "the term" : "the terms",
		    ned == 1 ? "it" : "them");
		size_t fl;
		char *fixed = apply_edits(a, text, len, ed, ned, &fl);
		suggest_txt(ctx, f, rr, fixed, fl);
	}
	free(ed);
}

/* ---- size and exp= ------------------------------------------------------------------ */

static void check_size(zl_ctx_t *ctx, const zl_spfname_t *sn, const zl_rr_t *rr, size_t len,
                       const char *nb)
{
	/* the TXT answer: header, question, and each record with its owner
	 * compressed to a pointer (RFC 1035 section 4.1) */
	size_t answer = 12 + sn->node->wirelen + 4;
	for (const zl_rr_t *t = zl_node_first(sn->node, ZL_TYPE_TXT); t; t = zl_rr_next_same(t))
		if (zl_rr_zone(t) == sn->zone)
			answer += 2 + 10 + t->rdlen;
	if (len > RECORD_SOFT_MAX && answer > UDP_MAX)
		zl_emit(ctx, ZL_R_SPF_SIZE, rr,
		        "SPF record is %zu octets, over the %u RFC 7208 section 3.4 suggests, and "
		        "the TXT answer for '%s' is %zu octets, over the %u of a plain UDP "
		        "response: receivers must retry over TCP",
		        len, RECORD_SOFT_MAX, nb, answer, UDP_MAX);
	else if (len > RECORD_SOFT_MAX)
		zl_emit(ctx, ZL_R_SPF_SIZE, rr,
		        "SPF record is %zu octets, over the %u RFC 7208 section 3.4 suggests: "
		        "shorten it (ranges instead of single addresses, fewer terms)",
		        len, RECORD_SOFT_MAX);
	else if (answer > UDP_MAX && rr == sn->rr)
		zl_emit(
		    ctx, ZL_R_SPF_SIZE, rr,
		    "the TXT answer for '%s' is %zu octets with its other TXT records, over the "
		    "%u of a plain UDP response (RFC 7208 section 3.4): receivers must retry "
		    "over TCP",
		    nb, answer, UDP_MAX);
}

static void check_exp(zl_ctx_t *ctx, const zl_rr_t *rr, const zl_spf_record_t *rec)
{
	if (rec->exp < 0)
		return;
	const zl_spf_term_t *t = &rec->terms[rec->exp];
	uint8_t w[256];
	size_t wl = zl_spf_spec_wire(&t->domain, w);
	if (!wl)
		return; /* macros: depends on the sender */
	zl_arena_t *a = &ctx->scratch;
	const char *name = zl_spf_name_text(a, w, wl);
	const char *ts = term_str(ctx, rec, (size_t)rec->exp);
	zl_spf_answer_t ans;
	zl_spf_resolve(ctx->set, w, wl, true, &ans);
	if (ans.kind == ZL_SPF_ANS_UNKNOWN) {
		zl_emit(ctx, ZL_R_SPF_EXP, rr,
		        "'%s' names '%s', outside the loaded zones: whether it gives an "
		        "explanation cannot be checked offline",
		        ts, name);
		return;
	}
	const char *what = NULL;
	unsigned ntxt =
	    ans.kind == ZL_SPF_ANS_NODE ? zl_spf_count(ans.node, ans.zone, ZL_TYPE_TXT) : 0;
	if (ans.kind == ZL_SPF_ANS_NXDOMAIN) {
		what = "does not exist";
	} else if (ntxt == 0) {
		what = "has no TXT record";
	} else if (ntxt > 1) {
		what = zl_arena_printf(a, "has %u TXT records", ntxt);
	} else {
		const zl_rr_t *x = zl_node_first(ans.node, ZL_TYPE_TXT);
		while (x && zl_rr_zone(x) != ans.zone)
			x = zl_rr_next_same(x);
		size_t l;
		char *s = x ? zl_rr_txt(a, x, &l) : NULL;
		zl_spf_macro_info_t mi;
		if (s && zl_spf_macro_validate(s, l, ZL_SPF_MACRO_EXP_LETTERS | ZL_SPF_MACRO_SPACES,
		                               &mi) != ZL_SPF_OK)
			what = zl_arena_printf(a,
			                       "has text that is not a valid explain-string "
			                       "(%s at offset %zu)",
			                       zl_spf_code_name(mi.code), mi.offset);
	}
	if (what)
		zl_emit(ctx, ZL_R_SPF_EXP, rr,
		        "'%s' gives no explanation: '%s' %s, so receivers use their default text "
		        "(RFC 7208 section 6.2)",
		        ts, name, what);
}

/* Hosts an SPF record names with a or mx: they send mail. */
static void note_hosts(zl_ctx_t *ctx, const zl_rr_t *rr, const zl_spf_record_t *rec,
                       zl_ptrmap_t *hosts)
{
	for (size_t i = 0; i < rec->n_terms; i++) {
		const zl_spf_term_t *t = &rec->terms[i];
		if (!t->valid || (t->kind != ZL_SPF_A && t->kind != ZL_SPF_MX))
			continue;
		if (!t->domain.present) {
			if (t->kind == ZL_SPF_A)
				zl_ptrmap_slot(hosts, zl_rr_owner(rr), NULL);
			continue;
		}
		uint8_t w[256];
		size_t wl = zl_spf_spec_wire(&t->domain, w);
		zl_spf_answer_t ans;
		if (!wl || t->kind != ZL_SPF_A)
			continue;
		zl_spf_resolve(ctx->set, w, wl, true, &ans);
		if (ans.kind == ZL_SPF_ANS_NODE)
			zl_ptrmap_slot(hosts, ans.node, NULL);
	}
}

/* ---- per name ------------------------------------------------------------------------ */

/* Whether the text of a TXT record, past its leading spaces, starts with
 * "v=spf1" (any case): SPF records and the records that look like one.
 * Read from the wire rdata: the text is its strings joined (RFC 7208 3.3). */
static bool spf_like(const zl_rr_t *rr)
{
	static const char want[] = "v=spf1";
	size_t k = 0, i = 0;
	while (i < rr->rdlen) {
		size_t l = zl_rr_rdata(rr)[i++];
		if (i + l > rr->rdlen)
			l = rr->rdlen - i;
		for (size_t j = 0; j < l; j++) {
			char c = (char)zl_rr_rdata(rr)[i + j];
			if (k == 0 && c == ' ')
				continue;
			if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != want[k])
				return false;
			if (++k == sizeof(want) - 1)
				return true;
		}
		i += l;
	}
	return false;
}

static void check_name(zl_ctx_t *ctx, const zl_spfname_t *sn, const zl_spf_record_t *first_rec,
                       zl_ptrmap_t *hosts)
{
	zl_arena_t *a = &ctx->scratch;
	const zl_rr_t *first = NULL;
	const zl_rr_t *seen[MULTIPLE_MAX];
	unsigned nseen = 0;
	char nb[ZL_NAME_STRLEN];
	nb[0] = '\0'; /* printed when the name has an SPF record */
	for (const zl_rr_t *rr = zl_node_first(sn->node, ZL_TYPE_TXT); rr;
	     rr = zl_rr_next_same(rr)) {
		if (zl_rr_zone(rr) != sn->zone || rr->opaque || !spf_like(rr))
			continue;
		size_t len;
		char *text = zl_rr_txt(a, rr, &len);
		if (!zl_spf_is_spf(text, len)) {
			check_lookalike(ctx, sn, rr, text, len);
			continue;
		}
		if (!nb[0])
			zl_node_str(sn->node, nb);
		bool dup = false;
		for (unsigned i = 0; i < nseen && !dup; i++)
			dup = seen[i]->rdlen == rr->rdlen &&
			      !memcmp(zl_rr_rdata(seen[i]), zl_rr_rdata(rr), rr->rdlen);
		if (dup)
			continue; /* zone-duplicate says it; servers send it once */
		if (nseen == MULTIPLE_MAX) {
			zl_emit(ctx, ZL_R_SPF_MULTIPLE, rr,
			        "'%s' has %u SPF records in all: receivers return permerror; only "
			        "the first %u are checked",
			        nb, sn->nspf, MULTIPLE_MAX);
			break;
		}
		seen[nseen++] = rr;
		const zl_spf_record_t *rec;
		if (rr == sn->rr) {
			rec = first_rec;
			first = rr;
		} else {
			zl_spf_record_t *r = zl_arena_alloc(a, sizeof(*r));
			zl_spf_parse(r, text, len, a);
			rec = r;
			zl_emit(ctx, ZL_R_SPF_MULTIPLE, rr,
			        "%s SPF record at '%s' (the first is at line %u): receivers "
			        "return permerror when a name has more than one, so none applies "
			        "(RFC 7208 section 4.5); merge them into one",
			        nseen == 2 ? "second" : "another", nb, first->line);
		}
		check_syntax(ctx, rr, rec);
		/* nb: the owner of rr, which is sn->node */
		check_all(ctx, sn, rr, rec, text, len, nb);
		check_ptr(ctx, rr, rec);
		check_ranges(ctx, rr, rec, text, len, nb);
		check_redundant(ctx, rr, rec, text, len, nb);
		check_size(ctx, sn, rr, len, nb);
		check_exp(ctx, rr, rec);
		note_hosts(ctx, rr, rec, hosts);
	}
}

static void check_type99(zl_ctx_t *ctx, const zl_node_t *n, const zl_zone_t *z)
{
	zl_arena_t *a = &ctx->scratch;
	zl_spfname_t facts, *sn = &facts;
	zl_spf_name_facts(n, z, sn);
	char nb[ZL_NAME_STRLEN];
	zl_node_str(n, nb);
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_SPF); rr; rr = zl_rr_next_same(rr)) {
		if (zl_rr_zone(rr) != z || rr->opaque)
			continue;
		zl_emit(ctx, ZL_R_SPF_TYPE99, rr,
		        "obsolete SPF-type (99) record: receivers read only TXT records (RFC 7208 "
		        "section 3.1); remove it");
		size_t len;
		char *text = zl_rr_txt(a, rr, &len);
		if (!sn->nspf) {
			zl_finding_t *f =
			    zl_emit(ctx, ZL_R_SPF_TYPE99_MISMATCH, rr,
			            "'%s' has an SPF-type record but no TXT SPF record: "
			            "receivers following RFC 7208 see no SPF policy; publish "
			            "it as TXT",
			            nb);
			suggest_txt(ctx, f, rr, text, len);
			continue;
		}
		bool same = false;
		for (const zl_rr_t *t = zl_node_first(n, ZL_TYPE_TXT); t && !same;
		     t = zl_rr_next_same(t)) {
			if (zl_rr_zone(t) != z || t->opaque || !zl_spf_rr_is_spf(t))
				continue;
			size_t tl;
			char *tt = zl_rr_txt(a, t, &tl);
			same = zl_spf_is_spf(tt, tl) && tl == len && !memcmp(tt, text, len);
		}
		if (!same)
			zl_emit(ctx, ZL_R_SPF_TYPE99_MISMATCH, rr,
			        "SPF-type record differs from the TXT SPF record at line %u: old "
			        "receivers that read type 99 apply another policy than the others "
			        "(RFC 7208 section 3.1)",
			        sn->rr->line);
	}
}

static bool is_null_mx(const zl_rr_t *mx)
{
	return !mx->opaque && mx->rdlen == 3 && zl_rr_rdata(mx)[2] == 0;
}

static void suggest_none(zl_ctx_t *ctx, zl_finding_t *f, const zl_node_t *n, uint32_t ttl)
{
	char nb[ZL_NAME_STRLEN], *sug = NULL;
	if (f && zl_generate_spf_none_text(&ctx->scratch, zl_node_str(n, nb), ttl, &sug) == 0)
		zl_suggest(ctx, f, "%s", sug);
}

static void check_missing(zl_ctx_t *ctx, const zl_node_t *n, const zl_zone_t *z,
                          const zl_ptrmap_t *hosts)
{
	if (z->is_reverse || zl_spf_count(n, z, ZL_TYPE_CNAME))
		return;
	const zl_rr_t *real = NULL, *null = NULL;
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_MX); rr; rr = zl_rr_next_same(rr))
		if (zl_rr_zone(rr) == z) {
			if (is_null_mx(rr)) {
				if (!null)
					null = rr;
			} else if (!real) {
				real = rr;
			}
		}
	bool addr = zl_spf_count(n, z, ZL_TYPE_A) || zl_spf_count(n, z, ZL_TYPE_AAAA);
	const zl_zone_conf_t *conf = ctx->config ? zl_config_zone(ctx->config, z->name) : NULL;
	bool nomail = conf && (conf->role == ZL_ROLE_PARKED || conf->role == ZL_ROLE_WEB);
	if (!real && !(nomail && (addr || n == z->apex)))
		return;
	zl_spfname_t facts;
	zl_spf_name_facts(n, z, &facts);
	if (facts.nspf)
		return;
	char nb[ZL_NAME_STRLEN];
	zl_node_str(n, nb);
	if (real) {
		zl_finding_t *f =
		    zl_emit_at(ctx, ZL_R_SPF_MISSING, z, n, ZL_TYPE_TXT, real->file, real->line,
		               "'%s' takes mail (MX) but has no SPF record, so receivers "
		               "cannot tell mail forged in its name from real mail (RFC "
		               "7208 section 2.1); publish one that lists the hosts "
		               "sending its mail, or \"v=spf1 -all\" if it sends none",
		               nb);
		suggest_none(ctx, f, n, real->ttl);
		return;
	}
	/* parked and web zones: the nullmx- family speaks for names with a null
	 * MX; MX and SPF hosts send mail; "_" names are not host names */
	if (null || zl_ptrmap_has(hosts, n) || (n != z->apex && n->label[1] == '_'))
		return;
	/* nullmx-missing reports the same names with the whole hardened set */
	if (zl_rule_enabled(ctx, ZL_R_NULLMX_MISSING))
		return;
	const char *role = conf->role == ZL_ROLE_PARKED ? "parked" : "web";
	const zl_rr_t *at = NULL;
	for (at = zl_node_first(n, ZL_TYPE_A); at && zl_rr_zone(at) != z; at = zl_rr_next_same(at))
		;
	if (!at)
		for (at = zl_node_first(n, ZL_TYPE_AAAA); at && zl_rr_zone(at) != z;
		     at = zl_rr_next_same(at))
			;
	const char *msg = "'%s' in the %s zone '%s' (config role: it sends no mail) has no SPF "
	                  "record, so receivers cannot reject mail forged in its name (RFC 7208 "
	                  "section 8.4); publish \"v=spf1 -all\"";
	zl_finding_t *f = at ? zl_emit_at(ctx, ZL_R_SPF_MISSING_NOMAIL, z, n, ZL_TYPE_TXT, at->file,
	                                  at->line, msg, nb, role, z->name)
	                     : zl_emit_name(ctx, ZL_R_SPF_MISSING_NOMAIL, z, n, ZL_TYPE_TXT, msg,
	                                    nb, role, z->name);
	suggest_none(ctx, f, n, at ? at->ttl : 0);
}

int zl_check_spf(zl_ctx_t *ctx)
{
	zl_spfdb_t db;
	zl_spfdb_init(&db, ctx);
	zl_ptrmap_t hosts;
	zl_ptrmap_init(&hosts);
	/* the MX hosts */
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_MX); rr; rr = zl_rr_next_same(rr)) {
			if (rr->rdlen <= 3 || rr->opaque)
				continue;
			size_t tl = zl_wire_name_len(zl_rr_rdata(rr) + 2, rr->rdlen - 2u);
			const zl_node_t *h = tl ? zl_zoneset_find(ctx->set, zl_rr_rdata(rr) + 2, tl) : NULL;
			if (h)
				zl_ptrmap_slot(&hosts, h, NULL);
		}
	}
	zl_spf_graph(&db);
	zl_spf_report_loops(&db);
	bool eval =
	    zl_rule_enabled(ctx, ZL_R_SPF_LOOKUP_LIMIT) ||
	    zl_rule_enabled(ctx, ZL_R_SPF_LOOKUP_NEAR_LIMIT) ||
	    zl_rule_enabled(ctx, ZL_R_SPF_LOOKUP_UNKNOWN) ||
	    zl_rule_enabled(ctx, ZL_R_SPF_VOID_LIMIT) ||
	    zl_rule_enabled(ctx, ZL_R_SPF_VOID_LOOKUP) || zl_rule_enabled(ctx, ZL_R_SPF_MX_LIMIT) ||
	    zl_rule_enabled(ctx, ZL_R_SPF_INCLUDE_INVALID) || zl_rule_enabled(ctx, ZL_R_SPF_LOOP);
	/* the names holding TXT records, one at a time: what is built for one
	 * (its record parsed, the findings' texts) lives in ctx->scratch, which
	 * is emptied after it, since the findings copy what they keep */
	zl_arena_reset(&ctx->scratch);
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		if (!zl_node_has(n, ZL_TYPE_TXT))
			continue;
		const zl_zone_t *z = zl_spf_auth_zone(ctx->set, n);
		if (!z)
			continue;
		zl_spfname_t local, *sn = zl_spfdb_find(&db, n);
		if (!sn) {
			zl_spf_name_facts(n, z, &local);
			sn = &local;
		}
		if (!sn->ntxt)
			continue;
		const zl_spf_record_t *rec = sn->nspf ? zl_spfdb_record(&db, sn, &ctx->scratch) : NULL;
		check_name(ctx, sn, rec, &hosts);
		if (eval && sn->nspf == 1 && !sn->invalid)
			zl_spf_evaluate(&db, sn, rec);
		zl_arena_reset(&ctx->scratch);
	}
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		if (!zl_node_rrs(n))
			continue;
		bool t99 = false, mx = false, addr = false;
		for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr)) {
			t99 |= rr->type == ZL_TYPE_SPF;
			mx |= rr->type == ZL_TYPE_MX;
			addr |= rr->type == ZL_TYPE_A || rr->type == ZL_TYPE_AAAA;
		}
		if (!t99 && !mx && !addr && !n->is_apex)
			continue;
		const zl_zone_t *z = zl_spf_auth_zone(ctx->set, n);
		if (!z)
			continue;
		if (t99)
			check_type99(ctx, n, z);
		check_missing(ctx, n, z, &hosts);
		zl_arena_reset(&ctx->scratch);
	}
	zl_ptrmap_free(&hosts);
	zl_spfdb_free(&db);
	return 0;
}
