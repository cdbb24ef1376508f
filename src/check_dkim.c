/* zonelint: the dkim- family, DKIM key records at <selector>._domainkey names.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkimkey.h"
#include "dkimrec.h"
#include "external.h"
#include "findings.h"
#include "rules.h"
#include "util.h"

/*
 * Which names are looked at (RFC 6376 section 3.6.2.1: the key of selector S
 * of domain D is the TXT RRset at S._domainkey.D, S possibly several labels):
 *  - every name below a "_domainkey" label is a selector name, and its TXT
 *    records are key records (or something that should not be there);
 *    "_report._domainkey.D" (the RFC 6651 reporting record) is left
 *    alone and "_adsp._domainkey.D" (RFC 5617, historic) is only recognised;
 *  - the "_domainkey.D" name itself is where the DomainKeys drafts put a
 *    signing policy; a DKIM key there is never fetched.
 * A selector that is a CNAME is followed while the chain stays inside the
 * loaded zones; its target's key record is checked and reported at the
 * CNAME, unless the target is a selector name itself (then it is reported
 * where it is, once).
 */

/* RFC 1034 does not bound CNAME chains; resolvers give up after about 8. */
#define CNAME_MAX 8
/* How much of a foreign TXT record a message quotes. */
#define QUOTE_MAX 64

/* Where findings about a key record go: the record, or the selector CNAME. */
typedef struct via {
	const zl_rr_t *cname;  /* NULL: at the record itself */
	const char *target;    /* the name the chain ends at */
} via_t;

/* One key record under examination. */
typedef struct keyrec {
	const zl_rr_t *rr;
	const char *text;
	size_t len;
	zl_dkimrec_t d;
	zl_dkimkey_t key;
	bool decoded;
	const char *desc;      /* "rsa 2048-bit key", ... */
	const char *why;       /* zl_dkimkey_describe() when decoded */
} keyrec_t;

/*
 * What a key record's text alone decides (its tags, its key, the words that
 * describe them) is the same wherever the text is published, and one text
 * is often published at thousands of names.  The last texts seen are kept,
 * with their analysis, in a small direct-mapped table whose memory is its
 * own arena; the arena is emptied (every slot forgotten) when it grows past
 * a bound, between two names, so nothing a keyset in progress points to
 * goes away.  A record found in the table is checked from the kept copy of
 * its text, which has the same bytes.
 */
#define REC_SLOTS 32
#define REC_MAX_LEN 4096            /* longer texts are analysed every time */
#define REC_ARENA_MAX (1024u * 1024u)

typedef struct rec_slot {
	uint64_t hash;                  /* 0: empty */
	keyrec_t k;                     /* rr unused; text in the cache's arena */
} rec_slot_t;

typedef struct dkcache {
	zl_arena_t arena;               /* texts and analyses of the slots */
	rec_slot_t slot[REC_SLOTS];
	zl_dkimkey_cache_t keys;        /* decode results by p= value */
} dkcache_t;

static void dkcache_flush(dkcache_t *dc)
{
	zl_arena_free(&dc->arena);
	zl_arena_init(&dc->arena);
	memset(dc->slot, 0, sizeof(dc->slot));
}

static bool first_label_is(const zl_node_t *n, const char *label)
{
	size_t l = strlen(label);
	return n->wirelen > l + 1 && n->label[0] == l && !memcmp(n->label + 1, label, l);
}

/* The closest strict ancestor whose first label is "_domainkey", or NULL. */
static const zl_node_t *domainkey_above(const zl_node_t *n)
{
	for (const zl_node_t *a = zl_node_parent(n); a; a = zl_node_parent(a))
		if (first_label_is(a, "_domainkey"))
			return a;
	return NULL;
}

/* A key record some selector name holds, so checked where it is. */
static bool is_selector_name(const zl_node_t *n)
{
	const zl_node_t *dk = domainkey_above(n);
	if (!dk)
		return false;
	return zl_node_parent(n) != dk || !(first_label_is(n, "_report") || first_label_is(n, "_adsp"));
}

static zl_finding_t *report(zl_ctx_t *ctx, zl_rule_id_t rule, const zl_rr_t *rr,
			    const via_t *via, const char *fmt, ...) ZL_PRINTF(5, 6);
static zl_finding_t *report(zl_ctx_t *ctx, zl_rule_id_t rule, const zl_rr_t *rr,
			    const via_t *via, const char *fmt, ...)
{
	if (!zl_rule_enabled(ctx, rule))
		return NULL;
	char msg[3072];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!via || !via->cname)
		return zl_emit(ctx, rule, rr, "%s", msg);
	return zl_emit(ctx, rule, via->cname, "%s (key record at CNAME target '%s')", msg,
		       via->target);
}

/* Parser messages quote with '"' (escaped ones as \"): turn them into the
 * single quotes our messages use. */
static const char *requote(zl_arena_t *a, const char *m)
{
	size_t n = strlen(m);
	char *o = zl_arena_alloc(a, n + 1);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (m[i] == '\\' && i + 1 < n) {
			o[j++] = m[i++];
			o[j++] = m[i];
		} else {
			o[j++] = m[i] == '"' ? '\'' : m[i];
		}
	}
	o[j] = '\0';
	return o;
}

static const char *esc(zl_arena_t *a, const char *s, size_t len)
{
	char buf[QUOTE_MAX * 4 + 8];
	return zl_arena_strdup(a, zl_escape(buf, sizeof(buf), s, len));
}

/* ---- describing the key: every finding names its type and size ---- */

static const char *declared_name(const zl_dkimrec_t *d)
{
	return d->key_type == ZL_DKIM_K_ED25519 ? "ed25519" : "rsa";
}

static const char *key_desc(zl_arena_t *a, const keyrec_t *k)
{
	const zl_dkimrec_t *d = &k->d;
	const zl_dkimkey_t *y = &k->key;
	if (!d->p)
		return "record without a key (no p=)";
	if (d->revoked)
		return "revoked key (empty p=)";
	if (d->key_type == ZL_DKIM_K_UNKNOWN)
		return zl_arena_printf(a, "key of unknown type '%s'",
				       esc(a, d->k->value, d->k->value_len));
	if (!k->decoded)
		return zl_arena_printf(a, "%s key", declared_name(d));
	switch (y->status) {
	case ZL_DKIMKEY_OK:
	case ZL_DKIMKEY_TRAILING_DATA:
	case ZL_DKIMKEY_TYPE_MISMATCH:
		if (y->type == ZL_DKIMKEY_ED25519)
			return "ed25519 256-bit key";
		return zl_arena_printf(a, "rsa %u-bit key", y->bits);
	case ZL_DKIMKEY_BAD_ED25519_LENGTH:
		if (y->format == ZL_DKIMKEY_FMT_SPKI)
			return "ed25519 256-bit key in a SubjectPublicKeyInfo";
		return zl_arena_printf(a, "ed25519 key of %zu bytes", y->der_len);
	case ZL_DKIMKEY_UNSUPPORTED_KEY:
		if (y->bits)
			return zl_arena_printf(a, "%s %u-bit key", y->alg, y->bits);
		return zl_arena_printf(a, "%s key", y->alg);
	case ZL_DKIMKEY_BAD_BASE64:
		return zl_arena_printf(a, "%s key that is not valid base64", declared_name(d));
	default:
		return zl_arena_printf(a, "%s key that does not decode (%zu bytes)",
				       declared_name(d), y->der_len);
	}
}

/* ---- fixed records for suggestions ---- */

static void suggest_text(zl_ctx_t *ctx, zl_finding_t *f, const zl_rr_t *rr, const char *text,
			 size_t len)
{
	if (!f)
		return;
	char ob[ZL_NAME_STRLEN];
	zl_suggest(ctx, f, "%s %u IN TXT %s", zl_node_str(zl_rr_owner(rr), ob), rr->ttl,
		   zl_dkimkey_txt_strings(&ctx->scratch, text, len, 255));
}

/* @p text with [from, to) replaced by @p with; length in *outlen. */
static char *splice(zl_arena_t *a, const char *text, size_t len, size_t from, size_t to,
		    const char *with, size_t *outlen)
{
	size_t wl = strlen(with);
	char *o = zl_arena_alloc(a, len - (to - from) + wl + 1);
	memcpy(o, text, from);
	memcpy(o + from, with, wl);
	memcpy(o + from + wl, text + to, len - to);
	*outlen = len - (to - from) + wl;
	o[*outlen] = '\0';
	return o;
}

/* The record without @p t's tag-spec (up to and with its ";" and the space
 * after it). */
static char *without_tag(zl_arena_t *a, const char *text, size_t len, const zl_tv_tag_t *t,
			 size_t *outlen)
{
	size_t end = t->value_offset + t->value_len;
	while (end < len && text[end] != ';')
		end++;
	if (end < len)
		end++;
	while (end < len && (text[end] == ' ' || text[end] == '\t'))
		end++;
	char *o = splice(a, text, len, t->offset, end, "", outlen);
	while (*outlen && (o[*outlen - 1] == ' ' || o[*outlen - 1] == '\t'))
		o[--*outlen] = '\0';
	return o;
}

/* ---- one key record ---- */

static void check_problems(zl_ctx_t *ctx, keyrec_t *k, const via_t *via)
{
	zl_arena_t *a = &ctx->scratch;
	const zl_dkimrec_t *d = &k->d;
	const zl_rr_t *rr = k->rr;
	bool no_email = false, no_hash = false;
	for (size_t i = 0; i < d->n_problems; i++) {
		no_email = no_email || d->problems[i].code == ZL_DKIMP_S_NO_EMAIL;
		no_hash = no_hash || d->problems[i].code == ZL_DKIMP_H_NO_SHA256;
	}
	for (size_t i = 0; i < d->n_problems; i++) {
		const zl_dkimrec_problem_t *p = &d->problems[i];
		const char *tag = p->tag ? esc(a, p->tag, p->tag_len) : "";
		bool on_p = p->tag && zl_tv_eq(p->tag, p->tag_len, "p", false);
		zl_finding_t *f;
		size_t nl;
		char *fixed;
		switch (p->code) {
		case ZL_DKIMP_V_NOT_FIRST:
			/* RFC 6376 3.6.1: v= MUST be the first tag */
			f = report(ctx, ZL_R_DKIM_VERSION_ORDER, rr, via,
				   "'v=DKIM1' is not the first tag of the record with the %s: RFC "
				   "6376 section 3.6.1 requires it first; OpenDKIM accepts it, "
				   "strict verifiers may not", k->desc);
			fixed = without_tag(a, k->text, k->len, d->v, &nl);
			fixed = splice(a, fixed, nl, 0, 0, "v=DKIM1; ", &nl);
			suggest_text(ctx, f, rr, fixed, nl);
			break;
		case ZL_DKIMP_V_INVALID:
			break; /* reported before the rest, see check_record */
		case ZL_DKIMP_H_SHA1_ONLY:
			/* RFC 8301 3.1: verifiers MUST NOT accept rsa-sha1 */
			f = report(ctx, ZL_R_DKIM_HASH_SHA1, rr, via,
				   "h=sha1 restricts the %s to sha1 signatures, which "
				   "verifiers must not accept (RFC 8301 section 3.1): its "
				   "signatures fail at up-to-date receivers", k->desc);
			fixed = without_tag(a, k->text, k->len, d->h, &nl);
			suggest_text(ctx, f, rr, fixed, nl);
			break;
		case ZL_DKIMP_H_NO_SHA256:
			f = report(ctx, ZL_R_DKIM_HASH_SHA1, rr, via,
				   "h='%s' names no hash verifiers use (sha256): the %s verifies "
				   "nothing", esc(a, d->h->value, d->h->value_len), k->desc);
			fixed = without_tag(a, k->text, k->len, d->h, &nl);
			suggest_text(ctx, f, rr, fixed, nl);
			break;
		case ZL_DKIMP_K_UNKNOWN:
			/* RFC 6376 6.1.2: "inappropriate key algorithm" */
			report(ctx, ZL_R_DKIM_KEY_TYPE, rr, via,
			       "k='%s' is not a key type DKIM defines (rsa, ed25519): verifiers "
			       "cannot use the key", esc(a, d->k->value, d->k->value_len));
			break;
		case ZL_DKIMP_P_MISSING: {
			bool upper = false;
			for (size_t u = 0; u < d->n_unknown; u++)
				upper = upper || zl_tv_eq(d->unknown[u]->name,
							  d->unknown[u]->name_len, "p", true);
			report(ctx, ZL_R_DKIM_KEY_MISSING, rr, via,
			       "DKIM key record has no p= tag, which RFC 6376 section 3.6.1 "
			       "requires: verifiers fail every signature under this selector%s",
			       upper ? " ('P=' is not 'p=': tag names are case-sensitive)" : "");
			break;
		}
		case ZL_DKIMP_P_INVALID:
			break; /* the key decoder says more, see check_key */
		case ZL_DKIMP_S_NO_EMAIL:
			report(ctx, ZL_R_DKIM_SERVICE, rr, via,
			       "s='%s' leaves out 'email' and '*': the %s cannot verify mail (RFC "
			       "6376 section 3.6.1)", esc(a, d->s->value, d->s->value_len),
			       k->desc);
			break;
		case ZL_DKIMP_TAG_CASE:
			if (!d->p && zl_tv_eq(p->tag, p->tag_len, "p", true))
				break; /* said with p-missing */
			report(ctx, ZL_R_DKIM_TAG_STYLE, rr, via,
			       "tag '%s' is ignored: tag names are case-sensitive (RFC 6376 "
			       "section 3.2); the record holds an %s", tag, k->desc);
			break;
		case ZL_DKIMP_UNKNOWN_TAG:
			/* RFC 6376 3.2: unknown tags MUST be ignored */
			report(ctx, ZL_R_DKIM_TAG_STYLE, rr, via,
			       "unknown tag '%s' is ignored by verifiers; the record holds an %s",
			       tag, k->desc);
			break;
		case ZL_DKIMP_G_OBSOLETE:
			report(ctx, ZL_R_DKIM_TAG_STYLE, rr, via,
			       "tag 'g' was removed by RFC 6376 and current verifiers ignore it "
			       "(old ones may still restrict the %s to one local part by it)",
			       k->desc);
			break;
		case ZL_DKIMP_H_UNKNOWN:
		case ZL_DKIMP_S_UNKNOWN:
		case ZL_DKIMP_T_UNKNOWN:
			if ((p->code == ZL_DKIMP_S_UNKNOWN && no_email) ||
			    (p->code == ZL_DKIMP_H_UNKNOWN && no_hash))
				break; /* said with the error */
			report(ctx, ZL_R_DKIM_TAG_STYLE, rr, via,
			       "%s is ignored by verifiers; the record holds an %s",
			       requote(a, p->msg), k->desc);
			break;
		case ZL_DKIMP_K_CASE:
			report(ctx, ZL_R_DKIM_TAG_STYLE, rr, via,
			       "%s: tag values are case-sensitive (RFC 6376 section 3.2), most "
			       "verifiers accept it anyway", requote(a, p->msg));
			break;
		case ZL_DKIMP_EMPTY_SPEC:
			report(ctx, ZL_R_DKIM_TAG_STYLE, rr, via,
			       "empty tag-spec (';;') is outside the RFC 6376 section 3.2 grammar; "
			       "common verifiers skip it; the record holds an %s", k->desc);
			break;
		case ZL_DKIMP_BAD_VALUE_CHAR:
			if (on_p)
				break; /* the key decoder names the byte */
			/* fall through */
		case ZL_DKIMP_H_INVALID:
		case ZL_DKIMP_S_INVALID:
		case ZL_DKIMP_T_INVALID:
		case ZL_DKIMP_DUPLICATE_TAG:
		case ZL_DKIMP_MISSING_EQUALS:
		case ZL_DKIMP_BAD_TAG_NAME:
			/* RFC 6376 3.2 grammar, 6.1.2 "key syntax error" */
			report(ctx, ZL_R_DKIM_SYNTAX, rr, via,
			       "%s: verifiers discard the record with its %s (RFC 6376 sections "
			       "3.2 and 6.1.2)", requote(a, p->msg), k->desc);
			break;
		case ZL_DKIMP__COUNT:
			break;
		}
	}
}

/* The raw Ed25519 key inside the standard 44-byte SubjectPublicKeyInfo:
 * the 12-byte header is exactly 16 base64 characters, so the raw key's
 * base64 is the rest of the value. */
#define ED25519_SPKI_B64_PREFIX "MCowBQYDK2VwAyEA"

static void check_key(zl_ctx_t *ctx, keyrec_t *k, const via_t *via)
{
	zl_arena_t *a = &ctx->scratch;
	const zl_dkimrec_t *d = &k->d;
	const zl_dkimkey_t *y = &k->key;
	const zl_rr_t *rr = k->rr;
	const char *why = k->why;
	zl_finding_t *f;
	size_t nl;
	char *fixed;
	switch (y->status) {
	case ZL_DKIMKEY_OK:
	case ZL_DKIMKEY_TRAILING_DATA:
		if (y->format == ZL_DKIMKEY_FMT_PKCS1)
			report(ctx, ZL_R_DKIM_KEY_FORMAT, rr, via,
			       "%s is a bare RSAPublicKey (PKCS#1), not a SubjectPublicKeyInfo: "
			       "OpenDKIM cannot use it, other verifiers can; publish the "
			       "SubjectPublicKeyInfo ('openssl rsa -pubout')", k->desc);
		if (y->status == ZL_DKIMKEY_TRAILING_DATA)
			report(ctx, ZL_R_DKIM_KEY_FORMAT, rr, via,
			       "%s: %s; OpenSSL-based verifiers ignore them, stricter ones refuse "
			       "the key", k->desc, why);
		if (y->type != ZL_DKIMKEY_RSA)
			break;
		/* RFC 8301 3.2: MUST NOT use keys under 1024 bits, SHOULD use 2048 */
		if (y->bits < 1024)
			report(ctx, ZL_R_DKIM_KEY_TOO_SMALL, rr, via,
			       "%s is shorter than 1024 bits: RFC 8301 section 3.2 forbids it, "
			       "verifiers fail its signatures and it can be factored; replace it "
			       "with a 2048-bit key under a new selector", k->desc);
		else if (y->bits < 2048)
			report(ctx, ZL_R_DKIM_KEY_WEAK, rr, via,
			       "%s is shorter than 2048 bits, which RFC 8301 section 3.2 asks "
			       "signers to use; make a 2048-bit key under a new selector",
			       k->desc);
		break;
	case ZL_DKIMKEY_EMPTY:
		break; /* revoked on purpose */
	case ZL_DKIMKEY_BAD_BASE64:
		report(ctx, ZL_R_DKIM_KEY_BASE64, rr, via,
		       "p= of the %s key is not valid base64: %s%s; verifiers cannot decode it",
		       declared_name(d), why,
		       y->b64_error == ZL_DKIMKEY_B64_LENGTH ? "" : " of the value");
		break;
	case ZL_DKIMKEY_BAD_DER:
		report(ctx, ZL_R_DKIM_KEY_INVALID, rr, via,
		       "%s key in p= does not decode: %s; verifiers cannot use it",
		       declared_name(d), why);
		break;
	case ZL_DKIMKEY_BAD_ED25519_LENGTH:
		f = report(ctx, ZL_R_DKIM_KEY_INVALID, rr, via, "%s", why);
		if (y->format == ZL_DKIMKEY_FMT_SPKI && d->key_len == 60 &&
		    !strncmp(d->key, ED25519_SPKI_B64_PREFIX, 16)) {
			fixed = splice(a, k->text, k->len, d->p->value_offset,
				       d->p->value_offset + d->p->value_len, d->key + 16, &nl);
			suggest_text(ctx, f, rr, fixed, nl);
		}
		break;
	case ZL_DKIMKEY_TYPE_MISMATCH:
	case ZL_DKIMKEY_UNSUPPORTED_KEY:
		f = report(ctx, ZL_R_DKIM_KEY_TYPE_MISMATCH, rr, via,
			   "%s; verifiers cannot use the key as published", why);
		if (y->type == ZL_DKIMKEY_ED25519 && y->format == ZL_DKIMKEY_FMT_RAW) {
			if (d->k)
				fixed = splice(a, k->text, k->len, d->k->value_offset,
					       d->k->value_offset + d->k->value_len, "ed25519",
					       &nl);
			else
				fixed = splice(a, k->text, k->len, d->p->offset, d->p->offset,
					       "k=ed25519; ", &nl);
			suggest_text(ctx, f, rr, fixed, nl);
		}
		break;
	default:
		break;
	}
}

/* Parse, decode and describe k->text, into @p a. */
static void analyse(zl_arena_t *a, zl_dkimkey_cache_t *kc, keyrec_t *k)
{
	zl_dkimrec_t *d = &k->d;
	zl_dkimrec_parse(d, k->text, k->len, a);
	if (d->p && !d->revoked && d->key_type != ZL_DKIM_K_UNKNOWN) {
		int type = d->key_type == ZL_DKIM_K_ED25519 ? ZL_DKIMKEY_ED25519 : ZL_DKIMKEY_RSA;
		k->decoded = zl_dkimkey_decode_cached(kc, &k->key, d->p->value, d->p->value_len,
						      type) == 0;
	}
	k->desc = key_desc(a, k);
	k->why = k->decoded ? zl_dkimkey_describe(a, &k->key) : NULL;
}

/* analyse(), or its result for the same text from the cache. */
static void analyse_cached(zl_ctx_t *ctx, dkcache_t *dc, keyrec_t *k)
{
	if (k->len > REC_MAX_LEN) {
		analyse(&ctx->scratch, &dc->keys, k);
		return;
	}
	uint64_t h = zl_hash_bytes(k->text, k->len, 0);
	rec_slot_t *s = &dc->slot[h % REC_SLOTS];
	if (s->hash != h || s->k.len != k->len || memcmp(s->k.text, k->text, k->len) != 0) {
		s->hash = 0;
		memset(&s->k, 0, sizeof(s->k));
		s->k.text = zl_arena_memdup(&dc->arena, k->text, k->len);
		s->k.len = k->len;
		analyse(&dc->arena, &dc->keys, &s->k);
		s->hash = h;
	}
	const zl_rr_t *rr = k->rr;
	*k = s->k;
	k->rr = rr;
}

static void check_record(zl_ctx_t *ctx, dkcache_t *dc, keyrec_t *k, const via_t *via)
{
	zl_dkimrec_t *d = &k->d;
	analyse_cached(ctx, dc, k);
	if (d->v && !zl_tv_eq(d->v->value, d->v->value_len, "DKIM1", false)) {
		/* RFC 6376 3.6.1: a record with another v= MUST be discarded; what
		 * else it holds does not matter then */
		report(ctx, ZL_R_DKIM_VERSION, k->rr, via,
		       "v='%s' is not 'DKIM1': verifiers discard the record with its %s (RFC "
		       "6376 section 3.6.1)", esc(&ctx->scratch, d->v->value, d->v->value_len),
		       k->desc);
		return;
	}
	check_problems(ctx, k, via);
	/* a record that breaks the grammar is discarded whole (RFC 6376 6.1.2):
	 * what its key looks like then follows from the break, not from the key */
	bool broken = false;
	for (size_t i = 0; i < d->n_problems; i++)
		broken = broken || d->problems[i].code == ZL_DKIMP_MISSING_EQUALS ||
			 d->problems[i].code == ZL_DKIMP_BAD_TAG_NAME ||
			 d->problems[i].code == ZL_DKIMP_DUPLICATE_TAG;
	if (d->flags & ZL_DKIM_T_Y)
		report(ctx, ZL_R_DKIM_TESTING, k->rr, via,
		       "testing mode (t=y) on the %s: verifiers may treat mail signed with it "
		       "as unsigned (RFC 6376 section 3.6.1); remove t=y once signing works",
		       k->desc);
	if (k->decoded && !broken)
		check_key(ctx, k, via);
}

/* The TXT RRset of a selector name (or of a CNAME target, via != NULL). */
static void check_keyset(zl_ctx_t *ctx, dkcache_t *dc, const zl_node_t *n, const via_t *via)
{
	size_t cnt = 0;
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_TXT); rr; rr = zl_rr_next_same(rr))
		cnt++;
	if (!cnt)
		return;
	/* between keysets: what the cache held may go now */
	if (dc->arena.total > REC_ARENA_MAX)
		dkcache_flush(dc);
	keyrec_t *ks = zl_arena_alloc(&ctx->scratch, cnt * sizeof(*ks));
	size_t nk = 0;
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_TXT); rr; rr = zl_rr_next_same(rr)) {
		size_t len;
		char *text = zl_rr_txt(&ctx->scratch, rr, &len);
		if (!zl_dkimrec_looks_like_dkim(text, len)) {
			/* RFC 6376 3.6.2.2: the verifier gets this with the key */
			char q[QUOTE_MAX * 4 + 8];
			report(ctx, ZL_R_DKIM_NOT_A_KEY, rr, via,
			       "TXT record at a DKIM selector name is not a DKIM key record: '%s'; "
			       "verifiers fetching the key get it instead of or besides the key",
			       zl_escape(q, sizeof(q), text, len < QUOTE_MAX ? len : QUOTE_MAX));
			continue;
		}
		keyrec_t *k = &ks[nk++];
		memset(k, 0, sizeof(*k));
		k->rr = rr;
		k->text = text;
		k->len = len;
		check_record(ctx, dc, k, via);
		for (size_t i = 0; i + 1 < nk; i++) {
			const keyrec_t *o = &ks[i];
			if (zl_rr_zone(o->rr) != zl_rr_zone(rr))
				continue;
			if (o->len == len && !memcmp(o->text, text, len))
				break; /* the same key twice: zone-duplicate's, or harmless */
			/* RFC 6376 3.6.2.2: the verifier may choose any of them */
			report(ctx, ZL_R_DKIM_MULTIPLE_KEYS, rr, via,
			       "second DKIM key record at this selector (this one an %s, the one "
			       "at line %u an %s): verifiers may pick either, so signatures "
			       "verify at some receivers only", k->desc, o->rr->line, o->desc);
			break;
		}
	}
}

/* ---- _domainkey.D itself, and _adsp._domainkey.D ---- */

/* Only DomainKeys policy tags (o=, t=, r=, n=), and at least one. */
static bool is_domainkeys_policy(const char *text, size_t len)
{
	size_t pos = 0, ntags = 0;
	zl_tv_tag_t t;
	while (zl_tv_next(text, len, &pos, &t)) {
		if (t.name_len != 1 || !strchr("otrn", t.name[0]))
			return false;
		ntags++;
	}
	return ntags > 0;
}

static void check_policy_name(zl_ctx_t *ctx, const zl_node_t *n)
{
	char nb[ZL_NAME_STRLEN];
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_TXT); rr; rr = zl_rr_next_same(rr)) {
		size_t len;
		char *text = zl_rr_txt(&ctx->scratch, rr, &len);
		char q[QUOTE_MAX * 4 + 8];
		zl_escape(q, sizeof(q), text, len < QUOTE_MAX ? len : QUOTE_MAX);
		if (zl_dkimrec_looks_like_dkim(text, len)) {
			zl_dkimrec_t d;
			zl_dkimrec_parse(&d, text, len, &ctx->scratch);
			if (d.revoked)
				continue; /* revokes nothing, harms nothing */
			/* RFC 6376 3.6.2.1: keys are at <selector>._domainkey */
			zl_emit(ctx, ZL_R_DKIM_KEY_NO_SELECTOR, rr,
				"DKIM key record at '%s', which has no selector: verifiers fetch "
				"keys only at <selector>.%s, so this one is never used",
				zl_node_str(n, nb), nb);
		} else if (is_domainkeys_policy(text, len)) {
			zl_emit(ctx, ZL_R_DKIM_OBSOLETE_POLICY, rr,
				"obsolete DomainKeys signing policy '%s': DKIM has no such record "
				"and receivers no longer read it; remove it when convenient", q);
		}
	}
}

static void check_adsp(zl_ctx_t *ctx, const zl_node_t *n)
{
	for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_TXT); rr; rr = zl_rr_next_same(rr)) {
		size_t len, pos = 0;
		char *text = zl_rr_txt(&ctx->scratch, rr, &len);
		zl_tv_tag_t t;
		bool adsp = false;
		while (!adsp && zl_tv_next(text, len, &pos, &t))
			adsp = zl_tv_eq(t.name, t.name_len, "dkim", false);
		if (!adsp)
			continue;
		char q[QUOTE_MAX * 4 + 8];
		zl_emit(ctx, ZL_R_DKIM_OBSOLETE_POLICY, rr,
			"obsolete ADSP record '%s': ADSP (RFC 5617) was declared historic in "
			"2013 and receivers ignore it; remove it when convenient",
			zl_escape(q, sizeof(q), text, len < QUOTE_MAX ? len : QUOTE_MAX));
	}
}

/* ---- selector CNAMEs ---- */

typedef enum target {
	T_UNKNOWN,     /* outside the loaded zones, or below a delegation */
	T_MISSING,     /* inside a loaded zone, and no such name (no wildcard) */
	T_FOUND        /* the node whose records answer (maybe a wildcard) */
} target_t;

/* Where a name leads in the loaded zones (RFC 1034 4.3.2, RFC 4592). */
static target_t lookup(const zl_zoneset_t *set, const uint8_t *wire, size_t len,
		       const zl_node_t **out, const zl_zone_t **zone)
{
	size_t off = 0;
	const zl_node_t *n = NULL;
	while (off < len) {
		n = zl_zoneset_find(set, wire + off, len - off);
		if (n || wire[off] == 0)
			break;
		off += 1u + wire[off];
	}
	if (!n)
		return T_UNKNOWN;
	const zl_zone_t *z = zl_zoneset_zone_for(set, n);
	if (!z)
		return T_UNKNOWN;
	*zone = z;
	/* a snapshot (external.h) answers only for the names it holds, and for
	 * the types it asked about; it is not a zone anything is missing from */
	if (z->external) {
		if (off != 0 || (zl_external_negative(z, n) & ZL_EXT_NXDOMAIN) ||
		    !(zl_external_answered(z, n, ZL_TYPE_TXT) || zl_node_has(n, ZL_TYPE_CNAME)))
			return T_UNKNOWN;
		*out = n;
		return T_FOUND;
	}
	/* a zone cut between the apex and the name: the child is not loaded
	 * (zone_for would have found its apex), so nothing is known */
	for (const zl_node_t *a = n; a && a != z->apex; a = zl_node_parent(a))
		for (const zl_rr_t *ns = zl_node_first(a, ZL_TYPE_NS); ns; ns = zl_rr_next_same(ns))
			if (zl_rr_zone(ns) == z)
				return T_UNKNOWN;
	if (off == 0) {
		*out = n;
		return T_FOUND;
	}
	const zl_node_t *w = zl_node_child(set, n, "*");
	if (w && zl_node_exists(w)) {
		*out = w;
		return T_FOUND;
	}
	return T_MISSING;
}

static void check_cname(zl_ctx_t *ctx, dkcache_t *dc, const zl_node_t *n)
{
	const zl_rr_t *c = zl_node_first(n, ZL_TYPE_CNAME);
	const zl_node_t *seen[CNAME_MAX + 1];
	size_t nseen = 0;
	seen[nseen++] = n;
	char tn[ZL_NAME_STRLEN];
	for (const zl_rr_t *cur = c; cur;) {
		size_t l = zl_wire_name_len(zl_rr_rdata(cur), cur->rdlen);
		if (!l)
			return;
		zl_wire_name_str(zl_rr_rdata(cur), l, tn);
		const zl_node_t *t = NULL;
		const zl_zone_t *z = NULL;
		target_t r = lookup(ctx->set, zl_rr_rdata(cur), l, &t, &z);
		if (r == T_UNKNOWN)
			return; /* a provider's key: fine offline */
		if (r == T_MISSING) {
			zl_emit(ctx, ZL_R_DKIM_CNAME_BROKEN, c,
				"DKIM selector is a CNAME to '%s', which does not exist in the "
				"loaded zone '%s': verifiers get no key (NXDOMAIN)", tn, z->name);
			return;
		}
		for (size_t i = 0; i < nseen; i++)
			if (seen[i] == t) {
				zl_emit(ctx, ZL_R_DKIM_CNAME_BROKEN, c,
					"DKIM selector CNAME chain loops back to '%s': "
					"verifiers get no key (SERVFAIL)", tn);
				return;
			}
		const zl_rr_t *next = zl_node_first(t, ZL_TYPE_CNAME);
		if (next) {
			if (nseen > CNAME_MAX) {
				zl_emit(ctx, ZL_R_DKIM_CNAME_BROKEN, c,
					"DKIM selector CNAME chain is longer than %d names (at "
					"'%s'): resolvers give up and verifiers get no key",
					CNAME_MAX, tn);
				return;
			}
			seen[nseen++] = t;
			cur = next;
			continue;
		}
		if (!zl_node_has(t, ZL_TYPE_TXT)) {
			zl_emit(ctx, ZL_R_DKIM_CNAME_BROKEN, c,
				"DKIM selector is a CNAME to '%s', which has no TXT record: "
				"verifiers get no key (NODATA)", tn);
			return;
		}
		if (is_selector_name(t))
			return; /* its records are checked where they are */
		via_t via = { c, tn };
		check_keyset(ctx, dc, t, &via);
		return;
	}
}

int zl_check_dkim(zl_ctx_t *ctx)
{
	/* one key record is often published at many names: see dkcache_t */
	dkcache_t *dc = zl_xcalloc(1, sizeof(*dc));
	zl_arena_init(&dc->arena);
	zl_dkimkey_cache_init(&dc->keys);
	for (zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		if (!zl_node_rrs(n))
			continue;
		/* the name first: most names are nowhere near a _domainkey label,
		 * and their records need not be looked at */
		bool policy = first_label_is(n, "_domainkey");
		const zl_node_t *dk = policy ? NULL : domainkey_above(n);
		if (!policy && !dk)
			continue;
		bool txt = zl_node_has(n, ZL_TYPE_TXT), cname = zl_node_has(n, ZL_TYPE_CNAME);
		if (!txt && !cname)
			continue;
		if (policy) {
			if (txt)
				check_policy_name(ctx, n);
			continue;
		}
		if (zl_node_parent(n) == dk && first_label_is(n, "_report"))
			continue; /* RFC 6651 reporting record */
		if (zl_node_parent(n) == dk && first_label_is(n, "_adsp")) {
			if (txt)
				check_adsp(ctx, n);
			continue;
		}
		if (txt)
			check_keyset(ctx, dc, n, NULL);
		if (cname)
			check_cname(ctx, dc, n);
		/* nothing is kept from one name to the next: findings hold copies */
		zl_arena_reset(&ctx->scratch);
	}
	zl_dkimkey_cache_free(&dc->keys);
	zl_arena_free(&dc->arena);
	free(dc);
	return 0;
}
