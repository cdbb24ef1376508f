/* zonelint: the zone set, every loaded zone in one index keyed by owner name.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_ZONESET_H
#define ZL_ZONESET_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "ptrmap.h"

/*
 * Names are interned once, lower-cased: a name is a pointer to its node, so
 * comparing two names is comparing two pointers and walking to the parent
 * is following a reference; a node stores only its own label.  Records
 * carry their rdata in uncompressed wire format (as ldns hands it over;
 * rdata repeated from a recent record is kept once), plus the file index
 * and line the record came from, so every finding can name a place a
 * person can open.  Nodes and records live in the set's store (one region
 * of reserved address space, see zoneset.c), everything else in its arena;
 * the set is read-only once loading ends, so checks may run in parallel.
 */

typedef struct zl_zone zl_zone_t;
typedef struct zl_node zl_node_t;
typedef struct zl_rr zl_rr_t;

#define ZL_TYPE_A 1
#define ZL_TYPE_NS 2
#define ZL_TYPE_CNAME 5
#define ZL_TYPE_SOA 6
#define ZL_TYPE_PTR 12
#define ZL_TYPE_MX 15
#define ZL_TYPE_TXT 16
#define ZL_TYPE_AAAA 28
#define ZL_TYPE_SRV 33
#define ZL_TYPE_DNAME 39
#define ZL_TYPE_DS 43
#define ZL_TYPE_RRSIG 46
#define ZL_TYPE_NSEC 47
#define ZL_TYPE_DNSKEY 48
#define ZL_TYPE_NSEC3 50
#define ZL_TYPE_NSEC3PARAM 51
#define ZL_TYPE_TLSA 52
#define ZL_TYPE_SPF 99

/*
 * Records and nodes refer to each other with 32-bit references: the
 * distance from the referring object to its target in units of 8 octets,
 * 0 for none.  Both live in one region of address space the set reserves
 * (see zoneset.c), less than 16 GB long, so every distance fits.  A
 * million records and their names spend about 13 MB less than with pointers.
 */
typedef int32_t zl_ref_t;
#define ZL_REF_UNIT 8

/** @brief The object @p r refers to from @p self, or NULL. */
static inline void *zl_ref_get(const void *self, zl_ref_t r)
{
	return r ? (void *)((uintptr_t)self + (uintptr_t)((intptr_t)r * ZL_REF_UNIT)) : NULL;
}

/** @brief The reference from @p self to @p target (NULL: none). */
static inline zl_ref_t zl_ref_to(const void *self, const void *target)
{
	return target ? (zl_ref_t)(((intptr_t)target - (intptr_t)self) / ZL_REF_UNIT) : 0;
}

/** One resource record, as loaded. */
struct zl_rr {
	zl_ref_t next_ref;     /**< next record at the same owner, file order: zl_rr_next() */
	zl_ref_t owner_ref;    /**< interned owner name: zl_rr_owner() */
	uint32_t ttl;
	uint32_t line : 28;    /**< line of the record's first token (saturates) */
	uint32_t opaque : 1;   /**< type zonelint cannot parse; rdata absent */
	uint32_t generated : 1; /**< produced by $GENERATE */
	uint32_t shared : 1;   /**< rdata is another record's (see zl_rr_rdata) */
	uint16_t file;         /**< index into zl_zoneset_t.files; its zone: zl_rr_zone() */
	uint16_t type;
	uint16_t rrclass;
	uint16_t rdlen;
	/** the uncompressed wire-format rdata, or, when shared, a pointer to an
	 *  identical record's copy: read it with zl_rr_rdata() */
	uint8_t data[];
};

/** @brief The next record at the same owner, in file order, or NULL. */
static inline zl_rr_t *zl_rr_next(const zl_rr_t *rr)
{
	return (zl_rr_t *)zl_ref_get(rr, rr->next_ref);
}

/** @brief The record's owner name. */
static inline zl_node_t *zl_rr_owner(const zl_rr_t *rr)
{
	return (zl_node_t *)zl_ref_get(rr, rr->owner_ref);
}

/** Largest line number a record keeps; later lines are reported as this. */
#define ZL_RR_LINE_MAX ((1u << 28) - 1)

/** @brief The record's uncompressed wire-format rdata (rdlen octets). */
static inline const uint8_t *zl_rr_rdata(const zl_rr_t *rr)
{
	if (!rr->shared)
		return rr->data;
	const uint8_t *p;
	memcpy(&p, rr->data, sizeof(p));
	return p;
}

/** One owner name. */
struct zl_node {
	zl_ref_t parent_ref;   /**< interned parent name (none for the root): zl_node_parent() */
	zl_ref_t rrs_ref;      /**< records at this name, every zone, file order: zl_node_rrs() */
	uint8_t wirelen;       /**< octets of the whole wire-format name */
	uint8_t labels : 7;    /**< labels below the root (at most 127) */
	uint8_t is_apex : 1;   /**< a zone's apex: zl_zoneset_apex_zone() says which */
	uint8_t children;      /**< names directly below it, counted up to ZL_CHILDREN_MANY */
	/** the first label, lower case, as in wire format (length octet, then
	 *  the octets; the root: a single 0).  The rest of the name is the
	 *  parent's: zl_node_wire() writes the whole name out. */
	uint8_t label[];
};

/** A node's count of children stops here. */
#define ZL_CHILDREN_MANY 255

/** @brief The node's parent name, or NULL for the root. */
static inline zl_node_t *zl_node_parent(const zl_node_t *n)
{
	return (zl_node_t *)zl_ref_get(n, n->parent_ref);
}

/** @brief The first record at the name (then zl_rr_next()), or NULL. */
static inline zl_rr_t *zl_node_rrs(const zl_node_t *n)
{
	return (zl_rr_t *)zl_ref_get(n, n->rrs_ref);
}

/*
 * Nodes are stored apart from everything else, one after another in the
 * order they were made, in chunks aligned to their size: the next node is
 * found from a node's address and its label's length, so no node spends a
 * pointer on it.  Walk them with zl_zoneset_nodes() and zl_node_next().
 */
typedef struct zl_node_chunk zl_node_chunk_t;
struct zl_node_chunk {
	zl_node_chunk_t *next;
	const struct zl_zoneset *set; /**< the set the nodes belong to */
	size_t used;           /**< octets of data[] holding nodes */
	uint64_t data[];
};
#define ZL_NODE_CHUNK ((size_t)64 * 1024)

/** @brief Octets a node takes in its chunk. */
static inline size_t zl_node_size(const zl_node_t *n)
{
	return (offsetof(zl_node_t, label) + 1u + n->label[0] + 7u) & ~(size_t)7;
}

/** @brief The set @p n belongs to. */
static inline const struct zl_zoneset *zl_node_set(const zl_node_t *n)
{
	return ((const zl_node_chunk_t *)((uintptr_t)n & ~(uintptr_t)(ZL_NODE_CHUNK - 1)))->set;
}

/** @brief The node made after @p n, or NULL. */
static inline zl_node_t *zl_node_next(const zl_node_t *n)
{
	const zl_node_chunk_t *c =
		(const zl_node_chunk_t *)((uintptr_t)n & ~(uintptr_t)(ZL_NODE_CHUNK - 1));
	const unsigned char *p = (const unsigned char *)n + zl_node_size(n);
	if (p < (const unsigned char *)c->data + c->used)
		return (zl_node_t *)(uintptr_t)p;
	return c->next ? (zl_node_t *)(void *)c->next->data : NULL;
}

/** A buffer that holds any wire-format name. */
#define ZL_WIRE_MAX 256

/**
 * @brief The node's whole wire-format name, lower case (wirelen octets).
 * @param[out] buf  room for wirelen octets (ZL_WIRE_MAX holds any name)
 * @return @p buf
 */
static inline uint8_t *zl_node_wire(const zl_node_t *n, uint8_t *buf)
{
	size_t o = 0;
	for (; n; n = zl_node_parent(n)) {
		size_t l = 1u + n->label[0];
		memcpy(buf + o, n->label, l);
		o += l;
	}
	return buf;
}

/** One loaded zone: a zone file and what it includes. */
struct zl_zone {
	zl_zone_t *next;
	zl_node_t *apex;
	const char *name;      /**< apex, absolute presentation text */
	uint16_t file;         /**< file that defined the zone */
	uint32_t soa_line;     /**< line of the apex SOA, 0 when there is none */
	uint32_t nrecords;
	bool is_reverse;       /**< apex under in-addr.arpa. or ip6.arpa. */
	bool load_failed;      /**< file could not be read at all */
	/** A snapshot of names outside the loaded zones (zonelint snapshot,
	 *  check --external or --resolve): apex the root, consulted by the
	 *  checks but never linted (no finding is reported about it). */
	bool external;
	struct zl_external *ext;       /**< its header and answers (external.h) */
};

/** A file that was read, by index. */
typedef struct zl_file {
	const char *path;      /**< as given or found (owned by the set) */
	const char *display;   /**< path relative to the cwd, for reports */
	zl_zone_t *zone;       /**< the zone its records belong to (NULL: none) */
} zl_file_t;

/** Most files one set holds: the index of the next is ZL_FILES_FULL. */
#define ZL_FILES_MAX 65534u
#define ZL_FILES_FULL 65535u

/** A slot of the rdata cache: a record and the hash of its rdata. */
typedef struct zl_rdslot {
	uint64_t hash;
	zl_rr_t *rr;
} zl_rdslot_t;

/** A slot of the name index: the node's address in the low 48 bits and 16
 *  bits of its name's hash above them (0: empty).  See zoneset.c. */
typedef uint64_t zl_slot_t;

typedef struct zl_zoneset {
	zl_arena_t arena;
	zl_slot_t *table;      /**< the name index (open addressing) */
	uint32_t table_size;   /**< slots (any number: zoneset.c's home_slot()) */
	uint32_t nnodes;
	/** the region nodes and records are kept in: reserved address space,
	 *  given memory as it is used (see zoneset.c) */
	unsigned char *store;
	size_t store_size, store_used;
	_Atomic size_t store_mark;      /**< store_used, for zl_zoneset_populate() */
	unsigned char *rec_at, *rec_end; /**< room left in the records' block */
	zl_node_chunk_t *nodes;      /**< the first chunk of nodes */
	zl_node_chunk_t *nodes_tail; /**< the chunk being filled */
	/** zones by apex node (the first zone of each apex) */
	zl_ptrmap_t apex_zones;
	/** the last record added: the next one usually has the same owner */
	zl_rr_t *last_rr;
	/** the last record of names whose records were not added in one run,
	 *  by node (see zl_zoneset_add_rr) */
	zl_ptrmap_t tails;
	zl_zone_t *zones;
	zl_zone_t *zones_tail;
	uint32_t nzones;
	zl_file_t *files;
	uint32_t nfiles;
	uint32_t files_cap;
	uint64_t nrecords;
	/** recently added records by a hash of their rdata: a record whose
	 *  rdata equals one of theirs shares it (zl_rr_t.shared) */
	zl_rdslot_t *rdcache;
	uint32_t rdcache_mask;  /**< its slots - 1 */
} zl_zoneset_t;

/** @brief The zone whose file held the record (NULL: none). */
static inline zl_zone_t *zl_rr_zone(const zl_rr_t *rr)
{
	return zl_node_set(zl_rr_owner(rr))->files[rr->file].zone;
}


/** @brief Initialise an empty set.  Free with zl_zoneset_free(). */
void zl_zoneset_init(zl_zoneset_t *set);
/** @brief Free everything the set owns. */
void zl_zoneset_free(zl_zoneset_t *set);

/**
 * @brief Register a file and get its index.
 * @param[in] path      path used to open it (copied)
 * @param[in] display   path for reports (copied)
 * @return the file index, or ZL_FILES_FULL when the set holds ZL_FILES_MAX
 *         files already (the file must not be read)
 */
uint16_t zl_zoneset_add_file(zl_zoneset_t *set, const char *path, const char *display);

/** How far zl_zoneset_populate() has gone, kept by its caller (zeroed to start). */
typedef struct zl_populate {
	size_t store_done;   /**< the store is populated up to here */
	size_t index_done;   /**< and the index */
} zl_populate_t;

/**
 * @brief Called from a thread beside the one loading (the loader's
 *        scanner), a few MB a call: give memory to the name index @p table
 *        of @p table_bytes (as it was when the thread started) and to the
 *        store up to 1 MB past what the loading thread has used, so that
 *        the loading thread does not stop on a page fault for every new
 *        page.  Only the kernel's page tables change; on a system without
 *        MADV_POPULATE_WRITE nothing happens.
 */
void zl_zoneset_populate(zl_zoneset_t *set, void *table, size_t table_bytes, zl_populate_t *pp);

/**
 * Make room in the name index for @p more names beyond those it holds, so
 * that loading them does not rehash it again and again.  A hint: interning
 * more is still correct.
 */
void zl_zoneset_reserve(zl_zoneset_t *set, uint64_t more);

/**
 * @brief Intern a wire-format name (any case), creating its node and every
 *        ancestor's node on first use.
 * @param[in] wire   wire-format name, at most 255 octets, root-terminated
 * @param[in] len    its length
 * @return the node, owned by the set
 */
zl_node_t *zl_zoneset_intern(zl_zoneset_t *set, const uint8_t *wire, size_t len);

/** The index hashes of a name and of its parent (0 for the root's). */
typedef struct zl_name_hashes {
	uint32_t name, parent;
} zl_name_hashes_t;

/**
 * @brief Start fetching the index slots of a name and of its parent from
 *        memory, so that interning it soon after does not wait for them.
 *        Only a hint: nothing changes.
 * @return the two hashes, for zl_zoneset_intern_hashed().
 */
zl_name_hashes_t zl_zoneset_prefetch(const zl_zoneset_t *set, const uint8_t *wire, size_t len);

/** @brief zl_zoneset_intern() with the hashes zl_zoneset_prefetch() gave for the name. */
zl_node_t *zl_zoneset_intern_hashed(zl_zoneset_t *set, const uint8_t *wire, size_t len,
				    zl_name_hashes_t h);

/**
 * @brief Look a name up without creating it.
 * @return the node, or NULL if no record or descendant has that name
 */
zl_node_t *zl_zoneset_find(const zl_zoneset_t *set, const uint8_t *wire, size_t len);

/**
 * @brief Presentation-format name to wire format; a relative name (no final
 *        dot) or "@" is completed with @p origin.
 * @param[in] origin  wire-format origin, or NULL (then relative names fail)
 * @param[out] out    at least 256 bytes
 * @return the wire length, or 0 when the name is invalid (empty label, label
 *         over 63 or name over 255 octets, bad escape)
 */
size_t zl_name_from_text(const char *s, size_t len, const uint8_t *origin, size_t olen,
			 uint8_t *out);

/** @brief Look a presentation-format name up (absolute or relative to @p origin). */
zl_node_t *zl_zoneset_find_str(const zl_zoneset_t *set, const char *name, const zl_node_t *origin);

/** @brief Start a new zone with the given apex. */
zl_zone_t *zl_zoneset_add_zone(zl_zoneset_t *set, zl_node_t *apex, uint16_t file);

/**
 * @brief Append a record.
 * @param[in] zone  the zone of every record of @p file (zl_rr_zone() reads it there)
 * @param[in] file  an index zl_zoneset_add_file() gave
 * @return the record (owned by the set), so the caller may set flags
 */
zl_rr_t *zl_zoneset_add_rr(zl_zoneset_t *set, zl_zone_t *zone, zl_node_t *owner,
			   uint16_t type, uint16_t rrclass, uint32_t ttl, const uint8_t *rdata,
			   size_t rdlen, uint16_t file, uint32_t line);

/** @brief The first node made, or NULL: walk on with zl_node_next(). */
static inline zl_node_t *zl_zoneset_nodes(const zl_zoneset_t *set)
{
	return set->nodes ? (zl_node_t *)(void *)set->nodes->data : NULL;
}

/** @brief The zone whose apex @p node is (the first such loaded), or NULL. */
zl_zone_t *zl_zoneset_apex_zone(const zl_zoneset_t *set, const zl_node_t *node);

/**
 * @brief Forget where the names' lists of records end (they are found
 *        again when needed): after records were taken out of lists, or to
 *        free the memory once a file is loaded.
 */
void zl_zoneset_forget_tails(zl_zoneset_t *set);

/* The lookups every check makes, inline: a name's records are a short
 * list walked by reference. */

/** @brief First record of @p type at @p node (any zone), or NULL. */
static inline zl_rr_t *zl_node_first(const zl_node_t *node, uint16_t type)
{
	if (!node || !node->rrs_ref)
		return NULL;
	const zl_rr_t *rr = (const zl_rr_t *)zl_ref_get(node, node->rrs_ref);
	for (;;) {
		if (rr->type == type)
			return (zl_rr_t *)(uintptr_t)rr;
		if (!rr->next_ref)
			return NULL;
		rr = (const zl_rr_t *)zl_ref_get(rr, rr->next_ref);
	}
}

/** @brief Next record of the same type after @p rr at the same node, or NULL. */
static inline zl_rr_t *zl_rr_next_same(const zl_rr_t *rr)
{
	for (const zl_rr_t *r = rr; r->next_ref;) {
		r = (const zl_rr_t *)zl_ref_get(r, r->next_ref);
		if (r->type == rr->type)
			return (zl_rr_t *)(uintptr_t)r;
	}
	return NULL;
}

/** @brief Whether the node has records of @p type. */
static inline bool zl_node_has(const zl_node_t *node, uint16_t type)
{
	return zl_node_first(node, type) != NULL;
}

/** @brief Whether the node has any record at all (else: empty non-terminal). */
static inline bool zl_node_exists(const zl_node_t *node)
{
	return node && node->rrs_ref;
}

/** @brief The first record of @p type at @p node that zone @p z holds, or NULL. */
static inline zl_rr_t *zl_node_first_in(const zl_node_t *node, uint16_t type, const zl_zone_t *z)
{
	if (!node)
		return NULL;
	/* one look at the files for every record of the name */
	const zl_file_t *files = zl_node_set(node)->files;
	for (zl_rr_t *rr = zl_node_first(node, type); rr; rr = zl_rr_next_same(rr))
		if (files[rr->file].zone == z)
			return rr;
	return NULL;
}

/** @brief Whether @p node is @p ancestor or below it. */
bool zl_node_is_below(const zl_node_t *node, const zl_node_t *ancestor);
/** @brief The child of @p node with the single label @p label (any case), or
 *         NULL.  The few nodes made after @p node are read before the index. */
zl_node_t *zl_node_child(const zl_zoneset_t *set, const zl_node_t *node, const char *label);

/**
 * @brief The loaded zone that is authoritative for @p node: the zone with
 *        the closest enclosing apex.  An external snapshot (apex the root)
 *        answers only for the names it holds: for any other name outside
 *        the loaded zones the result is NULL, so "unknown offline" stays
 *        unknown rather than becoming "no such name".
 * @return the zone, or NULL when the name lies outside every loaded zone
 */
zl_zone_t *zl_zoneset_zone_for(const zl_zoneset_t *set, const zl_node_t *node);

/**
 * @brief Print a name in presentation format, absolute, with a trailing dot;
 *        unprintable octets and the special characters escaped as \DDD / \c.
 * @param[out] buf   at least ZL_NAME_STRLEN bytes
 * @return @p buf
 */
#define ZL_NAME_STRLEN 1024
char *zl_node_str(const zl_node_t *node, char *buf);
/** @brief zl_node_str into the set's arena. */
const char *zl_node_name(zl_zoneset_t *set, const zl_node_t *node);
/** @brief Print a wire name (from rdata) the same way; @p len bounds the read. */
char *zl_wire_name_str(const uint8_t *wire, size_t len, char *buf);

/** @brief Length of the wire name at @p wire, or 0 when malformed within @p max. */
size_t zl_wire_name_len(const uint8_t *wire, size_t max);

#endif
