/* zonelint: loading zone files into the zone set.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#define _GNU_SOURCE
#include "load.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <ldns/ldns.h>

#include "external.h"
#include "gendirective.h"
#include "rrtypes.h"
#include "common.h"
#include "util.h"

#define MAX_ENTRY (1u << 20)          /* longest record text we hand to ldns */
#define PIPE_MIN_BYTES (1u << 20)     /* smaller files: no scanner thread */
#define DEFAULT_GENERATE_LIMIT 1000000u
#define DEFAULT_INCLUDE_DEPTH 16u

static const char *const diag_names[] = {
#define X(name, str) str,
	ZL_DIAG_LIST(X)
#undef X
};

const char *zl_diag_name(zl_diag_code_t code)
{
	return code < ZL_DIAG__COUNT ? diag_names[code] : "unknown";
}

typedef struct token {
	uint32_t off;
	uint32_t len;
} token_t;

/* One logical entry: a record or a directive, joined across parentheses. */
typedef struct entry {
	char *text;          /* tokens separated by single spaces, NUL-terminated */
	size_t len, cap;
	token_t *tok;
	size_t ntok, tokcap;
	uint32_t line;       /* line of the first token */
	int leading_ws;      /* the line began with blank space: inherit owner */
	int too_long;
	int has_nul;
	const char *error;   /* scanner error (unbalanced parentheses, ...) */
	/* suppression comments read with this entry, when the scanner runs
	 * ahead in its own thread (see load_text) */
	zl_suppress_t *supp_head, *supp_tail;
} entry_t;

typedef struct scan {
	const char *p, *end;
	uint32_t line;
	int fixed_line;      /* lines of $GENERATE output stay on the directive's */
	/* where zonelint-disable comments go (NULL arena: nowhere) */
	zl_arena_t *supp_arena;
	zl_suppress_t **supp_head, **supp_tail;
} scan_t;

typedef struct frame {
	dev_t dev;
	ino_t ino;
	const char *path;
} frame_t;

/* An owner as written and the origin it was read against: together they
 * decide the owner's wire form, so a record whose two match a kept key's
 * has the owner worked out for that key. */
typedef struct owner_key {
	char text[256];
	size_t textlen;          /* 0: none */
	uint8_t origin[256];
	size_t originlen;
} owner_key_t;

static bool key_matches(const owner_key_t *k, const char *t, size_t tl, const uint8_t *o,
			size_t ol)
{
	return k->textlen && k->textlen == tl && k->originlen == ol && !memcmp(t, k->text, tl) &&
	       !memcmp(o, k->origin, ol);
}

/* Keep @p t and @p o in @p k; false (and @p k empty) when they do not fit. */
static bool key_set(owner_key_t *k, const char *t, size_t tl, const uint8_t *o, size_t ol)
{
	k->textlen = 0;
	if (!tl || tl > sizeof(k->text) || ol > sizeof(k->origin))
		return false;
	memcpy(k->text, t, tl);
	k->textlen = tl;
	memcpy(k->origin, o, ol);
	k->originlen = ol;
	return true;
}

struct zl_loader {
	zl_zoneset_t *set;
	zl_load_opts_t opts;
	zl_arena_t arena;        /* loader-lifetime strings */
	zl_diag_t *diags, *diags_tail;
	zl_suppress_t *supps, *supps_tail;
	entry_t ent;
	char *line;              /* record text handed to ldns */
	uint8_t *rdbuf;          /* rdata of the record being loaded, 65,536 octets:
				  * not zeroed, so only the pages used are touched */
	size_t linecap;
	char **allow_real;       /* realpath of every allowed include folder */
	unsigned nallow;
	frame_t stack[64];
	unsigned depth;
	int piping;              /* a scanner thread is running (load_text) */
	/* the owners prefetch_owner() wrote out for the next entries: text, the
	 * origin it was read against, wire form and index hashes, so that
	 * handle_record does not convert and hash them again.  Two, since the
	 * prefetch of the entry after is made before an entry is handled */
	struct zl_pf {
		owner_key_t key;
		uint8_t wire[256];
		size_t wirelen;
		zl_name_hashes_t h;
	} pf[2];
	unsigned pf_next;         /* the slot prefetch_owner() fills next */
};

/* What is in force while one file is read. */
typedef struct fstate {
	zl_zone_t *zone;
	uint16_t file;
	ldns_rdf *origin;        /* owned */
	zl_node_t *prev;         /* last owner, for inherited owners */
	/* the last owner as written and the origin it was read against: the
	 * records of one name usually follow each other, so most owners need
	 * no conversion and no hash lookup */
	owner_key_t prev_key;
	uint32_t default_ttl;
	int have_ttl;
	uint32_t last_ttl;
	int have_last_ttl;
	uint16_t zone_class;
	const char *root;        /* folder tree includes must stay inside */
	const char *dir;         /* folder of this file, for relative includes */
	unsigned warned_types[8];
	unsigned nwarned;
	int mapped;              /* data is an mmap of the file */
} fstate_t;

static void diag(zl_loader_t *ld, zl_diag_code_t code, const fstate_t *st, uint32_t line,
		 zl_node_t *owner, uint16_t type, const char *fmt, ...) ZL_PRINTF(7, 8);

static void diag(zl_loader_t *ld, zl_diag_code_t code, const fstate_t *st, uint32_t line,
		 zl_node_t *owner, uint16_t type, const char *fmt, ...)
{
	zl_diag_t *d = zl_arena_calloc(&ld->set->arena, sizeof(*d));
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	d->code = code;
	d->zone = st ? st->zone : NULL;
	d->file = st ? st->file : 0;
	d->line = line;
	d->owner = owner;
	d->type = type;
	d->message = zl_arena_strdup(&ld->set->arena, buf);
	if (ld->diags_tail)
		ld->diags_tail->next = d;
	else
		ld->diags = d;
	ld->diags_tail = d;
}

zl_loader_t *zl_loader_new(zl_zoneset_t *set, const zl_load_opts_t *opts)
{
	zl_loader_t *ld = zl_xcalloc(1, sizeof(*ld));
	ld->set = set;
	if (opts)
		ld->opts = *opts;
	if (!ld->opts.generate_limit)
		ld->opts.generate_limit = DEFAULT_GENERATE_LIMIT;
	if (!ld->opts.max_include_depth || ld->opts.max_include_depth > 60)
		ld->opts.max_include_depth = DEFAULT_INCLUDE_DEPTH;
	zl_arena_init(&ld->arena);
	ld->rdbuf = zl_xmalloc(65536);
	ld->allow_real = zl_xcalloc(ld->opts.nallow + 1, sizeof(char *));
	for (unsigned i = 0; i < ld->opts.nallow; i++) {
		char *r = realpath(ld->opts.allow[i], NULL);
		if (r)
			ld->allow_real[ld->nallow++] = r;
	}
	return ld;
}

void zl_loader_free(zl_loader_t *ld)
{
	if (!ld)
		return;
	for (unsigned i = 0; i < ld->nallow; i++)
		free(ld->allow_real[i]);
	free(ld->allow_real);
	free(ld->ent.text);
	free(ld->ent.tok);
	free(ld->line);
	free(ld->rdbuf);
	zl_arena_free(&ld->arena);
	free(ld);
}

const zl_diag_t *zl_loader_diags(const zl_loader_t *ld)
{
	return ld->diags;
}

zl_suppress_t *zl_loader_suppressions(const zl_loader_t *ld)
{
	return ld->supps;
}

/* ---- the entry scanner ------------------------------------------------ */

static void ent_reset(entry_t *e)
{
	e->len = 0;
	e->ntok = 0;
	e->leading_ws = 0;
	e->too_long = 0;
	e->has_nul = 0;
	e->error = NULL;
	if (!e->text) {
		/* room for a typical record: the scanner thread keeps thousands of
		 * entries, and the rare long one grows its own buffers */
		e->cap = 512;
		e->text = zl_xmalloc(e->cap);
		e->tokcap = 16;
		e->tok = zl_xmalloc(e->tokcap * sizeof(*e->tok));
	}
	e->text[0] = '\0';
}

static void ent_putc(entry_t *e, char c)
{
	if (e->too_long)
		return;
	if (e->len + 2 > MAX_ENTRY) {
		e->too_long = 1;
		return;
	}
	if (e->len + 2 > e->cap) {
		e->cap *= 2;
		e->text = zl_xrealloc(e->text, e->cap);
	}
	e->text[e->len++] = c;
	e->text[e->len] = '\0';
}

/* Append @p n bytes at once (the scanner's runs of ordinary characters). */
static void ent_putn(entry_t *e, const char *src, size_t n)
{
	if (e->too_long)
		return;
	if (e->len + n + 1 > MAX_ENTRY) {
		e->too_long = 1;
		return;
	}
	if (e->len + n + 1 > e->cap) {
		while (e->len + n + 1 > e->cap)
			e->cap *= 2;
		e->text = zl_xrealloc(e->text, e->cap);
	}
	memcpy(e->text + e->len, src, n);
	e->len += n;
	e->text[e->len] = '\0';
}

/* Characters that end a run of ordinary characters inside a token, and
 * inside a quoted string. */
static const uint8_t tok_stop[256] = {
	[0] = 1, [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, [';'] = 1,
	['('] = 1, [')'] = 1, ['"'] = 1, ['\\'] = 1,
};
static const uint8_t str_stop[256] = { [0] = 1, ['\n'] = 1, ['"'] = 1, ['\\'] = 1 };

/* The length of the run of characters at @p p that @p stop does not stop. */
static size_t run_len(const char *p, const char *end, const uint8_t *stop)
{
	const char *q = p;
	while (q < end && !stop[(uint8_t)*q])
		q++;
	return (size_t)(q - p);
}

static void ent_begin_token(entry_t *e)
{
	if (e->too_long)
		return;
	if (e->ntok)
		ent_putc(e, ' ');
	if (e->ntok == e->tokcap) {
		e->tokcap *= 2;
		e->tok = zl_xrealloc(e->tok, e->tokcap * sizeof(*e->tok));
	}
	e->tok[e->ntok].off = (uint32_t)e->len;
	e->tok[e->ntok].len = 0;
	e->ntok++;
}

static void ent_end_token(entry_t *e)
{
	if (e->too_long || !e->ntok)
		return;
	e->tok[e->ntok - 1].len = (uint32_t)(e->len - e->tok[e->ntok - 1].off);
}

static void add_suppression(scan_t *sc, uint16_t file, uint32_t line, const char *c,
			    const char *end)
{
	static const char key[] = "zonelint-disable";
	if (!sc->supp_arena)
		return;
	while (c < end && (*c == ' ' || *c == '\t' || *c == ';'))
		c++;
	if ((size_t)(end - c) < sizeof(key) - 1 || memcmp(c, key, sizeof(key) - 1))
		return;
	c += sizeof(key) - 1;
	int whole = 0;
	if ((size_t)(end - c) >= 5 && !memcmp(c, "-file", 5)) {
		whole = 1;
		c += 5;
	} else if (c < end && *c != ' ' && *c != '\t') {
		return; /* zonelint-disablexyz: not ours */
	}
	while (c < end && (*c == ' ' || *c == '\t'))
		c++;
	const char *rs = c;
	while (c < end && *c != ' ' && *c != '\t')
		c++;
	const char *re = c;
	const char *reason = NULL;
	const char *dash = NULL;
	for (const char *q = c; q + 1 < end; q++)
		if (q[0] == '-' && q[1] == '-') {
			dash = q;
			break;
		}
	if (dash) {
		reason = dash + 2;
		while (reason < end && (*reason == ' ' || *reason == '\t'))
			reason++;
	}
	zl_suppress_t *s = zl_arena_calloc(sc->supp_arena, sizeof(*s));
	s->file = file;
	s->line = line;
	s->whole_file = whole;
	s->rules = zl_arena_strndup(sc->supp_arena, rs, (size_t)(re - rs));
	if (reason) {
		const char *rend = end;
		while (rend > reason && (rend[-1] == ' ' || rend[-1] == '\t' || rend[-1] == '\r'))
			rend--;
		s->reason = zl_arena_strndup(sc->supp_arena, reason, (size_t)(rend - reason));
	}
	if (*sc->supp_tail)
		(*sc->supp_tail)->next = s;
	else
		*sc->supp_head = s;
	*sc->supp_tail = s;
}

/*
 * Read the next entry.  Returns 0 at the end of input, 1 when an entry
 * (possibly empty: a blank or comment line) was read.
 */
static int scan_entry(scan_t *s, entry_t *e, uint16_t file)
{
	ent_reset(e);
	if (s->p >= s->end)
		return 0;
	int paren = 0, in_tok = 0, at_bol = 1;
	uint32_t paren_line = 0;
	const uint8_t *tstop = tok_stop;
	e->line = s->line;
	while (s->p < s->end) {
		char c = *s->p;
		if (at_bol) {
			at_bol = 0;
			if ((c == ' ' || c == '\t') && paren == 0)
				e->leading_ws = 1;
		}
		if (c == '\n') {
			s->p++;
			if (in_tok) {
				ent_end_token(e);
				in_tok = 0;
			}
			if (!s->fixed_line)
				s->line++;
			if (paren == 0)
				return 1;
			continue;
		}
		if (c == '\0') {
			/* the entry is refused whatever follows: skip to the end of
			 * the line at memchr's speed (a binary file passed by mistake
			 * can be a gigabyte without a newline) */
			e->has_nul = 1;
			const char *nl = memchr(s->p, '\n', (size_t)(s->end - s->p));
			s->p = nl ? nl : s->end;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			if (in_tok) {
				ent_end_token(e);
				in_tok = 0;
			}
			s->p++;
			continue;
		}
		if (c == ';') {
			const char *cs = s->p + 1;
			while (s->p < s->end && *s->p != '\n')
				s->p++;
			add_suppression(s, file, s->line, cs, s->p);
			if (in_tok) {
				ent_end_token(e);
				in_tok = 0;
			}
			continue;
		}
		if (c == '(' || c == ')') {
			if (in_tok) {
				ent_end_token(e);
				in_tok = 0;
			}
			if (c == '(') {
				/* BIND counts nesting depth; so do we */
				if (!paren)
					paren_line = s->line;
				paren++;
			} else if (paren == 0) {
				e->error = "closing parenthesis without an opening one";
			} else {
				paren--;
			}
			s->p++;
			continue;
		}
		if (e->ntok == 0 && !in_tok)
			e->line = s->line;
		if (c == '"' && !in_tok) {
			/* a quoted string is one token, kept with its quotes */
			ent_begin_token(e);
			ent_putc(e, '"');
			s->p++;
			int closed = 0;
			const uint8_t *sstop = str_stop;
			while (s->p < s->end) {
				size_t run = run_len(s->p, s->end, sstop);
				if (run) {
					ent_putn(e, s->p, run);
					s->p += run;
					if (s->p >= s->end)
						break;
				}
				char q = *s->p;
				if (q == '\\' && s->p + 1 < s->end) {
					if (s->p[1] == '\n' && !s->fixed_line)
						s->line++;
					ent_putc(e, q);
					ent_putc(e, s->p[1]);
					s->p += 2;
					continue;
				}
				if (q == '\n')
					break;
				if (q == '\0')
					e->has_nul = 1;
				ent_putc(e, q);
				s->p++;
				if (q == '"') {
					closed = 1;
					break;
				}
			}
			if (!closed)
				e->error = "missing closing quote";
			ent_end_token(e);
			continue;
		}
		if (!in_tok) {
			ent_begin_token(e);
			in_tok = 1;
		}
		if (c == '\\' && s->p + 1 < s->end && s->p[1] != '\n') {
			ent_putc(e, c);
			ent_putc(e, s->p[1]);
			s->p += 2;
			continue;
		}
		size_t run = run_len(s->p, s->end, tstop);
		if (run) {
			ent_putn(e, s->p, run);
			s->p += run;
		} else {
			ent_putc(e, c);
			s->p++;
		}
	}
	if (in_tok)
		ent_end_token(e);
	if (paren) {
		e->error = "missing closing parenthesis";
		e->line = paren_line ? paren_line : e->line;
	}
	return 1;
}

/* ---- names and origins ------------------------------------------------ */

static const char *tok_str(const entry_t *e, size_t i, char *buf, size_t cap)
{
	size_t l = e->tok[i].len < cap - 1 ? e->tok[i].len : cap - 1;
	memcpy(buf, e->text + e->tok[i].off, l);
	buf[l] = '\0';
	return buf;
}

static ldns_rdf *make_name(const char *text, const ldns_rdf *origin)
{
	ldns_rdf *d = NULL;
	if (strcmp(text, "@") == 0)
		return origin ? ldns_rdf_clone(origin) : NULL;
	if (ldns_str2rdf_dname(&d, text) != LDNS_STATUS_OK)
		return NULL;
	if (!ldns_dname_str_absolute(text) && origin) {
		if (ldns_dname_cat(d, origin) != LDNS_STATUS_OK) {
			ldns_rdf_deep_free(d);
			return NULL;
		}
	}
	return d;
}

static zl_node_t *intern_rdf(zl_zoneset_t *set, const ldns_rdf *d)
{
	return zl_zoneset_intern(set, ldns_rdf_data(d), ldns_rdf_size(d));
}

/* Origin from a file name: example.com.zone, example.com.db, db.example.com. */
static char *origin_from_filename(const char *path, char *buf, size_t cap)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	size_t l = strlen(b);
	if (l > 5 && !strcmp(b + l - 5, ".zone"))
		l -= 5;
	else if (l > 3 && !strcmp(b + l - 3, ".db"))
		l -= 3;
	else if (l > 3 && !strncmp(b, "db.", 3)) {
		b += 3;
		l -= 3;
	}
	if (l == 0 || l + 2 > cap)
		return NULL;
	memcpy(buf, b, l);
	buf[l] = '\0';
	if (buf[l - 1] != '.') {
		buf[l] = '.';
		buf[l + 1] = '\0';
	}
	return buf;
}

/* ---- records ---------------------------------------------------------- */

static int is_class(const char *t, uint16_t *cls)
{
	/* every class mnemonic has two letters or starts with CLASS */
	char c0 = (char)(t[0] | 0x20);
	if (!t[0] || !t[1] || (t[2] && c0 != 'c') || (c0 != 'i' && c0 != 'c' && c0 != 'h'))
		return 0;
	if (!strcasecmp(t, "IN")) {
		*cls = LDNS_RR_CLASS_IN;
		return 1;
	}
	if (!strcasecmp(t, "CH")) {
		*cls = LDNS_RR_CLASS_CH;
		return 1;
	}
	if (!strcasecmp(t, "HS")) {
		*cls = LDNS_RR_CLASS_HS;
		return 1;
	}
	if (!strcasecmp(t, "CS")) {
		*cls = 2;
		return 1;
	}
	if (!strncasecmp(t, "CLASS", 5) && t[5]) {
		char *end;
		errno = 0;
		unsigned long v = strtoul(t + 5, &end, 10);
		if (!*end && !errno && v <= 65535 && t[5] != '+' && t[5] != '-') {
			*cls = (uint16_t)v;
			return 1;
		}
	}
	return 0;
}

static int parse_ttl(const char *t, uint32_t *ttl)
{
	if (!(t[0] >= '0' && t[0] <= '9'))
		return 0;
	/* BIND: plain seconds, or units w d h m s in any case, summed */
	uint64_t total = 0, cur = 0;
	int digits = 0, any_unit = 0;
	for (const char *p = t; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			cur = cur * 10 + (uint64_t)(*p - '0');
			if (cur > UINT32_MAX)
				return -1;
			digits = 1;
			continue;
		}
		if (!digits)
			return -1;
		uint64_t mul;
		switch (*p) {
		case 'w': case 'W': mul = 604800; break;
		case 'd': case 'D': mul = 86400; break;
		case 'h': case 'H': mul = 3600; break;
		case 'm': case 'M': mul = 60; break;
		case 's': case 'S': mul = 1; break;
		default: return -1;
		}
		total += cur * mul;
		cur = 0;
		digits = 0;
		any_unit = 1;
		if (total > UINT32_MAX)
			return -1;
	}
	if (digits)
		total += cur;
	else if (!any_unit)
		return -1;
	if (total > UINT32_MAX)
		return -1;
	*ttl = (uint32_t)total;
	return 1;
}

static void line_put(zl_loader_t *ld, size_t *o, const char *s, size_t n)
{
	if (*o + n + 2 > ld->linecap) {
		ld->linecap = (*o + n + 2) * 2;
		ld->line = zl_xrealloc(ld->line, ld->linecap);
	}
	memcpy(ld->line + *o, s, n);
	*o += n;
	ld->line[*o] = '\0';
}

/* The types most zones are made of, without ldns's linear search by name;
 * 0 for anything else (ldns then decides). */
static uint16_t common_type(const char *t)
{
	static const struct {
		const char *name;
		uint16_t type;
	} common[] = {
		{ "A", ZL_TYPE_A },         { "AAAA", ZL_TYPE_AAAA },   { "MX", ZL_TYPE_MX },
		{ "TXT", ZL_TYPE_TXT },     { "CNAME", ZL_TYPE_CNAME }, { "NS", ZL_TYPE_NS },
		{ "PTR", ZL_TYPE_PTR },     { "SRV", ZL_TYPE_SRV },     { "TLSA", ZL_TYPE_TLSA },
		{ "SOA", ZL_TYPE_SOA },     { "DS", ZL_TYPE_DS },       { "RRSIG", ZL_TYPE_RRSIG },
		{ "NSEC", ZL_TYPE_NSEC },   { "DNSKEY", ZL_TYPE_DNSKEY }, { "NSEC3", ZL_TYPE_NSEC3 },
	};
	char c0 = (char)(t[0] & ~0x20); /* upper case, for letters */
	for (size_t i = 0; i < ZL_ARRAY_SIZE(common); i++)
		if (common[i].name[0] == c0 && !strcasecmp(t, common[i].name))
			return common[i].type;
	return 0;
}

/* ldns has a descriptor for every number, named "TYPEnnn" where it does not
 * know the type's rdata format. */
static int ldns_knows(uint16_t type)
{
	const ldns_rr_descriptor *d = ldns_rr_descript(type);
	return d && d->_name && strncmp(d->_name, "TYPE", 4) != 0;
}

static int type_warned(fstate_t *st, uint16_t type)
{
	for (unsigned i = 0; i < st->nwarned; i++)
		if (st->warned_types[i] == type)
			return 1;
	if (st->nwarned < ZL_ARRAY_SIZE(st->warned_types))
		st->warned_types[st->nwarned++] = type;
	return 0;
}

static const uint8_t *origin_wire(const fstate_t *st, size_t *len)
{
	*len = ldns_rdf_size(st->origin);
	return ldns_rdf_data(st->origin);
}

/* A strict dotted quad (no leading zeros, as the RFC 1035 text form), or 0. */
static int parse_ipv4(const char *s, size_t len, uint8_t out[4])
{
	size_t i = 0;
	for (int part = 0; part < 4; part++) {
		if (i >= len || !(s[i] >= '0' && s[i] <= '9'))
			return 0;
		unsigned v = 0, digits = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			v = v * 10 + (unsigned)(s[i] - '0');
			if (++digits > 3 || v > 255)
				return 0;
			i++;
		}
		if (digits > 1 && s[i - digits] == '0')
			return 0; /* leave leading zeros to ldns */
		out[part] = (uint8_t)v;
		if (part < 3) {
			if (i >= len || s[i] != '.')
				return 0;
			i++;
		}
	}
	return i == len;
}

#define FAST_BAD_ESCAPE (-2L) /* fast_rdata: an escape BIND refuses */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The fast path: rdata of the most common types converted here, byte for
 * byte what ldns would produce.  Returns the rdata length, or -1 when the
 * record should go to ldns (anything unusual, including every error, so
 * that error messages come from one place), or FAST_BAD_ESCAPE for a TXT
 * escape of one or two digits, which BIND refuses and ldns takes.
 */
static long fast_rdata(const fstate_t *st, uint16_t type, const entry_t *e, size_t first,
		       uint8_t *rd)
{
	size_t n = e->ntok - first;
	const char *t0 = e->text + e->tok[first].off;
	size_t l0 = e->tok[first].len;
	size_t olen;
	const uint8_t *ow = origin_wire(st, &olen);
	switch (type) {
	case ZL_TYPE_A:
		if (n != 1 || !parse_ipv4(t0, l0, rd))
			return -1;
		return 4;
	case ZL_TYPE_AAAA: {
		char buf[64];
		if (n != 1 || l0 >= sizeof(buf) || memchr(t0, '\\', l0))
			return -1;
		memcpy(buf, t0, l0);
		buf[l0] = '\0';
		if (inet_pton(AF_INET6, buf, rd) != 1)
			return -1;
		return 16;
	}
	case ZL_TYPE_NS:
	case ZL_TYPE_CNAME:
	case ZL_TYPE_PTR: {
		if (n != 1 || t0[0] == '"')
			return -1;
		size_t l = zl_name_from_text(t0, l0, ow, olen, rd);
		return l ? (long)l : -1;
	}
	case ZL_TYPE_MX: {
		if (n != 2)
			return -1;
		unsigned v = 0;
		if (l0 == 0 || l0 > 5)
			return -1;
		for (size_t i = 0; i < l0; i++) {
			if (!(t0[i] >= '0' && t0[i] <= '9'))
				return -1;
			v = v * 10 + (unsigned)(t0[i] - '0');
		}
		if (v > 65535)
			return -1;
		rd[0] = (uint8_t)(v >> 8);
		rd[1] = (uint8_t)v;
		const char *t1 = e->text + e->tok[first + 1].off;
		if (t1[0] == '"')
			return -1;
		size_t l = zl_name_from_text(t1, e->tok[first + 1].len, ow, olen, rd + 2);
		return l ? (long)(l + 2) : -1;
	}
	case ZL_TYPE_TXT:
	case ZL_TYPE_SPF: {
		size_t o = 0;
		for (size_t k = first; k < e->ntok; k++) {
			const char *t = e->text + e->tok[k].off;
			size_t l = e->tok[k].len;
			if (l >= 2 && t[0] == '"' && t[l - 1] == '"') {
				t++;
				l -= 2;
			} else if (t[0] == '"') {
				return -1;
			}
			if (memchr(t, '"', l) && !memchr(t, '\\', l))
				return -1;
			if (!memchr(t, '\\', l)) {
				if (l > 255 || o + 1 + l > 65535)
					return -1;
				rd[o++] = (uint8_t)l;
				memcpy(rd + o, t, l);
				o += l;
				continue;
			}
			/* escapes: \DDD (three digits, at most 255) and \X; anything
			 * else, and every error, goes to ldns */
			size_t lenpos = o++, n = 0;
			for (size_t c = 0; c < l; c++) {
				uint8_t b = (uint8_t)t[c];
				if (b == '"')
					return -1;
				if (b == '\\') {
					if (c + 1 >= l)
						return -1;
					if (t[c + 1] >= '0' && t[c + 1] <= '9') {
						/* \\0 or \\06 followed by anything: BIND refuses
						 * the zone, ldns would take it */
						if (c + 3 >= l ||
						    !(t[c + 2] >= '0' && t[c + 2] <= '9' &&
						      t[c + 3] >= '0' && t[c + 3] <= '9'))
							return FAST_BAD_ESCAPE;
						unsigned v = (unsigned)(t[c + 1] - '0') * 100 +
							     (unsigned)(t[c + 2] - '0') * 10 +
							     (unsigned)(t[c + 3] - '0');
						if (v > 255)
							return -1;
						b = (uint8_t)v;
						c += 3;
					} else {
						b = (uint8_t)t[++c];
					}
				}
				if (n == 255 || o + 1 > 65535)
					return -1;
				rd[o++] = b;
				n++;
			}
			rd[lenpos] = (uint8_t)n;
		}
		return o ? (long)o : -1;
	}
	case ZL_TYPE_TLSA: {
		/* usage selector matching-type, then the association data in hex
		 * (one token here; ldns takes the rest of the line) */
		if (n != 4)
			return -1;
		for (size_t k = 0; k < 3; k++) {
			const char *t = e->text + e->tok[first + k].off;
			size_t l = e->tok[first + k].len;
			unsigned v = 0;
			if (l == 0 || l > 3 || (l > 1 && t[0] == '0'))
				return -1;
			for (size_t c = 0; c < l; c++) {
				if (!(t[c] >= '0' && t[c] <= '9'))
					return -1;
				v = v * 10 + (unsigned)(t[c] - '0');
			}
			if (v > 255)
				return -1;
			rd[k] = (uint8_t)v;
		}
		const char *h = e->text + e->tok[first + 3].off;
		size_t hl = e->tok[first + 3].len;
		if (hl == 0 || hl % 2 || hl / 2 + 3 > 65535)
			return -1;
		for (size_t c = 0; c < hl; c += 2) {
			int hi = hexval(h[c]), lo = hexval(h[c + 1]);
			if (hi < 0 || lo < 0)
				return -1;
			rd[3 + c / 2] = (uint8_t)(hi << 4 | lo);
		}
		return (long)(3 + hl / 2);
	}
	default:
		return -1;
	}
}

static void handle_record(zl_loader_t *ld, fstate_t *st, const entry_t *e, int generated)
{
	char tbuf[1024], obuf[ZL_NAME_STRLEN];
	size_t i = 0;
	zl_node_t *onode = NULL;
	char esc[256];

	if (e->leading_ws) {
		if (!st->prev) {
			diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0,
			     "record has no owner name and no previous record to inherit one from");
			return;
		}
		onode = st->prev;
	} else {
		uint8_t w[256];
		size_t olen;
		const uint8_t *ow = origin_wire(st, &olen);
		const char *otext = e->text + e->tok[0].off;
		size_t otl = e->tok[0].len;
		if (st->prev && key_matches(&st->prev_key, otext, otl, ow, olen)) {
			onode = st->prev; /* the same name as the last record's */
			i = 1;
			goto owner_done;
		}
		const struct zl_pf *pf = NULL;
		for (unsigned k = 0; k < 2 && !pf; k++)
			if (key_matches(&ld->pf[k].key, otext, otl, ow, olen))
				pf = &ld->pf[k];
		if (pf) {
			onode = zl_zoneset_intern_hashed(ld->set, pf->wire, pf->wirelen, pf->h);
		} else {
			size_t wl = zl_name_from_text(otext, otl, ow, olen, w);
			if (!wl) {
				const char *t = tok_str(e, 0, tbuf, sizeof(tbuf));
				diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0,
				     "invalid owner name '%s'",
				     zl_escape(esc, sizeof(esc), t, strlen(t)));
				return;
			}
			onode = zl_zoneset_intern(ld->set, w, wl);
		}
		i = 1;
		key_set(&st->prev_key, otext, otl, ow, olen);
	}
owner_done:;
	uint32_t ttl = 0;
	int have_ttl = 0, have_class = 0;
	uint16_t cls = LDNS_RR_CLASS_IN;
	uint16_t type = 0;
	int opaque = 0;
	for (; i < e->ntok; i++) {
		const char *t = tok_str(e, i, tbuf, sizeof(tbuf));
		int r;
		if (!have_class && is_class(t, &cls)) {
			have_class = 1;
			continue;
		}
		if (!have_ttl && (r = parse_ttl(t, &ttl)) != 0) {
			if (r < 0) {
				diag(ld, ZL_DIAG_SYNTAX, st, e->line, onode, 0, "invalid TTL '%s'",
				     zl_escape(esc, sizeof(esc), t, strlen(t)));
				return;
			}
			have_ttl = 1;
			continue;
		}
		type = common_type(t);
		if (type == 0)
			type = ldns_get_rr_type_by_name(t);
		if (type == 0) {
			uint16_t reg = 0;
			if (zl_rrtype_lookup(t, strlen(t), &reg) == 0) {
				type = reg;
				/* RFC 3597 generic rdata always parses; else pass through */
				int generic = i + 1 < e->ntok && e->tok[i + 1].len == 2 &&
					      !memcmp(e->text + e->tok[i + 1].off, "\\#", 2);
				opaque = !generic && !ldns_knows(type);
			} else {
				diag(ld, ZL_DIAG_SYNTAX, st, e->line, onode, 0,
				     "unknown record type '%s'", zl_escape(esc, sizeof(esc), t,
									  strlen(t)));
				return;
			}
		}
		i++;
		break;
	}
	if (type == 0) {
		diag(ld, ZL_DIAG_SYNTAX, st, e->line, onode, 0, "record has no type");
		return;
	}
	if (!have_ttl) {
		if (st->have_ttl)
			ttl = st->default_ttl;
		else if (st->have_last_ttl)
			ttl = st->last_ttl;
		else
			ttl = 3600;
	} else if (!st->have_ttl) {
		st->last_ttl = ttl;
		st->have_last_ttl = 1;
	}
	st->prev = onode;

	if (!zl_node_is_below(onode, st->zone->apex)) {
		diag(ld, ZL_DIAG_OUT_OF_ZONE, st, e->line, onode, type,
		     "'%s' is outside the zone '%s'; name servers ignore it",
		     zl_node_str(onode, obuf), st->zone->name);
		return;
	}
	/* a snapshot answers only for names outside the loaded zones */
	if (st->zone->external && zl_external_in_loaded_zone(ld->set, onode))
		return;
	if (!st->zone_class)
		st->zone_class = cls;
	else if (cls != st->zone_class) {
		diag(ld, ZL_DIAG_CLASS_MISMATCH, st, e->line, onode, type,
		     "record class differs from the zone's class");
		return;
	}
	if (opaque) {
		zl_rr_t *rr = zl_zoneset_add_rr(ld->set, st->zone, onode, type, cls, ttl, NULL, 0,
						st->file, e->line);
		rr->opaque = 1;
		rr->generated = (uint8_t)generated;
		if (!type_warned(st, type))
			diag(ld, ZL_DIAG_UNCHECKED_TYPE, st, e->line, onode, type,
			     "zonelint cannot check %s records; they are passed through",
			     zl_rrtype_name(type) ? zl_rrtype_name(type) : "unknown");
		return;
	}

	/* ldns truncates SOA numbers over 32 bits silently; BIND and Knot refuse them */
	if (type == ZL_TYPE_SOA && e->ntok >= i + 7) {
		static const char *const field[] = { "serial", "refresh", "retry", "expire",
						     "minimum" };
		for (size_t k = 0; k < 5; k++) {
			const char *t = e->text + e->tok[i + 2 + k].off;
			size_t l = e->tok[i + 2 + k].len;
			uint64_t v = 0;
			size_t d = 0;
			while (d < l && t[d] >= '0' && t[d] <= '9') {
				v = v * 10 + (uint64_t)(t[d++] - '0');
				if (v > UINT32_MAX)
					v = (uint64_t)UINT32_MAX + 1; /* saturate */
			}
			if (d == l && v > UINT32_MAX) {
				diag(ld, ZL_DIAG_SYNTAX, st, e->line, onode, type,
				     "SOA %s '%.*s' is larger than 4294967295; BIND and Knot refuse "
				     "the zone", field[k], (int)(l < 40 ? l : 40), t);
				return;
			}
		}
	}
	uint8_t *rdbuf = ld->rdbuf;
	long fast = i < e->ntok && !ld->opts.no_fast_path ? fast_rdata(st, type, e, i, rdbuf) : -1;
	size_t rdlen = 0;
	if (fast == FAST_BAD_ESCAPE) {
		diag(ld, ZL_DIAG_SYNTAX, st, e->line, onode, type,
		     "invalid %s record: a \\DDD escape needs three decimal digits",
		     type == ZL_TYPE_SPF ? "SPF" : "TXT");
		return;
	}
	if (fast >= 0) {
		rdlen = (size_t)fast;
	} else {
		/* ldns silently drops TXT strings past 65535 octets: count them here */
		if (type == ZL_TYPE_TXT || type == ZL_TYPE_SPF) {
			size_t total = 0;
			for (size_t k = i; k < e->ntok; k++) {
				const char *t = e->text + e->tok[k].off;
				size_t l = e->tok[k].len, n = 0;
				if (l >= 2 && t[0] == '"' && t[l - 1] == '"') {
					t++;
					l -= 2;
				}
				for (size_t c = 0; c < l; c++, n++)
					if (t[c] == '\\' && c + 1 < l)
						c += (c + 3 < l && t[c + 1] >= '0' && t[c + 1] <= '9') ? 3 : 1;
				total += 1 + n;
			}
			if (total > 65535) {
				diag(ld, ZL_DIAG_SYNTAX, st, e->line, onode, type,
				     "record data is longer than 65535 octets");
				return;
			}
		}
		/* hand ldns one line: absolute owner, ttl, class, type, rdata as written */
		size_t o = 0;
		zl_node_str(onode, obuf);
		line_put(ld, &o, obuf, strlen(obuf));
		char hdr[96];
		const ldns_rr_descriptor *desc = ldns_rr_descript(type);
		const char *cname = cls == LDNS_RR_CLASS_IN ? "IN" : cls == LDNS_RR_CLASS_CH ? "CH" :
				    cls == LDNS_RR_CLASS_HS ? "HS" : NULL;
		char cbuf[16], tnbuf[16];
		if (!cname) {
			snprintf(cbuf, sizeof(cbuf), "CLASS%u", cls);
			cname = cbuf;
		}
		const char *tname = desc && desc->_name ? desc->_name : NULL;
		if (!tname) {
			snprintf(tnbuf, sizeof(tnbuf), "TYPE%u", type);
			tname = tnbuf;
		}
		int hl = snprintf(hdr, sizeof(hdr), " %u %s %s", ttl, cname, tname);
		line_put(ld, &o, hdr, (size_t)hl);
		for (; i < e->ntok; i++) {
			line_put(ld, &o, " ", 1);
			line_put(ld, &o, e->text + e->tok[i].off, e->tok[i].len);
		}
		ldns_rr *rr = NULL;
		ldns_status status = ldns_rr_new_frm_str(&rr, ld->line, ttl, st->origin, NULL);
		if (status != LDNS_STATUS_OK) {
			diag(ld, ZL_DIAG_SYNTAX, st, e->line, onode, type, "invalid %s record: %s",
			     tname, ldns_get_errorstr_by_id(status));
			if (rr)
				ldns_rr_free(rr);
			return;
		}
		int overflow = 0;
		for (size_t k = 0; k < ldns_rr_rd_count(rr); k++) {
			const ldns_rdf *f = ldns_rr_rdf(rr, k);
			size_t sz = ldns_rdf_size(f);
			if (rdlen + sz > 65535) {
				overflow = 1;
				break;
			}
			memcpy(rdbuf + rdlen, ldns_rdf_data(f), sz);
			rdlen += sz;
		}
		ldns_rr_free(rr);
		if (overflow) {
			diag(ld, ZL_DIAG_SYNTAX, st, e->line, onode, type,
			     "record data is longer than 65535 octets");
			return;
		}
	}
	zl_rr_t *zr = zl_zoneset_add_rr(ld->set, st->zone, onode, type, cls, ttl, rdbuf, rdlen,
					st->file, e->line);
	zr->generated = (uint8_t)generated;
	if (type == ZL_TYPE_SOA && onode == st->zone->apex && st->zone->soa_line == 0 &&
	    st->file == st->zone->file)
		st->zone->soa_line = e->line;
}

/* ---- files, includes and directives ------------------------------------ */

static void load_text(zl_loader_t *ld, fstate_t *st, const char *data, size_t len,
		      uint32_t first_line, int fixed_line);
static int load_file(zl_loader_t *ld, const char *path, const char *display, fstate_t *parent,
		     const ldns_rdf *origin, uint32_t inc_line, char *errbuf, size_t errlen);

typedef struct genctx {
	zl_loader_t *ld;
	fstate_t *st;
	uint32_t line;
} genctx_t;

static int gen_emit(void *vctx, const char *line, size_t len)
{
	genctx_t *g = vctx;
	load_text(g->ld, g->st, line, len, g->line, 2);
	return 0;
}

static int path_under(const char *real, const char *root)
{
	size_t rl = strlen(root);
	if (rl == 1 && root[0] == '/')
		return 1;
	return !strncmp(real, root, rl) && (real[rl] == '/' || real[rl] == '\0');
}

static void handle_include(zl_loader_t *ld, fstate_t *st, const entry_t *e)
{
	char fbuf[PATH_MAX], obuf[1024], esc[600];
	if (e->ntok < 2 || e->ntok > 3) {
		diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0,
		     "$INCLUDE takes a file name and an optional origin");
		return;
	}
	const char *name = tok_str(e, 1, fbuf, sizeof(fbuf));
	char unq[PATH_MAX];
	size_t nl = strlen(name);
	if (nl >= 2 && name[0] == '"' && name[nl - 1] == '"') {
		memcpy(unq, name + 1, nl - 2);
		unq[nl - 2] = '\0';
		name = unq;
	}
	if (!st->dir) {
		diag(ld, ZL_DIAG_INCLUDE_REFUSED, st, e->line, NULL, 0,
		     "$INCLUDE '%s' refused: includes are not read from this input",
		     zl_escape(esc, sizeof(esc), name, strlen(name)));
		return;
	}
	char full[PATH_MAX * 2];
	if (name[0] == '/')
		snprintf(full, sizeof(full), "%s", name);
	else
		snprintf(full, sizeof(full), "%s/%s", st->dir, name);
	ldns_rdf *origin = NULL;
	if (e->ntok == 3) {
		origin = make_name(tok_str(e, 2, obuf, sizeof(obuf)), st->origin);
		if (!origin) {
			diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0,
			     "invalid origin '%s' in $INCLUDE",
			     zl_escape(esc, sizeof(esc), obuf, strlen(obuf)));
			return;
		}
	}
	char *real = realpath(full, NULL);
	if (!real) {
		diag(ld, ZL_DIAG_INCLUDE_UNREADABLE, st, e->line, NULL, 0,
		     "cannot read $INCLUDE file '%s': %s",
		     zl_escape(esc, sizeof(esc), name, strlen(name)), strerror(errno));
		ldns_rdf_deep_free(origin);
		return;
	}
	int allowed = path_under(real, st->root);
	for (unsigned i = 0; !allowed && i < ld->nallow; i++)
		allowed = path_under(real, ld->allow_real[i]);
	if (!allowed) {
		diag(ld, ZL_DIAG_INCLUDE_REFUSED, st, e->line, NULL, 0,
		     "$INCLUDE '%s' refused: it is outside the zone's folder '%s' and not in "
		     "an allowed include folder", zl_escape(esc, sizeof(esc), name, strlen(name)),
		     st->root);
		free(real);
		ldns_rdf_deep_free(origin);
		return;
	}
	char errbuf[PATH_MAX + 128];
	/* the included file's display path: as written, relative to the includer */
	const zl_file_t *pf = &ld->set->files[st->file];
	char disp[PATH_MAX * 2];
	const char *slash = strrchr(pf->display, '/');
	if (name[0] == '/' || !slash)
		snprintf(disp, sizeof(disp), "%s", name);
	else
		snprintf(disp, sizeof(disp), "%.*s/%s", (int)(slash - pf->display), pf->display,
			 name);
	load_file(ld, real, disp, st, origin ? origin : st->origin, e->line, errbuf,
		  sizeof(errbuf));
	free(real);
	ldns_rdf_deep_free(origin);
}

static void handle_directive(zl_loader_t *ld, fstate_t *st, const entry_t *e)
{
	char t[1024], esc[300];
	tok_str(e, 0, t, sizeof(t));
	if (!strcasecmp(t, "$ORIGIN")) {
		char nbuf[1024];
		if (e->ntok != 2) {
			diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0, "$ORIGIN takes one name");
			return;
		}
		ldns_rdf *o = make_name(tok_str(e, 1, nbuf, sizeof(nbuf)), st->origin);
		if (!o) {
			diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0, "invalid $ORIGIN '%s'",
			     zl_escape(esc, sizeof(esc), nbuf, strlen(nbuf)));
			return;
		}
		ldns_rdf_deep_free(st->origin);
		st->origin = o;
	} else if (!strcasecmp(t, "$TTL")) {
		char vbuf[256];
		uint32_t v;
		if (e->ntok != 2 || parse_ttl(tok_str(e, 1, vbuf, sizeof(vbuf)), &v) != 1) {
			diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0, "$TTL takes one TTL value");
			return;
		}
		st->default_ttl = v;
		st->have_ttl = 1;
	} else if (!strcasecmp(t, "$INCLUDE")) {
		handle_include(ld, st, e);
	} else if (!strcasecmp(t, "$GENERATE")) {
		zl_generate_t g;
		size_t off = e->tok[0].len + 1;
		if (e->ntok < 2 || off >= e->len) {
			diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0, "$GENERATE is incomplete");
			return;
		}
		zl_arena_t tmp;
		zl_arena_init(&tmp);
		int r = zl_generate_parse(&g, e->text + off, e->len - off, &tmp);
		if (r != 0) {
			diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0, "invalid $GENERATE: %s",
			     g.error.message ? g.error.message : "invalid directive");
			zl_arena_free(&tmp);
			return;
		}
		uint64_t n = 0;
		zl_generate_count(&g, &n);
		if (n > ld->opts.generate_limit) {
			diag(ld, ZL_DIAG_GENERATE_LIMIT, st, e->line, NULL, 0,
			     "$GENERATE would make %llu records, more than the limit of %llu; "
			     "not expanded", (unsigned long long)n,
			     (unsigned long long)ld->opts.generate_limit);
			zl_arena_free(&tmp);
			return;
		}
		genctx_t gc = { ld, st, e->line };
		r = zl_generate_expand(&g, gen_emit, &gc);
		if (r != 0)
			diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0, "invalid $GENERATE: %s",
			     g.error.message ? g.error.message : "invalid directive");
		zl_arena_free(&tmp);
	} else {
		diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0, "unknown directive '%s'",
		     zl_escape(esc, sizeof(esc), t, strlen(t)));
	}
}

/*
 * Scan and load text.  fixed_line: 0 normal file, 2 one $GENERATE line (the
 * whole text is one entry at @p first_line).
 */
/* One entry the scanner read: a diagnostic, a directive or a record. */
static void handle_entry(zl_loader_t *ld, fstate_t *st, const entry_t *e, int fixed_line)
{
	if (e->ntok == 0 && !e->error && !e->has_nul)
		return;
	if (e->has_nul) {
		diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0, "NUL byte in the zone file");
		return;
	}
	if (e->too_long) {
		diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0, "record text is longer than %u octets",
		     MAX_ENTRY);
		return;
	}
	if (e->error) {
		diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0, "%s", e->error);
		return;
	}
	if (e->text[0] == '$' && !e->leading_ws) {
		if (fixed_line) {
			diag(ld, ZL_DIAG_SYNTAX, st, e->line, NULL, 0,
			     "a directive cannot be generated");
			return;
		}
		handle_directive(ld, st, e);
		return;
	}
	handle_record(ld, st, e, fixed_line != 0);
}

/* Keep the resident set small on big files: what was parsed is not needed
 * again (the mapping is private and read-only). */
static void drop_pages(const fstate_t *st, const char **dropped, const char *upto)
{
	if (!st->mapped || upto - *dropped <= (8 << 20))
		return;
	uintptr_t from = ((uintptr_t)*dropped + 4095) & ~(uintptr_t)4095;
	uintptr_t to = (uintptr_t)upto & ~(uintptr_t)4095;
	if (to > from)
		madvise((void *)from, to - from, MADV_DONTNEED);
	*dropped = upto;
}

/*
 * The scanner ahead in a thread of its own (check --jobs): it fills batches
 * of entries, and this thread turns them into records, directives and
 * diagnostics in file order, as it would have scanned them itself.  The
 * scanner touches nothing shared: its suppression comments are kept with
 * the entry they were read with (from its own arena) and joined to the
 * loader's list when that entry is handled, so the list, the records and
 * the diagnostics are those of a run in one thread.
 */
#define PIPE_BATCH 512
#define PIPE_DEPTH 8
/* the scanner runs ahead of the records; it is woken only once the queue is
 * half empty, so it sleeps and wakes once per half queue, not per batch
 * (about 600 context switches on a zone of 1M records instead of 6,000) */
#define PIPE_WAKE (PIPE_DEPTH / 2)

typedef struct pipe_batch {
	entry_t ent[PIPE_BATCH];
	const char *endp[PIPE_BATCH]; /* where the scanner stood after each entry */
	unsigned n;
} pipe_batch_t;

typedef struct pipe {
	pthread_mutex_t mu;
	pthread_cond_t filled, emptied;
	pipe_batch_t b[PIPE_DEPTH];
	unsigned head, tail;          /* batches taken, batches filled */
	int done;
	scan_t s;
	uint16_t file;
	zl_arena_t arena;             /* the scanner's suppressions */
	/* the scanner gives memory to the index and the store ahead of the
	 * loading thread (zl_zoneset_populate) */
	zl_zoneset_t *set;
	void *table;
	size_t table_bytes;
	zl_populate_t pop;
} pipe_t;

static void *pipe_scan(void *arg)
{
	pipe_t *p = arg;
	int more = 1;
	while (more) {
		pthread_mutex_lock(&p->mu);
		while (p->tail - p->head == PIPE_DEPTH)
			pthread_cond_wait(&p->emptied, &p->mu);
		pthread_mutex_unlock(&p->mu);
		pipe_batch_t *b = &p->b[p->tail % PIPE_DEPTH];
		b->n = 0;
		while (b->n < PIPE_BATCH) {
			entry_t *e = &b->ent[b->n];
			e->supp_head = e->supp_tail = NULL;
			p->s.supp_head = &e->supp_head;
			p->s.supp_tail = &e->supp_tail;
			if (!scan_entry(&p->s, e, p->file)) {
				more = 0;
				break;
			}
			b->endp[b->n++] = p->s.p;
		}
		pthread_mutex_lock(&p->mu);
		p->tail++;
		p->done = !more;
		pthread_cond_signal(&p->filled);
		pthread_mutex_unlock(&p->mu);
		zl_zoneset_populate(p->set, p->table, p->table_bytes, &p->pop);
	}
	return NULL;
}

/*
 * Before @p cur is handled, start fetching the index slot of @p next's
 * owner: most names of a big zone are new, and the slot where a new name
 * goes is a cache miss that would otherwise stall the load once per name.
 * Only the owner written out and differing from @p cur's is worth it.
 */
static void prefetch_owner(zl_loader_t *ld, const fstate_t *st, const entry_t *cur,
			   const entry_t *next)
{
	struct zl_pf *pf = &ld->pf[ld->pf_next];
	ld->pf_next ^= 1;
	pf->key.textlen = 0;
	if (next->leading_ws || next->ntok == 0 || next->error || next->has_nul ||
	    next->too_long)
		return;
	const char *t = next->text + next->tok[0].off;
	size_t tl = next->tok[0].len;
	if (t[0] == '$' ||
	    (cur->ntok && !cur->leading_ws && cur->tok[0].len == tl &&
	     !memcmp(cur->text + cur->tok[0].off, t, tl)))
		return;
	size_t olen;
	const uint8_t *ow = origin_wire(st, &olen);
	size_t wl = zl_name_from_text(t, tl, ow, olen, pf->wire);
	if (!wl)
		return;
	pf->h = zl_zoneset_prefetch(ld->set, pf->wire, wl);
	pf->wirelen = wl;
	/* handle_record takes it for this text read against this origin only
	 * (the entry in between may change the origin): the wire form and the
	 * hashes follow from those two, so a match is never stale */
	key_set(&pf->key, t, tl, ow, olen);
}

/* Returns 0 when no thread could be started (then nothing was read). */
static int load_text_piped(zl_loader_t *ld, fstate_t *st, const char *data, size_t len)
{
	pipe_t *p = zl_xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->filled, NULL);
	pthread_cond_init(&p->emptied, NULL);
	zl_arena_init(&p->arena);
	p->s = (scan_t){ data, data + len, 1, 0, &p->arena, NULL, NULL };
	p->file = st->file;
	p->set = ld->set;
	p->table = ld->set->table;
	p->table_bytes = (size_t)ld->set->table_size * sizeof(*ld->set->table);
	pthread_t tid;
	int ok = pthread_create(&tid, NULL, pipe_scan, p) == 0;
	if (ok) {
		const char *dropped = data;
		ld->piping = 1;
		for (;;) {
			pthread_mutex_lock(&p->mu);
			while (p->head == p->tail && !p->done)
				pthread_cond_wait(&p->filled, &p->mu);
			int end = p->head == p->tail;
			pthread_mutex_unlock(&p->mu);
			if (end)
				break;
			pipe_batch_t *b = &p->b[p->head % PIPE_DEPTH];
			for (unsigned k = 0; k < b->n; k++) {
				entry_t *e = &b->ent[k];
				if (e->supp_head) {
					if (ld->supps_tail)
						ld->supps_tail->next = e->supp_head;
					else
						ld->supps = e->supp_head;
					ld->supps_tail = e->supp_tail;
				}
				if (k + 1 < b->n)
					prefetch_owner(ld, st, e, &b->ent[k + 1]);
				handle_entry(ld, st, e, 0);
				drop_pages(st, &dropped, b->endp[k]);
			}
			pthread_mutex_lock(&p->mu);
			p->head++;
			if (p->tail - p->head <= PIPE_WAKE)
				pthread_cond_signal(&p->emptied);
			pthread_mutex_unlock(&p->mu);
		}
		ld->piping = 0;
		pthread_join(tid, NULL);
		zl_arena_adopt(&ld->set->arena, &p->arena);
	}
	for (unsigned i = 0; i < PIPE_DEPTH; i++)
		for (unsigned k = 0; k < PIPE_BATCH; k++) {
			free(p->b[i].ent[k].text);
			free(p->b[i].ent[k].tok);
		}
	zl_arena_free(&p->arena);
	pthread_cond_destroy(&p->emptied);
	pthread_cond_destroy(&p->filled);
	pthread_mutex_destroy(&p->mu);
	free(p);
	return ok;
}

static void load_text(zl_loader_t *ld, fstate_t *st, const char *data, size_t len,
		      uint32_t first_line, int fixed_line)
{
	size_t min = ld->opts.pipe_min_bytes ? ld->opts.pipe_min_bytes : PIPE_MIN_BYTES;
	if (!fixed_line && first_line == 1 && ld->opts.jobs > 1 && !ld->piping && len >= min &&
	    load_text_piped(ld, st, data, len))
		return;
	scan_t s = { data, data + len, first_line, fixed_line != 0, &ld->set->arena, &ld->supps,
		     &ld->supps_tail };
	const char *dropped = data; /* mapped pages before this are released */
	/* entries of a $GENERATE line must not clobber the caller's entry */
	entry_t local = { 0 };
	entry_t *e = fixed_line ? &local : &ld->ent;
	while (scan_entry(&s, e, st->file)) {
		handle_entry(ld, st, e, fixed_line);
		if (!fixed_line)
			drop_pages(st, &dropped, s.p);
	}
	free(local.text);
	free(local.tok);
}

/* Read a whole file: mmap when it is a regular file, so pages can be dropped. */
typedef struct filedata {
	const char *data;
	size_t len;
	void *map;
	char *heap;
} filedata_t;

static int read_file(const char *path, filedata_t *fd_out, struct stat *stout, char *errbuf,
		     size_t errlen)
{
	memset(fd_out, 0, sizeof(*fd_out));
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		snprintf(errbuf, errlen, "cannot read '%s': %s", path, strerror(errno));
		return ZL_EIO;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		snprintf(errbuf, errlen, "cannot read '%s': %s", path, strerror(errno));
		close(fd);
		return ZL_EIO;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(errbuf, errlen, "cannot read '%s': it is a folder", path);
		close(fd);
		return ZL_EIO;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(errbuf, errlen, "cannot read '%s': not a regular file", path);
		close(fd);
		return ZL_EIO;
	}
	*stout = st;
	if (st.st_size > 0) {
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m == MAP_FAILED) {
			snprintf(errbuf, errlen, "cannot read '%s': %s", path, strerror(errno));
			close(fd);
			return ZL_EIO;
		}
		madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL);
		fd_out->map = m;
		fd_out->data = m;
		fd_out->len = (size_t)st.st_size;
	}
	close(fd);
	return 0;
}

static void release_file(filedata_t *f)
{
	if (f->map)
		munmap(f->map, f->len);
	free(f->heap);
}

static const uint8_t bom[3] = { 0xef, 0xbb, 0xbf };

static void load_data(zl_loader_t *ld, fstate_t *st, const char *data, size_t len)
{
	if (!data)
		data = ""; /* an empty file: no arithmetic on a null pointer */
	if (len >= 3 && !memcmp(data, bom, 3)) {
		diag(ld, ZL_DIAG_SYNTAX, st, 1, NULL, 0,
		     "file starts with a UTF-8 byte order mark, which BIND rejects");
		data += 3;
		len -= 3;
	}
	load_text(ld, st, data, len, 1, 0);
}

/* Decide the zone's origin: --origin, $ORIGIN at the top, the SOA owner, the file name. */
static ldns_rdf *infer_origin(zl_loader_t *ld, const char *data, size_t len, const char *path)
{
	char buf[1024];
	if (ld->opts.origin) {
		ldns_rdf *o = make_name(ld->opts.origin, NULL);
		if (o && ldns_dname_str_absolute(ld->opts.origin))
			return o;
		ldns_rdf_deep_free(o);
		snprintf(buf, sizeof(buf), "%s.", ld->opts.origin);
		return make_name(buf, NULL);
	}
	if (!data)
		data = "";
	/* suppression comments are not collected here: no sink */
	scan_t s = { data, data + len, 1, 0, NULL, NULL, NULL };
	if (len >= 3 && !memcmp(data, bom, 3))
		s.p += 3;
	entry_t e = { 0 };
	ldns_rdf *o = NULL;
	/* absolute names seen near the top, to choose among file-name guesses */
	char cand[2][1024];
	unsigned score[2] = { 0, 0 };
	int ncand = 0, first_record = 1;
	if (origin_from_filename(path, cand[0], sizeof(cand[0]))) {
		ncand = 1;
		/* "01-example.com.zone": a numeric ordering prefix */
		const char *c = cand[0];
		while (*c >= '0' && *c <= '9')
			c++;
		if (c != cand[0] && (*c == '-' || *c == '_') && c[1] && c[1] != '.') {
			snprintf(cand[1], sizeof(cand[1]), "%s", c + 1);
			ncand = 2;
		}
	}
	for (int n = 0; n < 200 && scan_entry(&s, &e, 0); n++) {
		if (e.ntok == 0)
			continue;
		tok_str(&e, 0, buf, sizeof(buf));
		if (!e.leading_ws && !strcasecmp(buf, "$ORIGIN") && e.ntok == 2) {
			tok_str(&e, 1, buf, sizeof(buf));
			if (ldns_dname_str_absolute(buf) && first_record)
				o = make_name(buf, NULL);
			break;
		}
		if (buf[0] == '$' && !e.leading_ws)
			continue;
		/* the first record: its owner if absolute and it is the SOA */
		if (first_record && !e.leading_ws && ldns_dname_str_absolute(buf)) {
			for (size_t i = 1; i < e.ntok && i < 4; i++) {
				char tb[64];
				if (!strcasecmp(tok_str(&e, i, tb, sizeof(tb)), "SOA")) {
					o = make_name(buf, NULL);
					break;
				}
			}
			if (o)
				break;
		}
		first_record = 0;
		if (ncand < 2)
			break;
		for (size_t i = 0; i < e.ntok; i++) {
			tok_str(&e, i, buf, sizeof(buf));
			size_t bl = strlen(buf);
			if (bl < 3 || buf[bl - 1] != '.' || buf[0] == '"')
				continue;
			for (int k = 0; k < ncand; k++) {
				size_t cl = strlen(cand[k]);
				if (bl >= cl && !strcasecmp(buf + bl - cl, cand[k]) &&
				    (bl == cl || buf[bl - cl - 1] == '.'))
					score[k]++;
			}
		}
	}
	free(e.text);
	free(e.tok);
	if (!o && ncand)
		o = make_name(cand[ncand == 2 && score[1] > score[0] ? 1 : 0], NULL);
	if (!o)
		o = make_name(".", NULL);
	return o;
}

/* One run reads at most ZL_FILES_MAX files: a record names its file in 16
 * bits, and that file's zone is the record's zone. */
static int too_many_files(const char *display, char *errbuf, size_t errlen)
{
	char esc[PATH_MAX];
	snprintf(errbuf, errlen, "'%s' not read: one run reads at most %u files; lint the "
		 "rest in another run", zl_escape(esc, sizeof(esc), display, strlen(display)),
		 ZL_FILES_MAX);
	return ZL_EIO;
}

/* A snapshot of names outside the loaded zones: one external zone, apex the
 * root, so every absolute name fits; includes are refused (no folder). */
static void load_external(zl_loader_t *ld, const char *path, const char *display,
			  const char *data, size_t len, bool live)
{
	uint16_t fidx = zl_zoneset_add_file(ld->set, path, display);
	if (fidx == ZL_FILES_FULL)
		return; /* zl_loader_load_external said so */
	zl_zone_t *z = zl_external_zone(ld->set, fidx);
	if (!z)
		return;
	zl_external_read_comments(ld->set, z, fidx, data, len, live);
	fstate_t st = { 0 };
	st.file = fidx;
	st.zone = z;
	st.origin = make_name(".", NULL);
	load_data(ld, &st, data, len);
	ldns_rdf_deep_free(st.origin);
}

int zl_loader_load_external(zl_loader_t *ld, const char *path, const char *display,
			    const char *data, size_t len, char *errbuf, size_t errlen)
{
	if (ld->set->nfiles >= ZL_FILES_MAX)
		return too_many_files(display, errbuf, errlen);
	if (data) {
		load_external(ld, path, display, data, len, true);
		return 0;
	}
	filedata_t fd;
	struct stat sb;
	int r = read_file(path, &fd, &sb, errbuf, errlen);
	if (r)
		return r;
	load_external(ld, path, display, fd.data, fd.len, false);
	release_file(&fd);
	return 0;
}

static int load_file(zl_loader_t *ld, const char *path, const char *display, fstate_t *parent,
		     const ldns_rdf *origin, uint32_t inc_line, char *errbuf, size_t errlen)
{
	filedata_t fd;
	struct stat sb;
	int r = ld->set->nfiles >= ZL_FILES_MAX ? too_many_files(display, errbuf, errlen)
						: read_file(path, &fd, &sb, errbuf, errlen);
	if (r != 0) {
		if (parent) {
			char esc[PATH_MAX];
			diag(ld, ZL_DIAG_INCLUDE_UNREADABLE, parent, inc_line, NULL, 0, "%s",
			     zl_escape(esc, sizeof(esc), errbuf, strlen(errbuf)));
		}
		return r;
	}
	if (parent) {
		for (unsigned i = 0; i < ld->depth; i++) {
			if (ld->stack[i].dev == sb.st_dev && ld->stack[i].ino == sb.st_ino) {
				char chain[4096];
				size_t o = 0;
				for (unsigned k = i; k < ld->depth && o < sizeof(chain) - 8; k++)
					o += (size_t)snprintf(chain + o, sizeof(chain) - o, "%s -> ",
							      ld->stack[k].path);
				snprintf(chain + (o < sizeof(chain) ? o : sizeof(chain) - 1),
					 sizeof(chain) - (o < sizeof(chain) ? o : sizeof(chain) - 1),
					 "%s", display);
				char esc[4200];
				diag(ld, ZL_DIAG_INCLUDE_CYCLE, parent, inc_line, NULL, 0,
				     "$INCLUDE cycle: %s", zl_escape(esc, sizeof(esc), chain,
								      strlen(chain)));
				release_file(&fd);
				return 0;
			}
		}
		if (ld->depth >= ld->opts.max_include_depth) {
			diag(ld, ZL_DIAG_INCLUDE_DEPTH, parent, inc_line, NULL, 0,
			     "$INCLUDE nested more than %u deep; '%s' not read",
			     ld->opts.max_include_depth, display);
			release_file(&fd);
			return 0;
		}
	}
	if (!parent && zl_external_is_snapshot(fd.data, fd.len)) {
		/* a snapshot (zonelint snapshot) given as a path is consulted, not linted */
		load_external(ld, path, display, fd.data, fd.len, false);
		release_file(&fd);
		return 0;
	}
	/* about one new name per 100 octets of zone text (a generated mail
	 * zone has one per 102): sized once, the index does not rehash while
	 * a big file loads.  A rehash reads every node again, so guessing a
	 * little high is cheaper than guessing low. */
	zl_zoneset_reserve(ld->set, fd.len / 100);
	uint16_t fidx = zl_zoneset_add_file(ld->set, path, display);
	fstate_t st = { 0 };
	st.file = fidx;
	char *dirc = zl_arena_strdup(&ld->arena, path);
	char *slash = strrchr(dirc, '/');
	if (slash == dirc)
		dirc[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		dirc = zl_arena_strdup(&ld->arena, ".");
	st.dir = dirc;
	if (parent) {
		st.zone = parent->zone;
		st.root = parent->root;
		st.origin = ldns_rdf_clone(origin);
		st.default_ttl = parent->default_ttl;
		st.have_ttl = parent->have_ttl;
		st.last_ttl = parent->last_ttl;
		st.have_last_ttl = parent->have_last_ttl;
		st.zone_class = parent->zone_class;
		st.prev = parent->prev;
	} else {
		char *rdir = realpath(dirc, NULL);
		st.root = zl_arena_strdup(&ld->arena, rdir ? rdir : dirc);
		free(rdir);
		st.origin = infer_origin(ld, fd.data, fd.len, path);
		st.zone = zl_zoneset_add_zone(ld->set, intern_rdf(ld->set, st.origin), fidx);
	}
	if (ld->depth < ZL_ARRAY_SIZE(ld->stack)) {
		ld->stack[ld->depth].dev = sb.st_dev;
		ld->stack[ld->depth].ino = sb.st_ino;
		ld->stack[ld->depth].path = ld->set->files[fidx].display;
	}
	ld->depth++;
	st.mapped = fd.map != NULL;
	load_data(ld, &st, fd.data, fd.len);
	ld->depth--;
	if (!parent)
		zl_zoneset_forget_tails(ld->set); /* the next zone's records are its own */
	if (parent) {
		/* the includer's TTL state continues; origin and owner revert */
		parent->default_ttl = st.default_ttl;
		parent->have_ttl = st.have_ttl;
		parent->last_ttl = st.last_ttl;
		parent->have_last_ttl = st.have_last_ttl;
		parent->zone_class = st.zone_class;
	}
	ldns_rdf_deep_free(st.origin);
	release_file(&fd);
	return 0;
}

int zl_loader_load_buffer(zl_loader_t *ld, const char *display, const char *data, size_t len)
{
	uint16_t fidx = zl_zoneset_add_file(ld->set, display, display);
	if (fidx == ZL_FILES_FULL)
		return ZL_EIO;
	fstate_t st = { 0 };
	st.file = fidx;
	st.origin = infer_origin(ld, data, len, display);
	st.zone = zl_zoneset_add_zone(ld->set, intern_rdf(ld->set, st.origin), fidx);
	load_data(ld, &st, data, len);
	ldns_rdf_deep_free(st.origin);
	return 0;
}

static int zone_file_name(const char *n)
{
	size_t l = strlen(n);
	return (l > 5 && !strcmp(n + l - 5, ".zone")) || (l > 3 && !strcmp(n + l - 3, ".db")) ||
	       (l > 3 && !strncmp(n, "db.", 3));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One path of a folder walk that cannot be read: every one is reported
 * (through the io_error callback), and the walk fails. */
static void walk_error(zl_loader_t *ld, char *errbuf, size_t errlen, int *result,
		       const char *msg)
{
	if (ld->opts.io_error)
		ld->opts.io_error(ld->opts.io_error_arg, msg);
	else if (!*result)
		snprintf(errbuf, errlen, "%s", msg);
	*result = ZL_EIO;
}

static int walk_dir(zl_loader_t *ld, const char *dir, const char *root_real, unsigned depth,
		    char *errbuf, size_t errlen)
{
	int result = 0;
	char msg[PATH_MAX + 128];
	if (depth > 64) {
		snprintf(msg, sizeof(msg), "cannot read folder '%s': nested more than 64 deep",
			 dir);
		walk_error(ld, errbuf, errlen, &result, msg);
		return result;
	}
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(msg, sizeof(msg), "cannot read folder '%s': %s", dir, strerror(errno));
		walk_error(ld, errbuf, errlen, &result, msg);
		return result;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = zl_xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = strdup(de->d_name);
		if (!names[n - 1])
			zl_oom();
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		char path[PATH_MAX];
		int pl = snprintf(path, sizeof(path), "%s%s%s", dir,
				  dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		if (pl < 0 || (size_t)pl >= sizeof(path)) {
			snprintf(msg, sizeof(msg), "cannot read '%s/%s': the path is too long", dir,
				 names[i]);
			walk_error(ld, errbuf, errlen, &result, msg);
			continue;
		}
		struct stat sb;
		if (lstat(path, &sb) != 0) {
			snprintf(msg, sizeof(msg), "cannot read '%s': %s", path, strerror(errno));
			walk_error(ld, errbuf, errlen, &result, msg);
			continue;
		}
		if (S_ISDIR(sb.st_mode)) {
			char eb[PATH_MAX + 64];
			eb[0] = '\0';
			if (walk_dir(ld, path, root_real, depth + 1, eb, sizeof(eb))) {
				if (!result && eb[0])
					snprintf(errbuf, errlen, "%s", eb);
				result = ZL_EIO;
			}
			continue;
		}
		if (!zone_file_name(names[i]))
			continue;
		/* from here on the name says zone file: what cannot be read is an error,
		 * never a silent skip */
		if (S_ISLNK(sb.st_mode)) {
			/* a link is read only when its target stays inside the folder */
			char *real = realpath(path, NULL);
			struct stat tb;
			const char *why = NULL;
			if (!real || stat(real, &tb) != 0)
				why = strerror(errno);
			else if (!S_ISREG(tb.st_mode))
				why = "the link leads to something that is not a regular file";
			else if (!path_under(real, root_real))
				why = "the link leads out of the folder that was named";
			free(real);
			if (why) {
				snprintf(msg, sizeof(msg), "cannot read '%s': %s", path, why);
				walk_error(ld, errbuf, errlen, &result, msg);
				continue;
			}
		} else if (!S_ISREG(sb.st_mode)) {
			snprintf(msg, sizeof(msg), "cannot read '%s': not a regular file", path);
			walk_error(ld, errbuf, errlen, &result, msg);
			continue;
		}
		char eb[PATH_MAX + 64];
		if (load_file(ld, path, path, NULL, NULL, 0, eb, sizeof(eb)))
			walk_error(ld, errbuf, errlen, &result, eb);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return result;
}

int zl_loader_load_path(zl_loader_t *ld, const char *path, char *errbuf, size_t errlen)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		snprintf(errbuf, errlen, "cannot read '%s': %s", path, strerror(errno));
		return ZL_EIO;
	}
	if (S_ISDIR(sb.st_mode)) {
		char *real = realpath(path, NULL);
		if (errlen)
			errbuf[0] = '\0';
		int r = walk_dir(ld, path, real ? real : path, 0, errbuf, errlen);
		free(real);
		return r;
	}
	return load_file(ld, path, path, NULL, NULL, 0, errbuf, errlen);
}
