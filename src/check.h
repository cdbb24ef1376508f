/* zonelint: one check run, from paths to a sorted finding list.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_CHECK_H
#define ZL_CHECK_H

#include "config.h"
#include "findings.h"
#include "load.h"
#include "zoneset.h"

/** Everything one run owns; the CLI, the tests and the fuzzers use it alike. */
typedef struct zl_run {
	zl_zoneset_t set;
	zl_config_t config;
	zl_findings_t findings;
	zl_loader_t *loader;
	const char *origin;            /**< --origin for every file, or NULL */
	unsigned io_errors;            /**< paths that could not be read */
	unsigned jobs;                 /**< threads for the rule families (0, 1: one) */
	/** each unreadable file of a folder walk (see zl_load_opts_t.io_error) */
	void (*io_error)(void *arg, const char *message);
} zl_run_t;

/** @brief Initialise with the default configuration. */
void zl_run_init(zl_run_t *run);

/**
 * @brief Load one path into the run.
 * @param[out] err  what could not be read
 * @return 0, or ZL_EIO (the rest of the path was still loaded)
 */
int zl_run_load(zl_run_t *run, const char *path, char *err, size_t errlen);

/** @brief Load zone text from memory (no includes). */
int zl_run_load_buffer(zl_run_t *run, const char *name, const char *data, size_t len);

/**
 * @brief Load a snapshot of names outside the loaded zones (check --external,
 *        or the text --resolve took, in @p data) after the zones.
 * @return 0, or ZL_EIO when @p path could not be read
 */
int zl_run_load_external(zl_run_t *run, const char *path, const char *data, size_t len,
			 char *err, size_t errlen);

/** @brief Run every rule, apply suppressions, sort the findings. */
void zl_run_check(zl_run_t *run);

/** @brief Free everything the run owns. */
void zl_run_free(zl_run_t *run);

#endif
