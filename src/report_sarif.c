/* zonelint: the SARIF 2.1.0 report, for code scanning on pull requests.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0"
#endif

static const char *level_of(zl_severity_t s)
{
	switch (s) {
	case ZL_SEV_ERROR: return "error";
	case ZL_SEV_WARNING: return "warning";
	default: return "note";
	}
}

/* A relative URI reference for a path: relative to the cwd, percent-encoded. */
static void put_uri(FILE *out, const char *path)
{
	char cwd[PATH_MAX];
	const char *p = path;
	if (path[0] == '/' && getcwd(cwd, sizeof(cwd))) {
		size_t l = strlen(cwd);
		if (!strncmp(path, cwd, l) && path[l] == '/')
			p = path + l + 1;
	}
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	fputc('"', out);
	for (const unsigned char *c = (const unsigned char *)p; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("-._~/", *c))
			fputc(*c, out);
		else
			fprintf(out, "%%%02X", *c);
	}
	fputc('"', out);
}

static void rule_obj(FILE *out, const char *id, const char *summary, const char *full,
		     const char *help, zl_severity_t sev, const char *family)
{
	fputs("{\"id\":", out);
	zl_json_string(out, id);
	fputs(",\"shortDescription\":{\"text\":", out);
	zl_json_string(out, summary);
	fputs("},\"fullDescription\":{\"text\":", out);
	zl_json_string(out, full);
	fputs("},\"help\":{\"text\":", out);
	zl_json_string(out, help);
	fprintf(out, "},\"defaultConfiguration\":{\"level\":\"%s\"%s}", level_of(sev),
		sev == ZL_SEV_OFF ? ",\"enabled\":false" : "");
	fputs(",\"properties\":{\"tags\":[", out);
	zl_json_string(out, family);
	fputs("]}}", out);
}

static void sarif_result(FILE *out, const zl_report_in_t *in, size_t i)
{
	const zl_finding_t *f = &in->findings->v[i];
	fputs(i ? ",\n{" : "\n{", out);
	fputs("\"ruleId\":", out);
	zl_json_string(out, f->rule);
	fprintf(out, ",\"ruleIndex\":%d,\"level\":\"%s\",", f->rule_index,
		level_of(f->severity));
	if (in->findings->baseline) /* every result shown is one the baseline lacks */
		fputs("\"baselineState\":\"new\",", out);
	fputs("\"message\":{\"text\":", out);
	char mb[ZL_FINDING_TEXT_MAX], sb[ZL_FINDING_TEXT_MAX];
	const char *msg = zl_finding_message(f, mb), *sug = zl_finding_suggestion(f, sb);
	if (sug) {
		size_t l = strlen(msg) + strlen(sug) + 32;
		char *m = malloc(l);
		if (m) {
			snprintf(m, l, "%s\nSuggestion:\n%s", msg, sug);
			zl_json_string(out, m);
			free(m);
		} else {
			zl_json_string(out, msg);
		}
	} else {
		zl_json_string(out, msg);
	}
	fputc('}', out);
	const char *file = zl_report_file(in, f);
	fputs(",\"locations\":[{", out);
	if (file) {
		fputs("\"physicalLocation\":{\"artifactLocation\":{\"uri\":", out);
		put_uri(out, file);
		fprintf(out, "},\"region\":{\"startLine\":%u}}", f->line ? f->line : 1);
	}
	char ob[ZL_NAME_STRLEN], tb[16];
	if (f->owner) {
		fputs(file ? ",\"logicalLocations\":[{\"fullyQualifiedName\":" :
			     "\"logicalLocations\":[{\"fullyQualifiedName\":", out);
		zl_json_string(out, zl_finding_owner(f, ob));
		fputs(",\"kind\":\"resource\"}]", out);
	}
	fputs("}]", out);
	if (f->zone || f->type) {
		fputs(",\"properties\":{", out);
		int first = 1;
		if (f->zone) {
			fputs("\"zone\":", out);
			zl_json_string(out, f->zone);
			first = 0;
		}
		if (f->type) {
			fputs(first ? "\"type\":" : ",\"type\":", out);
			zl_json_string(out, zl_finding_type(f, tb));
		}
		fputc('}', out);
	}
	fputc('}', out);
}

int zl_report_sarif(FILE *out, const zl_report_in_t *in)
{
	fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
	      "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"zonelint\","
	      "\"version\":\"" PACKAGE_VERSION "\",\"semanticVersion\":\"" PACKAGE_VERSION "\","
	      "\"rules\":[", out);
	for (unsigned i = 0; i < ZL_R__COUNT; i++) {
		const zl_rule_def_t *r = &zl_catalogue[i];
		if (i)
			fputs(",\n", out);
		char help[512];
		snprintf(help, sizeof(help), "%s (%s). Run `zonelint explain %s` for examples.",
			 r->summary, r->reference, r->id);
		rule_obj(out, r->id, r->summary, r->rationale, help,
			 in->config ? in->config->severity[i] : r->severity,
			 zl_families[r->family].name);
	}
	for (unsigned i = 0; in->config && i < in->config->ncustom; i++) {
		const zl_custom_rule_t *c = &in->config->custom[i];
		fputs(",\n", out);
		rule_obj(out, c->id, c->summary ? c->summary : c->message, c->message, c->message,
			 c->severity, "custom");
	}
	fputs("]}},\"columnKind\":\"utf16CodeUnits\",\"results\":[", out);
	const zl_findings_t *fs = in->findings;
	zl_report_each(out, in, sarif_result);
	fputs("\n]", out);
	/* what the baseline and --changed-since hid (SARIF 2.1.0 section 3.8: a property bag) */
	if (fs->baseline || fs->changed_only) {
		fputs(",\"properties\":{", out);
		if (fs->baseline)
			fprintf(out, "\"baselined\":%zu,\"baselineGone\":%zu", fs->baselined,
				fs->baseline_gone);
		if (fs->changed_only)
			fprintf(out, "%s\"unchanged\":%zu", fs->baseline ? "," : "", fs->unchanged);
		fputc('}', out);
	}
	fputs("}]}\n", out);
	return 0;
}
