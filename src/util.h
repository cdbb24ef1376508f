/* zonelint: small text helpers shared by the modules.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_UTIL_H
#define ZL_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "zoneset.h"

/**
 * @brief Of the 8 octets in @p w, is one a control octet: below 0x20, or
 *        0x7f?  (The test for an octet below 0x20 is exact for any bound
 *        up to 0x80.)  Non-zero if so.
 */
static inline uint64_t zl_word_has_control(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t del = w ^ (ones * 0x7f);
	return (((w - ones * 0x20) & ~w) | ((del - ones) & ~del)) & high;
}

/** @brief Of the 8 octets in @p w, is one 0x80 or above?  Non-zero if so. */
static inline uint64_t zl_word_has_high(uint64_t w)
{
	return w & 0x8080808080808080u;
}

/**
 * @brief Copy @p len bytes of @p src into @p buf for a message: bytes below
 *        0x20, 0x7f and above, backslash and double quote are escaped
 *        (\DDD, \\, \"), so nothing from a zone reaches a terminal raw.
 *        Truncates with "..." when @p cap is too small.
 * @return @p buf, always NUL-terminated
 */
char *zl_escape(char *buf, size_t cap, const char *src, size_t len);

/** @brief zl_escape into an arena, no length limit. */
char *zl_escape_arena(zl_arena_t *arena, const char *src, size_t len);

/**
 * @brief The text of a TXT (or SPF) record as receivers see it: its
 *        character-strings concatenated.
 * @param[out] len  length of the result (may hold NUL bytes)
 * @return text owned by @p arena, NUL-terminated
 */
char *zl_rr_txt(zl_arena_t *arena, const zl_rr_t *rr, size_t *len);

/** @brief Number of character-strings in a TXT record's rdata. */
size_t zl_rr_txt_strings(const zl_rr_t *rr);

/** @brief Record type mnemonic (TYPEnnn when unknown) into @p buf (16 bytes). */
const char *zl_type_str(uint16_t type, char *buf);

/**
 * @brief A record's rdata in presentation format (as ldns prints it), for
 *        messages, suggestions and custom rules.
 * @return text owned by @p arena
 */
char *zl_rr_rdata_str(zl_arena_t *arena, const zl_rr_t *rr);

/** @brief Case-insensitive prefix test on (pointer, length) text. */
int zl_has_prefix_ci(const char *s, size_t len, const char *prefix);

/**
 * @brief Parse a decimal unsigned number that must fill the whole string.
 * @return 0, or ZL_EINVAL when it is not a number in [min, max]
 */
int zl_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out);

/**
 * @brief Threads to use when --jobs is not given: the processors online,
 *        at most 16 (there are fewer rule families than that).
 */
unsigned zl_default_jobs(void);

/**
 * @brief A 64-bit hash of @p len bytes, for the caches keyed by record
 *        text (never 0, so 0 can mark an empty slot).
 */
uint64_t zl_hash_bytes(const void *data, size_t len, uint64_t seed);

/**
 * @brief The text of a TXT record (its strings joined) into @p buf, which
 *        holds at least rdlen + 1 bytes; NUL-terminated.
 * @return the text's length
 */
size_t zl_rr_txt_into(const zl_rr_t *rr, char *buf);

#endif
