/* zonelint: --changed-since, the files git reports changed since a revision.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_CHANGED_H
#define ZL_CHANGED_H

#include <stddef.h>

#include "findings.h"
#include "zoneset.h"

/*
 * `zonelint check --changed-since REV PATH...` still loads every zone (SPF
 * includes, DMARC report authorizations and delegations are questions
 * about other zones), runs every rule, and then reports only the findings
 * of the zones the change touched: a zone is touched when git reports its
 * zone file, or a file it $INCLUDEs, changed since REV (`git diff REV`:
 * committed, staged and unstaged changes) or untracked and not ignored.
 *
 * git runs in the current folder, with a fixed argument vector (no shell),
 * so REV is only ever a revision: one that starts with '-' is refused.
 */

/**
 * @brief Mark the loaded files that changed since @p rev.
 * @param[in]  set      the loaded zones
 * @param[in]  rev      a git revision (branch, tag, commit, HEAD~1, ...)
 * @param[out] changed  set->nfiles flags, set to 1 for each changed file
 * @param[out] err      why git could not answer
 * @retval 0 done
 * @retval ZL_EINVAL @p rev is not a revision of the repository
 * @retval ZL_EIO git could not be run, or the current folder is not in a
 *         git work tree
 */
int zl_changed_files(const zl_zoneset_t *set, const char *rev, unsigned char *changed,
		     char *err, size_t errlen);

/**
 * @brief Keep only the findings of touched zones (see above) and those in
 *        changed files; findings with neither zone nor file are kept.
 * @return the number of findings dropped
 */
size_t zl_findings_keep_changed(zl_findings_t *fs, const zl_zoneset_t *set,
				const unsigned char *changed);

#endif
