/* zonelint: SPF record parser (RFC 7208), text in, terms and positioned errors out.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#if !defined(_POSIX_C_SOURCE) || _POSIX_C_SOURCE < 200112L
#undef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200112L /* inet_pton */
#endif

#include "spf.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>

#include "common.h"

/* How many input bytes a message quotes before it elides with "...". */
#define QUOTE_MAX 64u

/* Largest value a transformer DIGIT run saturates at (no overflow). */
#define DIGITS_CAP 100000u

static const char *const code_names[] = {
#define X_NAME(id, name, cls) name,
	ZL_SPF_CODES(X_NAME)
#undef X_NAME
};

static const zl_spf_class_t code_classes[] = {
#define X_CLASS(id, name, cls) ZL_SPF_CLASS_##cls,
	ZL_SPF_CODES(X_CLASS)
#undef X_CLASS
};

static const char *const kind_names[] = {
	[ZL_SPF_INVALID] = "invalid",
	[ZL_SPF_ALL] = "all",
	[ZL_SPF_INCLUDE] = "include",
	[ZL_SPF_A] = "a",
	[ZL_SPF_MX] = "mx",
	[ZL_SPF_PTR] = "ptr",
	[ZL_SPF_IP4] = "ip4",
	[ZL_SPF_IP6] = "ip6",
	[ZL_SPF_EXISTS] = "exists",
	[ZL_SPF_REDIRECT] = "redirect",
	[ZL_SPF_EXP] = "exp",
	[ZL_SPF_UNKNOWN_MOD] = "unknown-modifier",
};

_Static_assert(ZL_ARRAY_SIZE(code_names) == ZL_SPF_CODE_COUNT, "code names");
_Static_assert(ZL_ARRAY_SIZE(kind_names) == ZL_SPF_KIND_COUNT, "kind names");

const char *zl_spf_code_name(zl_spf_code_t code)
{
	if ((unsigned)code >= ZL_SPF_CODE_COUNT)
		return "unknown";
	return code_names[code];
}

zl_spf_class_t zl_spf_code_class(zl_spf_code_t code)
{
	if ((unsigned)code >= ZL_SPF_CODE_COUNT)
		return ZL_SPF_CLASS_NONE;
	return code_classes[code];
}

const char *zl_spf_kind_name(zl_spf_kind_t kind)
{
	if ((unsigned)kind >= ZL_SPF_KIND_COUNT)
		return "invalid";
	return kind_names[kind];
}

/* ---- character classes (ASCII only, locale independent) ---- */

static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(unsigned char c)
{
	return is_alpha(c) || is_digit(c);
}

/* VCHAR, RFC 5234 B.1: the only bytes the SPF grammar allows inside a term */
static bool is_vchar(unsigned char c)
{
	return c >= 0x21 && c <= 0x7e;
}

static unsigned char lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

static bool is_qualifier(unsigned char c)
{
	return c == '+' || c == '-' || c == '~' || c == '?';
}

/* case-insensitive compare of (s, n) with a lower-case literal */
static bool eq_nocase(const char *s, size_t n, const char *lit)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (lit[i] == '\0' || lower((unsigned char)s[i]) != (unsigned char)lit[i])
			return false;
	}
	return lit[n] == '\0';
}

/* ---- escaping ---- */

/* Is @p c written as it is by zl_spf_escape()? */
static inline bool escape_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '\\' && c != '"';
}

size_t zl_spf_escape(char *dst, size_t size, const char *src, size_t len)
{
	size_t need = 0, used = 0, i;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)src[i];
		if (escape_plain(c)) {
			/* a run written as it is, as far as it fits */
			size_t j = i + 1;
			while (j < len && escape_plain((unsigned char)src[j]))
				j++;
			size_t n = j - i;
			if (size > 0 && used == need && used + 1 < size) {
				size_t k = n < size - 1 - used ? n : size - 1 - used;
				memcpy(dst + used, src + i, k);
				used += k;
			}
			need += n;
			i = j - 1;
			continue;
		}
		char tmp[4];
		size_t n;
		if (c < 0x20 || c >= 0x7f) {
			tmp[0] = '\\';
			tmp[1] = (char)('0' + c / 100);
			tmp[2] = (char)('0' + (c / 10) % 10);
			tmp[3] = (char)('0' + c % 10);
			n = 4;
		} else if (c == '\\' || c == '"') {
			tmp[0] = '\\';
			tmp[1] = (char)c;
			n = 2;
		} else {
			tmp[0] = (char)c;
			n = 1;
		}
		/* copy whole sequences only, and only while they all fit */
		if (size > 0 && used == need && used + n < size) {
			memcpy(dst + used, tmp, n);
			used += n;
		}
		need += n;
	}
	if (size > 0)
		dst[used] = '\0';
	return need;
}

/* Escaped copy of at most max input bytes (0: all), "..." if cut. */
static char *escape_dup(zl_arena_t *arena, const char *src, size_t len, size_t max)
{
	bool cut = max > 0 && len > max;
	size_t n = cut ? max : len;
	size_t need = zl_spf_escape(NULL, 0, src, n);
	char *out = zl_arena_alloc(arena, need + (cut ? 3 : 0) + 1);
	zl_spf_escape(out, need + 1, src, n);
	if (cut)
		memcpy(out + need, "...", 4);
	return out;
}

char *zl_spf_term_str(const zl_spf_record_t *rec, size_t index, size_t max,
		      zl_arena_t *arena)
{
	if (!arena)
		return NULL;
	if (!rec || index >= rec->n_terms)
		return zl_arena_strdup(arena, "");
	const zl_spf_term_t *t = &rec->terms[index];
	return escape_dup(arena, rec->text + t->offset, t->len, max);
}

/* ---- macro-string and domain-spec validation, RFC 7208 7.1 ---- */

/* Per-label bookkeeping for the DNS limits (see spf.h). */
typedef struct label_state {
	size_t start;       /* offset where the current label started */
	size_t len;         /* octets of literal text in it */
	bool variable;      /* it holds a "%{...}" */
	size_t wire;        /* wire length of the finished labels */
	zl_spf_code_t code; /* first label problem, or OK */
	size_t offset;
} label_state_t;

static void label_end(label_state_t *ls, size_t at)
{
	if (!ls->variable && ls->code == ZL_SPF_OK) {
		if (ls->len == 0) {
			ls->code = ZL_SPF_E_EMPTY_LABEL;
			ls->offset = at;
		} else if (ls->len > 63) {
			ls->code = ZL_SPF_E_LABEL_TOO_LONG;
			ls->offset = ls->start;
		}
	}
	ls->wire += ls->len + 1;
}

/* The result of scanning a macro-string. */
typedef struct scan {
	zl_spf_code_t code;   /* first macro or character error */
	size_t offset;
	unsigned n_macros;
	uint32_t letters;
	size_t tail;          /* start of the literal text after the last macro */
	bool ends_in_macro;   /* the last token is a macro-expand */
	label_state_t labels;
} scan_t;

static void scan_error(scan_t *sc, zl_spf_code_t code, size_t at)
{
	if (sc->code == ZL_SPF_OK) {
		sc->code = code;
		sc->offset = at;
	}
}

/*
 * Parse one "%{" macro-letter transformers *delimiter "}" starting at s[i]
 * == '%', s[i + 1] == '{'.  Returns the offset after it, or 0 with the
 * error recorded.  macro-letter and "r" are case-insensitive (RFC 5234 2.3).
 */
static size_t scan_braces(scan_t *sc, const char *s, size_t len, size_t i,
			  unsigned flags)
{
	size_t j = i + 2;
	if (j >= len) {
		scan_error(sc, ZL_SPF_E_MACRO_UNTERMINATED, i);
		return 0;
	}
	unsigned char letter = lower((unsigned char)s[j]);
	if (!strchr("slodiphcrtv", letter) || letter == '\0') {
		scan_error(sc, ZL_SPF_E_MACRO_LETTER, j);
		return 0;
	}
	if (strchr("crt", letter) && !(flags & ZL_SPF_MACRO_EXP_LETTERS)) {
		scan_error(sc, ZL_SPF_E_MACRO_EXP_ONLY, j);
		return 0;
	}
	j++;
	/* transformers = *DIGIT [ "r" ]; a DIGIT MUST be nonzero (7.3) */
	size_t digits_at = j;
	unsigned value = 0;
	while (j < len && is_digit((unsigned char)s[j])) {
		if (value < DIGITS_CAP)
			value = value * 10 + (unsigned)(s[j] - '0');
		j++;
	}
	if (j > digits_at && value == 0) {
		scan_error(sc, ZL_SPF_E_MACRO_ZERO_DIGIT, digits_at);
		return 0;
	}
	if (j < len && lower((unsigned char)s[j]) == 'r')
		j++;
	/* *delimiter */
	while (j < len && strchr(".-+,/_=", s[j]) && s[j] != '\0')
		j++;
	if (j < len && s[j] == '}') {
		sc->letters |= (uint32_t)1 << (letter - 'a');
		return j + 1;
	}
	/* something else: a bad transformer, or no "}" at all */
	if (j < len && memchr(s + j, '}', len - j))
		scan_error(sc, ZL_SPF_E_MACRO_TRANSFORMER, j);
	else
		scan_error(sc, ZL_SPF_E_MACRO_UNTERMINATED, i);
	return 0;
}

/*
 * Scan a macro-string (or, with ZL_SPF_MACRO_SPACES, an explain-string):
 * validate every macro-expand and byte, track labels separated by literal
 * ".", and remember where the trailing literal text starts.  Stops at the
 * first macro or byte error.
 */
static void scan_macro_string(scan_t *sc, const char *s, size_t len, unsigned flags)
{
	size_t i = 0;
	memset(sc, 0, sizeof(*sc));
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			size_t next;
			if (i + 1 >= len) {
				scan_error(sc, ZL_SPF_E_MACRO_ESCAPE, i);
				return;
			}
			switch (s[i + 1]) {
			case '%':
			case '_':
				sc->labels.len += 1;
				next = i + 2;
				break;
			case '-':
				sc->labels.len += 3; /* "%20" */
				next = i + 2;
				break;
			case '{':
				next = scan_braces(sc, s, len, i, flags);
				if (!next)
					return;
				sc->n_macros++;
				sc->labels.variable = true;
				break;
			default:
				scan_error(sc, ZL_SPF_E_MACRO_ESCAPE, i);
				return;
			}
			i = next;
			sc->tail = i;
			sc->ends_in_macro = true;
			continue;
		}
		if (!is_vchar(c) && !(c == ' ' && (flags & ZL_SPF_MACRO_SPACES))) {
			scan_error(sc, ZL_SPF_E_BAD_CHAR, i);
			return;
		}
		sc->ends_in_macro = false;
		if (c == '.') {
			label_end(&sc->labels, i);
			sc->labels.start = i + 1;
			sc->labels.len = 0;
			sc->labels.variable = false;
		} else {
			sc->labels.len++;
		}
		i++;
	}
}

/*
 * toplabel = ( *alphanum ALPHA *alphanum ) /
 *            ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
 * i.e. LDH, not starting or ending with "-", and not all digits.
 */
static zl_spf_code_t check_toplabel(const char *s, size_t len, size_t *bad)
{
	bool alpha = false, hyphen = false;
	size_t i;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_alpha(c)) {
			alpha = true;
		} else if (c == '-') {
			hyphen = true;
		} else if (!is_digit(c)) {
			*bad = i;
			return ZL_SPF_E_TOPLABEL_SYNTAX;
		}
	}
	if (s[0] == '-') {
		*bad = 0;
		return ZL_SPF_E_TOPLABEL_SYNTAX;
	}
	if (s[len - 1] == '-') {
		*bad = len - 1;
		return ZL_SPF_E_TOPLABEL_SYNTAX;
	}
	if (!alpha && !hyphen) {
		*bad = 0;
		return ZL_SPF_E_TOPLABEL_NUMERIC;
	}
	return ZL_SPF_OK;
}

/*
 * domain-spec = macro-string domain-end
 * domain-end  = ( "." toplabel [ "." ] ) / macro-expand
 * Fills *sc; returns the first error (macro errors, then domain-end, then
 * the DNS label limits) with its offset in *at.
 */
static zl_spf_code_t check_domain(scan_t *sc, const char *s, size_t len, size_t *at)
{
	if (len == 0) {
		memset(sc, 0, sizeof(*sc));
		*at = 0;
		return ZL_SPF_E_EMPTY_DOMAIN;
	}
	scan_macro_string(sc, s, len, 0);
	if (sc->code != ZL_SPF_OK) {
		*at = sc->offset;
		return sc->code;
	}
	if (!sc->ends_in_macro) {
		/* literal tail: [text] "." toplabel [ "." ] */
		size_t end = len;
		if (s[end - 1] == '.')
			end--;
		size_t dot = end;
		while (dot > sc->tail && s[dot - 1] != '.')
			dot--;
		if (dot == sc->tail) {
			/* no literal "." in the tail: "example", "%{d}x", "." */
			*at = sc->tail;
			return ZL_SPF_E_DOMAIN_END;
		}
		if (dot == end) {
			/* empty toplabel: "example.." (end is the last ".") */
			*at = end;
			return ZL_SPF_E_DOMAIN_END;
		}
		size_t bad = 0;
		zl_spf_code_t c = check_toplabel(s + dot, end - dot, &bad);
		if (c != ZL_SPF_OK) {
			*at = dot + bad;
			return c;
		}
	}
	/* close the last label; a trailing "." leaves an empty one, allowed */
	label_state_t *ls = &sc->labels;
	if (s[len - 1] != '.' || sc->ends_in_macro)
		label_end(ls, len);
	if (ls->code != ZL_SPF_OK) {
		*at = ls->offset;
		return ls->code;
	}
	if (sc->n_macros == 0 && ls->wire + 1 > 255) {
		*at = 0;
		return ZL_SPF_E_NAME_TOO_LONG;
	}
	return ZL_SPF_OK;
}

static void fill_info(zl_spf_macro_info_t *info, zl_spf_code_t code, size_t at,
		      const scan_t *sc)
{
	if (!info)
		return;
	info->code = code;
	info->offset = code == ZL_SPF_OK ? 0 : at;
	info->n_macros = sc->n_macros;
	info->letters = sc->letters;
}

int zl_spf_macro_validate(const char *text, size_t len, unsigned flags,
			  zl_spf_macro_info_t *info)
{
	scan_t sc;
	if (info)
		memset(info, 0, sizeof(*info));
	if (!text && len > 0)
		return ZL_EINVAL;
	scan_macro_string(&sc, text, len, flags);
	fill_info(info, sc.code, sc.offset, &sc);
	return (int)sc.code;
}

int zl_spf_domain_validate(const char *text, size_t len, zl_spf_macro_info_t *info)
{
	scan_t sc;
	size_t at = 0;
	if (info)
		memset(info, 0, sizeof(*info));
	if (!text && len > 0)
		return ZL_EINVAL;
	zl_spf_code_t code = check_domain(&sc, text, len, &at);
	fill_info(info, code, at, &sc);
	return (int)code;
}

/* ---- record parser ---- */

typedef struct parser {
	zl_spf_record_t *rec;
	zl_arena_t *arena;
	const char *s;    /* arena copy of the text */
	size_t len;
	size_t err_cap;
	size_t term;      /* index of the term being parsed */
	bool term_failed; /* the current term already has its syntax error */
} parser_t;

/* Quote (s + off, n) for a message: escaped, elided after QUOTE_MAX. */
static const char *q(parser_t *p, size_t off, size_t n)
{
	return escape_dup(p->arena, p->s + off, n, QUOTE_MAX);
}

static void add_diag(parser_t *p, zl_spf_code_t code, ptrdiff_t term, size_t offset,
		     const char *msg)
{
	zl_spf_record_t *rec = p->rec;
	zl_spf_diag_t *d;
	if (zl_spf_code_class(code) == ZL_SPF_CLASS_WARNING) {
		/* one warning per record at most (trailing space) */
		if (rec->n_warnings >= 1)
			return;
		d = &rec->warnings[rec->n_warnings++];
	} else {
		if (rec->n_errors >= p->err_cap)
			return; /* cannot happen: capacity is 2 per term + 2 */
		d = &rec->errors[rec->n_errors++];
	}
	d->code = code;
	d->term = term;
	d->offset = offset > p->len ? p->len : offset;
	d->message = msg;
}

/* Record the syntax error of the current term (only the first one counts). */
static void term_error(parser_t *p, zl_spf_code_t code, size_t offset, const char *msg)
{
	if (p->term_failed)
		return;
	p->term_failed = true;
	p->rec->terms[p->term].valid = false;
	add_diag(p, code, (ptrdiff_t)p->term, offset, msg);
}

static const char *domain_message(parser_t *p, zl_spf_code_t code, size_t spec_off,
				  size_t spec_len, size_t at)
{
	const char *spec = q(p, spec_off, spec_len);
	zl_arena_t *a = p->arena;
	unsigned char c = at < spec_len ? (unsigned char)p->s[spec_off + at] : 0;
	char cq[8];
	zl_spf_escape(cq, sizeof(cq), (const char *)&c, 1);
	switch (code) {
	case ZL_SPF_E_EMPTY_DOMAIN:
		return zl_arena_printf(a, "empty domain-spec");
	case ZL_SPF_E_BAD_CHAR:
		return zl_arena_printf(a, "invalid byte '%s' in \"%s\"", cq, spec);
	case ZL_SPF_E_MACRO_ESCAPE:
		return zl_arena_printf(a, "percent sign not followed by '{', '%%', '_' or '-'"
				       " in \"%s\"",
				       spec);
	case ZL_SPF_E_MACRO_UNTERMINATED:
		return zl_arena_printf(a, "unterminated macro in \"%s\"", spec);
	case ZL_SPF_E_MACRO_LETTER:
		return zl_arena_printf(a, "unknown macro letter '%s' in \"%s\"", cq, spec);
	case ZL_SPF_E_MACRO_EXP_ONLY:
		return zl_arena_printf(a, "macro letter '%s' allowed only in explanation text"
				       " in \"%s\"", cq, spec);
	case ZL_SPF_E_MACRO_TRANSFORMER:
		return zl_arena_printf(a, "invalid macro transformer '%s' in \"%s\"", cq, spec);
	case ZL_SPF_E_MACRO_ZERO_DIGIT:
		return zl_arena_printf(a, "macro digit transformer must be nonzero in \"%s\"",
				       spec);
	case ZL_SPF_E_DOMAIN_END:
		return zl_arena_printf(a, "domain-spec \"%s\" does not end in a macro or"
				       " '.' toplabel", spec);
	case ZL_SPF_E_TOPLABEL_SYNTAX:
		return zl_arena_printf(a, "invalid top label in domain-spec \"%s\"", spec);
	case ZL_SPF_E_TOPLABEL_NUMERIC:
		return zl_arena_printf(a, "all-numeric top label in domain-spec \"%s\"", spec);
	case ZL_SPF_E_EMPTY_LABEL:
		return zl_arena_printf(a, "empty label in domain-spec \"%s\"", spec);
	case ZL_SPF_E_LABEL_TOO_LONG:
		return zl_arena_printf(a, "label over 63 octets in domain-spec \"%s\"", spec);
	case ZL_SPF_E_NAME_TOO_LONG:
		return zl_arena_printf(a, "domain-spec \"%s\" over 255 octets", spec);
	default:
		return zl_arena_printf(a, "invalid domain-spec \"%s\"", spec);
	}
}

static void fill_spec(zl_spf_spec_t *sp, const parser_t *p, size_t off, size_t len,
		      const scan_t *sc)
{
	sp->text = p->s + off;
	sp->len = len;
	sp->offset = off;
	sp->present = true;
	sp->empty = len == 0;
	sp->has_macro = sc->n_macros > 0;
	sp->trailing_dot = len > 0 && p->s[off + len - 1] == '.';
	sp->letters = sc->letters;
}

/*
 * A trailing dual-cidr-length of s[off, end): "//" *DIGIT at the very end is
 * the ip6 part, "/" *DIGIT before it the ip4 part.  Digits may be absent
 * here; parse_cidr_digits() reports that.
 */
typedef struct cidr_split {
	size_t dend;  /* end of the text before the cidr */
	bool has4, has6;
	size_t v4, v4n, v6, v6n; /* offsets and lengths of the digit runs */
} cidr_split_t;

static void split_dual_cidr(const char *s, size_t off, size_t end, cidr_split_t *cs)
{
	size_t i = end;
	memset(cs, 0, sizeof(*cs));
	cs->dend = end;
	while (i > off && is_digit((unsigned char)s[i - 1]))
		i--;
	if (i >= off + 2 && s[i - 1] == '/' && s[i - 2] == '/') {
		cs->has6 = true;
		cs->v6 = i;
		cs->v6n = cs->dend - i;
		cs->dend = i - 2;
	}
	i = cs->dend;
	while (i > off && is_digit((unsigned char)s[i - 1]))
		i--;
	if (i >= off + 1 && s[i - 1] == '/') {
		cs->has4 = true;
		cs->v4 = i;
		cs->v4n = cs->dend - i;
		cs->dend = i - 1;
	}
}

/*
 * Check a domain-spec at p->s[off, off + len) and store it in *sp.  When it
 * is invalid and cidr_bad is set (the term takes no cidr) but it would be
 * valid without a trailing "/N", report E_CIDR_NOT_ALLOWED instead: same
 * verdict, clearer message.
 */
static void parse_domain(parser_t *p, zl_spf_spec_t *sp, size_t off, size_t len,
			 bool cidr_bad, const char *what)
{
	scan_t sc;
	size_t at = 0;
	zl_spf_code_t code = check_domain(&sc, p->s + off, len, &at);
	fill_spec(sp, p, off, len, &sc);
	if (code == ZL_SPF_OK)
		return;
	if (cidr_bad && zl_spf_code_class(code) == ZL_SPF_CLASS_PERMERROR) {
		cidr_split_t cs;
		split_dual_cidr(p->s, off, off + len, &cs);
		size_t n = off + len - cs.dend;
		scan_t sc2;
		size_t at2;
		if (n > 0 && n < len &&
		    check_domain(&sc2, p->s + off, len - n, &at2) == ZL_SPF_OK) {
			term_error(p, ZL_SPF_E_CIDR_NOT_ALLOWED, off + len - n,
				   zl_arena_printf(p->arena, "cidr length \"%s\" not"
						   " allowed on '%s'",
						   q(p, off + len - n, n), what));
			return;
		}
	}
	term_error(p, code, off + at, domain_message(p, code, off, len, at));
}

/*
 * Parse the digits of a cidr length at s[off, off + n) (no "/"), with
 * max 32 or 128 (RFC 7208 5.6: no leading zeros, "0" allowed).
 */
static bool parse_cidr_digits(parser_t *p, size_t off, size_t n, unsigned max,
			      size_t slash, uint8_t *out)
{
	const char *s = p->s + off;
	size_t i;
	unsigned v = 0;
	if (n == 0) {
		term_error(p, ZL_SPF_E_CIDR_EMPTY, slash,
			   zl_arena_printf(p->arena, "empty cidr length after '/'"));
		return false;
	}
	for (i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i])) {
			term_error(p, ZL_SPF_E_CIDR_SYNTAX, off + i,
				   zl_arena_printf(p->arena, "invalid cidr length \"%s\"",
						   q(p, slash, off + n - slash)));
			return false;
		}
		if (v <= 1000)
			v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (n > 1 && s[0] == '0') {
		term_error(p, ZL_SPF_E_CIDR_LEADING_ZERO, off,
			   zl_arena_printf(p->arena, "leading zero in cidr length \"%s\"",
					   q(p, off, n)));
		return false;
	}
	if (v > max) {
		term_error(p, max == 32 ? ZL_SPF_E_IP4_CIDR_RANGE : ZL_SPF_E_IP6_CIDR_RANGE,
			   off, zl_arena_printf(p->arena, "%s cidr length \"%s\" over %u",
						max == 32 ? "ip4" : "ip6", q(p, off, n), max));
		return false;
	}
	*out = (uint8_t)v;
	return true;
}

/*
 * a / mx: [ ":" domain-spec ] [ dual-cidr-length ] in rest = s[off, end).
 * dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ]
 * The cidr is taken from the end of the term (see spf.h).
 */
static void parse_a_mx(parser_t *p, zl_spf_term_t *t, size_t off, size_t end)
{
	cidr_split_t cs;
	split_dual_cidr(p->s, off, end, &cs);
	if (cs.dend > off) {
		if (p->s[off] != ':') {
			/* e.g. "a/24/64": text left between name and cidr */
			term_error(p, ZL_SPF_E_CIDR_SYNTAX, off,
				   zl_arena_printf(p->arena, "invalid cidr length \"%s\"",
						   q(p, off, end - off)));
			return;
		}
		parse_domain(p, &t->domain, off + 1, cs.dend - off - 1, false,
			     zl_spf_kind_name(t->kind));
		if (p->term_failed)
			return;
	}
	if (cs.has4) {
		if (!parse_cidr_digits(p, cs.v4, cs.v4n, 32, cs.v4 - 1, &t->cidr.ip4))
			return;
		t->cidr.ip4_present = true;
	}
	if (cs.has6) {
		if (!parse_cidr_digits(p, cs.v6, cs.v6n, 128, cs.v6 - 2, &t->cidr.ip6))
			return;
		t->cidr.ip6_present = true;
	}
}

/*
 * ip4-network = qnum "." qnum "." qnum "." qnum (RFC 7208 5.6)
 * qnum = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT / "25" %x30-35
 */
static bool parse_ip4(parser_t *p, size_t off, size_t n, uint8_t out[4])
{
	const char *s = p->s + off;
	size_t i = 0;
	int part;
	const char *why = NULL;
	for (part = 0; part < 4 && !why; part++) {
		size_t start = i;
		unsigned v = 0;
		if (part > 0) {
			if (i >= n || s[i] != '.') {
				why = "not a dotted quad";
				break;
			}
			start = ++i;
		}
		while (i < n && is_digit((unsigned char)s[i]) && i - start < 4) {
			v = v * 10 + (unsigned)(s[i] - '0');
			i++;
		}
		if (i == start)
			why = "not a dotted quad";
		else if (i - start > 1 && s[start] == '0')
			why = "leading zero in octet";
		else if (i - start > 3 || v > 255)
			why = "octet over 255";
		else
			out[part] = (uint8_t)v;
	}
	if (!why && i != n)
		why = "not a dotted quad";
	if (why) {
		if (n == 0)
			term_error(p, ZL_SPF_E_IP4_ADDRESS, off,
				   zl_arena_printf(p->arena, "empty ip4 address"));
		else
			term_error(p, ZL_SPF_E_IP4_ADDRESS, off,
				   zl_arena_printf(p->arena, "invalid ip4 address \"%s\": %s",
						   q(p, off, n), why));
		return false;
	}
	return true;
}

/* ip6-network: RFC 4291 2.2, as inet_pton() reads it (no zone index). */
static bool parse_ip6(parser_t *p, size_t off, size_t n, uint8_t out[16])
{
	char buf[64];
	size_t i;
	bool ok = n > 0 && n < sizeof(buf);
	for (i = 0; ok && i < n; i++) {
		unsigned char c = (unsigned char)p->s[off + i];
		/* inet_pton takes only these; reject anything else (NUL too) */
		if (!(is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'f') ||
		      c == ':' || c == '.'))
			ok = false;
	}
	if (ok) {
		memcpy(buf, p->s + off, n);
		buf[n] = '\0';
		ok = inet_pton(AF_INET6, buf, out) == 1;
	}
	if (!ok) {
		if (n == 0)
			term_error(p, ZL_SPF_E_IP6_ADDRESS, off,
				   zl_arena_printf(p->arena, "empty ip6 address"));
		else
			term_error(p, ZL_SPF_E_IP6_ADDRESS, off,
				   zl_arena_printf(p->arena, "invalid ip6 address \"%s\"",
						   q(p, off, n)));
	}
	return ok;
}

/*
 * ip4 = "ip4" ":" ip4-network [ ip4-cidr-length ]
 * ip6 = "ip6" ":" ip6-network [ ip6-cidr-length ]
 * The network holds no "/", so the cidr starts at the first "/".
 */
static void parse_ip(parser_t *p, zl_spf_term_t *t, size_t off, size_t end)
{
	const char *s = p->s;
	bool v6 = t->kind == ZL_SPF_IP6;
	const char *name = v6 ? "ip6" : "ip4";
	size_t net = off + 1, slash = net;

	t->prefix = v6 ? 128 : 32;
	if (off >= end || s[off] != ':') {
		term_error(p, ZL_SPF_E_MISSING_ARGUMENT, off,
			   zl_arena_printf(p->arena, "missing ':' and address after '%s'",
					   name));
		return;
	}
	while (slash < end && s[slash] != '/')
		slash++;
	uint8_t bytes[16] = { 0 };
	if (v6 ? !parse_ip6(p, net, slash - net, bytes) : !parse_ip4(p, net, slash - net, bytes))
		return;
	if (slash < end) {
		/*
		 * Only "/" *DIGIT may follow.  "//N" or "/N//M" is a dual cidr,
		 * which only a and mx take; any other "/" is garbage.
		 */
		size_t d = slash + 1, e = d;
		while (e < end && s[e] != '/')
			e++;
		if (e < end) {
			/* "//" at e (e == d: "//N"; else "/N//M"), then no "/" */
			size_t m = e + 1;
			bool dual = e == d || (m < end && s[m] == '/');
			if (e != d)
				m++;
			for (; dual && m < end; m++)
				dual = s[m] != '/';
			if (dual)
				term_error(p, ZL_SPF_E_CIDR_NOT_ALLOWED, slash,
					   zl_arena_printf(p->arena, "dual cidr length \"%s\""
							   " not allowed on '%s'",
							   q(p, slash, end - slash), name));
			else
				term_error(p, ZL_SPF_E_CIDR_SYNTAX, e,
					   zl_arena_printf(p->arena, "invalid cidr length \"%s\"",
							   q(p, slash, end - slash)));
			return;
		}
		uint8_t v = 0;
		if (!parse_cidr_digits(p, d, end - d, v6 ? 128 : 32, slash, &v))
			return;
		t->prefix = v;
		t->prefix_present = true;
	}
	t->addr.family = v6 ? ZL_SPF_AF_INET6 : ZL_SPF_AF_INET4;
	memcpy(t->addr.bytes, bytes, sizeof(bytes));
}

static bool only_qualifiers(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (!is_qualifier((unsigned char)s[i]))
			return false;
	}
	return true;
}

/* Known mechanism names, RFC 7208 5. */
static zl_spf_kind_t mechanism_kind(const char *s, size_t n)
{
	static const struct {
		const char *name;
		zl_spf_kind_t kind;
	} tab[] = {
		{ "all", ZL_SPF_ALL },       { "include", ZL_SPF_INCLUDE },
		{ "a", ZL_SPF_A },           { "mx", ZL_SPF_MX },
		{ "ptr", ZL_SPF_PTR },       { "ip4", ZL_SPF_IP4 },
		{ "ip6", ZL_SPF_IP6 },       { "exists", ZL_SPF_EXISTS },
	};
	if (n == 0)
		return ZL_SPF_INVALID;
	unsigned char first = (unsigned char)lower((unsigned char)s[0]);
	for (size_t i = 0; i < ZL_ARRAY_SIZE(tab); i++) /* the first letter rules out most */
		if ((unsigned char)tab[i].name[0] == first && eq_nocase(s, n, tab[i].name))
			return tab[i].kind;
	return ZL_SPF_INVALID;
}

/* modifier = redirect / explanation / unknown-modifier (RFC 7208 6) */
static void parse_modifier(parser_t *p, zl_spf_term_t *t, size_t name_off,
			   size_t name_len, size_t end, size_t *n_redirect, size_t *n_exp)
{
	size_t v = name_off + name_len + 1; /* after "=" */
	t->name = p->s + name_off;
	t->name_len = name_len;
	if (eq_nocase(p->s + name_off, name_len, "redirect"))
		t->kind = ZL_SPF_REDIRECT;
	else if (eq_nocase(p->s + name_off, name_len, "exp"))
		t->kind = ZL_SPF_EXP;
	else
		t->kind = ZL_SPF_UNKNOWN_MOD;

	scan_t sc;
	memset(&sc, 0, sizeof(sc));
	fill_spec(&t->value, p, v, end - v, &sc);

	if (t->qualifier_explicit) {
		term_error(p, ZL_SPF_E_MODIFIER_QUALIFIER, t->offset,
			   zl_arena_printf(p->arena, "qualifier '%c' before modifier \"%s\"",
					   t->qualifier, q(p, name_off, name_len)));
		return;
	}
	if (t->kind == ZL_SPF_UNKNOWN_MOD) {
		/* unknown-modifier = name "=" macro-string: still validated */
		scan_macro_string(&sc, p->s + v, end - v, 0);
		fill_spec(&t->value, p, v, end - v, &sc);
		if (sc.code != ZL_SPF_OK)
			term_error(p, sc.code, v + sc.offset,
				   domain_message(p, sc.code, v, end - v, sc.offset));
		return;
	}
	/* RFC 7208 6: each MUST NOT appear more than once */
	size_t *count = t->kind == ZL_SPF_REDIRECT ? n_redirect : n_exp;
	if (++*count > 1) {
		p->rec->terms[p->term].valid = false;
		add_diag(p, ZL_SPF_E_DUPLICATE_MODIFIER, (ptrdiff_t)p->term, t->offset,
			 zl_arena_printf(p->arena, "duplicate modifier \"%s=\"",
					 q(p, name_off, name_len)));
	}
	parse_domain(p, &t->domain, v, end - v, true, zl_spf_kind_name(t->kind));
	t->value = t->domain;
}

/* Parse one term s[off, end), no SP inside. */
static void parse_term(parser_t *p, size_t off, size_t end, size_t *n_redirect,
		       size_t *n_exp)
{
	const char *s = p->s;
	zl_spf_term_t *t = &p->rec->terms[p->term];
	size_t i;

	memset(t, 0, sizeof(*t));
	t->offset = off;
	t->len = end - off;
	t->qualifier = '+';
	t->valid = true;
	t->cidr.ip4 = 32;
	t->cidr.ip6 = 128;
	p->term_failed = false;

	size_t b = off; /* after the qualifier */
	if (is_qualifier((unsigned char)s[b])) {
		t->qualifier = s[b];
		t->qualifier_explicit = true;
		b++;
	}

	/* every byte of a term must be VCHAR (4.6.1, 7.1) */
	for (i = off; i < end; i++) {
		if (!is_vchar((unsigned char)s[i])) {
			char cq[8];
			zl_spf_escape(cq, sizeof(cq), s + i, 1);
			term_error(p, ZL_SPF_E_BAD_CHAR, i,
				   zl_arena_printf(p->arena, "invalid byte '%s' in term \"%s\"",
						   cq, q(p, off, end - off)));
			return;
		}
	}

	/* modifier: name "=" ... with name = ALPHA *( ALPHA / DIGIT / - _ . ) */
	i = b;
	if (i < end && is_alpha((unsigned char)s[i])) {
		i++;
		while (i < end && (is_alnum((unsigned char)s[i]) || s[i] == '-' ||
				   s[i] == '_' || s[i] == '.'))
			i++;
		if (i < end && s[i] == '=') {
			parse_modifier(p, t, b, i - b, end, n_redirect, n_exp);
			return;
		}
	}

	/* the name token runs to the first ":" or "/" */
	size_t n = b;
	while (n < end && s[n] != ':' && s[n] != '/')
		n++;
	t->name = s + b;
	t->name_len = n - b;
	t->kind = mechanism_kind(s + b, n - b);

	if (t->kind == ZL_SPF_INVALID) {
		const char *eq = memchr(s + b, '=', n - b);
		if (eq == s + b) {
			term_error(p, ZL_SPF_E_MODIFIER_NAME, b,
				   zl_arena_printf(p->arena, "empty modifier name in \"%s\"",
						   q(p, off, end - off)));
		} else if (eq) {
			term_error(p, ZL_SPF_E_MODIFIER_NAME, b,
				   zl_arena_printf(p->arena, "invalid modifier name \"%s\"",
						   q(p, b, (size_t)(eq - (s + b)))));
		} else if (t->qualifier_explicit && only_qualifiers(s + b, n - b)) {
			term_error(p, ZL_SPF_E_BAD_QUALIFIER, off,
				   zl_arena_printf(p->arena, "qualifier '%c' without a"
						   " mechanism in \"%s\"", t->qualifier,
						   q(p, off, end - off)));
		} else if (n > b && is_qualifier((unsigned char)s[b]) &&
			   mechanism_kind(s + b + 1, n - b - 1) != ZL_SPF_INVALID) {
			term_error(p, ZL_SPF_E_BAD_QUALIFIER, b,
				   zl_arena_printf(p->arena, "more than one qualifier in \"%s\"",
						   q(p, off, end - off)));
		} else if (n > b + 1 && is_qualifier((unsigned char)s[n - 1]) &&
			   mechanism_kind(s + b, n - b - 1) != ZL_SPF_INVALID) {
			term_error(p, ZL_SPF_E_BAD_QUALIFIER, n - 1,
				   zl_arena_printf(p->arena, "qualifier after the mechanism"
						   " name in \"%s\"", q(p, off, end - off)));
		} else {
			term_error(p, ZL_SPF_E_UNKNOWN_MECHANISM, b,
				   zl_arena_printf(p->arena, "unknown mechanism \"%s\"",
						   q(p, b, n > b ? n - b : end - b)));
		}
		return;
	}

	const char *name = zl_spf_kind_name(t->kind);
	switch (t->kind) {
	case ZL_SPF_ALL:
		/* all = "all" */
		if (n < end && s[n] == ':')
			term_error(p, ZL_SPF_E_UNEXPECTED_ARGUMENT, n,
				   zl_arena_printf(p->arena, "unexpected argument to 'all'"
						   " in \"%s\"", q(p, off, end - off)));
		else if (n < end)
			term_error(p, ZL_SPF_E_CIDR_NOT_ALLOWED, n,
				   zl_arena_printf(p->arena, "cidr length \"%s\" not allowed"
						   " on 'all'", q(p, n, end - n)));
		break;
	case ZL_SPF_INCLUDE:
	case ZL_SPF_EXISTS:
	case ZL_SPF_PTR:
		/* include / exists: ":" domain-spec; ptr: [ ":" domain-spec ] */
		if (n == end && t->kind == ZL_SPF_PTR)
			break;
		if (n < end && s[n] == '/') {
			term_error(p, ZL_SPF_E_CIDR_NOT_ALLOWED, n,
				   zl_arena_printf(p->arena, "cidr length \"%s\" not allowed"
						   " on '%s'", q(p, n, end - n), name));
			break;
		}
		if (n == end) {
			term_error(p, ZL_SPF_E_MISSING_ARGUMENT, n,
				   zl_arena_printf(p->arena, "missing ':' and domain-spec"
						   " after '%s'", name));
			break;
		}
		parse_domain(p, &t->domain, n + 1, end - n - 1, true, name);
		break;
	case ZL_SPF_A:
	case ZL_SPF_MX:
		parse_a_mx(p, t, n, end);
		break;
	case ZL_SPF_IP4:
	case ZL_SPF_IP6:
		parse_ip(p, t, n, end);
		break;
	default:
		break;
	}
}

int zl_spf_is_spf(const char *text, size_t len)
{
	if (!text || len < 6 || !eq_nocase(text, 6, "v=spf1"))
		return 0;
	return len == 6 || text[6] == ' ';
}

int zl_spf_parse(zl_spf_record_t *out, const char *text, size_t len, zl_arena_t *arena)
{
	if (out)
		memset(out, 0, sizeof(*out));
	if (!out || !arena || (!text && len > 0))
		return ZL_EINVAL;
	if (len > SIZE_MAX / 8)
		return ZL_ELIMIT; /* keeps the size arithmetic below exact */

	parser_t p;
	memset(&p, 0, sizeof(p));
	p.rec = out;
	p.arena = arena;
	p.len = len;
	p.s = len ? zl_arena_strndup(arena, text, len) : zl_arena_strdup(arena, "");
	out->text = p.s;
	out->len = len;
	out->redirect = -1;
	out->exp = -1;
	out->warnings = zl_arena_calloc(arena, sizeof(zl_spf_diag_t));

	const char *s = p.s;
	size_t i, n_terms = 0;
	if (!zl_spf_is_spf(s, len)) {
		size_t n = 0;
		p.err_cap = 1;
		out->errors = zl_arena_calloc(arena, sizeof(zl_spf_diag_t));
		while (n < len && s[n] != ' ')
			n++;
		add_diag(&p, ZL_SPF_E_VERSION, ZL_SPF_NO_TERM, 0,
			 n ? zl_arena_printf(arena, "record does not start with \"v=spf1\": \"%s\"",
					     q(&p, 0, n))
			   : zl_arena_printf(arena, "record does not start with \"v=spf1\""));
		return ZL_OK;
	}

	/* count the terms first, so the arrays are allocated once */
	for (i = 6; i < len;) {
		while (i < len && s[i] == ' ')
			i++;
		if (i == len)
			break;
		n_terms++;
		while (i < len && s[i] != ' ')
			i++;
	}
	out->terms = zl_arena_calloc(arena, (n_terms ? n_terms : 1) * sizeof(zl_spf_term_t));
	p.err_cap = 2 * n_terms + 2;
	out->errors = zl_arena_calloc(arena, p.err_cap * sizeof(zl_spf_diag_t));

	size_t n_redirect = 0, n_exp = 0;
	for (i = 6; i < len;) {
		while (i < len && s[i] == ' ')
			i++;
		if (i == len)
			break;
		size_t start = i;
		while (i < len && s[i] != ' ')
			i++;
		p.term = out->n_terms++;
		parse_term(&p, start, i, &n_redirect, &n_exp);
		zl_spf_term_t *t = &out->terms[p.term];
		if (t->valid && t->kind == ZL_SPF_REDIRECT && out->redirect < 0)
			out->redirect = (ptrdiff_t)p.term;
		if (t->valid && t->kind == ZL_SPF_EXP && out->exp < 0)
			out->exp = (ptrdiff_t)p.term;
	}

	/* record = version terms *SP (4.5): valid, but worth a warning */
	if (len > 6 && s[len - 1] == ' ') {
		size_t ts = len;
		while (ts > 6 && s[ts - 1] == ' ')
			ts--;
		add_diag(&p, ZL_SPF_W_TRAILING_SPACE, ZL_SPF_NO_TERM, ts,
			 zl_arena_printf(arena, "trailing space after the last term"));
	}
	return ZL_OK;
}

/* ---- helpers for the checks ---- */

int zl_spf_term_costs_lookup(const zl_spf_term_t *term)
{
	if (!term)
		return 0;
	switch (term->kind) {
	case ZL_SPF_INCLUDE:
	case ZL_SPF_A:
	case ZL_SPF_MX:
	case ZL_SPF_PTR:
	case ZL_SPF_EXISTS:
	case ZL_SPF_REDIRECT:
		return 1;
	default:
		return 0;
	}
}

/* Address of an ip4/ip6 term as (bytes, bit width), or false. */
static bool term_net(const zl_spf_term_t *t, const uint8_t **bytes, unsigned *bits)
{
	if (!t || !t->valid)
		return false;
	if (t->kind == ZL_SPF_IP4 && t->addr.family == ZL_SPF_AF_INET4)
		*bits = 32;
	else if (t->kind == ZL_SPF_IP6 && t->addr.family == ZL_SPF_AF_INET6)
		*bits = 128;
	else
		return false;
	if (t->prefix > *bits)
		return false;
	*bytes = t->addr.bytes;
	return true;
}

/* Bit n (0 = most significant) of a big-endian byte string. */
static unsigned bit_at(const uint8_t *b, unsigned n)
{
	return (b[n / 8] >> (7 - n % 8)) & 1u;
}

int zl_spf_cidr_host_bits_set(const zl_spf_term_t *term)
{
	const uint8_t *b;
	unsigned bits, n;
	if (!term_net(term, &b, &bits))
		return 0;
	for (n = term->prefix; n < bits; n++) {
		if (bit_at(b, n))
			return 1;
	}
	return 0;
}

int zl_spf_cidr_contains(const zl_spf_term_t *outer, const zl_spf_term_t *inner)
{
	const uint8_t *ob, *ib;
	unsigned obits, ibits, n;
	if (!term_net(outer, &ob, &obits) || !term_net(inner, &ib, &ibits))
		return 0;
	if (obits != ibits || outer->prefix > inner->prefix)
		return 0;
	for (n = 0; n < outer->prefix; n++) {
		if (bit_at(ob, n) != bit_at(ib, n))
			return 0;
	}
	return 1;
}
