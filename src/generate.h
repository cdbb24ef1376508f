/* zonelint: record sets built from a policy (`zonelint generate`), and their printer.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_GENERATE_H
#define ZL_GENERATE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "common.h"
#include "config.h"
#include "dmarc.h"
#include "zoneset.h"

/*
 * Why one module for the generator and the suggestions: what `zonelint
 * generate` prints and what a finding suggests must be the same records, or
 * the linter would one day flag its own advice.  So the builders here are
 * pure functions from a policy (options) to a record set, and one printer
 * turns a record set into zone lines, JSON, an nsupdate script or bare
 * suggestion text.  A builder never prints; the printer never decides.
 *
 * Checks use the three *_text() functions: they return the records as
 * suggestion text (absolute names, zone-file syntax, one record per line,
 * no comments), which is what zl_suggest() wants.
 *
 * Names: the $GENERATE directive owns zl_generate_t, zl_generate_parse(),
 * zl_generate_count() and zl_generate_expand() (gendirective.h); everything
 * here is zl_generate_<what>() or zl_recset_*.
 *
 * Every builder checks its input first and returns ZL_EINVAL with a one-line
 * reason in @p err (when given) before building anything, so the CLI can
 * exit 2 with nothing printed.  Record text is owned by the record set's
 * arena; the set itself holds no other resources.
 */

/** Default TTL of generated records, when the caller gives none. */
#define ZL_GENERATE_TTL 3600u
/** The SPF record of a name that sends no mail: "-all" fails every host (RFC 7208 5.1, 8.4). */
#define ZL_GENERATE_SPF_NONE "v=spf1 -all"
/** The DMARC record of a domain that sends no mail, without rua. */
#define ZL_GENERATE_DMARC_PARKED "v=DMARC1; p=reject; sp=reject; adkim=s; aspf=s"
/** A revoked DKIM key (RFC 6376 section 3.6.1: empty p=), for *._domainkey. */
#define ZL_GENERATE_DKIM_REVOKED "v=DKIM1; p="

/** One record of a set. */
typedef struct zl_recset_rr {
	const char *owner;     /**< absolute, lower case, trailing dot */
	uint32_t ttl;
	uint16_t type;         /**< ZL_TYPE_* */
	const char *rdata;     /**< presentation format; TXT quoted, split at 255 */
	const char *text;      /**< TXT: the text receivers see (unquoted); else NULL */
	bool remove;           /**< a record to delete (--zone: replaced records) */
	const char *origin;    /**< remove: "file:line" it came from, else NULL */
	const char *comment;   /**< comment lines ("\n"-separated) before it, or NULL */
} zl_recset_rr_t;

/** Records that go into one zone together (one nsupdate message). */
typedef struct zl_recset_block {
	const char *title;     /**< one line: what the records are for */
	const char *zone;      /**< apex when known (nsupdate "zone" line), else NULL */
	const char **notes;    /**< comment lines printed before the records */
	size_t nnotes;
	zl_recset_rr_t *rrs;
	size_t nrrs;
	size_t cap;
	const char **tail;     /**< comment lines printed after the records */
	size_t ntail;
} zl_recset_block_t;

/** A file to publish elsewhere (the MTA-STS policy), not a DNS record. */
typedef struct zl_recset_file {
	const char *url;       /**< where it must be served */
	const char *text;      /**< its exact content, LF line ends */
} zl_recset_file_t;

/** What a builder returns: a header, blocks of records, files. */
typedef struct zl_recset {
	zl_arena_t *arena;     /**< owns every string and array below */
	const char *kind;      /**< "parked", "spf", "dmarc", "mta-sts", "tlsrpt" */
	const char **header;   /**< comment lines at the top */
	size_t nheader;
	zl_recset_block_t **blocks;
	size_t nblocks;
	size_t cap;
	zl_recset_file_t *files;
	size_t nfiles;
} zl_recset_t;

/** Output formats of zl_recset_print(). */
typedef enum zl_recset_format {
	ZL_RECSET_ZONE = 0,    /**< comments and zone lines */
	ZL_RECSET_JSON,        /**< one JSON document (version 1) */
	ZL_RECSET_NSUPDATE,    /**< "update add" lines and "send" per block */
	ZL_RECSET_POLICY,      /**< only the files' text (mta-sts policy) */
	ZL_RECSET_BARE         /**< zone lines of added records only: suggestions */
} zl_recset_format_t;

/** @brief Initialise an empty set whose strings live in @p arena. */
void zl_recset_init(zl_recset_t *rs, zl_arena_t *arena, const char *kind);

/** @brief Whether the set holds no record and no file (nothing to print). */
bool zl_recset_empty(const zl_recset_t *rs);

/** @brief Add a comment line to the header (printf format). */
void zl_recset_header(zl_recset_t *rs, const char *fmt, ...) ZL_PRINTF(2, 3);

/**
 * @brief Start a block.
 * @param[in] zone  apex when known, else NULL (copied)
 * @return the block, owned by the set
 */
zl_recset_block_t *zl_recset_block(zl_recset_t *rs, const char *zone, const char *fmt, ...)
	ZL_PRINTF(3, 4);

/** @brief Add a comment line before the block's records (@p tail: after them). */
void zl_recset_note(zl_recset_t *rs, zl_recset_block_t *b, bool tail, const char *fmt, ...)
	ZL_PRINTF(4, 5);

/**
 * @brief Add a record to a block (strings copied).
 * @param[in] text  TXT: the text (rdata is then made from it), else NULL
 * @param[in] rdata other types: presentation rdata, else NULL
 * @return the record, owned by the set
 */
zl_recset_rr_t *zl_recset_add(zl_recset_t *rs, zl_recset_block_t *b, const char *owner,
			      uint32_t ttl, uint16_t type, const char *text, const char *rdata);

/** @brief Add a file to publish. */
void zl_recset_file(zl_recset_t *rs, const char *url, const char *text);

/**
 * @brief Print a set.  Output depends on the set alone (no date, no
 *        version), so the same input gives the same bytes.
 * @param[in] out  stream
 * @param[in] rs   the set
 * @param[in] fmt  format
 * @return 0, or ZL_EIO when writing failed
 */
int zl_recset_print(FILE *out, const zl_recset_t *rs, zl_recset_format_t fmt);

/**
 * @brief Character-strings of a TXT record in presentation format: @p text
 *        cut into pieces of at most 255 octets (RFC 1035 section 3.3.14),
 *        each quoted, with '"', '\\' and bytes outside 0x20-0x7e escaped.
 * @return text owned by @p arena
 */
char *zl_generate_txt_rdata(zl_arena_t *arena, const char *text, size_t len);

/**
 * @brief Check and normalise a domain name given by a person: LDH labels
 *        (RFC 1123 section 2.1; "_" allowed in a label's first octet when
 *        @p underscore), at least two labels, the last not all digits, at most
 *        253 octets; one trailing dot allowed.
 * @param[out] out  the name, lower case, with a trailing dot (arena-owned)
 * @param[out] err  why not, when not (may be NULL)
 * @return 0 or ZL_EINVAL
 */
int zl_generate_domain(zl_arena_t *arena, const char *in, bool underscore, const char **out,
		       char *err, size_t errlen);

/* ---- parked: a domain that sends and receives no mail ---- */

/** Options of the parked record set. */
typedef struct zl_parked_opts {
	uint32_t ttl;                  /**< 0: ZL_GENERATE_TTL */
	const char *const *rua;        /**< DMARC aggregate report mailto: URIs */
	size_t nrua;
	bool wildcard;                 /**< also *.DOMAIN null MX and SPF */
} zl_parked_opts_t;

/**
 * @brief Add the hardened record set of each domain: null MX (RFC 7505),
 *        "v=spf1 -all", DMARC p=reject (p directly after v), a revoked
 *        *._domainkey key; with o->wildcard *.DOMAIN null MX and SPF.  A rua
 *        in another domain adds, in a block of its own, the authorization
 *        record that domain must publish (RFC 7489 section 7.1).
 * @param[in,out] rs       set to add to
 * @param[in] domains      names as given (checked with zl_generate_domain)
 * @param[in] ndomains     at least 1
 * @param[in] o            options (NULL: defaults)
 * @param[out] err         one-line reason on ZL_EINVAL (may be NULL)
 * @return 0 or ZL_EINVAL (bad name or URI; @p rs is then unchanged)
 */
int zl_generate_parked(zl_recset_t *rs, const char *const *domains, size_t ndomains,
		       const zl_parked_opts_t *o, char *err, size_t errlen);

/**
 * @brief The comment printed above *.DOMAIN records: how a wildcard meets
 *        names that exist and DMARC lookups.
 * @return text owned by @p arena, lines separated by "\n"
 */
char *zl_generate_wildcard_comment(zl_arena_t *arena, const char *domain);

/**
 * @brief What a loaded zone lacks to be hardened: the apex and every name
 *        with addresses that has no mail setup get null MX and "v=spf1 -all";
 *        a non-mail apex also gets DMARC p=reject and *._domainkey.  A weaker
 *        DMARC record at a non-mail apex is replaced (its rua/ruf kept unless
 *        o->rua is given).  Names with a mail setup are left alone: an MX other
 *        than null MX, an SPF record other than "-all", a DKIM key that is not
 *        revoked, being an MX target or the domain of an SPF a: term, being
 *        below the domain of an SPF ptr term, or an address that an SPF
 *        ip4:/ip6:, a or mx term of the loaded zones authorizes.  Names below
 *        a delegation, names whose first label starts with "_", names whose
 *        only addresses are internal (RFC 1918, RFC 6598, RFC 4193, loopback,
 *        link-local), and reverse zones are skipped.
 * @param[in,out] rs   set to add to: one block per zone that lacks something
 * @param[in] set      the loaded zones (read only)
 * @param[in] o        options; o->ttl 0 means the TTL of the zone's SOA record
 * @param[out] err     one-line reason on ZL_EINVAL (may be NULL)
 * @return 0, or ZL_EINVAL for a bad o->rua
 */
int zl_generate_harden_zones(zl_recset_t *rs, const zl_zoneset_t *set,
			     const zl_parked_opts_t *o, char *err, size_t errlen);

/* ---- DMARC ---- */

/** Options of a DMARC record (RFC 7489 section 6.3). */
typedef struct zl_dmarc_policy_opts {
	zl_dmarc_policy_t p;           /**< UNSET: reject */
	zl_dmarc_policy_t sp;          /**< UNSET: no sp= tag */
	zl_dmarc_align_t adkim;        /**< UNSET: no adkim= tag */
	zl_dmarc_align_t aspf;         /**< UNSET: no aspf= tag */
	const char *const *rua;        /**< mailto: URIs */
	size_t nrua;
	const char *const *ruf;        /**< mailto: URIs */
	size_t nruf;
	uint32_t ttl;                  /**< 0: ZL_GENERATE_TTL */
} zl_dmarc_policy_opts_t;

/**
 * @brief The text of a DMARC record: tags in the order v, p, sp, adkim,
 *        aspf, rua, ruf, so p comes right after v (RFC 7489 section 6.4).
 *        URIs are not checked here (see zl_generate_dmarc_uris()).
 * @return text owned by @p arena
 */
char *zl_generate_dmarc_record(zl_arena_t *arena, const zl_dmarc_policy_opts_t *o);

/** @brief The options of ZL_GENERATE_DMARC_PARKED, with these rua URIs. */
zl_dmarc_policy_opts_t zl_generate_parked_dmarc(const char *const *rua, size_t nrua);

/**
 * @brief Check DMARC report URIs: each a valid mailto: URI (RFC 7489
 *        section 6.2; receivers need not support any other scheme), with ','
 *        ';' and '!' %-encoded, none given twice.
 * @return 0 or ZL_EINVAL with @p err set
 */
int zl_generate_dmarc_uris(zl_arena_t *arena, const char *const *uris, size_t n, char *err,
			   size_t errlen);

/**
 * @brief Add, one block per report domain, the authorization records
 *        ("POLICY._report._dmarc.REPORTDOMAIN TXT v=DMARC1", RFC 7489
 *        section 7.1) for every mailto: URI whose domain is neither at nor
 *        below the policy domain nor above it.  Invalid URIs are skipped.
 */
void zl_generate_dmarc_auth(zl_recset_t *rs, const char *const *policy, size_t npolicy,
			    const char *const *uris, size_t nuris, uint32_t ttl);

/**
 * @brief Add a DMARC record for @p domain (tags in the order v, p, sp,
 *        adkim, aspf, rua, ruf), and the authorization records report
 *        domains outside @p domain must publish.
 * @return 0 or ZL_EINVAL with @p err set
 */
int zl_generate_dmarc(zl_recset_t *rs, const char *domain, const zl_dmarc_policy_opts_t *o,
		      char *err, size_t errlen);

/* ---- SPF ---- */

/** Options of an SPF record. */
typedef struct zl_spf_build_opts {
	const char *const *ip4;        /**< address or CIDR, no host bits */
	size_t nip4;
	const char *const *ip6;
	size_t nip6;
	const char *const *include;    /**< domains */
	size_t ninclude;
	bool a;                        /**< "a" */
	bool mx;                       /**< "mx" */
	bool softfail;                 /**< "~all" instead of "-all" */
	uint32_t ttl;                  /**< 0: ZL_GENERATE_TTL */
	const zl_zoneset_t *set;       /**< loaded zones to follow includes in, or NULL */
	const zl_config_t *config;     /**< spf: external: costs, or NULL */
} zl_spf_build_opts_t;

/**
 * @brief Add an SPF record for @p domain, ordered ip4, ip6, a, mx, include,
 *        all.  Counts the DNS lookups it costs (RFC 7208 section 4.6.4):
 *        a, mx and each include 1, plus, for an include, the cost of its
 *        target's record: walked recursively in the loaded zones, taken
 *        from the config's spf: external: costs, or unknown (then said so in
 *        a comment).
 * @retval 0          built; the header states the count
 * @retval ZL_EINVAL  bad input (@p err says which)
 * @retval ZL_ELIMIT  over 10 lookups, an include loop, or an include whose
 *                    target in the loaded zones has no valid SPF record
 *                    (@p err says why); @p rs is unchanged
 */
int zl_generate_spf(zl_recset_t *rs, const char *domain, const zl_spf_build_opts_t *o,
		    char *err, size_t errlen);

/* ---- MTA-STS and TLS-RPT ---- */

/** Options of an MTA-STS policy (RFC 8461 section 3.2). */
typedef struct zl_sts_policy_opts {
	const char *const *mx;         /**< mx patterns: host names, "*." allowed first */
	size_t nmx;
	bool enforce;                  /**< mode: enforce (else testing) */
	uint64_t max_age;              /**< seconds; 0 and up to 31557600 */
	const char *id;                /**< NULL: derived from the policy text */
	uint32_t ttl;                  /**< 0: ZL_GENERATE_TTL */
} zl_sts_policy_opts_t;

/**
 * @brief Add the _mta-sts TXT record (RFC 8461 section 3.1), a reminder
 *        about the mta-sts.DOMAIN web host, and the policy file for
 *        https://mta-sts.DOMAIN/.well-known/mta-sts.txt.  Without o->id the
 *        id is the first 16 hex digits of the SHA-256 of the policy text:
 *        the same policy always gives the same id, and any change to the
 *        policy gives a new one.
 * @return 0 or ZL_EINVAL with @p err set
 */
int zl_generate_mta_sts(zl_recset_t *rs, const char *domain, const zl_sts_policy_opts_t *o,
			char *err, size_t errlen);

/**
 * @brief Add the _smtp._tls TXT record (RFC 8460 section 3) with the given
 *        report URIs (mailto: or https:, at least one).
 * @return 0 or ZL_EINVAL with @p err set
 */
int zl_generate_tlsrpt(zl_recset_t *rs, const char *domain, const char *const *rua,
		       size_t nrua, uint32_t ttl, char *err, size_t errlen);

/* ---- suggestion text for the checks ---- */

/**
 * @brief The hardened parked set of @p domain as suggestion text (what
 *        `zonelint generate parked DOMAIN` prints, without comments; no
 *        authorization record for another domain).
 * @param[in] arena   owns *out
 * @param[in] domain  absolute or not, any case
 * @param[in] o       options (NULL: defaults)
 * @param[out] out    "owner TTL IN TYPE rdata" lines joined by "\n"
 * @return 0 or ZL_EINVAL (not a domain name, bad rua)
 */
int zl_generate_parked_text(zl_arena_t *arena, const char *domain, const zl_parked_opts_t *o,
			    char **out);

/**
 * @brief The DMARC record a domain lacks, as suggestion text: one line
 *        "_dmarc.DOMAIN. TTL IN TXT ...".  With @p o NULL it is the record
 *        of a domain that sends no mail (ZL_GENERATE_DMARC_PARKED); a check
 *        that suggests a first record for a mail domain passes
 *        p = ZL_DMARC_POLICY_NONE and the rua it knows of.
 * @return 0 or ZL_EINVAL
 */
int zl_generate_dmarc_text(zl_arena_t *arena, const char *domain,
			   const zl_dmarc_policy_opts_t *o, char **out);

/**
 * @brief "NAME. TTL IN TXT \"v=spf1 -all\"" for a name that sends no mail.
 * @param[in] ttl  0: ZL_GENERATE_TTL
 * @return 0 or ZL_EINVAL
 */
int zl_generate_spf_none_text(zl_arena_t *arena, const char *name, uint32_t ttl, char **out);

#endif
