/* zonelint: DKIM key record tag parser (RFC 6376 3.6.1, RFC 8301, RFC 8463).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "dkimrec.h"

#include <stdint.h>
#include <string.h>

#include "common.h"

#define N ZL_IMPACT_NONE
#define C ZL_IMPACT_COSMETIC
#define I ZL_IMPACT_IGNORED_TAG
#define D ZL_IMPACT_DISCARDS_RECORD

static const struct {
	const char *name;
	zl_impact_t impact;
} code_info[] = {
#define X_(e, s, i) {s, i},
	ZL_DKIMREC_PROBLEM_LIST(X_)
#undef X_
};

#undef N
#undef C
#undef I
#undef D

const char *zl_dkimrec_code_name(zl_dkimrec_code_t code)
{
	if ((unsigned)code >= ZL_ARRAY_SIZE(code_info))
		return "?";
	return code_info[code].name;
}

/* The tags RFC 6376 3.6.1 defines are the one-letter names v h k n p s t. */
static bool known_letter(unsigned char c)
{
	switch (c) {
	case 'v':
	case 'h':
	case 'k':
	case 'n':
	case 'p':
	case 's':
	case 't':
		return true;
	default:
		return false;
	}
}

typedef struct ctx {
	zl_dkimrec_t *d;
	zl_arena_t *arena;
} ctx_t;

static bool room(ctx_t *x)
{
	if (x->d->n_problems < ZL_TV_MAX_PROBLEMS)
		return true;
	x->d->n_dropped++;
	return false;
}

static void add(ctx_t *x, zl_dkimrec_code_t code, size_t off, const char *tag, size_t tag_len,
		const char *msg)
{
	zl_dkimrec_t *d = x->d;
	if (d->n_problems >= ZL_TV_MAX_PROBLEMS) {
		d->n_dropped++;
		return;
	}
	if (!d->problems)
		d->problems = zl_arena_alloc(x->arena, ZL_TV_MAX_PROBLEMS * sizeof(*d->problems));
	zl_dkimrec_problem_t *p = &d->problems[d->n_problems++];
	p->code = code;
	p->impact = code_info[code].impact;
	p->offset = off;
	p->tag = tag;
	p->tag_len = tag_len;
	p->msg = msg;
	if (p->impact == ZL_IMPACT_DISCARDS_RECORD)
		d->discarded = true;
}

static char *q(ctx_t *x, const char *s, size_t len)
{
	return zl_tv_escape(x->arena, s, len, ZL_TV_QUOTE_MAX);
}

static void bad_value(ctx_t *x, zl_dkimrec_code_t code, const zl_tv_tag_t *t, size_t off,
		      const char *why)
{
	if (!room(x))
		return;
	const char *m;
	if (t->value_len == 0)
		m = zl_arena_printf(x->arena, "empty value for tag \"%s\"%s%s",
				    q(x, t->name, t->name_len), why ? ": " : "", why ? why : "");
	else
		m = zl_arena_printf(x->arena, "invalid value \"%s\" for tag \"%s\"%s%s",
				    q(x, t->value, t->value_len), q(x, t->name, t->name_len),
				    why ? ": " : "", why ? why : "");
	add(x, code, off, t->name, t->name_len, m);
}

/* Byte classes for the key scans: one table look-up per byte. */
#define CL_WS 1u  /* SP, TAB, CR, LF */
#define CL_B64 2u /* the RFC 4648 alphabet */
static const unsigned char byte_class[256] = {
	['\t'] = CL_WS, ['\n'] = CL_WS, ['\r'] = CL_WS, [' '] = CL_WS,
	['+'] = CL_B64, ['/'] = CL_B64,
	['0'] = CL_B64, ['1'] = CL_B64, ['2'] = CL_B64, ['3'] = CL_B64, ['4'] = CL_B64,
	['5'] = CL_B64, ['6'] = CL_B64, ['7'] = CL_B64, ['8'] = CL_B64, ['9'] = CL_B64,
	['A'] = CL_B64, ['B'] = CL_B64, ['C'] = CL_B64, ['D'] = CL_B64, ['E'] = CL_B64,
	['F'] = CL_B64, ['G'] = CL_B64, ['H'] = CL_B64, ['I'] = CL_B64, ['J'] = CL_B64,
	['K'] = CL_B64, ['L'] = CL_B64, ['M'] = CL_B64, ['N'] = CL_B64, ['O'] = CL_B64,
	['P'] = CL_B64, ['Q'] = CL_B64, ['R'] = CL_B64, ['S'] = CL_B64, ['T'] = CL_B64,
	['U'] = CL_B64, ['V'] = CL_B64, ['W'] = CL_B64, ['X'] = CL_B64, ['Y'] = CL_B64,
	['Z'] = CL_B64,
	['a'] = CL_B64, ['b'] = CL_B64, ['c'] = CL_B64, ['d'] = CL_B64, ['e'] = CL_B64,
	['f'] = CL_B64, ['g'] = CL_B64, ['h'] = CL_B64, ['i'] = CL_B64, ['j'] = CL_B64,
	['k'] = CL_B64, ['l'] = CL_B64, ['m'] = CL_B64, ['n'] = CL_B64, ['o'] = CL_B64,
	['p'] = CL_B64, ['q'] = CL_B64, ['r'] = CL_B64, ['s'] = CL_B64, ['t'] = CL_B64,
	['u'] = CL_B64, ['v'] = CL_B64, ['w'] = CL_B64, ['x'] = CL_B64, ['y'] = CL_B64,
	['z'] = CL_B64,
};

static bool is_ws(char c)
{
	return byte_class[(unsigned char)c] & CL_WS;
}

static bool is_b64(char c)
{
	return byte_class[(unsigned char)c] & CL_B64;
}

/* Next element of a ":" list with optional FWS around ":"; false at the end. */
static bool next_elem(const char *s, size_t len, size_t *pos, size_t *a, size_t *b)
{
	if (*pos > len)
		return false;
	size_t i = *pos, e = i;
	while (e < len && s[e] != ':')
		e++;
	*a = i;
	*b = e;
	while (*a < *b && is_ws(s[*a]))
		(*a)++;
	while (*b > *a && is_ws(s[*b - 1]))
		(*b)--;
	*pos = e + 1;
	return true;
}

/*
 * Walk a ":" list, classifying each element with @p names (NULL-terminated,
 * bit i for names[i]) and @p other for the rest.  Reports an empty element
 * with @p c_invalid and each unknown one with @p c_unknown.  Returns the mask.
 */
static unsigned colon_list(ctx_t *x, const zl_tv_tag_t *t, const char *const *names,
			   const unsigned *bits, unsigned other, zl_dkimrec_code_t c_invalid,
			   zl_dkimrec_code_t c_unknown, bool *syntax_ok)
{
	unsigned mask = 0;
	size_t pos = 0, a, b;
	*syntax_ok = true;
	while (next_elem(t->value, t->value_len, &pos, &a, &b)) {
		if (a == b) {
			*syntax_ok = false;
			bad_value(x, c_invalid, t, t->value_offset + a, "empty list element");
			break;
		}
		unsigned bit = 0;
		for (size_t i = 0; names[i]; i++)
			if (zl_tv_eq(t->value + a, b - a, names[i], false))
				bit = bits[i];
		if (!bit) {
			bit = other;
			if (room(x))
				add(x, c_unknown, t->value_offset + a, t->name, t->name_len,
				    zl_arena_printf(x->arena, "unknown value \"%s\" in tag \"%s\"",
						    q(x, t->value + a, b - a),
						    q(x, t->name, t->name_len)));
		}
		mask |= bit;
	}
	return mask;
}

/* p=: remove FWS, then check base64 characters and "=" padding (RFC 6376 2.4). */
static void do_key(ctx_t *x, const zl_tv_tag_t *t)
{
	zl_dkimrec_t *d = x->d;
	char *k = zl_arena_alloc(x->arena, t->value_len + 1);
	/* one pass: drop FWS and find where the base64 alphabet ends; the
	 * usual key is one run of base64, copied as it is */
	const unsigned char *v = (const unsigned char *)t->value;
	size_t run = 0;
	while (run < t->value_len && byte_class[v[run]] == CL_B64)
		run++;
	if (run)
		memcpy(k, v, run);
	size_t n = run, data = SIZE_MAX;
	for (size_t i = run; i < t->value_len; i++) {
		unsigned char c = v[i], cl = byte_class[c];
		if (cl & CL_WS)
			continue;
		if (!(cl & CL_B64) && data == SIZE_MAX)
			data = n;
		k[n++] = (char)c;
	}
	k[n] = '\0';
	if (data == SIZE_MAX)
		data = n;
	d->key = k;
	d->key_len = n;
	if (n == 0) {
		d->revoked = true;
		return;
	}
	if (t->flags & ZL_TV_F_BAD_VALUE)
		return; /* already reported as a bad byte */
	size_t pad = 0, i = data;
	while (i < n && k[i] == '=' && pad < 2) {
		pad++;
		i++;
	}
	const char *why = NULL;
	if (i < n)
		why = k[i] == '='    ? "too much \"=\" padding"
		      : is_b64(k[i]) ? "data after \"=\" padding"
				     : "character outside base64";
	else if (data == 0)
		why = "no base64 data";
	else if (n % 4 != 0)
		why = pad ? "wrong \"=\" padding"
			  : "length is not a multiple of 4 (missing padding?)";
	if (why) {
		/* offset of the offending byte in the original, whitespace-laden value */
		size_t want = i < n ? i : 0, off = t->value_offset;
		for (size_t j = 0, seen = 0; j < t->value_len; j++) {
			if (is_ws(t->value[j]))
				continue;
			if (seen++ == want) {
				off = t->value_offset + j;
				break;
			}
		}
		if (room(x))
			add(x, ZL_DKIMP_P_INVALID, off, t->name, t->name_len,
			    zl_arena_printf(x->arena, "key in tag \"%s\" is not valid base64: %s",
					    q(x, t->name, t->name_len), why));
		return;
	}
	d->key_base64_ok = true;
	d->key_decoded_len = n / 4 * 3 - pad;
}

static bool is_known(const char *name, size_t len, bool ci)
{
	if (len != 1)
		return false;
	unsigned char c = (unsigned char)name[0];
	if (ci && c >= 'A' && c <= 'Z')
		c = (unsigned char)(c + 32);
	return known_letter(c);
}

static void sort_problems(zl_dkimrec_t *d)
{
	for (size_t i = 1; i < d->n_problems; i++) {
		zl_dkimrec_problem_t p = d->problems[i];
		size_t j = i;
		while (j > 0 && d->problems[j - 1].offset > p.offset) {
			d->problems[j] = d->problems[j - 1];
			j--;
		}
		d->problems[j] = p;
	}
}

int zl_dkimrec_parse(zl_dkimrec_t *out, const char *text, size_t len, zl_arena_t *arena)
{
	if (out)
		memset(out, 0, sizeof(*out));
	if (!out || !arena || (!text && len))
		return ZL_EINVAL;
	ctx_t cx = {out, arena};
	ctx_t *x = &cx;
	zl_dkimrec_t *d = out;
	int rc = zl_tv_parse(&d->list, text, len, 0, arena);
	if (rc != ZL_OK)
		return rc;
	d->n_dropped = d->list.n_dropped;
	for (size_t i = 0; i < d->list.n_problems; i++) {
		const zl_tv_problem_t *tp = &d->list.problems[i];
		static const zl_dkimrec_code_t map[] = {
			[ZL_TVP_EMPTY_SPEC] = ZL_DKIMP_EMPTY_SPEC,
			[ZL_TVP_MISSING_EQUALS] = ZL_DKIMP_MISSING_EQUALS,
			[ZL_TVP_BAD_NAME] = ZL_DKIMP_BAD_TAG_NAME,
			[ZL_TVP_BAD_VALUE] = ZL_DKIMP_BAD_VALUE_CHAR,
			[ZL_TVP_DUPLICATE] = ZL_DKIMP_DUPLICATE_TAG,
		};
		add(x, map[tp->code], tp->offset, tp->tag, tp->tag_len, tp->msg);
	}

	size_t n_unknown = 0;
	for (size_t i = 0; i < d->list.n_tags; i++)
		n_unknown += !is_known(d->list.tags[i].name, d->list.tags[i].name_len, false);
	if (n_unknown)
		d->unknown = zl_arena_alloc(arena, n_unknown * sizeof(*d->unknown));
	for (size_t i = 0; i < d->list.n_tags; i++) {
		const zl_tv_tag_t *t = &d->list.tags[i];
		if (is_known(t->name, t->name_len, false))
			continue;
		d->unknown[d->n_unknown++] = t;
		if (t->flags & ZL_TV_F_BAD_NAME || !room(x))
			continue;
		if (is_known(t->name, t->name_len, true))
			add(x, ZL_DKIMP_TAG_CASE, t->offset, t->name, t->name_len,
			    zl_arena_printf(arena,
					    "tag name \"%s\" is case-sensitive and not recognised",
					    q(x, t->name, t->name_len)));
		else if (zl_tv_eq(t->name, t->name_len, "g", false))
			add(x, ZL_DKIMP_G_OBSOLETE, t->offset, t->name, t->name_len,
			    "tag \"g\" was removed by RFC 6376");
		else
			add(x, ZL_DKIMP_UNKNOWN_TAG, t->offset, t->name, t->name_len,
			    zl_arena_printf(arena, "unknown tag \"%s\"",
					    q(x, t->name, t->name_len)));
	}

	/* first occurrence of each known tag (as zl_tv_find, in one pass) */
	for (size_t i = 0; i < d->list.n_tags; i++) {
		const zl_tv_tag_t *t = &d->list.tags[i];
		if (t->name_len != 1)
			continue;
		const zl_tv_tag_t **slot;
		switch (t->name[0]) {
		case 'v':
			slot = &d->v;
			break;
		case 'h':
			slot = &d->h;
			break;
		case 'k':
			slot = &d->k;
			break;
		case 'n':
			slot = &d->n;
			break;
		case 'p':
			slot = &d->p;
			break;
		case 's':
			slot = &d->s;
			break;
		case 't':
			slot = &d->t;
			break;
		default:
			continue;
		}
		if (!*slot)
			*slot = t;
	}

	d->v_valid = true;
	if (d->v) {
		const zl_tv_tag_t *t = d->v;
		if (t->index != 0) {
			d->v_valid = false;
			if (room(x))
				add(x, ZL_DKIMP_V_NOT_FIRST, t->offset, t->name, t->name_len,
				    "tag \"v\" is not the first tag");
		}
		if (!zl_tv_eq(t->value, t->value_len, "DKIM1", false)) {
			d->v_valid = false;
			bad_value(x, ZL_DKIMP_V_INVALID, t, t->value_offset, "expected DKIM1");
		}
	}

	if (d->h) {
		static const char *const names[] = {"sha1", "sha256", NULL};
		static const unsigned bits[] = {ZL_DKIM_H_SHA1, ZL_DKIM_H_SHA256};
		bool ok;
		d->hashes = colon_list(x, d->h, names, bits, ZL_DKIM_H_OTHER, ZL_DKIMP_H_INVALID,
				       ZL_DKIMP_H_UNKNOWN, &ok);
		if (ok && !(d->hashes & ZL_DKIM_H_SHA256) && room(x)) {
			if (d->hashes == ZL_DKIM_H_SHA1)
				add(x, ZL_DKIMP_H_SHA1_ONLY, d->h->value_offset, d->h->name,
				    d->h->name_len,
				    "tag \"h\" allows only sha1, which RFC 8301 forbids");
			else
				add(x, ZL_DKIMP_H_NO_SHA256, d->h->value_offset, d->h->name,
				    d->h->name_len, "tag \"h\" allows no usable hash (sha256)");
		}
	}

	d->key_type = ZL_DKIM_K_RSA;
	if (d->k) {
		const zl_tv_tag_t *t = d->k;
		if (zl_tv_eq(t->value, t->value_len, "rsa", false)) {
			d->key_type = ZL_DKIM_K_RSA;
		} else if (zl_tv_eq(t->value, t->value_len, "ed25519", false)) {
			d->key_type = ZL_DKIM_K_ED25519;
		} else if (zl_tv_eq(t->value, t->value_len, "rsa", true) ||
			   zl_tv_eq(t->value, t->value_len, "ed25519", true)) {
			d->key_type = t->value_len == 3 ? ZL_DKIM_K_RSA : ZL_DKIM_K_ED25519;
			if (room(x))
				add(x, ZL_DKIMP_K_CASE, t->value_offset, t->name, t->name_len,
				    zl_arena_printf(arena, "key type \"%s\" is not lower case",
						    q(x, t->value, t->value_len)));
		} else {
			d->key_type = ZL_DKIM_K_UNKNOWN;
			bad_value(x, ZL_DKIMP_K_UNKNOWN, d->k, t->value_offset,
				  "expected rsa or ed25519");
		}
	}

	if (!d->p) {
		if (room(x))
			add(x, ZL_DKIMP_P_MISSING, len, NULL, 0, "missing tag \"p\"");
	} else {
		do_key(x, d->p);
	}

	d->services = ZL_DKIM_S_ANY;
	if (d->s) {
		static const char *const names[] = {"*", "email", NULL};
		static const unsigned bits[] = {ZL_DKIM_S_ANY, ZL_DKIM_S_EMAIL};
		bool ok;
		d->services = colon_list(x, d->s, names, bits, ZL_DKIM_S_OTHER, ZL_DKIMP_S_INVALID,
					 ZL_DKIMP_S_UNKNOWN, &ok);
		if (ok && !(d->services & (ZL_DKIM_S_ANY | ZL_DKIM_S_EMAIL)) && room(x))
			add(x, ZL_DKIMP_S_NO_EMAIL, d->s->value_offset, d->s->name, d->s->name_len,
			    "tag \"s\" does not include \"email\" or \"*\"");
	}

	if (d->t) {
		static const char *const names[] = {"y", "s", NULL};
		static const unsigned bits[] = {ZL_DKIM_T_Y, ZL_DKIM_T_S};
		bool ok;
		d->flags = colon_list(x, d->t, names, bits, ZL_DKIM_T_OTHER, ZL_DKIMP_T_INVALID,
				      ZL_DKIMP_T_UNKNOWN, &ok);
	}
	sort_problems(d);
	return ZL_OK;
}

static bool b64ish(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (is_ws(s[i]))
			continue;
		if (!is_b64(s[i]) && s[i] != '=')
			return false;
		n++;
	}
	return n == 0 || n >= 16;
}

bool zl_dkimrec_looks_like_dkim(const char *text, size_t len)
{
	size_t pos = 0;
	zl_tv_tag_t t;
	bool first = true, p_ok = false, k_ok = false;
	if (!text)
		return false;
	while (zl_tv_next(text, len, &pos, &t)) {
		const char *nm = t.name;
		size_t nl = t.name_len;
		while (nl > 0 && (*nm == '"' || *nm == '\''))
			nm++, nl--;
		if (zl_tv_eq(nm, nl, "v", true)) {
			if (t.value_len >= 4 && zl_tv_eq(t.value, 4, "dkim", true))
				return true;
			if (first)
				return false; /* v=spf1, v=DMARC1, ... */
		} else if (zl_tv_eq(nm, nl, "p", true)) {
			p_ok = p_ok || b64ish(t.value, t.value_len);
		} else if (zl_tv_eq(nm, nl, "k", true)) {
			k_ok = k_ok || zl_tv_eq(t.value, t.value_len, "rsa", true) ||
			       zl_tv_eq(t.value, t.value_len, "ed25519", true);
		}
		first = false;
	}
	return p_ok || k_ok;
}
