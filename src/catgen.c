/* zonelint: build-time generator of the rule table and man page from rules/<family>.yaml.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The catalogue is the single source of what a rule is called, how severe it
 * is by default and how it is explained.  This program reads every catalogue
 * file, checks it (unique ids, the id's family prefix, a known severity, the
 * required keys, at least one bad and one good example) and writes:
 *   catalogue.h   the rule id enum, so C code cannot name a rule the
 *                 catalogue lacks (it would not compile)
 *   catalogue.c   the rule table and the family table
 *   zonelint-rules.7  the rules man page
 * Generated files say so at the top; edit rules/<family>.yaml instead.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

typedef struct example {
	char *snippet;
	char *config;
	unsigned nfiles;
	char *names[24];
	char *texts[24];
} example_t;

typedef struct rule {
	char *id, *severity, *summary, *rationale, *reference;
	example_t bad[16], good[16];
	unsigned nbad, ngood;
} rule_t;

typedef struct family {
	char *name, *title, *description, *file;
	rule_t *rules;
	unsigned nrules;
} family_t;

static family_t fams[64];
static unsigned nfams;
static int failed;

static void fail(const char *file, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s:%lu: ", file, n ? (unsigned long)n->start_mark.line + 1 : 0ul);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	failed = 1;
}

static char *scalar(yaml_document_t *d, yaml_node_t *n, const char *file, const char *key)
{
	if (!n || n->type != YAML_SCALAR_NODE) {
		fail(file, n, "'%s' must be a string", key);
		return strdup("");
	}
	return strndup((const char *)n->data.scalar.value, n->data.scalar.length);
	(void)d;
}

static const char *key_of(yaml_document_t *d, yaml_node_pair_t *p)
{
	yaml_node_t *k = yaml_document_get_node(d, p->key);
	return k && k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : "";
}

static void parse_example(yaml_document_t *d, yaml_node_t *n, const char *file, example_t *ex)
{
	memset(ex, 0, sizeof(*ex));
	if (n->type == YAML_SCALAR_NODE) {
		ex->snippet = scalar(d, n, file, "example");
		return;
	}
	if (n->type != YAML_MAPPING_NODE) {
		fail(file, n, "an example is a string or a mapping");
		return;
	}
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		const char *k = key_of(d, p);
		yaml_node_t *v = yaml_document_get_node(d, p->value);
		if (!strcmp(k, "snippet"))
			ex->snippet = scalar(d, v, file, k);
		else if (!strcmp(k, "config"))
			ex->config = scalar(d, v, file, k);
		else if (!strcmp(k, "files") && v && v->type == YAML_MAPPING_NODE) {
			for (yaml_node_pair_t *f = v->data.mapping.pairs.start;
			     f < v->data.mapping.pairs.top; f++) {
				if (ex->nfiles == 24) {
					fail(file, v, "at most 24 files per example");
					break;
				}
				ex->names[ex->nfiles] = strdup(key_of(d, f));
				ex->texts[ex->nfiles] =
					scalar(d, yaml_document_get_node(d, f->value), file, "file");
				ex->nfiles++;
			}
		} else
			fail(file, v, "unknown example key '%s'", k);
	}
	if (!ex->snippet && !ex->nfiles)
		fail(file, n, "an example needs 'snippet' or 'files'");
}

static void parse_examples(yaml_document_t *d, yaml_node_t *n, const char *file,
			   example_t *out, unsigned *count, const char *what)
{
	if (!n || n->type != YAML_SEQUENCE_NODE) {
		fail(file, n, "'%s' must be a list of examples", what);
		return;
	}
	for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top;
	     i++) {
		if (*count == 16) {
			fail(file, n, "at most 16 '%s' examples", what);
			return;
		}
		parse_example(d, yaml_document_get_node(d, *i), file, &out[(*count)++]);
	}
}

static void parse_rule(yaml_document_t *d, yaml_node_t *n, const char *file, family_t *fam,
		       rule_t *r)
{
	memset(r, 0, sizeof(*r));
	if (n->type != YAML_MAPPING_NODE) {
		fail(file, n, "a rule must be a mapping");
		return;
	}
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		const char *k = key_of(d, p);
		yaml_node_t *v = yaml_document_get_node(d, p->value);
		if (!strcmp(k, "id"))
			r->id = scalar(d, v, file, k);
		else if (!strcmp(k, "severity"))
			r->severity = scalar(d, v, file, k);
		else if (!strcmp(k, "summary"))
			r->summary = scalar(d, v, file, k);
		else if (!strcmp(k, "rationale"))
			r->rationale = scalar(d, v, file, k);
		else if (!strcmp(k, "reference"))
			r->reference = scalar(d, v, file, k);
		else if (!strcmp(k, "bad"))
			parse_examples(d, v, file, r->bad, &r->nbad, "bad");
		else if (!strcmp(k, "good"))
			parse_examples(d, v, file, r->good, &r->ngood, "good");
		else
			fail(file, v, "unknown rule key '%s'", k);
	}
	if (!r->id) {
		fail(file, n, "rule without 'id'");
		r->id = strdup("?");
		return;
	}
	size_t fl = strlen(fam->name);
	if (strncmp(r->id, fam->name, fl) || r->id[fl] != '-' || !r->id[fl + 1])
		fail(file, n, "rule '%s' does not start with its family '%s-'", r->id, fam->name);
	for (const char *c = r->id; *c; c++)
		if (!(islower((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '-'))
			fail(file, n, "rule id '%s' must be lower-case letters, digits, '-'", r->id);
	if (!r->severity || (strcmp(r->severity, "error") && strcmp(r->severity, "warning") &&
			     strcmp(r->severity, "info")))
		fail(file, n, "rule '%s': severity must be error, warning or info", r->id);
	if (!r->summary || !r->rationale || !r->reference)
		fail(file, n, "rule '%s' needs summary, rationale and reference", r->id);
	if (!r->nbad || !r->ngood)
		fail(file, n, "rule '%s' needs at least one bad and one good example", r->id);
}

static void parse_file(const char *file)
{
	FILE *f = fopen(file, "rb");
	if (!f) {
		fprintf(stderr, "%s: cannot open\n", file);
		failed = 1;
		return;
	}
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		fprintf(stderr, "%s:%lu: %s\n", file, (unsigned long)parser.problem_mark.line + 1,
			parser.problem ? parser.problem : "YAML error");
		failed = 1;
		yaml_parser_delete(&parser);
		fclose(f);
		return;
	}
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	family_t *fam = &fams[nfams++];
	memset(fam, 0, sizeof(*fam));
	fam->file = strdup(file);
	yaml_node_t *rules = NULL;
	if (!root || root->type != YAML_MAPPING_NODE) {
		fail(file, root, "top level must be a mapping");
		goto out;
	}
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		const char *k = key_of(&doc, p);
		yaml_node_t *v = yaml_document_get_node(&doc, p->value);
		if (!strcmp(k, "family"))
			fam->name = scalar(&doc, v, file, k);
		else if (!strcmp(k, "title"))
			fam->title = scalar(&doc, v, file, k);
		else if (!strcmp(k, "description"))
			fam->description = scalar(&doc, v, file, k);
		else if (!strcmp(k, "rules"))
			rules = v;
		else
			fail(file, v, "unknown key '%s'", k);
	}
	if (!fam->name || !fam->title || !fam->description || !rules ||
	    rules->type != YAML_SEQUENCE_NODE) {
		fail(file, root, "needs family, title, description and a list of rules");
		goto out;
	}
	size_t n = (size_t)(rules->data.sequence.items.top - rules->data.sequence.items.start);
	fam->rules = calloc(n ? n : 1, sizeof(rule_t));
	for (yaml_node_item_t *i = rules->data.sequence.items.start;
	     i < rules->data.sequence.items.top; i++)
		parse_rule(&doc, yaml_document_get_node(&doc, *i), file, fam,
			   &fam->rules[fam->nrules++]);
out:
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(f);
}

static void c_string(FILE *o, const char *s)
{
	if (!s) {
		fputs("NULL", o);
		return;
	}
	/* parenthesized, so that a literal split over lines is not taken for
	 * a missing comma in an array (clang -Wstring-concatenation) */
	int paren = strchr(s, '\n') != NULL;
	if (paren)
		fputc('(', o);
	fputc('"', o);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(o, "\\%c", c);
		else if (c == '\n')
			fputs("\\n\"\n\t\"", o);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(o, "\\%03o", c);
		else
			fputc(c, o);
	}
	fputc('"', o);
	if (paren)
		fputc(')', o);
}

static void enum_name(FILE *o, const char *id)
{
	fputs("ZL_R_", o);
	for (; *id; id++)
		fputc(*id == '-' ? '_' : toupper((unsigned char)*id), o);
}

static void man_text(FILE *o, const char *s, int literal)
{
	int bol = 1;
	for (; *s; s++) {
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", o);
		bol = 0;
		if (*s == '\\')
			fputs("\\e", o);
		else if (*s == '-' && !literal)
			fputs("\\-", o);
		else
			fputc(*s, o);
		if (*s == '\n')
			bol = 1;
	}
	if (!bol)
		fputc('\n', o);
}

static void man_example(FILE *o, const example_t *ex, const char *label)
{
	fprintf(o, ".PP\n%s:\n.RS\n.nf\n", label);
	if (ex->config) {
		fputs("# .zonelint.yaml\n", o);
		man_text(o, ex->config, 1);
	}
	if (ex->snippet)
		man_text(o, ex->snippet, 1);
	for (unsigned i = 0; i < ex->nfiles; i++) {
		fprintf(o, "; file %s\n", ex->names[i]);
		man_text(o, ex->texts[i], 1);
	}
	fputs(".fi\n.RE\n", o);
}

static void write_examples(FILE *o, const char *var, const example_t *ex, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		if (ex[i].nfiles) {
			fprintf(o, "static const char *const %s_%u_names[] = {", var, i);
			for (unsigned k = 0; k < ex[i].nfiles; k++) {
				c_string(o, ex[i].names[k]);
				fputs(", ", o);
			}
			fprintf(o, "};\nstatic const char *const %s_%u_texts[] = {", var, i);
			for (unsigned k = 0; k < ex[i].nfiles; k++) {
				c_string(o, ex[i].texts[k]);
				fputs(",\n", o);
			}
			fputs("};\n", o);
		}
	}
	fprintf(o, "static const zl_example_t %s[] = {\n", var);
	for (unsigned i = 0; i < n; i++) {
		fputs("\t{ ", o);
		c_string(o, ex[i].snippet);
		fputs(", ", o);
		c_string(o, ex[i].config);
		if (ex[i].nfiles)
			fprintf(o, ", %u, %s_%u_names, %s_%u_texts },\n", ex[i].nfiles, var, i, var,
				i);
		else
			fputs(", 0, NULL, NULL },\n", o);
	}
	fputs("};\n", o);
}

static int cmp_fam(const void *a, const void *b)
{
	const family_t *x = a, *y = b;
	/* the zone family first, then alphabetical */
	if (!strcmp(x->name, "zone"))
		return -1;
	if (!strcmp(y->name, "zone"))
		return 1;
	return strcmp(x->name, y->name);
}

int main(int argc, char **argv)
{
	if (argc < 6) {
		fprintf(stderr, "usage: catgen OUT.c OUT.h OUT.7 VERSION RULES.yaml...\n");
		return 2;
	}
	for (int i = 5; i < argc; i++)
		parse_file(argv[i]);
	if (failed)
		return 1;
	qsort(fams, nfams, sizeof(fams[0]), cmp_fam);
	/* ids unique across families */
	for (unsigned a = 0; a < nfams; a++)
		for (unsigned i = 0; i < fams[a].nrules; i++)
			for (unsigned b = a; b < nfams; b++)
				for (unsigned k = (b == a ? i + 1 : 0); k < fams[b].nrules; k++)
					if (!strcmp(fams[a].rules[i].id, fams[b].rules[k].id)) {
						fprintf(stderr, "%s: duplicate rule id '%s'\n",
							fams[b].file, fams[b].rules[k].id);
						failed = 1;
					}
	for (unsigned a = 0; a < nfams; a++)
		for (unsigned b = a + 1; b < nfams; b++)
			if (!strcmp(fams[a].name, fams[b].name)) {
				fprintf(stderr, "%s: family '%s' defined twice\n", fams[b].file,
					fams[b].name);
				failed = 1;
			}
	if (failed)
		return 1;

	FILE *h = fopen(argv[2], "w");
	FILE *c = fopen(argv[1], "w");
	FILE *m = fopen(argv[3], "w");
	if (!h || !c || !m) {
		fprintf(stderr, "catgen: cannot write outputs\n");
		return 1;
	}
	const char *banner = "Generated by catgen from rules/<family>.yaml. DO NOT EDIT.";
	fprintf(h, "/* %s */\n#ifndef ZL_CATALOGUE_H\n#define ZL_CATALOGUE_H\n\n"
		   "typedef enum zl_rule_id {\n", banner);
	for (unsigned a = 0; a < nfams; a++)
		for (unsigned i = 0; i < fams[a].nrules; i++) {
			fputc('\t', h);
			enum_name(h, fams[a].rules[i].id);
			fputs(",\n", h);
		}
	fputs("\tZL_R__COUNT\n} zl_rule_id_t;\n\n", h);
	fprintf(h, "#define ZL_FAMILY_COUNT %u\n\n#endif\n", nfams);

	fprintf(c, "/* %s */\n#include \"rules.h\"\n\n", banner);
	for (unsigned a = 0; a < nfams; a++)
		fprintf(c, "int zl_check_%s(zl_ctx_t *ctx);\n", fams[a].name);
	fputs("\n", c);
	for (unsigned a = 0; a < nfams; a++)
		for (unsigned i = 0; i < fams[a].nrules; i++) {
			char var[256];
			snprintf(var, sizeof(var), "ex_%u_%u_bad", a, i);
			write_examples(c, var, fams[a].rules[i].bad, fams[a].rules[i].nbad);
			snprintf(var, sizeof(var), "ex_%u_%u_good", a, i);
			write_examples(c, var, fams[a].rules[i].good, fams[a].rules[i].ngood);
		}
	fputs("\nconst zl_rule_def_t zl_catalogue[ZL_R__COUNT] = {\n", c);
	for (unsigned a = 0; a < nfams; a++)
		for (unsigned i = 0; i < fams[a].nrules; i++) {
			rule_t *r = &fams[a].rules[i];
			fputs("\t[", c);
			enum_name(c, r->id);
			fputs("] = { ", c);
			c_string(c, r->id);
			fprintf(c, ", %u, ", a);
			c_string(c, r->summary);
			fputs(",\n\t\t", c);
			c_string(c, r->rationale);
			fputs(",\n\t\t", c);
			c_string(c, r->reference);
			fprintf(c, ", ZL_SEV_%s, ex_%u_%u_bad, %u, ex_%u_%u_good, %u },\n",
				!strcmp(r->severity, "error") ? "ERROR" :
				!strcmp(r->severity, "warning") ? "WARNING" : "INFO",
				a, i, r->nbad, a, i, r->ngood);
		}
	fputs("};\n\nconst zl_family_def_t zl_families[ZL_FAMILY_COUNT] = {\n", c);
	for (unsigned a = 0; a < nfams; a++) {
		fputs("\t{ ", c);
		c_string(c, fams[a].name);
		fputs(", ", c);
		c_string(c, fams[a].title);
		fputs(", ", c);
		c_string(c, fams[a].description);
		fprintf(c, ", zl_check_%s },\n", fams[a].name);
	}
	fputs("};\n", c);

	fprintf(m, ".\\\" %s\n.TH ZONELINT-RULES 7 \"\" \"zonelint %s\" \"zonelint\"\n",
		banner, argv[4]);
	fputs(".SH NAME\nzonelint-rules \\- the rules zonelint checks\n"
	      ".SH DESCRIPTION\nEach rule has an id, a default severity (error: receivers "
	      "will fail or misbehave; warning: weak or risky; info: advice), the standard it "
	      "follows, and examples of a record set that triggers it (bad) and one that does "
	      "not (good).  Examples that are a snippet are checked appended to a zone "
	      "header for\n.I example.com.\n(SOA, two NS and their addresses).  Severities "
	      "can be changed or rules turned off in\n.BR zonelint.yaml (5).\n", m);
	for (unsigned a = 0; a < nfams; a++) {
		fprintf(m, ".SH \"%s (%s\\-)\"\n", fams[a].title, fams[a].name);
		man_text(m, fams[a].description, 0);
		for (unsigned i = 0; i < fams[a].nrules; i++) {
			rule_t *r = &fams[a].rules[i];
			fputs(".SS ", m);
			man_text(m, r->id, 0);
			fprintf(m, ".PP\n\\fB%s\\fR: ", r->severity);
			man_text(m, r->summary, 0);
			fputs(".PP\n", m);
			man_text(m, r->rationale, 0);
			fputs(".PP\nReference: ", m);
			man_text(m, r->reference, 0);
			for (unsigned k = 0; k < r->nbad; k++)
				man_example(m, &r->bad[k], "Bad");
			for (unsigned k = 0; k < r->ngood; k++)
				man_example(m, &r->good[k], "Good");
		}
	}
	fputs(".SH SEE ALSO\n.BR zonelint (1),\n.BR zonelint.yaml (5)\n", m);
	if (fclose(h) || fclose(c) || fclose(m)) {
		fprintf(stderr, "catgen: write error\n");
		return 1;
	}
	return 0;
}
