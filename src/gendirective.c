/* zonelint: parser and expander for the BIND $GENERATE zone file directive.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "gendirective.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* Longest text one substitution can produce without a width: 8 nibbles and
 * 7 dots; "-2147483648" and "37777777777" are 11. */
#define NATURAL_MAX 15u
/* Bytes of a subject quoted in a message before it is cut short. */
#define SUBJECT_MAX 48u

#define ZL_GEN_NAME_(id, name) name,
static const char *const code_names[] = {ZL_GENERATE_CODES(ZL_GEN_NAME_)};
#undef ZL_GEN_NAME_

const char *
zl_gen_code_name(zl_gen_code_t code)
{
	if ((unsigned)code >= ZL_ARRAY_SIZE(code_names))
		return "unknown";
	return code_names[code];
}

/* A token of the directive: [start, end) in the text; for a quoted token
 * the quotes are included. */
typedef struct tok {
	size_t start, end;
	int quoted;
} tok_t;

typedef struct pstate {
	const char *t;
	size_t len;
	size_t pos;
	zl_arena_t *arena;
	zl_generate_t *g;
} pstate_t;

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static int
is_alpha(char c)
{
	c = lower(c);
	return c >= 'a' && c <= 'z';
}

/* Case-insensitive comparison of s[0..n) with the NUL-terminated word. */
static int
word_eq(const char *s, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (word[i] == '\0' || lower(s[i]) != lower(word[i]))
			return 0;
	return word[n] == '\0';
}

/* Copy s[0..n) into the arena for a message: quotes and backslashes are
 * escaped, control and non-ASCII bytes become \DDD, long text is cut. */
static const char *
subject(zl_arena_t *arena, const char *s, size_t n)
{
	size_t i, o = 0, cut = n > SUBJECT_MAX ? SUBJECT_MAX : n;
	char *out = zl_arena_alloc(arena, cut * 4 + 4);

	for (i = 0; i < cut; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f) {
			out[o++] = '\\';
			out[o++] = (char)('0' + c / 100);
			out[o++] = (char)('0' + c / 10 % 10);
			out[o++] = (char)('0' + c % 10);
		} else if (c == '"' || c == '\\') {
			out[o++] = '\\';
			out[o++] = (char)c;
		} else {
			out[o++] = (char)c;
		}
	}
	if (cut < n) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
}

static int fail(pstate_t *ps, zl_gen_code_t code, size_t offset,
		const char *fmt, ...) ZL_PRINTF(4, 5);

static int
fail(pstate_t *ps, zl_gen_code_t code, size_t offset, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ps->g->error.code = code;
	ps->g->error.offset = offset;
	ps->g->error.message = zl_arena_strdup(ps->arena, buf);
	return ZL_EINVAL;
}

/* Subject for the text of a token. */
static const char *
tok_subject(pstate_t *ps, const tok_t *tk)
{
	return subject(ps->arena, ps->t + tk->start, tk->end - tk->start);
}

/*
 * Read the next token.  Returns 1 with *tk set, 0 at the end of the text
 * (or at an unescaped ";", which starts a comment), or ZL_EINVAL.  Only
 * the rdata may be quoted (quoted_ok).
 */
static int
next_token(pstate_t *ps, tok_t *tk, int quoted_ok)
{
	const char *t = ps->t;
	size_t i = ps->pos, n = ps->len;

	while (i < n && is_space(t[i]))
		i++;
	ps->pos = i;
	if (i >= n || t[i] == ';')
		return 0;
	tk->start = i;
	if (t[i] == '"') {
		int esc = 0;

		if (!quoted_ok)
			return fail(ps, ZL_GEN_E_BAD_QUOTE, i,
				    "unexpected quote: only the rdata may be quoted");
		for (i++;; i++) {
			if (i >= n)
				return fail(ps, ZL_GEN_E_BAD_QUOTE, tk->start,
					    "unterminated quoted rdata \"%s\"",
					    subject(ps->arena, t + tk->start,
						    n - tk->start));
			if (esc)
				esc = 0;
			else if (t[i] == '\\')
				esc = 1;
			else if (t[i] == '"')
				break;
		}
		tk->end = i + 1;
		tk->quoted = 1;
		ps->pos = tk->end;
		return 1;
	}
	while (i < n && !is_space(t[i]) && t[i] != ';') {
		if (t[i] == '\\') {
			if (i + 1 >= n)
				return fail(ps, ZL_GEN_E_BAD_ESCAPE, i,
					    "trailing backslash in \"%s\"",
					    subject(ps->arena, t + tk->start,
						    n - tk->start));
			i += 2;
			continue;
		}
		if (t[i] == '"')
			return fail(ps, ZL_GEN_E_BAD_QUOTE, i,
				    "unexpected quote in \"%s\"",
				    subject(ps->arena, t + tk->start,
					    n - tk->start));
		if (t[i] == '(' || t[i] == ')')
			return fail(ps, ZL_GEN_E_BAD_PAREN, i,
				    "unexpected parenthesis in \"%s\"",
				    subject(ps->arena, t + tk->start,
					    n - tk->start));
		i++;
	}
	tk->end = i;
	tk->quoted = 0;
	ps->pos = i;
	return 1;
}

/* Read a decimal number at s[*i..n), saturating at cap; 0 if no digit. */
static int
read_number(const char *s, size_t n, size_t *i, uint64_t cap, uint64_t *out)
{
	size_t j = *i;
	uint64_t v = 0;

	if (j >= n || !is_digit(s[j]))
		return 0;
	for (; j < n && is_digit(s[j]); j++) {
		v = v * 10 + (uint64_t)(s[j] - '0');
		if (v > cap)
			v = cap + 1;
	}
	*i = j;
	*out = v;
	return 1;
}

static int
bad_range(pstate_t *ps, size_t at, const tok_t *tk)
{
	return fail(ps, ZL_GEN_E_BAD_RANGE, at,
		    "invalid range \"%s\": expected \"start-stop\" or "
		    "\"start-stop/step\"", tok_subject(ps, tk));
}

/* start-stop[/step], decimal digits only. */
static int
parse_range(pstate_t *ps, const tok_t *tk)
{
	const char *s = ps->t;
	size_t i = tk->start, e = tk->end, at[3];
	uint64_t v[3] = {0, 0, 1};
	int k, nnum = 2;
	zl_generate_t *g = ps->g;

	at[0] = i;
	if (!read_number(s, e, &i, ZL_GENERATE_MAX_VALUE, &v[0]))
		return bad_range(ps, i, tk);
	if (i >= e || s[i] != '-')
		return bad_range(ps, i, tk);
	at[1] = ++i;
	if (!read_number(s, e, &i, ZL_GENERATE_MAX_VALUE, &v[1]))
		return bad_range(ps, i, tk);
	if (i < e) {
		if (s[i] != '/')
			return bad_range(ps, i, tk);
		at[2] = ++i;
		if (!read_number(s, e, &i, ZL_GENERATE_MAX_VALUE, &v[2]) ||
		    i < e)
			return bad_range(ps, i, tk);
		nnum = 3;
	}
	for (k = 0; k < nnum; k++)
		if (v[k] > ZL_GENERATE_MAX_VALUE)
			return fail(ps, ZL_GEN_E_RANGE_LIMIT, at[k],
				    "range \"%s\" has a number above %u",
				    tok_subject(ps, tk), ZL_GENERATE_MAX_VALUE);
	if (v[0] > v[1])
		return fail(ps, ZL_GEN_E_RANGE_REVERSED, tk->start,
			    "range \"%s\" starts after it stops",
			    tok_subject(ps, tk));
	if (v[2] == 0)
		return fail(ps, ZL_GEN_E_BAD_STEP, at[2],
			    "range \"%s\" has a step of 0", tok_subject(ps, tk));
	g->start = (uint32_t)v[0];
	g->stop = (uint32_t)v[1];
	g->step = (uint32_t)v[2];
	return 0;
}

/* Last value the iterator takes. */
static uint32_t
last_value(const zl_generate_t *g)
{
	return g->start + (g->stop - g->start) / g->step * g->step;
}

/* Message subject for the modifier at s[d]: up to and including "}". */
static const char *
mod_subject(pstate_t *ps, size_t d, size_t e)
{
	size_t k = d;

	while (k < e && ps->t[k] != '}')
		k++;
	return subject(ps->arena, ps->t + d, (k < e ? k + 1 : e) - d);
}

/*
 * Parse "${...}" whose "$" is at s[d]; the token ends at e.  On success
 * *end is the index after the "}".
 */
static int
parse_modifier(pstate_t *ps, size_t d, size_t e, zl_gen_piece_t *pc,
	       size_t *end)
{
	const char *s = ps->t;
	size_t i = d + 2, offstart, widstart = 0;
	uint64_t mag = 0, width = 0;
	int neg = 0, have_width = 0;
	int64_t lo, hi, off;

	offstart = i;
	if (i < e && (s[i] == '-' || s[i] == '+')) {
		neg = s[i] == '-';
		i++;
	}
	if (!read_number(s, e, &i, (uint64_t)ZL_GENERATE_MAX_VALUE + 1, &mag))
		goto malformed;
	if (i < e && s[i] == ',') {
		i++;
		widstart = i;
		if (i < e && s[i] == '+')
			i++;
		if (!read_number(s, e, &i, ZL_GENERATE_MAX_WIDTH, &width))
			goto malformed;
		have_width = 1;
		if (i < e && s[i] == ',') {
			i++;
			if (i < e && strchr("doxXnN", s[i]) != NULL &&
			    s[i] != '\0') {
				pc->base = s[i];
				i++;
			} else if (i < e && is_alpha(s[i])) {
				return fail(ps, ZL_GEN_E_BAD_BASE, i,
					    "unknown base \"%s\" in modifier "
					    "\"%s\": expected d, o, x, X, n or N",
					    subject(ps->arena, s + i, 1),
					    mod_subject(ps, d, e));
			} else {
				goto malformed;
			}
		}
	}
	if (i >= e || s[i] != '}')
		goto malformed;
	if ((neg && mag > (uint64_t)ZL_GENERATE_MAX_VALUE + 1) ||
	    (!neg && mag > ZL_GENERATE_MAX_VALUE))
		return fail(ps, ZL_GEN_E_BAD_OFFSET, offstart,
			    "offset in modifier \"%s\" is outside "
			    "-2147483648..2147483647", mod_subject(ps, d, e));
	if (have_width && width > ZL_GENERATE_MAX_WIDTH)
		return fail(ps, ZL_GEN_E_BAD_WIDTH, widstart,
			    "width in modifier \"%s\" is above %u",
			    mod_subject(ps, d, e), ZL_GENERATE_MAX_WIDTH);
	off = neg ? -(int64_t)mag : (int64_t)mag;
	lo = (int64_t)ps->g->start + off;
	hi = (int64_t)last_value(ps->g) + off;
	if (lo < INT32_MIN || hi > INT32_MAX)
		return fail(ps, ZL_GEN_E_VALUE_RANGE, d,
			    "modifier \"%s\" takes the iterator outside "
			    "-2147483648..2147483647", mod_subject(ps, d, e));
	pc->offset = (int32_t)off;
	pc->width = (uint8_t)width;
	*end = i + 1;
	return 0;

malformed:
	return fail(ps, ZL_GEN_E_BAD_MODIFIER, d,
		    "malformed modifier \"%s\": expected "
		    "\"${offset[,width[,base]]}\"", mod_subject(ps, d, e));
}

/*
 * Compile the template s[b..e).  In a quoted rdata (quoted) an escaped
 * quote stands for a plain one, as BIND's lexer has it.
 */
static int
compile(pstate_t *ps, size_t b, size_t e, int quoted, zl_gen_template_t *tpl)
{
	const char *s = ps->t;
	size_t i, npieces = 1, np = 0, nlit = 0;
	int32_t offset = 0;
	zl_gen_piece_t *pieces;
	char *lit;
	int r;

	for (i = b; i < e; i++)
		if (s[i] == '$')
			npieces++;
	pieces = zl_arena_calloc(ps->arena, npieces * sizeof(*pieces));
	lit = zl_arena_alloc(ps->arena, e - b + 1);
	pieces[0].lit = lit;
	tpl->max_len = 0;
	i = b;
	while (i < e) {
		zl_gen_piece_t *pc = &pieces[np];

		if (s[i] == '\\') {
			if (i + 1 >= e)
				return fail(ps, ZL_GEN_E_BAD_ESCAPE, i,
					    "trailing backslash in \"%s\"",
					    subject(ps->arena, s + b, e - b));
			if (!(quoted && s[i + 1] == '"'))
				lit[nlit++] = s[i];
			lit[nlit++] = s[i + 1];
			pc->lit_len += quoted && s[i + 1] == '"' ? 1 : 2;
			i += 2;
			continue;
		}
		if (s[i] != '$') {
			lit[nlit++] = s[i++];
			pc->lit_len++;
			continue;
		}
		if (i + 1 < e && s[i + 1] == '$') {
			lit[nlit++] = '\\';
			lit[nlit++] = '$';
			pc->lit_len += 2;
			i += 2;
			continue;
		}
		/* BIND keeps the offset of the last modifier for a bare "$"
		 * later in the same template; width and base start over */
		pc->subst = 1;
		pc->offset = offset;
		pc->width = 0;
		pc->base = 'd';
		pc->src = i;
		if (i + 1 < e && s[i + 1] == '{') {
			r = parse_modifier(ps, i, e, pc, &i);
			if (r != 0)
				return r;
			offset = pc->offset;
		} else {
			i++;
		}
		tpl->max_len += pc->lit_len +
				(pc->width > NATURAL_MAX ? pc->width : NATURAL_MAX);
		np++;
		pieces[np].lit = lit + nlit;
	}
	tpl->max_len += pieces[np].lit_len;
	tpl->pieces = pieces;
	tpl->npieces = np + 1;
	return 0;
}

/* A ttl as BIND takes it: a plain number of seconds up to 2^32-1, or one
 * or more <number><unit> pairs, units w d h m s in any case ("1h30m"). */
static int
parse_ttl(const char *s, size_t n, uint32_t *out)
{
	size_t i = 0, k;
	uint64_t total = 0, v, mult;

	for (k = 0; k < n && is_digit(s[k]); k++)
		;
	if (k == n) {
		if (!read_number(s, n, &i, UINT32_MAX, &v) || v > UINT32_MAX)
			return -1;
		*out = (uint32_t)v;
		return 0;
	}
	while (i < n) {
		if (!read_number(s, n, &i, UINT32_MAX, &v) || i >= n)
			return -1;
		switch (lower(s[i])) {
		case 'w':
			mult = 604800;
			break;
		case 'd':
			mult = 86400;
			break;
		case 'h':
			mult = 3600;
			break;
		case 'm':
			mult = 60;
			break;
		case 's':
			mult = 1;
			break;
		default:
			return -1;
		}
		i++;
		if (v > UINT32_MAX)
			return -1;
		total += v * mult;
		if (total > UINT32_MAX)
			return -1;
	}
	*out = (uint32_t)total;
	return 0;
}

static int
parse_class(const char *s, size_t n, uint16_t *out)
{
	static const struct {
		const char *name;
		uint16_t value;
	} names[] = {
		{"IN", 1},   {"CH", 3},	    {"CHAOS", 3}, {"HS", 4},
		{"HESIOD", 4}, {"NONE", 254}, {"ANY", 255},
	};
	size_t k, i;
	uint64_t v;

	for (k = 0; k < ZL_ARRAY_SIZE(names); k++) {
		if (word_eq(s, n, names[k].name)) {
			*out = names[k].value;
			return 0;
		}
	}
	if (n > 5 && word_eq(s, 5, "CLASS")) {
		i = 5;
		if (read_number(s, n, &i, 65535, &v) && i == n && v <= 65535) {
			*out = (uint16_t)v;
			return 0;
		}
	}
	return -1;
}

static void
set_field(const pstate_t *ps, const tok_t *tk, zl_gen_field_t *f)
{
	f->text = ps->t + tk->start;
	f->len = tk->end - tk->start;
	f->offset = tk->start;
}

int
zl_generate_parse(zl_generate_t *out, const char *text, size_t len,
		  zl_arena_t *arena)
{
	pstate_t ps;
	tok_t range, lhs, tk, rhs;
	const char *nul;
	int r, have_class = 0;
	size_t bound;

	if (out == NULL || arena == NULL || (text == NULL && len != 0))
		return ZL_EINVAL;
	memset(out, 0, sizeof(*out));
	ps.t = text;
	ps.len = len;
	ps.pos = 0;
	ps.arena = arena;
	ps.g = out;

	nul = len != 0 ? memchr(text, '\0', len) : NULL;
	if (nul != NULL)
		return fail(&ps, ZL_GEN_E_NUL_BYTE, (size_t)(nul - text),
			    "unexpected NUL byte in the directive");

	r = next_token(&ps, &range, 0);
	if (r < 0)
		return r;
	if (r == 0)
		return fail(&ps, ZL_GEN_E_MISSING_RANGE, ps.pos,
			    "missing range: expected \"start-stop[/step]\"");
	set_field(&ps, &range, &out->range);

	r = next_token(&ps, &lhs, 0);
	if (r < 0)
		return r;
	if (r == 0)
		return fail(&ps, ZL_GEN_E_MISSING_OWNER, ps.pos,
			    "missing owner after range \"%s\"",
			    tok_subject(&ps, &range));
	set_field(&ps, &lhs, &out->lhs);

	/* [class] [ttl] [class] type, as BIND reads them */
	r = next_token(&ps, &tk, 0);
	if (r < 0)
		return r;
	if (r == 1 &&
	    parse_class(text + tk.start, tk.end - tk.start, &out->class_value) ==
		    0) {
		have_class = 1;
		out->class_first = 1;
		set_field(&ps, &tk, &out->rrclass);
		r = next_token(&ps, &tk, 0);
		if (r < 0)
			return r;
	}
	if (r == 1 && is_digit(text[tk.start])) {
		if (parse_ttl(text + tk.start, tk.end - tk.start,
			      &out->ttl_value) != 0)
			return fail(&ps, ZL_GEN_E_BAD_TTL, tk.start,
				    "invalid ttl \"%s\"", tok_subject(&ps, &tk));
		set_field(&ps, &tk, &out->ttl);
		r = next_token(&ps, &tk, 0);
		if (r < 0)
			return r;
	}
	if (r == 1 && !have_class &&
	    parse_class(text + tk.start, tk.end - tk.start, &out->class_value) ==
		    0) {
		have_class = 1;
		set_field(&ps, &tk, &out->rrclass);
		r = next_token(&ps, &tk, 0);
		if (r < 0)
			return r;
	}
	if (r == 0)
		return fail(&ps, ZL_GEN_E_MISSING_TYPE, ps.pos,
			    "missing type after owner \"%s\"",
			    tok_subject(&ps, &lhs));
	if (is_digit(text[tk.start]))
		return fail(&ps, ZL_GEN_E_DUPLICATE_TTL, tk.start,
			    "unexpected second ttl \"%s\"",
			    tok_subject(&ps, &tk));
	{
		uint16_t dummy;

		if (have_class && !word_eq(text + tk.start, tk.end - tk.start,
					   "ANY") &&
		    parse_class(text + tk.start, tk.end - tk.start, &dummy) == 0)
			return fail(&ps, ZL_GEN_E_DUPLICATE_CLASS, tk.start,
				    "unexpected second class \"%s\"",
				    tok_subject(&ps, &tk));
	}
	set_field(&ps, &tk, &out->type);

	r = next_token(&ps, &rhs, 1);
	if (r < 0)
		return r;
	if (r == 0)
		return fail(&ps, ZL_GEN_E_MISSING_RDATA, ps.pos,
			    "missing rdata after type \"%s\"",
			    tok_subject(&ps, &tk));
	set_field(&ps, &rhs, &out->rhs);

	/* whatever follows is extra text, however malformed */
	r = next_token(&ps, &tk, 1);
	if (r != 0) {
		size_t at = r < 0 ? ps.pos : tk.start;

		while (at < len && is_space(text[at]))
			at++;
		return fail(&ps, ZL_GEN_E_EXTRA_TEXT, at,
			    "unexpected text \"%s\" after the rdata: quote "
			    "rdata that has spaces",
			    subject(arena, text + at, len - at));
	}

	r = parse_range(&ps, &range);
	if (r != 0)
		return r;
	r = compile(&ps, lhs.start, lhs.end, 0, &out->lhs_tpl);
	if (r != 0)
		return r;
	if (rhs.quoted)
		r = compile(&ps, rhs.start + 1, rhs.end - 1, 1, &out->rhs_tpl);
	else
		r = compile(&ps, rhs.start, rhs.end, 0, &out->rhs_tpl);
	if (r != 0)
		return r;

	bound = out->lhs_tpl.max_len + out->ttl.len + out->rrclass.len +
		out->type.len + out->rhs_tpl.max_len + 4;
	if (bound > ZL_GENERATE_MAX_LINE)
		return fail(&ps, ZL_GEN_E_LINE_TOO_LONG, 0,
			    "generated records may be longer than %u bytes",
			    ZL_GENERATE_MAX_LINE);
	return 0;
}

int
zl_generate_count(const zl_generate_t *g, uint64_t *out)
{
	if (g == NULL || out == NULL || g->step == 0 || g->start > g->stop)
		return ZL_EINVAL;
	*out = (uint64_t)(g->stop - g->start) / g->step + 1;
	return 0;
}

/* Format one substitution for iterator value v into out (>= 128 bytes). */
static size_t
format_value(const zl_gen_piece_t *pc, int32_t v, char *out, size_t cap)
{
	static const char lowhex[] = "0123456789abcdef";
	static const char uphex[] = "0123456789ABCDEF";
	uint32_t u = (uint32_t)v;
	const char *digits;
	size_t n = 0;
	int w;

	switch (pc->base) {
	case 'n':
	case 'N':
		digits = pc->base == 'N' ? uphex : lowhex;
		for (;;) {
			out[n++] = digits[u & 0xf];
			u >>= 4;
			if (u == 0 && n >= pc->width)
				break;
			out[n++] = '.';
			if (u == 0 && n >= pc->width)
				break;
		}
		return n;
	case 'o':
		w = snprintf(out, cap, "%0*" PRIo32, (int)pc->width, u);
		break;
	case 'x':
		w = snprintf(out, cap, "%0*" PRIx32, (int)pc->width, u);
		break;
	case 'X':
		w = snprintf(out, cap, "%0*" PRIX32, (int)pc->width, u);
		break;
	default:
		w = snprintf(out, cap, "%0*" PRId32, (int)pc->width, v);
		break;
	}
	return w < 0 ? 0 : (size_t)w;
}

typedef struct obuf {
	char *p;
	size_t len, cap; /* cap excludes the NUL */
} obuf_t;

static int
put(obuf_t *b, const char *s, size_t n)
{
	if (n > b->cap - b->len)
		return -1;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	return 0;
}

static int
put_template(obuf_t *b, const zl_gen_template_t *tpl, uint32_t it)
{
	char num[ZL_GENERATE_MAX_WIDTH + NATURAL_MAX + 2];
	size_t k, n;

	for (k = 0; k < tpl->npieces; k++) {
		const zl_gen_piece_t *pc = &tpl->pieces[k];

		if (put(b, pc->lit, pc->lit_len) != 0)
			return -1;
		if (!pc->subst)
			continue;
		n = format_value(pc, (int32_t)((int64_t)it + pc->offset), num,
				 sizeof(num));
		if (put(b, num, n) != 0)
			return -1;
	}
	return 0;
}

static int
put_field(obuf_t *b, const zl_gen_field_t *f)
{
	if (f->text == NULL)
		return 0;
	if (put(b, " ", 1) != 0)
		return -1;
	return put(b, f->text, f->len);
}

int
zl_generate_expand(const zl_generate_t *g,
		   int (*emit)(void *ctx, const char *line, size_t len),
		   void *ctx)
{
	obuf_t b;
	uint64_t it;
	size_t bound;
	int r = 0;

	if (g == NULL || emit == NULL || g->step == 0 || g->start > g->stop ||
	    g->lhs_tpl.pieces == NULL || g->rhs_tpl.pieces == NULL)
		return ZL_EINVAL;
	bound = g->lhs_tpl.max_len + g->ttl.len + g->rrclass.len +
		g->type.len + g->rhs_tpl.max_len + 4;
	if (bound > ZL_GENERATE_MAX_LINE)
		bound = ZL_GENERATE_MAX_LINE;
	b.p = zl_xmalloc(bound + 1);
	b.cap = bound;
	for (it = g->start; it <= g->stop; it += g->step) {
		size_t mark;

		b.len = 0;
		if (put_template(&b, &g->lhs_tpl, (uint32_t)it) != 0)
			goto too_long;
		if (g->class_first) {
			if (put_field(&b, &g->rrclass) != 0 ||
			    put_field(&b, &g->ttl) != 0)
				goto too_long;
		} else {
			if (put_field(&b, &g->ttl) != 0 ||
			    put_field(&b, &g->rrclass) != 0)
				goto too_long;
		}
		if (put_field(&b, &g->type) != 0 || put(&b, " ", 1) != 0)
			goto too_long;
		mark = b.len;
		if (put_template(&b, &g->rhs_tpl, (uint32_t)it) != 0)
			goto too_long;
		if (b.len == mark)
			b.len--; /* empty rdata: no trailing space */
		b.p[b.len] = '\0';
		r = emit(ctx, b.p, b.len);
		if (r != 0)
			break;
	}
	free(b.p);
	return r;

too_long:
	free(b.p);
	return ZL_ELIMIT;
}
