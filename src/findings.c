/* zonelint: findings, their filtering (config, suppressions) and order.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#define _GNU_SOURCE 1 /* memmem */
#include "findings.h"

#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "load.h"
#include "util.h"

#include <ldns/ldns.h>

void zl_findings_init(zl_findings_t *fs)
{
	memset(fs, 0, sizeof(*fs));
	zl_arena_init(&fs->arena);
	fs->fail_on = ZL_SEV_ERROR;
}

void zl_findings_free(zl_findings_t *fs)
{
	free(fs->v);
	zl_arena_free(&fs->arena);
	memset(fs, 0, sizeof(*fs));
}

/* Where the owner text's labels start, up to the last one worth a
 * reference: the owner from label 0 to its second-level name (its
 * top-level label alone is too short to pay).  Escaped dots ("\\.") are
 * inside a label.  The length is the owner's without its final dot: the
 * name is also written so in URLs and host names built from it
 * ("https://mta-sts.<owner>/").  Making a template and writing it out must
 * agree on this, so both call it. */
static void owner_refs(const char *owner, zl_owner_refs_t *r)
{
	size_t l = owner ? strlen(owner) : 0;
	if (l && owner[l - 1] == '.' && (l < 2 || owner[l - 2] != '\\'))
		l--;
	r->len = l;
	r->n = 0;
	if (l == 0)
		return;
	r->start[r->n++] = 0;
	for (size_t i = 0; i < l && r->n < ZL_OWNER_REFS; i++) {
		if (owner[i] == '\\')
			i++;
		else if (owner[i] == '.' && i + 1 < l)
			r->start[r->n++] = (uint16_t)(i + 1);
	}
	if (r->n > 1)
		r->n--;
}

/* Copy text into a template: a reference octet in it is doubled. */
static size_t put_literal(char *out, size_t o, const char *s, size_t len)
{
	const char *ref;
	while (len && (ref = memchr(s, ZL_TEXT_REF, len)) != NULL) {
		size_t l = (size_t)(ref - s) + 1;
		memcpy(out + o, s, l);
		o += l;
		out[o++] = ZL_TEXT_REF;
		s += l;
		len -= l;
	}
	memcpy(out + o, s, len);
	return o + len;
}

static size_t template_of(const char *owner, const zl_owner_refs_t *r, const char *s, size_t len,
			  char *out)
{
	size_t o = 0, pos = 0;
	unsigned n = r->n;
	if (n == 0) {
		o = put_literal(out, 0, s, len);
		out[o] = '\0';
		return o;
	}
	/* find the shortest referable name, then the longest that ends there */
	const char *shortest = owner + r->start[n - 1];
	size_t sl = r->len - r->start[n - 1];
	while (pos < len) {
		const char *p = sl <= len - pos ? memmem(s + pos, len - pos, shortest, sl) : NULL;
		if (!p)
			break;
		size_t at = (size_t)(p - s), from = at;
		unsigned k = n - 1;
		for (unsigned j = 0; j + 1 < n; j++) {
			size_t extra = (size_t)(r->start[n - 1] - r->start[j]);
			if (extra <= at - pos && !memcmp(s + at - extra, owner + r->start[j], extra)) {
				k = j;
				from = at - extra;
				break;
			}
		}
		o = put_literal(out, o, s + pos, from - pos);
		out[o++] = ZL_TEXT_REF;
		out[o++] = (char)(2 + k);
		pos = at + sl;
	}
	o = put_literal(out, o, s + pos, len - pos);
	out[o] = '\0';
	return o;
}

size_t zl_text_template(const char *owner, const char *s, size_t len, char *out)
{
	zl_owner_refs_t r;
	owner_refs(owner, &r);
	return template_of(owner, &r, s, len, out);
}

const char *zl_finding_owner(const zl_finding_t *f, char *buf)
{
	return f->owner ? zl_node_str(f->owner, buf) : NULL;
}

const char *zl_finding_type(const zl_finding_t *f, char *buf)
{
	if (!f->type)
		return NULL;
	/* ldns's mnemonics are static */
	const ldns_rr_descriptor *d = ldns_rr_descript(f->type);
	return d && d->_name ? d->_name : zl_type_str(f->type, buf);
}

const char *zl_finding_text(const zl_finding_t *f, const char *tpl, char *buf)
{
	if (!strchr(tpl, ZL_TEXT_REF))
		return tpl;
	size_t o = 0;
	char ob[ZL_NAME_STRLEN];
	const char *owner = zl_finding_owner(f, ob);
	zl_owner_refs_t r;
	owner_refs(owner, &r);
	for (const char *p = tpl; *p && o + 1 < ZL_FINDING_TEXT_MAX; p++) {
		if (*p != ZL_TEXT_REF) {
			/* the run of text up to the next reference, at once */
			const char *e = strchr(p, ZL_TEXT_REF);
			size_t l = e ? (size_t)(e - p) : strlen(p);
			if (l > ZL_FINDING_TEXT_MAX - 1 - o)
				l = ZL_FINDING_TEXT_MAX - 1 - o;
			memcpy(buf + o, p, l);
			o += l;
			p += l - 1;
			continue;
		}
		unsigned char c = (unsigned char)*++p;
		if (c == (unsigned char)ZL_TEXT_REF) {
			buf[o++] = ZL_TEXT_REF;
			continue;
		}
		if (c < 2 || c - 2u >= r.n) /* cannot be: templates are made against this owner */
			break;
		size_t l = r.len - r.start[c - 2];
		if (l > ZL_FINDING_TEXT_MAX - 1 - o)
			l = ZL_FINDING_TEXT_MAX - 1 - o;
		memcpy(buf + o, owner + r.start[c - 2], l);
		o += l;
	}
	buf[o] = '\0';
	return buf;
}

/* Stored once per findings list when it repeats: a direct-mapped cache of
 * recent templates keyed by their hash. */
const char *zl_findings_text(zl_findings_t *fs, const zl_finding_t *f, const char *s, size_t len)
{
	/* (an empty list's cache holds no owner and no names: right for NULL) */
	if (f->owner != fs->text_owner) {
		const char *owner = f->owner ? zl_node_str(f->owner, fs->text_owner_str) : NULL;
		owner_refs(owner, &fs->text_owner_refs);
		fs->text_owner = f->owner;
	}
	char small[2 * 4096 + 1];
	char *t = 2 * len + 1 <= sizeof(small) ? small : zl_xmalloc(2 * len + 1);
	len = template_of(fs->text_owner_str, &fs->text_owner_refs, s, len, t);
	uint64_t h = zl_hash_bytes(t, len, 0);
	size_t i = (size_t)(h & (ZL_FINDINGS_TEXTS - 1));
	const char *old = fs->text[i];
	if (!(old && fs->text_hash[i] == h && !strncmp(old, t, len) && old[len] == '\0')) {
		fs->text[i] = zl_arena_strndup(&fs->arena, t, len);
		fs->text_hash[i] = h;
	}
	if (t != small)
		free(t);
	return fs->text[i];
}

zl_finding_t *zl_findings_add(zl_findings_t *fs)
{
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 64;
		fs->v = zl_xrealloc(fs->v, fs->cap * sizeof(*fs->v));
	}
	zl_finding_t *f = &fs->v[fs->n];
	memset(f, 0, sizeof(*f));
	f->seq = (uint32_t)fs->n;
	fs->n++;
	return f;
}

/* Does the comma-separated list name @p rule? */
static int names_rule(const char *list, const char *rule)
{
	size_t rl = strlen(rule);
	const char *p = list;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if ((l == rl && !memcmp(p, rule, rl)) || (l == 3 && !memcmp(p, "all", 3)))
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

void zl_findings_apply_suppressions(zl_ctx_t *ctx, void *suppressions)
{
	zl_findings_t *fs = ctx->findings;
	zl_suppress_t *list = suppressions;
	if (!list)
		return;
	size_t o = 0;
	for (size_t i = 0; i < fs->n; i++) {
		zl_finding_t *f = &fs->v[i];
		int drop = 0;
		for (zl_suppress_t *s = list; s && f->file != ZL_NO_FILE; s = s->next) {
			if (s->file != f->file || !names_rule(s->rules, f->rule))
				continue;
			if (s->whole_file || s->line == f->line || s->line + 1 == f->line) {
				s->used++;
				drop = 1;
			}
		}
		if (!drop)
			fs->v[o++] = *f;
	}
	fs->n = o;
	for (zl_suppress_t *s = list; s; s = s->next) {
		if (s->used)
			continue;
		zl_zone_t *zone = NULL;
		for (zl_zone_t *z = ctx->set->zones; z; z = z->next)
			if (z->file == s->file)
				zone = z;
		zl_emit_at(ctx, ZL_R_ZONE_SUPPRESSION_UNUSED, zone, NULL, 0, s->file, s->line,
			   "'zonelint-disable%s %s' suppresses nothing", s->whole_file ? "-file" : "",
			   s->rules);
	}
}

size_t zl_findings_apply_baseline(zl_findings_t *fs, struct zl_baseline *bl)
{
	uint32_t *occ = zl_xmalloc((fs->n ? fs->n : 1) * sizeof(*occ));
	zl_findings_occurrences(fs, occ);
	for (size_t i = 0; i < bl->n; i++)
		bl->v[i].used = 0;
	size_t o = 0;
	for (size_t i = 0; i < fs->n; i++) {
		zl_baseline_entry_t *e = zl_baseline_find(bl, &fs->v[i]);
		if (e && occ[i] < e->count) {
			e->used++;
			continue;
		}
		fs->v[o++] = fs->v[i];
	}
	free(occ);
	size_t dropped = fs->n - o;
	fs->n = o;
	return dropped;
}

static const zl_zoneset_t *sort_set;

static int cmp_finding(const void *a, const void *b)
{
	const zl_finding_t *x = a, *y = b;
	if (x->file != y->file) {
		if (x->file == ZL_NO_FILE || y->file == ZL_NO_FILE)
			return x->file == ZL_NO_FILE ? 1 : -1;
		int c = strcmp(sort_set->files[x->file].display, sort_set->files[y->file].display);
		if (c)
			return c;
		return x->file < y->file ? -1 : 1;
	}
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	int c = strcmp(x->rule, y->rule);
	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void zl_findings_sort(zl_findings_t *fs, const zl_zoneset_t *set)
{
	sort_set = set;
	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(*fs->v), cmp_finding);
	sort_set = NULL;
}

zl_counts_t zl_findings_count(const zl_findings_t *fs)
{
	zl_counts_t c = { 0, 0, 0 };
	for (size_t i = 0; i < fs->n; i++) {
		switch (fs->v[i].severity) {
		case ZL_SEV_ERROR: c.errors++; break;
		case ZL_SEV_WARNING: c.warnings++; break;
		case ZL_SEV_INFO: c.infos++; break;
		default: break;
		}
	}
	return c;
}

const char *zl_severity_name(zl_severity_t s)
{
	switch (s) {
	case ZL_SEV_ERROR: return "error";
	case ZL_SEV_WARNING: return "warning";
	case ZL_SEV_INFO: return "info";
	default: return "off";
	}
}

int zl_severity_parse(const char *s, zl_severity_t *out)
{
	if (!strcmp(s, "error"))
		*out = ZL_SEV_ERROR;
	else if (!strcmp(s, "warning"))
		*out = ZL_SEV_WARNING;
	else if (!strcmp(s, "info"))
		*out = ZL_SEV_INFO;
	else if (!strcmp(s, "off"))
		*out = ZL_SEV_OFF;
	else
		return ZL_EINVAL;
	return 0;
}
