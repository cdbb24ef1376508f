/* zonelint: a hash map from pointers to pointers, for the checks' and the zone set's bookkeeping.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_PTRMAP_H
#define ZL_PTRMAP_H

#include <stdbool.h>
#include <stddef.h>

/** A slot: a key and its value side by side, so a lookup reads one line. */
typedef struct zl_ptrmap_slot {
	const void *key;
	void *val;
} zl_ptrmap_slot_t;

/*
 * Why: checks often ask "have I seen this node (or zone) before, and what
 * did I note about it?".  Nodes are interned, so the pointer is the name;
 * an open-addressing table keyed by it answers in constant time without
 * touching the read-only zone set.  Keys are never removed.  The table
 * owns its slot array (plain malloc, grown by doubling); the values are
 * the caller's.
 */
typedef struct zl_ptrmap {
	zl_ptrmap_slot_t *slot;
	size_t cap; /**< slots, a power of two, or 0 */
	size_t n;   /**< keys stored */
} zl_ptrmap_t;

/** @brief Initialise an empty map (no memory is taken until first insert). */
void zl_ptrmap_init(zl_ptrmap_t *map);

/** @brief Free the map's arrays (not the values). */
void zl_ptrmap_free(zl_ptrmap_t *map);

/**
 * @brief The value slot for @p key, inserted (holding NULL) when absent.
 * @param[in]  key      any non-NULL pointer
 * @param[out] created  set to whether the key was new; may be NULL
 * @return the slot, valid until the next insert
 */
void **zl_ptrmap_slot(zl_ptrmap_t *map, const void *key, bool *created);

/** @brief The value stored for @p key, or NULL (also when stored as NULL). */
void *zl_ptrmap_get(const zl_ptrmap_t *map, const void *key);

/** @brief Whether @p key is in the map. */
bool zl_ptrmap_has(const zl_ptrmap_t *map, const void *key);

#endif
