/* zonelint: loading zone files into the zone set.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_LOAD_H
#define ZL_LOAD_H

#include <stdint.h>

#include "zoneset.h"

/*
 * The loader tokenizes zone files itself (comments, quotes, parentheses,
 * owner inheritance, directives, $INCLUDE and $GENERATE) and hands each
 * record to ldns to parse its rdata.  Doing the entry scanning here, not in
 * ldns, is what lets it keep an exact file:line for every record, see the
 * zonelint-disable comments, refuse includes outside the zone's folder,
 * expand $GENERATE and keep records of types ldns does not know.
 *
 * What goes wrong in the input is not printed and not a finding: it is a
 * diagnostic stored in the zone set (zl_diag_t), which the zone- rules turn
 * into findings.  The loader knows nothing of rules.
 */

#define ZL_DIAG_LIST(X) \
	X(SYNTAX, "syntax") \
	X(INCLUDE_REFUSED, "include-refused") \
	X(INCLUDE_CYCLE, "include-cycle") \
	X(INCLUDE_DEPTH, "include-depth") \
	X(INCLUDE_UNREADABLE, "include-unreadable") \
	X(GENERATE_LIMIT, "generate-limit") \
	X(UNCHECKED_TYPE, "unchecked-type") \
	X(OUT_OF_ZONE, "out-of-zone") \
	X(CLASS_MISMATCH, "class-mismatch")

typedef enum zl_diag_code {
#define X(name, str) ZL_DIAG_##name,
	ZL_DIAG_LIST(X)
#undef X
	ZL_DIAG__COUNT
} zl_diag_code_t;

/** @brief Stable name of a diagnostic code. */
const char *zl_diag_name(zl_diag_code_t code);

/** A problem found while reading input, kept for the rules. */
typedef struct zl_diag {
	struct zl_diag *next;
	zl_diag_code_t code;
	zl_zone_t *zone;
	zl_node_t *owner;      /**< owner involved, or NULL */
	uint16_t file;
	uint16_t type;         /**< record type involved, or 0 */
	uint32_t line;
	const char *message;   /**< escaped, owned by the set */
} zl_diag_t;

/** A zonelint-disable comment. */
typedef struct zl_suppress {
	struct zl_suppress *next;
	uint16_t file;
	uint32_t line;
	int whole_file;        /**< zonelint-disable-file */
	const char *rules;     /**< comma-separated rule ids, as written */
	const char *reason;    /**< text after "--", or NULL */
	unsigned used;         /**< findings it suppressed */
} zl_suppress_t;

typedef struct zl_load_opts {
	const char *origin;            /**< --origin, or NULL */
	const char *const *allow;      /**< extra folders includes may read */
	unsigned nallow;
	uint64_t generate_limit;       /**< records per $GENERATE, 0: default */
	unsigned max_include_depth;    /**< 0: default 16 */
	int no_fast_path;              /**< tests: parse every record with ldns */
	/** Called for each file of a folder walk that cannot be read (then the
	 *  walk's error text is empty); NULL: the walk's error text names the
	 *  first one only. */
	void (*io_error)(void *arg, const char *message);
	void *io_error_arg;
	/** More than 1: a file of at least pipe_min_bytes (0: 1 MiB) is scanned
	 *  in a thread of its own while this one makes the records; the result
	 *  is the same in every respect. */
	unsigned jobs;
	size_t pipe_min_bytes;
} zl_load_opts_t;

typedef struct zl_loader zl_loader_t;

/**
 * @brief Make a loader that adds to @p set.
 * @return the loader; free with zl_loader_free()
 */
zl_loader_t *zl_loader_new(zl_zoneset_t *set, const zl_load_opts_t *opts);
/** @brief Free a loader (the zone set keeps everything loaded). */
void zl_loader_free(zl_loader_t *loader);

/**
 * @brief Load one path: a file (whatever its name) or a folder (every
 *        *.zone, *.db and db.* file below it, in sorted order).
 * @param[in] path    as given on the command line
 * @param[out] errbuf one-line description of what could not be read
 * @retval 0          everything under @p path was read (it may still hold
 *                    syntax errors: those are diagnostics)
 * @retval ZL_EIO     something could not be read; @p errbuf says what, and
 *                    everything else under @p path was still loaded
 */
int zl_loader_load_path(zl_loader_t *loader, const char *path, char *errbuf, size_t errlen);

/**
 * @brief Load a zone from memory (used by the fuzzers and tests); includes
 *        are refused.
 */
int zl_loader_load_buffer(zl_loader_t *loader, const char *display, const char *data,
			  size_t len);

/**
 * @brief Load a snapshot of names outside the loaded zones (external.h) into
 *        the set's external zone: consulted by the checks, never linted.  A
 *        file that starts with "; zonelint snapshot" given to
 *        zl_loader_load_path() is loaded this way too.
 * @param[in] path     file to read, or the name to show for @p data
 * @param[in] data     snapshot text taken by this run (--resolve), or NULL to
 *                     read @p path
 * @retval 0           loaded
 * @retval ZL_EIO      @p path could not be read; @p errbuf says why
 */
int zl_loader_load_external(zl_loader_t *loader, const char *path, const char *display,
			    const char *data, size_t len, char *errbuf, size_t errlen);

/** @brief Diagnostics collected so far, in the order found. */
const zl_diag_t *zl_loader_diags(const zl_loader_t *loader);
/** @brief Suppression comments collected so far. */
zl_suppress_t *zl_loader_suppressions(const zl_loader_t *loader);

#endif
