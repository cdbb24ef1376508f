/* zonelint: MTA-STS, TLS-RPT and BIMI TXT record parsers.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "smtptls.h"

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
	ZL_STLS_PROBLEM_LIST(X_)
#undef X_
};

#undef N
#undef C
#undef I
#undef D

const char *zl_stls_code_name(zl_stls_code_t code)
{
	if ((unsigned)code >= ZL_ARRAY_SIZE(code_info))
		return "?";
	return code_info[code].name;
}

/* What differs between the three records in their common part. */
typedef struct proto {
	const char *version;   /* value of v, e.g. "STSv1" */
	unsigned tv_opts;      /* zl_tv_parse options */
	bool ws_eq_is_problem; /* the grammar has no WSP around "=" */
	zl_stls_code_t v_missing, v_not_first, v_invalid, v_case, leading_ws, ws_eq;
	zl_stls_code_t dup, empty, missing_eq, bad_name, bad_char, tag_case;
	const char *const *known; /* NULL-terminated tag names (case-sensitive) */
} proto_t;

static const char *const sts_known[] = {"v", "id", NULL};
static const char *const tlsrpt_known[] = {"v", "rua", NULL};
static const char *const bimi_known[] = {"v", "l", "a", "avp", "lps", NULL};

static const proto_t sts_proto = {
	"STSv1",
	ZL_TV_OPT_WSP_ONLY | ZL_TV_OPT_EXT_NAMES,
	true,
	ZL_STLSP_STS_V_MISSING,
	ZL_STLSP_STS_V_NOT_FIRST,
	ZL_STLSP_STS_V_INVALID,
	ZL_STLSP_STS_V_CASE,
	ZL_STLSP_STS_LEADING_WHITESPACE,
	ZL_STLSP_STS_WS_EQUALS,
	ZL_STLSP_STS_DUPLICATE_TAG,
	ZL_STLSP_STS_EMPTY_SPEC,
	ZL_STLSP_STS_MISSING_EQUALS,
	ZL_STLSP_STS_BAD_TAG_NAME,
	ZL_STLSP_STS_BAD_VALUE_CHAR,
	ZL_STLSP_STS_TAG_CASE,
	sts_known,
};

static const proto_t tlsrpt_proto = {
	"TLSRPTv1",
	ZL_TV_OPT_WSP_ONLY | ZL_TV_OPT_EXT_NAMES,
	true,
	ZL_STLSP_TLSRPT_V_MISSING,
	ZL_STLSP_TLSRPT_V_NOT_FIRST,
	ZL_STLSP_TLSRPT_V_INVALID,
	ZL_STLSP_TLSRPT_V_CASE,
	ZL_STLSP_TLSRPT_LEADING_WHITESPACE,
	ZL_STLSP_TLSRPT_WS_EQUALS,
	ZL_STLSP_TLSRPT_DUPLICATE_TAG,
	ZL_STLSP_TLSRPT_EMPTY_SPEC,
	ZL_STLSP_TLSRPT_MISSING_EQUALS,
	ZL_STLSP_TLSRPT_BAD_TAG_NAME,
	ZL_STLSP_TLSRPT_BAD_VALUE_CHAR,
	ZL_STLSP_TLSRPT_TAG_CASE,
	tlsrpt_known,
};

static const proto_t bimi_proto = {
	"BIMI1",
	0,
	false,
	ZL_STLSP_BIMI_V_MISSING,
	ZL_STLSP_BIMI_V_NOT_FIRST,
	ZL_STLSP_BIMI_V_INVALID,
	ZL_STLSP_BIMI_V_CASE,
	ZL_STLSP_BIMI_LEADING_WHITESPACE,
	ZL_STLSP__COUNT,
	ZL_STLSP_BIMI_DUPLICATE_TAG,
	ZL_STLSP_BIMI_EMPTY_SPEC,
	ZL_STLSP_BIMI_MISSING_EQUALS,
	ZL_STLSP_BIMI_BAD_TAG_NAME,
	ZL_STLSP_BIMI_BAD_VALUE_CHAR,
	ZL_STLSP_BIMI_TAG_CASE,
	bimi_known,
};

typedef struct ctx {
	zl_stls_common_t *c;
	zl_arena_t *arena;
	size_t len;
} ctx_t;

static bool room(ctx_t *x)
{
	if (x->c->n_problems < ZL_TV_MAX_PROBLEMS)
		return true;
	x->c->n_dropped++;
	return false;
}

static void add(ctx_t *x, zl_stls_code_t code, size_t off, const char *tag, size_t tag_len,
		const char *msg)
{
	zl_stls_common_t *c = x->c;
	if (c->n_problems >= ZL_TV_MAX_PROBLEMS) {
		c->n_dropped++;
		return;
	}
	if (!c->problems)
		c->problems = zl_arena_alloc(x->arena, ZL_TV_MAX_PROBLEMS * sizeof(*c->problems));
	zl_stls_problem_t *p = &c->problems[c->n_problems++];
	p->code = code;
	p->impact = code_info[code].impact;
	p->offset = off;
	p->tag = tag;
	p->tag_len = tag_len;
	p->msg = msg;
	if (p->impact == ZL_IMPACT_DISCARDS_RECORD)
		c->discarded = true;
}

static char *q(ctx_t *x, const char *s, size_t len)
{
	return zl_tv_escape(x->arena, s, len, ZL_TV_QUOTE_MAX);
}

/* Report "<what> "value" for tag "name"[: why]" at the value. */
static void bad_value(ctx_t *x, zl_stls_code_t code, const zl_tv_tag_t *t, const char *why)
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
	add(x, code, t->value_offset, t->name, t->name_len, m);
}

static void sort_problems(zl_stls_common_t *c)
{
	for (size_t i = 1; i < c->n_problems; i++) {
		zl_stls_problem_t p = c->problems[i];
		size_t j = i;
		while (j > 0 && c->problems[j - 1].offset > p.offset) {
			c->problems[j] = c->problems[j - 1];
			j--;
		}
		c->problems[j] = p;
	}
}

static bool is_wsp(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_alnum(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool is_known(const proto_t *pr, const char *name, size_t len, bool ci)
{
	for (const char *const *k = pr->known; *k; k++)
		if (zl_tv_eq(name, len, *k, ci))
			return true;
	return false;
}

/* "v=" <version> then the end or *WSP ";"; ws allows *WSP around "=". */
static bool strict_start(const char *s, size_t len, const char *version, bool ws)
{
	size_t i = 0, n = strlen(version);
	if (!s || len == 0 || s[0] != 'v')
		return false;
	i = 1;
	while (ws && i < len && is_wsp(s[i]))
		i++;
	if (i >= len || s[i] != '=')
		return false;
	i++;
	while (ws && i < len && is_wsp(s[i]))
		i++;
	if (len - i < n || memcmp(s + i, version, n) != 0)
		return false;
	i += n;
	while (i < len && is_wsp(s[i]))
		i++;
	return i == len || s[i] == ';';
}

/* A "v" tag anywhere whose value starts with @p stem, ignoring case and quotes. */
static bool loose_start(const char *s, size_t len, const char *stem)
{
	size_t pos = 0, n = strlen(stem);
	zl_tv_tag_t t;
	if (!s)
		return false;
	while (zl_tv_next(s, len, &pos, &t)) {
		const char *nm = t.name;
		size_t nl = t.name_len;
		while (nl > 0 && (*nm == '"' || *nm == '\''))
			nm++, nl--;
		if (zl_tv_eq(nm, nl, "v", true) && t.value_len >= n &&
		    zl_tv_eq(t.value, n, stem, true))
			return true;
	}
	return false;
}

bool zl_sts_is_sts(const char *text, size_t len)
{
	return strict_start(text, len, "STSv1", false);
}

bool zl_sts_looks_like_sts(const char *text, size_t len)
{
	return zl_sts_is_sts(text, len) || loose_start(text, len, "stsv");
}

bool zl_tlsrpt_is_tlsrpt(const char *text, size_t len)
{
	return strict_start(text, len, "TLSRPTv1", false);
}

bool zl_tlsrpt_looks_like_tlsrpt(const char *text, size_t len)
{
	return zl_tlsrpt_is_tlsrpt(text, len) || loose_start(text, len, "tlsrptv");
}

bool zl_bimi_is_bimi(const char *text, size_t len)
{
	return strict_start(text, len, "BIMI1", true);
}

bool zl_bimi_looks_like_bimi(const char *text, size_t len)
{
	return zl_bimi_is_bimi(text, len) || loose_start(text, len, "bimi");
}

/* Parse the tag-list, the version and the syntax problems shared by all three. */
static int common_parse(ctx_t *x, const proto_t *pr, const char *text, size_t len)
{
	zl_stls_common_t *c = x->c;
	int rc = zl_tv_parse(&c->list, text, len, pr->tv_opts, x->arena);
	if (rc != ZL_OK)
		return rc;
	c->n_dropped = c->list.n_dropped;
	for (size_t i = 0; i < c->list.n_problems; i++) {
		const zl_tv_problem_t *tp = &c->list.problems[i];
		zl_stls_code_t code = pr->bad_char;
		switch (tp->code) {
		case ZL_TVP_EMPTY_SPEC:
			code = pr->empty;
			break;
		case ZL_TVP_MISSING_EQUALS:
			code = pr->missing_eq;
			break;
		case ZL_TVP_BAD_NAME:
			code = pr->bad_name;
			break;
		case ZL_TVP_DUPLICATE:
			code = pr->dup;
			break;
		default:
			break;
		}
		add(x, code, tp->offset, tp->tag, tp->tag_len, tp->msg);
	}
	if (c->list.leading_ws && room(x))
		add(x, pr->leading_ws, 0, NULL, 0, "whitespace before the first tag \"v\"");

	size_t n_ext = 0;
	for (size_t i = 0; i < c->list.n_tags; i++) {
		const zl_tv_tag_t *t = &c->list.tags[i];
		n_ext += !is_known(pr, t->name, t->name_len, false);
	}
	if (n_ext)
		c->ext = zl_arena_alloc(x->arena, n_ext * sizeof(*c->ext));
	for (size_t i = 0; i < c->list.n_tags; i++) {
		const zl_tv_tag_t *t = &c->list.tags[i];
		if (pr->ws_eq_is_problem && (t->flags & (ZL_TV_F_WS_NAME | ZL_TV_F_WS_VALUE)) &&
		    room(x))
			add(x, pr->ws_eq, t->offset, t->name, t->name_len,
			    zl_arena_printf(x->arena, "whitespace around \"=\" of tag \"%s\"",
					    q(x, t->name, t->name_len)));
		if (is_known(pr, t->name, t->name_len, false)) {
			if (!c->v && zl_tv_eq(t->name, t->name_len, "v", false))
				c->v = t;
			continue;
		}
		c->ext[c->n_ext++] = t;
		if (is_known(pr, t->name, t->name_len, true) && room(x))
			add(x, pr->tag_case, t->offset, t->name, t->name_len,
			    zl_arena_printf(x->arena,
					    "tag name \"%s\" is case-sensitive and not recognised",
					    q(x, t->name, t->name_len)));
	}

	const zl_tv_tag_t *v = c->v;
	if (!v) {
		if (room(x))
			add(x, pr->v_missing, 0, NULL, 0,
			    zl_arena_printf(x->arena, "missing tag \"v\" (expected \"v=%s\")",
					    pr->version));
		return ZL_OK;
	}
	bool ok = true;
	if (v->index != 0) {
		ok = false;
		if (room(x))
			add(x, pr->v_not_first, v->offset, v->name, v->name_len,
			    "tag \"v\" is not the first tag");
	}
	if (!zl_tv_eq(v->value, v->value_len, pr->version, false)) {
		ok = false;
		if (zl_tv_eq(v->value, v->value_len, pr->version, true)) {
			if (room(x))
				add(x, pr->v_case, v->value_offset, v->name, v->name_len,
				    zl_arena_printf(x->arena,
						    "version \"%s\" must be written \"%s\"",
						    q(x, v->value, v->value_len), pr->version));
		} else {
			bad_value(x, pr->v_invalid, v,
				  zl_arena_printf(x->arena, "expected %s", pr->version));
		}
	}
	c->v_valid = ok;
	return ZL_OK;
}

/* First tag named exactly @p name, skipping duplicates (which were reported). */
static const zl_tv_tag_t *find(const zl_stls_common_t *c, const char *name)
{
	return zl_tv_find(&c->list, name);
}

/* sts-ext-name length and sts-ext-value (RFC 8461 3.1, RFC 8460 3). */
static void check_extensions(ctx_t *x, zl_stls_code_t bad_name, zl_stls_code_t bad_value_code)
{
	zl_stls_common_t *c = x->c;
	for (size_t i = 0; i < c->n_ext; i++) {
		const zl_tv_tag_t *t = c->ext[i];
		if (t->name_len > 32 && !(t->flags & ZL_TV_F_BAD_NAME) && room(x))
			add(x, bad_name, t->offset, t->name, t->name_len,
			    zl_arena_printf(x->arena,
					    "extension name \"%s\" is longer than 32 characters",
					    q(x, t->name, t->name_len)));
		if (t->flags & ZL_TV_F_BAD_VALUE)
			continue;
		bool bad = t->value_len == 0 || (t->flags & ZL_TV_F_INNER_WS) ||
			   memchr(t->value, '=', t->value_len) != NULL;
		if (bad)
			bad_value(x, bad_value_code, t, "spaces and \"=\" are not allowed");
	}
}

int zl_sts_parse(zl_sts_t *out, const char *text, size_t len, zl_arena_t *arena)
{
	if (out)
		memset(out, 0, sizeof(*out));
	if (!out || !arena || (!text && len))
		return ZL_EINVAL;
	ctx_t x = {&out->c, arena, len};
	int rc = common_parse(&x, &sts_proto, text, len);
	if (rc != ZL_OK)
		return rc;
	out->is_sts = zl_sts_is_sts(text, len);
	out->id = find(&out->c, "id");
	if (!out->id) {
		if (room(&x))
			add(&x, ZL_STLSP_STS_ID_MISSING, len, NULL, 0, "missing tag \"id\"");
	} else {
		const zl_tv_tag_t *t = out->id;
		bool ok = t->value_len >= 1 && t->value_len <= 32;
		for (size_t i = 0; ok && i < t->value_len; i++)
			ok = is_alnum(t->value[i]);
		out->id_valid = ok;
		if (!ok)
			bad_value(&x, ZL_STLSP_STS_ID_INVALID, t,
				  "expected 1 to 32 letters and digits");
	}
	check_extensions(&x, ZL_STLSP_STS_EXT_NAME_INVALID, ZL_STLSP_STS_EXT_VALUE_INVALID);
	sort_problems(&out->c);
	return ZL_OK;
}

int zl_tlsrpt_parse(zl_tlsrpt_t *out, const char *text, size_t len, zl_arena_t *arena)
{
	if (out)
		memset(out, 0, sizeof(*out));
	if (!out || !arena || (!text && len))
		return ZL_EINVAL;
	ctx_t x = {&out->c, arena, len};
	int rc = common_parse(&x, &tlsrpt_proto, text, len);
	if (rc != ZL_OK)
		return rc;
	out->is_tlsrpt = zl_tlsrpt_is_tlsrpt(text, len);
	const zl_tv_tag_t *t = find(&out->c, "rua");
	out->rua = t;
	if (!t) {
		if (room(&x))
			add(&x, ZL_STLSP_TLSRPT_RUA_MISSING, len, NULL, 0, "missing tag \"rua\"");
	} else if (t->value_len == 0) {
		bad_value(&x, ZL_STLSP_TLSRPT_RUA_INVALID, t, NULL);
	} else {
		const char *s = t->value;
		size_t n = 1, vl = t->value_len, i = 0;
		for (size_t k = 0; k < vl; k++)
			n += s[k] == ',';
		out->uris = zl_arena_calloc(arena, n * sizeof(*out->uris));
		bool prev_mailto = false;
		const char *tn = q(&x, t->name, t->name_len);
		for (;;) {
			size_t e = i;
			while (e < vl && s[e] != ',')
				e++;
			size_t a = i, b = e;
			while (a < b && is_wsp(s[a]))
				a++;
			while (b > a && is_wsp(s[b - 1]))
				b--;
			size_t off = t->value_offset + a;
			zl_tv_uri_t *u = &out->uris[out->n_uris++];
			zl_tv_uri_err_t err = zl_tv_uri_parse(u, s + a, b - a, off);
			const char *bang = a < b ? memchr(s + a, '!', b - a) : NULL;
			if (bang) {
				u->err = ZL_TV_URI_E_BAD_CHAR;
				u->err_offset = t->value_offset + (size_t)(bang - s);
				if (room(&x))
					add(&x, ZL_STLSP_TLSRPT_RUA_INVALID, u->err_offset, t->name,
					    t->name_len,
					    zl_arena_printf(
						    arena,
						    "unencoded \"!\" in URI \"%s\" of tag \"%s\"",
						    q(&x, s + a, b - a), tn));
			} else if (err == ZL_TV_URI_E_NO_SCHEME && prev_mailto &&
				   memchr(s + a, '@', b - a)) {
				if (room(&x))
					add(&x, ZL_STLSP_TLSRPT_RUA_UNENCODED_COMMA, off - 1,
					    t->name, t->name_len,
					    zl_arena_printf(arena,
							    "unencoded \",\" before \"%s\" in tag"
							    " \"%s\": write %%2C or one URI per"
							    " address",
							    q(&x, s + a, b - a), tn));
			} else if (err != ZL_TV_URI_E_OK) {
				if (room(&x))
					add(&x, ZL_STLSP_TLSRPT_RUA_INVALID, u->err_offset, t->name,
					    t->name_len,
					    a == b ? zl_arena_printf(arena,
								     "empty URI in list of tag"
								     " \"%s\"",
								     tn)
						   : zl_arena_printf(arena,
								     "invalid URI \"%s\" in tag"
								     " \"%s\": %s",
								     q(&x, s + a, b - a), tn,
								     zl_tv_uri_strerror(err)));
			} else if (u->scheme != ZL_TV_SCHEME_MAILTO &&
				   u->scheme != ZL_TV_SCHEME_HTTPS) {
				if (room(&x))
					add(&x, ZL_STLSP_TLSRPT_RUA_SCHEME, off, t->name,
					    t->name_len,
					    zl_arena_printf(arena,
							    "URI scheme \"%s\" in tag \"%s\" is not"
							    " mailto or https",
							    q(&x, u->scheme_str, u->scheme_len),
							    tn));
			} else {
				out->n_usable++;
			}
			prev_mailto = u->scheme == ZL_TV_SCHEME_MAILTO;
			if (e >= vl)
				break;
			i = e + 1;
		}
	}
	check_extensions(&x, ZL_STLSP_TLSRPT_EXT_NAME_INVALID, ZL_STLSP_TLSRPT_EXT_VALUE_INVALID);
	sort_problems(&out->c);
	return ZL_OK;
}

static bool ends_ci(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && zl_tv_eq(s + len - n, n, suffix, true);
}

/* l= and a=: empty, or one https URI whose host is a domain name. */
static bool bimi_uri(ctx_t *x, const zl_tv_tag_t *t, zl_tv_uri_t *u, bool is_l)
{
	zl_stls_code_t c_invalid = is_l ? ZL_STLSP_BIMI_L_INVALID : ZL_STLSP_BIMI_A_INVALID;
	zl_stls_code_t c_https = is_l ? ZL_STLSP_BIMI_L_NOT_HTTPS : ZL_STLSP_BIMI_A_NOT_HTTPS;
	zl_stls_code_t c_multi = is_l ? ZL_STLSP_BIMI_L_MULTIPLE : ZL_STLSP_BIMI_A_MULTIPLE;
	if (t->value_len == 0)
		return false;
	if (memchr(t->value, ',', t->value_len)) {
		bad_value(x, c_multi, t, "only one URI is allowed");
		return false;
	}
	if (t->flags & ZL_TV_F_BAD_VALUE)
		return false; /* reported as a bad byte */
	zl_tv_uri_err_t err = zl_tv_uri_parse(u, t->value, t->value_len, t->value_offset);
	if (err != ZL_TV_URI_E_OK) {
		if (room(x))
			add(x, c_invalid, u->err_offset, t->name, t->name_len,
			    zl_arena_printf(x->arena, "invalid URI \"%s\" in tag \"%s\": %s",
					    q(x, t->value, t->value_len),
					    q(x, t->name, t->name_len), zl_tv_uri_strerror(err)));
		return false;
	}
	if (u->scheme != ZL_TV_SCHEME_HTTPS) {
		bad_value(x, c_https, t, "the URI must use https");
		return false;
	}
	if (is_l) {
		static const char *const raster[] = {".png", ".jpg", ".jpeg", ".gif",  ".webp",
						     ".bmp", ".ico", ".tif",  ".tiff", ".avif"};
		for (size_t i = 0; i < ZL_ARRAY_SIZE(raster); i++) {
			if (ends_ci(u->path, u->path_len, raster[i])) {
				bad_value(x, ZL_STLSP_BIMI_L_FORMAT, t,
					  "the indicator must be SVG");
				return false;
			}
		}
	}
	return true;
}

int zl_bimi_parse(zl_bimi_t *out, const char *text, size_t len, zl_arena_t *arena)
{
	if (out)
		memset(out, 0, sizeof(*out));
	if (!out || !arena || (!text && len))
		return ZL_EINVAL;
	ctx_t x = {&out->c, arena, len};
	int rc = common_parse(&x, &bimi_proto, text, len);
	if (rc != ZL_OK)
		return rc;
	out->is_bimi = zl_bimi_is_bimi(text, len);
	out->l = find(&out->c, "l");
	out->a = find(&out->c, "a");
	if (!out->l) {
		if (room(&x))
			add(&x, ZL_STLSP_BIMI_L_MISSING, len, NULL, 0,
			    "missing tag \"l\" (write \"l=\" to decline)");
	} else {
		out->l_valid = bimi_uri(&x, out->l, &out->l_uri, true);
	}
	if (out->a)
		out->a_valid = bimi_uri(&x, out->a, &out->a_uri, false);
	out->declined = out->l && out->l->value_len == 0 && (!out->a || out->a->value_len == 0);

	const zl_tv_tag_t *t = find(&out->c, "avp");
	if (t) {
		if (zl_tv_eq(t->value, t->value_len, "brand", false))
			out->avp = ZL_BIMI_AVP_BRAND;
		else if (zl_tv_eq(t->value, t->value_len, "personal", false))
			out->avp = ZL_BIMI_AVP_PERSONAL;
		else
			bad_value(&x, ZL_STLSP_BIMI_AVP_INVALID, t, "expected personal or brand");
	}
	t = find(&out->c, "lps");
	if (t) {
		if (zl_tv_eq(t->value, t->value_len, "true", false))
			out->lps = true;
		else if (!zl_tv_eq(t->value, t->value_len, "false", false))
			bad_value(&x, ZL_STLSP_BIMI_LPS_INVALID, t, "expected true or false");
	}
	for (size_t i = 0; i < out->c.n_ext; i++) {
		t = out->c.ext[i];
		if (is_known(&bimi_proto, t->name, t->name_len, true) ||
		    (t->flags & ZL_TV_F_BAD_NAME))
			continue; /* reported as tag-case or bad-tag-name */
		if (!room(&x))
			continue;
		if (zl_tv_eq(t->name, t->name_len, "s", false))
			add(&x, ZL_STLSP_BIMI_SELECTOR_TAG, t->offset, t->name, t->name_len,
			    "tag \"s\" belongs in the BIMI-Selector header, not the record");
		else
			add(&x, ZL_STLSP_BIMI_UNKNOWN_TAG, t->offset, t->name, t->name_len,
			    zl_arena_printf(arena, "unknown tag \"%s\"",
					    q(&x, t->name, t->name_len)));
	}
	sort_problems(&out->c);
	return ZL_OK;
}
