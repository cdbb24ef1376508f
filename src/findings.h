/* zonelint: findings, their filtering (config, suppressions) and order.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_FINDINGS_H
#define ZL_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "rules.h"
#include "zoneset.h"

#define ZL_NO_FILE UINT16_MAX
#define ZL_FINDINGS_TEXTS 1024 /**< slots of the findings' text cache (power of two) */

/*
 * A finding's message and suggestion are stored as templates: where the
 * text names the finding's owner, or a name above it (but not its
 * top-level label alone), it holds a reference to the owner's text
 * instead, so that one sentence about a hundred thousand names is stored
 * once.  A reference is ZL_TEXT_REF and then 2 + k: the owner from its
 * k-th label on, without the final dot; ZL_TEXT_REF twice is that octet.
 * Read the texts with zl_finding_message() and zl_finding_suggestion().
 */
#define ZL_TEXT_REF '\001'
/** Where an owner text's referable names start (see zl_text_template). */
#define ZL_OWNER_REFS 128
typedef struct zl_owner_refs {
	size_t len;                     /**< the text without its final dot */
	unsigned n;                     /**< names that can be referred to */
	uint16_t start[ZL_OWNER_REFS];  /**< where each starts, longest first */
} zl_owner_refs_t;

/** Room for any finding text, written out (see zl_finding_text). */
#define ZL_FINDING_TEXT_MAX 16384

/** One finding.  Every string is escaped and owned by the findings list
 *  (or static); the owner is a node of the zone set the checks ran on. */
struct zl_finding {
	const char *rule;          /**< rule id */
	const char *zone;          /**< apex, absolute; NULL if none */
	const zl_node_t *owner;    /**< NULL if none: its name is zl_finding_owner() */
	const char *message_tpl;   /**< template: read with zl_finding_message() */
	const char *suggestion_tpl; /**< template, NULL if none: zl_finding_suggestion() */
	uint32_t line;
	uint32_t seq;              /**< emission order, the last sort key */
	uint16_t file;             /**< index into the zone set's files, or ZL_NO_FILE */
	uint16_t type;             /**< record type, 0 if none: zl_finding_type() names it */
	int16_t rule_index;        /**< built-in: zl_rule_id_t; custom: ZL_R__COUNT + i */
	uint8_t severity;          /**< a zl_severity_t */
};

/** @brief The finding's owner, absolute with the final dot, written into
 *         @p buf (ZL_NAME_STRLEN octets); NULL when it has none. */
const char *zl_finding_owner(const zl_finding_t *f, char *buf);
/** @brief The finding's record type mnemonic (TYPEnnn for one without a
 *         name, in @p buf of 16 octets); NULL when it has none. */
const char *zl_finding_type(const zl_finding_t *f, char *buf);

struct zl_findings {
	zl_arena_t arena;
	zl_finding_t *v;
	size_t n, cap;
	/* the run's verdict and what its filters hid, for the reports (zonelint check) */
	zl_severity_t fail_on;     /**< --fail-on: at or above it fails (default error; OFF: never) */
	bool baseline;             /**< a baseline was applied */
	size_t baselined;          /**< findings it hid */
	size_t baseline_gone;      /**< findings in it that the run no longer has */
	bool changed_only;         /**< --changed-since was applied */
	size_t unchanged;          /**< findings of untouched zones it hid */
	/* recent message and suggestion texts: a text equal to one of them is
	 * not stored again (a rule often says the same thing about many names) */
	uint64_t text_hash[ZL_FINDINGS_TEXTS];
	const char *text[ZL_FINDINGS_TEXTS];
	/* the owner the last text was made against, and its name (a name often
	 * has several findings) */
	const zl_node_t *text_owner;
	char text_owner_str[ZL_NAME_STRLEN];
	zl_owner_refs_t text_owner_refs;
};

/**
 * @brief A template for @p s (@p len octets) against the owner text
 *        @p owner (absolute, with the final dot, as zl_finding_owner()
 *        writes it; NULL: none).
 * @param[out] out  room for 2 * len + 1 octets; NUL-terminated
 * @return the template's length
 */
size_t zl_text_template(const char *owner, const char *s, size_t len, char *out);

/**
 * @brief A finding's text written out: @p tpl itself when it holds no
 *        reference, else @p buf (ZL_FINDING_TEXT_MAX octets) holding it.
 */
const char *zl_finding_text(const zl_finding_t *f, const char *tpl, char *buf);
/** @brief The finding's message (see zl_finding_text). */
static inline const char *zl_finding_message(const zl_finding_t *f, char *buf)
{
	return zl_finding_text(f, f->message_tpl, buf);
}
/** @brief The finding's suggestion, or NULL (see zl_finding_text). */
static inline const char *zl_finding_suggestion(const zl_finding_t *f, char *buf)
{
	return f->suggestion_tpl ? zl_finding_text(f, f->suggestion_tpl, buf) : NULL;
}

/**
 * @brief Store a finding's text, as its template (see zl_text_template)
 *        against @p f's owner, which must be set already.
 * @return the template, owned by @p fs
 */
const char *zl_findings_text(zl_findings_t *fs, const zl_finding_t *f, const char *s, size_t len);

/** @brief Initialise an empty list. */
void zl_findings_init(zl_findings_t *fs);
/** @brief Free the list and every string in it. */
void zl_findings_free(zl_findings_t *fs);
/** @brief Append a finding; strings must already be owned by fs->arena. */
zl_finding_t *zl_findings_add(zl_findings_t *fs);

/**
 * @brief Apply zonelint-disable comments: drop the findings they cover, and
 *        report each comment that covered nothing (zone-suppression-unused).
 */
void zl_findings_apply_suppressions(zl_ctx_t *ctx, void *suppressions);

/** @brief Sort deterministically: file, line, rule, then emission order. */
void zl_findings_sort(zl_findings_t *fs, const zl_zoneset_t *set);

struct zl_baseline;
/**
 * @brief Drop the findings a baseline accepts (see baseline.h): per key,
 *        the first `count` findings in list order; the rest are new.
 * @param[in,out] fs  sorted findings
 * @param[in,out] bl  loaded baseline; each entry's `used` is set
 * @return the number of findings dropped
 */
size_t zl_findings_apply_baseline(zl_findings_t *fs, struct zl_baseline *bl);

/** @brief Counts by severity. */
typedef struct zl_counts {
	size_t errors, warnings, infos;
} zl_counts_t;
zl_counts_t zl_findings_count(const zl_findings_t *fs);

/** @brief Severity name: "error", "warning", "info", "off". */
const char *zl_severity_name(zl_severity_t s);
/** @brief Parse a severity name (error|warning|info|off). @return 0 or ZL_EINVAL */
int zl_severity_parse(const char *s, zl_severity_t *out);

#endif
