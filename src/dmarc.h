/* zonelint: DMARC policy record parser (RFC 7489 6.3/6.4, RFC 9989 4.7/4.8).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_DMARC_H
#define ZL_DMARC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "tagvalue.h"

/*
 * Why two impacts per problem: the same TXT record is read today by receivers
 * written to RFC 7489 (OpenDMARC, the reference implementation, and most
 * mailbox providers) and, from 2026, by receivers written to RFC 9989, which
 * obsoletes it.  They disagree on what breaks a record:
 *
 *  - missing "p": RFC 7489's grammar (6.4) requires it right after "v", and
 *    OpenDMARC refuses the record (DMARC_PARSE_ERROR_NO_REQUIRED_P); RFC 9989
 *    4.7 reads the record as "p=none".
 *  - any invalid value of a tag it knows makes OpenDMARC refuse the record
 *    (DMARC_PARSE_ERROR_BAD_VALUE), although RFC 7489 6.3 says syntax errors
 *    in the remainder of the record SHOULD be ignored; RFC 9989 4.7 says they
 *    MUST be discarded in favour of the default.  The 7489 column follows
 *    OpenDMARC where it is stricter than the RFC text, because that is what
 *    a published record meets.
 *  - invalid "p", "sp" (both RFCs) or "np" (RFC 9989 4.6): the receiver acts
 *    as if "p=none" only if "rua" holds at least one syntactically valid
 *    URI; otherwise it applies no DMARC processing (RFC 7489 6.6.3, RFC 9989
 *    "DMARC Policy Discovery").  impact_9989 is computed per record from
 *    that rule.  (RFC 7489 6.6.3 states the same rule for p and sp, but
 *    OpenDMARC refuses the record first.)
 *  - "pct", "rf", "ri" and the "!size" suffix of report URIs were removed by
 *    RFC 9989 ("Changes from RFC 7489"); "np", "psd" and "t" were added (np
 *    first came from RFC 9091).
 *
 * Case: ABNF literals are case-insensitive (RFC 5234 2.3), so "P=REJECT" is
 * grammatical under both RFCs; only the version value is case-sensitive
 * (RFC 7489 writes it as %x44 %x4d %x41 %x52 %x43 %x31, RFC 9989 as
 * %s"DMARC1").  OpenDMARC compares tag names, "DMARC1" and values with
 * strcasecmp/strncasecmp (it even takes "p=rej" as reject); other receivers
 * compare exactly.  Upper case is therefore reported, as cosmetic.
 *
 * Whitespace: dmarc-sep is *WSP ";" *WSP and "=" may be surrounded by *WSP,
 * so neither is a problem, nor is whitespace around the commas of a URI list
 * (RFC 7489 6.4 dmarc-auri, RFC 9989 dmarc-urilist; OpenDMARC trims each
 * element).  Whitespace before "v" (the record must start with "v"), CR/LF
 * (not WSP) and whitespace inside a URI are problems.  Whitespace around the
 * "=" of "v" is grammatical but defeats receivers and tools that look for the
 * literal prefix "v=DMARC1" (OpenDMARC does so for external report
 * authorisation records), so it is reported as cosmetic.
 *
 * A final ";" is allowed by both grammars and never reported.
 */

/** Known tags: X(ENUM_SUFFIX, "name"). */
#define ZL_DMARC_TAG_LIST(X)                                                                   \
	X(V, "v")                                                                               \
	X(P, "p")                                                                               \
	X(SP, "sp")                                                                             \
	X(NP, "np")                                                                             \
	X(PSD, "psd")                                                                           \
	X(T, "t")                                                                               \
	X(ADKIM, "adkim")                                                                       \
	X(ASPF, "aspf")                                                                         \
	X(FO, "fo")                                                                             \
	X(PCT, "pct")                                                                           \
	X(RF, "rf")                                                                             \
	X(RI, "ri")                                                                             \
	X(RUA, "rua")                                                                           \
	X(RUF, "ruf")

/** @brief Known DMARC tag (index into zl_dmarc_t.field). */
typedef enum zl_dmarc_tag_id {
#define ZL_DMARC_X_(e, s) ZL_DMARC_TAG_##e,
	ZL_DMARC_TAG_LIST(ZL_DMARC_X_)
#undef ZL_DMARC_X_
	ZL_DMARC_TAG__COUNT
} zl_dmarc_tag_id_t;

/*
 * Problems: X(ENUM_SUFFIX, "stable-name", impact under RFC 7489 receivers,
 * impact under RFC 9989 receivers).  N = none, C = cosmetic, I = ignored
 * tag (or list element), D = discards record.  Where a row says "computed",
 * the value stored in the problem is decided per record as described.
 *
 *  V_MISSING          D D  no "v" tag (7489 6.3, 9989 4.7: record ignored)
 *  V_NOT_FIRST        D D  "v" is not the first tag (OpenDMARC tolerates it)
 *  V_INVALID          D D  "v" is not "DMARC1"
 *  V_CASE             D D  "v" differs from "DMARC1" only in case (OpenDMARC
 *                          accepts it; the grammar does not)
 *  LEADING_WHITESPACE D D  whitespace before "v" (record does not start with
 *                          "v="; OpenDMARC trims it)
 *  STRAY_WHITESPACE   C C  whitespace around the "=" of "v"
 *  P_MISSING          D C  no "p": 7489/OpenDMARC refuse, 9989 reads p=none
 *  P_NOT_SECOND       C N  "p" does not directly follow "v" (7489 6.4 order)
 *  P_INVALID          D D* "p" not none/quarantine/reject; *computed: I when
 *                          rua has a valid URI (act as p=none), else D
 *  SP_INVALID         D D* as P_INVALID
 *  NP_INVALID         I D* unknown to 7489; 9989 policy discovery treats it
 *                          as P_INVALID
 *  PSD_INVALID        I I  not y/n/u (9989 4.7)
 *  T_INVALID          I I  not y/n (9989 4.7)
 *  ADKIM_INVALID      D I  not r/s
 *  ASPF_INVALID       D I  not r/s
 *  FO_INVALID         D I  not a ":" list of 0/1/d/s; a list 7489 allows but
 *                          9989's dmarc-fo does not ("0:1") is N I
 *  PCT_INVALID        D N  not 0-100 (9989 ignores pct anyway)
 *  RF_INVALID         D N  not "afrf" (the only registered format)
 *  RI_INVALID         D N  not a 32-bit unsigned integer
 *  RUA_INVALID        I I  one rua element is not a valid URI (that element
 *                          is ignored); an empty element is C C
 *  RUF_INVALID        I I  as RUA_INVALID for ruf
 *  URI_SCHEME         I I  a rua/ruf URI that is not mailto: (receivers only
 *                          have to support mailto, 7489 6.3, 9989 4.7)
 *  URI_UNENCODED_COMMA I I a list element with no scheme after a mailto: one:
 *                          a comma inside a URI must be written %2C
 *  URI_SIZE_SUFFIX    N C  "!10m" size limit (7489 6.2; removed by 9989)
 *  DUPLICATE_TAG      D D  repeated tag (RFC 6376 3.2 via 7489 6.3; OpenDMARC
 *                          keeps the last value, so receivers differ)
 *  UNKNOWN_TAG        I I  tag not in either RFC (ignored by both)
 *  OBSOLETE_TAG       N I  pct, rf or ri (removed by 9989)
 *  NEW_TAG            I N  np, psd or t (unknown to 7489 receivers)
 *  UPPERCASE_TAG      C C  tag name not in lower case
 *  UPPERCASE_VALUE    C C  keyword value not in lower case
 *  EMPTY_SPEC         C C  ";;" (tolerated)
 *  MISSING_EQUALS     I I  a tag-spec without "=" (skipped)
 *  BAD_TAG_NAME       I I  a tag name with bytes outside the grammar
 *  BAD_VALUE_CHAR     I I  control/non-ASCII byte in an unknown tag's value
 *                          (known tags report <tag>_INVALID instead)
 */
#define ZL_DMARC_PROBLEM_LIST(X)                                                               \
	X(V_MISSING, "v-missing", D, D)                                                         \
	X(V_NOT_FIRST, "v-not-first", D, D)                                                     \
	X(V_INVALID, "v-invalid", D, D)                                                         \
	X(V_CASE, "v-case", D, D)                                                               \
	X(LEADING_WHITESPACE, "leading-whitespace", D, D)                                       \
	X(STRAY_WHITESPACE, "stray-whitespace", C, C)                                           \
	X(P_MISSING, "p-missing", D, C)                                                         \
	X(P_NOT_SECOND, "p-not-second", C, N)                                                   \
	X(P_INVALID, "p-invalid", D, D)                                                         \
	X(SP_INVALID, "sp-invalid", D, D)                                                       \
	X(NP_INVALID, "np-invalid", I, D)                                                       \
	X(PSD_INVALID, "psd-invalid", I, I)                                                     \
	X(T_INVALID, "t-invalid", I, I)                                                         \
	X(ADKIM_INVALID, "adkim-invalid", D, I)                                                 \
	X(ASPF_INVALID, "aspf-invalid", D, I)                                                   \
	X(FO_INVALID, "fo-invalid", D, I)                                                       \
	X(PCT_INVALID, "pct-invalid", D, N)                                                     \
	X(RF_INVALID, "rf-invalid", D, N)                                                       \
	X(RI_INVALID, "ri-invalid", D, N)                                                       \
	X(RUA_INVALID, "rua-invalid", I, I)                                                     \
	X(RUF_INVALID, "ruf-invalid", I, I)                                                     \
	X(URI_SCHEME, "uri-unsupported-scheme", I, I)                                           \
	X(URI_UNENCODED_COMMA, "uri-unencoded-comma", I, I)                                     \
	X(URI_SIZE_SUFFIX, "uri-size-suffix", N, C)                                             \
	X(DUPLICATE_TAG, "duplicate-tag", D, D)                                                 \
	X(UNKNOWN_TAG, "unknown-tag", I, I)                                                     \
	X(OBSOLETE_TAG, "obsolete-tag", N, I)                                                   \
	X(NEW_TAG, "rfc9989-tag", I, N)                                                         \
	X(UPPERCASE_TAG, "uppercase-tag-name", C, C)                                            \
	X(UPPERCASE_VALUE, "uppercase-value", C, C)                                             \
	X(EMPTY_SPEC, "empty-tag-spec", C, C)                                                   \
	X(MISSING_EQUALS, "missing-equals", I, I)                                               \
	X(BAD_TAG_NAME, "bad-tag-name", I, I)                                                   \
	X(BAD_VALUE_CHAR, "bad-value-char", I, I)

/** @brief DMARC problem code (see ZL_DMARC_PROBLEM_LIST). */
typedef enum zl_dmarc_code {
#define ZL_DMARC_X_(e, s, a, b) ZL_DMARCP_##e,
	ZL_DMARC_PROBLEM_LIST(ZL_DMARC_X_)
#undef ZL_DMARC_X_
	ZL_DMARCP__COUNT
} zl_dmarc_code_t;

/** @brief One positioned DMARC problem. */
typedef struct zl_dmarc_problem {
	zl_dmarc_code_t code;     /**< stable code */
	zl_impact_t impact_7489;  /**< effect on RFC 7489 / OpenDMARC receivers */
	zl_impact_t impact_9989;  /**< effect on RFC 9989 receivers */
	size_t offset;            /**< byte offset in the record */
	const char *tag;          /**< tag name inside the record, or NULL */
	size_t tag_len;           /**< length of tag */
	const char *msg;          /**< short message, arena-owned, escaped */
} zl_dmarc_problem_t;

/** @brief Policy values of p, sp and np. */
typedef enum zl_dmarc_policy {
	ZL_DMARC_POLICY_UNSET = 0, /**< tag absent or invalid */
	ZL_DMARC_POLICY_NONE,
	ZL_DMARC_POLICY_QUARANTINE,
	ZL_DMARC_POLICY_REJECT
} zl_dmarc_policy_t;

/** @brief Alignment modes of adkim and aspf. */
typedef enum zl_dmarc_align {
	ZL_DMARC_ALIGN_UNSET = 0, /**< absent or invalid (default relaxed) */
	ZL_DMARC_ALIGN_RELAXED,
	ZL_DMARC_ALIGN_STRICT
} zl_dmarc_align_t;

/** @brief RFC 9989 psd values. */
typedef enum zl_dmarc_psd {
	ZL_DMARC_PSD_UNSET = 0, /**< absent or invalid (default u) */
	ZL_DMARC_PSD_Y,
	ZL_DMARC_PSD_N,
	ZL_DMARC_PSD_U
} zl_dmarc_psd_t;

/* fo options, a bit each */
#define ZL_DMARC_FO_0 0x01u
#define ZL_DMARC_FO_1 0x02u
#define ZL_DMARC_FO_D 0x04u
#define ZL_DMARC_FO_S 0x08u

/* rf formats */
#define ZL_DMARC_RF_AFRF 0x01u

/** @brief One rua/ruf element. */
typedef struct zl_dmarc_uri {
	zl_tv_uri_t uri;     /**< the URI without its "!size" suffix */
	bool valid;          /**< a syntactically valid URI (any scheme) */
	bool has_size;       /**< a "!size" suffix was present and well formed */
	uint64_t size_limit; /**< its value in bytes (saturates at UINT64_MAX) */
	size_t size_offset;  /**< offset of the "!" */
} zl_dmarc_uri_t;

/** @brief Where a known tag was found and whether its value parsed. */
typedef struct zl_dmarc_field {
	const zl_tv_tag_t *tag; /**< first occurrence, NULL if absent */
	bool valid;             /**< the value parsed under RFC 7489 or 9989 */
} zl_dmarc_field_t;

/** @brief A parsed DMARC record; all pointers are arena- or input-owned. */
typedef struct zl_dmarc {
	zl_dmarc_field_t field[ZL_DMARC_TAG__COUNT]; /**< per known tag */
	bool is_dmarc;       /**< zl_dmarc_is_dmarc() holds for the text */
	bool v_first;        /**< a "v" tag is the first tag */
	bool p_follows_v;    /**< "p" is the second tag, right after "v" */
	zl_dmarc_policy_t p, sp, np;
	zl_dmarc_psd_t psd;
	bool t;              /**< t=y (testing); false when absent or t=n */
	zl_dmarc_align_t adkim, aspf;
	unsigned fo;         /**< ZL_DMARC_FO_* (0 when absent or invalid) */
	uint32_t pct;        /**< 0-100 when field[PCT].valid */
	unsigned rf;         /**< ZL_DMARC_RF_* */
	uint32_t ri;         /**< seconds, when field[RI].valid */
	zl_dmarc_uri_t *rua; /**< rua elements in order */
	size_t n_rua;
	size_t n_rua_valid;  /**< elements with valid == true */
	zl_dmarc_uri_t *ruf;
	size_t n_ruf;
	size_t n_ruf_valid;
	const zl_tv_tag_t **unknown; /**< tags in neither RFC, in order */
	size_t n_unknown;
	zl_tv_list_t list;           /**< the underlying tag-list */
	zl_dmarc_problem_t *problems; /**< sorted by offset */
	size_t n_problems;
	size_t n_dropped;            /**< problems beyond ZL_TV_MAX_PROBLEMS */
	bool discarded_7489;         /**< some problem has impact_7489 DISCARDS_RECORD */
	bool discarded_9989;         /**< some problem has impact_9989 DISCARDS_RECORD */
} zl_dmarc_t;

/**
 * @brief Strict test: the record starts "v" *WSP "=" *WSP "DMARC1" followed
 *        by the end or *WSP ";" (RFC 7489 6.4 dmarc-version + dmarc-sep,
 *        RFC 9989 4.8).  "v" may be upper case (an ABNF literal), "DMARC1"
 *        may not.  This is the test receivers apply to pick the DMARC record
 *        among the TXT records at _dmarc (RFC 7489 6.6.3, RFC 9989 "DNS Tree Walk" step 2).
 * @param[in] text  record text (may be NULL when len is 0)
 * @param[in] len   its length
 * @return true for a DMARC record.
 */
bool zl_dmarc_is_dmarc(const char *text, size_t len);

/**
 * @brief Loose test for near-misses: leading whitespace or quotes, any case
 *        ("v=dmarc1"), whitespace around "=", a version other than 1, or a
 *        "v=DMARC..." tag that is not first.  Callers flag records for
 *        which this holds but zl_dmarc_is_dmarc does not.
 * @param[in] text  record text
 * @param[in] len   its length
 * @return true if the record was probably meant to be DMARC.
 */
bool zl_dmarc_looks_like_dmarc(const char *text, size_t len);

/**
 * @brief Parse a DMARC record, reporting every problem with both impacts.
 * @param[out] out    result (always initialised)
 * @param[in]  text   record text (the TXT strings already concatenated)
 * @param[in]  len    its length
 * @param[in]  arena  owns arrays and messages; @p text must outlive @p out
 * @return ZL_OK (problems are data), or ZL_EINVAL for NULL @p out / @p arena
 *         or NULL @p text with non-zero @p len.
 */
int zl_dmarc_parse(zl_dmarc_t *out, const char *text, size_t len, zl_arena_t *arena);

/** @brief Stable lowercase name of a DMARC problem code ("?" if out of range). */
const char *zl_dmarc_code_name(zl_dmarc_code_t code);

/** @brief Name of a known tag ("?" if out of range). */
const char *zl_dmarc_tag_name(zl_dmarc_tag_id_t id);

#endif
