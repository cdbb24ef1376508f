/* zonelint: DNSSEC building blocks: keys, signatures, canonical form, hashes.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_DNSSEC_H
#define ZL_DNSSEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zoneset.h"

/*
 * What this module is: the parts of DNSSEC validation that do not depend
 * on rules or findings.  It parses DNSKEY, RRSIG, DS and NSEC3 rdata as
 * the zone set stores it (uncompressed wire format), builds the data a
 * signature covers (RFC 4034 sections 3.1.8.1 and 6), checks a signature
 * against a key, computes NSEC3 hashes (RFC 5155 section 5) and DS
 * digests (RFC 4034 section 5.1.4).  The crypto is ldns's
 * (ldns_verify_rrsig_buffers_raw), which supports what the installed
 * libcrypto supports; the canonical form is built here, into one reusable
 * buffer, so verifying a million RRsets allocates nothing per record.
 */

/** A DNSKEY record, parsed (RFC 4034 section 2). */
typedef struct zl_dnskey {
	const zl_rr_t *rr;
	const uint8_t *pub; /**< public key field, inside rr->rdata */
	size_t publen;
	uint16_t flags;
	uint16_t tag; /**< key tag, RFC 4034 appendix B */
	uint8_t protocol;
	uint8_t alg;
	unsigned bits;  /**< key size; 0 when the key field is malformed */
	void *pkey;     /**< EVP_PKEY built on first use (owned); NULL */
	int pkey_state; /**< 0 not tried, 1 built, -1 only ldns can check it */
} zl_dnskey_t;

#define ZL_DNSKEY_ZONE 0x0100 /**< flags: zone key (RFC 4034 2.1.1) */
#define ZL_DNSKEY_SEP 0x0001  /**< flags: secure entry point */

/**
 * @brief Parse a DNSKEY (or CDNSKEY) record.
 * @param[out] out  filled; points into @p rr
 * @return 0, or ZL_EINVAL when the rdata is shorter than 4 octets or opaque
 */
int zl_dnskey_parse(zl_dnskey_t *out, const zl_rr_t *rr);

/** @brief Free what zl_sigcheck_verify() cached in @p key (NULL-safe). */
void zl_dnskey_clear(zl_dnskey_t *key);

/** @brief Key tag of DNSKEY rdata (RFC 4034 appendix B, algorithm 1 too). */
uint16_t zl_dnssec_keytag(const uint8_t *rdata, size_t len);

/** @brief Whether an algorithm is deprecated for signing (RFC 8624 section 3.1). */
bool zl_dnssec_alg_deprecated(uint8_t alg);

/** @brief Whether an algorithm is RSA (1, 5, 7, 8, 10). */
bool zl_dnssec_alg_rsa(uint8_t alg);

/** @brief Mnemonic of a DNSSEC algorithm ("ECDSAP256SHA256"), or "unknown". */
const char *zl_dnssec_alg_name(uint8_t alg);

/** An RRSIG record, parsed (RFC 4034 section 3). */
typedef struct zl_rrsig {
	uint16_t covered;
	uint8_t alg;
	uint8_t labels;
	uint32_t orig_ttl;
	uint32_t expire;
	uint32_t incept;
	uint16_t tag;
	const uint8_t *signer; /**< wire name, inside the rdata */
	size_t signer_len;
	const uint8_t *sig;
	size_t siglen;
} zl_rrsig_t;

/** @brief Parse an RRSIG record. @return 0 or ZL_EINVAL when malformed */
int zl_rrsig_parse(zl_rrsig_t *out, const zl_rr_t *rr);

/** Outcome of checking one signature with one key. */
typedef enum zl_sig_result {
	ZL_SIG_VALID = 0,  /**< the signature verifies */
	ZL_SIG_BOGUS,      /**< it does not */
	ZL_SIG_UNSUPPORTED /**< the algorithm cannot be checked here */
} zl_sig_result_t;

/** Reusable state for building signed data; see zl_sigcheck_*(). */
typedef struct zl_sigcheck zl_sigcheck_t;

/** @brief A new checker; free with zl_sigcheck_free(). Never NULL. */
zl_sigcheck_t *zl_sigcheck_new(void);
/** @brief Free a checker (NULL-safe). */
void zl_sigcheck_free(zl_sigcheck_t *sc);

/**
 * @brief Build the data @p sig covers over an RRset: the RRSIG rdata up to
 *        the signature, then the RRs in canonical form and order, each with
 *        the original TTL, duplicates dropped (RFC 4034 3.1.8.1, 6.2, 6.3;
 *        names in NSEC rdata are kept as they are, RFC 6840 5.1).
 * @param[in] rrs   the RRset: same owner, type and class; none opaque
 * @param[in] lower_nsec  also lower-case the NSEC next name (some signers do)
 * @return 0, or ZL_EINVAL when the labels field exceeds the owner's labels
 */
int zl_sigcheck_build(zl_sigcheck_t *sc, const zl_rrsig_t *sig, const zl_rr_t *sigrr,
                      const zl_rr_t *const *rrs, size_t n, bool lower_nsec);

/**
 * @brief Check the data last built against @p key.  The key's libcrypto
 *        form is built on first use and kept in @p key (free it with
 *        zl_dnskey_clear()), so a zone's keys are parsed once.
 */
zl_sig_result_t zl_sigcheck_verify(zl_sigcheck_t *sc, const zl_rrsig_t *sig, zl_dnskey_t *key);

/**
 * @brief Lower-case, in place, the names inside rdata of the types RFC 4034
 *        section 6.2 lists (as corrected by RFC 6840 section 5.1: names in
 *        NSEC rdata are kept unless @p lower_nsec).
 */
void zl_dnssec_canon_rdata(uint16_t type, uint8_t *rdata, size_t len, bool lower_nsec);

/**
 * @brief A key for a node's name whose memcmp order is the canonical order
 *        of RFC 4034 section 6.1: labels right to left, each ended by 0,
 *        with octets 0 and 1 escaped as 1 1 and 1 2.
 * @param[out] out  at least 640 octets
 * @return the key's length
 */
size_t zl_dnssec_order_key(const zl_node_t *n, uint8_t *out);

/** @brief Whether serial-number time @p a is after @p b (RFC 4034 3.1.5, RFC 1982). */
bool zl_dnssec_time_after(uint32_t a, uint32_t b);

/**
 * @brief Seconds from @p now to the 32-bit time @p t, in serial-number
 *        arithmetic (negative when @p t is in the past).
 */
int64_t zl_dnssec_time_diff(uint32_t t, uint32_t now);

/**
 * @brief NSEC3 hash of a name (RFC 5155 section 5), SHA-1 only.
 * @param[in] wire  lower-case wire name
 * @param[out] out  20 octets
 */
void zl_nsec3_hash(const uint8_t *wire, size_t len, const uint8_t *salt, size_t saltlen,
                   unsigned iterations, uint8_t out[20]);

/** @brief Base32hex (RFC 4648 section 7), lower case, no padding. @return length */
size_t zl_base32hex_encode(const uint8_t *in, size_t len, char *out);
/**
 * @brief Decode base32hex (either case, no padding).
 * @return decoded length, or 0 when @p in is not base32hex or too long
 */
size_t zl_base32hex_decode(const uint8_t *in, size_t len, uint8_t *out, size_t cap);

/**
 * @brief DS digest of a DNSKEY (RFC 4034 5.1.4, RFC 4509, RFC 6605).
 * @param[in] owner   lower-case wire name of the key's owner
 * @param[out] out    at least 64 octets
 * @return digest length, or 0 for an unknown digest type
 */
size_t zl_ds_digest(uint8_t digest_type, const uint8_t *owner, size_t ownerlen,
                    const uint8_t *rdata, size_t rdlen, uint8_t *out);

/** @brief Digest length of a DS digest type, or 0 when unknown. */
size_t zl_ds_digest_len(uint8_t digest_type);

/**
 * @brief Read an NSEC/NSEC3 type bit map (RFC 4034 section 4.1.2).
 * @param[out] types  the types, ascending; at most @p max are stored
 * @param[out] n      how many types the map holds
 * @return 0, or ZL_EINVAL when the map is malformed
 */
int zl_type_bitmap_read(const uint8_t *p, size_t len, uint16_t *types, size_t max, size_t *n);

#endif
