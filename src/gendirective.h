/* zonelint: parser and expander for the BIND $GENERATE zone file directive.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_GENDIRECTIVE_H
#define ZL_GENDIRECTIVE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/*
 * Syntax (BIND 9 ARM, "The $GENERATE Directive"):
 *
 *	$GENERATE range lhs [ttl] [class] type rhs
 *
 * The caller passes the text after the "$GENERATE" keyword: one logical
 * line with parentheses joined and the comment removed.  Each generated
 * record is handed back as one zone file line
 *
 *	<owner> [<ttl>] [<class>] <type> <rdata>
 *
 * to be parsed as an ordinary record under the current $ORIGIN.
 *
 * Behaviour checked against named-checkzone 9.18:
 *  - range is start-stop[/step], decimal, 0 <= start <= stop <= 2^31-1,
 *    1 <= step <= 2^31-1.  BIND's sscanf also takes "1-3x" and "+1-3";
 *    zonelint reports those as generate-bad-range.
 *  - "$" is the iterator; "${offset[,width[,base]]}" changes it; bases
 *    d o x X n N; offset is a signed 32-bit number (BIND silently wraps
 *    larger ones; zonelint reports generate-bad-offset), width 0..127
 *    (BIND fails with "ran out of space" at 128 and above).  A bare "$"
 *    reuses the offset of the last modifier before it in the same
 *    template (lhs and rhs apart), with width 0 and base d, as BIND does:
 *    "${100}-$" gives "110-110" for 10.  iterator + offset
 *    must stay within a signed 32-bit int (BIND: "out of range"); o, x, X,
 *    n and N print negative values as unsigned 32-bit numbers.
 *  - nibble mode (n, N) prints the hex digits least significant first, a
 *    "." after each; the width counts the dots, so ${0,4,n} is "0.0." and
 *    ${0,3,n} is "0.0"; digits continue as 0 until the width is filled.
 *  - "$$" and "\$" are a literal "$"; both are emitted as "\$", which any
 *    zone parser reads as "$" and which can never start a directive.
 *    Other backslash escapes are copied unchanged.
 *  - ttl and class are optional, at most one of each, in either order.
 *  - rhs is ONE token.  A quoted rhs loses its quotes (an escaped quote
 *    inside becomes a plain one) and the rest is the record's rdata text
 *    as written, so TXT "a b" yields the two strings "a" "b" while
 *    TXT "\"a b\"" yields the single string "a b".  Text after the rhs is
 *    an error (BIND: "extra input text").
 *  - unescaped parentheses outside the quoted rhs are rejected (BIND fails
 *    on them as well; the caller removes the grouping ones), and so is a
 *    quote anywhere but around the rhs.
 */

/** Largest range bound and step BIND accepts: 2^31 - 1. */
#define ZL_GENERATE_MAX_VALUE 2147483647u
/** Largest modifier width BIND accepts. */
#define ZL_GENERATE_MAX_WIDTH 127u
/** Longest generated line in bytes, not counting the terminating NUL. */
#define ZL_GENERATE_MAX_LINE 65535u
/** Suggested limit for zl_generate_count() results, per directive. */
#define ZL_GENERATE_DEFAULT_LIMIT 1000000u

/*
 * Error codes.  The order and the names are stable: append new ones at the
 * end.  X(identifier, stable lowercase name).
 */
#define ZL_GENERATE_CODES(X)                                            \
	X(ZL_GEN_OK, "ok")                                              \
	X(ZL_GEN_E_MISSING_RANGE, "generate-missing-range")             \
	X(ZL_GEN_E_BAD_RANGE, "generate-bad-range")                     \
	X(ZL_GEN_E_RANGE_LIMIT, "generate-range-limit")                 \
	X(ZL_GEN_E_RANGE_REVERSED, "generate-range-reversed")           \
	X(ZL_GEN_E_BAD_STEP, "generate-bad-step")                       \
	X(ZL_GEN_E_MISSING_OWNER, "generate-missing-owner")             \
	X(ZL_GEN_E_MISSING_TYPE, "generate-missing-type")               \
	X(ZL_GEN_E_MISSING_RDATA, "generate-missing-rdata")             \
	X(ZL_GEN_E_BAD_MODIFIER, "generate-bad-modifier")               \
	X(ZL_GEN_E_BAD_BASE, "generate-bad-base")                       \
	X(ZL_GEN_E_BAD_WIDTH, "generate-bad-width")                     \
	X(ZL_GEN_E_BAD_OFFSET, "generate-bad-offset")                   \
	X(ZL_GEN_E_VALUE_RANGE, "generate-value-range")                 \
	X(ZL_GEN_E_BAD_TTL, "generate-bad-ttl")                         \
	X(ZL_GEN_E_DUPLICATE_TTL, "generate-duplicate-ttl")             \
	X(ZL_GEN_E_DUPLICATE_CLASS, "generate-duplicate-class")         \
	X(ZL_GEN_E_BAD_QUOTE, "generate-bad-quote")                     \
	X(ZL_GEN_E_BAD_ESCAPE, "generate-bad-escape")                   \
	X(ZL_GEN_E_BAD_PAREN, "generate-bad-paren")                     \
	X(ZL_GEN_E_EXTRA_TEXT, "generate-extra-text")                   \
	X(ZL_GEN_E_NUL_BYTE, "generate-nul-byte")                       \
	X(ZL_GEN_E_LINE_TOO_LONG, "generate-line-too-long")

#define ZL_GEN_ENUM_(id, name) id,
/** Stable error codes of the $GENERATE parser. */
typedef enum zl_gen_code {
	ZL_GENERATE_CODES(ZL_GEN_ENUM_)
	ZL_GEN_CODE_COUNT
} zl_gen_code_t;
#undef ZL_GEN_ENUM_

/** A positioned parse error; message is owned by the parse arena. */
typedef struct zl_gen_error {
	zl_gen_code_t code;  /**< ZL_GEN_OK when there is no error */
	size_t offset;       /**< byte offset into the text given to parse */
	const char *message; /**< git-style sentence, NUL-terminated, or NULL */
} zl_gen_error_t;

/** One piece of a compiled template: literal text, then maybe "$". */
typedef struct zl_gen_piece {
	const char *lit;  /**< literal bytes to copy (arena), may be empty */
	size_t lit_len;   /**< length of lit */
	int subst;        /**< nonzero: an iterator substitution follows */
	int32_t offset;   /**< added to the iterator */
	uint8_t width;    /**< minimum field width, 0..127 */
	char base;        /**< 'd', 'o', 'x', 'X', 'n' or 'N' */
	size_t src;       /**< byte offset of the "$" in the parsed text */
} zl_gen_piece_t;

/** A compiled lhs or rhs template. */
typedef struct zl_gen_template {
	const zl_gen_piece_t *pieces; /**< arena-owned array */
	size_t npieces;               /**< entries in pieces */
	size_t max_len;               /**< upper bound of one expansion */
} zl_gen_template_t;

/** A field of the directive as written, pointing into the caller's text. */
typedef struct zl_gen_field {
	const char *text; /**< first byte (not NUL-terminated), NULL if absent */
	size_t len;       /**< length in bytes */
	size_t offset;    /**< byte offset into the parsed text */
} zl_gen_field_t;

/** A parsed $GENERATE directive. */
typedef struct zl_generate {
	uint32_t start, stop, step; /**< the range; start <= stop, step >= 1 */
	zl_gen_field_t range;       /**< range as written */
	zl_gen_field_t lhs;         /**< owner template as written */
	zl_gen_field_t ttl;         /**< ttl as written (text NULL: none) */
	zl_gen_field_t rrclass;     /**< class as written (text NULL: none) */
	zl_gen_field_t type;        /**< type mnemonic as written, unchecked */
	zl_gen_field_t rhs;         /**< rdata template as written, quotes incl. */
	uint32_t ttl_value;         /**< ttl in seconds when ttl.text != NULL */
	uint16_t class_value;       /**< class number when rrclass.text != NULL */
	int class_first;            /**< class was written before the ttl */
	zl_gen_template_t lhs_tpl;  /**< compiled owner template */
	zl_gen_template_t rhs_tpl;  /**< compiled rdata template */
	zl_gen_error_t error;       /**< set when parsing failed */
} zl_generate_t;

/**
 * @brief Stable lowercase name of an error code, e.g. "generate-bad-range".
 * @param[in] code an error code
 * @return static string; "unknown" for values outside the enum
 */
const char *zl_gen_code_name(zl_gen_code_t code);

/**
 * @brief Parse the text that follows the "$GENERATE" keyword.
 *
 * No zone knowledge is used: the type mnemonic is not checked and the class
 * is not compared with the zone's; both are left to the caller.
 *
 * @param[out] out    parsed directive; on failure out->error says why
 * @param[in]  text   directive text, need not be NUL-terminated
 * @param[in]  len    length of text in bytes
 * @param[in]  arena  owns everything out points to, except the zl_gen_field_t
 *                    texts, which point into @p text (keep it alive)
 * @return 0, or ZL_EINVAL with out->error filled in
 */
int zl_generate_parse(zl_generate_t *out, const char *text, size_t len,
		      zl_arena_t *arena);

/**
 * @brief Number of records the directive expands to, to check a limit
 *	  (see ZL_GENERATE_DEFAULT_LIMIT) before expanding.
 * @param[in]  g    a directive parsed without error
 * @param[out] out  record count, 1 .. 2^31
 * @return 0, or ZL_EINVAL if g or out is NULL
 */
int zl_generate_count(const zl_generate_t *g, uint64_t *out);

/**
 * @brief Generate every record in order and hand each to @p emit.
 *
 * Each line is NUL-terminated at line[len] and valid only during the call;
 * one buffer of at most ZL_GENERATE_MAX_LINE + 1 bytes is allocated for the
 * whole expansion and freed before returning.
 *
 * @param[in] g     a directive parsed without error
 * @param[in] emit  called once per record; a nonzero return stops expansion
 * @param[in] ctx   passed to emit unchanged
 * @return 0; emit's nonzero value; ZL_EINVAL for bad arguments; ZL_ELIMIT
 *	   if a line would exceed ZL_GENERATE_MAX_LINE bytes (parse already
 *	   rejects such directives, so this is a safety net)
 */
int zl_generate_expand(const zl_generate_t *g,
		       int (*emit)(void *ctx, const char *line, size_t len),
		       void *ctx);

#endif
