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
#include "textcache.h"
#include "zoneset.h"

/*
 * Why a database of names: the evaluation (check_spf_eval.c) asks the same
 * questions again and again ("what SPF record does this name have?") for
 * the few names that records include or redirect to, once per record that
 * reaches them.  Those targets are looked at once and kept here, keyed by
 * their node, so that a chain of a thousand includes costs a thousand
 * parses, not a million, and the include/redirect graph (loops) is built
 * over them alone: a name nothing points to cannot be on a loop.
 *
 * Every other name is looked at when its turn comes and forgotten after:
 * zl_spf_name_facts() reads what it needs straight from the wire rdata, and
 * its record is parsed into the family's scratch space, which the family
 * empties after each name.  So the memory of the family does not grow with
 * the number of SPF records in the zones, only with the number of targets.
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
	/** rr parsed, kept by the database (targets only, within a size
	 *  bound), else NULL: see zl_spfdb_record() */
	const zl_spf_record_t *rec;
	uint32_t *edges;       /**< indices of the targets it includes/redirects to */
	unsigned nspf;         /**< distinct SPF TXT records (RFC 7208 4.5) */
	unsigned ntxt;         /**< TXT records of any kind */
	uint32_t idx;          /**< index in zl_spfdb_t.v (entries only) */
	uint32_t nedges;
	uint32_t scc;          /**< strongly connected component id */
	bool entry;           /**< kept by the database (an include/redirect target) */
	bool checked;         /**< invalid is known (rr has been parsed) */
	bool invalid;         /**< rr has syntax errors (receivers: permerror) */
	/* filled by zl_spf_graph() */
	bool include_target;  /**< some loaded record includes it */
	bool redirect_target; /**< some loaded record redirects to it */
	bool on_cycle;        /**< on an include/redirect loop */
} zl_spfname_t;

/** The include/redirect targets, and the space of one evaluation. */
typedef struct zl_spfdb {
	zl_ctx_t *ctx;
	zl_ptrmap_t map;  /**< node -> zl_spfname_t, targets only */
	zl_spfname_t **v; /**< every entry, creation order */
	size_t n, cap;
	zl_arena_t keep;  /**< the entries and their edges */
	zl_arena_t cache; /**< parsed records of entries, bounded */
	zl_textcache_t texts; /**< parsed records by their text */
	zl_arena_t probe; /**< one parse, emptied right after */
	zl_arena_t eval;  /**< one evaluation's strings, emptied after each */
	char *buf;        /**< the text of one record */
	size_t bufcap;
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
/** @brief Free the database and everything it keeps. */
void zl_spfdb_free(zl_spfdb_t *db);

/**
 * @brief Whether a TXT record is an SPF record (RFC 7208 4.5), read from
 *        the wire rdata without copying it: its strings joined (RFC 7208
 *        3.3) start with "v=spf1", any case, then SP or the end.
 */
bool zl_spf_rr_is_spf(const zl_rr_t *rr);

/**
 * @brief The SPF facts of @p node in @p zone (nothing parsed, nothing kept).
 * @param[out] out  node, zone, rr, nspf and ntxt filled, the rest zero
 */
void zl_spf_name_facts(const zl_node_t *node, const zl_zone_t *zone, zl_spfname_t *out);

/**
 * @brief The entry of @p node, created (with zl_spf_name_facts()) on first
 *        use: for the names records include or redirect to.
 * @param[in] node  a name (usually from zl_spf_resolve())
 * @param[in] zone  the zone serving it
 * @return the entry, owned by the database
 */
zl_spfname_t *zl_spfdb_get(zl_spfdb_t *db, const zl_node_t *node, const zl_zone_t *zone);

/** @brief The entry of @p node if it has one (it is a target), else NULL. */
zl_spfname_t *zl_spfdb_find(const zl_spfdb_t *db, const zl_node_t *node);

/**
 * @brief The first SPF record of @p sn (sn->nspf >= 1) parsed, and
 *        sn->invalid set.  An entry keeps its parse while the database's
 *        bound allows; otherwise the parse is made in @p arena.
 * @return the parse, owned by the database or by @p arena
 */
const zl_spf_record_t *zl_spfdb_record(zl_spfdb_t *db, zl_spfname_t *sn, zl_arena_t *arena);

/** @brief sn->invalid, parsing the record once when it is not known yet. */
bool zl_spfdb_invalid(zl_spfdb_t *db, zl_spfname_t *sn);

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
 * @brief Find the include and redirect targets of the records at the names
 *        holding TXT records (each is parsed, then forgotten), mark them,
 *        build the graph among the targets (adding the targets they reach)
 *        and find its loops (Tarjan's algorithm, O(V + E)).  Parses in
 *        ctx->scratch and empties it after each record.
 */
void zl_spf_graph(zl_spfdb_t *db);

/** @brief Report spf-loop at every record on an include/redirect loop. */
void zl_spf_report_loops(zl_spfdb_t *db);

/**
 * @brief Evaluate @p sn's record as receivers do for a sender that matches
 *        nothing, and report spf-lookup-*, spf-void-*, spf-mx-limit,
 *        spf-include-invalid and spf-loop (runs into a loop) at its record.
 * @param[in] sn   a name with exactly one valid SPF record (its entry if
 *                 it has one)
 * @param[in] rec  that record parsed
 */
void zl_spf_evaluate(zl_spfdb_t *db, zl_spfname_t *sn, const zl_spf_record_t *rec);

#endif
