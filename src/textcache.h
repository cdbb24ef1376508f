/* zonelint: parses kept by the text they were made from.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_TEXTCACHE_H
#define ZL_TEXTCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/** Slots of a text cache, and the room its texts and parses may take. */
#define ZL_TEXTCACHE_SLOTS 256
#define ZL_TEXTCACHE_MAX ((size_t)1 << 20)

/**
 * Zones of many names often give them all the same record (one SPF or
 * DMARC record on every customer's name): a family parses each text once
 * and looks the parse up by the text.  The cache is direct-mapped by the
 * text's hash and bounded; a parse it hands out lives as long as it.
 */
typedef struct zl_textcache {
	struct zl_textcache_slot {
		uint64_t hash;
		size_t len;
		const char *text; /**< a copy, in arena */
		const void *parse; /**< NULL: the slot is empty */
	} slot[ZL_TEXTCACHE_SLOTS];
	zl_arena_t arena; /**< the copies and the parses */
} zl_textcache_t;

/** Makes the parse of @p text (@p len octets) in @p arena: the cache's copy,
 *  which ends with a NUL, or on the fallback path the caller's text as given. */
typedef const void *(*zl_textcache_parse_fn)(const char *text, size_t len, zl_arena_t *arena);

/** @brief Start an empty cache; free it with zl_textcache_free(). */
void zl_textcache_init(zl_textcache_t *c);
/** @brief Free the cache and every parse it handed out. */
void zl_textcache_free(zl_textcache_t *c);

/**
 * @brief The parse of @p text: the one the cache keeps for the same octets,
 *        or a new one made with @p parse from a copy of the text and kept.
 *        When the cache's room is used up, the parse is made from @p text
 *        in @p fallback and not kept.
 * @param[out] kept  whether the parse lives as long as the cache (may be NULL)
 */
const void *zl_textcache_get(zl_textcache_t *c, const char *text, size_t len,
			     zl_textcache_parse_fn parse, zl_arena_t *fallback, bool *kept);

#endif
