/* zonelint: record sets from a policy, and the one printer for them and the suggestions.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "generate.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>
#include <openssl/evp.h>

#include "report.h"
#include "util.h"

/* ---- the record set ---- */

void zl_recset_init(zl_recset_t *rs, zl_arena_t *arena, const char *kind)
{
	memset(rs, 0, sizeof(*rs));
	rs->arena = arena;
	rs->kind = kind;
}

bool zl_recset_empty(const zl_recset_t *rs)
{
	if (rs->nfiles)
		return false;
	for (size_t i = 0; i < rs->nblocks; i++)
		if (rs->blocks[i]->nrrs)
			return false;
	return true;
}

/* Append to an arena-owned pointer array, doubling as needed. */
static void *grow(zl_arena_t *a, void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	size_t nc = *cap ? *cap * 2 : 8;
	void *nv = zl_arena_alloc(a, nc * size);
	if (n)
		memcpy(nv, v, n * size);
	*cap = nc;
	return nv;
}

static char *vfmt(zl_arena_t *a, const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	char *s = zl_arena_alloc(a, (size_t)(n > 0 ? n : 0) + 1);
	vsnprintf(s, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
	return s;
}

static void push_line(zl_arena_t *a, const char ***v, size_t *n, const char *s)
{
	/* line arrays are small; a fresh copy per push keeps the code obvious */
	const char **nv = zl_arena_alloc(a, (*n + 1) * sizeof(*nv));
	if (*n)
		memcpy(nv, *v, *n * sizeof(*nv));
	nv[(*n)++] = s;
	*v = nv;
}

void zl_recset_header(zl_recset_t *rs, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vfmt(rs->arena, fmt, ap);
	va_end(ap);
	push_line(rs->arena, &rs->header, &rs->nheader, s);
}

zl_recset_block_t *zl_recset_block(zl_recset_t *rs, const char *zone, const char *fmt, ...)
{
	zl_recset_block_t *b = zl_arena_calloc(rs->arena, sizeof(*b));
	va_list ap;
	va_start(ap, fmt);
	b->title = vfmt(rs->arena, fmt, ap);
	va_end(ap);
	b->zone = zone ? zl_arena_strdup(rs->arena, zone) : NULL;
	rs->blocks = grow(rs->arena, rs->blocks, rs->nblocks, &rs->cap, sizeof(*rs->blocks));
	rs->blocks[rs->nblocks++] = b;
	return b;
}

void zl_recset_note(zl_recset_t *rs, zl_recset_block_t *b, bool tail, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vfmt(rs->arena, fmt, ap);
	va_end(ap);
	if (tail)
		push_line(rs->arena, &b->tail, &b->ntail, s);
	else
		push_line(rs->arena, &b->notes, &b->nnotes, s);
}

zl_recset_rr_t *zl_recset_add(zl_recset_t *rs, zl_recset_block_t *b, const char *owner,
			      uint32_t ttl, uint16_t type, const char *text, const char *rdata)
{
	b->rrs = grow(rs->arena, b->rrs, b->nrrs, &b->cap, sizeof(*b->rrs));
	zl_recset_rr_t *rr = &b->rrs[b->nrrs++];
	memset(rr, 0, sizeof(*rr));
	rr->owner = zl_arena_strdup(rs->arena, owner);
	rr->ttl = ttl;
	rr->type = type;
	if (text) {
		rr->text = zl_arena_strdup(rs->arena, text);
		rr->rdata = zl_generate_txt_rdata(rs->arena, text, strlen(text));
	} else {
		rr->rdata = zl_arena_strdup(rs->arena, rdata ? rdata : "");
	}
	return rr;
}

void zl_recset_file(zl_recset_t *rs, const char *url, const char *text)
{
	zl_recset_file_t *nv = zl_arena_alloc(rs->arena, (rs->nfiles + 1) * sizeof(*nv));
	if (rs->nfiles)
		memcpy(nv, rs->files, rs->nfiles * sizeof(*nv));
	nv[rs->nfiles].url = zl_arena_strdup(rs->arena, url);
	nv[rs->nfiles].text = zl_arena_strdup(rs->arena, text);
	rs->files = nv;
	rs->nfiles++;
}

char *zl_generate_txt_rdata(zl_arena_t *arena, const char *text, size_t len)
{
	/* worst case: every byte \DDD, plus quotes and a space per piece */
	size_t pieces = len / 255 + 1;
	char *out = zl_arena_alloc(arena, len * 4 + pieces * 3 + 1);
	size_t o = 0;
	size_t i = 0;
	do {
		size_t end = i + 255 < len ? i + 255 : len;
		if (i)
			out[o++] = ' ';
		out[o++] = '"';
		for (; i < end; i++) {
			unsigned char c = (unsigned char)text[i];
			if (c == '"' || c == '\\') {
				out[o++] = '\\';
				out[o++] = (char)c;
			} else if (c < 0x20 || c > 0x7e) {
				o += (size_t)sprintf(out + o, "\\%03u", c);
			} else {
				out[o++] = (char)c;
			}
		}
		out[o++] = '"';
	} while (i < len);
	out[o] = '\0';
	return out;
}

/* ---- the printer ---- */

static void put_comment_lines(FILE *out, const char *text)
{
	/* text may hold several lines; each becomes a comment */
	while (text && *text) {
		const char *e = strchr(text, '\n');
		size_t l = e ? (size_t)(e - text) : strlen(text);
		fputs(l ? "; " : ";", out);
		fwrite(text, 1, l, out);
		fputc('\n', out);
		text += l + (e ? 1 : 0);
	}
}

static void put_rr_line(FILE *out, const zl_recset_rr_t *rr)
{
	char tb[16];
	fprintf(out, "%s %u IN %s %s", rr->owner, rr->ttl, zl_type_str(rr->type, tb), rr->rdata);
}

static void put_file_comment(FILE *out, const zl_recset_file_t *f)
{
	fprintf(out, "; serve this file as %s\n", f->url);
	fputs("; (the text between the marker lines, not the \"; \" in front):\n", out);
	fputs("; ---- begin ----\n", out);
	put_comment_lines(out, f->text);
	fputs("; ---- end ----\n", out);
}

/* nsupdate reads an empty line as "send": blocks are separated by ";" there */
static void separator(FILE *out, bool nsupdate)
{
	fputs(nsupdate ? ";\n" : "\n", out);
}

static void print_zone(FILE *out, const zl_recset_t *rs, bool nsupdate)
{
	for (size_t i = 0; i < rs->nheader; i++)
		put_comment_lines(out, rs->header[i]);
	bool first = rs->nheader == 0;
	for (size_t i = 0; i < rs->nblocks; i++) {
		const zl_recset_block_t *b = rs->blocks[i];
		if (!b->nrrs)
			continue;
		if (!first)
			separator(out, nsupdate);
		first = false;
		put_comment_lines(out, b->title);
		for (size_t k = 0; k < b->nnotes; k++)
			put_comment_lines(out, b->notes[k]);
		if (nsupdate && b->zone)
			fprintf(out, "zone %s\n", b->zone);
		for (size_t k = 0; k < b->nrrs; k++) {
			const zl_recset_rr_t *rr = &b->rrs[k];
			put_comment_lines(out, rr->comment);
			if (nsupdate) {
				char tb[16];
				if (rr->remove)
					fprintf(out, "update delete %s %s %s\n", rr->owner,
						zl_type_str(rr->type, tb), rr->rdata);
				else
					fprintf(out, "update add %s %u IN %s %s\n", rr->owner,
						rr->ttl, zl_type_str(rr->type, tb), rr->rdata);
				continue;
			}
			if (rr->remove) {
				fprintf(out, "; remove%s%s: ", rr->origin ? " " : "",
					rr->origin ? rr->origin : "");
				put_rr_line(out, rr);
			} else {
				put_rr_line(out, rr);
			}
			fputc('\n', out);
		}
		for (size_t k = 0; k < b->ntail; k++)
			put_comment_lines(out, b->tail[k]);
		if (nsupdate)
			fputs("send\n", out);
	}
	for (size_t i = 0; i < rs->nfiles; i++) {
		if (!first)
			separator(out, nsupdate);
		first = false;
		put_file_comment(out, &rs->files[i]);
	}
}

static void json_lines(FILE *out, const char *key, const char *const *v, size_t n)
{
	fprintf(out, "\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', out);
		zl_json_string(out, v[i]);
	}
	fputc(']', out);
}

static void print_json(FILE *out, const zl_recset_t *rs)
{
	fputs("{\"version\":1,\"kind\":", out);
	zl_json_string(out, rs->kind);
	fputs(",\n", out);
	json_lines(out, "comment", rs->header, rs->nheader);
	fputs(",\n\"blocks\":[", out);
	bool first = true;
	for (size_t i = 0; i < rs->nblocks; i++) {
		const zl_recset_block_t *b = rs->blocks[i];
		if (!b->nrrs)
			continue;
		fputs(first ? "\n" : ",\n", out);
		first = false;
		fputs("{\"title\":", out);
		zl_json_string(out, b->title);
		fputs(",\"zone\":", out);
		if (b->zone)
			zl_json_string(out, b->zone);
		else
			fputs("null", out);
		fputc(',', out);
		json_lines(out, "notes", b->notes, b->nnotes);
		fputs(",\"records\":[", out);
		for (size_t k = 0; k < b->nrrs; k++) {
			const zl_recset_rr_t *rr = &b->rrs[k];
			char tb[16];
			fputs(k ? ",\n " : "\n ", out);
			fprintf(out, "{\"action\":\"%s\",\"owner\":",
				rr->remove ? "delete" : "add");
			zl_json_string(out, rr->owner);
			fprintf(out, ",\"ttl\":%u,\"class\":\"IN\",\"type\":\"%s\",",
				rr->ttl, zl_type_str(rr->type, tb));
			fputs("\"rdata\":", out);
			zl_json_string(out, rr->rdata);
			if (rr->text) {
				fputs(",\"text\":", out);
				zl_json_string(out, rr->text);
			}
			if (rr->origin) {
				fputs(",\"origin\":", out);
				zl_json_string(out, rr->origin);
			}
			if (rr->comment) {
				fputs(",\"comment\":", out);
				zl_json_string(out, rr->comment);
			}
			fputc('}', out);
		}
		fputs("],", out);
		json_lines(out, "after", b->tail, b->ntail);
		fputc('}', out);
	}
	fputs("],\n\"files\":[", out);
	for (size_t i = 0; i < rs->nfiles; i++) {
		fputs(i ? ",\n" : "\n", out);
		fputs("{\"url\":", out);
		zl_json_string(out, rs->files[i].url);
		fputs(",\"text\":", out);
		zl_json_string(out, rs->files[i].text);
		fputc('}', out);
	}
	fputs("]}\n", out);
}

int zl_recset_print(FILE *out, const zl_recset_t *rs, zl_recset_format_t fmt)
{
	switch (fmt) {
	case ZL_RECSET_ZONE:
		print_zone(out, rs, false);
		break;
	case ZL_RECSET_NSUPDATE:
		print_zone(out, rs, true);
		break;
	case ZL_RECSET_JSON:
		print_json(out, rs);
		break;
	case ZL_RECSET_POLICY:
		for (size_t i = 0; i < rs->nfiles; i++)
			fputs(rs->files[i].text, out);
		break;
	case ZL_RECSET_BARE:
		for (size_t i = 0; i < rs->nblocks; i++)
			for (size_t k = 0; k < rs->blocks[i]->nrrs; k++) {
				const zl_recset_rr_t *rr = &rs->blocks[i]->rrs[k];
				if (rr->remove)
					continue;
				put_rr_line(out, rr);
				fputc('\n', out);
			}
		break;
	}
	return ferror(out) ? ZL_EIO : 0;
}

/* ---- checking what people type ---- */

static void set_err(char *err, size_t errlen, const char *fmt, ...) ZL_PRINTF(3, 4);
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	if (!err || !errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static bool is_ldh(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-';
}

int zl_generate_domain(zl_arena_t *arena, const char *in, bool underscore, const char **out,
		       char *err, size_t errlen)
{
	char shown[300];
	size_t len = in ? strlen(in) : 0;
	zl_escape(shown, sizeof(shown), in ? in : "", len);
	if (len && in[len - 1] == '.')
		len--;
	if (len == 0) {
		set_err(err, errlen, "'%s' is not a domain name: it is empty", shown);
		return ZL_EINVAL;
	}
	if (len > 253) {
		set_err(err, errlen, "'%s' is not a domain name: longer than 253 octets", shown);
		return ZL_EINVAL;
	}
	size_t labels = 0, start = 0;
	bool last_numeric = true;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && in[i] != '.')
			continue;
		size_t l = i - start;
		const char *lab = in + start;
		if (l == 0) {
			set_err(err, errlen, "'%s' is not a domain name: it has an empty label",
				shown);
			return ZL_EINVAL;
		}
		if (l > 63) {
			set_err(err, errlen,
				"'%s' is not a domain name: a label is longer than 63 octets",
				shown);
			return ZL_EINVAL;
		}
		last_numeric = true;
		for (size_t k = 0; k < l; k++) {
			int c = (unsigned char)lab[k];
			if (!(c >= '0' && c <= '9'))
				last_numeric = false;
			if (is_ldh(c) || (c == '_' && underscore))
				continue;
			set_err(err, errlen,
				"'%s' is not a domain name: labels are letters, digits and '-'%s "
				"(write international names as xn-- A-labels)", shown,
				underscore ? " (and '_')" : "");
			return ZL_EINVAL;
		}
		if (lab[0] == '-' || lab[l - 1] == '-') {
			set_err(err, errlen,
				"'%s' is not a domain name: a label starts or ends with '-'",
				shown);
			return ZL_EINVAL;
		}
		labels++;
		start = i + 1;
	}
	if (labels < 2) {
		set_err(err, errlen, "'%s' is not a domain name: it has a single label", shown);
		return ZL_EINVAL;
	}
	if (last_numeric) {
		set_err(err, errlen, "'%s' is not a domain name: the last label is all digits",
			shown);
		return ZL_EINVAL;
	}
	char *n = zl_arena_alloc(arena, len + 2);
	for (size_t i = 0; i < len; i++)
		n[i] = (char)((in[i] >= 'A' && in[i] <= 'Z') ? in[i] + 32 : in[i]);
	n[len] = '.';
	n[len + 1] = '\0';
	*out = n;
	return 0;
}

/* Any name ldns can parse (for the checks' zone names), lower case, absolute. */
static int lenient_name(zl_arena_t *arena, const char *in, const char **out)
{
	size_t l = in ? strlen(in) : 0;
	if (l == 0 || l > 1020)
		return ZL_EINVAL;
	char *n = zl_arena_alloc(arena, l + 2);
	for (size_t i = 0; i < l; i++)
		n[i] = (char)((in[i] >= 'A' && in[i] <= 'Z') ? in[i] + 32 : in[i]);
	if (n[l - 1] != '.' || (l >= 2 && n[l - 2] == '\\'))
		n[l++] = '.';
	n[l] = '\0';
	ldns_rdf *d = NULL;
	if (ldns_str2rdf_dname(&d, n) != LDNS_STATUS_OK)
		return ZL_EINVAL;
	ldns_rdf_deep_free(d);
	*out = n;
	return 0;
}

/* "a.example." without its dot, for URIs and the policy file. */
static const char *nodot(zl_arena_t *a, const char *name)
{
	size_t l = strlen(name);
	return zl_arena_strndup(a, name, l && name[l - 1] == '.' ? l - 1 : l);
}

/* Whether one of the two names is at or below the other (same organization, as
 * far as can be told without the public suffix list).  Both absolute. */
static bool related(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la == lb)
		return !strcmp(a, b);
	const char *lo = la > lb ? a : b, *sh = la > lb ? b : a;
	size_t ll = la > lb ? la : lb, ls = la > lb ? lb : la;
	return lo[ll - ls - 1] == '.' && !strcmp(lo + ll - ls, sh);
}

/*
 * A report URI: mailto: always, https: when allowed.  The characters that
 * separate URIs and tags must be %-encoded inside one (RFC 7489 section 6.4,
 * RFC 8460 section 3).  On success *host is the mailbox domain (absolute,
 * lower case) for mailto:, else NULL.
 */
static int check_uri(zl_arena_t *a, const char *s, bool https_ok, const char *what,
		     const char **host, char *err, size_t errlen)
{
	char shown[300];
	size_t len = strlen(s);
	zl_escape(shown, sizeof(shown), s, len);
	*host = NULL;
	const char *bad = strpbrk(s, ",;! \t");
	if (bad) {
		set_err(err, errlen, "'%s' is not a %s URI: write '%c' as %%%02X", shown, what,
			*bad, (unsigned char)*bad);
		return ZL_EINVAL;
	}
	zl_tv_uri_t u;
	zl_tv_uri_err_t e = zl_tv_uri_parse(&u, s, len, 0);
	if (e == ZL_TV_URI_E_NO_SCHEME && strchr(s, '@')) {
		set_err(err, errlen, "'%s' is not a %s URI: write mailto:%s", shown, what, shown);
		return ZL_EINVAL;
	}
	if (e != ZL_TV_URI_E_OK) {
		set_err(err, errlen, "'%s' is not a %s URI: %s", shown, what,
			zl_tv_uri_strerror(e));
		return ZL_EINVAL;
	}
	if (u.scheme == ZL_TV_SCHEME_MAILTO) {
		const char *h = NULL;
		char *hs = zl_arena_strndup(a, u.host, u.host_len);
		if (zl_generate_domain(a, hs, false, &h, NULL, 0)) {
			set_err(err, errlen, "'%s' is not a %s URI: the mailbox domain is not a "
				"domain name", shown, what);
			return ZL_EINVAL;
		}
		*host = h;
		return 0;
	}
	if (u.scheme == ZL_TV_SCHEME_HTTPS && https_ok)
		return 0;
	set_err(err, errlen, "'%s' is not a %s URI: use %s", shown, what,
		https_ok ? "mailto: or https:" : "mailto: (reports are sent by mail)");
	return ZL_EINVAL;
}

static char *join(zl_arena_t *a, const char *const *v, size_t n, const char *sep)
{
	size_t l = 1;
	for (size_t i = 0; i < n; i++)
		l += strlen(v[i]) + strlen(sep);
	char *s = zl_arena_alloc(a, l);
	s[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(s, sep);
		strcat(s, v[i]);
	}
	return s;
}

/* ---- DMARC, shared by parked, dmarc and --zone ---- */

/* A report domain that must authorize reports about a policy domain. */
typedef struct auth {
	const char *report;    /* mailbox domain, absolute */
	const char *policy;    /* domain the DMARC record is for, absolute */
} auth_t;

void zl_generate_dmarc_auth(zl_recset_t *rs, const char *const *policy, size_t npolicy,
			    const char *const *uris, size_t nuris, uint32_t ttl)
{
	zl_arena_t *a = rs->arena;
	auth_t *v = zl_arena_alloc(a, (npolicy * nuris + 1) * sizeof(*v));
	size_t n = 0;
	for (size_t p = 0; p < npolicy; p++)
		for (size_t i = 0; i < nuris; i++) {
			const char *host;
			if (check_uri(a, uris[i], false, "DMARC report", &host, NULL, 0) || !host ||
			    related(host, policy[p]))
				continue;
			bool dup = false;
			for (size_t k = 0; k < n; k++)
				dup |= !strcmp(v[k].report, host) &&
				       !strcmp(v[k].policy, policy[p]);
			if (dup)
				continue;
			v[n].report = host;
			v[n++].policy = policy[p];
		}
	/* one block per report domain, in order of first use */
	for (size_t i = 0; i < n; i++) {
		bool seen = false;
		for (size_t k = 0; k < i; k++)
			seen |= !strcmp(v[k].report, v[i].report);
		if (seen)
			continue;
		zl_recset_block_t *b = zl_recset_block(rs, NULL, "for the zone of %s: it agrees to "
			"receive the DMARC reports", nodot(a, v[i].report));
		zl_recset_note(rs, b, false, "(RFC 7489 section 7.1: receivers send no reports "
			       "to a domain that does not)");
		for (size_t k = i; k < n; k++) {
			if (strcmp(v[k].report, v[i].report))
				continue;
			char *owner = zl_arena_printf(a, "%s_report._dmarc.%s", v[k].policy,
						      v[k].report);
			zl_recset_add(rs, b, owner, ttl, ZL_TYPE_TXT, "v=DMARC1", NULL);
		}
	}
}

int zl_generate_dmarc_uris(zl_arena_t *a, const char *const *v, size_t n, char *err,
			   size_t errlen)
{
	for (size_t i = 0; i < n; i++) {
		const char *host;
		if (check_uri(a, v[i], false, "DMARC report", &host, err, errlen))
			return ZL_EINVAL;
		for (size_t k = 0; k < i; k++)
			if (!strcmp(v[k], v[i])) {
				char shown[300];
				set_err(err, errlen, "'%s' is given twice",
					zl_escape(shown, sizeof(shown), v[i], strlen(v[i])));
				return ZL_EINVAL;
			}
	}
	return 0;
}

static const char *policy_name(zl_dmarc_policy_t p)
{
	return p == ZL_DMARC_POLICY_NONE ? "none" :
	       p == ZL_DMARC_POLICY_QUARANTINE ? "quarantine" : "reject";
}

char *zl_generate_dmarc_record(zl_arena_t *a, const zl_dmarc_policy_opts_t *o)
{
	char *s = zl_arena_printf(a, "v=DMARC1; p=%s",
				  policy_name(o->p ? o->p : ZL_DMARC_POLICY_REJECT));
	if (o->sp != ZL_DMARC_POLICY_UNSET)
		s = zl_arena_printf(a, "%s; sp=%s", s, policy_name(o->sp));
	if (o->adkim != ZL_DMARC_ALIGN_UNSET)
		s = zl_arena_printf(a, "%s; adkim=%c", s,
				    o->adkim == ZL_DMARC_ALIGN_STRICT ? 's' : 'r');
	if (o->aspf != ZL_DMARC_ALIGN_UNSET)
		s = zl_arena_printf(a, "%s; aspf=%c", s,
				    o->aspf == ZL_DMARC_ALIGN_STRICT ? 's' : 'r');
	if (o->nrua)
		s = zl_arena_printf(a, "%s; rua=%s", s, join(a, o->rua, o->nrua, ","));
	if (o->nruf)
		s = zl_arena_printf(a, "%s; ruf=%s", s, join(a, o->ruf, o->nruf, ","));
	return s;
}

/* The parked DMARC policy with the given reports. */
zl_dmarc_policy_opts_t zl_generate_parked_dmarc(const char *const *rua, size_t nrua)
{
	zl_dmarc_policy_opts_t d;
	memset(&d, 0, sizeof(d));
	d.p = ZL_DMARC_POLICY_REJECT;
	d.sp = ZL_DMARC_POLICY_REJECT;
	d.adkim = ZL_DMARC_ALIGN_STRICT;
	d.aspf = ZL_DMARC_ALIGN_STRICT;
	d.rua = rua;
	d.nrua = nrua;
	return d;
}

/* ---- parked ---- */

char *zl_generate_wildcard_comment(zl_arena_t *arena, const char *domain)
{
	return zl_arena_printf(arena,
		"*.%s answers only for names that do not exist (RFC 4592): a name with\n"
		"records of its own (www with an address, say) gets nothing from it and\n"
		"needs its own MX 0 . and \"v=spf1 -all\".  It also answers TXT queries for\n"
		"_dmarc.<missing name>, with the SPF text; receivers discard a TXT record\n"
		"that does not start with v=DMARC1 and use the organizational domain's\n"
		"policy instead (RFC 7489 section 6.6.3), so DMARC is not weakened.",
		nodot(arena, domain));
}

static void parked_block(zl_recset_t *rs, const char *d, uint32_t ttl, const char *dmarc,
			 bool wildcard)
{
	zl_arena_t *a = rs->arena;
	zl_recset_block_t *b = zl_recset_block(rs, NULL, "%s sends and receives no mail",
					       nodot(a, d));
	zl_recset_add(rs, b, d, ttl, ZL_TYPE_MX, NULL, "0 .");
	zl_recset_add(rs, b, d, ttl, ZL_TYPE_TXT, ZL_GENERATE_SPF_NONE, NULL);
	zl_recset_add(rs, b, zl_arena_printf(a, "_dmarc.%s", d), ttl, ZL_TYPE_TXT, dmarc, NULL);
	zl_recset_add(rs, b, zl_arena_printf(a, "*._domainkey.%s", d), ttl, ZL_TYPE_TXT,
		      ZL_GENERATE_DKIM_REVOKED, NULL);
	if (!wildcard)
		return;
	const char *w = zl_arena_printf(a, "*.%s", d);
	zl_recset_rr_t *rr = zl_recset_add(rs, b, w, ttl, ZL_TYPE_MX, NULL, "0 .");
	rr->comment = zl_generate_wildcard_comment(a, d);
	zl_recset_add(rs, b, w, ttl, ZL_TYPE_TXT, ZL_GENERATE_SPF_NONE, NULL);
}

static int parked(zl_recset_t *rs, const char *const *domains, size_t ndomains,
		  const zl_parked_opts_t *o, bool strict, bool with_auth, char *err,
		  size_t errlen)
{
	zl_parked_opts_t def;
	memset(&def, 0, sizeof(def));
	if (!o)
		o = &def;
	if (ndomains == 0) {
		set_err(err, errlen, "no domain given");
		return ZL_EINVAL;
	}
	zl_arena_t *a = rs->arena;
	uint32_t ttl = o->ttl ? o->ttl : ZL_GENERATE_TTL;
	const char **names = zl_arena_alloc(a, ndomains * sizeof(*names));
	if (zl_generate_dmarc_uris(a, o->rua, o->nrua, err, errlen))
		return ZL_EINVAL;
	for (size_t i = 0; i < ndomains; i++) {
		int r = strict ? zl_generate_domain(a, domains[i], false, &names[i], err, errlen)
			       : lenient_name(a, domains[i], &names[i]);
		if (r) {
			if (!strict)
				set_err(err, errlen, "not a domain name");
			return ZL_EINVAL;
		}
		for (size_t k = 0; k < i; k++)
			if (!strcmp(names[k], names[i])) {
				set_err(err, errlen, "'%s' is given twice", nodot(a, names[i]));
				return ZL_EINVAL;
			}
	}
	zl_dmarc_policy_opts_t d = zl_generate_parked_dmarc(o->rua, o->nrua);
	const char *dmarc = zl_generate_dmarc_record(a, &d);
	for (size_t i = 0; i < ndomains; i++)
		parked_block(rs, names[i], ttl, dmarc, o->wildcard);
	if (with_auth)
		zl_generate_dmarc_auth(rs, names, ndomains, o->rua, o->nrua, ttl);
	return 0;
}

int zl_generate_parked(zl_recset_t *rs, const char *const *domains, size_t ndomains,
		       const zl_parked_opts_t *o, char *err, size_t errlen)
{
	zl_recset_t tmp;
	zl_recset_init(&tmp, rs->arena, rs->kind);
	int r = parked(&tmp, domains, ndomains, o, true, true, err, errlen);
	if (r)
		return r;
	zl_recset_header(rs, "zonelint generate parked: records for a domain that sends and "
			 "receives no mail.");
	zl_recset_header(rs, "Null MX refuses mail (RFC 7505), \"v=spf1 -all\" authorizes no "
			 "sender (RFC 7208),");
	zl_recset_header(rs, "DMARC p=reject asks receivers to reject mail that claims the "
			 "domain (RFC 7489),");
	zl_recset_header(rs, "and *._domainkey revokes every DKIM key (RFC 6376 section 3.6.1).");
	if (!o || !o->nrua)
		zl_recset_header(rs, "Add --rua mailto:ADDRESS to be told when someone sends "
				 "mail as the domain.");
	for (size_t i = 0; i < tmp.nblocks; i++) {
		rs->blocks = grow(rs->arena, rs->blocks, rs->nblocks, &rs->cap,
				  sizeof(*rs->blocks));
		rs->blocks[rs->nblocks++] = tmp.blocks[i];
	}
	return 0;
}

/* ---- dmarc ---- */

int zl_generate_dmarc(zl_recset_t *rs, const char *domain, const zl_dmarc_policy_opts_t *o,
		      char *err, size_t errlen)
{
	zl_arena_t *a = rs->arena;
	const char *d;
	if (zl_generate_domain(a, domain, false, &d, err, errlen))
		return ZL_EINVAL;
	if (zl_generate_dmarc_uris(a, o->rua, o->nrua, err, errlen) ||
	    zl_generate_dmarc_uris(a, o->ruf, o->nruf, err, errlen))
		return ZL_EINVAL;
	zl_dmarc_policy_opts_t x = *o;
	if (x.p == ZL_DMARC_POLICY_UNSET)
		x.p = ZL_DMARC_POLICY_REJECT;
	uint32_t ttl = o->ttl ? o->ttl : ZL_GENERATE_TTL;
	const char *dd = nodot(a, d);
	zl_recset_header(rs, "zonelint generate dmarc: the DMARC policy of %s (RFC 7489 "
			 "section 6.3).", dd);
	zl_recset_block_t *b = zl_recset_block(rs, NULL, "DMARC policy of %s", dd);
	if (x.p == ZL_DMARC_POLICY_NONE)
		zl_recset_note(rs, b, false, "p=none only asks for reports: receivers still "
			       "deliver mail that fails DMARC.");
	else if (x.p == ZL_DMARC_POLICY_QUARANTINE)
		zl_recset_note(rs, b, false, "p=quarantine: receivers put mail that fails DMARC "
			       "in spam.");
	else
		zl_recset_note(rs, b, false, "p=reject: receivers refuse mail that fails DMARC; "
			       "check the reports first.");
	if (!x.nrua)
		zl_recset_note(rs, b, false, "No rua=: nobody will send you aggregate reports "
			       "(add --rua mailto:ADDRESS).");
	zl_recset_add(rs, b, zl_arena_printf(a, "_dmarc.%s", d), ttl, ZL_TYPE_TXT,
		      zl_generate_dmarc_record(a, &x), NULL);
	const char **all = zl_arena_alloc(a, (x.nrua + x.nruf + 1) * sizeof(*all));
	for (size_t i = 0; i < x.nrua; i++)
		all[i] = x.rua[i];
	for (size_t i = 0; i < x.nruf; i++)
		all[x.nrua + i] = x.ruf[i];
	zl_generate_dmarc_auth(rs, &d, 1, all, x.nrua + x.nruf, ttl);
	return 0;
}

/* ---- MTA-STS ---- */

static int sha256_hex16(const char *text, char out[17])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	if (!EVP_Digest(text, strlen(text), md, &mdlen, EVP_sha256(), NULL) || mdlen < 8)
		return ZL_EINVAL;
	for (int i = 0; i < 8; i++)
		sprintf(out + 2 * i, "%02x", md[i]);
	out[16] = '\0';
	return 0;
}

int zl_generate_mta_sts(zl_recset_t *rs, const char *domain, const zl_sts_policy_opts_t *o,
			char *err, size_t errlen)
{
	zl_arena_t *a = rs->arena;
	const char *d;
	if (zl_generate_domain(a, domain, false, &d, err, errlen))
		return ZL_EINVAL;
	if (o->nmx == 0) {
		set_err(err, errlen, "no --mx given: the policy must name the mail servers");
		return ZL_EINVAL;
	}
	/* RFC 8461 section 3.2: max_age at most 31557600 (about a year) */
	if (o->max_age > 31557600) {
		set_err(err, errlen, "max_age %llu is over 31557600 (RFC 8461 section 3.2)",
			(unsigned long long)o->max_age);
		return ZL_EINVAL;
	}
	const char **mx = zl_arena_alloc(a, o->nmx * sizeof(*mx));
	for (size_t i = 0; i < o->nmx; i++) {
		const char *s = o->mx[i], *n;
		bool wild = s[0] == '*' && s[1] == '.';
		if (zl_generate_domain(a, wild ? s + 2 : s, false, &n, err, errlen))
			return ZL_EINVAL;
		mx[i] = zl_arena_printf(a, "%s%s", wild ? "*." : "", nodot(a, n));
		for (size_t k = 0; k < i; k++)
			if (!strcmp(mx[k], mx[i])) {
				set_err(err, errlen, "mx '%s' is given twice", mx[i]);
				return ZL_EINVAL;
			}
	}
	char *policy = zl_arena_printf(a, "version: STSv1\nmode: %s\n",
				       o->enforce ? "enforce" : "testing");
	for (size_t i = 0; i < o->nmx; i++)
		policy = zl_arena_printf(a, "%smx: %s\n", policy, mx[i]);
	policy = zl_arena_printf(a, "%smax_age: %llu\n", policy, (unsigned long long)o->max_age);
	char idbuf[17];
	const char *id = o->id;
	if (id) {
		/* RFC 8461 section 3.1: sts-id = 1*32(ALPHA / DIGIT) */
		size_t l = strlen(id);
		bool ok = l >= 1 && l <= 32;
		for (size_t i = 0; ok && i < l; i++)
			ok = (id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'z') ||
			     (id[i] >= 'A' && id[i] <= 'Z');
		if (!ok) {
			char shown[300];
			set_err(err, errlen, "id '%s' must be 1 to 32 letters and digits "
				"(RFC 8461 section 3.1)", zl_escape(shown, sizeof(shown), id, l));
			return ZL_EINVAL;
		}
	} else {
		if (sha256_hex16(policy, idbuf)) {
			set_err(err, errlen, "cannot compute SHA-256");
			return ZL_EINVAL;
		}
		id = idbuf;
	}
	const char *host = nodot(a, d);
	uint32_t ttl = o->ttl ? o->ttl : ZL_GENERATE_TTL;
	zl_recset_header(rs, "zonelint generate mta-sts: MTA-STS for %s (RFC 8461): senders "
			 "that support it", host);
	zl_recset_header(rs, "deliver its mail only over TLS to a host of the policy's mx list, "
			 "with a valid certificate.");
	zl_recset_block_t *b = zl_recset_block(rs, NULL, "MTA-STS record of %s", host);
	if (o->id)
		zl_recset_note(rs, b, false, "id chosen with --id: change it whenever the policy "
			       "changes.");
	else {
		zl_recset_note(rs, b, false, "id: the first 16 hex digits of the SHA-256 of the "
			       "policy file: the same policy");
		zl_recset_note(rs, b, false, "gives the same id, a changed policy a new one.");
	}
	zl_recset_note(rs, b, false, "Publish the policy file first, then this record: senders "
		       "fetch the policy");
	zl_recset_note(rs, b, false, "again only when the id changes (RFC 8461 section 3.3).");
	zl_recset_add(rs, b, zl_arena_printf(a, "_mta-sts.%s", d), ttl, ZL_TYPE_TXT,
		      zl_arena_printf(a, "v=STSv1; id=%s", id), NULL);
	zl_recset_note(rs, b, true, "mta-sts.%s must also have an address (A/AAAA, or a CNAME) "
		       "of an HTTPS server", host);
	zl_recset_note(rs, b, true, "with a certificate valid for mta-sts.%s that serves the "
		       "policy file below.", host);
	if (!o->enforce) {
		zl_recset_note(rs, b, true, "mode testing: senders report failures (TLS-RPT) but "
			       "still deliver;");
		zl_recset_note(rs, b, true, "use --mode enforce when the reports are clean.");
	}
	zl_recset_note(rs, b, true, "Reports: zonelint generate tlsrpt %s --rua mailto:ADDRESS "
		       "(RFC 8460).", host);
	zl_recset_file(rs, zl_arena_printf(a, "https://mta-sts.%s/.well-known/mta-sts.txt", host),
		       policy);
	return 0;
}

/* ---- TLS-RPT ---- */

int zl_generate_tlsrpt(zl_recset_t *rs, const char *domain, const char *const *rua,
		       size_t nrua, uint32_t ttl, char *err, size_t errlen)
{
	zl_arena_t *a = rs->arena;
	const char *d;
	if (zl_generate_domain(a, domain, false, &d, err, errlen))
		return ZL_EINVAL;
	if (nrua == 0) {
		set_err(err, errlen, "no --rua given: TLS-RPT needs a report address "
			"(RFC 8460 section 3)");
		return ZL_EINVAL;
	}
	for (size_t i = 0; i < nrua; i++) {
		const char *host;
		if (check_uri(a, rua[i], true, "TLS-RPT report", &host, err, errlen))
			return ZL_EINVAL;
		for (size_t k = 0; k < i; k++)
			if (!strcmp(rua[k], rua[i])) {
				char shown[300];
				set_err(err, errlen, "'%s' is given twice",
					zl_escape(shown, sizeof(shown), rua[i], strlen(rua[i])));
				return ZL_EINVAL;
			}
	}
	const char *dd = nodot(a, d);
	zl_recset_header(rs, "zonelint generate tlsrpt: where senders report TLS failures "
			 "delivering to %s (RFC 8460).", dd);
	zl_recset_block_t *b = zl_recset_block(rs, NULL, "TLS-RPT record of %s", dd);
	zl_recset_add(rs, b, zl_arena_printf(a, "_smtp._tls.%s", d),
		      ttl ? ttl : ZL_GENERATE_TTL, ZL_TYPE_TXT,
		      zl_arena_printf(a, "v=TLSRPTv1; rua=%s", join(a, rua, nrua, ",")), NULL);
	return 0;
}

/* ---- suggestion text ---- */

static int bare_text(zl_arena_t *arena, const zl_recset_t *rs, char **out)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		zl_oom();
	int r = zl_recset_print(f, rs, ZL_RECSET_BARE);
	if (fclose(f) || !buf)
		zl_oom();
	if (len && buf[len - 1] == '\n')
		len--;
	*out = zl_arena_strndup(arena, buf, len);
	free(buf);
	return r;
}

int zl_generate_parked_text(zl_arena_t *arena, const char *domain, const zl_parked_opts_t *o,
			    char **out)
{
	zl_recset_t rs;
	zl_recset_init(&rs, arena, "parked");
	const char *v[1] = { domain };
	if (parked(&rs, v, 1, o, false, false, NULL, 0))
		return ZL_EINVAL;
	return bare_text(arena, &rs, out);
}

int zl_generate_dmarc_text(zl_arena_t *arena, const char *domain,
			   const zl_dmarc_policy_opts_t *o, char **out)
{
	const char *d;
	if (lenient_name(arena, domain, &d))
		return ZL_EINVAL;
	zl_dmarc_policy_opts_t x = o ? *o : zl_generate_parked_dmarc(NULL, 0);
	if (x.p == ZL_DMARC_POLICY_UNSET)
		x.p = ZL_DMARC_POLICY_REJECT;
	if (zl_generate_dmarc_uris(arena, x.rua, x.nrua, NULL, 0) ||
	    zl_generate_dmarc_uris(arena, x.ruf, x.nruf, NULL, 0))
		return ZL_EINVAL;
	zl_recset_t rs;
	zl_recset_init(&rs, arena, "dmarc");
	zl_recset_block_t *b = zl_recset_block(&rs, NULL, "DMARC");
	zl_recset_add(&rs, b, zl_arena_printf(arena, "_dmarc.%s", d),
		      x.ttl ? x.ttl : ZL_GENERATE_TTL, ZL_TYPE_TXT,
		      zl_generate_dmarc_record(arena, &x), NULL);
	return bare_text(arena, &rs, out);
}

int zl_generate_spf_none_text(zl_arena_t *arena, const char *name, uint32_t ttl, char **out)
{
	const char *d;
	if (lenient_name(arena, name, &d))
		return ZL_EINVAL;
	zl_recset_t rs;
	zl_recset_init(&rs, arena, "spf");
	zl_recset_block_t *b = zl_recset_block(&rs, NULL, "SPF");
	zl_recset_add(&rs, b, d, ttl ? ttl : ZL_GENERATE_TTL, ZL_TYPE_TXT, ZL_GENERATE_SPF_NONE,
		      NULL);
	return bare_text(arena, &rs, out);
}
