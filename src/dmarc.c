/* zonelint: DMARC policy record parser (RFC 7489 6.3/6.4, RFC 9989 4.7/4.8).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "dmarc.h"

#include <string.h>

#include "common.h"

#define N ZL_IMPACT_NONE
#define C ZL_IMPACT_COSMETIC
#define I ZL_IMPACT_IGNORED_TAG
#define D ZL_IMPACT_DISCARDS_RECORD

static const struct {
	const char *name;
	zl_impact_t i7489, i9989;
} code_info[] = {
#define X_(e, s, a, b) {s, a, b},
	ZL_DMARC_PROBLEM_LIST(X_)
#undef X_
};

#undef N
#undef C
#undef I
#undef D

static const char *const tag_names[] = {
#define X_(e, s) s,
	ZL_DMARC_TAG_LIST(X_)
#undef X_
};

const char *zl_dmarc_code_name(zl_dmarc_code_t code)
{
	if ((unsigned)code >= ZL_ARRAY_SIZE(code_info))
		return "?";
	return code_info[code].name;
}

const char *zl_dmarc_tag_name(zl_dmarc_tag_id_t id)
{
	if ((unsigned)id >= ZL_ARRAY_SIZE(tag_names))
		return "?";
	return tag_names[id];
}

static bool is_wsp(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t skip_wsp(const char *s, size_t i, size_t len)
{
	while (i < len && is_wsp(s[i]))
		i++;
	return i;
}

bool zl_dmarc_is_dmarc(const char *text, size_t len)
{
	if (!text || len == 0 || (text[0] != 'v' && text[0] != 'V'))
		return false;
	size_t i = skip_wsp(text, 1, len);
	if (i >= len || text[i] != '=')
		return false;
	i = skip_wsp(text, i + 1, len);
	if (len - i < 6 || memcmp(text + i, "DMARC1", 6) != 0)
		return false;
	i = skip_wsp(text, i + 6, len);
	return i == len || text[i] == ';';
}

static bool starts_ci(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	return len >= n && zl_tv_eq(s, n, lit, true);
}

bool zl_dmarc_looks_like_dmarc(const char *text, size_t len)
{
	if (!text || len == 0)
		return false;
	if (zl_dmarc_is_dmarc(text, len))
		return true;
	size_t pos = 0;
	zl_tv_tag_t t;
	/* a v=DMARC... tag anywhere; zl_tv_next skips leading whitespace */
	while (zl_tv_next(text, len, &pos, &t)) {
		const char *n = t.name;
		size_t nl = t.name_len;
		while (nl > 0 && (*n == '"' || *n == '\''))
			n++, nl--;
		if (zl_tv_eq(n, nl, "v", true) && starts_ci(t.value, t.value_len, "dmarc"))
			return true;
	}
	return false;
}

/* ---- problem list -------------------------------------------------------- */

typedef struct ctx {
	zl_dmarc_t *d;
	zl_arena_t *arena;
	const char *text;
	size_t len;
} ctx_t;

static bool room(ctx_t *c)
{
	if (c->d->n_problems < ZL_TV_MAX_PROBLEMS)
		return true;
	c->d->n_dropped++;
	return false;
}

/* Add a problem; msg may be NULL when room() was false. */
static zl_dmarc_problem_t *add(ctx_t *c, zl_dmarc_code_t code, size_t off, const char *tag,
			       size_t tag_len, const char *msg)
{
	zl_dmarc_t *d = c->d;
	if (d->n_problems >= ZL_TV_MAX_PROBLEMS) {
		d->n_dropped++;
		return NULL;
	}
	if (!d->problems)
		d->problems = zl_arena_alloc(c->arena, ZL_TV_MAX_PROBLEMS * sizeof(*d->problems));
	zl_dmarc_problem_t *p = &d->problems[d->n_problems++];
	p->code = code;
	p->impact_7489 = code_info[code].i7489;
	p->impact_9989 = code_info[code].i9989;
	p->offset = off;
	p->tag = tag;
	p->tag_len = tag_len;
	p->msg = msg;
	return p;
}

static char *q(ctx_t *c, const char *s, size_t len)
{
	return zl_tv_escape(c->arena, s, len, ZL_TV_QUOTE_MAX);
}

/* "invalid value "x" for tag "p"" plus an optional reason */
static void bad_value(ctx_t *c, zl_dmarc_code_t code, const zl_tv_tag_t *t, const char *why)
{
	if (!room(c))
		return;
	const char *m;
	if (t->value_len == 0)
		m = zl_arena_printf(c->arena, "empty value for tag \"%s\"",
				    q(c, t->name, t->name_len));
	else
		m = zl_arena_printf(c->arena, "invalid value \"%s\" for tag \"%s\"%s%s",
				    q(c, t->value, t->value_len), q(c, t->name, t->name_len),
				    why ? ": " : "", why ? why : "");
	add(c, code, t->value_offset, t->name, t->name_len, m);
}

static bool has_upper(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			return true;
	return false;
}

static void upper_value(ctx_t *c, const zl_tv_tag_t *t)
{
	if (!has_upper(t->value, t->value_len) || !room(c))
		return;
	add(c, ZL_DMARCP_UPPERCASE_VALUE, t->value_offset, t->name, t->name_len,
	    zl_arena_printf(c->arena, "value \"%s\" of tag \"%s\" is not lower case",
			    q(c, t->value, t->value_len), q(c, t->name, t->name_len)));
}

/* ---- per-tag values ------------------------------------------------------ */

static zl_dmarc_policy_t parse_policy(const zl_tv_tag_t *t)
{
	if (zl_tv_eq(t->value, t->value_len, "none", true))
		return ZL_DMARC_POLICY_NONE;
	if (zl_tv_eq(t->value, t->value_len, "quarantine", true))
		return ZL_DMARC_POLICY_QUARANTINE;
	if (zl_tv_eq(t->value, t->value_len, "reject", true))
		return ZL_DMARC_POLICY_REJECT;
	return ZL_DMARC_POLICY_UNSET;
}

static void do_policy(ctx_t *c, const zl_tv_tag_t *t, zl_dmarc_tag_id_t id, zl_dmarc_code_t code,
		      zl_dmarc_policy_t *dst)
{
	*dst = parse_policy(t);
	if (*dst == ZL_DMARC_POLICY_UNSET) {
		bad_value(c, code, t, "expected none, quarantine or reject");
		return;
	}
	c->d->field[id].valid = true;
	upper_value(c, t);
}

/* Single-letter choice; returns the index in @p set or -1. */
static int one_of(const zl_tv_tag_t *t, const char *set)
{
	if (t->value_len != 1)
		return -1;
	char v = t->value[0];
	if (v >= 'A' && v <= 'Z')
		v = (char)(v + 32);
	const char *p = v ? strchr(set, v) : NULL;
	return p ? (int)(p - set) : -1;
}

static void do_align(ctx_t *c, const zl_tv_tag_t *t, zl_dmarc_tag_id_t id, zl_dmarc_code_t code,
		     zl_dmarc_align_t *dst)
{
	int k = one_of(t, "rs");
	if (k < 0) {
		bad_value(c, code, t, "expected r or s");
		return;
	}
	*dst = k == 0 ? ZL_DMARC_ALIGN_RELAXED : ZL_DMARC_ALIGN_STRICT;
	c->d->field[id].valid = true;
	upper_value(c, t);
}

/* fo = ( "0" / "1" / "d" / "s" ) *( *WSP ":" *WSP ( "0" / "1" / "d" / "s" ) ) */
static void do_fo(ctx_t *c, const zl_tv_tag_t *t)
{
	const char *s = t->value;
	size_t len = t->value_len, i = 0, n = 0;
	unsigned mask = 0;
	bool repeat = false;
	for (;;) {
		if (i >= len || s[i] == 0 || !strchr("01dsDS", s[i])) {
			bad_value(c, ZL_DMARCP_FO_INVALID, t,
				  "expected a \":\" list of 0, 1, d and s");
			return;
		}
		char o = s[i];
		unsigned bit = o == '0'                 ? ZL_DMARC_FO_0
			       : o == '1'               ? ZL_DMARC_FO_1
			       : (o == 'd' || o == 'D') ? ZL_DMARC_FO_D
							: ZL_DMARC_FO_S;
		if (mask & bit)
			repeat = true;
		mask |= bit;
		n++;
		i = skip_wsp(s, i + 1, len);
		if (i == len)
			break;
		if (s[i] != ':') {
			bad_value(c, ZL_DMARCP_FO_INVALID, t,
				  "expected a \":\" list of 0, 1, d and s");
			return;
		}
		i = skip_wsp(s, i + 1, len);
	}
	c->d->fo = mask;
	c->d->field[ZL_DMARC_TAG_FO].valid = true;
	upper_value(c, t);
	/* RFC 9989 dmarc-fo = "0" / "1" / "d" / "s" / "d:s" / "s:d" */
	bool ok9989 = !repeat && (n == 1 || mask == (ZL_DMARC_FO_D | ZL_DMARC_FO_S));
	if (!ok9989 && room(c)) {
		zl_dmarc_problem_t *p =
			add(c, ZL_DMARCP_FO_INVALID, t->value_offset, t->name, t->name_len,
			    zl_arena_printf(c->arena,
					    "value \"%s\" of tag \"%s\" is not allowed by RFC 9989",
					    q(c, s, len), q(c, t->name, t->name_len)));
		if (p)
			p->impact_7489 = ZL_IMPACT_NONE;
	}
}

/* 1*DIGIT into a uint32; false on overflow or a non-digit */
static bool parse_u32(const char *s, size_t len, uint32_t *out)
{
	uint64_t v = 0;
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > UINT32_MAX)
			return false;
	}
	*out = (uint32_t)v;
	return true;
}

static void do_pct(ctx_t *c, const zl_tv_tag_t *t)
{
	uint32_t v;
	/* dmarc-percent = "pct" *WSP "=" *WSP 1*3DIGIT (RFC 7489 6.4), 0-100 (6.3) */
	if (t->value_len > 3 || !parse_u32(t->value, t->value_len, &v) || v > 100) {
		bad_value(c, ZL_DMARCP_PCT_INVALID, t, "expected an integer from 0 to 100");
		return;
	}
	c->d->pct = v;
	c->d->field[ZL_DMARC_TAG_PCT].valid = true;
}

static void do_ri(ctx_t *c, const zl_tv_tag_t *t)
{
	uint32_t v;
	if (!parse_u32(t->value, t->value_len, &v)) {
		bad_value(c, ZL_DMARCP_RI_INVALID, t, "expected a 32-bit unsigned integer");
		return;
	}
	c->d->ri = v;
	c->d->field[ZL_DMARC_TAG_RI].valid = true;
}

/* rf = Keyword *(*WSP ":" Keyword); "afrf" is the only registered format (7489 11.5) */
static void do_rf(ctx_t *c, const zl_tv_tag_t *t)
{
	const char *s = t->value;
	size_t len = t->value_len, i = 0;
	unsigned mask = 0;
	while (i <= len) {
		size_t e = i;
		while (e < len && s[e] != ':' && !is_wsp(s[e]))
			e++;
		if (!zl_tv_eq(s + i, e - i, "afrf", true)) {
			bad_value(c, ZL_DMARCP_RF_INVALID, t, "expected afrf");
			return;
		}
		mask |= ZL_DMARC_RF_AFRF;
		e = skip_wsp(s, e, len);
		if (e == len)
			break;
		if (s[e] != ':') {
			bad_value(c, ZL_DMARCP_RF_INVALID, t, "expected afrf");
			return;
		}
		i = skip_wsp(s, e + 1, len);
	}
	c->d->rf = mask;
	c->d->field[ZL_DMARC_TAG_RF].valid = true;
	upper_value(c, t);
}

/* "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] (RFC 7489 6.2); true if well formed */
static bool parse_size(const char *s, size_t len, uint64_t *out)
{
	size_t n = len;
	uint64_t mul = 1;
	if (n > 0) {
		switch (s[n - 1]) {
		case 'k':
		case 'K':
			mul = 1ull << 10;
			n--;
			break;
		case 'm':
		case 'M':
			mul = 1ull << 20;
			n--;
			break;
		case 'g':
		case 'G':
			mul = 1ull << 30;
			n--;
			break;
		case 't':
		case 'T':
			mul = 1ull << 40;
			n--;
			break;
		default:
			break;
		}
	}
	if (n == 0)
		return false;
	uint64_t v = 0;
	bool sat = false;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return false;
		if (v > (UINT64_MAX - 9) / 10)
			sat = true;
		else
			v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (sat || (v && v > UINT64_MAX / mul))
		*out = UINT64_MAX;
	else
		*out = v * mul;
	return true;
}

static void do_uris(ctx_t *c, const zl_tv_tag_t *t, zl_dmarc_tag_id_t id)
{
	zl_dmarc_t *d = c->d;
	zl_dmarc_code_t code =
		id == ZL_DMARC_TAG_RUA ? ZL_DMARCP_RUA_INVALID : ZL_DMARCP_RUF_INVALID;
	if (t->value_len == 0) {
		bad_value(c, code, t, NULL);
		return;
	}
	size_t n = 1;
	for (size_t i = 0; i < t->value_len; i++)
		n += t->value[i] == ',';
	zl_dmarc_uri_t *u = zl_arena_calloc(c->arena, n * sizeof(*u));
	size_t count = 0, nvalid = 0;
	bool prev_mailto = false;
	const char *s = t->value;
	size_t len = t->value_len, i = 0;
	const char *tn = q(c, t->name, t->name_len);
	for (;;) {
		size_t e = i;
		while (e < len && s[e] != ',')
			e++;
		size_t a = skip_wsp(s, i, e), b = e;
		while (b > a && is_wsp(s[b - 1]))
			b--;
		size_t off = t->value_offset + a;
		zl_dmarc_uri_t *x = &u[count++];
		bool this_mailto = false;
		if (a == b) {
			x->uri.offset = off;
			x->uri.err = ZL_TV_URI_E_EMPTY;
			x->uri.err_offset = off;
			if (room(c)) {
				zl_dmarc_problem_t *p =
					add(c, code, off, t->name, t->name_len,
					    zl_arena_printf(c->arena,
							    "empty URI in list of tag \"%s\"", tn));
				if (p)
					p->impact_7489 = p->impact_9989 = ZL_IMPACT_COSMETIC;
			}
		} else {
			size_t ue = b;
			const char *bang = memchr(s + a, '!', b - a);
			bool bad_bang = false;
			if (bang) {
				/* the size suffix starts at the last "!" */
				size_t k = b;
				while (k > a && s[k - 1] != '!')
					k--;
				uint64_t lim;
				if (parse_size(s + k, b - k, &lim)) {
					x->has_size = true;
					x->size_limit = lim;
					x->size_offset = t->value_offset + k - 1;
					ue = k - 1;
					if (room(c))
						add(c, ZL_DMARCP_URI_SIZE_SUFFIX, x->size_offset,
						    t->name, t->name_len,
						    zl_arena_printf(
							    c->arena,
							    "size limit \"%s\" in tag \"%s\""
							    " is obsolete",
							    q(c, s + k - 1, b - k + 1), tn));
				} else {
					bad_bang = true;
				}
				if (memchr(s + a, '!', ue - a))
					bad_bang = true;
			}
			zl_tv_uri_err_t e2 = zl_tv_uri_parse(&x->uri, s + a, ue - a, off);
			this_mailto = x->uri.scheme == ZL_TV_SCHEME_MAILTO;
			if (bad_bang) {
				x->uri.err = ZL_TV_URI_E_BAD_CHAR;
				if (room(c))
					add(c, code, (size_t)(bang - s) + t->value_offset, t->name,
					    t->name_len,
					    zl_arena_printf(
						    c->arena,
						    "unencoded \"!\" in URI \"%s\" of tag \"%s\"",
						    q(c, s + a, b - a), tn));
			} else if (e2 == ZL_TV_URI_E_NO_SCHEME && prev_mailto &&
				   memchr(s + a, '@', ue - a)) {
				if (room(c))
					add(c, ZL_DMARCP_URI_UNENCODED_COMMA, off - 1, t->name,
					    t->name_len,
					    zl_arena_printf(c->arena,
							    "unencoded \",\" before \"%s\" in tag"
							    " \"%s\": write %%2C or one URI per"
							    " address",
							    q(c, s + a, b - a), tn));
			} else if (e2 != ZL_TV_URI_E_OK) {
				if (room(c))
					add(c, code, x->uri.err_offset, t->name, t->name_len,
					    zl_arena_printf(c->arena,
							    "invalid URI \"%s\" in tag \"%s\": %s",
							    q(c, s + a, b - a), tn,
							    zl_tv_uri_strerror(e2)));
			} else {
				x->valid = true;
				nvalid++;
				if (!this_mailto && room(c))
					add(c, ZL_DMARCP_URI_SCHEME, off, t->name, t->name_len,
					    zl_arena_printf(
						    c->arena,
						    "URI scheme \"%s\" in tag \"%s\" is not"
						    " mailto",
						    q(c, x->uri.scheme_str, x->uri.scheme_len),
						    tn));
			}
		}
		prev_mailto = this_mailto;
		if (e >= len)
			break;
		i = e + 1;
	}
	if (id == ZL_DMARC_TAG_RUA) {
		d->rua = u;
		d->n_rua = count;
		d->n_rua_valid = nvalid;
	} else {
		d->ruf = u;
		d->n_ruf = count;
		d->n_ruf_valid = nvalid;
	}
	d->field[id].valid = nvalid > 0;
}

static const unsigned char tag_lens[] = {
#define X_(e, s) sizeof(s) - 1,
	ZL_DMARC_TAG_LIST(X_)
#undef X_
};

static int known_tag(const char *name, size_t len)
{
	/* the length and the first letter rule out all but one, mostly */
	unsigned char first = (unsigned char)(len ? name[0] | 0x20 : 0);
	for (size_t i = 0; i < ZL_ARRAY_SIZE(tag_names); i++)
		if (tag_lens[i] == len && (unsigned char)tag_names[i][0] == first &&
		    zl_tv_eq(name, len, tag_names[i], true))
			return (int)i;
	return -1;
}

static void do_version(ctx_t *c, const zl_tv_tag_t *t)
{
	zl_dmarc_t *d = c->d;
	if (t->index != 0) {
		if (room(c))
			add(c, ZL_DMARCP_V_NOT_FIRST, t->offset, t->name, t->name_len,
			    zl_arena_printf(c->arena, "tag \"%s\" is not the first tag",
					    q(c, t->name, t->name_len)));
	} else {
		d->v_first = true;
	}
	if (zl_tv_eq(t->value, t->value_len, "DMARC1", false)) {
		d->field[ZL_DMARC_TAG_V].valid = true;
	} else if (zl_tv_eq(t->value, t->value_len, "DMARC1", true)) {
		if (room(c))
			add(c, ZL_DMARCP_V_CASE, t->value_offset, t->name, t->name_len,
			    zl_arena_printf(c->arena, "version \"%s\" must be written \"DMARC1\"",
					    q(c, t->value, t->value_len)));
	} else {
		bad_value(c, ZL_DMARCP_V_INVALID, t, "expected DMARC1");
	}
	if ((t->flags & (ZL_TV_F_WS_NAME | ZL_TV_F_WS_VALUE)) && room(c))
		add(c, ZL_DMARCP_STRAY_WHITESPACE, t->offset, t->name, t->name_len,
		    zl_arena_printf(c->arena, "whitespace around \"=\" of tag \"%s\"",
				    q(c, t->name, t->name_len)));
}

static void do_tag(ctx_t *c, const zl_tv_tag_t *t, zl_dmarc_tag_id_t id)
{
	zl_dmarc_t *d = c->d;
	switch (id) {
	case ZL_DMARC_TAG_V:
		do_version(c, t);
		break;
	case ZL_DMARC_TAG_P:
		do_policy(c, t, id, ZL_DMARCP_P_INVALID, &d->p);
		break;
	case ZL_DMARC_TAG_SP:
		do_policy(c, t, id, ZL_DMARCP_SP_INVALID, &d->sp);
		break;
	case ZL_DMARC_TAG_NP:
		do_policy(c, t, id, ZL_DMARCP_NP_INVALID, &d->np);
		break;
	case ZL_DMARC_TAG_PSD: {
		int k = one_of(t, "ynu");
		if (k < 0) {
			bad_value(c, ZL_DMARCP_PSD_INVALID, t, "expected y, n or u");
			break;
		}
		d->psd = k == 0 ? ZL_DMARC_PSD_Y : k == 1 ? ZL_DMARC_PSD_N : ZL_DMARC_PSD_U;
		d->field[id].valid = true;
		upper_value(c, t);
		break;
	}
	case ZL_DMARC_TAG_T: {
		int k = one_of(t, "yn");
		if (k < 0) {
			bad_value(c, ZL_DMARCP_T_INVALID, t, "expected y or n");
			break;
		}
		d->t = k == 0;
		d->field[id].valid = true;
		upper_value(c, t);
		break;
	}
	case ZL_DMARC_TAG_ADKIM:
		do_align(c, t, id, ZL_DMARCP_ADKIM_INVALID, &d->adkim);
		break;
	case ZL_DMARC_TAG_ASPF:
		do_align(c, t, id, ZL_DMARCP_ASPF_INVALID, &d->aspf);
		break;
	case ZL_DMARC_TAG_FO:
		do_fo(c, t);
		break;
	case ZL_DMARC_TAG_PCT:
		do_pct(c, t);
		break;
	case ZL_DMARC_TAG_RF:
		do_rf(c, t);
		break;
	case ZL_DMARC_TAG_RI:
		do_ri(c, t);
		break;
	case ZL_DMARC_TAG_RUA:
	case ZL_DMARC_TAG_RUF:
		do_uris(c, t, id);
		break;
	default:
		break;
	}
	if (id == ZL_DMARC_TAG_PCT || id == ZL_DMARC_TAG_RF || id == ZL_DMARC_TAG_RI) {
		if (room(c))
			add(c, ZL_DMARCP_OBSOLETE_TAG, t->offset, t->name, t->name_len,
			    zl_arena_printf(c->arena, "tag \"%s\" was removed by RFC 9989",
					    q(c, t->name, t->name_len)));
	} else if (id == ZL_DMARC_TAG_NP || id == ZL_DMARC_TAG_PSD || id == ZL_DMARC_TAG_T) {
		if (room(c))
			add(c, ZL_DMARCP_NEW_TAG, t->offset, t->name, t->name_len,
			    zl_arena_printf(c->arena, "tag \"%s\" is unknown to RFC 7489 receivers",
					    q(c, t->name, t->name_len)));
	}
}

static void sort_problems(zl_dmarc_t *d)
{
	for (size_t i = 1; i < d->n_problems; i++) {
		zl_dmarc_problem_t p = d->problems[i];
		size_t j = i;
		while (j > 0 && d->problems[j - 1].offset > p.offset) {
			d->problems[j] = d->problems[j - 1];
			j--;
		}
		d->problems[j] = p;
	}
}

int zl_dmarc_parse(zl_dmarc_t *out, const char *text, size_t len, zl_arena_t *arena)
{
	if (out)
		memset(out, 0, sizeof(*out));
	if (!out || !arena || (!text && len))
		return ZL_EINVAL;
	ctx_t cx = {out, arena, text, len};
	ctx_t *c = &cx;
	zl_dmarc_t *d = out;
	int rc = zl_tv_parse(&d->list, text, len, ZL_TV_OPT_CASE_INSENSITIVE | ZL_TV_OPT_WSP_ONLY,
			     arena);
	if (rc != ZL_OK)
		return rc;
	d->is_dmarc = zl_dmarc_is_dmarc(text, len);
	d->n_dropped = d->list.n_dropped;

	/* syntax problems from the splitter */
	for (size_t i = 0; i < d->list.n_problems; i++) {
		const zl_tv_problem_t *tp = &d->list.problems[i];
		zl_dmarc_code_t code;
		switch (tp->code) {
		case ZL_TVP_EMPTY_SPEC:
			code = ZL_DMARCP_EMPTY_SPEC;
			break;
		case ZL_TVP_MISSING_EQUALS:
			code = ZL_DMARCP_MISSING_EQUALS;
			break;
		case ZL_TVP_BAD_NAME:
			code = ZL_DMARCP_BAD_TAG_NAME;
			break;
		case ZL_TVP_DUPLICATE:
			code = ZL_DMARCP_DUPLICATE_TAG;
			break;
		default:
			/* known tags report a bad byte through their value check */
			if (known_tag(tp->tag, tp->tag_len) >= 0)
				continue;
			code = ZL_DMARCP_BAD_VALUE_CHAR;
			break;
		}
		add(c, code, tp->offset, tp->tag, tp->tag_len, tp->msg);
	}
	if (d->list.leading_ws && room(c))
		add(c, ZL_DMARCP_LEADING_WHITESPACE, 0, NULL, 0,
		    "whitespace before the first tag \"v\"");

	size_t n_unknown = 0;
	for (size_t i = 0; i < d->list.n_tags; i++) {
		int id = known_tag(d->list.tags[i].name, d->list.tags[i].name_len);
		n_unknown += id < 0 && !(d->list.tags[i].flags & ZL_TV_F_BAD_NAME);
	}
	if (n_unknown)
		d->unknown = zl_arena_alloc(arena, n_unknown * sizeof(*d->unknown));

	for (size_t i = 0; i < d->list.n_tags; i++) {
		const zl_tv_tag_t *t = &d->list.tags[i];
		if (t->flags & ZL_TV_F_BAD_NAME)
			continue;
		int id = known_tag(t->name, t->name_len);
		if (has_upper(t->name, t->name_len) && room(c))
			add(c, ZL_DMARCP_UPPERCASE_TAG, t->offset, t->name, t->name_len,
			    zl_arena_printf(arena, "tag name \"%s\" is not lower case",
					    q(c, t->name, t->name_len)));
		if (id < 0) {
			d->unknown[d->n_unknown++] = t;
			if (room(c))
				add(c, ZL_DMARCP_UNKNOWN_TAG, t->offset, t->name, t->name_len,
				    zl_arena_printf(arena, "unknown tag \"%s\"",
						    q(c, t->name, t->name_len)));
			continue;
		}
		if (t->flags & ZL_TV_F_DUPLICATE)
			continue; /* reported; the first occurrence counts */
		d->field[id].tag = t;
		do_tag(c, t, (zl_dmarc_tag_id_t)id);
	}

	const zl_tv_tag_t *v = d->field[ZL_DMARC_TAG_V].tag;
	const zl_tv_tag_t *p = d->field[ZL_DMARC_TAG_P].tag;
	if (!v && room(c))
		add(c, ZL_DMARCP_V_MISSING, 0, NULL, 0,
		    "missing tag \"v\" (expected \"v=DMARC1\")");
	if (!p) {
		if (room(c))
			add(c, ZL_DMARCP_P_MISSING, len, NULL, 0, "missing tag \"p\"");
	} else if (d->v_first) {
		d->p_follows_v = p->index == 1;
		if (!d->p_follows_v && room(c))
			add(c, ZL_DMARCP_P_NOT_SECOND, p->offset, p->name, p->name_len,
			    "tag \"p\" does not directly follow \"v\"");
	}

	/* RFC 9989 policy discovery: invalid p/sp/np act as p=none if rua is usable */
	for (size_t i = 0; i < d->n_problems; i++) {
		zl_dmarc_problem_t *pr = &d->problems[i];
		if (pr->code == ZL_DMARCP_P_INVALID || pr->code == ZL_DMARCP_SP_INVALID ||
		    pr->code == ZL_DMARCP_NP_INVALID)
			pr->impact_9989 = d->n_rua_valid > 0 ? ZL_IMPACT_IGNORED_TAG
							     : ZL_IMPACT_DISCARDS_RECORD;
		if (pr->impact_7489 == ZL_IMPACT_DISCARDS_RECORD)
			d->discarded_7489 = true;
		if (pr->impact_9989 == ZL_IMPACT_DISCARDS_RECORD)
			d->discarded_9989 = true;
	}
	sort_problems(d);
	return ZL_OK;
}
