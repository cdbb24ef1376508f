/* zonelint: the baseline, findings accepted when zonelint was adopted.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "baseline.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "common.h"
#include "report.h"

#define BASELINE_KEY "zonelint-baseline"
#define BASELINE_VERSION 1

void zl_baseline_init(zl_baseline_t *bl)
{
	memset(bl, 0, sizeof(*bl));
	zl_arena_init(&bl->arena);
}

void zl_baseline_free(zl_baseline_t *bl)
{
	free(bl->v);
	zl_arena_free(&bl->arena);
	memset(bl, 0, sizeof(*bl));
}

/* strcmp with NULL (no value) before every string */
static int cmp_opt(const char *a, const char *b)
{
	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	return strcmp(a, b);
}

static int cmp_key(const char *zone, const char *owner, const char *type, const char *rule,
		   const char *zone2, const char *owner2, const char *type2, const char *rule2)
{
	int c = cmp_opt(zone, zone2);
	if (!c)
		c = cmp_opt(owner, owner2);
	if (!c)
		c = cmp_opt(type, type2);
	if (!c)
		c = cmp_opt(rule, rule2);
	return c;
}

/* Do two findings have the same key?  The owner is a node of the one set
 * and the type a number, so equal names are equal nodes and equal numbers:
 * no name is written out to compare them. */
static int cmp_same_key(const zl_finding_t *a, const zl_finding_t *b)
{
	int c = cmp_opt(a->zone, b->zone);
	if (!c && a->owner != b->owner)
		c = (uintptr_t)a->owner < (uintptr_t)b->owner ? -1 : 1;
	if (!c)
		c = (a->type > b->type) - (a->type < b->type);
	if (!c)
		c = cmp_opt(a->rule, b->rule);
	return c;
}

/* findings with one key together, then by place in the list (the pointers
 * are into one array); the keys themselves come in no useful order */
static int cmp_fptr(const void *x, const void *y)
{
	const zl_finding_t *a = *(const zl_finding_t *const *)x;
	const zl_finding_t *b = *(const zl_finding_t *const *)y;
	int c = cmp_same_key(a, b);
	if (c)
		return c;
	return a < b ? -1 : a > b;
}

/* The findings' addresses, grouped by key; caller frees. */
static const zl_finding_t **by_key(const zl_findings_t *fs)
{
	const zl_finding_t **p = zl_xmalloc((fs->n ? fs->n : 1) * sizeof(*p));
	for (size_t i = 0; i < fs->n; i++)
		p[i] = &fs->v[i];
	if (fs->n > 1)
		qsort(p, fs->n, sizeof(*p), cmp_fptr);
	return p;
}

void zl_findings_occurrences(const zl_findings_t *fs, uint32_t *occ)
{
	const zl_finding_t **p = by_key(fs);
	for (size_t i = 0; i < fs->n; i++) {
		size_t at = (size_t)(p[i] - fs->v);
		if (i && !cmp_same_key(p[i - 1], p[i]))
			occ[at] = occ[(size_t)(p[i - 1] - fs->v)] + 1;
		else
			occ[at] = 0;
	}
	free(p);
}

static int cmp_entry(const void *x, const void *y)
{
	const zl_baseline_entry_t *a = x, *b = y;
	return cmp_key(a->zone, a->owner, a->type, a->rule, b->zone, b->owner, b->type, b->rule);
}

zl_baseline_entry_t *zl_baseline_find(const zl_baseline_t *bl, const zl_finding_t *f)
{
	char ob[ZL_NAME_STRLEN], tb[16];
	zl_baseline_entry_t key = { f->zone, zl_finding_owner(f, ob), zl_finding_type(f, tb),
				    f->rule, 0, 0 };
	if (!bl->n)
		return NULL;
	return bsearch(&key, bl->v, bl->n, sizeof(*bl->v), cmp_entry);
}

/* ---- reading ---- */

typedef struct bctx {
	yaml_document_t *doc;
	const char *file;
	char *err;
	size_t errlen;
} bctx_t;

static int bfail(bctx_t *c, const yaml_node_t *n, const char *fmt, ...) ZL_PRINTF(3, 4);

static int bfail(bctx_t *c, const yaml_node_t *n, const char *fmt, ...)
{
	char msg[384];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(c->err, c->errlen, "%s:%lu: %s", c->file,
		 n ? (unsigned long)n->start_mark.line + 1 : 1UL, msg);
	return ZL_EINVAL;
}

static const char *scalar(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* A plain null, ~ or empty scalar is YAML's (and JSON's) null. */
static int is_null(const yaml_node_t *n)
{
	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	const char *s = scalar(n);
	return !*s || !strcmp(s, "null") || !strcmp(s, "~");
}

static int parse_count(bctx_t *c, const yaml_node_t *v, uint32_t *out)
{
	if (v->type != YAML_SCALAR_NODE || v->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return bfail(c, v, "'count' must be a number");
	const char *s = scalar(v);
	char *end;
	errno = 0;
	unsigned long n = strtoul(s, &end, 10);
	if (!*s || *s == '-' || *s == '+' || *end || errno || n < 1 || n > UINT32_MAX)
		return bfail(c, v, "'count' must be a number from 1 to %u", UINT32_MAX);
	*out = (uint32_t)n;
	return 0;
}

static int parse_entry(bctx_t *c, zl_baseline_t *bl, yaml_node_t *n, zl_baseline_entry_t *e)
{
	if (n->type != YAML_MAPPING_NODE)
		return bfail(c, n, "each entry of 'findings' must be a mapping");
	memset(e, 0, sizeof(*e));
	e->count = 1;
	int have_rule = 0;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(c->doc, p->value);
		if (!k || !v || k->type != YAML_SCALAR_NODE)
			return bfail(c, k, "expected a key");
		const char *key = scalar(k);
		const char **slot = NULL;
		if (!strcmp(key, "zone"))
			slot = &e->zone;
		else if (!strcmp(key, "owner"))
			slot = &e->owner;
		else if (!strcmp(key, "type"))
			slot = &e->type;
		else if (!strcmp(key, "rule"))
			slot = &e->rule;
		else if (!strcmp(key, "count")) {
			if (parse_count(c, v, &e->count))
				return ZL_EINVAL;
			continue;
		} else
			return bfail(c, k, "unknown key '%s' in a baseline entry", key);
		if (is_null(v) && slot != &e->rule) {
			*slot = NULL;
			continue;
		}
		if (v->type != YAML_SCALAR_NODE || (slot == &e->rule && !*scalar(v)))
			return bfail(c, v, "'%s' must be a string%s", key,
				     slot == &e->rule ? "" : " or null");
		*slot = zl_arena_strdup(&bl->arena, scalar(v));
		if (slot == &e->rule)
			have_rule = 1;
	}
	if (!have_rule)
		return bfail(c, n, "a baseline entry lacks 'rule'");
	return 0;
}

static int parse_doc(bctx_t *c, zl_baseline_t *bl)
{
	yaml_node_t *root = yaml_document_get_root_node(c->doc);
	if (!root || root->type != YAML_MAPPING_NODE)
		return bfail(c, root, "not a zonelint baseline (expected a JSON object)");
	yaml_node_t *list = NULL;
	int have_version = 0;
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(c->doc, p->value);
		if (!k || !v || k->type != YAML_SCALAR_NODE)
			return bfail(c, k, "expected a key");
		if (!strcmp(scalar(k), BASELINE_KEY)) {
			if (v->type != YAML_SCALAR_NODE || strcmp(scalar(v), "1"))
				return bfail(c, v, "unsupported baseline version (this zonelint "
					     "reads version %d)", BASELINE_VERSION);
			have_version = 1;
		} else if (!strcmp(scalar(k), "findings")) {
			if (v->type != YAML_SEQUENCE_NODE)
				return bfail(c, v, "'findings' must be a list");
			list = v;
		} else {
			return bfail(c, k, "unknown key '%s' in a baseline", scalar(k));
		}
	}
	if (!have_version)
		return bfail(c, root, "not a zonelint baseline (no \"" BASELINE_KEY "\": 1)");
	if (!list)
		return 0;
	size_t n = (size_t)(list->data.sequence.items.top - list->data.sequence.items.start);
	bl->v = zl_xrealloc(bl->v, (bl->n + n + 1) * sizeof(*bl->v));
	for (yaml_node_item_t *it = list->data.sequence.items.start;
	     it < list->data.sequence.items.top; it++) {
		yaml_node_t *e = yaml_document_get_node(c->doc, *it);
		if (!e)
			return bfail(c, list, "broken entry");
		if (parse_entry(c, bl, e, &bl->v[bl->n]))
			return ZL_EINVAL;
		bl->n++;
	}
	/* sort, and merge entries of one key (a hand-edited file may repeat one) */
	qsort(bl->v, bl->n, sizeof(*bl->v), cmp_entry);
	size_t o = 0;
	for (size_t i = 0; i < bl->n; i++) {
		if (o && !cmp_entry(&bl->v[o - 1], &bl->v[i])) {
			uint64_t sum = (uint64_t)bl->v[o - 1].count + bl->v[i].count;
			bl->v[o - 1].count = sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
		} else {
			bl->v[o++] = bl->v[i];
		}
	}
	bl->n = o;
	return 0;
}

int zl_baseline_load(zl_baseline_t *bl, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	if (!f || fstat(fileno(f), &sb) || !S_ISREG(sb.st_mode)) {
		snprintf(err, errlen, "cannot read the baseline '%s': %s", path,
			 f ? "not a regular file" : strerror(errno));
		if (f)
			fclose(f);
		return ZL_EIO;
	}
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	bctx_t c = { &doc, path, err, errlen };
	int r;
	if (!yaml_parser_load(&parser, &doc)) {
		snprintf(err, errlen, "%s:%lu: not valid JSON: %s", path,
			 (unsigned long)parser.problem_mark.line + 1,
			 parser.problem ? parser.problem : "parse error");
		r = ZL_EINVAL;
	} else {
		r = parse_doc(&c, bl);
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	fclose(f);
	return r;
}

/* ---- writing ---- */

static void put_field(FILE *out, const char *name, const char *value)
{
	fprintf(out, "\"%s\": ", name);
	if (value)
		zl_json_string(out, value);
	else
		fputs("null", out);
}

int zl_baseline_write(const zl_findings_t *fs, const char *path, size_t *nentries, char *err,
		      size_t errlen)
{
	size_t l = strlen(path);
	char *tmp = zl_xmalloc(l + 16);
	snprintf(tmp, l + 16, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "cannot write the baseline '%s': %s", path, strerror(errno));
		free(tmp);
		return ZL_EIO;
	}
	/* mkstemp makes the file 0600; give it the mode a new file would get */
	mode_t mask = umask(022);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	FILE *out = fdopen(fd, "w");
	if (!out) {
		close(fd);
		unlink(tmp);
		free(tmp);
		snprintf(err, errlen, "cannot write the baseline '%s': %s", path, strerror(errno));
		return ZL_EIO;
	}
	/* one entry per key, its names written out, in the order of the keys */
	const zl_finding_t **p = by_key(fs);
	zl_baseline_entry_t *e = zl_xmalloc((fs->n ? fs->n : 1) * sizeof(*e));
	zl_arena_t names;
	zl_arena_init(&names);
	size_t n = 0;
	for (size_t i = 0; i < fs->n;) {
		size_t j = i + 1;
		while (j < fs->n && !cmp_same_key(p[i], p[j]))
			j++;
		char ob[ZL_NAME_STRLEN], tb[16];
		const char *owner = zl_finding_owner(p[i], ob), *type = zl_finding_type(p[i], tb);
		e[n].zone = p[i]->zone;
		e[n].owner = owner ? zl_arena_strdup(&names, owner) : NULL;
		e[n].type = type ? zl_arena_strdup(&names, type) : NULL;
		e[n].rule = p[i]->rule;
		e[n].count = (uint32_t)(j - i);
		n++;
		i = j;
	}
	free(p);
	if (n > 1)
		qsort(e, n, sizeof(*e), cmp_entry);
	fputs("{\"" BASELINE_KEY "\": 1, \"findings\": [", out);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",\n  {" : "\n  {", out);
		put_field(out, "zone", e[i].zone);
		fputs(", ", out);
		put_field(out, "owner", e[i].owner);
		fputs(", ", out);
		put_field(out, "type", e[i].type);
		fputs(", ", out);
		put_field(out, "rule", e[i].rule);
		fprintf(out, ", \"count\": %u}", e[i].count);
	}
	fputs(n ? "\n]}\n" : "]}\n", out);
	free(e);
	zl_arena_free(&names);
	int bad = ferror(out) != 0;
	bad |= fclose(out) != 0;
	if (bad || rename(tmp, path) != 0) {
		snprintf(err, errlen, "cannot write the baseline '%s': %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return ZL_EIO;
	}
	free(tmp);
	if (nentries)
		*nentries = n;
	return 0;
}
