/* zonelint: the spf- family's shared parts: SPF records by name, offline DNS answers, evaluation.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_CHECK_SPF_H
#define ZL_CHECK_SPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ptrmap.h"
#include "rules.h"
#include "spf.h"
#include "zoneset.h"

/*
 * Why a database of names: the record-level checks (check_spf.c) and the
 * evaluation (check_spf_eval.c) ask the same questions again and again
 * ("what SPF record does this name have?") for the same few names, once per
 * record that includes them.  Each name is looked at and parsed once and
 * kept here, keyed by its node, so that a chain of a thousand includes costs
 * a thousand parses, not a million.  Everything lives in ctx->scratch.
 *
 * Offline DNS: zl_spf_resolve() answers as an authoritative server of the
 * loaded zones would (exact name, empty non-terminal, wildcard, CNAME),
 * and says "unknown" for a name outside them or below a delegation whose
 * child zone is not loaded.  Unknown names are never void and never wrong.
 */

/** RFC 7208 section 4.6.4 limits. */
#define ZL_SPF_LOOKUP_LIMIT 10u
#define ZL_SPF_VOID_LIMIT 2u
#define ZL_SPF_MX_LIMIT 10u

/** What a name holds, SPF-wise, in its authoritative loaded zone. */
typedef struct zl_spfname {
	const zl_node_t *node; /**< the name holding the records */
	const zl_zone_t *zone; /**< the loaded zone serving it */
	const zl_rr_t *rr;     /**< its first SPF TXT record, or NULL */
	unsigned nspf;         /**< distinct SPF TXT records (RFC 7208 4.5) */
	unsigned ntxt;         /**< TXT records of any kind */
	bool invalid;          /**< rr has syntax errors (receivers: permerror) */
	zl_spf_record_t rec;   /**< rr parsed, when nspf >= 1 */
	/* filled by zl_spf_graph() */
	bool include_target;  /**< some loaded record includes it */
	bool redirect_target; /**< some loaded record redirects to it */
	bool on_cycle;        /**< on an include/redirect loop */
	uint32_t idx;         /**< index in zl_spfdb_t.v */
	uint32_t *edges;      /**< indices of the names it includes/redirects to */
	uint32_t nedges;
	uint32_t scc; /**< strongly connected component id */
} zl_spfname_t;

/** The names looked at so far. */
typedef struct zl_spfdb {
	zl_ctx_t *ctx;
	zl_ptrmap_t map;  /**< node -> zl_spfname_t */
	zl_spfname_t **v; /**< every entry, creation order */
	size_t n, cap;
	zl_arena_t eval;  /**< one evaluation's strings, emptied after each */
} zl_spfdb_t;

/** Kinds of zl_spf_answer_t. */
typedef enum zl_spf_ans_kind {
	ZL_SPF_ANS_UNKNOWN = 0, /**< outside the loaded zones, or delegated */
	ZL_SPF_ANS_NXDOMAIN,    /**< the name does not exist */
	ZL_SPF_ANS_NODE         /**< the name exists; count records by type */
} zl_spf_ans_kind_t;

/** An offline DNS answer. */
typedef struct zl_spf_answer {
	zl_spf_ans_kind_t kind;
	const zl_node_t *node; /**< NODE: node holding the data (CNAME followed) */
	const zl_zone_t *zone; /**< NODE, NXDOMAIN: the zone answering */
} zl_spf_answer_t;

/** @brief Start an empty database for one run of the family. */
void zl_spfdb_init(zl_spfdb_t *db, zl_ctx_t *ctx);
/** @brief Free the database's tables (the entries live in ctx->scratch). */
void zl_spfdb_free(zl_spfdb_t *db);

/**
 * @brief The SPF facts of @p node in @p zone, looked up and parsed once.
 * @param[in] node  a name (usually from zl_spf_resolve())
 * @param[in] zone  the zone serving it
 * @return the entry, owned by the database (memory in ctx->scratch)
 */
zl_spfname_t *zl_spfdb_get(zl_spfdb_t *db, const zl_node_t *node, const zl_zone_t *zone);

/**
 * @brief Answer a query from the loaded zones.
 * @param[in]  set    the zone set
 * @param[in]  wire   wire-format name, any case
 * @param[in]  len    its length
 * @param[in]  cname  follow CNAMEs (at most 10, then NXDOMAIN, as pyspf)
 * @param[out] out    the answer
 */
void zl_spf_resolve(const zl_zoneset_t *set, const uint8_t *wire, size_t len, bool cname,
                    zl_spf_answer_t *out);

/**
 * @brief Whether an answer says that there is no record of @p type: the
 *        query is a void lookup (RFC 7208 section 4.6.4).  False for unknown
 *        names, and for names of an external snapshot that holds no record
 *        and no negative answer for them.
 */
bool zl_spf_empty(const zl_spf_answer_t *ans, uint16_t type);

/** @brief Records of @p type at @p node that belong to @p zone. */
unsigned zl_spf_count(const zl_node_t *node, const zl_zone_t *zone, uint16_t type);

/**
 * @brief The zone that serves @p node authoritatively, or NULL when it lies
 *        outside the loaded zones or below a delegation in them.
 */
const zl_zone_t *zl_spf_auth_zone(const zl_zoneset_t *set, const zl_node_t *node);

/**
 * @brief A domain-spec as a wire-format name (lower case).
 * @param[out] out  at least 256 bytes
 * @return its length, or 0 when it has macros or "%" escapes, or is not a
 *         valid name (empty label, too long)
 */
size_t zl_spf_spec_wire(const zl_spf_spec_t *spec, uint8_t *out);

/** @brief A wire name for messages: absolute, without the final dot. */
const char *zl_spf_name_text(zl_arena_t *arena, const uint8_t *wire, size_t len);

/**
 * @brief Build the include/redirect graph of every entry with one valid
 *        record (adding the entries it reaches), mark include and redirect
 *        targets, and find the loops (Tarjan's algorithm, O(V + E)).
 */
void zl_spf_graph(zl_spfdb_t *db);

/** @brief Report spf-loop at every record on an include/redirect loop. */
void zl_spf_report_loops(zl_spfdb_t *db);

/**
 * @brief Evaluate @p sn's record as receivers do for a sender that matches
 *        nothing, and report spf-lookup-*, spf-void-*, spf-mx-limit,
 *        spf-include-invalid and spf-loop (runs into a loop) at its record.
 * @param[in] sn  an entry with exactly one valid SPF record
 */
void zl_spf_evaluate(zl_spfdb_t *db, const zl_spfname_t *sn);

#endif
