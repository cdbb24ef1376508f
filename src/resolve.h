/* zonelint: looking up names outside the loaded zones (snapshot, check --resolve).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_RESOLVE_H
#define ZL_RESOLVE_H

#include <stddef.h>

#include "zoneset.h"

/*
 * Why: the one place zonelint touches the network, and only when asked
 * (`zonelint snapshot`, `check --resolve`); a plain check creates no
 * resolver and opens no socket.  The names the loaded zones refer to outside
 * themselves (external.h lists them) are looked up with ldns's stub
 * resolver, and SPF records found that way are followed as receivers follow
 * them, under the RFC 7208 section 4.6.4 limits: a chain is followed no
 * further once it has used 10 lookups or made more than 2 void lookups, so a
 * hostile provider's record cannot make the run explode.  Every answer is
 * cached for the run, each query has a timeout and one retry, and the run
 * has a total query budget.  The answers come back as snapshot text
 * (external.h): records in zone format with absolute names, and comment
 * lines for what zone files cannot say (no such name, no answer).
 */

/** How to look up. */
typedef struct zl_resolve_opts {
	const char *server;            /**< "ADDR", "ADDR:PORT", "[ADDR6]:PORT"; NULL:
					    the system resolver (/etc/resolv.conf) */
	unsigned budget;               /**< network queries at most; 0: 500 */
	unsigned timeout_ms;           /**< per try; 0: 2000 */
	unsigned tries;                /**< per query; 0: 2 (one retry) */
} zl_resolve_opts_t;

/** What a run did. */
typedef struct zl_resolve_stats {
	unsigned queries;              /**< sent to the resolver */
	unsigned lookups;              /**< distinct name and type pairs asked */
	unsigned failed;               /**< of those, with no answer */
} zl_resolve_stats_t;

/**
 * @brief Check a --resolver argument without creating anything.
 * @return 0, or ZL_EINVAL with @p err saying why
 */
int zl_resolve_check_server(const char *server, char *err, size_t errlen);

/**
 * @brief Look up every name outside the loaded zones that @p set refers to
 *        and write the answers as snapshot text.
 * @param[in]  set    loaded zones (an external zone in it is ignored)
 * @param[out] text   malloc'd NUL-terminated snapshot, freed by the caller
 * @param[out] stats  may be NULL
 * @retval 0          @p text is set (lookups that failed are recorded in it)
 * @retval ZL_EINVAL  bad server address; ZL_EIO: no system resolver
 *                    configuration; @p err says why
 */
int zl_resolve_snapshot(const zl_zoneset_t *set, const zl_resolve_opts_t *opts, char **text,
			size_t *len, zl_resolve_stats_t *stats, char *err, size_t errlen);

#endif
