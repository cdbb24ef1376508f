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

/* Files in report order: display path, then index. */
static int cmp_file_index(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int c = strcmp(sort_set->files[x].display, sort_set->files[y].display);
	return c ? c : x < y ? -1 : x > y;
}

static const char *const *sort_rules;

static int cmp_rule_index(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int c = strcmp(sort_rules[x], sort_rules[y]);
	return c ? c : x < y ? -1 : x > y;
}

static unsigned bits_for(uint64_t max)
{
	unsigned b = 0;
	while (b < 64 && (max >> b))
		b++;
	return b;
}

/* Stable LSD radix sort of @p a (n words) on bits from @p lo up to @p hi,
 * 11 at a time, with @p tmp as room for n more; the sorted words end in a. */
static void radix_sort(uint64_t *a, uint64_t *tmp, size_t n, unsigned lo, unsigned hi)
{
	enum { DIGIT = 11, BUCKETS = 1 << DIGIT };
	size_t *count = zl_xmalloc(BUCKETS * sizeof(*count));
	uint64_t *src = a, *dst = tmp;
	for (unsigned shift = lo; shift < hi; shift += DIGIT) {
		memset(count, 0, BUCKETS * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[(src[i] >> shift) & (BUCKETS - 1)]++;
		size_t sum = 0;
		for (size_t d = 0; d < BUCKETS; d++) {
			size_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & (BUCKETS - 1)]++] = src[i];
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(*a));
	free(count);
}

/*
 * The order of cmp_finding() by one integer per finding: the file's rank,
 * the line and the rule's rank, then the finding's index in the list,
 * which is its order by seq when the list is in emission order (it is,
 * after the rules, the suppressions and the baseline, which only drop
 * findings).  The integers are radix-sorted and the findings moved once
 * into place.  Returns false, having done nothing, where the integer
 * would not fit 64 bits or the list is not in seq order.
 */
static bool sort_by_key(zl_findings_t *fs, const zl_zoneset_t *set)
{
	size_t n = fs->n;
	uint32_t maxline = 0;
	int maxrule = 0;
	for (size_t i = 0; i < n; i++) {
		const zl_finding_t *f = &fs->v[i];
		if ((i && f->seq <= fs->v[i - 1].seq) || f->rule_index < 0 ||
		    (f->file != ZL_NO_FILE && f->file >= set->nfiles))
			return false;
		if (f->line > maxline)
			maxline = f->line;
		if (f->rule_index > maxrule)
			maxrule = f->rule_index;
	}
	/* the rules met, by index; one index is one rule id */
	size_t nrules = (size_t)maxrule + 1;
	const char **rules = zl_xcalloc(nrules, sizeof(*rules));
	uint32_t *order = zl_xmalloc((nrules > set->nfiles ? nrules : set->nfiles + 1) *
				     sizeof(*order));
	uint32_t *rule_rank = zl_xcalloc(nrules, sizeof(*rule_rank));
	uint32_t *file_rank = zl_xmalloc(((size_t)set->nfiles + 1) * sizeof(*file_rank));
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++) {
		const zl_finding_t *f = &fs->v[i];
		const char **r = &rules[f->rule_index];
		if (!*r)
			*r = f->rule;
		else if (*r != f->rule && strcmp(*r, f->rule))
			ok = false;
	}
	uint32_t nranks = 0;
	if (ok) {
		uint32_t m = 0;
		for (size_t r = 0; r < nrules; r++)
			if (rules[r])
				order[m++] = (uint32_t)r;
		sort_rules = rules;
		qsort(order, m, sizeof(*order), cmp_rule_index);
		sort_rules = NULL;
		for (uint32_t k = 0; k < m; k++) {
			if (k && strcmp(rules[order[k]], rules[order[k - 1]]))
				nranks++;
			rule_rank[order[k]] = nranks;
		}
		for (uint32_t i = 0; i < set->nfiles; i++)
			order[i] = i;
		sort_set = set;
		qsort(order, set->nfiles, sizeof(*order), cmp_file_index);
		sort_set = NULL;
		for (uint32_t k = 0; k < set->nfiles; k++)
			file_rank[order[k]] = k;
		file_rank[set->nfiles] = set->nfiles; /* no file: last */
	}
	unsigned ib = bits_for(n - 1), rb = bits_for(nranks), lb = bits_for(maxline),
		 fb = bits_for(set->nfiles);
	if (ib > 32 || ib + rb + lb + fb > 64)
		ok = false;
	if (ok) {
		uint64_t *key = zl_xmalloc(2 * n * sizeof(*key));
		for (size_t i = 0; i < n; i++) {
			const zl_finding_t *f = &fs->v[i];
			uint64_t k = file_rank[f->file == ZL_NO_FILE ? set->nfiles : f->file];
			k = (k << lb) | f->line;
			k = (k << rb) | rule_rank[f->rule_index];
			key[i] = (k << ib) | i;
		}
		/* the words start in index order and the sort is stable: only the
		 * bits above the index need sorting */
		radix_sort(key, key + n, n, ib, ib + rb + lb + fb);
		/* move the findings into place in list order, each by one swap
		 * with the place where the one it needs is now: the sources are a
		 * few runs (one per family), read in order, so the memory is read
		 * almost in sequence.  pos[k]: where finding k is now; who[p]: which
		 * finding is at p (in the radix sort's room, free again) */
		const uint64_t mask = ((uint64_t)1 << ib) - 1;
		uint32_t *pos = (uint32_t *)(void *)(key + n), *who = pos + n;
		for (size_t i = 0; i < n; i++)
			pos[i] = who[i] = (uint32_t)i;
		for (size_t i = 0; i < n; i++) {
			uint32_t want = (uint32_t)(key[i] & mask), at = pos[want];
			if (at == i)
				continue;
			zl_finding_t t = fs->v[i];
			fs->v[i] = fs->v[at];
			fs->v[at] = t;
			uint32_t moved = who[i];
			who[at] = moved;
			pos[moved] = at;
			who[i] = want;
			pos[want] = (uint32_t)i;
		}
		free(key);
	}
	free(rules);
	free(order);
	free(rule_rank);
	free(file_rank);
	return ok;
}

void zl_findings_sort(zl_findings_t *fs, const zl_zoneset_t *set)
{
	if (fs->n < 2 || sort_by_key(fs, set))
		return;
	sort_set = set;
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
