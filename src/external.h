/* zonelint: what is known about names outside the loaded zones (snapshots, --resolve).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_EXTERNAL_H
#define ZL_EXTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zoneset.h"

/*
 * Why: an SPF include of a provider, a DMARC report address at a vendor or
 * an MX host of a mail service lies outside the loaded zones, so offline the
 * checks can only say "unknown".  `zonelint snapshot` (or `check --resolve`)
 * looks those names up once and writes the answers as a zone-format file of
 * absolute names.  Loaded with `check --external FILE`, the file becomes one
 * pseudo-zone whose apex is the root, marked external: the checks find its
 * records through the zone set like any other, but no finding is ever
 * reported about them (rules.c), and it answers only for the names it holds
 * (zl_zoneset_zone_for()), so a name it lacks stays unknown.
 *
 * Zone files cannot say "this name does not exist" or "the lookup failed",
 * so the snapshot says it in comment lines the external loader reads:
 *
 *   ; zonelint snapshot                          first line: what the file is
 *   ; taken: 2026-01-31T12:00:00Z                when (RFC 3339, UTC)
 *   ; resolver: 192.0.2.53                       which resolver answered
 *   ; zonelint-nxdomain: NAME TYPE               the name does not exist
 *   ; zonelint-nodata: NAME TYPE                 it exists, no record of TYPE
 *   ; zonelint-lookup-failed: NAME TYPE REASON   no answer (timeout, SERVFAIL)
 *
 * Everything here lives in the zone set's arena: nothing to free.
 */

/** The first line of every snapshot file. */
#define ZL_SNAPSHOT_MAGIC "; zonelint snapshot"

/** Negative answers the snapshot holds for a name (bits). */
enum {
	ZL_EXT_NODATA = 1u,            /**< the name exists; some type has no record */
	ZL_EXT_NXDOMAIN = 2u           /**< the name does not exist */
};

/** A lookup that got no answer, as the snapshot records it. */
typedef struct zl_ext_failure {
	struct zl_ext_failure *next;
	zl_node_t *name;               /**< interned (it holds no record) */
	uint16_t type;
	uint16_t file;                 /**< snapshot file and line of the comment */
	uint32_t line;
	const char *reason;            /**< printable ASCII, owned by the set */
} zl_ext_failure_t;

/** One snapshot file (or the in-memory snapshot of --resolve). */
typedef struct zl_ext_source {
	struct zl_ext_source *next;
	uint16_t file;
	bool live;                     /**< taken by this run (--resolve): never old */
	bool has_magic;                /**< starts with ZL_SNAPSHOT_MAGIC */
	int64_t taken;                 /**< seconds since the epoch; -1: no valid line */
	uint32_t taken_line;           /**< line of "; taken:", 0 if none */
	const char *taken_text;        /**< as written (escaped), or NULL */
	const char *resolver;          /**< as written (escaped), or NULL */
} zl_ext_source_t;

/** What an external zone holds besides its records (zl_zone_t.ext). */
typedef struct zl_external {
	zl_ext_source_t *sources, *sources_tail;
	zl_ext_failure_t *failures, *failures_tail;
	const zl_node_t **mark_key;    /**< open addressing: node -> ZL_EXT_* bits */
	uint8_t *mark_val;
	size_t mark_cap, nmarks;       /**< cap: 0 or a power of two */
	bool uncounted;                /**< its records left out of the set's totals */
} zl_external_t;

/**
 * @brief The set's external zone, created (apex the root, marked external)
 *        on first use.
 * @return the zone, owned by the set; NULL when the root is already the apex
 *         of a loaded zone (then every name is inside a loaded zone)
 */
zl_zone_t *zl_external_zone(zl_zoneset_t *set, uint16_t file);

/**
 * @brief Read the snapshot's comment lines (header, negative answers,
 *        failures) into @p zone; the records are the loader's business.
 * @param[in] data  the whole file
 * @param[in] live  taken by this run (--resolve)
 */
void zl_external_read_comments(zl_zoneset_t *set, zl_zone_t *zone, uint16_t file,
			       const char *data, size_t len, bool live);

/** @brief Whether @p data starts like a snapshot file (ZL_SNAPSHOT_MAGIC line). */
bool zl_external_is_snapshot(const char *data, size_t len);

/**
 * @brief Whether the external zone @p zone knows @p node: it has records
 *        there, or a negative answer.  NULL-safe.
 */
bool zl_external_holds(const zl_zone_t *zone, const zl_node_t *node);

/** @brief Negative answers held for @p node (ZL_EXT_* bits, 0 for none). */
unsigned zl_external_negative(const zl_zone_t *zone, const zl_node_t *node);

/**
 * @brief Whether the snapshot answered for @p type at @p node: it holds
 *        records of that type there, or says the name does not exist, or
 *        that it has no record of that type.  When false, "no record" means
 *        "not looked up": unknown.
 */
bool zl_external_answered(const zl_zone_t *zone, const zl_node_t *node, uint16_t type);

/**
 * @brief Whether @p node lies in a loaded zone that is not external (the
 *        closest enclosing apex of a real zone).
 */
bool zl_external_in_loaded_zone(const zl_zoneset_t *set, const zl_node_t *node);

/**
 * @brief After loading: drop external records of names that a loaded zone
 *        holds (a snapshot older than the zones may still carry them).  The
 *        loaded zone is the only authority for its names, so --external and
 *        --resolve never change what is said about them.
 */
void zl_external_finish(zl_zoneset_t *set);

/** What a record refers to outside itself (zl_external_refs). */
typedef enum zl_ext_ref_kind {
	ZL_EXT_REF_SPF_INCLUDE,        /**< include: or redirect=: its TXT, followed */
	ZL_EXT_REF_SPF_A,              /**< a: its A and AAAA */
	ZL_EXT_REF_SPF_MX,             /**< mx: its MX, then the hosts' addresses */
	ZL_EXT_REF_SPF_EXISTS,         /**< exists: its A */
	ZL_EXT_REF_DMARC_AUTH,         /**< DMARC report authorization: its TXT */
	ZL_EXT_REF_MX_HOST             /**< an MX target: its A and AAAA */
} zl_ext_ref_kind_t;

/**
 * @brief Callback of zl_external_refs(): @p wire (lower case, absolute) is
 *        named by @p rr.  Return nonzero to stop.
 */
typedef int (*zl_ext_ref_fn)(void *arg, const zl_rr_t *rr, const uint8_t *wire, size_t len,
			     zl_ext_ref_kind_t kind);

/**
 * @brief The names a record refers to that checks look up: SPF terms (RFC
 *        7208 section 5; macros are skipped), DMARC rua/ruf report domains'
 *        authorization names (RFC 7489 section 7.1) and MX targets.
 * @param[in] arena  scratch for parsing (reset by the caller)
 * @return nonzero when the callback stopped the walk
 */
int zl_external_rr_refs(const zl_rr_t *rr, zl_arena_t *arena, zl_ext_ref_fn fn, void *arg);

/**
 * @brief The SPF terms of one record text (as zl_external_rr_refs()), for
 *        records that are not in the zone set (answers being followed).
 * @param[in] owner  wire name of the record's owner (for "a" and "mx" alone)
 */
int zl_external_spf_refs(const char *text, size_t len, const uint8_t *owner, size_t ownerlen,
			 zl_arena_t *arena, zl_ext_ref_fn fn, void *arg, const zl_rr_t *rr);

typedef struct zl_ctx zl_ctx_t;

/**
 * @brief The zone- rules about snapshots: zone-snapshot-old (a snapshot file
 *        older than the configured age) and zone-lookup-failed (a name the
 *        checks needed got no answer), located at the record that refers to
 *        the name when one does.
 */
void zl_external_check(zl_ctx_t *ctx);

#endif
