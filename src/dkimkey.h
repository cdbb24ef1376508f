/* zonelint: DKIM public-key (p= tag) decoder and DKIM key record generator.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_DKIMKEY_H
#define ZL_DKIMKEY_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "common.h"

/*
 * What this module knows (and nothing more): the value of a DKIM key record's
 * p= tag (RFC 6376 section 3.6.1) is base64 of the public key.  For k=rsa (the
 * default) receivers expect a DER SubjectPublicKeyInfo (RFC 6376 appendix C,
 * what "openssl rsa -pubout" writes); the RFC text names the bare PKCS#1
 * RSAPublicKey, which some receivers also accept (errata 3017, 6674, 7001).
 * For k=ed25519 it is base64 of the raw 32-byte key (RFC 8463 section 4).
 * An empty p= means the key was revoked.
 *
 * Decoding is pure: no zone knowledge, no I/O, no printing, no global state.
 * OpenSSL's error queue is left as it was found.
 */

/** @brief Key type, both as declared by k= and as found in p=. */
typedef enum zl_dkimkey_type {
	ZL_DKIMKEY_NONE = 0,    /**< nothing decodable was found */
	ZL_DKIMKEY_RSA = 1,     /**< k=rsa, or no k= tag (RFC 6376 3.6.1) */
	ZL_DKIMKEY_ED25519 = 2, /**< k=ed25519 (RFC 8463) */
	ZL_DKIMKEY_OTHER = 3    /**< a key DKIM does not define (EC, RSA-PSS, ...) */
} zl_dkimkey_type_t;

/** @brief How the key bytes were encoded. */
typedef enum zl_dkimkey_format {
	ZL_DKIMKEY_FMT_NONE = 0,  /**< not decoded */
	ZL_DKIMKEY_FMT_SPKI = 1,  /**< DER SubjectPublicKeyInfo (RFC 5280 4.1.2.7) */
	ZL_DKIMKEY_FMT_PKCS1 = 2, /**< bare RSAPublicKey (RFC 8017 A.1.1) */
	ZL_DKIMKEY_FMT_RAW = 3    /**< the 32 raw bytes of an Ed25519 key */
} zl_dkimkey_format_t;

/** @brief Why base64 decoding failed (status BAD_BASE64). */
typedef enum zl_dkimkey_b64err {
	ZL_DKIMKEY_B64_NONE = 0,
	ZL_DKIMKEY_B64_CHAR = 1,    /**< a byte outside the RFC 4648 alphabet */
	ZL_DKIMKEY_B64_PADDING = 2, /**< "=" where it may not be, or data after it */
	ZL_DKIMKEY_B64_LENGTH = 3   /**< not a whole number of 4-character quads */
} zl_dkimkey_b64err_t;

/*
 * Status list: X(ENUM, "name", "message").  Codes and names are stable (they
 * end up in reports and rule files); append new entries, never renumber.
 * decode() yields OK..UNSUPPORTED_KEY; record_from_pem() yields OK, BAD_DER,
 * UNSUPPORTED_KEY, BAD_PEM and ENCRYPTED_PEM.
 */
#define ZL_DKIMKEY_STATUS_LIST(X)                                                               \
	X(OK, "ok", "key decoded")                                                              \
	X(EMPTY, "empty", "p= is empty: the key is revoked")                                    \
	X(BAD_BASE64, "bad_base64", "p= is not valid base64")                                   \
	X(BAD_DER, "bad_der", "key is neither a SubjectPublicKeyInfo nor an RSAPublicKey")      \
	X(TRAILING_DATA, "trailing_data", "extra bytes follow the encoded key")                 \
	X(TYPE_MISMATCH, "type_mismatch", "key type does not match k=")                         \
	X(BAD_ED25519_LENGTH, "bad_ed25519_length", "ed25519 key is not 32 raw bytes")          \
	X(UNSUPPORTED_KEY, "unsupported_key", "key algorithm is not one DKIM defines")          \
	X(BAD_PEM, "bad_pem", "no PEM public or private key found")                             \
	X(ENCRYPTED_PEM, "encrypted_pem", "private key is encrypted")

/** @brief Outcome of decoding; see ZL_DKIMKEY_STATUS_LIST. */
typedef enum zl_dkimkey_status {
#define ZL_DKIMKEY_X_ENUM(e, n, m) ZL_DKIMKEY_##e,
	ZL_DKIMKEY_STATUS_LIST(ZL_DKIMKEY_X_ENUM)
#undef ZL_DKIMKEY_X_ENUM
	ZL_DKIMKEY_STATUS_COUNT
} zl_dkimkey_status_t;

/**
 * Result of zl_dkimkey_decode().  Which fields mean something per status:
 *  - OK: type (equals the declared type), format, bits (> 0), der_len.
 *    format PKCS1 decodes, but receivers that only take SubjectPublicKeyInfo
 *    (OpenDKIM, for one) fail on it: worth a warning.
 *  - EMPTY: nothing else.
 *  - BAD_BASE64: b64_error, b64_offset (offset in p_value), b64_byte for
 *    CHAR and PADDING, b64_chars for LENGTH.
 *  - BAD_DER: der_len; der_want when the outer DER header announces more
 *    bytes than are present (the key was cut short).  If the bytes are a
 *    SubjectPublicKeyInfo for rsaEncryption or Ed25519 whose key inside is
 *    malformed (or an RSAPublicKey with a zero modulus), format is SPKI (or
 *    PKCS1) and type the algorithm named.
 *  - TRAILING_DATA: as OK, plus der_used < der_len.  OpenSSL-based receivers
 *    ignore the extra bytes, stricter parsers (Go's x509) refuse the key.
 *  - TYPE_MISMATCH: type, format and bits of the key actually found.
 *  - BAD_ED25519_LENGTH: der_len; if the key is an Ed25519 SubjectPublicKeyInfo
 *    (what "openssl pkey -pubout" writes) type is ED25519, format SPKI and bits
 *    256.  Receivers differ on that form: OpenDKIM and dkimpy build the key
 *    from exactly 32 bytes and fail; Exim keeps the last 32 bytes and viadkim
 *    falls back to SPKI, so both verify.  It is not RFC 8463 and fails at
 *    major receivers: report it as an error whose message says so.
 *  - UNSUPPORTED_KEY: type OTHER, alg (e.g. "EC", "RSA-PSS" or an OID), bits
 *    if OpenSSL could tell.
 */
typedef struct zl_dkimkey {
	zl_dkimkey_status_t status;
	zl_dkimkey_type_t declared; /**< the declared_type passed in */
	zl_dkimkey_type_t type;     /**< type of the key found in p= */
	zl_dkimkey_format_t format; /**< encoding of the key found */
	unsigned bits;              /**< RSA modulus bits; 256 for Ed25519 */
	size_t der_len;             /**< bytes after base64 decoding */
	size_t der_used;            /**< bytes the key structure took */
	size_t der_want;            /**< BAD_DER: bytes announced by the DER header */
	size_t b64_chars;           /**< base64 characters, whitespace removed */
	zl_dkimkey_b64err_t b64_error;
	size_t b64_offset;   /**< BAD_BASE64: offset in p_value (len at the end) */
	int b64_byte;        /**< BAD_BASE64 CHAR, PADDING: byte at b64_offset, else -1 */
	int b64_noncanonical; /**< pad bits not zero (RFC 4648 3.5); accepted */
	char alg[32];        /**< UNSUPPORTED_KEY: algorithm, printable ASCII */
} zl_dkimkey_t;

/**
 * @brief Decode a DKIM p= value and classify the key.
 *
 * SP, TAB, CR and LF anywhere in the value are removed first, as receivers do
 * (RFC 6376 3.6.1 allows FWS inside base64string; a key split over several
 * TXT character-strings arrives with whatever the zone's author put there).
 *
 * @param[out] out           result, fully overwritten
 * @param[in]  p_value       the p= value, not NUL-terminated; may be NULL if
 *                           @p len is 0
 * @param[in]  len           length of @p p_value in bytes
 * @param[in]  declared_type ZL_DKIMKEY_RSA (k=rsa or no k=) or
 *                           ZL_DKIMKEY_ED25519 (k=ed25519)
 * @return 0 when @p out holds a result (whatever its status); ZL_EINVAL for
 *         a NULL @p out, NULL @p p_value with nonzero @p len, or an unknown
 *         @p declared_type (then @p out, if not NULL, has status BAD_DER).
 */
int zl_dkimkey_decode(zl_dkimkey_t *out, const char *p_value, size_t len, int declared_type);

/*
 * Many zones publish one key at many names (a hosting provider's key at
 * every customer's selector): the decode result depends only on the exact
 * p= bytes and the declared type, so it can be remembered.  The cache is a
 * small direct-mapped table; each slot holds a copy of one p= value and its
 * result, and a new value simply replaces what its slot held.  Its size is
 * bounded: ZL_DKIMKEY_CACHE_SLOTS slots, values over
 * ZL_DKIMKEY_CACHE_MAX_LEN bytes are never kept.
 */
#define ZL_DKIMKEY_CACHE_SLOTS 64
#define ZL_DKIMKEY_CACHE_MAX_LEN 8192

/** @brief One remembered decode result; see zl_dkimkey_cache_t. */
typedef struct zl_dkimkey_cache_slot {
	uint64_t hash;         /**< of the p= bytes */
	char *p_value;         /**< copy of the p= bytes (malloc), NULL when empty */
	size_t len;            /**< their length */
	size_t cap;            /**< bytes allocated at p_value */
	int declared_type;     /**< the type it was decoded for */
	zl_dkimkey_t result;   /**< what zl_dkimkey_decode() said */
} zl_dkimkey_cache_slot_t;

/** @brief Decode results by p= value; zero-initialise or use zl_dkimkey_cache_init(). */
typedef struct zl_dkimkey_cache {
	zl_dkimkey_cache_slot_t slot[ZL_DKIMKEY_CACHE_SLOTS];
	size_t hits;           /**< lookups answered from the cache */
	size_t misses;         /**< lookups that ran the decoder */
} zl_dkimkey_cache_t;

/** @brief Start an empty cache.  Free with zl_dkimkey_cache_free(). */
void zl_dkimkey_cache_init(zl_dkimkey_cache_t *cache);

/** @brief Free what the cache holds; it is empty and reusable afterwards. */
void zl_dkimkey_cache_free(zl_dkimkey_cache_t *cache);

/**
 * @brief zl_dkimkey_decode() through a cache: the same result, but a p=
 *        value decoded before (same bytes, same declared type) is not
 *        decoded again.
 * @param[in,out] cache  the cache; NULL means decode without one
 * @return as zl_dkimkey_decode()
 */
int zl_dkimkey_decode_cached(zl_dkimkey_cache_t *cache, zl_dkimkey_t *out, const char *p_value,
			     size_t len, int declared_type);

/**
 * @brief Stable lowercase name of a status, e.g. "bad_base64".
 * @param[in] status a zl_dkimkey_status_t value
 * @return static string; "unknown" for a value outside the list
 */
const char *zl_dkimkey_status_name(int status);

/**
 * @brief Short fixed message for a status, e.g. "p= is not valid base64".
 * @param[in] status a zl_dkimkey_status_t value
 * @return static string (lowercase first word, no final full stop);
 *         "unknown status" for a value outside the list
 */
const char *zl_dkimkey_status_message(int status);

/**
 * @brief Look a status up by its name.
 * @param[in] name a name as returned by zl_dkimkey_status_name()
 * @return the status, or -1 if @p name is not one
 */
int zl_dkimkey_status_from_name(const char *name);

/**
 * @brief Name of a key type: "none", "rsa", "ed25519" or "other".
 * @param[in] type a zl_dkimkey_type_t value
 * @return static string; "unknown" outside the enum
 */
const char *zl_dkimkey_type_name(int type);

/**
 * @brief One-line message with the details of a result, for a finding.
 *
 * Examples: "invalid base64 character '#' at offset 17", "k=ed25519 but p=
 * holds a 2048-bit RSA key".  Input bytes that are not printable ASCII are
 * written as \DDD.
 *
 * @param[in] arena owner of the returned string
 * @param[in] key   a result filled by zl_dkimkey_decode()
 * @return NUL-terminated string owned by @p arena, never NULL
 */
char *zl_dkimkey_describe(zl_arena_t *arena, const zl_dkimkey_t *key);

/** @brief A DKIM key record made from a PEM key; see zl_dkimkey_record_from_pem(). */
typedef struct zl_dkimkey_record {
	zl_dkimkey_status_t status; /**< OK, BAD_PEM, ENCRYPTED_PEM, BAD_DER, UNSUPPORTED_KEY */
	zl_dkimkey_type_t type;     /**< RSA or ED25519 when OK; OTHER if unsupported */
	unsigned bits;              /**< RSA modulus bits, 256 for Ed25519 */
	const char *label;          /**< PEM label used, e.g. "RSA PRIVATE KEY"; or NULL */
	const char *p_value;        /**< base64 key for p=; NULL unless OK */
	const char *record;         /**< "v=DKIM1; k=rsa; p=..."; NULL unless OK */
	char alg[32];               /**< UNSUPPORTED_KEY: algorithm name */
} zl_dkimkey_record_t;

/**
 * @brief Build the DKIM key record for a PEM key held in memory.
 *
 * Accepts "PUBLIC KEY", "RSA PUBLIC KEY", "PRIVATE KEY", "RSA PRIVATE KEY" and
 * "EC PRIVATE KEY" blocks (the first one found; other blocks such as "EC
 * PARAMETERS" are skipped).  Encrypted keys are refused, never prompted for.
 * For RSA the record is "v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>",
 * for Ed25519 "v=DKIM1; k=ed25519; p=<base64 of the raw 32 bytes>".  Nothing
 * is refused for its size: the caller checks @c bits (RFC 8301 section 3.2:
 * RSA keys under 1024 bits must not be used).
 *
 * @param[in]  arena owner of every string in @p out
 * @param[out] out   result, fully overwritten
 * @param[in]  pem   PEM text, not NUL-terminated
 * @param[in]  len   length of @p pem in bytes
 * @return 0 when out->status is OK; ZL_EINVAL otherwise (out->status says
 *         why), or for NULL arguments
 */
int zl_dkimkey_record_from_pem(zl_arena_t *arena, zl_dkimkey_record_t *out, const char *pem,
			       size_t len);

/**
 * @brief Render text as zone-file TXT character-strings.
 *
 * Splits @p text into pieces of at most @p chunk octets (RFC 1035 3.3: a
 * character-string holds at most 255) and writes them as "\"...\" \"...\"",
 * as opendkim-genkey does, with '"' and '\\' escaped and bytes outside
 * printable ASCII written as \DDD (RFC 1035 5.1).  An empty text gives "\"\"".
 *
 * @param[in] arena owner of the result
 * @param[in] text  the bytes to render, not NUL-terminated; may be NULL if
 *                  @p len is 0
 * @param[in] len   length of @p text
 * @param[in] chunk maximum octets per character-string; 0 or more than 255
 *                  means 255
 * @return NUL-terminated string owned by @p arena, never NULL
 */
char *zl_dkimkey_txt_strings(zl_arena_t *arena, const char *text, size_t len, size_t chunk);

#endif
