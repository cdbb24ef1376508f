/* zonelint: what the dnssec- family's source files share (internal).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_DNSSEC_CHECK_H
#define ZL_DNSSEC_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "dnssec.h"
#include "rules.h"

/** Findings per zone and rule before the rest are only counted. */
#define ZL_DNSSEC_CAP 50

/** Where a name stands in a zone (RFC 4035 section 2.2). */
typedef enum zl_nodeclass {
	ZL_NODE_AUTH, /**< authoritative data */
	ZL_NODE_CUT,  /**< a delegation point (NS, not the apex) */
	ZL_NODE_BELOW /**< under a delegation or a DNAME: glue, occluded */
} zl_nodeclass_t;

/** A problem reported once per zone with a count. */
typedef struct zl_dagg {
	unsigned count;
	const zl_rr_t *rr; /**< the RRSIG named in the finding */
	uint32_t when;
} zl_dagg_t;

/** What the dnssec- checks know about one zone; lives in ctx->scratch. */
typedef struct zl_dstate {
	zl_zone_t *zone;
	const zl_zone_conf_t *conf;
	const zl_node_t **nodes; /**< nodes holding records of the zone (malloc) */
	size_t nnodes, cap;
	zl_dnskey_t *keys; /**< apex DNSKEYs, parsed once */
	size_t nkeys;
	uint16_t *signers; /**< tags of keys validly signing the DNSKEY RRset */
	size_t nsigners;
	bool has_dnskey, has_rrsig, has_nsec, has_nsec3, has_param;
	const zl_rr_t *first_sec; /**< first RRSIG, NSEC or NSEC3 */
	zl_dagg_t expired, future, expiring;
	struct {
		zl_rule_id_t rule;
		unsigned count;
	} capped[8];
} zl_dstate_t;

/** @brief Count a finding of @p rule; false once the zone's cap is passed. */
bool zl_dnssec_more(zl_dstate_t *st, zl_rule_id_t rule);

/** @brief Whether @p n has a record of @p type in zone @p z. */
bool zl_dnssec_has(const zl_node_t *n, uint16_t type, const zl_zone_t *z);

/**
 * @brief Classify a node of zone @p z.
 * @param[out] cut  for ZL_NODE_BELOW, the delegation or DNAME above; may be NULL
 */
zl_nodeclass_t zl_dnssec_classify(const zl_node_t *n, const zl_zone_t *z, const zl_node_t **cut);

/**
 * @brief The distinct types at @p n in zone @p z, ascending; at a delegation
 *        only NS, DS, NSEC and RRSIG (what an NSEC bit map may list there).
 * @return how many were stored (at most @p max)
 */
size_t zl_dnssec_types(const zl_node_t *n, const zl_zone_t *z, zl_nodeclass_t cls, uint16_t *types,
                       size_t max);

/** @brief Check the zone's NSEC or NSEC3 chain (dnssec_chain.c). */
void zl_dnssec_check_chain(zl_ctx_t *ctx, zl_dstate_t *st);

/** @brief Check the zone's ZONEMD digest, if it has one (dnssec_zonemd.c). */
void zl_dnssec_check_zonemd(zl_ctx_t *ctx, zl_dstate_t *st);

#endif
