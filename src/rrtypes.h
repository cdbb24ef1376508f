/* zonelint: table of registered DNS RR types (mnemonics, numbers, flags).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_RRTYPES_H
#define ZL_RRTYPES_H

#include <stddef.h>
#include <stdint.h>

/*
 * Source: IANA "Domain Name System (DNS) Parameters", registry "Resource
 * Record (RR) TYPEs" (dns-parameters-4), snapshot 2026-03 (registry file
 * last updated 2026-03-05).  Every assigned value with a mnemonic is here,
 * up to IPN (264), TA (32768) and DLV (32769), including NXNAME (128,
 * RFC 9824).  Type 255 is listed as "ANY", the name zone parsers use for
 * IANA's "*".  Unassigned, reserved (0, 65535) and private-use values
 * (65280-65534) have no entry; they are still reachable as TYPEnnn
 * (RFC 3597).  Re-check this table whenever the registry changes.
 */
#define ZL_RRTYPE_SNAPSHOT "2026-03-05"

/*
 * Obsolete: deprecated, historic or never-deployed types that a modern zone
 * should not contain: MD MF (RFC 1035), MB MG MR MINFO NULL (experimental,
 * RFC 1035), WKS (RFC 1123), NSAP-PTR (RFC 1706), SIG KEY NXT (replaced
 * for DNSSEC by RRSIG DNSKEY NSEC, RFC 3755; SIG(0) and KEY for it remain
 * legitimate), GPOS (replaced by LOC), A6 (RFC 6563), SPF (RFC 7208),
 * UINFO UID GID UNSPEC (IANA-reserved), MAILA and DLV (RFC 8749).
 */
#define ZL_RRTYPE_F_OBSOLETE 0x01u
/*
 * Meta or query-only: never data in a zone file.  OPT, NXNAME, TKEY, TSIG,
 * IXFR, AXFR, MAILB, MAILA and ANY.
 */
#define ZL_RRTYPE_F_META 0x02u

/** One registry entry. */
typedef struct zl_rrtype {
	const char *name; /**< upper-case mnemonic, e.g. "NSAP-PTR" */
	uint16_t type;    /**< type number */
	uint8_t flags;    /**< ZL_RRTYPE_F_* */
} zl_rrtype_t;

/**
 * @brief Find the type number of a mnemonic.
 *
 * Matching ignores case.  "TYPEnnn" (RFC 3597) is also accepted for any
 * nnn from 0 to 65535, written with decimal digits only (no sign, no
 * spaces), registered or not.
 *
 * @param[in]  mnemonic  text, need not be NUL-terminated; may be NULL if
 *                       @p len is 0
 * @param[in]  len       length of mnemonic in bytes
 * @param[out] type      the type number; untouched when not found
 * @return 0, or ZL_ENOTFOUND
 */
int zl_rrtype_lookup(const char *mnemonic, size_t len, uint16_t *type);

/**
 * @brief Registered mnemonic of a type number.
 * @param[in] type  type number
 * @return static upper-case string, or NULL if @p type is not registered
 */
const char *zl_rrtype_name(uint16_t type);

/**
 * @brief Whether a type number has a registry entry here.
 * @param[in] type  type number
 * @return 1 if registered, 0 otherwise
 */
int zl_rrtype_is_registered(uint16_t type);

/**
 * @brief Flags of a type number.
 * @param[in] type  type number
 * @return ZL_RRTYPE_F_* bits; 0 for unregistered types (use
 *	   zl_rrtype_is_registered() to tell them apart)
 */
unsigned zl_rrtype_flags(uint16_t type);

/**
 * @brief Registry entry of a type number.
 * @param[in]  type  type number
 * @param[out] out   static entry
 * @return 0, or ZL_ENOTFOUND
 */
int zl_rrtype_info(uint16_t type, const zl_rrtype_t **out);

/**
 * @brief The whole table, sorted by type number, for iteration.
 * @param[out] count  number of entries
 * @return static array of @p count entries
 */
const zl_rrtype_t *zl_rrtype_table(size_t *count);

#endif
