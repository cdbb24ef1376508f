/* zonelint: the dmarc- family: DMARC policy records, where they apply, their reports.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmarc.h"
#include "dmarc_check.h"
#include "external.h"
#include "findings.h"
#include "generate.h"
#include "ptrmap.h"
#include "rules.h"
#include "spf.h"
#include "tagvalue.h"
#include "util.h"

/* Findings of one rule about one record beyond this are summed up in one. */
#define PER_RECORD_MAX 5

/* A growable list of records, kept in node order so findings come out in a
 * deterministic order. */
typedef struct rrlist {
	const zl_rr_t **v;
	size_t n, cap;
} rrlist_t;

static void rrlist_add(rrlist_t *l, const zl_rr_t *rr)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = zl_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = rr;
}

/* What a zone's apex finding sums up about the names below it. */
typedef struct below {
	unsigned names; /* uncovered names with MX or SPF records */
	bool sending;   /* one of them looks like it sends mail */
} below_t;

typedef struct dstate {
	zl_ctx_t *ctx;
	zl_dmarc_cache_t cache;
	zl_ptrmap_t
	    explained; /* domain -> non-NULL: a finding already says why it lacks a record */
	zl_ptrmap_t cname_targets; /* node a _dmarc CNAME points to */
	zl_ptrmap_t below;         /* zone -> below_t */
	zl_ptrmap_t dkim;          /* candidate domain -> non-NULL once a DKIM key is seen */
	rrlist_t enforce;          /* enforced policy records of domains without SPF */
	zl_arena_t keep;           /* what outlives one name (below_t) */
} dstate_t;

static void *const MARK = (void *)&MARK;

static void mark(zl_ptrmap_t *m, const void *key)
{
	*zl_ptrmap_slot(m, key, NULL) = MARK;
}

/* ---- text helpers ---- */

/* A parser message with its double quotes turned into the single quotes of
 * our messages (escaped \" inside quoted values stay as they are). */
static const char *requote(zl_arena_t *a, const char *msg)
{
	size_t n = strlen(msg);
	char *o = zl_arena_strndup(a, msg, n);
	for (size_t i = 0; i < n; i++)
		if (o[i] == '"' && (i == 0 || o[i - 1] != '\\'))
			o[i] = '\'';
	return o;
}

static char *name_of(const zl_node_t *n, char *buf)
{
	return zl_node_str(n, buf);
}

/* name_of() printed on first use only: @p buf starts as "". */
static const char *lazy_name(const zl_node_t *n, char *buf)
{
	return buf[0] ? buf : zl_node_str(n, buf);
}

/* The name without its final dot, for mail addresses. */
static const char *nodot(zl_arena_t *a, const char *name)
{
	size_t l = strlen(name);
	if (l > 1 && name[l - 1] == '.')
		l--;
	return zl_arena_strndup(a, name, l);
}

/* "owner ttl IN TXT "text"" for a suggestion. */
static char *txt_line(zl_arena_t *a, const char *owner, uint32_t ttl, const char *text)
{
	return zl_arena_printf(a, "%s %u IN TXT %s", owner, ttl,
	                       zl_generate_txt_rdata(a, text, strlen(text)));
}

/* Lower-case wire name from LDH text (a URI host, already validated). */
static size_t host_wire(const char *s, size_t len, uint8_t *out, size_t cap)
{
	size_t o = 0, i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && s[e] != '.')
			e++;
		size_t l = e - i;
		if (l == 0 || l > 63 || o + 1 + l + 1 > cap)
			return 0;
		out[o++] = (uint8_t)l;
		for (size_t k = 0; k < l; k++) {
			char c = s[i + k];
			out[o++] = (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		i = e + 1;
	}
	if (o + 1 > cap)
		return 0;
	out[o++] = 0;
	return o;
}

/* The closest interned name at or above a wire name. */
static const zl_node_t *closest(const zl_zoneset_t *set, const uint8_t *w, size_t len)
{
	while (len > 1) {
		const zl_node_t *n = zl_zoneset_find(set, w, len);
		if (n)
			return n;
		size_t skip = (size_t)w[0] + 1;
		w += skip;
		len -= skip;
	}
	return NULL;
}

/* The last two labels of a wire name (all of it when shorter). */
static const uint8_t *last_two(const uint8_t *w, size_t len, size_t *outlen)
{
	unsigned labels = 0;
	for (size_t i = 0; i < len && w[i]; i += (size_t)w[i] + 1)
		labels++;
	while (labels > 2) {
		size_t skip = (size_t)w[0] + 1;
		w += skip;
		len -= skip;
		labels--;
	}
	*outlen = len;
	return w;
}

static bool wire_below(const uint8_t *w, size_t len, const uint8_t *anc, size_t alen)
{
	while (len >= alen) {
		if (len == alen && !memcmp(w, anc, alen))
			return true;
		if (len <= 1)
			break;
		size_t skip = (size_t)w[0] + 1;
		w += skip;
		len -= skip;
	}
	return false;
}

/*
 * RFC 7489 section 7.1 asks for an authorization record when the report
 * address is in another organizational domain.  Without a public suffix
 * list this is approximated: when both names fall in loaded zones, they are
 * the same organization if one zone is at or below the other; otherwise if
 * one name is at or below the other or their last two labels are equal.
 */
static bool same_org(const zl_zoneset_t *set, const zl_node_t *x, const uint8_t *h, size_t hl)
{
	uint8_t xw[ZL_WIRE_MAX];
	zl_node_wire(x, xw);
	if (wire_below(h, hl, xw, x->wirelen) || wire_below(xw, x->wirelen, h, hl))
		return true;
	const zl_zone_t *zx = zl_zoneset_zone_for(set, x);
	const zl_node_t *hn = closest(set, h, hl);
	const zl_zone_t *zh = hn ? zl_zoneset_zone_for(set, hn) : NULL;
	if (zx && zh && !zx->external && !zh->external)
		return zx == zh || zl_node_is_below(zx->apex, zh->apex) ||
		       zl_node_is_below(zh->apex, zx->apex);
	size_t a, b;
	const uint8_t *ta = last_two(xw, x->wirelen, &a), *tb = last_two(h, hl, &b);
	return a == b && !memcmp(ta, tb, a);
}

/* ---- what a domain publishes ---- */

enum { SPF_NONE = 0, SPF_FAIL_ALL, SPF_OTHER };

/* Whether the name has an SPF record, and whether it is just "v=spf1 -all". */
static int spf_kind(const zl_node_t *n, const zl_zone_t *z)
{
	int kind = SPF_NONE;
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_TXT); rr; rr = zl_rr_next_same(rr)) {
		if (zl_rr_zone(rr) != z)
			continue;
		char buf[64];
		size_t l = zl_mail_txt_prefix(rr, buf, sizeof(buf));
		if (!zl_spf_is_spf(buf, l))
			continue;
		/* "v=spf1" then only "-all" (any case, any spacing) */
		size_t i = 6, toks = 0;
		bool fail_all = l < sizeof(buf);
		while (fail_all && i < l) {
			while (i < l && buf[i] == ' ')
				i++;
			size_t e = i;
			while (e < l && buf[e] != ' ')
				e++;
			if (e > i) {
				toks++;
				if (!zl_tv_eq(buf + i, e - i, "-all", true))
					fail_all = false;
			}
			i = e;
		}
		if (fail_all && toks == 1) {
			if (kind == SPF_NONE)
				kind = SPF_FAIL_ALL;
		} else {
			kind = SPF_OTHER;
		}
	}
	return kind;
}

static bool null_mx_only(const zl_node_t *n, const zl_zone_t *z)
{
	return zl_mail_has(n, ZL_TYPE_MX, z) && !zl_mail_real_mx(n, z);
}

/* A domain that sends no mail: no real MX and "v=spf1 -all". */
static bool sends_no_mail(const zl_node_t *n, const zl_zone_t *z)
{
	return !zl_mail_real_mx(n, z) && spf_kind(n, z) == SPF_FAIL_ALL;
}

/* ---- problems of one record ---- */

static zl_rule_id_t problem_rule(const zl_dmarc_problem_t *p)
{
	switch (p->code) {
	case ZL_DMARCP_V_MISSING:
	case ZL_DMARCP_V_NOT_FIRST:
	case ZL_DMARCP_V_INVALID:
	case ZL_DMARCP_V_CASE:
	case ZL_DMARCP_LEADING_WHITESPACE:
		return ZL_R_DMARC_SYNTAX;
	case ZL_DMARCP_STRAY_WHITESPACE:
	case ZL_DMARCP_UPPERCASE_TAG:
	case ZL_DMARCP_UPPERCASE_VALUE:
	case ZL_DMARCP_EMPTY_SPEC:
		return ZL_R_DMARC_STYLE;
	case ZL_DMARCP_P_MISSING:
		return ZL_R_DMARC_P_MISSING;
	case ZL_DMARCP_P_NOT_SECOND:
		return ZL_R_DMARC_P_NOT_SECOND;
	case ZL_DMARCP_P_INVALID:
	case ZL_DMARCP_SP_INVALID:
	case ZL_DMARCP_NP_INVALID:
	case ZL_DMARCP_PSD_INVALID:
	case ZL_DMARCP_T_INVALID:
	case ZL_DMARCP_ADKIM_INVALID:
	case ZL_DMARCP_ASPF_INVALID:
	case ZL_DMARCP_URI_SCHEME:
	case ZL_DMARCP_URI_UNENCODED_COMMA:
		return ZL_R_DMARC_INVALID_VALUE;
	case ZL_DMARCP_FO_INVALID:
		/* a list RFC 7489 allows and RFC 9989's dmarc-fo does not */
		return p->impact_7489 == ZL_IMPACT_NONE ? ZL_R_DMARC_IGNORED_TAG
		                                        : ZL_R_DMARC_INVALID_VALUE;
	case ZL_DMARCP_RUA_INVALID:
	case ZL_DMARCP_RUF_INVALID:
		/* an empty list element ("a,,b") is skipped by everyone */
		return p->impact_9989 == ZL_IMPACT_COSMETIC ? ZL_R_DMARC_STYLE
		                                            : ZL_R_DMARC_INVALID_VALUE;
	case ZL_DMARCP_PCT_INVALID:
	case ZL_DMARCP_RF_INVALID:
	case ZL_DMARCP_RI_INVALID:
		return ZL_R_DMARC_REMOVED_TAG_INVALID;
	case ZL_DMARCP_URI_SIZE_SUFFIX:
	case ZL_DMARCP_OBSOLETE_TAG:
		return ZL_R_DMARC_OBSOLETE;
	case ZL_DMARCP_DUPLICATE_TAG:
		return ZL_R_DMARC_DUPLICATE_TAG;
	case ZL_DMARCP_UNKNOWN_TAG:
	case ZL_DMARCP_MISSING_EQUALS:
	case ZL_DMARCP_BAD_TAG_NAME:
	case ZL_DMARCP_BAD_VALUE_CHAR:
		return ZL_R_DMARC_IGNORED_TAG;
	case ZL_DMARCP_NEW_TAG: /* np, psd, t: RFC 7489 receivers skip them, as meant */
	default:
		return ZL_R__COUNT;
	}
}

static bool is_policy_code(zl_dmarc_code_t c)
{
	return c == ZL_DMARCP_P_INVALID || c == ZL_DMARCP_SP_INVALID || c == ZL_DMARCP_NP_INVALID;
}

static bool is_uri_code(zl_dmarc_code_t c)
{
	return c == ZL_DMARCP_RUA_INVALID || c == ZL_DMARCP_RUF_INVALID ||
	       c == ZL_DMARCP_URI_SCHEME || c == ZL_DMARCP_URI_UNENCODED_COMMA;
}

/* What receivers of one generation do about a problem with impact @p i. */
static const char *effect(zl_impact_t i, zl_dmarc_code_t code, bool rfc9989)
{
	switch (i) {
	case ZL_IMPACT_DISCARDS_RECORD:
		return "ignore the whole record";
	case ZL_IMPACT_IGNORED_TAG:
		if (rfc9989 && is_policy_code(code))
			return "act as if it said 'p=none', because 'rua' holds a valid address";
		if (!rfc9989 && code == ZL_DMARCP_NP_INVALID)
			return "do not know 'np' and skip it";
		if (is_uri_code(code))
			return "send no reports to that address";
		return "ignore the tag";
	case ZL_IMPACT_COSMETIC:
		return "accept it";
	default:
		return "are not affected";
	}
}

/* The consequence clause of a problem's message. */
static const char *consequence(zl_arena_t *a, const zl_dmarc_problem_t *p)
{
	switch (p->code) {
	case ZL_DMARCP_V_MISSING:
	case ZL_DMARCP_V_INVALID:
		return "a DMARC record must start with exactly 'v=DMARC1', so receivers do not "
		       "see one here (RFC 7489 section 6.4, RFC 9989 section 4.7)";
	case ZL_DMARCP_V_NOT_FIRST:
	case ZL_DMARCP_V_CASE:
	case ZL_DMARCP_LEADING_WHITESPACE:
		return "a DMARC record must start with exactly 'v=DMARC1' (RFC 7489 section "
		       "6.4, RFC 9989 section 4.7): receivers that follow the grammar do not see "
		       "one here, though OpenDMARC tolerates it";
	case ZL_DMARCP_STRAY_WHITESPACE:
		return "the grammar allows it, but tools that look for the literal prefix "
		       "'v=DMARC1' miss the record";
	case ZL_DMARCP_UPPERCASE_TAG:
	case ZL_DMARCP_UPPERCASE_VALUE:
		return "OpenDMARC accepts any case, but receivers that compare exactly do not";
	case ZL_DMARCP_EMPTY_SPEC:
		return "not in the grammar, though receivers skip it";
	case ZL_DMARCP_RUA_INVALID:
	case ZL_DMARCP_RUF_INVALID:
		if (p->impact_9989 == ZL_IMPACT_COSMETIC)
			return "receivers skip it";
		break;
	case ZL_DMARCP_P_MISSING:
		return "RFC 9989 receivers read the record as 'p=none', but RFC 7489 receivers "
		       "such as OpenDMARC ignore the whole record";
	case ZL_DMARCP_P_NOT_SECOND:
		return "receivers accept any order, but some checkers only recognise a policy "
		       "written 'v=DMARC1; p=...'";
	case ZL_DMARCP_OBSOLETE_TAG:
		return "receivers that follow RFC 9989 ignore it; RFC 7489 receivers still read it";
	case ZL_DMARCP_URI_SIZE_SUFFIX:
		return "RFC 9989 removed report size limits and its receivers ignore them";
	case ZL_DMARCP_PCT_INVALID:
	case ZL_DMARCP_RF_INVALID:
	case ZL_DMARCP_RI_INVALID:
		return "RFC 7489 receivers such as OpenDMARC ignore the whole record; RFC 9989 "
		       "receivers ignore the tag, which it removed";
	case ZL_DMARCP_DUPLICATE_TAG:
		return "a repeated tag makes the whole record invalid (RFC 7489 section 6.3), "
		       "and receivers differ: most ignore the record, OpenDMARC keeps the last "
		       "value";
	case ZL_DMARCP_UNKNOWN_TAG:
		return "receivers ignore tags they do not know";
	case ZL_DMARCP_MISSING_EQUALS:
	case ZL_DMARCP_BAD_TAG_NAME:
	case ZL_DMARCP_BAD_VALUE_CHAR:
		return "receivers skip it";
	case ZL_DMARCP_FO_INVALID:
		if (p->impact_7489 == ZL_IMPACT_NONE)
			return "RFC 9989 allows one option or 'd:s' and its receivers ignore the "
			       "tag; RFC 7489 receivers accept it";
		break;
	default:
		break;
	}
	if (p->impact_7489 == p->impact_9989)
		return zl_arena_printf(a, "receivers %s", effect(p->impact_9989, p->code, true));
	return zl_arena_printf(a,
	                       "RFC 9989 receivers %s; RFC 7489 receivers such as "
	                       "OpenDMARC %s",
	                       effect(p->impact_9989, p->code, true),
	                       effect(p->impact_7489, p->code, false));
}

/* Problems a rewrite of the record fixes without guessing what was meant. */
static bool fixable_code(zl_dmarc_code_t c)
{
	switch (c) {
	case ZL_DMARCP_V_CASE:
	case ZL_DMARCP_V_NOT_FIRST:
	case ZL_DMARCP_LEADING_WHITESPACE:
	case ZL_DMARCP_STRAY_WHITESPACE:
	case ZL_DMARCP_P_MISSING:
	case ZL_DMARCP_P_NOT_SECOND:
	case ZL_DMARCP_UPPERCASE_TAG:
	case ZL_DMARCP_UPPERCASE_VALUE:
	case ZL_DMARCP_EMPTY_SPEC:
	case ZL_DMARCP_OBSOLETE_TAG:
	case ZL_DMARCP_URI_SIZE_SUFFIX:
	case ZL_DMARCP_NEW_TAG:
		return true;
	default:
		return false;
	}
}

static int known_tag(const char *name, size_t len)
{
	for (int i = 0; i < ZL_DMARC_TAG__COUNT; i++)
		if (zl_tv_eq(name, len, zl_dmarc_tag_name((zl_dmarc_tag_id_t)i), true))
			return i;
	return -1;
}

/*
 * The record rewritten: "v=DMARC1; p=..." first (p=none when absent, which
 * is what RFC 9989 receivers read), then the other tags in their order,
 * names and keyword values in lower case.  NULL when the record has a
 * problem a rewrite cannot fix.
 */
static char *normalized(zl_arena_t *a, const zl_dmarc_t *d)
{
	if (d->n_dropped || !d->field[ZL_DMARC_TAG_V].tag)
		return NULL;
	for (size_t i = 0; i < d->n_problems; i++)
		if (!fixable_code(d->problems[i].code))
			return NULL;
	const zl_tv_tag_t *p = d->field[ZL_DMARC_TAG_P].tag;
	char *s = zl_arena_printf(a, "v=DMARC1; p=%s",
	                          p ? zl_arena_strndup(a, p->value, p->value_len) : "none");
	for (char *c = s; *c; c++)
		if (c > s + 8 && *c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
	for (size_t i = 0; i < d->list.n_tags; i++) {
		const zl_tv_tag_t *t = &d->list.tags[i];
		int id = known_tag(t->name, t->name_len);
		if (id < 0 || id == ZL_DMARC_TAG_V || id == ZL_DMARC_TAG_P ||
		    (t->flags & (ZL_TV_F_DUPLICATE | ZL_TV_F_BAD_NAME)))
			continue;
		char *v = zl_arena_strndup(a, t->value, t->value_len);
		if (id != ZL_DMARC_TAG_RUA && id != ZL_DMARC_TAG_RUF)
			for (char *c = v; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c = (char)(*c + 32);
		s = zl_arena_printf(a, "%s; %s=%s", s, zl_dmarc_tag_name((zl_dmarc_tag_id_t)id), v);
	}
	return s;
}

/* Report every problem of one DMARC-looking record at _dmarc.<x>. */
static void report_problems(dstate_t *st, const zl_rr_t *rr, const zl_dmarc_t *d)
{
	zl_ctx_t *ctx = st->ctx;
	if (!d->n_problems)
		return; /* every finding below is about a problem */
	unsigned cnt[ZL_R__COUNT];
	memset(cnt, 0, sizeof(cnt));
	char ob[ZL_NAME_STRLEN];
	name_of(zl_rr_owner(rr), ob);
	const char *fixed = NULL, *obsolete = NULL;
	bool fixed_done = false;
	unsigned nobsolete = 0;
	zl_rule_id_t worst = ZL_R__COUNT;
	for (size_t i = 0; i < d->n_problems; i++) {
		const zl_dmarc_problem_t *p = &d->problems[i];
		zl_rule_id_t r = problem_rule(p);
		if (r == ZL_R__COUNT || !zl_rule_enabled(ctx, r))
			continue;
		if (worst == ZL_R__COUNT || zl_catalogue[r].severity > zl_catalogue[worst].severity)
			worst = r;
		if (p->code == ZL_DMARCP_OBSOLETE_TAG) {
			/* pct, rf and ri: one finding names them all */
			const char *t = zl_tv_escape(&ctx->scratch, p->tag, p->tag_len, 8);
			obsolete =
			    obsolete ? zl_arena_printf(&ctx->scratch, "%s', '%s", obsolete, t) : t;
			nobsolete++;
			continue;
		}
		if (++cnt[r] > PER_RECORD_MAX)
			continue;
		zl_finding_t *f = zl_emit(ctx, r, rr, "%s (DMARC record of '%s'); %s",
		                          requote(&ctx->scratch, p->msg ? p->msg : "problem"),
		                          ob + 7, consequence(&ctx->scratch, p));
		if (f && fixable_code(p->code) && r != ZL_R_DMARC_OBSOLETE) {
			if (!fixed_done) {
				fixed = normalized(&ctx->scratch, d);
				fixed_done = true;
			}
			if (fixed)
				zl_suggest(ctx, f, "%s",
				           txt_line(&ctx->scratch, ob, rr->ttl, fixed));
		}
	}
	if (nobsolete)
		zl_emit(ctx, ZL_R_DMARC_OBSOLETE, rr,
		        "tag%s '%s' %s removed by RFC 9989 (DMARC record of '%s'); receivers that "
		        "follow it ignore %s, RFC 7489 receivers still read %s",
		        nobsolete > 1 ? "s" : "", obsolete, nobsolete > 1 ? "were" : "was", ob + 7,
		        nobsolete > 1 ? "them" : "it", nobsolete > 1 ? "them" : "it");
	for (unsigned r = 0; r < ZL_R__COUNT; r++)
		if (cnt[r] > PER_RECORD_MAX)
			zl_emit(ctx, (zl_rule_id_t)r, rr,
			        "%u more problems of this kind in the DMARC record of '%s' are not "
			        "listed",
			        cnt[r] - PER_RECORD_MAX, ob + 7);
	if (d->n_dropped && worst != ZL_R__COUNT)
		zl_emit(ctx, worst, rr,
		        "the DMARC record of '%s' has %zu further problems that are not listed "
		        "(only the first %d are examined one by one)",
		        ob + 7, d->n_dropped, ZL_TV_MAX_PROBLEMS);
}

/* ---- the policy's strength ---- */

static const char *policy_str(zl_dmarc_policy_t p)
{
	return p == ZL_DMARC_POLICY_REJECT       ? "reject"
	       : p == ZL_DMARC_POLICY_QUARANTINE ? "quarantine"
	                                         : "none";
}

static bool enforced(zl_dmarc_policy_t p)
{
	return p == ZL_DMARC_POLICY_QUARANTINE || p == ZL_DMARC_POLICY_REJECT;
}

static void check_strength(dstate_t *st, const zl_rr_t *rr, const zl_dmarc_t *d, const zl_node_t *x,
                           const zl_zone_t *z)
{
	zl_ctx_t *ctx = st->ctx;
	char xb[ZL_NAME_STRLEN];
	xb[0] = '\0'; /* printed for a finding only */
	bool has_p = d->field[ZL_DMARC_TAG_P].tag && d->field[ZL_DMARC_TAG_P].valid;
	if (has_p && d->p == ZL_DMARC_POLICY_NONE)
		zl_emit(ctx, ZL_R_DMARC_POLICY_NONE, rr,
		        "DMARC policy 'p=none' of '%s' only monitors: receivers deliver mail that "
		        "fails DMARC, spoofed mail included; move to 'p=quarantine' and then "
		        "'p=reject' once the reports show every legitimate sender passes",
		        lazy_name(x, xb));
	if (d->t && enforced(d->p))
		zl_emit(ctx, ZL_R_DMARC_TESTING, rr,
		        "'t=y' marks the DMARC policy of '%s' as a test: RFC 9989 receivers apply "
		        "one level less ('%s' instead of 'p=%s'); remove 't=y' when the policy is "
		        "meant",
		        lazy_name(x, xb), d->p == ZL_DMARC_POLICY_REJECT ? "quarantine" : "none",
		        policy_str(d->p));
	if (d->field[ZL_DMARC_TAG_PCT].valid && d->pct < 100 && enforced(d->p))
		zl_emit(ctx, ZL_R_DMARC_PCT, rr,
		        "'pct=%u' asks RFC 7489 receivers to apply 'p=%s' to only %u%% of the mail "
		        "of '%s' that fails DMARC, while RFC 9989 receivers, which removed 'pct', "
		        "apply it to all of it: neither is what the record says; remove 'pct' and "
		        "choose the policy itself",
		        d->pct, policy_str(d->p), d->pct, lazy_name(x, xb));
	if (enforced(d->p) && d->field[ZL_DMARC_TAG_SP].valid && d->sp == ZL_DMARC_POLICY_NONE)
		zl_emit(ctx, ZL_R_DMARC_SP_NONE, rr,
		        "'sp=none' lets mail that fails DMARC through for every subdomain of '%s', "
		        "though 'p=%s' protects '%s' itself: a spoofer only has to use a subdomain",
		        lazy_name(x, xb), policy_str(d->p), lazy_name(x, xb));
	if (enforced(d->p) && d->field[ZL_DMARC_TAG_NP].valid && d->np == ZL_DMARC_POLICY_NONE)
		zl_emit(ctx, ZL_R_DMARC_SP_NONE, rr,
		        "'np=none' lets mail that fails DMARC through for every subdomain of '%s' "
		        "that does not exist, though 'p=%s' protects '%s' itself",
		        lazy_name(x, xb), policy_str(d->p), lazy_name(x, xb));
	if (!d->field[ZL_DMARC_TAG_RUA].tag &&
	    !(d->p == ZL_DMARC_POLICY_REJECT && sends_no_mail(x, z)))
		zl_emit(ctx, ZL_R_DMARC_NO_RUA, rr,
		        "the DMARC record of '%s' has no 'rua' tag: no receiver sends aggregate "
		        "reports, so you never see who sends mail as '%s' or whether your own "
		        "mail passes; add 'rua=mailto:' and a mailbox you read",
		        lazy_name(x, xb), lazy_name(x, xb));
	if (d->n_ruf_valid)
		zl_emit(ctx, ZL_R_DMARC_RUF, rr,
		        "the DMARC record of '%s' asks for failure reports ('ruf'), which carry "
		        "the headers and sometimes the content of single messages, personal data "
		        "included: make sure receiving them is allowed, and expect few (most "
		        "receivers send none)",
		        lazy_name(x, xb));
	if (enforced(d->p) && zl_rule_enabled(ctx, ZL_R_DMARC_ENFORCE_NO_AUTH) &&
	    zl_mail_real_mx(x, z) && spf_kind(x, z) == SPF_NONE)
		rrlist_add(&st->enforce, rr);
}

/* ---- report authorization (RFC 7489 section 7.1) ---- */

/* An authorization record: text starting "v=DMARC1", then the end, ";" or space. */
static bool auth_text_ok(const zl_rr_t *rr)
{
	char buf[16];
	size_t l = zl_mail_txt_prefix(rr, buf, sizeof(buf));
	if (l < 8 || (buf[0] != 'v' && buf[0] != 'V') || memcmp(buf + 1, "=DMARC1", 7))
		return false;
	return l == 8 || buf[8] == ';' || buf[8] == ' ' || buf[8] == '\t';
}

static const zl_rr_t *auth_record(const zl_node_t *n, const zl_zone_t *z, const zl_rr_t **other)
{
	*other = NULL;
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_TXT); rr; rr = zl_rr_next_same(rr)) {
		if (zl_rr_zone(rr) != z)
			continue;
		if (auth_text_ok(rr))
			return rr;
		if (!*other)
			*other = rr;
	}
	return NULL;
}

static void check_one_report_domain(dstate_t *st, const zl_rr_t *rr, const zl_node_t *x,
                                    const char *host, size_t hostlen, const char *tags)
{
	zl_ctx_t *ctx = st->ctx;
	zl_arena_t *a = &ctx->scratch;
	uint8_t hw[256], aw[256];
	size_t hl = host_wire(host, hostlen, hw, sizeof(hw));
	if (!hl || same_org(ctx->set, x, hw, hl))
		return;
	static const uint8_t mid[] = "\007_report\006_dmarc";
	size_t xl = x->wirelen - 1u, ml = sizeof(mid) - 1u;
	if (xl + ml + hl > 255)
		return; /* no such name can exist */
	zl_node_wire(x, aw); /* its root label is overwritten next */
	memcpy(aw + xl, mid, ml);
	memcpy(aw + xl + ml, hw, hl);
	size_t al = xl + ml + hl;
	char xb[ZL_NAME_STRLEN], hb[ZL_NAME_STRLEN], ab[ZL_NAME_STRLEN];
	name_of(x, xb);
	zl_wire_name_str(hw, hl, hb);
	zl_wire_name_str(aw, al, ab);
	const char *shown_host = nodot(a, hb);
	const char *line = zl_arena_printf(a, "%s %u IN TXT \"v=DMARC1\"", ab, ZL_GENERATE_TTL);
	const zl_node_t *near = closest(ctx->set, aw, al);
	const zl_zone_t *hz = near ? zl_mail_zone(st->ctx->set, near) : NULL;
	/* a snapshot knows only the names it asked about: without an answer
	 * for the authorization name itself, the record is still unchecked */
	if (hz && hz->external) {
		const zl_node_t *exact = zl_zoneset_find(ctx->set, aw, al);
		if (!exact || !zl_external_holds(hz, exact) ||
		    !zl_external_answered(hz, exact, ZL_TYPE_TXT))
			hz = NULL;
	}
	if (!hz) {
		zl_finding_t *f =
		    zl_emit(ctx, ZL_R_DMARC_REPORT_AUTH_UNCHECKED, rr,
		            "'%s' of '%s' sends reports to '%s', whose zone is not "
		            "loaded: the authorization record it needs there (RFC 7489 "
		            "section 7.1) cannot be checked offline",
		            tags, xb, shown_host);
		zl_suggest(ctx, f, "%s", line);
		return;
	}
	const zl_node_t *an = zl_zoneset_find(ctx->set, aw, al);
	const zl_rr_t *other = NULL;
	if (an && auth_record(an, hz, &other))
		return;
	if (!an) {
		/* RFC 4592: *._report._dmarc.<host> answers when the name does not
		 * exist and its closest encloser is _report._dmarc.<host> */
		const zl_node_t *rep = zl_zoneset_find(ctx->set, aw + xl, ml + hl);
		const zl_node_t *wc = rep ? zl_node_child(ctx->set, rep, "*") : NULL;
		const zl_rr_t *wo = NULL;
		if (wc && near == rep && auth_record(wc, hz, &wo))
			return;
	}
	/* an external snapshot (apex the root) saw the name; it is not the zone */
	const char *zone_phrase = hz->external ? zl_arena_printf(a,
	                                                         "the zone of '%s' (the snapshot "
	                                                         "of it has none)",
	                                                         shown_host)
	                                       : zl_arena_printf(a, "zone '%s'", hz->name);
	zl_finding_t *f;
	if (other)
		f = zl_emit(ctx, ZL_R_DMARC_REPORT_AUTH_MISSING, rr,
		            "'%s' of '%s' sends reports to '%s', but the authorization record at "
		            "'%s' (%s:%u) does not start with 'v=DMARC1', so reporters send "
		            "nothing there (RFC 7489 section 7.1); replace it in %s",
		            tags, xb, shown_host, ab, ctx->set->files[other->file].display,
		            other->line, zone_phrase);
	else
		f = zl_emit(ctx, ZL_R_DMARC_REPORT_AUTH_MISSING, rr,
		            "'%s' of '%s' sends reports to '%s', which does not authorize them: "
		            "reporters look for a TXT record 'v=DMARC1' at '%s' and send nothing "
		            "without it (RFC 7489 section 7.1); add it to %s",
		            tags, xb, shown_host, ab, zone_phrase);
	zl_suggest(ctx, f, "%s", line);
}

/* Report domains looked at per record; receivers use the first two or so. */
#define REPORT_HOSTS_MAX 32

static void check_report_auth(dstate_t *st, const zl_rr_t *rr, const zl_dmarc_t *d,
                              const zl_node_t *x)
{
	if (!zl_rule_enabled(st->ctx, ZL_R_DMARC_REPORT_AUTH_MISSING) &&
	    !zl_rule_enabled(st->ctx, ZL_R_DMARC_REPORT_AUTH_UNCHECKED))
		return;
	/* each report domain once, naming the tags that use it */
	struct {
		uint8_t wire[256];
		size_t len;
		const zl_tv_uri_t *uri;
		bool rua, ruf;
	} h[REPORT_HOSTS_MAX]; /* on the stack: this runs once per policy record */
	size_t nh = 0, n = d->n_rua + d->n_ruf;
	for (size_t i = 0; i < n; i++) {
		const zl_dmarc_uri_t *u = i < d->n_rua ? &d->rua[i] : &d->ruf[i - d->n_rua];
		if (!u->valid || u->uri.scheme != ZL_TV_SCHEME_MAILTO || !u->uri.host_len)
			continue;
		uint8_t w[256];
		size_t wl = host_wire(u->uri.host, u->uri.host_len, w, sizeof(w));
		if (!wl)
			continue;
		size_t k = 0;
		while (k < nh && !(h[k].len == wl && !memcmp(h[k].wire, w, wl)))
			k++;
		if (k == nh) {
			if (nh == REPORT_HOSTS_MAX)
				continue;
			memcpy(h[nh].wire, w, wl);
			h[nh].len = wl;
			h[nh].uri = &u->uri;
			h[nh].rua = h[nh].ruf = false;
			nh++;
		}
		if (i < d->n_rua)
			h[k].rua = true;
		else
			h[k].ruf = true;
	}
	for (size_t k = 0; k < nh; k++)
		check_one_report_domain(st, rr, x, h[k].uri->host, h[k].uri->host_len,
		                        h[k].rua && h[k].ruf ? "rua' and 'ruf"
		                        : h[k].rua           ? "rua"
		                                             : "ruf");
}

/* X._report._dmarc.R: the text, and whether X still sends reports to R. */
static void check_auth_node(dstate_t *st, const zl_node_t *n, const zl_node_t *rep)
{
	zl_ctx_t *ctx = st->ctx;
	const zl_zone_t *z = zl_mail_zone(st->ctx->set, n);
	if (!z || z->external || !zl_mail_has(n, ZL_TYPE_TXT, z))
		return;
	const zl_node_t *r = zl_node_parent(zl_node_parent(rep));
	char nb[ZL_NAME_STRLEN], rb[ZL_NAME_STRLEN];
	name_of(n, nb);
	name_of(r, rb);
	const zl_rr_t *other = NULL, *ok = auth_record(n, z, &other);
	if (!ok) {
		for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_TXT); rr;
		     rr = zl_rr_next_same(rr)) {
			if (zl_rr_zone(rr) != z)
				continue;
			char tb[64];
			size_t l = zl_mail_txt_prefix(rr, tb, sizeof(tb) - 1);
			char eb[128];
			zl_finding_t *f =
			    zl_emit(ctx, ZL_R_DMARC_REPORT_AUTH_INVALID, rr,
			            "DMARC report authorization record '%s' starts "
			            "'%s' instead of 'v=DMARC1': reporters see no "
			            "authorization and send no reports to '%s' (RFC 7489 "
			            "section 7.1)",
			            nb, zl_escape(eb, sizeof(eb), tb, l), nodot(&ctx->scratch, rb));
			zl_suggest(ctx, f, "%s %u IN TXT \"v=DMARC1\"", nb, rr->ttl);
		}
		return;
	}
	if ((zl_mail_label_is(n, "*") && zl_node_parent(n) == rep) ||
	    !zl_rule_enabled(ctx, ZL_R_DMARC_REPORT_AUTH_STALE))
		return;
	/* the policy domain X: the labels before _report */
	uint8_t xw[256];
	size_t xl = (size_t)n->wirelen - rep->wirelen;
	zl_node_wire(n, xw); /* then cut after X's labels */
	xw[xl++] = 0;
	const zl_node_t *x = zl_zoneset_find(ctx->set, xw, xl);
	const zl_node_t *near = x ? x : closest(ctx->set, xw, xl);
	if (!near || !zl_mail_zone(st->ctx->set, near))
		return; /* X's zone is not loaded: nothing to compare with */
	char xb[ZL_NAME_STRLEN];
	zl_wire_name_str(xw, xl, xb);
	const zl_dmarc_site_t *s = x ? zl_dmarc_site(&st->cache, x) : NULL;
	if (s && s->found == ZL_DMARC_FOUND_UNKNOWN)
		return;
	const zl_dmarc_t *d = zl_dmarc_site_parse(&st->cache, s);
	if (d) {
		uint8_t rw[ZL_WIRE_MAX];
		zl_node_wire(r, rw);
		size_t nu = d->n_rua + d->n_ruf;
		for (size_t i = 0; i < nu; i++) {
			const zl_dmarc_uri_t *u = i < d->n_rua ? &d->rua[i] : &d->ruf[i - d->n_rua];
			uint8_t hw[256];
			size_t hl = u->valid && u->uri.scheme == ZL_TV_SCHEME_MAILTO
			                ? host_wire(u->uri.host, u->uri.host_len, hw, sizeof(hw))
			                : 0;
			if (hl && hl == r->wirelen && !memcmp(hw, rw, hl))
				return;
		}
	}
	zl_emit(ctx, ZL_R_DMARC_REPORT_AUTH_STALE, ok,
	        "'%s' authorizes DMARC reports for '%s' to '%s', but %s (its zone is loaded): "
	        "remove the record if it is no longer needed",
	        nb, xb, nodot(&ctx->scratch, rb),
	        d ? "its DMARC record sends no reports there" : "it has no DMARC record");
}

/* ---- misplaced records ---- */

/* Edit distance of two short strings (at most 15 octets each), case-blind. */
static unsigned distance(const char *a, size_t la, const char *b, size_t lb)
{
	unsigned row[16];
	if (la > 15 || lb > 15)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		unsigned diag = row[0];
		row[0] = (unsigned)i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned up = row[j];
			char x = a[i - 1] | 0x20, y = b[j - 1] | 0x20;
			unsigned best = diag + (x != y);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* Whether a first label was meant to be "_dmarc" ("dmarc", "_demarc", "_dmarc1"). */
static bool dmarc_typo(const zl_node_t *n)
{
	if (n->wirelen < 2)
		return false;
	const char *l = (const char *)n->label + 1;
	size_t len = n->label[0];
	for (size_t i = 0; i + 5 <= len; i++)
		if (zl_tv_eq(l + i, 5, "dmarc", true))
			return true;
	while (len && (*l == '_' || *l == '-'))
		l++, len--;
	return len >= 4 && distance(l, len, "dmarc", 5) <= 1;
}

static void report_misplaced(dstate_t *st, const zl_rr_t *rr, const zl_node_t *target,
                             const char *why)
{
	zl_ctx_t *ctx = st->ctx;
	char ob[ZL_NAME_STRLEN], tb[ZL_NAME_STRLEN];
	name_of(zl_rr_owner(rr), ob);
	name_of(target, tb);
	const zl_dmarc_site_t *s = zl_dmarc_site(&st->cache, target);
	if (s->found == ZL_DMARC_FOUND_ONE) {
		zl_emit(ctx, ZL_R_DMARC_MISPLACED, rr,
		        "DMARC record at '%s', where receivers never look (%s); '_dmarc.%s' "
		        "already has the DMARC record of '%s', so remove this one",
		        ob, why, tb, tb);
		return;
	}
	size_t len;
	char *text = zl_rr_txt(&ctx->scratch, rr, &len);
	zl_finding_t *f = zl_emit(ctx, ZL_R_DMARC_MISPLACED, rr,
	                          "DMARC record at '%s', where receivers never look (%s): the "
	                          "policy of '%s' belongs at '_dmarc.%s'",
	                          ob, why, tb, tb);
	zl_suggest(ctx, f, "_dmarc.%s %u IN TXT %s", tb, rr->ttl,
	           zl_generate_txt_rdata(&ctx->scratch, text, len));
	mark(&st->explained, target);
}

static bool looks_dmarc(zl_ctx_t *ctx, const zl_rr_t *rr, char **text, size_t *len)
{
	*text = zl_rr_txt(&ctx->scratch, rr, len);
	return zl_dmarc_looks_like_dmarc(*text, *len);
}

/* The same test on the first 512 octets, without copying the record: for
 * the TXT records of every name, which may be many and large. */
static bool prefix_looks_dmarc(const zl_rr_t *rr)
{
	char buf[512];
	size_t l = zl_mail_txt_prefix(rr, buf, sizeof(buf));
	return zl_dmarc_looks_like_dmarc(buf, l);
}

static void check_other_node(dstate_t *st, const zl_node_t *n)
{
	const zl_zone_t *z = zl_mail_zone(st->ctx->set, n);
	if (!z || z->external || zl_ptrmap_has(&st->cname_targets, n))
		return;
	/* names below a _dmarc label: hosted policies behind a CNAME, report
	 * authorizations and the like, which legitimately hold v=DMARC1 */
	for (const zl_node_t *a = zl_node_parent(n); a; a = zl_node_parent(a))
		if (zl_mail_label_is(a, "_dmarc"))
			return;
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_TXT); rr; rr = zl_rr_next_same(rr)) {
		if (zl_rr_zone(rr) != z || !prefix_looks_dmarc(rr))
			continue;
		if (zl_mail_label_is(n, "*"))
			report_misplaced(st, rr, zl_node_parent(n),
			                 "a wildcard answers only for names "
			                 "that do not exist");
		else if (dmarc_typo(n) && zl_node_parent(n))
			report_misplaced(st, rr, zl_node_parent(n), "the first label must be '_dmarc'");
		else
			report_misplaced(st, rr, n,
			                 "DMARC records live at the '_dmarc' name "
			                 "below the domain");
	}
}

/* "_dmarc.example.com.example.com.": a relative owner written with the origin. */
static bool doubled_origin(const zl_node_t *x, const zl_zone_t *z)
{
	const zl_node_t *apex = z->apex;
	size_t al = apex->wirelen;
	if (al < 2 || x->wirelen != 2 * al - 1)
		return false;
	uint8_t xw[ZL_WIRE_MAX], aw[ZL_WIRE_MAX];
	zl_node_wire(x, xw);
	zl_node_wire(apex, aw);
	return !memcmp(xw, aw, al - 1) && !memcmp(xw + al - 1, aw, al);
}

/* _dmarc.<x>: the policy records themselves. */
static void check_policy_node(dstate_t *st, const zl_node_t *n)
{
	zl_ctx_t *ctx = st->ctx;
	const zl_zone_t *z = zl_mail_zone(st->ctx->set, n);
	const zl_node_t *x = zl_node_parent(n);
	if (!z || z->external || !x)
		return;
	const zl_dmarc_site_t *site = zl_dmarc_site(&st->cache, x);
	const zl_rr_t *first = NULL;
	unsigned nstrict = 0, nlooks = 0;
	char fb[ZL_NAME_STRLEN];
	fb[0] = '\0'; /* printed for a finding only */
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_TXT); rr; rr = zl_rr_next_same(rr)) {
		char *text;
		size_t len;
		if (zl_rr_zone(rr) != z || !looks_dmarc(ctx, rr, &text, &len))
			continue;
		nlooks++;
		if (doubled_origin(x, z)) {
			report_misplaced(st, rr, z->apex,
			                 "the owner repeats the zone's name; "
			                 "write '_dmarc' or end the name with a dot");
			continue;
		}
		/* the policy record itself is parsed once, through the lookup cache */
		const zl_dmarc_t *dp =
		    rr == site->rr ? zl_dmarc_site_parse(&st->cache, site) : NULL;
		zl_dmarc_t local;
		if (!dp) {
			zl_dmarc_parse(&local, text, len, &ctx->scratch);
			dp = &local;
		}
		report_problems(st, rr, dp);
		if (!dp->is_dmarc)
			continue;
		if (nstrict++ == 0) {
			first = rr;
			continue;
		}
		zl_emit(
		    ctx, ZL_R_DMARC_MULTIPLE, rr,
		    "second DMARC record at '%s' (the first is at line %u): receivers that find "
		    "more than one ignore them all (RFC 7489 section 6.6.3, RFC 9989 \"DNS Tree "
		    "Walk\"), so '%s' has no DMARC policy",
		    lazy_name(n, fb), first->line, fb + 7);
	}
	if (nlooks && (nstrict != 1 || doubled_origin(x, z))) {
		mark(&st->explained, x);
		return;
	}
	if (nstrict != 1)
		return;
	const zl_dmarc_t *d = zl_dmarc_site_parse(&st->cache, site);
	if (!d || site->rr != first)
		return;
	if (d->discarded_9989) {
		mark(&st->explained, x);
		return; /* the syntax findings say the record is ignored */
	}
	check_strength(st, first, d, x, z);
	check_report_auth(st, first, d, x);
}

/* A domain that looks like it sends mail: a real MX, or SPF that allows some host. */
static bool sends_mail(const zl_node_t *n, const zl_zone_t *z)
{
	return zl_mail_real_mx(n, z) || spf_kind(n, z) == SPF_OTHER;
}

/*
 * The record a domain without DMARC should publish, from the generator: for a
 * domain that sends mail, a first step (p=none, with a report mailbox the
 * operator replaces); for one that does not, the parked p=reject record.
 */
static const char *missing_record(zl_ctx_t *ctx, const char *name, bool sending)
{
	char *sug = NULL;
	if (!sending)
		return zl_generate_dmarc_text(&ctx->scratch, name, NULL, &sug) ? NULL : sug;
	const char *rua =
	    zl_arena_printf(&ctx->scratch, "mailto:dmarc-reports@%s", nodot(&ctx->scratch, name));
	zl_dmarc_policy_opts_t o;
	memset(&o, 0, sizeof(o));
	o.p = ZL_DMARC_POLICY_NONE;
	o.rua = &rua;
	o.nrua = 1;
	return zl_generate_dmarc_text(&ctx->scratch, name, &o, &sug) ? NULL : sug;
}

/* ---- wildcards that answer _dmarc queries ---- */

static void check_wildcard(dstate_t *st, const zl_node_t *w)
{
	zl_ctx_t *ctx = st->ctx;
	const zl_zone_t *z = zl_mail_zone(st->ctx->set, w);
	const zl_node_t *p = zl_node_parent(w);
	if (!z || z->is_reverse || z->external || !p || (p->wirelen > 1 && p->label[1] == '_'))
		return; /* *._report._dmarc and the like are not mail domains */
	const zl_rr_t *txt = NULL;
	for (const zl_rr_t *rr = zl_node_first(w, ZL_TYPE_TXT); rr; rr = zl_rr_next_same(rr)) {
		if (zl_rr_zone(rr) != z)
			continue;
		if (prefix_looks_dmarc(rr))
			return; /* dmarc-misplaced says it */
		if (!txt)
			txt = rr;
	}
	if (!txt)
		return;
	char pb[ZL_NAME_STRLEN];
	name_of(p, pb);
	bool apex_too = !zl_node_child(ctx->set, p, "_dmarc");
	const char *names = zl_arena_printf(&ctx->scratch,
	                                    "'_dmarc.<name>.%s' of every name below '%s' that does "
	                                    "not exist%s%s%s",
	                                    pb, pb, apex_too ? ", and '_dmarc." : "",
	                                    apex_too ? pb : "", apex_too ? "' itself" : "");
	zl_dmarc_walk_t wk;
	zl_dmarc_walk(&st->cache, p, &wk);
	if (wk.state == ZL_DMARC_WALK_MISSING || wk.state == ZL_DMARC_WALK_PSD_ONLY) {
		const zl_node_t *org = z->apex;
		char ab[ZL_NAME_STRLEN];
		name_of(org, ab);
		zl_finding_t *f =
		    zl_emit(ctx, ZL_R_DMARC_WILDCARD_UNCOVERED, txt,
		            "wildcard TXT at '%s' answers DMARC queries (for %s) with "
		            "text that is not a DMARC record; receivers discard it and "
		            "fall back to the organizational domain, but no DMARC record "
		            "is found there either, so mail from those names gets no "
		            "DMARC policy",
		            name_of(w, pb), names);
		const char *sug = f ? missing_record(ctx, ab, sends_mail(org, z)) : NULL;
		if (sug)
			zl_suggest(ctx, f, "%s", sug);
		return;
	}
	char fb[ZL_NAME_STRLEN];
	const char *where = wk.state == ZL_DMARC_WALK_COVERED && wk.applied
	                        ? zl_arena_printf(&ctx->scratch, "the policy at '_dmarc.%s'",
	                                          name_of(wk.applied->domain, fb))
	                        : "the organizational domain's policy, outside the loaded "
	                          "zones";
	zl_emit(ctx, ZL_R_DMARC_WILDCARD_TXT, txt,
	        "wildcard TXT at '%s' also answers DMARC queries (for %s) with text that is not "
	        "a DMARC record; receivers discard it and use %s (RFC 7489 section 6.6.3)",
	        name_of(w, pb), names, where);
}

/* ---- domains without DMARC ---- */

static bool is_mail_name(const zl_node_t *n, const zl_zone_t *z)
{
	return zl_mail_has(n, ZL_TYPE_MX, z) || spf_kind(n, z) != SPF_NONE;
}

/* A name the walk starts from: the apex, or a name with MX or SPF records. */
static const zl_zone_t *domain_zone(const zl_zoneset_t *set, const zl_node_t *n)
{
	if (n->labels == 0 || zl_mail_label_is(n, "*"))
		return NULL;
	/* underscore names (RFC 8552: _spf, _report._dmarc, ...) are not mail domains */
	for (const zl_node_t *a = n; a && a->label[0]; a = zl_node_parent(a))
		if (a->label[1] == '_')
			return NULL;
	const zl_zone_t *z = zl_mail_zone(set, n);
	if (!z || z->is_reverse || z->external)
		return NULL;
	if (null_mx_only(n, z))
		return NULL; /* nullmx-no-dmarc speaks for names that take no mail */
	if (n != z->apex && !is_mail_name(n, z))
		return NULL;
	return z;
}

static bool in_path(const zl_dmarc_walk_t *w, const zl_node_t *n)
{
	for (size_t i = 0; i < w->npath; i++)
		if (w->path[i] == n)
			return true;
	return false;
}

static void report_missing(dstate_t *st, const zl_node_t *n, const zl_zone_t *z,
                           const zl_dmarc_walk_t *w, const below_t *b)
{
	zl_ctx_t *ctx = st->ctx;
	char nb[ZL_NAME_STRLEN], ub[ZL_NAME_STRLEN];
	name_of(n, nb);
	bool sending = sends_mail(n, z) || (b && b->sending);
	const char *more = b && b->names
	                       ? zl_arena_printf(&ctx->scratch,
	                                         "; a record there also covers "
	                                         "the %u name%s below it with MX or SPF records",
	                                         b->names, b->names == 1 ? "" : "s")
	                       : "";
	const char *start = sending ? " (the suggestion is a first step: 'p=none' with a "
	                              "report mailbox, to be replaced by one you read)"
	                            : "";
	zl_finding_t *f;
	if (w->state == ZL_DMARC_WALK_UNKNOWN) {
		f = zl_emit_name(ctx, ZL_R_DMARC_MISSING_UNCHECKED, z, n, ZL_TYPE_TXT,
		                 "no DMARC record for '%s' in the loaded zones, and '%s' above it "
		                 "is not loaded: it may be covered there, which cannot be checked "
		                 "offline%s",
		                 nb, name_of(w->unknown, ub), more);
	} else if (w->state == ZL_DMARC_WALK_PSD_ONLY) {
		f = zl_emit_name(ctx, ZL_R_DMARC_MISSING, z, n, ZL_TYPE_TXT,
		                 "no DMARC record of its own covers '%s': only the public suffix "
		                 "policy at '_dmarc.%s' (psd=y) applies%s%s",
		                 nb, name_of(w->applied->domain, ub), more, start);
	} else {
		f = zl_emit_name(ctx, ZL_R_DMARC_MISSING, z, n, ZL_TYPE_TXT,
		                 "no DMARC record covers '%s': there is none at '_dmarc.%s' or "
		                 "above it in the loaded zones (RFC 9989 tree walk), so receivers "
		                 "apply no policy to mail forged in its name%s%s",
		                 nb, nb, more, start);
	}
	const char *sug = f ? missing_record(ctx, nb, sending) : NULL;
	if (sug)
		zl_suggest(ctx, f, "%s", sug);
}

static void check_missing(dstate_t *st)
{
	zl_ctx_t *ctx = st->ctx;
	if (!zl_rule_enabled(ctx, ZL_R_DMARC_MISSING) &&
	    !zl_rule_enabled(ctx, ZL_R_DMARC_MISSING_UNCHECKED))
		return;
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		if (!zl_node_rrs(n) || n->is_apex)
			continue;
		const zl_zone_t *z = domain_zone(ctx->set, n);
		if (!z || n == z->apex || zl_ptrmap_has(&st->explained, n))
			continue;
		zl_dmarc_walk_t w;
		zl_dmarc_walk(&st->cache, n, &w);
		if (w.state == ZL_DMARC_WALK_COVERED)
			continue;
		/* the record the apex needs covers this name too: say it once there */
		const zl_node_t *apex = z->apex;
		if (in_path(&w, apex) && domain_zone(ctx->set, apex) == z &&
		    !zl_ptrmap_has(&st->explained, apex)) {
			zl_dmarc_walk_t aw;
			zl_dmarc_walk(&st->cache, apex, &aw);
			if (aw.state != ZL_DMARC_WALK_COVERED) {
				bool created;
				void **slot = zl_ptrmap_slot(&st->below, z, &created);
				if (created)
					*slot = zl_arena_calloc(&st->keep, sizeof(below_t));
				below_t *b = *slot;
				b->names++;
				b->sending |= sends_mail(n, z);
				continue;
			}
		}
		report_missing(st, n, z, &w, NULL);
		zl_arena_reset(&ctx->scratch);
	}
	for (const zl_zone_t *z = ctx->set->zones; z; z = z->next) {
		const zl_node_t *apex = z->apex;
		if (zl_zoneset_apex_zone(ctx->set, apex) != z || domain_zone(ctx->set, apex) != z ||
		    zl_ptrmap_has(&st->explained, apex))
			continue;
		zl_dmarc_walk_t w;
		zl_dmarc_walk(&st->cache, apex, &w);
		if (w.state != ZL_DMARC_WALK_COVERED)
			report_missing(st, apex, z, &w, zl_ptrmap_get(&st->below, z));
	}
}

/* ---- an enforced policy without SPF or DKIM ---- */

/* A TXT under _domainkey that publishes a key (a non-empty p=). */
static bool dkim_key(const zl_rr_t *rr)
{
	char buf[4096];
	size_t l = zl_mail_txt_prefix(rr, buf, sizeof(buf)), pos = 0;
	if (l == sizeof(buf))
		return true;
	zl_tv_tag_t t;
	while (zl_tv_next(buf, l, &pos, &t))
		if (zl_tv_eq(t.name, t.name_len, "p", false))
			return t.value_len > 0;
	return false;
}

static void check_enforce(dstate_t *st)
{
	zl_ctx_t *ctx = st->ctx;
	if (!st->enforce.n)
		return;
	for (size_t i = 0; i < st->enforce.n; i++)
		*zl_ptrmap_slot(&st->dkim, zl_node_parent(zl_rr_owner(st->enforce.v[i])), NULL) = NULL;
	/* one pass: every name below <domain>._domainkey of a candidate */
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		if (!zl_node_rrs(n))
			continue;
		const zl_node_t *k = n;
		while (k && !zl_mail_label_is(k, "_domainkey"))
			k = zl_node_parent(k);
		if (!k || !zl_node_parent(k) || !zl_ptrmap_has(&st->dkim, zl_node_parent(k)))
			continue;
		bool key = false;
		for (const zl_rr_t *rr = zl_node_rrs(n); rr && !key; rr = zl_rr_next(rr)) {
			if (rr->type == ZL_TYPE_CNAME || (rr->type == ZL_TYPE_NS && n == k))
				key = true;
			else if (rr->type == ZL_TYPE_TXT && n != k)
				key = dkim_key(rr);
		}
		if (key)
			mark(&st->dkim, zl_node_parent(k));
	}
	for (size_t i = 0; i < st->enforce.n; i++) {
		const zl_rr_t *rr = st->enforce.v[i];
		const zl_node_t *x = zl_node_parent(zl_rr_owner(rr));
		if (zl_ptrmap_get(&st->dkim, x))
			continue;
		const zl_dmarc_site_t *s = zl_dmarc_site(&st->cache, x);
		const zl_dmarc_t *d = zl_dmarc_site_parse(&st->cache, s);
		if (!d)
			continue;
		char xb[ZL_NAME_STRLEN];
		name_of(x, xb);
		const char *act = d->p == ZL_DMARC_POLICY_REJECT ? "reject" : "quarantine";
		zl_emit(ctx, ZL_R_DMARC_ENFORCE_NO_AUTH, rr,
		        "'p=%s' asks receivers to %s mail from '%s' that fails DMARC, but '%s' "
		        "takes mail (MX) and has neither an SPF record nor a DKIM key in the "
		        "loaded zones, so its own mail cannot pass DMARC and is %s too; publish "
		        "SPF and DKIM first, or use 'p=none' meanwhile",
		        act, act, xb, xb,
		        d->p == ZL_DMARC_POLICY_REJECT ? "rejected" : "quarantined");
	}
}

/* The _report label of <domain>._report._dmarc.<report-domain>, when @p n is
 * such a name (the domain may have several labels). */
static const zl_node_t *report_ancestor(const zl_node_t *n)
{
	for (const zl_node_t *a = zl_node_parent(n); a && zl_node_parent(a); a = zl_node_parent(a))
		if (zl_mail_label_is(a, "_report") && zl_mail_label_is(zl_node_parent(a), "_dmarc") &&
		    zl_node_parent(zl_node_parent(a)))
			return a;
	return NULL;
}

int zl_check_dmarc(zl_ctx_t *ctx)
{
	dstate_t st;
	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	zl_dmarc_cache_init(&st.cache, ctx);
	zl_ptrmap_init(&st.explained);
	zl_ptrmap_init(&st.cname_targets);
	zl_ptrmap_init(&st.below);
	zl_ptrmap_init(&st.dkim);
	zl_arena_init(&st.keep);

	/* the targets of CNAMEs at _dmarc names hold policies legitimately */
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		if (!zl_node_rrs(n) || !zl_mail_label_is(n, "_dmarc"))
			continue;
		for (const zl_rr_t *c = zl_node_first(n, ZL_TYPE_CNAME); c;
		     c = zl_rr_next_same(c)) {
			size_t l = zl_wire_name_len(zl_rr_rdata(c), c->rdlen);
			const zl_node_t *t = l ? zl_zoneset_find(ctx->set, zl_rr_rdata(c), l) : NULL;
			if (t)
				mark(&st.cname_targets, t);
		}
	}
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		if (!zl_node_rrs(n) || !zl_node_first(n, ZL_TYPE_TXT))
			continue;
		const zl_node_t *rep = report_ancestor(n);
		if (rep)
			check_auth_node(&st, n, rep);
		else if (zl_mail_label_is(n, "_dmarc"))
			check_policy_node(&st, n);
		else
			check_other_node(&st, n);
		if (zl_mail_label_is(n, "*"))
			check_wildcard(&st, n);
		/* what one name needs (texts, parses, messages) is not kept:
		 * the findings copy theirs */
		zl_arena_reset(&ctx->scratch);
	}
	check_missing(&st);
	check_enforce(&st);

	free(st.enforce.v);
	zl_ptrmap_free(&st.dkim);
	zl_ptrmap_free(&st.below);
	zl_ptrmap_free(&st.cname_targets);
	zl_ptrmap_free(&st.explained);
	zl_dmarc_cache_free(&st.cache);
	zl_arena_free(&st.keep);
	return 0;
}
