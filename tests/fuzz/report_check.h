/* zonelint: invariants the whole-run fuzz targets check on every finding and report.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Included by fuzz_load.c and fuzz_config.c only (static functions).  What
 * is checked, after zl_run_check():
 *   - every finding has a rule id, a severity of info..error, a message, a
 *     file index that exists (or ZL_NO_FILE), and no raw control byte in any
 *     of its strings (findings.h: "every string is escaped"; a suggestion may
 *     hold newlines between records);
 *   - the findings are sorted as zl_findings_sort() promises;
 *   - the JSON and SARIF reports are one valid JSON document each (RFC 8259,
 *     strict UTF-8), and the text report has no control byte but newlines
 *     (SARIF on some inputs only, see fz_check_reports()).
 * A broken invariant traps, which libFuzzer reports as a crash.
 */
#ifndef ZL_FUZZ_REPORT_CHECK_H
#define ZL_FUZZ_REPORT_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report.h"

#define FZ_CHECK(c)                                                                      \
	do {                                                                             \
		if (!(c))                                                                \
			__builtin_trap();                                                \
	} while (0)

/* The validator is not what is being fuzzed: keep libFuzzer's comparison
 * tracing out of it, which would otherwise cost most of each run. */
#if defined(__clang__)
#define FZ_PLAIN __attribute__((no_sanitize("coverage")))
#else
#define FZ_PLAIN
#endif

/* ---- a strict JSON validator (RFC 8259), depth-limited ---------------- */

typedef struct fz_json {
	const unsigned char *p, *end;
	int depth;
} fz_json_t;

FZ_PLAIN static void fz_ws(fz_json_t *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

/* Length of one valid UTF-8 sequence (RFC 3629 section 4) at p, or 0. */
FZ_PLAIN static size_t fz_utf8(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0];
	size_t n;
	unsigned cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

FZ_PLAIN static int fz_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

FZ_PLAIN static int fz_string(fz_json_t *j)
{
	if (j->p >= j->end || *j->p != '"')
		return 0;
	j->p++;
	while (j->p < j->end) {
		unsigned char c = *j->p;
		if (c == '"') {
			j->p++;
			return 1;
		}
		if (c < 0x20)
			return 0;
		if (c == '\\') {
			if (j->end - j->p < 2)
				return 0;
			unsigned char e = j->p[1];
			if (e == 'u') {
				if (j->end - j->p < 6)
					return 0;
				for (int i = 2; i < 6; i++)
					if (!fz_hex(j->p[i]))
						return 0;
				j->p += 6;
				continue;
			}
			if (!strchr("\"\\/bfnrt", e) || e == '\0')
				return 0;
			j->p += 2;
			continue;
		}
		size_t n = fz_utf8(j->p, j->end);
		if (!n)
			return 0;
		j->p += n;
	}
	return 0;
}

FZ_PLAIN static int fz_number(fz_json_t *j)
{
	const unsigned char *s = j->p;
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p >= j->end)
		return 0;
	if (*j->p == '0') {
		j->p++;
	} else if (*j->p >= '1' && *j->p <= '9') {
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	} else {
		return 0;
	}
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (j->p >= j->end || !(*j->p >= '0' && *j->p <= '9'))
			return 0;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (j->p >= j->end || !(*j->p >= '0' && *j->p <= '9'))
			return 0;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	return j->p > s;
}

FZ_PLAIN static int fz_word(fz_json_t *j, const char *w)
{
	size_t l = strlen(w);
	if ((size_t)(j->end - j->p) < l || memcmp(j->p, w, l))
		return 0;
	j->p += l;
	return 1;
}

FZ_PLAIN static int fz_value(fz_json_t *j)
{
	fz_ws(j);
	if (j->p >= j->end || ++j->depth > 64)
		return 0;
	int ok = 0;
	unsigned char c = *j->p;
	if (c == '{' || c == '[') {
		unsigned char close = c == '{' ? '}' : ']';
		j->p++;
		fz_ws(j);
		if (j->p < j->end && *j->p == close) {
			j->p++;
			ok = 1;
		} else {
			for (;;) {
				if (c == '{') {
					fz_ws(j);
					if (!fz_string(j))
						break;
					fz_ws(j);
					if (j->p >= j->end || *j->p != ':')
						break;
					j->p++;
				}
				if (!fz_value(j))
					break;
				fz_ws(j);
				if (j->p < j->end && *j->p == ',') {
					j->p++;
					continue;
				}
				if (j->p < j->end && *j->p == close) {
					j->p++;
					ok = 1;
				}
				break;
			}
		}
	} else if (c == '"') {
		ok = fz_string(j);
	} else if (c == 't') {
		ok = fz_word(j, "true");
	} else if (c == 'f') {
		ok = fz_word(j, "false");
	} else if (c == 'n') {
		ok = fz_word(j, "null");
	} else {
		ok = fz_number(j);
	}
	j->depth--;
	return ok;
}

/** Whether @p buf is exactly one JSON document (with surrounding blank space). */
FZ_PLAIN static int fz_json_valid(const char *buf, size_t len)
{
	fz_json_t j = { (const unsigned char *)buf, (const unsigned char *)buf + len, 0 };
	if (!fz_value(&j))
		return 0;
	fz_ws(&j);
	return j.p == j.end;
}

/* ---- findings and reports ---------------------------------------------- */

FZ_PLAIN static void fz_check_str(const char *s, int newlines_ok)
{
	if (!s)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		FZ_CHECK((*p >= 0x20 && *p != 0x7f) || (newlines_ok && *p == '\n'));
}

static void fz_check_findings(const zl_run_t *run)
{
	const zl_findings_t *fs = &run->findings;
	for (size_t i = 0; i < fs->n; i++) {
		const zl_finding_t *f = &fs->v[i];
		FZ_CHECK(f->rule && f->rule[0]);
		FZ_CHECK(f->severity >= ZL_SEV_INFO && f->severity <= ZL_SEV_ERROR);
		char mb[ZL_FINDING_TEXT_MAX], sb[ZL_FINDING_TEXT_MAX], ob[ZL_NAME_STRLEN], tb[16];
		const char *owner = zl_finding_owner(f, ob);
		/* the owner is a node of the set the findings are about */
		FZ_CHECK(!f->owner || zl_node_set(f->owner) == &run->set);
		const char *msg = zl_finding_message(f, mb), *sug = zl_finding_suggestion(f, sb);
		FZ_CHECK(msg && msg[0]);
		/* the stored template is the template of the text written out */
		for (int k = 0; k < 2; k++) {
			const char *tpl = k ? f->suggestion_tpl : f->message_tpl;
			const char *txt = k ? sug : msg;
			if (!tpl)
				continue;
			size_t tl = strlen(txt);
			char *again = malloc(2 * tl + 1);
			FZ_CHECK(again != NULL);
			zl_text_template(owner, txt, tl, again);
			FZ_CHECK(!strcmp(again, tpl));
			free(again);
		}
		FZ_CHECK(f->file == ZL_NO_FILE || f->file < run->set.nfiles);
		FZ_CHECK(f->rule_index >= 0 &&
			 f->rule_index < ZL_R__COUNT + (int)run->config.ncustom);
		if (f->rule_index < ZL_R__COUNT)
			FZ_CHECK(!strcmp(f->rule, zl_catalogue[f->rule_index].id));
		fz_check_str(f->rule, 0);
		fz_check_str(msg, 0);
		fz_check_str(f->zone, 0);
		fz_check_str(owner, 0);
		fz_check_str(zl_finding_type(f, tb), 0);
		fz_check_str(sug, 1);
		if (i == 0)
			continue;
		/* zl_findings_sort(): file (display path, then index), line, rule */
		const zl_finding_t *g = &fs->v[i - 1];
		if (g->file == f->file) {
			FZ_CHECK(g->line < f->line ||
				 (g->line == f->line && strcmp(g->rule, f->rule) <= 0));
		} else {
			FZ_CHECK(f->file == ZL_NO_FILE ||
				 (g->file != ZL_NO_FILE &&
				  strcmp(run->set.files[g->file].display,
					 run->set.files[f->file].display) <= 0));
		}
	}
}

/* FNV-1a of the input: a stable way to pick some inputs for costly checks. */
FZ_PLAIN static uint32_t fz_hash(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

typedef int (*fz_reporter_t)(FILE *out, const zl_report_in_t *in);

/* Render one report into memory; the caller frees *buf. */
static void fz_render(const zl_run_t *run, fz_reporter_t fn, char **buf, size_t *len)
{
	FILE *f = open_memstream(buf, len);
	FZ_CHECK(f != NULL);
	zl_report_in_t in = { &run->set, &run->findings, &run->config, false, 1 };
	fn(f, &in);
	FZ_CHECK(fclose(f) == 0);
}

/*
 * @p sarif: also render SARIF.  Its rules section repeats the whole catalogue
 * and costs most of a run, so the targets ask for it on some inputs only
 * (chosen from the input bytes, so a crash still reproduces).
 */
static void fz_check_reports(const zl_run_t *run, int sarif)
{
	char *buf = NULL;
	size_t len = 0;
	fz_render(run, zl_report_json, &buf, &len);
	FZ_CHECK(fz_json_valid(buf, len));
	free(buf);
	if (sarif) {
		fz_render(run, zl_report_sarif, &buf, &len);
		FZ_CHECK(fz_json_valid(buf, len));
		free(buf);
	}
	fz_render(run, zl_report_text, &buf, &len);
	for (size_t i = 0; i < len; i++)
		FZ_CHECK(((unsigned char)buf[i] >= 0x20 && buf[i] != 0x7f) || buf[i] == '\n');
	free(buf);
}

#endif
