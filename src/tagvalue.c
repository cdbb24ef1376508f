/* zonelint: RFC 6376 tag=value list splitter shared by the record parsers.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "tagvalue.h"

#include <string.h>

#include "common.h"

static const char *const tv_code_names[] = {
#define X_(e, s) s,
	ZL_TV_PROBLEM_LIST(X_)
#undef X_
};

static const char *const uri_err_text[] = {
#define X_(e, s) s,
	ZL_TV_URI_ERR_LIST(X_)
#undef X_
};

static const char *const impact_names[] = {"none", "cosmetic", "ignored-tag", "discards-record"};

const char *zl_tv_code_name(zl_tv_code_t code)
{
	if ((unsigned)code >= ZL_ARRAY_SIZE(tv_code_names))
		return "?";
	return tv_code_names[code];
}

const char *zl_impact_name(zl_impact_t impact)
{
	if ((unsigned)impact >= ZL_ARRAY_SIZE(impact_names))
		return "?";
	return impact_names[impact];
}

const char *zl_tv_uri_strerror(zl_tv_uri_err_t err)
{
	if ((unsigned)err >= ZL_ARRAY_SIZE(uri_err_text))
		return "?";
	return uri_err_text[err];
}

static bool is_alpha(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_wsp(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static bool is_ws(unsigned char c, bool fws)
{
	return c == ' ' || c == '\t' || (fws && (c == '\r' || c == '\n'));
}

/* VALCHAR = %x21-3A / %x3C-7E (RFC 6376 3.2) */
static bool is_valchar(unsigned char c)
{
	return (c >= 0x21 && c <= 0x3a) || (c >= 0x3c && c <= 0x7e);
}

static unsigned char lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

bool zl_tv_eq(const char *s, size_t len, const char *lit, bool ci)
{
	size_t n = strlen(lit);
	if (n != len)
		return false;
	if (!ci)
		return len == 0 || memcmp(s, lit, len) == 0;
	for (size_t i = 0; i < len; i++)
		if (lower((unsigned char)s[i]) != lower((unsigned char)lit[i]))
			return false;
	return true;
}

char *zl_tv_escape(zl_arena_t *arena, const char *s, size_t len, size_t max)
{
	size_t n = len < max ? len : max;
	bool cut = len > max;
	char *out = zl_arena_alloc(arena, n * 4 + 4);
	char *o = out;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f) {
			*o++ = '\\';
			*o++ = (char)('0' + c / 100);
			*o++ = (char)('0' + (c / 10) % 10);
			*o++ = (char)('0' + c % 10);
		} else if (c == '\\' || c == '"') {
			*o++ = '\\';
			*o++ = (char)c;
		} else {
			*o++ = (char)c;
		}
	}
	if (cut) {
		memcpy(o, "...", 3);
		o += 3;
	}
	*o = '\0';
	return out;
}

/* One tag-spec between separators, located but not validated. */
typedef struct spec {
	size_t start;    /* first byte after the previous ";" */
	size_t end;      /* the next ";" or the end of input */
	size_t a, b;     /* trimmed bounds */
	size_t eq;       /* offset of "=", or SIZE_MAX */
	size_t name_end; /* end of the name, trailing whitespace removed */
	size_t val;      /* first byte of the value, leading whitespace removed */
	bool last;       /* no ";" follows */
} spec_t;

/* Locate the spec starting at pos.  Returns false when no input is left. */
static bool split_spec(const char *s, size_t len, size_t pos, bool fws, spec_t *sp)
{
	if (pos > len)
		return false;
	const char *semi = pos < len ? memchr(s + pos, ';', len - pos) : NULL;
	sp->start = pos;
	sp->end = semi ? (size_t)(semi - s) : len;
	sp->last = semi == NULL;
	size_t a = sp->start, b = sp->end;
	while (a < b && is_ws((unsigned char)s[a], fws))
		a++;
	while (b > a && is_ws((unsigned char)s[b - 1], fws))
		b--;
	sp->a = a;
	sp->b = b;
	const char *eq = a < b ? memchr(s + a, '=', b - a) : NULL;
	if (!eq) {
		sp->eq = SIZE_MAX;
		sp->name_end = b;
		sp->val = b;
		return true;
	}
	sp->eq = (size_t)(eq - s);
	size_t ne = sp->eq;
	while (ne > a && is_ws((unsigned char)s[ne - 1], fws))
		ne--;
	sp->name_end = ne;
	size_t v = sp->eq + 1;
	while (v < b && is_ws((unsigned char)s[v], fws))
		v++;
	sp->val = v;
	return true;
}

static void fill_tag(zl_tv_tag_t *t, const char *s, const spec_t *sp)
{
	memset(t, 0, sizeof(*t));
	t->name = s + sp->a;
	t->name_len = sp->name_end - sp->a;
	t->value = s + sp->val;
	t->value_len = sp->b - sp->val;
	t->offset = sp->a;
	t->value_offset = sp->val;
}

bool zl_tv_next(const char *text, size_t len, size_t *pos, zl_tv_tag_t *tag)
{
	spec_t sp;
	if (!pos || !tag || (!text && len))
		return false;
	while (*pos <= len && split_spec(text, len, *pos, true, &sp)) {
		*pos = sp.end + 1;
		if (sp.eq != SIZE_MAX) {
			fill_tag(tag, text, &sp);
			return true;
		}
		if (sp.last)
			break;
	}
	*pos = len + 1;
	return false;
}

static void add_problem(zl_tv_list_t *l, zl_arena_t *arena, zl_tv_code_t code, size_t off,
			const char *tag, size_t tag_len, const char *msg)
{
	if (l->n_problems >= ZL_TV_MAX_PROBLEMS) {
		l->n_dropped++;
		return;
	}
	if (!l->problems)
		l->problems = zl_arena_alloc(arena, ZL_TV_MAX_PROBLEMS * sizeof(*l->problems));
	zl_tv_problem_t *p = &l->problems[l->n_problems++];
	p->code = code;
	p->offset = off;
	p->tag = tag;
	p->tag_len = tag_len;
	p->msg = msg;
}

/* Does the problem list still have room?  Saves formatting dropped messages. */
static bool room(zl_tv_list_t *l)
{
	if (l->n_problems < ZL_TV_MAX_PROBLEMS)
		return true;
	l->n_dropped++;
	return false;
}

/* Index of the first byte that breaks the name grammar, or len if none. */
static size_t bad_name_at(const char *n, size_t len, bool ext)
{
	if (len == 0)
		return 0;
	unsigned char c0 = (unsigned char)n[0];
	if (!(is_alpha(c0) || (ext && is_digit(c0))))
		return 0;
	for (size_t i = 1; i < len; i++) {
		unsigned char c = (unsigned char)n[i];
		if (is_alpha(c) || is_digit(c) || c == '_')
			continue;
		if (ext && (c == '-' || c == '.'))
			continue;
		return i;
	}
	return len;
}

/*
 * Scan a trimmed value.  Returns the index of the first bad byte or len.
 * Sets *inner for inner WSP and *fold for a CRLF fold.
 */
static size_t bad_value_at(const char *v, size_t len, bool fws, bool *inner, bool *fold)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];
		if (is_valchar(c))
			continue;
		if (is_wsp(c)) {
			*inner = true;
			continue;
		}
		/* FWS = [*WSP CRLF] 1*WSP: a CRLF must be followed by WSP */
		if (fws && c == '\r' && i + 2 < len && v[i + 1] == '\n' &&
		    is_wsp((unsigned char)v[i + 2])) {
			*fold = true;
			i++;
			continue;
		}
		return i;
	}
	return len;
}

static uint64_t hash_name(const char *s, size_t len, bool ci)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		h ^= ci ? lower(c) : c;
		h *= 1099511628211ull;
	}
	return h;
}

static bool names_equal(const zl_tv_tag_t *a, const zl_tv_tag_t *b, bool ci)
{
	if (a->name_len != b->name_len)
		return false;
	if (!ci)
		return memcmp(a->name, b->name, a->name_len) == 0;
	for (size_t i = 0; i < a->name_len; i++)
		if (lower((unsigned char)a->name[i]) != lower((unsigned char)b->name[i]))
			return false;
	return true;
}

/* Flag every tag that repeats an earlier name; open addressing over indices. */
static void mark_duplicates(zl_tv_list_t *l, zl_arena_t *arena)
{
	bool ci = (l->opts & ZL_TV_OPT_CASE_INSENSITIVE) != 0;
	if (l->n_tags < 2)
		return;
	size_t cap = 4;
	while (cap < l->n_tags * 2)
		cap *= 2;
	size_t *slot = zl_arena_alloc(arena, cap * sizeof(*slot));
	for (size_t i = 0; i < cap; i++)
		slot[i] = SIZE_MAX;
	for (size_t i = 0; i < l->n_tags; i++) {
		zl_tv_tag_t *t = &l->tags[i];
		size_t h = (size_t)hash_name(t->name, t->name_len, ci) & (cap - 1);
		for (;;) {
			if (slot[h] == SIZE_MAX) {
				slot[h] = i;
				break;
			}
			if (names_equal(&l->tags[slot[h]], t, ci)) {
				t->flags |= ZL_TV_F_DUPLICATE;
				break;
			}
			h = (h + 1) & (cap - 1);
		}
	}
}

int zl_tv_parse(zl_tv_list_t *out, const char *text, size_t len, unsigned opts, zl_arena_t *arena)
{
	if (out)
		memset(out, 0, sizeof(*out));
	if (!out || !arena || (!text && len))
		return ZL_EINVAL;
	out->opts = opts;
	if (len == 0)
		return ZL_OK;
	bool fws = (opts & ZL_TV_OPT_WSP_ONLY) == 0;
	bool ext = (opts & ZL_TV_OPT_EXT_NAMES) != 0;
	out->leading_ws = is_ws((unsigned char)text[0], fws);

	size_t max_tags = 1;
	for (const char *p = text; (p = memchr(p, ';', (size_t)(text + len - p))) != NULL; p++)
		max_tags++;
	out->tags = zl_arena_alloc(arena, max_tags * sizeof(*out->tags));

	spec_t sp;
	size_t pos = 0;
	while (split_spec(text, len, pos, fws, &sp)) {
		pos = sp.end + 1;
		if (sp.a == sp.b) {
			/* one final ";" (plus whitespace) is part of the grammar */
			if (sp.last) {
				out->trailing_sep = sp.start > 0;
				break;
			}
			if (room(out))
				add_problem(out, arena, ZL_TVP_EMPTY_SPEC, sp.start, NULL, 0,
					    "empty tag-spec before \";\"");
			continue;
		}
		if (sp.eq == SIZE_MAX) {
			if (room(out)) {
				char *q = zl_tv_escape(arena, text + sp.a, sp.b - sp.a,
						       ZL_TV_QUOTE_MAX);
				add_problem(out, arena, ZL_TVP_MISSING_EQUALS, sp.a, text + sp.a,
					    sp.b - sp.a,
					    zl_arena_printf(arena,
							    "missing \"=\" in tag-spec \"%s\"", q));
			}
			if (sp.last)
				break;
			continue;
		}
		zl_tv_tag_t *t = &out->tags[out->n_tags];
		fill_tag(t, text, &sp);
		t->index = out->n_tags++;
		if (sp.name_end < sp.eq)
			t->flags |= ZL_TV_F_WS_NAME;
		if (sp.val > sp.eq + 1)
			t->flags |= ZL_TV_F_WS_VALUE;

		size_t bad = bad_name_at(t->name, t->name_len, ext);
		if (bad < t->name_len || t->name_len == 0) {
			t->flags |= ZL_TV_F_BAD_NAME;
			if (room(out)) {
				char *q =
					zl_tv_escape(arena, t->name, t->name_len, ZL_TV_QUOTE_MAX);
				const char *m;
				if (t->name_len == 0)
					m = "empty tag name before \"=\"";
				else
					m = zl_arena_printf(
						arena,
						"invalid character \"%s\" in tag name \"%s\"",
						zl_tv_escape(arena, t->name + bad, 1, 1), q);
				add_problem(out, arena, ZL_TVP_BAD_NAME, t->offset + bad, t->name,
					    t->name_len, m);
			}
		}
		bool inner = false, fold = false;
		bad = bad_value_at(t->value, t->value_len, fws, &inner, &fold);
		if (inner)
			t->flags |= ZL_TV_F_INNER_WS;
		if (fold)
			t->flags |= ZL_TV_F_FWS;
		if (bad < t->value_len) {
			t->flags |= ZL_TV_F_BAD_VALUE;
			if (room(out)) {
				char *q =
					zl_tv_escape(arena, t->name, t->name_len, ZL_TV_QUOTE_MAX);
				add_problem(out, arena, ZL_TVP_BAD_VALUE, t->value_offset + bad,
					    t->name, t->name_len,
					    zl_arena_printf(
						    arena,
						    "invalid character \"%s\" in value of "
						    "tag \"%s\"",
						    zl_tv_escape(arena, t->value + bad, 1, 1), q));
			}
		}
		if (sp.last)
			break;
	}

	mark_duplicates(out, arena);
	/* report duplicates in input order, merged after the scan */
	for (size_t i = 0; i < out->n_tags; i++) {
		zl_tv_tag_t *t = &out->tags[i];
		if (!(t->flags & ZL_TV_F_DUPLICATE) || !room(out))
			continue;
		char *q = zl_tv_escape(arena, t->name, t->name_len, ZL_TV_QUOTE_MAX);
		add_problem(out, arena, ZL_TVP_DUPLICATE, t->offset, t->name, t->name_len,
			    zl_arena_printf(arena, "duplicate tag \"%s\"", q));
	}
	/* keep problems sorted by offset: duplicates were appended last */
	for (size_t i = 1; i < out->n_problems; i++) {
		zl_tv_problem_t p = out->problems[i];
		size_t j = i;
		while (j > 0 && out->problems[j - 1].offset > p.offset) {
			out->problems[j] = out->problems[j - 1];
			j--;
		}
		out->problems[j] = p;
	}
	return ZL_OK;
}

const zl_tv_tag_t *zl_tv_find(const zl_tv_list_t *list, const char *name)
{
	if (!list || !name)
		return NULL;
	for (size_t i = 0; i < list->n_tags; i++)
		if (zl_tv_eq(list->tags[i].name, list->tags[i].name_len, name, false))
			return &list->tags[i];
	return NULL;
}

const zl_tv_tag_t *zl_tv_find_ci(const zl_tv_list_t *list, const char *name)
{
	if (!list || !name)
		return NULL;
	for (size_t i = 0; i < list->n_tags; i++)
		if (zl_tv_eq(list->tags[i].name, list->tags[i].name_len, name, true))
			return &list->tags[i];
	return NULL;
}

/* ---- URIs ---------------------------------------------------------------- */

static bool is_hex(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_unreserved(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static bool is_subdelim(unsigned char c)
{
	return c != 0 && strchr("!$&'()*+,;=", c) != NULL;
}

/* RFC 5322 atext */
static bool is_atext(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || (c != 0 && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

zl_tv_uri_err_t zl_tv_domain_check(const char *s, size_t len, size_t *bad_off)
{
	size_t dummy;
	if (!bad_off)
		bad_off = &dummy;
	*bad_off = 0;
	if (len == 0)
		return ZL_TV_URI_E_NO_HOST;
	if (len > 253) {
		*bad_off = 253;
		return ZL_TV_URI_E_DOMAIN_TOO_LONG;
	}
	size_t labels = 0, start = 0;
	bool all_digits = true;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '.') {
			unsigned char c = (unsigned char)s[i];
			if (!is_alpha(c) && !is_digit(c) && c != '-') {
				*bad_off = i;
				return ZL_TV_URI_E_BAD_LABEL;
			}
			if (!is_digit(c))
				all_digits = false;
			continue;
		}
		size_t n = i - start;
		if (n == 0) {
			*bad_off = i;
			return ZL_TV_URI_E_EMPTY_LABEL;
		}
		if (n > 63) {
			*bad_off = start;
			return ZL_TV_URI_E_LABEL_TOO_LONG;
		}
		if (s[start] == '-' || s[i - 1] == '-') {
			*bad_off = s[start] == '-' ? start : i - 1;
			return ZL_TV_URI_E_BAD_LABEL;
		}
		labels++;
		if (i == len && all_digits) {
			*bad_off = start;
			return labels < 2 ? ZL_TV_URI_E_ONE_LABEL : ZL_TV_URI_E_NUMERIC_TLD;
		}
		start = i + 1;
		all_digits = true;
	}
	if (labels < 2)
		return ZL_TV_URI_E_ONE_LABEL;
	return ZL_TV_URI_E_OK;
}

static zl_tv_uri_err_t uri_fail(zl_tv_uri_t *u, zl_tv_uri_err_t e, size_t rel)
{
	u->err = e;
	u->err_offset = u->offset + rel;
	return e;
}

/* Check pct-encoded and the allowed set from i to end; returns index of defect or end. */
static size_t scan_chars(const char *s, size_t i, size_t end, const char *extra, bool *bad_pct)
{
	*bad_pct = false;
	for (; i < end; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			if (i + 2 >= end || !is_hex((unsigned char)s[i + 1]) ||
			    !is_hex((unsigned char)s[i + 2])) {
				*bad_pct = true;
				return i;
			}
			i += 2;
			continue;
		}
		if (is_unreserved(c) || is_subdelim(c) || (c != 0 && strchr(extra, c)))
			continue;
		return i;
	}
	return end;
}

static zl_tv_uri_err_t parse_mailto(zl_tv_uri_t *u, const char *s, size_t i, size_t len)
{
	if (i >= len)
		return uri_fail(u, ZL_TV_URI_E_NO_AT, i);
	size_t end = len;
	const char *q = memchr(s + i, '?', len - i);
	if (q)
		end = (size_t)(q - s); /* hfields (RFC 6068 2) are not the address */
	size_t at = SIZE_MAX;
	for (size_t k = i; k < end; k++) {
		if (s[k] != '@')
			continue;
		if (at != SIZE_MAX)
			return uri_fail(u, ZL_TV_URI_E_MANY_AT, k);
		at = k;
	}
	if (at == SIZE_MAX)
		return uri_fail(u, ZL_TV_URI_E_NO_AT, i);
	u->local = s + i;
	u->local_len = at - i;
	u->host = s + at + 1;
	u->host_len = end - at - 1;
	if (u->local_len == 0)
		return uri_fail(u, ZL_TV_URI_E_EMPTY_LOCAL, at);
	/* dot-atom-text (RFC 5322 3.2.3) with %-escapes (RFC 6068 2) */
	for (size_t k = i; k < at; k++) {
		unsigned char c = (unsigned char)s[k];
		if (c == '%') {
			if (k + 2 >= at || !is_hex((unsigned char)s[k + 1]) ||
			    !is_hex((unsigned char)s[k + 2]))
				return uri_fail(u, ZL_TV_URI_E_BAD_PERCENT, k);
			k += 2;
			continue;
		}
		if (c == '.') {
			if (k == i || k + 1 == at || s[k + 1] == '.')
				return uri_fail(u, ZL_TV_URI_E_BAD_LOCAL, k);
			continue;
		}
		if (!is_atext(c))
			return uri_fail(u, ZL_TV_URI_E_BAD_CHAR, k);
	}
	size_t bad = 0;
	zl_tv_uri_err_t e = zl_tv_domain_check(u->host, u->host_len, &bad);
	if (e != ZL_TV_URI_E_OK)
		return uri_fail(u, e, at + 1 + bad);
	if (q) {
		bool bp;
		size_t k = scan_chars(s, end + 1, len, ":@/?", &bp);
		if (k < len)
			return uri_fail(u, bp ? ZL_TV_URI_E_BAD_PERCENT : ZL_TV_URI_E_BAD_CHAR, k);
	}
	return ZL_TV_URI_E_OK;
}

static zl_tv_uri_err_t parse_http(zl_tv_uri_t *u, const char *s, size_t i, size_t len)
{
	if (i > len || len - i < 2 || s[i] != '/' || s[i + 1] != '/')
		return uri_fail(u, ZL_TV_URI_E_NO_HOST, i);
	i += 2;
	size_t hs = i;
	while (i < len && s[i] != '/' && s[i] != '?' && s[i] != '#')
		i++;
	size_t he = i;
	const char *at = memchr(s + hs, '@', he - hs);
	if (at)
		return uri_fail(u, ZL_TV_URI_E_USERINFO, hs);
	if (hs < he && s[hs] == '[')
		return uri_fail(u, ZL_TV_URI_E_HOST_NOT_DOMAIN, hs);
	const char *colon = memchr(s + hs, ':', he - hs);
	size_t host_end = colon ? (size_t)(colon - s) : he;
	if (colon) {
		size_t p = host_end + 1;
		uint32_t port = 0;
		if (p == he)
			return uri_fail(u, ZL_TV_URI_E_BAD_PORT, host_end);
		for (; p < he; p++) {
			if (!is_digit((unsigned char)s[p]))
				return uri_fail(u, ZL_TV_URI_E_BAD_PORT, p);
			port = port * 10 + (uint32_t)(s[p] - '0');
			if (port > 65535)
				return uri_fail(u, ZL_TV_URI_E_BAD_PORT, p);
		}
		if (port == 0)
			return uri_fail(u, ZL_TV_URI_E_BAD_PORT, host_end + 1);
	}
	u->host = s + hs;
	u->host_len = host_end - hs;
	size_t bad = 0;
	zl_tv_uri_err_t e = zl_tv_domain_check(u->host, u->host_len, &bad);
	if (e == ZL_TV_URI_E_NUMERIC_TLD)
		e = ZL_TV_URI_E_HOST_NOT_DOMAIN; /* an IPv4 literal */
	if (e != ZL_TV_URI_E_OK)
		return uri_fail(u, e, hs + bad);
	size_t ps = he;
	size_t pe = ps;
	while (pe < len && s[pe] != '?' && s[pe] != '#')
		pe++;
	u->path = s + ps;
	u->path_len = pe - ps;
	bool bp;
	size_t k = scan_chars(s, ps, pe, ":@/", &bp);
	if (k < pe)
		return uri_fail(u, bp ? ZL_TV_URI_E_BAD_PERCENT : ZL_TV_URI_E_BAD_CHAR, k);
	if (pe < len) {
		/* query and fragment: pchar / "/" / "?", and one "#" */
		size_t f = pe;
		if (s[f] == '?') {
			size_t qe = f + 1;
			while (qe < len && s[qe] != '#')
				qe++;
			k = scan_chars(s, f + 1, qe, ":@/?", &bp);
			if (k < qe)
				return uri_fail(
					u, bp ? ZL_TV_URI_E_BAD_PERCENT : ZL_TV_URI_E_BAD_CHAR, k);
			f = qe;
		}
		if (f < len) {
			k = scan_chars(s, f + 1, len, ":@/?", &bp);
			if (k < len)
				return uri_fail(
					u, bp ? ZL_TV_URI_E_BAD_PERCENT : ZL_TV_URI_E_BAD_CHAR, k);
		}
	}
	return ZL_TV_URI_E_OK;
}

zl_tv_uri_err_t zl_tv_uri_parse(zl_tv_uri_t *out, const char *s, size_t len, size_t base_offset)
{
	if (!out)
		return ZL_TV_URI_E_EMPTY;
	memset(out, 0, sizeof(*out));
	out->text = s;
	out->len = len;
	out->offset = base_offset;
	if (!s || len == 0)
		return uri_fail(out, ZL_TV_URI_E_EMPTY, 0);
	/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" (RFC 3986 3.1) */
	size_t i = 0;
	while (i < len && s[i] != ':') {
		unsigned char c = (unsigned char)s[i];
		bool ok = i == 0 ? is_alpha(c)
				 : (is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.');
		if (!ok) {
			const char *colon = memchr(s + i, ':', len - i);
			return uri_fail(out, colon ? ZL_TV_URI_E_BAD_SCHEME : ZL_TV_URI_E_NO_SCHEME,
					colon ? i : 0);
		}
		i++;
	}
	if (i == len)
		return uri_fail(out, ZL_TV_URI_E_NO_SCHEME, 0);
	if (i == 0)
		return uri_fail(out, ZL_TV_URI_E_BAD_SCHEME, 0);
	out->scheme_str = s;
	out->scheme_len = i;
	if (zl_tv_eq(s, i, "mailto", true))
		out->scheme = ZL_TV_SCHEME_MAILTO;
	else if (zl_tv_eq(s, i, "https", true))
		out->scheme = ZL_TV_SCHEME_HTTPS;
	else if (zl_tv_eq(s, i, "http", true))
		out->scheme = ZL_TV_SCHEME_HTTP;
	else
		out->scheme = ZL_TV_SCHEME_OTHER;
	i++; /* the ":" */
	/* no byte outside the URI character set, whatever the scheme */
	for (size_t k = i; k < len; k++) {
		unsigned char c = (unsigned char)s[k];
		if (!(is_unreserved(c) || is_subdelim(c) || (c != 0 && strchr(":/?#[]@%", c))))
			return uri_fail(out, ZL_TV_URI_E_BAD_CHAR, k);
	}
	switch (out->scheme) {
	case ZL_TV_SCHEME_MAILTO:
		return parse_mailto(out, s, i, len);
	case ZL_TV_SCHEME_HTTPS:
	case ZL_TV_SCHEME_HTTP:
		return parse_http(out, s, i, len);
	default:
		if (i == len)
			return uri_fail(out, ZL_TV_URI_E_EMPTY, i);
		return ZL_TV_URI_E_OK;
	}
}
