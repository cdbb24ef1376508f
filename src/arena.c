/* zonelint: region allocator, freed in one call.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

struct zl_arena_chunk {
	zl_arena_chunk_t *next;
	size_t cap;
	max_align_t data[];
};

/* An arena's first chunk is small and each next one as big as all before
 * it, up to CHUNK_MIN: most arenas of a check of a small zone hold a few
 * kilobytes, and a 256 KB first chunk was an mmap, page faults and an
 * munmap each: 20 of them in a check of a 66-record zone. */
#define CHUNK_FIRST (16u * 1024u)
#define CHUNK_MIN (256u * 1024u)
#define ALIGN ((size_t)8) /* every object stored here needs at most 8 */

void zl_oom(void)
{
	fputs("zonelint: out of memory\n", stderr);
	exit(2);
}

void *zl_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		zl_oom();
	return p;
}

void zl_huge_hint(void *p, size_t len)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	/* only blocks big enough to hold whole 2 MB pages, and only the
	 * aligned pages that lie inside the block: nothing else is advised */
	const uintptr_t huge = (uintptr_t)2 << 20;
	if (len < 2 * huge)
		return;
	uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t to = ((uintptr_t)p + len) & ~(huge - 1);
	if (to > from)
		(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
	(void)p;
	(void)len;
#endif
}

void *zl_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		zl_oom();
	return p;
}

void *zl_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		zl_oom();
	return p;
}

void zl_arena_init(zl_arena_t *arena)
{
	memset(arena, 0, sizeof(*arena));
}

void zl_arena_free(zl_arena_t *arena)
{
	zl_arena_chunk_t *c = arena->head;
	while (c) {
		zl_arena_chunk_t *next = c->next;
		free(c);
		c = next;
	}
	zl_arena_init(arena);
}

void zl_arena_adopt(zl_arena_t *dst, zl_arena_t *src)
{
	if (!src->head)
		return;
	if (!dst->head) {
		*dst = *src;
		zl_arena_init(src);
		return;
	}
	/* src's chunks go behind dst's head, which stays the allocation chunk */
	zl_arena_chunk_t *tail = src->head;
	while (tail->next)
		tail = tail->next;
	tail->next = dst->head->next;
	dst->head->next = src->head;
	dst->total += src->total;
	zl_arena_init(src);
}

void zl_arena_reset(zl_arena_t *arena)
{
	zl_arena_chunk_t *keep = arena->head;
	if (!keep)
		return;
	zl_arena_chunk_t *c = keep->next;
	while (c) {
		zl_arena_chunk_t *next = c->next;
		free(c);
		c = next;
	}
	keep->next = NULL;
	arena->used = 0;
	arena->cap = keep->cap;
	arena->total = keep->cap;
}

void *zl_arena_alloc(zl_arena_t *arena, size_t size)
{
	size = (size + ALIGN - 1) & ~(ALIGN - 1);
	if (!arena->head || arena->cap - arena->used < size) {
		size_t cap = !arena->total ? CHUNK_FIRST : arena->total < CHUNK_MIN ? arena->total : CHUNK_MIN;
		if (cap < size)
			cap = size;
		/* grow chunk size with the arena so huge zones need few chunks */
		if (arena->total / 8 > cap && arena->total / 8 < (64u << 20))
			cap = arena->total / 8;
		if (cap > SIZE_MAX - sizeof(zl_arena_chunk_t))
			zl_oom();
		zl_arena_chunk_t *c = zl_xmalloc(sizeof(*c) + cap);
		zl_huge_hint(c, sizeof(*c) + cap);
		c->next = arena->head;
		c->cap = cap;
		arena->head = c;
		arena->used = 0;
		arena->cap = cap;
		arena->total += cap;
	}
	void *p = (char *)arena->head->data + arena->used;
	arena->used += size;
	return p;
}

void *zl_arena_calloc(zl_arena_t *arena, size_t size)
{
	void *p = zl_arena_alloc(arena, size);
	memset(p, 0, size);
	return p;
}

char *zl_arena_strndup(zl_arena_t *arena, const char *src, size_t len)
{
	char *p = zl_arena_alloc(arena, len + 1);
	memcpy(p, src, len);
	p[len] = '\0';
	return p;
}

char *zl_arena_strdup(zl_arena_t *arena, const char *src)
{
	return zl_arena_strndup(arena, src, strlen(src));
}

void *zl_arena_memdup(zl_arena_t *arena, const void *src, size_t len)
{
	void *p = zl_arena_alloc(arena, len ? len : 1);
	if (len)
		memcpy(p, src, len);
	return p;
}

char *zl_arena_printf(zl_arena_t *arena, const char *fmt, ...)
{
	/* format into a stack buffer first: most strings fit, and it avoids
	 * vsnprintf(NULL, 0, ...), which some gcc versions warn about */
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n < sizeof(tmp))
		return zl_arena_strndup(arena, tmp, (size_t)n);
	char *p = zl_arena_alloc(arena, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
