/* zonelint: `zonelint rules` and `zonelint explain`, from the catalogue.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "findings.h"
#include "report.h"
#include "rules.h"

int zl_cmd_rules(int argc, char **argv)
{
	const char *format = "text";
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc)
			format = argv[++i];
		else if (!strncmp(argv[i], "--format=", 9))
			format = argv[i] + 9;
		else
			return zl_usage_error("rules: unknown argument '%s'", argv[i]);
	}
	/* custom rules of the config in force are listed too */
	zl_config_t cfg;
	zl_config_init(&cfg);
	char err[1024];
	if (zl_config_load_default(&cfg, NULL, 0, err, sizeof(err))) {
		zl_config_free(&cfg);
		return zl_usage_error("%s", err);
	}
	if (!strcmp(format, "json")) {
		fputs("{\"version\":1,\"rules\":[", stdout);
		for (unsigned i = 0; i < ZL_R__COUNT; i++) {
			const zl_rule_def_t *r = &zl_catalogue[i];
			printf("%s\n{\"id\":", i ? "," : "");
			zl_json_string(stdout, r->id);
			fputs(",\"family\":", stdout);
			zl_json_string(stdout, zl_families[r->family].name);
			printf(",\"severity\":\"%s\",\"default_severity\":\"%s\",\"summary\":",
			       zl_severity_name(cfg.severity[i]), zl_severity_name(r->severity));
			zl_json_string(stdout, r->summary);
			fputs(",\"reference\":", stdout);
			zl_json_string(stdout, r->reference);
			fputs("}", stdout);
		}
		for (unsigned i = 0; i < cfg.ncustom; i++) {
			const zl_custom_rule_t *c = &cfg.custom[i];
			fputs(",\n{\"id\":", stdout);
			zl_json_string(stdout, c->id);
			printf(",\"family\":\"custom\",\"severity\":\"%s\",\"default_severity\":\"%s\","
			       "\"summary\":", zl_severity_name(c->severity),
			       zl_severity_name(c->severity));
			zl_json_string(stdout, c->summary ? c->summary : c->message);
			fputs(",\"reference\":", stdout);
			zl_json_string(stdout, c->file);
			fputs("}", stdout);
		}
		fputs("\n]}\n", stdout);
	} else if (!strcmp(format, "text")) {
		for (unsigned i = 0; i < ZL_R__COUNT; i++) {
			const zl_rule_def_t *r = &zl_catalogue[i];
			printf("%-34s %-7s %s\n", r->id, zl_severity_name(cfg.severity[i]), r->summary);
		}
		for (unsigned i = 0; i < cfg.ncustom; i++) {
			const zl_custom_rule_t *c = &cfg.custom[i];
			printf("%-34s %-7s %s (custom, %s)\n", c->id, zl_severity_name(c->severity),
			       c->summary ? c->summary : c->message, c->file);
		}
	} else {
		zl_config_free(&cfg);
		return zl_usage_error("rules: --format must be text or json");
	}
	zl_config_free(&cfg);
	return 0;
}

static void print_example(const zl_example_t *ex, const char *label)
{
	printf("\n%s:\n", label);
	if (ex->config) {
		printf("  # .zonelint.yaml\n");
		for (const char *s = ex->config; *s;) {
			const char *e = strchr(s, '\n');
			int l = e ? (int)(e - s) : (int)strlen(s);
			printf("  %.*s\n", l, s);
			s += l + (e ? 1 : 0);
		}
	}
	const char *texts[1] = { ex->snippet };
	unsigned n = ex->snippet ? 1 : ex->nfiles;
	for (unsigned k = 0; k < n; k++) {
		const char *t = ex->snippet ? texts[0] : ex->texts[k];
		if (!ex->snippet)
			printf("  ; file %s\n", ex->names[k]);
		for (const char *s = t; *s;) {
			const char *e = strchr(s, '\n');
			int l = e ? (int)(e - s) : (int)strlen(s);
			printf("  %.*s\n", l, s);
			s += l + (e ? 1 : 0);
		}
	}
}

int zl_cmd_explain(int argc, char **argv)
{
	if (argc != 2)
		return zl_usage_error("explain: give exactly one rule id (see 'zonelint rules')");
	zl_rule_id_t id;
	if (zl_rule_lookup(argv[1], &id))
		return zl_usage_error("explain: unknown rule '%s' (see 'zonelint rules')", argv[1]);
	const zl_rule_def_t *r = &zl_catalogue[id];
	printf("%s (%s, default severity %s)\n\n%s\n\n%s\nReference: %s\n", r->id,
	       zl_families[r->family].title, zl_severity_name(r->severity), r->summary,
	       r->rationale, r->reference);
	for (unsigned i = 0; i < r->nbad; i++)
		print_example(&r->bad[i], "Bad");
	for (unsigned i = 0; i < r->ngood; i++)
		print_example(&r->good[i], "Good");
	return 0;
}
