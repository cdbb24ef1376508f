/* zonelint: DKIM key record tag parser (RFC 6376 3.6.1, RFC 8301, RFC 8463).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_DKIMREC_H
#define ZL_DKIMREC_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "tagvalue.h"

/*
 * Only the tags of <selector>._domainkey.<domain> TXT records; decoding the
 * key itself (RSA modulus size, Ed25519 length) is src/dkimkey.c's job,
 * which gets the p= value from here with its whitespace removed.
 *
 * RFC 6376 3.6.1 tags and what verifiers must do:
 *  v= "DKIM1", RECOMMENDED; if present it MUST be first, and records whose
 *     v= has any other value MUST be discarded (plain string compare).
 *  h= colon list of hash names, default all; unknown names are ignored.
 *     RFC 8301 3.1: verifiers MUST NOT accept rsa-sha1 signatures, so a key
 *     restricted to sha1 (or to no known hash) verifies nothing.
 *  k= key type, default "rsa"; RFC 8463 adds "ed25519".  An unknown type
 *     means the key cannot verify any signature (6.1.2: PERMFAIL
 *     "inappropriate key algorithm").
 *  n= notes for humans (qp-section), ignored by verifiers.
 *  p= base64 key, REQUIRED; FWS may appear anywhere inside
 *     (base64string, 2.4); an empty value means the key was revoked.
 *  s= colon list of service types: "*" (default) or "email"; unknown ones
 *     are ignored, so a list without either makes the key unusable for mail.
 *  t= colon list of flags: "y" (testing), "s" (no subdomains in i=);
 *     unknown flags are ignored.
 * Tag names are case-sensitive (3.2): "P=" is not "p=".  Unknown tags
 * MUST be ignored (3.2).  A record that does not follow the grammar is a
 * "key syntax error" (6.1.2), so syntax problems discard the record; an
 * empty tag-spec (";;") is tolerated by libopendkim and reported as cosmetic.
 * "g=" (granularity) existed in RFC 4871 and was removed by RFC 6376; old
 * verifiers may still restrict the signing address by it.
 */

/* Problems: X(ENUM_SUFFIX, "stable-name", impact), N/C/I/D as in dmarc.h. */
#define ZL_DKIMREC_PROBLEM_LIST(X)                                                             \
	X(V_NOT_FIRST, "v-not-first", D)        /* 3.6.1: MUST be first */                     \
	X(V_INVALID, "v-invalid", D)            /* not exactly DKIM1: discarded */             \
	X(H_SHA1_ONLY, "h-sha1-only", D)        /* RFC 8301: sha1 must not verify */           \
	X(H_NO_SHA256, "h-no-usable-hash", D)   /* no known hash left */                       \
	X(H_UNKNOWN, "h-unknown-hash", C)       /* ignored */                                  \
	X(H_INVALID, "h-invalid", D)            /* not a ":" list of hash names */             \
	X(K_UNKNOWN, "k-unknown", D)            /* not rsa or ed25519 */                       \
	X(K_CASE, "k-case", C)                  /* "RSA": values are case-sensitive */         \
	X(P_MISSING, "p-missing", D)            /* p is REQUIRED */                            \
	X(P_INVALID, "p-invalid-base64", D)     /* bad base64 characters or padding */         \
	X(S_NO_EMAIL, "s-no-email", D)          /* neither "*" nor "email" */                  \
	X(S_UNKNOWN, "s-unknown-service", C)    /* ignored */                                  \
	X(S_INVALID, "s-invalid", D)            /* empty list element */                       \
	X(T_UNKNOWN, "t-unknown-flag", C)       /* ignored */                                  \
	X(T_INVALID, "t-invalid", D)            /* empty list element */                       \
	X(G_OBSOLETE, "g-obsolete", C)          /* RFC 4871 granularity */                     \
	X(UNKNOWN_TAG, "unknown-tag", I)                                                        \
	X(TAG_CASE, "tag-case", I)              /* "P=" is an unknown tag */                   \
	X(DUPLICATE_TAG, "duplicate-tag", D)    /* 3.2: the tag-list is invalid */             \
	X(EMPTY_SPEC, "empty-tag-spec", C)                                                      \
	X(MISSING_EQUALS, "missing-equals", D)                                                  \
	X(BAD_TAG_NAME, "bad-tag-name", D)                                                      \
	X(BAD_VALUE_CHAR, "bad-value-char", D)

/** @brief DKIM key record problem code (see ZL_DKIMREC_PROBLEM_LIST). */
typedef enum zl_dkimrec_code {
#define ZL_DKIMREC_X_(e, s, i) ZL_DKIMP_##e,
	ZL_DKIMREC_PROBLEM_LIST(ZL_DKIMREC_X_)
#undef ZL_DKIMREC_X_
	ZL_DKIMP__COUNT
} zl_dkimrec_code_t;

/** @brief One positioned problem. */
typedef struct zl_dkimrec_problem {
	zl_dkimrec_code_t code; /**< stable code */
	zl_impact_t impact;     /**< effect on verifiers */
	size_t offset;          /**< byte offset in the record */
	const char *tag;        /**< tag name inside the record, or NULL */
	size_t tag_len;         /**< length of tag */
	const char *msg;        /**< short message, arena-owned, escaped */
} zl_dkimrec_problem_t;

/** @brief Key type (k=). */
typedef enum zl_dkim_ktype {
	ZL_DKIM_K_RSA = 0,  /**< "rsa", also the default */
	ZL_DKIM_K_ED25519,  /**< "ed25519" (RFC 8463) */
	ZL_DKIM_K_UNKNOWN   /**< anything else */
} zl_dkim_ktype_t;

/* h= hashes */
#define ZL_DKIM_H_SHA1 0x01u
#define ZL_DKIM_H_SHA256 0x02u
#define ZL_DKIM_H_OTHER 0x04u
/* s= services */
#define ZL_DKIM_S_ANY 0x01u
#define ZL_DKIM_S_EMAIL 0x02u
#define ZL_DKIM_S_OTHER 0x04u
/* t= flags */
#define ZL_DKIM_T_Y 0x01u
#define ZL_DKIM_T_S 0x02u
#define ZL_DKIM_T_OTHER 0x04u

/** @brief A parsed key record. */
typedef struct zl_dkimrec {
	zl_tv_list_t list;        /**< underlying tag-list */
	const zl_tv_tag_t *v, *h, *k, *n, *p, *s, *t; /**< first occurrences, or NULL */
	bool v_valid;             /**< v absent, or first and exactly "DKIM1" */
	unsigned hashes;          /**< ZL_DKIM_H_*; 0 when h= is absent (all allowed) */
	zl_dkim_ktype_t key_type; /**< from k=, default rsa */
	const char *key;          /**< p= without whitespace, NUL-terminated, arena-owned;
				       NULL when p= is absent; holds any bad bytes of the
				       record (NUL included), which are reported */
	size_t key_len;           /**< its length */
	bool revoked;             /**< p= present and empty */
	bool key_base64_ok;       /**< key is non-empty, valid base64, correctly padded */
	size_t key_decoded_len;   /**< decoded bytes when key_base64_ok */
	unsigned services;        /**< ZL_DKIM_S_*; ZL_DKIM_S_ANY when s= is absent */
	unsigned flags;           /**< ZL_DKIM_T_* */
	const zl_tv_tag_t **unknown; /**< tags RFC 6376 does not define, in order */
	size_t n_unknown;
	zl_dkimrec_problem_t *problems; /**< sorted by offset */
	size_t n_problems;
	size_t n_dropped;         /**< beyond ZL_TV_MAX_PROBLEMS */
	bool discarded;           /**< some problem has impact DISCARDS_RECORD */
} zl_dkimrec_t;

/**
 * @brief Parse a DKIM key record's tags.
 * @param[out] out    result (always initialised)
 * @param[in]  text   record text (TXT strings already concatenated); must
 *                    outlive @p out
 * @param[in]  len    its length
 * @param[in]  arena  owns arrays, the cleaned key and messages
 * @return ZL_OK, or ZL_EINVAL for NULL arguments.
 */
int zl_dkimrec_parse(zl_dkimrec_t *out, const char *text, size_t len, zl_arena_t *arena);

/**
 * @brief Guess whether a TXT record at a _domainkey name is a DKIM key
 *        record rather than something else (SPF, site verification, a
 *        CNAME target's text, ...).  True when it starts with a v=DKIM1 tag
 *        (any case, whitespace allowed), or has a p= tag (any case) whose
 *        value is empty or base64-like and no v= tag naming something else,
 *        or has a k= tag of rsa or ed25519.  Allocation-free.
 * @param[in] text  record text
 * @param[in] len   its length
 * @return true if the record was probably meant as a DKIM key.
 */
bool zl_dkimrec_looks_like_dkim(const char *text, size_t len);

/** @brief Stable lowercase name of a problem code ("?" if out of range). */
const char *zl_dkimrec_code_name(zl_dkimrec_code_t code);

#endif
