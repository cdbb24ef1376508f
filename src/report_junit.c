/* zonelint: the JUnit XML report, for CI test-report views.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "report.h"

/*
 * One <testsuite> per file read (name: the file), one <testcase> per
 * finding, and for a file without findings one passing testcase "no
 * findings", so a clean run shows as passed tests rather than none.  A
 * finding at or above --fail-on (default error) is a <failure>; below it,
 * the testcase passes with the finding as <system-out>, so the report and
 * the exit status agree.  A testcase is named after its key (rule, owner,
 * type, and a number for the second and later findings of one key), not
 * its line, so CI can match it across runs while records move.
 */

/* Length of a valid UTF-8 sequence at s, or 0 (overlong, surrogate, > U+10FFFF). */
static size_t utf8_len(const unsigned char *s)
{
	size_t n;
	uint32_t cp;
	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		cp = s[0] & 0x1fu;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		cp = s[0] & 0x0fu;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		cp = s[0] & 0x07u;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff)
		return 0;
	return n;
}

/*
 * XML-escape text (an attribute value when attr): markup characters as
 * entities; characters XML 1.0 forbids (controls but tab, newline, CR) as
 * \DDD, invalid UTF-8 as U+FFFD.
 */
static void xml_put(FILE *out, const char *str, int attr)
{
	for (const unsigned char *s = (const unsigned char *)(str ? str : ""); *s;) {
		unsigned char c = *s;
		if (c == '&')
			fputs("&amp;", out);
		else if (c == '<')
			fputs("&lt;", out);
		else if (c == '>')
			fputs("&gt;", out);
		else if (c == '"' && attr)
			fputs("&quot;", out);
		else if ((c == '\n' || c == '\r' || c == '\t') && attr)
			fprintf(out, "&#%u;", c);
		else if (c == '\n' || c == '\r' || c == '\t')
			fputc(c, out);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\%03u", c);
		else if (c < 0x80)
			fputc(c, out);
		else {
			size_t n = utf8_len(s);
			if (n) {
				fwrite(s, 1, n, out);
				s += n;
				continue;
			}
			fputs("\xef\xbf\xbd", out);
		}
		s++;
	}
}

static const zl_zoneset_t *order_set;

static int cmp_file(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int c = strcmp(order_set->files[x].display, order_set->files[y].display);
	return c ? c : (x < y ? -1 : x > y);
}

static void testcase(FILE *out, const zl_report_in_t *in, const zl_finding_t *f, uint32_t occ,
		     const char *suite)
{
	const char *file = zl_report_file(in, f);
	char name[64], mb[ZL_FINDING_TEXT_MAX], sb[ZL_FINDING_TEXT_MAX];
	const char *msg = zl_finding_message(f, mb), *sug = zl_finding_suggestion(f, sb);
	fputs("    <testcase name=\"", out);
	xml_put(out, f->rule, 1);
	char ob[ZL_NAME_STRLEN], tb[16];
	if (f->owner) {
		fputc(' ', out);
		xml_put(out, zl_finding_owner(f, ob), 1);
	}
	if (f->type) {
		fputc(' ', out);
		xml_put(out, zl_finding_type(f, tb), 1);
	}
	if (occ) {
		snprintf(name, sizeof(name), " (%u)", occ + 1);
		fputs(name, out);
	}
	fputs("\" classname=\"", out);
	xml_put(out, f->zone ? f->zone : suite, 1);
	fputc('"', out);
	if (file) {
		fputs(" file=\"", out);
		xml_put(out, file, 1);
		fprintf(out, "\" line=\"%u\"", f->line);
	}
	zl_severity_t fail_on = in->findings->fail_on;
	int failed = fail_on != ZL_SEV_OFF && f->severity >= fail_on;
	fputs(">\n", out);
	fputs(failed ? "      <failure type=\"" : "      <system-out>", out);
	if (failed) {
		xml_put(out, f->rule, 1);
		fputs("\" message=\"", out);
		xml_put(out, msg, 1);
		fputs("\">", out);
	}
	if (file) {
		xml_put(out, file, 0);
		fprintf(out, ":%u: ", f->line);
	}
	fprintf(out, "%s: ", zl_severity_name(f->severity));
	xml_put(out, msg, 0);
	fputs(" [", out);
	xml_put(out, f->rule, 0);
	fputc(']', out);
	if (sug) {
		fputs("\nsuggestion:\n", out);
		xml_put(out, sug, 0);
	}
	fputs(failed ? "</failure>\n" : "</system-out>\n", out);
	fputs("    </testcase>\n", out);
}

/* The bucket of a finding: its file index, or nfiles for "no file". */
static uint32_t bucket_of(const zl_zoneset_t *set, const zl_finding_t *f)
{
	return f->file == ZL_NO_FILE || f->file >= set->nfiles ? set->nfiles : f->file;
}

int zl_report_junit(FILE *out, const zl_report_in_t *in)
{
	const zl_findings_t *fs = in->findings;
	const zl_zoneset_t *set = in->set;
	uint32_t nb = set->nfiles + 1;
	uint32_t *occ = zl_xmalloc((fs->n ? fs->n : 1) * sizeof(*occ));
	zl_findings_occurrences(fs, occ);
	/* the findings of each file, in report order: counts, then start offsets */
	size_t *start = zl_xcalloc(nb + 1, sizeof(*start));
	size_t *nfail = zl_xcalloc(nb, sizeof(*nfail));
	size_t failures = 0, total = 0;
	for (size_t i = 0; i < fs->n; i++) {
		uint32_t b = bucket_of(set, &fs->v[i]);
		start[b + 1]++;
		if (fs->fail_on != ZL_SEV_OFF && fs->v[i].severity >= fs->fail_on) {
			nfail[b]++;
			failures++;
		}
	}
	for (uint32_t b = 0; b < nb; b++) {
		size_t n = start[b + 1];
		total += n ? n : b < set->nfiles; /* a clean file counts its "no findings" case */
		start[b + 1] += start[b];
	}
	size_t *fill = zl_xmalloc(nb * sizeof(*fill));
	memcpy(fill, start, nb * sizeof(*fill));
	size_t *idx = zl_xmalloc((fs->n ? fs->n : 1) * sizeof(*idx));
	for (size_t i = 0; i < fs->n; i++)
		idx[fill[bucket_of(set, &fs->v[i])]++] = i;
	free(fill);
	/* files sorted by display path, as the findings are */
	uint32_t *files = zl_xmalloc(nb * sizeof(*files));
	for (uint32_t i = 0; i < set->nfiles; i++)
		files[i] = i;
	order_set = set;
	qsort(files, set->nfiles, sizeof(*files), cmp_file);
	order_set = NULL;
	files[set->nfiles] = set->nfiles;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<testsuites name=\"zonelint\" tests=\"%zu\" failures=\"%zu\" "
		"errors=\"0\">\n", total, failures);
	for (uint32_t k = 0; k < nb; k++) {
		uint32_t b = files[k];
		size_t n = start[b + 1] - start[b];
		if (b == set->nfiles && !n)
			break;
		const char *suite = b == set->nfiles ? "zonelint" : set->files[b].display;
		fputs("  <testsuite name=\"", out);
		xml_put(out, suite, 1);
		fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
			n ? n : 1, nfail[b]);
		if (!n) {
			fputs("    <testcase name=\"no findings\" classname=\"", out);
			xml_put(out, suite, 1);
			fputs("\" file=\"", out);
			xml_put(out, suite, 1);
			fputs("\"/>\n", out);
		}
		for (size_t x = start[b]; x < start[b + 1]; x++)
			testcase(out, in, &fs->v[idx[x]], occ[idx[x]], suite);
		fputs("  </testsuite>\n", out);
	}
	fputs("</testsuites>\n", out);
	free(files);
	free(idx);
	free(nfail);
	free(start);
	free(occ);
	return 0;
}
