/* zonelint: reporters, one function per output format over one finding list.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_REPORT_H
#define ZL_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "config.h"
#include "findings.h"
#include "zoneset.h"

/** What a reporter needs besides the findings. */
typedef struct zl_report_in {
	const zl_zoneset_t *set;
	const zl_findings_t *findings;
	const zl_config_t *config;
	bool color;                  /**< text only: ANSI colours */
	unsigned jobs;               /**< threads that may write findings out; 0 or 1: one */
} zl_report_in_t;

/** Writes finding @p i of @p in to @p out; called from any thread. */
typedef void (*zl_report_one_fn)(FILE *out, const zl_report_in_t *in, size_t i);

/**
 * @brief Write every finding with @p one, in order, to @p out.
 *
 * With @c in->jobs above one and many findings, helper threads write the
 * findings ahead into memory and this thread copies their text out in
 * order: the output is the same either way.  @p one must depend on the
 * finding and @p in only.
 */
void zl_report_each(FILE *out, const zl_report_in_t *in, zl_report_one_fn one);

/** @brief `file:line: severity: message [rule]` lines and a summary line. */
int zl_report_text(FILE *out, const zl_report_in_t *in);
/** @brief The JSON document of the public interface (version 1). */
int zl_report_json(FILE *out, const zl_report_in_t *in);
/** @brief SARIF 2.1.0, rules from the catalogue and the config's custom rules. */
int zl_report_sarif(FILE *out, const zl_report_in_t *in);

/**
 * @brief GitLab Code Quality (Code Climate issues): a JSON array with, per
 *        finding, a fingerprint that survives line shifts.
 */
int zl_report_codeclimate(FILE *out, const zl_report_in_t *in);
/** @brief JUnit XML: a testsuite per file, a testcase per finding. */
int zl_report_junit(FILE *out, const zl_report_in_t *in);

/** @brief Write @p s as a JSON string (quotes included), always valid UTF-8. */
void zl_json_string(FILE *out, const char *s);

/** @brief Display path of a finding's file, or NULL. */
const char *zl_report_file(const zl_report_in_t *in, const zl_finding_t *f);

#endif
