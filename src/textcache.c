/* zonelint: parses kept by the text they were made from.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <string.h>

#include "textcache.h"
#include "util.h"

void zl_textcache_init(zl_textcache_t *c)
{
	memset(c, 0, sizeof(*c));
	zl_arena_init(&c->arena);
}

void zl_textcache_free(zl_textcache_t *c)
{
	zl_arena_free(&c->arena);
	memset(c, 0, sizeof(*c));
}

const void *zl_textcache_get(zl_textcache_t *c, const char *text, size_t len,
			     zl_textcache_parse_fn parse, zl_arena_t *fallback, bool *kept)
{
	uint64_t h = zl_hash_bytes(text, len, 0);
	struct zl_textcache_slot *s = &c->slot[h % ZL_TEXTCACHE_SLOTS];
	if (kept)
		*kept = true;
	if (s->parse && s->hash == h && s->len == len && !memcmp(s->text, text, len))
		return s->parse;
	if (c->arena.total >= ZL_TEXTCACHE_MAX) {
		if (kept)
			*kept = false;
		return parse(text, len, fallback);
	}
	/* the parse is of the copy: what it refers to lives in the cache */
	char *copy = zl_arena_alloc(&c->arena, len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	s->hash = h;
	s->len = len;
	s->text = copy;
	s->parse = parse(copy, len, &c->arena);
	return s->parse;
}
