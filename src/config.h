/* zonelint: the .zonelint.yaml configuration, read with libyaml.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_CONFIG_H
#define ZL_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "rules.h"

/** Most custom rules one config defines (a finding holds a rule's index in 16 bits). */
#define ZL_CUSTOM_MAX 10000u

typedef enum zl_role {
	ZL_ROLE_UNSET = 0,
	ZL_ROLE_MAIL,
	ZL_ROLE_PARKED,
	ZL_ROLE_WEB
} zl_role_t;

/** Per-zone settings (zones: {example.com: {...}}). */
typedef struct zl_zone_conf {
	const char *name;              /**< absolute, lower case, trailing dot */
	zl_role_t role;
	bool signed_at_deploy;         /**< dnssec: signed-at-deploy */
} zl_zone_conf_t;

/** spf: external: {name: cost}: known lookup cost of a provider's record. */
typedef struct zl_spf_external {
	const char *name;              /**< absolute, lower case */
	unsigned cost;
} zl_spf_external_t;

/** A user-defined rule (custom: or a file under custom-rules:). */
typedef struct zl_custom_rule {
	const char *id;
	zl_severity_t severity;
	const char *message;
	const char *summary;
	const char *owner_pattern;     /**< source text of the owner regex, or NULL */
	uint16_t type;                 /**< 0: any type */
	bool forbid;                   /**< forbid: (else require:) */
	const char *pattern;           /**< source of require:/forbid: */
	void *owner_re;                /**< pcre2_code *, or NULL */
	void *re;                      /**< pcre2_code * */
	const char *file;              /**< where it was defined */
	uint32_t line;
} zl_custom_rule_t;

struct zl_config {
	zl_arena_t arena;
	const char *path;              /**< file read, or NULL for defaults */
	zl_severity_t severity[ZL_R__COUNT];
	bool overridden[ZL_R__COUNT];
	zl_zone_conf_t *zones;
	unsigned nzones;
	const char **include_allow;    /**< absolute or config-relative folders */
	unsigned ninclude_allow;
	zl_spf_external_t *spf_external;
	unsigned nspf_external;
	zl_custom_rule_t *custom;
	unsigned ncustom;      /**< at most ZL_CUSTOM_MAX */
	uint64_t generate_limit;       /**< loader: $GENERATE records per directive */
	unsigned dnssec_expiry_days;   /**< warn when signatures expire sooner */
	unsigned external_max_age_days; /**< external: max-age-days (0: no limit) */
	unsigned resolve_budget;       /**< external: resolve-budget, queries per run */
};

/**
 * @brief Defaults only (every rule at its catalogue severity).
 */
void zl_config_init(zl_config_t *cfg);

/**
 * @brief Read a config file over the defaults.
 * @param[out] err   one line naming file, line and key on failure
 * @retval 0 read
 * @retval ZL_EIO / ZL_EINVAL  unreadable or invalid; @p err says why
 */
int zl_config_load(zl_config_t *cfg, const char *path, char *err, size_t errlen);

/**
 * @brief Read config text from memory (fuzzing, tests).
 */
int zl_config_load_buffer(zl_config_t *cfg, const char *display, const char *text, size_t len,
			  char *err, size_t errlen);

/**
 * @brief Find .zonelint.yaml in the current folder or its parents.
 * @return a malloc'd path the caller frees, or NULL
 */
char *zl_config_find(void);

/**
 * @brief Read the config in force: @p path when given, else .zonelint.yaml
 *        found in the current folder or a parent, unless @p no_config.
 * @return 0 (also when there is none), or what zl_config_load() returns
 */
int zl_config_load_default(zl_config_t *cfg, const char *path, int no_config, char *err,
			   size_t errlen);

/** @brief Free everything, including compiled patterns. */
void zl_config_free(zl_config_t *cfg);

/** @brief Settings for the zone with apex @p name (absolute), or NULL. */
const zl_zone_conf_t *zl_config_zone(const zl_config_t *cfg, const char *name);

/** @brief Apply --disable RULE,...: @return 0 or ZL_ENOTFOUND naming the bad id in @p err */
int zl_config_disable(zl_config_t *cfg, const char *list, char *err, size_t errlen);

/** @brief Custom rule by id, or NULL. */
const zl_custom_rule_t *zl_config_custom(const zl_config_t *cfg, const char *id);

#endif
