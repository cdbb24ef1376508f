/* zonelint: libFuzzer target for the whole check on a small in-memory zone set.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Input: the text of up to four zone files, one after the other, split on
 * separator lines that start with "----".  A separator may name the part
 * that follows ("---- example.net.zone"); unnamed parts are called
 * example.com.zone, example.net.zone, example.org.zone and
 * sub.example.com.zone in turn, which is what origin inference sees when a
 * part has no $ORIGIN and no absolute SOA owner.  A part named
 * ".zonelint.yaml" is a configuration, read first; if it is invalid the
 * input is dropped, as the CLI would exit 2.  Parts are loaded together
 * with zl_run_load_buffer() (includes are refused in memory), so every
 * cross-zone check runs, then zl_run_check() and the invariants of
 * report_check.h.  The $GENERATE limit is capped at 2000 records so that one
 * directive cannot spend the whole time budget; the limit itself is still
 * exercised.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "report_check.h"

#define MAX_ZONES 4
#define FUZZ_GENERATE_LIMIT 2000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const default_names[MAX_ZONES] = {
	"example.com.zone", "example.net.zone", "example.org.zone", "sub.example.com.zone",
};

typedef struct part {
	const char *data;
	size_t len;
	char name[72];
} part_t;

/* Length of the line at p (without its newline). */
static size_t line_len(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? (size_t)(nl - p) : (size_t)(end - p);
}

/* Name given on a separator line, made safe for a display path, or "". */
static void sep_name(char *dst, size_t cap, const char *line, size_t len)
{
	size_t i = 4, o = 0;
	while (i < len && (line[i] == ' ' || line[i] == '-'))
		i++;
	for (; i < len && o + 1 < cap; i++) {
		unsigned char c = (unsigned char)line[i];
		if (c > 0x20 && c < 0x7f && c != '/')
			dst[o++] = (char)c;
	}
	dst[o] = '\0';
}

static unsigned split(const char *data, size_t size, part_t *parts, unsigned max)
{
	const char *p = data, *end = data + size, *start = data;
	unsigned n = 0;
	char next_name[72] = "";
	while (p < end && n < max) {
		size_t l = line_len(p, end);
		const char *after = p + l < end ? p + l + 1 : end;
		if (l >= 4 && !memcmp(p, "----", 4)) {
			if (p > start || next_name[0]) {
				parts[n].data = start;
				parts[n].len = (size_t)(p - start);
				memcpy(parts[n].name, next_name, sizeof(next_name));
				n++;
			}
			sep_name(next_name, sizeof(next_name), p, l);
			start = after;
		}
		p = after;
	}
	if (n < max && (end > start || next_name[0])) {
		parts[n].data = start;
		parts[n].len = (size_t)(end - start);
		memcpy(parts[n].name, next_name, sizeof(next_name));
		n++;
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	part_t parts[MAX_ZONES + 1];
	unsigned n = split((const char *)data, size, parts, MAX_ZONES + 1);
	zl_run_t run;
	zl_run_init(&run);
	unsigned zones = 0, unnamed = 0, config = 0;
	for (unsigned i = 0; i < n; i++) {
		if (strcmp(parts[i].name, ".zonelint.yaml"))
			continue;
		config = 1;
		char err[1024];
		err[0] = '\0';
		if (zl_config_load_buffer(&run.config, parts[i].name, parts[i].data, parts[i].len,
					  err, sizeof(err))) {
			FZ_CHECK(err[0] != '\0');
			zl_run_free(&run);
			return 0;
		}
	}
	if (run.config.generate_limit > FUZZ_GENERATE_LIMIT)
		run.config.generate_limit = FUZZ_GENERATE_LIMIT;
	for (unsigned i = 0; i < n && zones < MAX_ZONES; i++) {
		if (!strcmp(parts[i].name, ".zonelint.yaml"))
			continue;
		const char *name = parts[i].name[0] ? parts[i].name : default_names[unnamed++];
		zl_run_load_buffer(&run, name, parts[i].data, parts[i].len);
		zones++;
	}
	FZ_CHECK(run.set.nzones == zones);
	zl_run_check(&run);
	fz_check_findings(&run);
	fz_check_reports(&run, config || fz_hash(data, size) % 8 == 0);
	zl_run_free(&run);
	return 0;
}
