/* zonelint: the rules registry and the interface every check family uses.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_RULES_H
#define ZL_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "common.h"
#include "zoneset.h"

/*
 * Adding a rule family: write rules/<family>.yaml (the catalogue: ids,
 * severities, docs, examples) and src/check_<family>.c defining
 * int zl_check_<family>(zl_ctx_t *ctx), add the source to Makefile.am, and
 * add tests.  The family table, the rule id enum (ZL_R_<ID>), --list-rules,
 * `zonelint explain` and the rules man page are generated from the YAML.
 *
 * A check reads the zone set and calls zl_emit*() for each finding; it
 * never prints and never decides the final severity (the config and the
 * suppressions do, in findings.c).
 */

typedef enum zl_severity {
	ZL_SEV_OFF = 0,
	ZL_SEV_INFO = 1,
	ZL_SEV_WARNING = 2,
	ZL_SEV_ERROR = 3
} zl_severity_t;

#include "catalogue.h"

/** One example record set from the catalogue. */
typedef struct zl_example {
	const char *snippet;           /**< appended to the standard header */
	const char *config;            /**< .zonelint.yaml text, or NULL */
	unsigned nfiles;               /**< whole files instead of a snippet */
	const char *const *names;
	const char *const *texts;
} zl_example_t;

/** A built-in rule, as the catalogue defines it. */
typedef struct zl_rule_def {
	const char *id;
	unsigned family;               /**< index into zl_families */
	const char *summary;
	const char *rationale;
	const char *reference;
	zl_severity_t severity;        /**< default */
	const zl_example_t *bad;
	unsigned nbad;
	const zl_example_t *good;
	unsigned ngood;
} zl_rule_def_t;

typedef struct zl_ctx zl_ctx_t;

/** A family of checks. */
typedef struct zl_family_def {
	const char *name;
	const char *title;
	const char *description;
	int (*run)(zl_ctx_t *ctx);
} zl_family_def_t;

extern const zl_rule_def_t zl_catalogue[ZL_R__COUNT];
extern const zl_family_def_t zl_families[ZL_FAMILY_COUNT];

/** The standard zone header the catalogue's snippet examples are added to. */
extern const char zl_example_header[];

typedef struct zl_config zl_config_t;
typedef struct zl_findings zl_findings_t;
typedef struct zl_finding zl_finding_t;

/** What a check sees. */
struct zl_ctx {
	zl_zoneset_t *set;
	const zl_config_t *config;
	zl_findings_t *findings;
	const void *diags;             /**< loader diagnostics (zl_diag_t list) */
	zl_arena_t scratch;            /**< for checks; reset between families */
	unsigned jobs;                 /**< families run at once (0 or 1: one after another) */
};

/** @brief Severity in force for a rule (after the config); ZL_SEV_OFF if disabled. */
zl_severity_t zl_rule_severity(const zl_ctx_t *ctx, zl_rule_id_t rule);
/** @brief Whether a rule is enabled: checks skip expensive work when not. */
bool zl_rule_enabled(const zl_ctx_t *ctx, zl_rule_id_t rule);

/**
 * @brief Report a finding about a record: its file and line, zone, owner, type.
 * @return the finding (owned by the findings list), or NULL when the rule is
 *         off; pass it to zl_suggest() to attach the fixed or missing record
 */
zl_finding_t *zl_emit(zl_ctx_t *ctx, zl_rule_id_t rule, const zl_rr_t *rr, const char *fmt, ...)
	ZL_PRINTF(4, 5);

/**
 * @brief Report a finding about a name that lacks something: located at the
 *        zone's SOA (or line 1), naming @p owner.
 * @param[in] type   record type concerned (0: none)
 */
zl_finding_t *zl_emit_name(zl_ctx_t *ctx, zl_rule_id_t rule, const zl_zone_t *zone,
			   const zl_node_t *owner, uint16_t type, const char *fmt, ...)
	ZL_PRINTF(6, 7);

/** @brief Report at an explicit file and line (loader diagnostics). */
zl_finding_t *zl_emit_at(zl_ctx_t *ctx, zl_rule_id_t rule, const zl_zone_t *zone,
			 const zl_node_t *owner, uint16_t type, uint16_t file, uint32_t line,
			 const char *fmt, ...) ZL_PRINTF(8, 9);

/** @brief Attach a suggestion (record text to add, or the fixed record). NULL-safe. */
void zl_suggest(zl_ctx_t *ctx, zl_finding_t *f, const char *fmt, ...) ZL_PRINTF(3, 4);

/**
 * @brief Run every family over the loaded set, then the custom rules.
 *        With ctx->jobs > 1 the families run in that many threads, each with
 *        its own findings list and scratch arena; the lists are joined in
 *        family order, so the findings and their emission order are exactly
 *        those of a run in one thread.  A family must therefore only read
 *        the zone set and the config, and write only through its ctx.
 * @return 0
 */
int zl_rules_run(zl_ctx_t *ctx);

/** @brief Find a built-in rule by id. @return 0 or ZL_ENOTFOUND */
int zl_rule_lookup(const char *id, zl_rule_id_t *out);

/** @brief Whether @p id begins with a built-in family's prefix. */
bool zl_rule_id_is_builtin_family(const char *id);

#endif
