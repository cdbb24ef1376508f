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
	map->keys = NULL;
	map->vals = NULL;
	map->cap = 0;
	map->n = 0;
}

void zl_ptrmap_free(zl_ptrmap_t *map)
{
	free(map->keys);
	free(map->vals);
	zl_ptrmap_init(map);
}

static size_t find(const zl_ptrmap_t *map, const void *key)
{
	size_t mask = map->cap - 1, i = hash_ptr(key) & mask;
	while (map->keys[i] && map->keys[i] != key)
		i = (i + 1) & mask;
	return i;
}

static void grow(zl_ptrmap_t *map)
{
	zl_ptrmap_t bigger;
	bigger.cap = map->cap ? map->cap * 2 : 64;
	bigger.n = map->n;
	bigger.keys = zl_xcalloc(bigger.cap, sizeof(*bigger.keys));
	bigger.vals = zl_xcalloc(bigger.cap, sizeof(*bigger.vals));
	for (size_t i = 0; i < map->cap; i++)
		if (map->keys[i]) {
			size_t j = find(&bigger, map->keys[i]);
			bigger.keys[j] = map->keys[i];
			bigger.vals[j] = map->vals[i];
		}
	free(map->keys);
	free(map->vals);
	*map = bigger;
}

void **zl_ptrmap_slot(zl_ptrmap_t *map, const void *key, bool *created)
{
	if ((map->n + 1) * 4 > map->cap * 3)
		grow(map);
	size_t i = find(map, key);
	bool fresh = map->keys[i] == NULL;
	if (fresh) {
		map->keys[i] = key;
		map->vals[i] = NULL;
		map->n++;
	}
	if (created)
		*created = fresh;
	return &map->vals[i];
}

void *zl_ptrmap_get(const zl_ptrmap_t *map, const void *key)
{
	if (!map->cap)
		return NULL;
	return map->vals[find(map, key)];
}

bool zl_ptrmap_has(const zl_ptrmap_t *map, const void *key)
{
	return map->cap && map->keys[find(map, key)] == key;
}
