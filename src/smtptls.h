/* zonelint: MTA-STS, TLS-RPT and BIMI TXT record parsers.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_SMTPTLS_H
#define ZL_SMTPTLS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "tagvalue.h"

/*
 * Three small records share one file because they share one shape: a
 * version tag that must come first, a few tags, and extensions.
 *
 * MTA-STS, _mta-sts.<domain> TXT (RFC 8461 3.1):
 *	sts-text-record = sts-version 1*(sts-sep sts-field) [sts-sep]
 *	sts-field       = sts-id / sts-extension
 *	sts-version     = %s"v=STSv1"
 *	sts-sep         = *WSP %x3B *WSP
 *	sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
 *	sts-extension   = sts-ext-name "=" sts-ext-value
 *	sts-ext-name    = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
 *	sts-ext-value   = 1*(%x21-3A / %x3C / %x3E-7E)
 *   Everything is case-sensitive and there is no whitespace around "=".
 *   "If the number of resulting records is not one, or if the resulting
 *   record is syntactically invalid, senders MUST assume the recipient
 *   domain does not have an available MTA-STS Policy" (3.1), so nearly every
 *   defect discards the record.
 *
 * TLS-RPT, _smtp._tls.<domain> TXT (RFC 8460 3):
 *	tlsrpt-record   = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
 *	field-delim     = *WSP ";" *WSP
 *	tlsrpt-field    = tlsrpt-rua / tlsrpt-extension
 *	tlsrpt-version  = %s"v=TLSRPTv1"
 *	tlsrpt-rua      = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
 *	tlsrpt-uri      = URI   ; ",", "!" and ";" MUST be %-encoded
 *	tlsrpt-extension = tlsrpt-ext-name "=" tlsrpt-ext-value  ; as sts-extension
 *   Only "mailto:" and "https:" are defined report schemes (RFC 8460 3);
 *   a syntactically invalid record means the domain does not implement
 *   TLS-RPT.
 *
 * BIMI assertion record, <selector>._bimi.<domain> TXT
 * (draft-brand-indicators-for-message-identification, checked against the
 * authindicators repository as of -10/-11, 2025):
 *	bimi-record   = bimi-version (bimi-sep bimi-location)
 *	                [bimi-sep bimi-evidence-location] [bimi-sep lps]
 *	                [bimi-sep avp] [bimi-sep]     ; any order after v
 *	bimi-version  = "v" *WSP "=" *WSP "BIMI1"
 *	bimi-location = "l" *WSP "=" *WSP [bimi-uri]  ; REQUIRED, may be empty
 *	bimi-evidence-location = "a" *WSP "=" *WSP [bimi-uri]   ; OPTIONAL
 *	bimi-uri      = [FWS] URI [FWS]  ; HTTPS only, one URI, "," %-encoded
 *	avp           = "avp" *WSP "=" *WSP %s"personal" / %s"brand"
 *	lps           = "lps" *WSP "=" *WSP %s"true" / %s"false"   (newest drafts)
 *   "Assertion Records are defined precisely. Mail receivers MUST NOT
 *   attempt to fix syntactical or capitalization errors. If a required tag
 *   is missing, or its value not well-formed, it is an error."  Unknown
 *   tags MUST be ignored.  l= and a= both empty is an explicit declination
 *   to publish.  Only SVG (and SVGZ) indicators are allowed for l=.
 *   About "s=": in every draft read, s= belongs to the BIMI-Selector
 *   *header field* (it names the selector), not to the assertion record;
 *   an s= tag in a TXT record is ignored as unknown, and is reported with
 *   its own code because it shows the header and the record were confused.
 *   Early drafts allowed a comma-separated list of l= URIs; current ones
 *   allow one, so a comma is reported.
 */

/*
 * Problems: X(ENUM_SUFFIX, "stable-name", impact) with N/C/I/D as in dmarc.h
 * (none, cosmetic, ignored tag, discards record).
 */
#define ZL_STLS_PROBLEM_LIST(X)                                                                \
	/* MTA-STS, RFC 8461 3.1 */                                                             \
	X(STS_V_MISSING, "sts-v-missing", D)                   /* no v tag */                   \
	X(STS_V_NOT_FIRST, "sts-v-not-first", D)               /* must begin the record */      \
	X(STS_V_INVALID, "sts-v-invalid", D)                   /* not STSv1 */                  \
	X(STS_V_CASE, "sts-v-case", D)                         /* stsv1: %s is exact */         \
	X(STS_LEADING_WHITESPACE, "sts-leading-whitespace", D) /* record must start "v=" */     \
	X(STS_WS_EQUALS, "sts-whitespace-around-equals", D)    /* grammar has none */           \
	X(STS_DUPLICATE_TAG, "sts-duplicate-tag", D)           /* RFC 6376 3.2 */               \
	X(STS_EMPTY_SPEC, "sts-empty-tag-spec", C)             /* ";;", tolerated */            \
	X(STS_MISSING_EQUALS, "sts-missing-equals", D)         /* not a field */                \
	X(STS_BAD_TAG_NAME, "sts-bad-tag-name", D)             /* not sts-ext-name */           \
	X(STS_BAD_VALUE_CHAR, "sts-bad-value-char", D)         /* must be US-ASCII */           \
	X(STS_TAG_CASE, "sts-tag-case", C)                     /* "ID": not id, an extension */ \
	X(STS_ID_MISSING, "sts-id-missing", D)                 /* id is required */             \
	X(STS_ID_INVALID, "sts-id-invalid", D)                 /* not 1*32(ALPHA / DIGIT) */    \
	X(STS_EXT_NAME_INVALID, "sts-bad-extension-name", D)   /* longer than 32 */             \
	X(STS_EXT_VALUE_INVALID, "sts-bad-extension-value", D) /* empty, "=" or space */        \
	/* TLS-RPT, RFC 8460 3 */                                                               \
	X(TLSRPT_V_MISSING, "tlsrpt-v-missing", D)                                              \
	X(TLSRPT_V_NOT_FIRST, "tlsrpt-v-not-first", D)                                          \
	X(TLSRPT_V_INVALID, "tlsrpt-v-invalid", D)                                              \
	X(TLSRPT_V_CASE, "tlsrpt-v-case", D)                                                    \
	X(TLSRPT_LEADING_WHITESPACE, "tlsrpt-leading-whitespace", D)                            \
	X(TLSRPT_WS_EQUALS, "tlsrpt-whitespace-around-equals", D)                               \
	X(TLSRPT_DUPLICATE_TAG, "tlsrpt-duplicate-tag", D)                                      \
	X(TLSRPT_EMPTY_SPEC, "tlsrpt-empty-tag-spec", C)                                        \
	X(TLSRPT_MISSING_EQUALS, "tlsrpt-missing-equals", D)                                    \
	X(TLSRPT_BAD_TAG_NAME, "tlsrpt-bad-tag-name", D)                                        \
	X(TLSRPT_BAD_VALUE_CHAR, "tlsrpt-bad-value-char", D)                                    \
	X(TLSRPT_TAG_CASE, "tlsrpt-tag-case", C)                                                \
	X(TLSRPT_RUA_MISSING, "tlsrpt-rua-missing", D)          /* rua is required */           \
	X(TLSRPT_RUA_INVALID, "tlsrpt-rua-invalid", D)          /* not a URI, or empty */       \
	X(TLSRPT_RUA_SCHEME, "tlsrpt-rua-unsupported-scheme", I) /* not mailto:/https: */       \
	X(TLSRPT_RUA_UNENCODED_COMMA, "tlsrpt-rua-unencoded-comma", D)                          \
	X(TLSRPT_EXT_NAME_INVALID, "tlsrpt-bad-extension-name", D)                              \
	X(TLSRPT_EXT_VALUE_INVALID, "tlsrpt-bad-extension-value", D)                            \
	/* BIMI assertion record */                                                             \
	X(BIMI_V_MISSING, "bimi-v-missing", D)                                                  \
	X(BIMI_V_NOT_FIRST, "bimi-v-not-first", D)                                              \
	X(BIMI_V_INVALID, "bimi-v-invalid", D)                                                  \
	X(BIMI_V_CASE, "bimi-v-case", D)             /* receivers must not fix case */          \
	X(BIMI_LEADING_WHITESPACE, "bimi-leading-whitespace", D)                                \
	X(BIMI_DUPLICATE_TAG, "bimi-duplicate-tag", D)                                          \
	X(BIMI_EMPTY_SPEC, "bimi-empty-tag-spec", C)                                            \
	X(BIMI_MISSING_EQUALS, "bimi-missing-equals", D)                                        \
	X(BIMI_BAD_TAG_NAME, "bimi-bad-tag-name", D)                                            \
	X(BIMI_BAD_VALUE_CHAR, "bimi-bad-value-char", D)                                        \
	X(BIMI_TAG_CASE, "bimi-tag-case", I)         /* "L=" is not l=, so ignored */           \
	X(BIMI_L_MISSING, "bimi-l-missing", D)       /* l= is required (may be empty) */        \
	X(BIMI_L_INVALID, "bimi-l-invalid", D)       /* not a valid URI */                      \
	X(BIMI_L_NOT_HTTPS, "bimi-l-not-https", D)   /* HTTPS is the only transport */          \
	X(BIMI_L_MULTIPLE, "bimi-l-multiple-uris", D) /* one URI since the -0x drafts */        \
	X(BIMI_L_FORMAT, "bimi-l-image-format", D)   /* .png etc.: only SVG allowed */          \
	X(BIMI_A_INVALID, "bimi-a-invalid", D)                                                  \
	X(BIMI_A_NOT_HTTPS, "bimi-a-not-https", D)                                              \
	X(BIMI_A_MULTIPLE, "bimi-a-multiple-uris", D)                                           \
	X(BIMI_AVP_INVALID, "bimi-avp-invalid", I)   /* not personal/brand: ignored */          \
	X(BIMI_LPS_INVALID, "bimi-lps-invalid", I)   /* not true/false */                       \
	X(BIMI_SELECTOR_TAG, "bimi-selector-tag", I) /* s= is a header tag */                   \
	X(BIMI_UNKNOWN_TAG, "bimi-unknown-tag", I)

/** @brief Problem code for the three records (see ZL_STLS_PROBLEM_LIST). */
typedef enum zl_stls_code {
#define ZL_STLS_X_(e, s, i) ZL_STLSP_##e,
	ZL_STLS_PROBLEM_LIST(ZL_STLS_X_)
#undef ZL_STLS_X_
	ZL_STLSP__COUNT
} zl_stls_code_t;

/** @brief One positioned problem. */
typedef struct zl_stls_problem {
	zl_stls_code_t code; /**< stable code */
	zl_impact_t impact;  /**< effect on senders / mailbox providers */
	size_t offset;       /**< byte offset in the record */
	const char *tag;     /**< tag name inside the record, or NULL */
	size_t tag_len;      /**< length of tag */
	const char *msg;     /**< short message, arena-owned, escaped */
} zl_stls_problem_t;

/** @brief Fields common to the three results. */
typedef struct zl_stls_common {
	zl_tv_list_t list;             /**< underlying tag-list */
	const zl_tv_tag_t *v;          /**< the version tag, or NULL */
	bool v_valid;                  /**< v is first and exactly the version */
	const zl_tv_tag_t **ext;       /**< extension / unknown tags, in order */
	size_t n_ext;
	zl_stls_problem_t *problems;   /**< sorted by offset */
	size_t n_problems;
	size_t n_dropped;              /**< beyond ZL_TV_MAX_PROBLEMS */
	bool discarded;                /**< some problem has impact DISCARDS_RECORD */
} zl_stls_common_t;

/** @brief Parsed MTA-STS TXT record. */
typedef struct zl_sts {
	zl_stls_common_t c;
	bool is_sts;            /**< zl_sts_is_sts() holds */
	const zl_tv_tag_t *id;  /**< the id tag, or NULL */
	bool id_valid;          /**< 1*32(ALPHA / DIGIT) */
} zl_sts_t;

/** @brief Parsed TLS-RPT TXT record. */
typedef struct zl_tlsrpt {
	zl_stls_common_t c;
	bool is_tlsrpt;          /**< zl_tlsrpt_is_tlsrpt() holds */
	const zl_tv_tag_t *rua;  /**< the rua tag, or NULL */
	zl_tv_uri_t *uris;       /**< rua elements in order */
	size_t n_uris;
	size_t n_usable;         /**< valid mailto: or https: URIs */
} zl_tlsrpt_t;

/** @brief BIMI avp= values. */
typedef enum zl_bimi_avp {
	ZL_BIMI_AVP_UNSET = 0, /**< absent or invalid (default brand) */
	ZL_BIMI_AVP_BRAND,
	ZL_BIMI_AVP_PERSONAL
} zl_bimi_avp_t;

/** @brief Parsed BIMI assertion record. */
typedef struct zl_bimi {
	zl_stls_common_t c;
	bool is_bimi;            /**< zl_bimi_is_bimi() holds */
	const zl_tv_tag_t *l;    /**< l= tag, or NULL */
	zl_tv_uri_t l_uri;       /**< parsed l= (when non-empty) */
	bool l_valid;            /**< one https URI with a domain host */
	const zl_tv_tag_t *a;    /**< a= tag, or NULL */
	zl_tv_uri_t a_uri;       /**< parsed a= (when non-empty) */
	bool a_valid;            /**< one https URI with a domain host */
	zl_bimi_avp_t avp;       /**< avatar preference */
	bool lps;                /**< lps=true */
	bool declined;           /**< l= empty and a= empty or absent (declination) */
} zl_bimi_t;

/**
 * @brief Strict: the record starts "v=STSv1" then the end or *WSP ";"; the
 *        filter of RFC 8461 3.1.
 * @param[in] text  record text
 * @param[in] len   its length
 * @return true for an MTA-STS record.
 */
bool zl_sts_is_sts(const char *text, size_t len);

/** @brief Loose: near-misses such as "v=stsv1", " v = STSv1" or quotes.
 *  @param[in] text record text @param[in] len its length
 *  @return true if probably meant to be MTA-STS. */
bool zl_sts_looks_like_sts(const char *text, size_t len);

/**
 * @brief Parse an MTA-STS TXT record.
 * @param[out] out    result (always initialised)
 * @param[in]  text   record text; must outlive @p out
 * @param[in]  len    its length
 * @param[in]  arena  owns arrays and messages
 * @return ZL_OK, or ZL_EINVAL for NULL arguments.
 */
int zl_sts_parse(zl_sts_t *out, const char *text, size_t len, zl_arena_t *arena);

/** @brief Strict: starts "v=TLSRPTv1" then the end or *WSP ";" (RFC 8460 3).
 *  @param[in] text record text @param[in] len its length
 *  @return true for a TLS-RPT record. */
bool zl_tlsrpt_is_tlsrpt(const char *text, size_t len);

/** @brief Loose: near-misses such as "v=tlsrptv1" or "v = TLSRPTv1".
 *  @param[in] text record text @param[in] len its length
 *  @return true if probably meant to be TLS-RPT. */
bool zl_tlsrpt_looks_like_tlsrpt(const char *text, size_t len);

/**
 * @brief Parse a TLS-RPT TXT record.
 * @param[out] out    result (always initialised)
 * @param[in]  text   record text; must outlive @p out
 * @param[in]  len    its length
 * @param[in]  arena  owns arrays and messages
 * @return ZL_OK, or ZL_EINVAL for NULL arguments.
 */
int zl_tlsrpt_parse(zl_tlsrpt_t *out, const char *text, size_t len, zl_arena_t *arena);

/** @brief Strict: starts "v" *WSP "=" *WSP "BIMI1" then the end or *WSP ";";
 *  lower-case "v" only, as receivers must not fix case.
 *  @param[in] text record text @param[in] len its length
 *  @return true for a BIMI assertion record. */
bool zl_bimi_is_bimi(const char *text, size_t len);

/** @brief Loose: near-misses such as "v=bimi1" or leading whitespace.
 *  @param[in] text record text @param[in] len its length
 *  @return true if probably meant to be BIMI. */
bool zl_bimi_looks_like_bimi(const char *text, size_t len);

/**
 * @brief Parse a BIMI assertion record.
 * @param[out] out    result (always initialised)
 * @param[in]  text   record text; must outlive @p out
 * @param[in]  len    its length
 * @param[in]  arena  owns arrays and messages
 * @return ZL_OK, or ZL_EINVAL for NULL arguments.
 */
int zl_bimi_parse(zl_bimi_t *out, const char *text, size_t len, zl_arena_t *arena);

/** @brief Stable lowercase name of a problem code ("?" if out of range). */
const char *zl_stls_code_name(zl_stls_code_t code);

#endif
