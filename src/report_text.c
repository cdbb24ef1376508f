/* zonelint: the text report, one `file:line: severity: message [rule]` line each.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdint.h>
#include <string.h>

#include "report.h"
#include "util.h"

/* Write the @p len octets at @p s with every control byte escaped, so
 * nothing raw reaches a terminal; 8 octets at a time where none is. */
static void put_safe_n(FILE *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len, *run = p;
	while (p < end) {
		uint64_t w;
		if (end - p >= 8 && (memcpy(&w, p, 8), !zl_word_has_control(w))) {
			p += 8;
			continue;
		}
		if (*p >= 0x20 && *p != 0x7f) {
			p++;
			continue;
		}
		fwrite(run, 1, (size_t)(p - run), out); /* the safe run before it */
		fprintf(out, "\\%03u", *p);
		run = ++p;
	}
	fwrite(run, 1, (size_t)(p - run), out);
}

static void put_safe(FILE *out, const char *s)
{
	put_safe_n(out, s, strlen(s));
}

static const char *color_of(zl_severity_t s)
{
	switch (s) {
	case ZL_SEV_ERROR: return "\033[1;31m";
	case ZL_SEV_WARNING: return "\033[1;33m";
	default: return "\033[1;36m";
	}
}

static void text_finding(FILE *out, const zl_report_in_t *in, size_t i)
{
	const zl_finding_t *f = &in->findings->v[i];
	char mb[ZL_FINDING_TEXT_MAX], sb[ZL_FINDING_TEXT_MAX];
	const char *file = zl_report_file(in, f);
	if (file) {
		put_safe(out, file);
		fprintf(out, ":%u: ", f->line);
	} else {
		fputs("zonelint: ", out);
	}
	if (in->color)
		fprintf(out, "%s%s\033[0m: ", color_of(f->severity), zl_severity_name(f->severity));
	else
		fprintf(out, "%s: ", zl_severity_name(f->severity));
	put_safe(out, zl_finding_message(f, mb));
	fputs(" [", out);
	put_safe(out, f->rule);
	fputs("]\n", out);
	const char *s = zl_finding_suggestion(f, sb);
	/* one suggestion line per record, indented */
	while (s && *s) {
		const char *e = strchr(s, '\n');
		size_t l = e ? (size_t)(e - s) : strlen(s);
		fputs("    suggestion: ", out);
		put_safe_n(out, s, l);
		fputc('\n', out);
		s += l;
		if (*s == '\n')
			s++;
	}
}

int zl_report_text(FILE *out, const zl_report_in_t *in)
{
	const zl_findings_t *fs = in->findings;
	zl_report_each(out, in, text_finding);
	zl_counts_t c = zl_findings_count(fs);
	fprintf(out, "%zu error%s, %zu warning%s, %zu info%s in %u zone%s (%u file%s, %llu record%s)\n",
		c.errors, c.errors == 1 ? "" : "s", c.warnings, c.warnings == 1 ? "" : "s",
		c.infos, c.infos == 1 ? "" : "s", in->set->nzones, in->set->nzones == 1 ? "" : "s",
		in->set->nfiles, in->set->nfiles == 1 ? "" : "s",
		(unsigned long long)in->set->nrecords, in->set->nrecords == 1 ? "" : "s");
	if (fs->baseline && fs->baselined)
		fprintf(out, "%zu finding%s in the baseline not shown\n", fs->baselined,
			fs->baselined == 1 ? "" : "s");
	if (fs->baseline && fs->baseline_gone)
		fprintf(out, "%zu finding%s of the baseline no longer found (rewrite it with "
			"--write-baseline)\n", fs->baseline_gone, fs->baseline_gone == 1 ? "" : "s");
	if (fs->changed_only && fs->unchanged)
		fprintf(out, "%zu finding%s in unchanged zones not shown\n", fs->unchanged,
			fs->unchanged == 1 ? "" : "s");
	return 0;
}
