/* zonelint: DMARC policy discovery over the loaded zones, shared by the mail checks.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_DMARC_CHECK_H
#define ZL_DMARC_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dmarc.h"
#include "ptrmap.h"
#include "rules.h"
#include "textcache.h"
#include "zoneset.h"

/*
 * Why this module: the dmarc- rules ask "which DMARC record applies to this
 * name?", and so does the BIMI rule that wants an enforced policy.  Both
 * must answer the way a receiver does, which is RFC 9989's DNS tree walk
 * ("DNS Tree Walk", "DMARC Policy Discovery", "Identifier Alignment
 * Evaluation"), run over the loaded zones instead of the DNS:
 *
 *  1. look for exactly one DMARC record at _dmarc.<name>; stop at a record
 *     with psd=y or psd=n;
 *  2. go up one label at a time, except that a name of 8 or more labels
 *     goes straight to its last 7; at most 8 names are queried;
 *  3. the record applied is the name's own, else the organizational
 *     domain's (psd=n; else one label below a psd=y record; else the record
 *     found with the fewest labels), else a public suffix's psd=y record.
 *
 * A name outside every loaded zone, or below a delegation whose child zone
 * is not loaded, is unknown rather than empty: the answer is then
 * "cannot be checked offline", never "missing".  A CNAME at a _dmarc name is
 * followed inside the loaded zones (8 hops); a _dmarc name of a loaded
 * domain that is a CNAME or a delegation out of them counts as covered, with
 * no record to read (hosted DMARC).  Wildcards are not expanded:
 * a wildcard TXT that answers _dmarc queries is a rule of its own.
 *
 * Lookups are cached per name, so walking from every name of a large zone
 * costs at most 8 hash probes per name and each record is read once.  A
 * site keeps only what the walk needs (the record, its psd tag); the record
 * itself is parsed on request, and only the latest parse is kept, so the
 * cache stays small however many policy records the zones hold.
 */

/** What a lookup of _dmarc.<domain> finds. */
typedef enum zl_dmarc_found {
	ZL_DMARC_FOUND_NONE = 0, /**< no DMARC record */
	ZL_DMARC_FOUND_ONE,      /**< exactly one: the policy record */
	ZL_DMARC_FOUND_MANY,     /**< more than one: receivers discard them all */
	ZL_DMARC_FOUND_UNKNOWN   /**< outside the loaded zones: cannot be known */
} zl_dmarc_found_t;

/** One looked-up name; owned by the cache. */
typedef struct zl_dmarc_site {
	zl_dmarc_found_t found;
	const zl_node_t *domain; /**< the name whose _dmarc was looked up */
	const zl_rr_t *rr;       /**< FOUND_ONE: the record (maybe behind a CNAME) */
	zl_dmarc_psd_t psd;      /**< its psd tag (UNSET when absent) */
} zl_dmarc_site_t;

/** The lookup cache; lives as long as one family's run. */
typedef struct zl_dmarc_cache {
	zl_ctx_t *ctx;
	zl_ptrmap_t sites;       /**< domain node -> zl_dmarc_site_t */
	zl_arena_t arena;        /**< the sites */
	zl_arena_t parse;        /**< the latest parse and its text */
	const zl_dmarc_site_t *last; /**< the site parsed last, or NULL */
	const zl_dmarc_t *parsed; /**< its parse */
	zl_textcache_t texts;    /**< parses by record text */
	char *buf;               /**< one record's text, for the psd tag */
	size_t bufcap;
} zl_dmarc_cache_t;

/** What the tree walk concludes for a name. */
typedef enum zl_dmarc_walk_state {
	ZL_DMARC_WALK_COVERED = 0, /**< its own or its organizational domain's record applies */
	ZL_DMARC_WALK_PSD_ONLY,    /**< only a public suffix's psd=y record applies */
	ZL_DMARC_WALK_MISSING,     /**< no record anywhere the walk can see */
	ZL_DMARC_WALK_UNKNOWN /**< none seen, but a possible organizational domain is not loaded */
} zl_dmarc_walk_state_t;

/** Result of zl_dmarc_walk(); pointers are owned by the cache or the set. */
typedef struct zl_dmarc_walk {
	zl_dmarc_walk_state_t state;
	const zl_dmarc_site_t *applied; /**< PSD_ONLY, COVERED: the record receivers
	                                     apply (NULL when hosted outside the loaded zones) */
	const zl_node_t *unknown;       /**< UNKNOWN: first unloaded name of 2+ labels */
	const zl_node_t *path[8];       /**< the names queried, in order */
	size_t npath;
} zl_dmarc_walk_t;

/** @brief Start an empty cache for the checks of @p ctx. Free with zl_dmarc_cache_free(). */
void zl_dmarc_cache_init(zl_dmarc_cache_t *cache, zl_ctx_t *ctx);

/** @brief Free the cache and everything it holds. */
void zl_dmarc_cache_free(zl_dmarc_cache_t *cache);

/**
 * @brief Look up _dmarc.<domain> in the loaded zones (cached).
 * @param[in] domain  an interned name (may be an empty non-terminal)
 * @return the site, owned by the cache; never NULL
 */
const zl_dmarc_site_t *zl_dmarc_site(zl_dmarc_cache_t *cache, const zl_node_t *domain);

/**
 * @brief The parsed record of a FOUND_ONE site.  Asking again for the same
 *        site costs nothing; a record whose text was parsed lately, at any
 *        name, is not parsed again.  Asking for another site may end the
 *        life of the previous result.
 * @return the parse (owned by the cache, valid until this is called for
 *         another site), or NULL when the site has no single record
 */
const zl_dmarc_t *zl_dmarc_site_parse(zl_dmarc_cache_t *cache, const zl_dmarc_site_t *site);

/**
 * @brief RFC 9989 policy discovery for @p domain over the loaded zones.
 * @param[out] out  the conclusion
 */
void zl_dmarc_walk(zl_dmarc_cache_t *cache, const zl_node_t *domain, zl_dmarc_walk_t *out);

/* ---- small helpers the mail-policy checks share ---- */

/** @brief Whether the first label of @p n is exactly @p label (lower case).
 *  Inline: the checks ask it of every name and its ancestors. */
static inline bool zl_mail_label_is(const zl_node_t *n, const char *label)
{
	size_t l = strlen(label);
	return n && n->wirelen > 1 && n->label[0] == l && !memcmp(n->label + 1, label, l);
}

/**
 * @brief The loaded zone that answers for @p n: the closest enclosing zone,
 *        unless a delegation inside it (NS below its apex, at or above @p n)
 *        hands the name to a zone that is not loaded.  An external snapshot
 *        (external.h) answers for the names it holds.
 * @return the zone, or NULL when no loaded zone answers
 */
const zl_zone_t *zl_mail_zone(const zl_zoneset_t *set, const zl_node_t *n);

/**
 * @brief Up to @p cap bytes of a TXT record's text (its strings joined).
 * @return the number of bytes written (no NUL is added)
 */
size_t zl_mail_txt_prefix(const zl_rr_t *rr, char *buf, size_t cap);

/** @brief Whether @p n has a record of @p type from zone @p z. */
bool zl_mail_has(const zl_node_t *n, uint16_t type, const zl_zone_t *z);

/** @brief Whether @p n has an MX record from @p z whose target is not the root. */
bool zl_mail_real_mx(const zl_node_t *n, const zl_zone_t *z);

#endif
