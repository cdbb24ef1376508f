/* zonelint: a hash map from pointers to pointers, for the checks' bookkeeping.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "ptrmap.h"

#include <stdint.h>
#include <stdlib.h>

#include "arena.h"

static size_t hash_ptr(const void *p)
{
	uint64_t x = (uint64_t)(uintptr_t)p;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x;
}

void zl_ptrmap_init(zl_ptrmap_t *map)
{
	map->slot = NULL;
	map->cap = 0;
	map->n = 0;
}

void zl_ptrmap_free(zl_ptrmap_t *map)
{
	free(map->slot);
	zl_ptrmap_init(map);
}

static size_t find(const zl_ptrmap_t *map, const void *key)
{
	size_t mask = map->cap - 1, i = hash_ptr(key) & mask;
	while (map->slot[i].key && map->slot[i].key != key)
		i = (i + 1) & mask;
	return i;
}

static void grow(zl_ptrmap_t *map)
{
	zl_ptrmap_t bigger;
	bigger.cap = map->cap ? map->cap * 2 : 64;
	bigger.n = map->n;
	bigger.slot = zl_xcalloc(bigger.cap, sizeof(*bigger.slot));
	for (size_t i = 0; i < map->cap; i++)
		if (map->slot[i].key)
			bigger.slot[find(&bigger, map->slot[i].key)] = map->slot[i];
	free(map->slot);
	*map = bigger;
}

void **zl_ptrmap_slot(zl_ptrmap_t *map, const void *key, bool *created)
{
	if ((map->n + 1) * 4 > map->cap * 3)
		grow(map);
	size_t i = find(map, key);
	bool fresh = map->slot[i].key == NULL;
	if (fresh) {
		map->slot[i].key = key;
		map->slot[i].val = NULL;
		map->n++;
	}
	if (created)
		*created = fresh;
	return &map->slot[i].val;
}

void *zl_ptrmap_get(const zl_ptrmap_t *map, const void *key)
{
	if (!map->cap)
		return NULL;
	return map->slot[find(map, key)].val;
}

bool zl_ptrmap_has(const zl_ptrmap_t *map, const void *key)
{
	return map->cap && map->slot[find(map, key)].key == key;
}
