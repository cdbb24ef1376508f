/* zonelint: region allocator, freed in one call.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_ARENA_H
#define ZL_ARENA_H

#include <stddef.h>

/*
 * Why an arena: a zone set holds millions of small objects (names, records,
 * strings) that all live exactly as long as the run.  Bump allocation keeps
 * them dense and makes freeing one call.  Objects are never freed singly.
 * Allocation failure aborts the process with a message: a linter that runs
 * out of memory cannot report anything useful, and every caller would
 * otherwise carry an error path that is never tested.
 */
typedef struct zl_arena_chunk zl_arena_chunk_t;
typedef struct zl_arena {
	zl_arena_chunk_t *head; /**< newest chunk, allocation happens here */
	size_t used;            /**< bytes used in head */
	size_t cap;             /**< bytes available in head */
	size_t total;           /**< bytes obtained from malloc, all chunks */
} zl_arena_t;

/** @brief Initialise an empty arena (no memory is taken until first use). */
void zl_arena_init(zl_arena_t *arena);

/**
 * @brief Forget everything allocated but keep the newest chunk for reuse:
 *        for scratch space filled and emptied many times.
 */
void zl_arena_reset(zl_arena_t *arena);

/**
 * @brief Move everything @p src holds into @p dst (no copy): what was
 *        allocated from @p src lives as long as @p dst; @p src is left empty.
 */
void zl_arena_adopt(zl_arena_t *dst, zl_arena_t *src);

/** @brief Free every chunk; the arena is empty and reusable afterwards. */
void zl_arena_free(zl_arena_t *arena);

/**
 * @brief Allocate @p size bytes aligned for any type.
 * @return memory owned by the arena, never NULL.
 */
void *zl_arena_alloc(zl_arena_t *arena, size_t size);

/** @brief Allocate zero-filled memory; owned by the arena. */
void *zl_arena_calloc(zl_arena_t *arena, size_t size);

/** @brief Copy @p len bytes of @p src and add a NUL; owned by the arena. */
char *zl_arena_strndup(zl_arena_t *arena, const char *src, size_t len);

/** @brief Copy a NUL-terminated string; owned by the arena. */
char *zl_arena_strdup(zl_arena_t *arena, const char *src);

/** @brief Copy @p len bytes; owned by the arena. */
void *zl_arena_memdup(zl_arena_t *arena, const void *src, size_t len);

/** @brief printf into the arena; the result is owned by the arena. */
char *zl_arena_printf(zl_arena_t *arena, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/** @brief Abort with a one-line message: out of memory. */
void zl_oom(void)
#if defined(__GNUC__)
	__attribute__((noreturn))
#endif
	;

/** @brief malloc that never returns NULL (see zl_oom). */
void *zl_xmalloc(size_t size);
/**
 * @brief Ask for huge pages under a big block just allocated: one page
 *        fault and one TLB entry per 2 MB instead of per 4 KB, for the
 *        name index and the arena's big chunks, which are filled at once
 *        and read at random.  A hint; small blocks are left alone.
 */
void zl_huge_hint(void *p, size_t len);
/** @brief realloc that never returns NULL (see zl_oom). */
void *zl_xrealloc(void *ptr, size_t size);
/** @brief calloc that never returns NULL (see zl_oom). */
void *zl_xcalloc(size_t n, size_t size);

#endif
