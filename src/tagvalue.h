/* zonelint: RFC 6376 tag=value list splitter shared by the record parsers.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_TAGVALUE_H
#define ZL_TAGVALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "common.h"

/*
 * Why one splitter: DKIM key records (RFC 6376 3.6.1), DMARC (RFC 7489 6.3,
 * RFC 9989 4.7), MTA-STS (RFC 8461 3.1), TLS-RPT (RFC 8460 3) and BIMI all
 * say they use the DKIM "tag=value" syntax, with small differences that
 * are options here rather than copies of the loop.
 *
 * RFC 6376 3.2 grammar, which this module implements:
 *
 *	tag-list  = tag-spec *( ";" tag-spec ) [ ";" ]
 *	tag-spec  = [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
 *	tag-name  = ALPHA *ALNUMPUNC          ; ALNUMPUNC = ALPHA / DIGIT / "_"
 *	tag-value = [ tval *( 1*(WSP / FWS) tval ) ]
 *	tval      = 1*VALCHAR                 ; VALCHAR = %x21-3A / %x3C-7E
 *
 * Leniencies (each is what deployed receivers do, and each is still reported
 * so that a linter can say so):
 *  - an empty tag-spec (";;", a leading ";", or only whitespace between two
 *    separators) is not in the grammar; libopendkim, OpenDMARC and the
 *    common Python/JS checkers skip it.  Reported as ZL_TVP_EMPTY_SPEC, which
 *    callers treat as cosmetic.  One final ";", optionally followed by
 *    whitespace, is allowed and never reported (DMARC's dmarc-sep is
 *    *WSP ";" *WSP, and RFC 6376's final [";"] is routinely followed by a
 *    space in published records).
 *  - a tag-spec without "=" is reported (ZL_TVP_MISSING_EQUALS) and skipped,
 *    as OpenDMARC does; RFC 6376 6.1.2 says a key record that does not match
 *    the grammar is a "key syntax error".
 *  - tag names and values that contain bad bytes are still returned, flagged,
 *    so that callers can report the tag by name.
 *  - duplicate names: RFC 6376 3.2 says the entire tag-list is invalid.  The
 *    first occurrence is what zl_tv_find returns; OpenDMARC instead lets the
 *    last one win.  Every later occurrence is flagged ZL_TV_F_DUPLICATE.
 *
 * Problems are capped at ZL_TV_MAX_PROBLEMS per list so that a hostile 1 MB
 * record cannot produce millions of messages; n_dropped counts the rest.
 * Everything runs in time linear in the input (duplicate detection uses a
 * hash table in the arena).
 */

/** Maximum number of problems stored per parsed list (the rest are counted). */
#define ZL_TV_MAX_PROBLEMS 100

/** Longest slice of input quoted in a problem message (longer ones end "..."). */
#define ZL_TV_QUOTE_MAX 48

/**
 * @brief How much a problem matters to a receiver that reads the record.
 *
 * Ordered: a larger value is worse, so callers can take a maximum.
 */
typedef enum zl_impact {
	ZL_IMPACT_NONE = 0,       /**< no effect for this receiver generation */
	ZL_IMPACT_COSMETIC,       /**< the record is read as the owner meant it */
	ZL_IMPACT_IGNORED_TAG,    /**< a tag (or one list element) is ignored */
	ZL_IMPACT_DISCARDS_RECORD /**< receivers ignore the whole record */
} zl_impact_t;

/* Options for zl_tv_parse. */
/** Duplicate detection ignores ASCII case (DMARC tag names, RFC 7489 6.4). */
#define ZL_TV_OPT_CASE_INSENSITIVE 0x01u
/** Only SP and HTAB are whitespace; CR/LF are bad bytes (DMARC, MTA-STS, TLS-RPT
 *  grammars use *WSP, not FWS). */
#define ZL_TV_OPT_WSP_ONLY 0x02u
/** Names follow sts-ext-name (RFC 8461 3.1): (ALPHA / DIGIT) then ALPHA / DIGIT /
 *  "_" / "-" / "."; the 32-octet limit is left to the caller. */
#define ZL_TV_OPT_EXT_NAMES 0x04u

/* Per-tag flags (zl_tv_tag_t.flags). */
#define ZL_TV_F_BAD_NAME 0x01u  /**< the name breaks the tag-name grammar */
#define ZL_TV_F_BAD_VALUE 0x02u /**< the value holds a byte outside VALCHAR/WSP/FWS */
#define ZL_TV_F_DUPLICATE 0x04u /**< an earlier tag has the same name */
#define ZL_TV_F_WS_NAME 0x08u   /**< whitespace between the name and "=" */
#define ZL_TV_F_WS_VALUE 0x10u  /**< whitespace between "=" and the value */
#define ZL_TV_F_INNER_WS 0x20u  /**< whitespace inside the (trimmed) value */
#define ZL_TV_F_FWS 0x40u       /**< a CRLF fold inside the value */

/**
 * @brief Tag-list problem codes: X(ENUM_SUFFIX, "stable-name").
 *
 *  EMPTY_SPEC     empty tag-spec (";;"); not in RFC 6376 3.2, tolerated by receivers
 *  MISSING_EQUALS tag-spec without "="; RFC 6376 3.2 grammar violation
 *  BAD_NAME       tag-name not ALPHA *ALNUMPUNC (RFC 6376 3.2), or empty
 *  BAD_VALUE      control, DEL, non-ASCII or bare CR/LF byte in a value
 *  DUPLICATE      repeated tag name; RFC 6376 3.2: the entire tag-list is invalid
 */
#define ZL_TV_PROBLEM_LIST(X)                                                                  \
	X(EMPTY_SPEC, "empty-tag-spec")                                                         \
	X(MISSING_EQUALS, "missing-equals")                                                     \
	X(BAD_NAME, "bad-tag-name")                                                             \
	X(BAD_VALUE, "bad-value-char")                                                          \
	X(DUPLICATE, "duplicate-tag")

/** @brief Tag-list problem code (see ZL_TV_PROBLEM_LIST). */
typedef enum zl_tv_code {
#define ZL_TV_X_(e, s) ZL_TVP_##e,
	ZL_TV_PROBLEM_LIST(ZL_TV_X_)
#undef ZL_TV_X_
	ZL_TVP__COUNT
} zl_tv_code_t;

/** @brief One problem found while splitting a tag-list. */
typedef struct zl_tv_problem {
	zl_tv_code_t code; /**< stable code */
	size_t offset;     /**< byte offset in the input of the offending byte or spec */
	const char *tag;   /**< tag name (or raw spec) inside the input, or NULL */
	size_t tag_len;    /**< length of tag */
	const char *msg;   /**< short message, arena-owned, input bytes escaped */
} zl_tv_problem_t;

/** @brief One tag=value pair; pointers point into the caller's input. */
typedef struct zl_tv_tag {
	const char *name;    /**< tag name, not NUL-terminated */
	size_t name_len;     /**< length of name */
	const char *value;   /**< value with surrounding whitespace removed */
	size_t value_len;    /**< length of value (may be 0) */
	size_t offset;       /**< offset of the first byte of the name */
	size_t value_offset; /**< offset of the first byte of value (or of its end) */
	size_t index;        /**< position among the parsed tags, from 0 */
	unsigned flags;      /**< ZL_TV_F_* */
} zl_tv_tag_t;

/** @brief A parsed tag-list; arrays are arena-owned. */
typedef struct zl_tv_list {
	zl_tv_tag_t *tags;          /**< tags in input order */
	size_t n_tags;              /**< number of tags */
	zl_tv_problem_t *problems;  /**< problems in input order (at most ZL_TV_MAX_PROBLEMS) */
	size_t n_problems;          /**< number stored */
	size_t n_dropped;           /**< number found beyond the cap */
	bool leading_ws;            /**< the input starts with whitespace */
	bool trailing_sep;          /**< the list ends with a ";" */
	unsigned opts;              /**< the options it was parsed with */
} zl_tv_list_t;

/**
 * @brief Split @p text into tags and positioned problems (RFC 6376 3.2).
 * @param[out] out    the list; always fully initialised, even on error
 * @param[in]  text   record text (may contain NUL bytes); may be NULL if len is 0
 * @param[in]  len    length of text
 * @param[in]  opts   ZL_TV_OPT_* flags
 * @param[in]  arena  owns every array and message written to @p out
 * @return ZL_OK (problems are data, not failures), or ZL_EINVAL if @p out or
 *         @p arena is NULL, or @p text is NULL with a non-zero @p len.
 *
 * Tag and value pointers point into @p text, which must outlive @p out.
 */
int zl_tv_parse(zl_tv_list_t *out, const char *text, size_t len, unsigned opts,
		zl_arena_t *arena);

/**
 * @brief Allocation-free scan: the next tag-spec that has an "=".
 * @param[in]     text  record text
 * @param[in]     len   length of text
 * @param[in,out] pos   start at 0; advanced past the tag-spec returned
 * @param[out]    tag   name and trimmed value (flags and index are 0)
 * @return true if a tag was produced, false at the end of the input.
 *
 * For cheap sniffing (zl_dkimrec_looks_like_dkim and the like); no problems
 * are reported and CR/LF count as whitespace.
 */
bool zl_tv_next(const char *text, size_t len, size_t *pos, zl_tv_tag_t *tag);

/**
 * @brief First tag whose name equals @p name exactly (DKIM: case-sensitive,
 *        RFC 6376 3.2).
 * @param[in] list  parsed list
 * @param[in] name  NUL-terminated name
 * @return the tag (owned by the list), or NULL.
 */
const zl_tv_tag_t *zl_tv_find(const zl_tv_list_t *list, const char *name);

/**
 * @brief First tag whose name equals @p name ignoring ASCII case (DMARC tag
 *        names are ABNF literals, hence case-insensitive, RFC 5234 2.3).
 * @param[in] list  parsed list
 * @param[in] name  NUL-terminated name
 * @return the tag (owned by the list), or NULL.
 */
const zl_tv_tag_t *zl_tv_find_ci(const zl_tv_list_t *list, const char *name);

/**
 * @brief Compare a (pointer, length) string with a NUL-terminated one.
 * @param[in] s    bytes
 * @param[in] len  length of s
 * @param[in] lit  NUL-terminated literal
 * @param[in] ci   true to ignore ASCII case
 * @return true when equal.
 */
bool zl_tv_eq(const char *s, size_t len, const char *lit, bool ci);

/** @brief Stable lowercase name of a tag-list problem code ("?" if out of range). */
const char *zl_tv_code_name(zl_tv_code_t code);

/** @brief Stable lowercase name of an impact: "none", "cosmetic", "ignored-tag",
 *  "discards-record" ("?" if out of range). */
const char *zl_impact_name(zl_impact_t impact);

/**
 * @brief Copy bytes for a message, escaping what must not reach a terminal.
 * @param[in] arena  owns the result
 * @param[in] s      bytes (may be NULL when len is 0)
 * @param[in] len    length of s
 * @param[in] max    at most this many input bytes are copied; "..." marks a cut
 * @return a NUL-terminated arena string: bytes < 0x20, 0x7f and >= 0x80 become
 *         \DDD (three decimal digits), backslash becomes \\ and '"' becomes \".
 */
char *zl_tv_escape(zl_arena_t *arena, const char *s, size_t len, size_t max);

/*
 * Report URIs, shared by DMARC rua/ruf (RFC 7489 6.2), TLS-RPT rua (RFC 8460
 * 3) and BIMI l=/a=.  Only the URI itself: list splitting, DMARC's "!size"
 * suffix and which schemes a protocol allows are the caller's business.
 */

/** @brief URI scheme as far as these records care. */
typedef enum zl_tv_scheme {
	ZL_TV_SCHEME_NONE = 0, /**< no scheme could be read */
	ZL_TV_SCHEME_MAILTO,   /**< mailto: (RFC 6068) */
	ZL_TV_SCHEME_HTTPS,    /**< https: (RFC 9110 4.2.2) */
	ZL_TV_SCHEME_HTTP,     /**< http: */
	ZL_TV_SCHEME_OTHER     /**< any other syntactically valid scheme */
} zl_tv_scheme_t;

/**
 * @brief URI defects: X(ENUM_SUFFIX, "phrase used in messages").
 */
#define ZL_TV_URI_ERR_LIST(X)                                                                     \
	X(OK, "valid")                                                                          \
	X(EMPTY, "empty URI")                                                                   \
	X(NO_SCHEME, "no URI scheme")                                                           \
	X(BAD_SCHEME, "invalid URI scheme")                                                     \
	X(BAD_CHAR, "character not allowed in a URI")                                           \
	X(BAD_PERCENT, "malformed %-escape")                                                    \
	X(NO_AT, "mailto address has no \"@\"")                                                 \
	X(MANY_AT, "mailto address has more than one \"@\"")                                    \
	X(EMPTY_LOCAL, "mailto address has an empty local part")                                \
	X(BAD_LOCAL, "invalid local part")                                                      \
	X(NO_HOST, "no host name")                                                              \
	X(USERINFO, "user information before the host")                                         \
	X(BAD_PORT, "invalid port")                                                             \
	X(HOST_NOT_DOMAIN, "host is not a domain name")                                         \
	X(BAD_LABEL, "label is not letters, digits and inner hyphens")                          \
	X(EMPTY_LABEL, "empty label")                                                           \
	X(LABEL_TOO_LONG, "label longer than 63 octets")                                        \
	X(DOMAIN_TOO_LONG, "domain longer than 253 octets")                                     \
	X(ONE_LABEL, "domain has a single label")                                               \
	X(NUMERIC_TLD, "top-level label is all digits")

/** @brief URI defect code (see ZL_TV_URI_ERR_LIST). */
typedef enum zl_tv_uri_err {
#define ZL_TV_URI_X_(e, s) ZL_TV_URI_E_##e,
	ZL_TV_URI_ERR_LIST(ZL_TV_URI_X_)
#undef ZL_TV_URI_X_
	ZL_TV_URI_E__COUNT
} zl_tv_uri_err_t;

/** @brief A parsed URI; pointers point into the caller's text. */
typedef struct zl_tv_uri {
	const char *text;       /**< the whole URI */
	size_t len;             /**< its length */
	size_t offset;          /**< offset of text in the record */
	zl_tv_scheme_t scheme; /**< classified scheme */
	const char *scheme_str; /**< scheme as written (without ":") */
	size_t scheme_len;      /**< its length */
	const char *local;      /**< mailto: local part (raw, may hold %-escapes) */
	size_t local_len;       /**< its length */
	const char *host;       /**< mailto: domain, https:/http: host */
	size_t host_len;        /**< its length */
	const char *path;       /**< http(s): path, without query and fragment */
	size_t path_len;        /**< its length */
	zl_tv_uri_err_t err;       /**< first defect found, ZL_TV_URI_E_OK if none */
	size_t err_offset;      /**< record offset of that defect */
} zl_tv_uri_t;

/**
 * @brief Parse one URI: generic RFC 3986 scheme and character checks, then
 *        mailto (one "@", non-empty dot-atom local part, LDH domain of at least
 *        two labels, <= 63 octets each, <= 253 total) and http(s) (host must be
 *        such a domain, optional port, no user information).
 * @param[out] out          result (always initialised)
 * @param[in]  s            URI bytes, already trimmed
 * @param[in]  len          length of s
 * @param[in]  base_offset  offset of @p s in the record, added to offsets
 * @return out->err.
 */
zl_tv_uri_err_t zl_tv_uri_parse(zl_tv_uri_t *out, const char *s, size_t len, size_t base_offset);

/**
 * @brief Check a domain name written in LDH form (RFC 5890 2.3.1, RFC 1035
 *        2.3.4): labels of letters, digits and inner hyphens, 1-63 octets,
 *        at most 253 octets without a final dot, at least two labels, and a
 *        top-level label that is not all digits.  A final dot is refused:
 *        mail domains and URL hosts are written without one.
 * @param[in]  s        domain bytes
 * @param[in]  len      length of s
 * @param[out] bad_off  offset within s of the defect (may be NULL)
 * @return ZL_TV_URI_E_OK or the defect.
 */
zl_tv_uri_err_t zl_tv_domain_check(const char *s, size_t len, size_t *bad_off);

/** @brief Message phrase for a URI defect ("?" if out of range). */
const char *zl_tv_uri_strerror(zl_tv_uri_err_t err);

#endif
