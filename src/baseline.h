/* zonelint: the baseline, findings accepted when zonelint was adopted.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_BASELINE_H
#define ZL_BASELINE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "findings.h"

/*
 * A baseline lets a team adopt zonelint on zones that already have findings:
 * `zonelint check --write-baseline FILE` records every finding of a run, and
 * `zonelint check --baseline FILE` hides those and fails only on new ones.
 *
 * Findings are matched on their key (zone, owner, type, rule), never on the
 * file or line: lines shift whenever a record is added above.  Duplicates
 * count: an entry says how many findings of its key were accepted, and the
 * findings of a run are numbered per key in report order (file, line, rule),
 * so with an entry of count 1 and two findings of that key, the second is
 * new.  The same per-key numbering gives the stable fingerprints of the Code
 * Quality report.
 *
 * The file is JSON (parsed with libyaml, whose flow syntax reads it):
 *
 *   {"zonelint-baseline": 1, "findings": [
 *     {"zone": "example.com.", "owner": "www.example.com.", "type": "A",
 *      "rule": "zone-duplicate", "count": 1}, ...]}
 *
 * zone, owner and type may be null (a finding without one); count defaults
 * to 1.  Entries are written sorted by key, so a rewritten baseline diffs
 * cleanly.
 */

/** One accepted key and how many findings of it were accepted. */
typedef struct zl_baseline_entry {
	const char *zone;      /**< NULL: the finding had none */
	const char *owner;
	const char *type;
	const char *rule;
	uint32_t count;        /**< findings of this key accepted, >= 1 */
	uint32_t used;         /**< findings of this run it covered */
} zl_baseline_entry_t;

/** A loaded baseline: entries sorted by key, strings in the arena. */
typedef struct zl_baseline {
	zl_arena_t arena;
	zl_baseline_entry_t *v;
	size_t n;
} zl_baseline_t;

/** @brief Initialise an empty baseline.  Free with zl_baseline_free(). */
void zl_baseline_init(zl_baseline_t *bl);
/** @brief Free the entries and their strings. */
void zl_baseline_free(zl_baseline_t *bl);

/**
 * @brief Read a baseline file.
 * @param[out] bl     initialised baseline to fill
 * @param[in]  path   the file
 * @param[out] err    on failure, "FILE:LINE: what is wrong"
 * @retval 0          read
 * @retval ZL_EIO     the file could not be read
 * @retval ZL_EINVAL  it is not a zonelint baseline
 */
int zl_baseline_load(zl_baseline_t *bl, const char *path, char *err, size_t errlen);

/**
 * @brief Write every finding of @p fs as a baseline (replacing @p path
 *        atomically: a temporary file beside it, then rename).
 * @param[out] nentries  keys written, if not NULL
 * @retval 0 written
 * @retval ZL_EIO the file could not be written (@p err says why)
 */
int zl_baseline_write(const zl_findings_t *fs, const char *path, size_t *nentries, char *err,
		      size_t errlen);

/**
 * @brief Number every finding within its key, in list order.
 * @param[in]  fs   the findings, sorted for the report
 * @param[out] occ  fs->n numbers: 0 for the first finding of a key, 1 for
 *                  the second, ...
 */
void zl_findings_occurrences(const zl_findings_t *fs, uint32_t *occ);

/**
 * @brief Find the entry for a finding's key.  @return the entry or NULL
 */
zl_baseline_entry_t *zl_baseline_find(const zl_baseline_t *bl, const zl_finding_t *f);

#endif
