/* zonelint: the .zonelint.yaml configuration, read with libyaml.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#define _GNU_SOURCE
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <yaml.h>
#include <ldns/ldns.h>

#include "findings.h"
#include "util.h"

/*
 * Open a config or custom rules file for reading.  O_NONBLOCK, so that a
 * FIFO does not block the open, and anything but a regular file is refused
 * (reading a FIFO or a device would hang or never end).
 * Returns the stream, or NULL with errno set (EINVAL: not a regular file).
 */
static FILE *open_regular(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return NULL;
	struct stat sb;
	int e = 0;
	if (fstat(fd, &sb) != 0)
		e = errno;
	else if (!S_ISREG(sb.st_mode))
		e = EINVAL;
	if (e) {
		close(fd);
		errno = e;
		return NULL;
	}
	FILE *f = fdopen(fd, "rb");
	if (!f)
		close(fd);
	return f;
}

static const char *open_error(int e)
{
	return e == EINVAL ? "not a regular file" : strerror(e);
}

typedef struct cctx {
	zl_config_t *cfg;
	yaml_document_t *doc;
	const char *file;
	const char *dir;           /* folder of the config file */
	char *err;
	size_t errlen;
	int failed;
} cctx_t;

static int cfail(cctx_t *c, const yaml_node_t *n, const char *fmt, ...) ZL_PRINTF(3, 4);

static int cfail(cctx_t *c, const yaml_node_t *n, const char *fmt, ...)
{
	if (c->failed)
		return ZL_EINVAL;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(c->err, c->errlen, "%s:%lu: %s", c->file,
		 n ? (unsigned long)n->start_mark.line + 1 : 1ul, msg);
	c->failed = 1;
	return ZL_EINVAL;
}

void zl_config_init(zl_config_t *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	zl_arena_init(&cfg->arena);
	for (unsigned i = 0; i < ZL_R__COUNT; i++)
		cfg->severity[i] = zl_catalogue[i].severity;
	cfg->generate_limit = 1000000;
	cfg->dnssec_expiry_days = 7;
	cfg->external_max_age_days = 30;
	cfg->resolve_budget = 500;
}

void zl_config_free(zl_config_t *cfg)
{
	for (unsigned i = 0; i < cfg->ncustom; i++) {
		pcre2_code_free(cfg->custom[i].re);
		pcre2_code_free(cfg->custom[i].owner_re);
	}
	free(cfg->custom);
	free(cfg->zones);
	free(cfg->include_allow);
	free(cfg->spf_external);
	zl_arena_free(&cfg->arena);
	memset(cfg, 0, sizeof(*cfg));
}

static yaml_node_t *node(cctx_t *c, int id)
{
	return yaml_document_get_node(c->doc, id);
}

static const char *str_of(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

static int want(cctx_t *c, const yaml_node_t *n, yaml_node_type_t t, const char *key)
{
	static const char *const names[] = { "nothing", "a string", "a list", "a mapping" };
	if (!n || n->type != t)
		return cfail(c, n, "'%s' must be %s", key, names[t]);
	return 0;
}

/* Absolute, lower-case domain name with a trailing dot, or NULL. */
static const char *norm_name(cctx_t *c, const char *s)
{
	size_t l = strlen(s);
	if (l == 0 || l > 253 + 1)
		return NULL;
	char *n = zl_arena_alloc(&c->cfg->arena, l + 2);
	for (size_t i = 0; i < l; i++)
		n[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
	if (n[l - 1] != '.')
		n[l++] = '.';
	n[l] = '\0';
	ldns_rdf *d = NULL;
	if (ldns_str2rdf_dname(&d, n) != LDNS_STATUS_OK)
		return NULL;
	ldns_rdf_deep_free(d);
	return n;
}

static const char *rel_path(cctx_t *c, const char *p)
{
	if (p[0] == '/' || !c->dir)
		return zl_arena_strdup(&c->cfg->arena, p);
	return zl_arena_printf(&c->cfg->arena, "%s/%s", c->dir, p);
}

static int parse_rules(cctx_t *c, yaml_node_t *n)
{
	if (want(c, n, YAML_MAPPING_NODE, "rules"))
		return ZL_EINVAL;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = node(c, p->key), *v = node(c, p->value);
		if (want(c, k, YAML_SCALAR_NODE, "rule id") ||
		    want(c, v, YAML_SCALAR_NODE, str_of(k)))
			return ZL_EINVAL;
		zl_severity_t s;
		if (zl_severity_parse(str_of(v), &s))
			return cfail(c, v, "rule '%s': severity must be error, warning, info or off",
				     str_of(k));
		zl_rule_id_t id;
		if (zl_rule_lookup(str_of(k), &id) == 0) {
			c->cfg->severity[id] = s;
			c->cfg->overridden[id] = true;
			continue;
		}
		/* a custom rule defined anywhere in this config */
		int found = 0;
		for (unsigned i = 0; i < c->cfg->ncustom; i++)
			if (!strcmp(c->cfg->custom[i].id, str_of(k))) {
				c->cfg->custom[i].severity = s;
				found = 1;
			}
		if (!found)
			return cfail(c, k, "unknown rule '%s'", str_of(k));
	}
	return 0;
}

static int parse_zones(cctx_t *c, yaml_node_t *n)
{
	if (want(c, n, YAML_MAPPING_NODE, "zones"))
		return ZL_EINVAL;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = node(c, p->key), *v = node(c, p->value);
		if (want(c, k, YAML_SCALAR_NODE, "zone name") ||
		    want(c, v, YAML_MAPPING_NODE, str_of(k)))
			return ZL_EINVAL;
		const char *name = norm_name(c, str_of(k));
		if (!name)
			return cfail(c, k, "'%s' is not a domain name", str_of(k));
		c->cfg->zones = zl_xrealloc(c->cfg->zones,
					    (c->cfg->nzones + 1) * sizeof(*c->cfg->zones));
		zl_zone_conf_t *z = &c->cfg->zones[c->cfg->nzones++];
		memset(z, 0, sizeof(*z));
		z->name = name;
		for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
		     q < v->data.mapping.pairs.top; q++) {
			yaml_node_t *zk = node(c, q->key), *zv = node(c, q->value);
			if (want(c, zk, YAML_SCALAR_NODE, "key") ||
			    want(c, zv, YAML_SCALAR_NODE, str_of(zk)))
				return ZL_EINVAL;
			const char *key = str_of(zk), *val = str_of(zv);
			if (!strcmp(key, "role")) {
				if (!strcmp(val, "mail"))
					z->role = ZL_ROLE_MAIL;
				else if (!strcmp(val, "parked"))
					z->role = ZL_ROLE_PARKED;
				else if (!strcmp(val, "web"))
					z->role = ZL_ROLE_WEB;
				else
					return cfail(c, zv, "role must be mail, parked or web");
			} else if (!strcmp(key, "dnssec")) {
				if (!strcmp(val, "signed-at-deploy"))
					z->signed_at_deploy = true;
				else if (!strcmp(val, "in-file"))
					z->signed_at_deploy = false;
				else
					return cfail(c, zv,
						     "dnssec must be signed-at-deploy or in-file");
			} else {
				return cfail(c, zk, "unknown key '%s' in zone '%s'", key, str_of(k));
			}
		}
	}
	return 0;
}

static int parse_str_list(cctx_t *c, yaml_node_t *n, const char *key, const char ***out,
			  unsigned *count)
{
	if (want(c, n, YAML_SEQUENCE_NODE, key))
		return ZL_EINVAL;
	for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top;
	     i++) {
		yaml_node_t *v = node(c, *i);
		if (want(c, v, YAML_SCALAR_NODE, key))
			return ZL_EINVAL;
		*out = zl_xrealloc(*out, (*count + 1) * sizeof(**out));
		(*out)[(*count)++] = rel_path(c, str_of(v));
	}
	return 0;
}

static int parse_uint(cctx_t *c, yaml_node_t *v, const char *key, uint64_t min, uint64_t max,
		      uint64_t *out)
{
	if (want(c, v, YAML_SCALAR_NODE, key))
		return ZL_EINVAL;
	if (zl_parse_u64(str_of(v), min, max, out))
		return cfail(c, v, "'%s' must be a whole number from %llu to %llu", key,
			     (unsigned long long)min, (unsigned long long)max);
	return 0;
}

static int parse_spf(cctx_t *c, yaml_node_t *n)
{
	if (want(c, n, YAML_MAPPING_NODE, "spf"))
		return ZL_EINVAL;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = node(c, p->key), *v = node(c, p->value);
		if (want(c, k, YAML_SCALAR_NODE, "key"))
			return ZL_EINVAL;
		if (strcmp(str_of(k), "external"))
			return cfail(c, k, "unknown key '%s' in spf", str_of(k));
		if (want(c, v, YAML_MAPPING_NODE, "external"))
			return ZL_EINVAL;
		for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
		     q < v->data.mapping.pairs.top; q++) {
			yaml_node_t *ek = node(c, q->key), *ev = node(c, q->value);
			if (want(c, ek, YAML_SCALAR_NODE, "name"))
				return ZL_EINVAL;
			const char *name = norm_name(c, str_of(ek));
			if (!name)
				return cfail(c, ek, "'%s' is not a domain name", str_of(ek));
			uint64_t cost;
			if (parse_uint(c, ev, str_of(ek), 0, 10, &cost))
				return ZL_EINVAL;
			c->cfg->spf_external = zl_xrealloc(c->cfg->spf_external,
				(c->cfg->nspf_external + 1) * sizeof(*c->cfg->spf_external));
			c->cfg->spf_external[c->cfg->nspf_external].name = name;
			c->cfg->spf_external[c->cfg->nspf_external++].cost = (unsigned)cost;
		}
	}
	return 0;
}

static int parse_dnssec(cctx_t *c, yaml_node_t *n)
{
	if (want(c, n, YAML_MAPPING_NODE, "dnssec"))
		return ZL_EINVAL;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = node(c, p->key), *v = node(c, p->value);
		if (want(c, k, YAML_SCALAR_NODE, "key"))
			return ZL_EINVAL;
		if (strcmp(str_of(k), "expiry-warning-days"))
			return cfail(c, k, "unknown key '%s' in dnssec", str_of(k));
		uint64_t d;
		if (parse_uint(c, v, "expiry-warning-days", 0, 3650, &d))
			return ZL_EINVAL;
		c->cfg->dnssec_expiry_days = (unsigned)d;
	}
	return 0;
}

/* external: {max-age-days: N, resolve-budget: N}: snapshots and --resolve */
static int parse_external(cctx_t *c, yaml_node_t *n)
{
	if (want(c, n, YAML_MAPPING_NODE, "external"))
		return ZL_EINVAL;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = node(c, p->key), *v = node(c, p->value);
		if (want(c, k, YAML_SCALAR_NODE, "key"))
			return ZL_EINVAL;
		uint64_t d;
		if (!strcmp(str_of(k), "max-age-days")) {
			if (parse_uint(c, v, "max-age-days", 0, 36500, &d))
				return ZL_EINVAL;
			c->cfg->external_max_age_days = (unsigned)d;
		} else if (!strcmp(str_of(k), "resolve-budget")) {
			if (parse_uint(c, v, "resolve-budget", 1, 100000, &d))
				return ZL_EINVAL;
			c->cfg->resolve_budget = (unsigned)d;
		} else {
			return cfail(c, k, "unknown key '%s' in external", str_of(k));
		}
	}
	return 0;
}

static void *compile(cctx_t *c, yaml_node_t *v, const char *what, const char *pat, int caseless)
{
	int errcode;
	PCRE2_SIZE erroff;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
				       caseless ? PCRE2_CASELESS : 0, &errcode, &erroff, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		cfail(c, v, "bad %s pattern at offset %lu: %s", what, (unsigned long)erroff,
		      (const char *)msg);
		return NULL;
	}
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
	return re;
}

static int parse_custom_list(cctx_t *c, yaml_node_t *n)
{
	if (want(c, n, YAML_SEQUENCE_NODE, "custom"))
		return ZL_EINVAL;
	for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top;
	     i++) {
		yaml_node_t *r = node(c, *i);
		if (want(c, r, YAML_MAPPING_NODE, "custom rule"))
			return ZL_EINVAL;
		zl_custom_rule_t cr;
		memset(&cr, 0, sizeof(cr));
		cr.severity = ZL_SEV_WARNING;
		cr.file = zl_arena_strdup(&c->cfg->arena, c->file);
		cr.line = (uint32_t)r->start_mark.line + 1;
		yaml_node_t *pat_node = NULL, *owner_node = NULL;
		for (yaml_node_pair_t *p = r->data.mapping.pairs.start;
		     p < r->data.mapping.pairs.top; p++) {
			yaml_node_t *k = node(c, p->key), *v = node(c, p->value);
			if (want(c, k, YAML_SCALAR_NODE, "key") ||
			    want(c, v, YAML_SCALAR_NODE, str_of(k)))
				return ZL_EINVAL;
			const char *key = str_of(k), *val = str_of(v);
			if (!strcmp(key, "id"))
				cr.id = zl_arena_strdup(&c->cfg->arena, val);
			else if (!strcmp(key, "severity")) {
				if (zl_severity_parse(val, &cr.severity))
					return cfail(c, v, "severity must be error, warning, info "
							   "or off");
			} else if (!strcmp(key, "message"))
				cr.message = zl_arena_strdup(&c->cfg->arena, val);
			else if (!strcmp(key, "summary"))
				cr.summary = zl_arena_strdup(&c->cfg->arena, val);
			else if (!strcmp(key, "owner")) {
				cr.owner_pattern = zl_arena_strdup(&c->cfg->arena, val);
				owner_node = v;
			} else if (!strcmp(key, "type")) {
				ldns_rr_type t = ldns_get_rr_type_by_name(val);
				if (!t)
					return cfail(c, v, "unknown record type '%s'", val);
				cr.type = (uint16_t)t;
			} else if (!strcmp(key, "require") || !strcmp(key, "forbid")) {
				if (cr.pattern)
					return cfail(c, k, "a custom rule has one of require: or "
							   "forbid:, not both");
				cr.forbid = key[0] == 'f';
				cr.pattern = zl_arena_strdup(&c->cfg->arena, val);
				pat_node = v;
			} else
				return cfail(c, k, "unknown key '%s' in custom rule", key);
		}
		if (!cr.id)
			return cfail(c, r, "custom rule without 'id'");
		for (const char *p = cr.id; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
				return cfail(c, r, "custom rule id '%s' must be lower-case letters, "
						   "digits and '-'", cr.id);
		if (!strchr(cr.id, '-') || zl_rule_id_is_builtin_family(cr.id))
			return cfail(c, r, "custom rule id '%s' needs a prefix of its own "
					   "(like 'acme-'), not a built-in family's", cr.id);
		if (!cr.message)
			return cfail(c, r, "custom rule '%s' needs a message", cr.id);
		if (!cr.pattern)
			return cfail(c, r, "custom rule '%s' needs require: or forbid:", cr.id);
		for (unsigned k = 0; k < c->cfg->ncustom; k++)
			if (!strcmp(c->cfg->custom[k].id, cr.id))
				return cfail(c, r, "custom rule '%s' defined twice", cr.id);
		if (c->cfg->ncustom >= ZL_CUSTOM_MAX)
			return cfail(c, r, "more than %u custom rules", ZL_CUSTOM_MAX);
		if (cr.owner_pattern && !(cr.owner_re = compile(c, owner_node, "owner",
							       cr.owner_pattern, 1)))
			return ZL_EINVAL;
		if (!(cr.re = compile(c, pat_node, cr.forbid ? "forbid" : "require", cr.pattern,
				      0))) {
			pcre2_code_free(cr.owner_re);
			return ZL_EINVAL;
		}
		c->cfg->custom = zl_xrealloc(c->cfg->custom,
					     (c->cfg->ncustom + 1) * sizeof(*c->cfg->custom));
		c->cfg->custom[c->cfg->ncustom++] = cr;
	}
	return 0;
}

static int load_doc(zl_config_t *cfg, const char *file, const char *dir, yaml_parser_t *parser,
		    int rules_only, char *err, size_t errlen);

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_rules_file(cctx_t *c, yaml_node_t *at, const char *path)
{
	FILE *f = open_regular(path);
	if (!f)
		return cfail(c, at, "cannot read custom rules '%s': %s", path, open_error(errno));
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	char *dir = strdup(path);
	char *sl = strrchr(dir, '/');
	if (sl)
		*sl = '\0';
	int r = load_doc(c->cfg, path, sl ? dir : ".", &parser, 1, c->err, c->errlen);
	free(dir);
	yaml_parser_delete(&parser);
	fclose(f);
	if (r)
		c->failed = 1;
	return r;
}

static int parse_custom_files(cctx_t *c, yaml_node_t *n)
{
	const char **paths = NULL;
	unsigned np = 0;
	if (parse_str_list(c, n, "custom-rules", &paths, &np)) {
		free(paths);
		return ZL_EINVAL;
	}
	int r = 0;
	for (unsigned i = 0; i < np && !r; i++) {
		struct stat sb;
		if (stat(paths[i], &sb) != 0) {
			r = cfail(c, n, "cannot read custom rules '%s': %s", paths[i],
				  strerror(errno));
			break;
		}
		if (!S_ISDIR(sb.st_mode)) {
			r = load_rules_file(c, n, paths[i]);
			continue;
		}
		DIR *d = opendir(paths[i]);
		if (!d) {
			r = cfail(c, n, "cannot read folder '%s': %s", paths[i], strerror(errno));
			break;
		}
		char **names = NULL;
		size_t nn = 0;
		struct dirent *de;
		while ((de = readdir(d))) {
			size_t l = strlen(de->d_name);
			if (de->d_name[0] == '.' || l < 6 ||
			    (strcmp(de->d_name + l - 5, ".yaml") && strcmp(de->d_name + l - 4, ".yml")))
				continue;
			names = zl_xrealloc(names, (nn + 1) * sizeof(*names));
			names[nn++] = strdup(de->d_name);
		}
		closedir(d);
		if (nn)
			qsort(names, nn, sizeof(*names), cmp_str);
		for (size_t k = 0; k < nn; k++) {
			if (!r) {
				char *p = zl_arena_printf(&c->cfg->arena, "%s/%s", paths[i],
							  names[k]);
				r = load_rules_file(c, n, p);
			}
			free(names[k]);
		}
		free(names);
	}
	free(paths);
	return r;
}

static int load_doc(zl_config_t *cfg, const char *file, const char *dir, yaml_parser_t *parser,
		    int rules_only, char *err, size_t errlen)
{
	yaml_document_t doc;
	if (!yaml_parser_load(parser, &doc)) {
		snprintf(err, errlen, "%s:%lu: %s", file,
			 (unsigned long)parser->problem_mark.line + 1,
			 parser->problem ? parser->problem : "invalid YAML");
		return ZL_EINVAL;
	}
	cctx_t c = { cfg, &doc, file, dir, err, errlen, 0 };
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	int r = 0;
	if (!root) {
		yaml_document_delete(&doc);
		return 0; /* an empty file is an empty config */
	}
	if (root->type != YAML_MAPPING_NODE) {
		r = cfail(&c, root, "the top level must be a mapping of keys");
		goto out;
	}
	/* custom rules first, so rules: may set their severity */
	for (int pass = 0; pass < 2 && !r; pass++) {
		for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
		     p < root->data.mapping.pairs.top && !r; p++) {
			yaml_node_t *k = node(&c, p->key), *v = node(&c, p->value);
			if (want(&c, k, YAML_SCALAR_NODE, "key")) {
				r = ZL_EINVAL;
				break;
			}
			const char *key = str_of(k);
			int is_custom = !strcmp(key, "custom") || !strcmp(key, "custom-rules");
			if ((pass == 0) != is_custom)
				continue;
			if (rules_only && strcmp(key, "custom")) {
				r = cfail(&c, k, "unknown key '%s' (a custom rules file holds only "
						 "'custom:')", key);
			} else if (!strcmp(key, "custom"))
				r = parse_custom_list(&c, v);
			else if (!strcmp(key, "custom-rules"))
				r = parse_custom_files(&c, v);
			else if (!strcmp(key, "rules"))
				r = parse_rules(&c, v);
			else if (!strcmp(key, "zones"))
				r = parse_zones(&c, v);
			else if (!strcmp(key, "include-folders"))
				r = parse_str_list(&c, v, key, &cfg->include_allow,
						   &cfg->ninclude_allow);
			else if (!strcmp(key, "spf"))
				r = parse_spf(&c, v);
			else if (!strcmp(key, "dnssec"))
				r = parse_dnssec(&c, v);
			else if (!strcmp(key, "external"))
				r = parse_external(&c, v);
			else if (!strcmp(key, "generate-limit")) {
				uint64_t lim;
				r = parse_uint(&c, v, key, 1, 100000000, &lim);
				if (!r)
					cfg->generate_limit = lim;
			} else
				r = cfail(&c, k, "unknown key '%s'", key);
		}
	}
out:
	if (c.failed)
		r = ZL_EINVAL;
	yaml_document_delete(&doc);
	return r;
}

int zl_config_load_buffer(zl_config_t *cfg, const char *display, const char *text, size_t len,
			  char *err, size_t errlen)
{
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	cfg->path = zl_arena_strdup(&cfg->arena, display);
	int r = load_doc(cfg, cfg->path, NULL, &parser, 0, err, errlen);
	yaml_parser_delete(&parser);
	return r;
}

int zl_config_load(zl_config_t *cfg, const char *path, char *err, size_t errlen)
{
	FILE *f = open_regular(path);
	if (!f) {
		snprintf(err, errlen, "cannot read config '%s': %s", path, open_error(errno));
		return ZL_EIO;
	}
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	cfg->path = zl_arena_strdup(&cfg->arena, path);
	char *dir = zl_arena_strdup(&cfg->arena, path);
	char *sl = strrchr(dir, '/');
	if (sl)
		*sl = '\0';
	int r = load_doc(cfg, cfg->path, sl ? dir : NULL, &parser, 0, err, errlen);
	yaml_parser_delete(&parser);
	fclose(f);
	return r;
}

char *zl_config_find(void)
{
	char dir[PATH_MAX];
	if (!getcwd(dir, sizeof(dir)))
		return NULL;
	for (;;) {
		char path[PATH_MAX + 32];
		snprintf(path, sizeof(path), "%s/.zonelint.yaml", strcmp(dir, "/") ? dir : "");
		if (access(path, F_OK) == 0)
			return strdup(path);
		char *sl = strrchr(dir, '/');
		if (!sl || sl == dir) {
			if (strcmp(dir, "/") == 0)
				return NULL;
			strcpy(dir, "/");
			continue;
		}
		*sl = '\0';
	}
}

int zl_config_load_default(zl_config_t *cfg, const char *path, int no_config, char *err,
			   size_t errlen)
{
	char *found = NULL;
	if (!path && !no_config)
		path = found = zl_config_find();
	int r = path ? zl_config_load(cfg, path, err, errlen) : 0;
	free(found);
	return r;
}

const zl_zone_conf_t *zl_config_zone(const zl_config_t *cfg, const char *name)
{
	for (unsigned i = 0; i < cfg->nzones; i++)
		if (!strcasecmp(cfg->zones[i].name, name))
			return &cfg->zones[i];
	return NULL;
}

int zl_config_disable(zl_config_t *cfg, const char *list, char *err, size_t errlen)
{
	char *copy = strdup(list), *save = NULL;
	if (!copy)
		zl_oom();
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		zl_rule_id_t id;
		if (zl_rule_lookup(t, &id) == 0) {
			cfg->severity[id] = ZL_SEV_OFF;
			continue;
		}
		int found = 0;
		for (unsigned i = 0; i < cfg->ncustom; i++)
			if (!strcmp(cfg->custom[i].id, t)) {
				cfg->custom[i].severity = ZL_SEV_OFF;
				found = 1;
			}
		if (!found) {
			snprintf(err, errlen, "--disable: unknown rule '%s'", t);
			free(copy);
			return ZL_ENOTFOUND;
		}
	}
	free(copy);
	return 0;
}

const zl_custom_rule_t *zl_config_custom(const zl_config_t *cfg, const char *id)
{
	for (unsigned i = 0; i < cfg->ncustom; i++)
		if (!strcmp(cfg->custom[i].id, id))
			return &cfg->custom[i];
	return NULL;
}
