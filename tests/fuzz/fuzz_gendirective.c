/* zonelint libFuzzer target: $GENERATE parse, count and small expansions.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "gendirective.h"

/* Expand only directives this small, to keep runs fast. */
#define FUZZ_MAX_RECORDS 1000u

typedef struct fuzz_ctx {
	uint64_t calls;
} fuzz_ctx_t;

static int
check_line(void *ctx, const char *line, size_t len)
{
	fuzz_ctx_t *c = ctx;

	if (len > ZL_GENERATE_MAX_LINE || line[len] != '\0' ||
	    memchr(line, '\0', len) != NULL)
		abort();
	c->calls++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	zl_arena_t arena;
	zl_generate_t g;
	fuzz_ctx_t ctx = {0};
	uint64_t count;
	/* an exact-size copy, so reads past the end are caught */
	char *text = malloc(size ? size : 1);

	if (text == NULL)
		return 0;
	if (size)
		memcpy(text, data, size);
	zl_arena_init(&arena);
	if (zl_generate_parse(&g, text, size, &arena) == 0) {
		if (g.error.code != ZL_GEN_OK)
			abort();
		if (zl_generate_count(&g, &count) != 0 || count == 0 ||
		    count > (uint64_t)ZL_GENERATE_MAX_VALUE + 1)
			abort();
		if (count <= FUZZ_MAX_RECORDS) {
			if (zl_generate_expand(&g, check_line, &ctx) != 0 ||
			    ctx.calls != count)
				abort();
		}
	} else {
		if (g.error.code == ZL_GEN_OK || g.error.message == NULL ||
		    g.error.offset > size)
			abort();
		for (const char *m = g.error.message; *m; m++)
			if ((unsigned char)*m < 0x20 || (unsigned char)*m >= 0x7f)
				abort();
	}
	zl_arena_free(&arena);
	free(text);
	return 0;
}
