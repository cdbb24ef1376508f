/* zonelint: the JSON report, a public interface other tools depend on.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdint.h>
#include <string.h>

#include "report.h"

/* Length of a valid UTF-8 sequence at s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	size_t n;
	uint32_t cp;
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void zl_json_string(FILE *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	fputc('"', out);
	while (*s) {
		unsigned char c = *s;
		if (c == '"' || c == '\\') {
			fputc('\\', out);
			fputc(c, out);
			s++;
		} else if (c < 0x20 || c == 0x7f) {
			fprintf(out, "\\u%04x", c);
			s++;
		} else if (c < 0x80) {
			fputc(c, out);
			s++;
		} else {
			size_t n = utf8_len(s);
			if (n) {
				fwrite(s, 1, n, out);
				s += n;
			} else {
				fputs("\\ufffd", out);
				s++;
			}
		}
	}
	fputc('"', out);
}

const char *zl_report_file(const zl_report_in_t *in, const zl_finding_t *f)
{
	if (f->file == ZL_NO_FILE || f->file >= in->set->nfiles)
		return NULL;
	return in->set->files[f->file].display;
}

static void field(FILE *out, const char *name, const char *value, int *first)
{
	if (!*first)
		fputc(',', out);
	*first = 0;
	fprintf(out, "\"%s\":", name);
	if (value)
		zl_json_string(out, value);
	else
		fputs("null", out);
}

static void json_finding(FILE *out, const zl_report_in_t *in, size_t i)
{
	const zl_finding_t *f = &in->findings->v[i];
	int first = 1;
	fputs(i ? ",\n{" : "\n{", out);
	field(out, "file", zl_report_file(in, f), &first);
	if (f->file != ZL_NO_FILE)
		fprintf(out, ",\"line\":%u", f->line);
	else
		fputs(",\"line\":null", out);
	field(out, "zone", f->zone, &first);
	char ob[ZL_NAME_STRLEN], tb[16];
	field(out, "owner", zl_finding_owner(f, ob), &first);
	field(out, "type", zl_finding_type(f, tb), &first);
	field(out, "rule", f->rule, &first);
	field(out, "severity", zl_severity_name(f->severity), &first);
	char mb[ZL_FINDING_TEXT_MAX], sb[ZL_FINDING_TEXT_MAX];
	const char *sug = zl_finding_suggestion(f, sb);
	field(out, "message", zl_finding_message(f, mb), &first);
	if (sug)
		field(out, "suggestion", sug, &first);
	fputc('}', out);
}

int zl_report_json(FILE *out, const zl_report_in_t *in)
{
	const zl_findings_t *fs = in->findings;
	fputs("{\"version\":1,\"findings\":[", out);
	zl_report_each(out, in, json_finding);
	zl_counts_t c = zl_findings_count(fs);
	fprintf(out,
		"\n],\"summary\":{\"files\":%u,\"zones\":%u,\"records\":%llu,\"errors\":%zu,"
		"\"warnings\":%zu,\"infos\":%zu",
		in->set->nfiles, in->set->nzones, (unsigned long long)in->set->nrecords, c.errors,
		c.warnings, c.infos);
	/* present only with --baseline / --changed-since */
	if (fs->baseline)
		fprintf(out, ",\"baselined\":%zu,\"baseline_gone\":%zu", fs->baselined,
			fs->baseline_gone);
	if (fs->changed_only)
		fprintf(out, ",\"unchanged\":%zu", fs->unchanged);
	fputs("}}\n", out);
	return 0;
}
