/* zonelint: SPF record parser (RFC 7208), text in, terms and positioned errors out.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_SPF_H
#define ZL_SPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/*
 * What this module is: a pure parser for one SPF record, as receivers see it
 * (the strings of one TXT RR already concatenated, RFC 7208 3.3).  It knows
 * nothing about zones, does no DNS and no I/O, and holds no global state, so
 * the checks can call it on any text from any thread.
 *
 * Why errors are data: a receiver turns *any* syntax error into "permerror"
 * (RFC 7208 4.6, 6 and 7.1), so one bad term disables the whole policy.  A
 * linter is only useful if it names every bad term, so parsing continues at
 * the next term (terms are separated by 1*SP, RFC 7208 4.6.1, which makes
 * term boundaries unambiguous) and each problem is recorded with a stable
 * code, a stable name, the term index and the byte offset.
 *
 * The grammar followed is the collected ABNF of RFC 7208 section 12:
 *
 *   record           = version terms *SP                          ; 4.5, 4.6
 *   version          = "v=spf1"                                   ; 4.5
 *   terms            = *( 1*SP ( directive / modifier ) )         ; 4.6.1
 *   directive        = [ qualifier ] mechanism                    ; 4.6.2
 *   qualifier        = "+" / "-" / "?" / "~"                      ; 4.6.2
 *   mechanism        = ( all / include / a / mx / ptr / ip4 / ip6 / exists )
 *   all              = "all"                                      ; 5.1
 *   include          = "include"  ":" domain-spec                 ; 5.2
 *   a                = "a"      [ ":" domain-spec ] [ dual-cidr-length ] ; 5.3
 *   mx               = "mx"     [ ":" domain-spec ] [ dual-cidr-length ] ; 5.4
 *   ptr              = "ptr"    [ ":" domain-spec ]               ; 5.5
 *   ip4              = "ip4"      ":" ip4-network   [ ip4-cidr-length ] ; 5.6
 *   ip6              = "ip6"      ":" ip6-network   [ ip6-cidr-length ] ; 5.6
 *   exists           = "exists"   ":" domain-spec                 ; 5.7
 *   modifier         = redirect / explanation / unknown-modifier  ; 6
 *   redirect         = "redirect" "=" domain-spec                 ; 6.1
 *   explanation      = "exp" "=" domain-spec                      ; 6.2
 *   unknown-modifier = name "=" macro-string                      ; 6, 4.6.1
 *   name             = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ) ; 4.6.1
 *   ip4-cidr-length  = "/" ("0" / %x31-39 0*1DIGIT) ; 0-32        ; 5.6
 *   ip6-cidr-length  = "/" ("0" / %x31-39 0*2DIGIT) ; 0-128       ; 5.6
 *   dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ] ; 5.6
 *   ip4-network      = qnum "." qnum "." qnum "." qnum ; no leading zeros, 5.6
 *   ip6-network      = <RFC 4291 section 2.2>                     ; 5.6
 *   domain-spec      = macro-string domain-end                    ; 7.1
 *   domain-end       = ( "." toplabel [ "." ] ) / macro-expand    ; 7.1
 *   toplabel         = ( *alphanum ALPHA *alphanum ) /
 *                      ( 1*alphanum "-" *( alphanum / "-" ) alphanum ) ; 7.1
 *   explain-string   = *( macro-string / SP )                     ; 6.2, 7.1
 *   macro-string     = *( macro-expand / macro-literal )          ; 7.1
 *   macro-expand     = ( "%{" macro-letter transformers *delimiter "}" )
 *                      / "%%" / "%_" / "%-"                       ; 7.1
 *   macro-literal    = %x21-24 / %x26-7E                          ; 7.1
 *   macro-letter     = "s" / "l" / "o" / "d" / "i" / "p" / "h" /
 *                      "c" / "r" / "t" / "v"                      ; 7.1
 *   transformers     = *DIGIT [ "r" ]                             ; 7.1
 *   delimiter        = "." / "-" / "+" / "," / "/" / "_" / "="    ; 7.1
 *
 * ABNF literals are case-insensitive (RFC 5234 2.3), so "V=SPF1 MX -ALL",
 * "%{D}" and "%{d2R}" are all valid.
 *
 * Rules that are not in the ABNF but in the prose, and are enforced here:
 *   - c, r and t are allowed only in explanation text (7.2), i.e. in the TXT
 *     string an exp= points at, not in any domain-spec nor in exp= itself;
 *   - a transformer DIGIT, if given, MUST be nonzero (7.3), so "%{d0}" and
 *     "%{d00}" are errors ("%{d01}" means 1 and is valid);
 *   - redirect= and exp= MUST NOT appear more than once each (6);
 *   - a dual-cidr never applies to ip4/ip6, and a cidr never to all, include,
 *     ptr or exists (the ABNF has no place for it there).
 *
 * Ambiguity resolved by convention (the same as pyspf and libspf2): a
 * domain-spec may itself contain "/" (it is a macro-literal), so for a and mx
 * the trailing "/N", "//N" or "/N//N" is taken as the dual-cidr-length.
 *
 * Whitespace: only SP (0x20) separates terms (4.6.1).  A TAB, CR or LF is
 * not a separator: it is a byte inside a term, and since the grammar only
 * admits VCHAR there it is a syntax error (ZL_SPF_E_BAD_CHAR).  pyspf agrees:
 * it splits on " " only and reports "v=spf1 mx\t-all" as an unknown
 * mechanism.  "v=spf1\tmx" is not an SPF record at all (the version must be
 * followed by SP or the end, 4.5).  Trailing SP is allowed by "*SP" in the
 * record rule; it is still reported, as the warning ZL_SPF_W_TRAILING_SPACE,
 * because some provisioning tools strip or mangle it.
 *
 * Domain-name limits (empty label, label over 63 octets, name over 255
 * octets): the ABNF allows "a:mail..example.com", but no DNS query can be
 * made for it.  RFC 7208 leaves the outcome undefined (the RFC 7208 test
 * suite accepts "fail" or "permerror"; pyspf treats it as a non-matching
 * lookup).  They are reported as errors, with class
 * ZL_SPF_CLASS_UNDEFINED so the caller can grade them apart.  They are
 * checked only on labels made of literal text (no "%{...}" in the label),
 * and the total length only when the domain-spec has no "%{...}" at all:
 * expansions are truncated by receivers (7.3) and cannot be judged offline.
 * "%%", "%_" and "%-" have fixed expansions (1, 1 and 3 octets) and count as
 * literal text.
 */

/**
 * The diagnostic codes, as one X-macro list so that the enum, the names and
 * the classes cannot drift apart.  Columns: enum suffix, stable name, class.
 * Codes and names are part of the interface: append, never renumber.
 */
#define ZL_SPF_CODES(X) \
	X(OK,                   "ok",                    NONE) \
	X(E_VERSION,            "bad-version",           PERMERROR) \
	X(E_BAD_CHAR,           "bad-char",              PERMERROR) \
	X(E_BAD_QUALIFIER,      "bad-qualifier",         PERMERROR) \
	X(E_UNKNOWN_MECHANISM,  "unknown-mechanism",     PERMERROR) \
	X(E_MISSING_ARGUMENT,   "missing-argument",      PERMERROR) \
	X(E_UNEXPECTED_ARGUMENT, "unexpected-argument",  PERMERROR) \
	X(E_EMPTY_DOMAIN,       "empty-domain-spec",     PERMERROR) \
	X(E_CIDR_NOT_ALLOWED,   "cidr-not-allowed",      PERMERROR) \
	X(E_CIDR_SYNTAX,        "bad-cidr",              PERMERROR) \
	X(E_CIDR_EMPTY,         "empty-cidr",            PERMERROR) \
	X(E_CIDR_LEADING_ZERO,  "cidr-leading-zero",     PERMERROR) \
	X(E_IP4_CIDR_RANGE,     "ip4-cidr-range",        PERMERROR) \
	X(E_IP6_CIDR_RANGE,     "ip6-cidr-range",        PERMERROR) \
	X(E_IP4_ADDRESS,        "bad-ip4",               PERMERROR) \
	X(E_IP6_ADDRESS,        "bad-ip6",               PERMERROR) \
	X(E_MACRO_ESCAPE,       "macro-bad-escape",      PERMERROR) \
	X(E_MACRO_UNTERMINATED, "macro-unterminated",    PERMERROR) \
	X(E_MACRO_LETTER,       "macro-bad-letter",      PERMERROR) \
	X(E_MACRO_EXP_ONLY,     "macro-exp-only-letter", PERMERROR) \
	X(E_MACRO_TRANSFORMER,  "macro-bad-transformer", PERMERROR) \
	X(E_MACRO_ZERO_DIGIT,   "macro-zero-digit",      PERMERROR) \
	X(E_DOMAIN_END,         "bad-domain-end",        PERMERROR) \
	X(E_TOPLABEL_SYNTAX,    "bad-toplabel",          PERMERROR) \
	X(E_TOPLABEL_NUMERIC,   "numeric-toplabel",      PERMERROR) \
	X(E_MODIFIER_NAME,      "bad-modifier-name",     PERMERROR) \
	X(E_MODIFIER_QUALIFIER, "modifier-qualifier",    PERMERROR) \
	X(E_DUPLICATE_MODIFIER, "duplicate-modifier",    PERMERROR) \
	X(E_EMPTY_LABEL,        "empty-label",           UNDEFINED) \
	X(E_LABEL_TOO_LONG,     "label-too-long",        UNDEFINED) \
	X(E_NAME_TOO_LONG,      "name-too-long",         UNDEFINED) \
	X(W_TRAILING_SPACE,     "trailing-space",        WARNING)

/*
 * What each code means (the RFC 7208 section in brackets):
 *   E_VERSION             text does not start with "v=spf1" + SP or end [4.5]
 *   E_BAD_CHAR            a term holds a byte that is not VCHAR: control
 *                         (TAB, CR, LF, NUL), DEL or non-ASCII [4.6.1, 7.1]
 *   E_BAD_QUALIFIER       qualifier not directly before a mechanism name:
 *                         "+-all", "-" alone, "all-" [4.6.2]
 *   E_UNKNOWN_MECHANISM   no such mechanism: "ipv4:x", "a..b", "mx," [5]
 *   E_MISSING_ARGUMENT    include, exists, ip4 or ip6 without ":" [5.2-5.7]
 *   E_UNEXPECTED_ARGUMENT "all:foo": all takes no argument [5.1]
 *   E_EMPTY_DOMAIN        ":" or "=" with an empty domain-spec [5, 6]
 *   E_CIDR_NOT_ALLOWED    cidr on all/include/ptr/exists/redirect/exp, or
 *                         a dual cidr ("//N") on ip4/ip6 [5.6]
 *   E_CIDR_SYNTAX         malformed cidr part: "a/24/64", "ip4:x/24/" [5.6]
 *   E_CIDR_EMPTY          "/" with no digits: "a/", "ip4:192.0.2.1/" [5.6]
 *   E_CIDR_LEADING_ZERO   "/024", "/00" [5.6]
 *   E_IP4_CIDR_RANGE      ip4 prefix over 32 [5.6]
 *   E_IP6_CIDR_RANGE      ip6 prefix over 128 [5.6]
 *   E_IP4_ADDRESS         not a dotted quad of qnum (0-255, no leading
 *                         zeros): "1.2.3", "256.1.1.1", "192.0.2.01" [5.6]
 *   E_IP6_ADDRESS         not an RFC 4291 2.2 address: "fe80::1%eth0" [5.6]
 *   E_MACRO_ESCAPE        "%" not followed by "{", "%", "_" or "-" [7.1]
 *   E_MACRO_UNTERMINATED  "%{" with no closing "}" [7.1]
 *   E_MACRO_LETTER        "%{z}", "%{}" [7.1]
 *   E_MACRO_EXP_ONLY      "%{c}", "%{r}", "%{t}" outside explanation text
 *                         [7.2]
 *   E_MACRO_TRANSFORMER   bad bytes after the letter: "%{dd}", "%{d;}" [7.1]
 *   E_MACRO_ZERO_DIGIT    "%{d0}": the DIGIT MUST be nonzero [7.3]
 *   E_DOMAIN_END          domain-spec ends in neither a macro-expand nor
 *                         "." toplabel ["."]: "example", "%{d}x", "." [7.1]
 *   E_TOPLABEL_SYNTAX     toplabel has bytes other than alphanum and "-",
 *                         or starts or ends with "-": "x.c_m", "x.-com" [7.1]
 *   E_TOPLABEL_NUMERIC    toplabel all digits: "example.123", "1.2.3.4" [7.1]
 *   E_MODIFIER_NAME       "=" before any ":" or "/" but the text before it
 *                         is not a name: "=a", "1up=foo" [4.6.1, 6]
 *   E_MODIFIER_QUALIFIER  a qualifier before a modifier: "-redirect=x"
 *                         [4.6.1: only directives take one]
 *   E_DUPLICATE_MODIFIER  second redirect= or exp= [6]
 *   E_EMPTY_LABEL         literal empty label: "a..b", ".example.com"
 *   E_LABEL_TOO_LONG      literal label over 63 octets [RFC 1035 2.3.4]
 *   E_NAME_TOO_LONG       macro-free name over 255 octets in wire form
 *                         [RFC 1035 2.3.4]
 *   W_TRAILING_SPACE      SP after the last term (valid: "*SP", 4.5)
 */

/** @brief Diagnostic code; ZL_SPF_E_* are errors, ZL_SPF_W_* warnings. */
typedef enum zl_spf_code {
#define ZL_SPF_X_ENUM(id, name, cls) ZL_SPF_##id,
	ZL_SPF_CODES(ZL_SPF_X_ENUM)
#undef ZL_SPF_X_ENUM
	ZL_SPF_CODE_COUNT
} zl_spf_code_t;

/** @brief How a receiver treats a diagnostic. */
typedef enum zl_spf_class {
	ZL_SPF_CLASS_NONE = 0,  /**< not a problem (ZL_SPF_OK) */
	ZL_SPF_CLASS_PERMERROR, /**< RFC 7208 requires "permerror" */
	ZL_SPF_CLASS_UNDEFINED, /**< ABNF-valid, RFC leaves the result open */
	ZL_SPF_CLASS_WARNING    /**< receivers accept it */
} zl_spf_class_t;

/** @brief What a term is (mechanisms RFC 7208 5, modifiers RFC 7208 6). */
typedef enum zl_spf_kind {
	ZL_SPF_INVALID = 0,  /**< could not be classified (see the error) */
	ZL_SPF_ALL,
	ZL_SPF_INCLUDE,
	ZL_SPF_A,
	ZL_SPF_MX,
	ZL_SPF_PTR,
	ZL_SPF_IP4,
	ZL_SPF_IP6,
	ZL_SPF_EXISTS,
	ZL_SPF_REDIRECT,     /**< modifier redirect= */
	ZL_SPF_EXP,          /**< modifier exp= */
	ZL_SPF_UNKNOWN_MOD,  /**< any other name=value modifier (ignored) */
	ZL_SPF_KIND_COUNT
} zl_spf_kind_t;

/** @brief Address families of zl_spf_addr_t (not AF_*: no socket headers). */
enum { ZL_SPF_AF_NONE = 0, ZL_SPF_AF_INET4 = 4, ZL_SPF_AF_INET6 = 6 };

/** @brief Network address of an ip4/ip6 term, network byte order. */
typedef struct zl_spf_addr {
	int family;         /**< ZL_SPF_AF_INET4, ZL_SPF_AF_INET6 or NONE */
	uint8_t bytes[16];  /**< ip4 uses bytes[0..3], the rest is zero */
} zl_spf_addr_t;

/** @brief dual-cidr-length of a and mx (RFC 7208 5.6). */
typedef struct zl_spf_dual_cidr {
	uint8_t ip4;       /**< ip4 prefix, 32 when absent */
	uint8_t ip6;       /**< ip6 prefix, 128 when absent */
	bool ip4_present;  /**< "/N" was written */
	bool ip6_present;  /**< "//N" was written */
} zl_spf_dual_cidr_t;

/**
 * @brief A domain-spec or macro-string inside the record.
 * text points into zl_spf_record_t.text (the arena copy of the input).
 */
typedef struct zl_spf_spec {
	const char *text;  /**< first byte, not NUL-terminated */
	size_t len;        /**< length in bytes */
	size_t offset;     /**< byte offset in the record text */
	bool present;      /**< written in the term (a/mx/ptr may omit it) */
	bool empty;        /**< present but zero length ("a:", "exp=") */
	bool has_macro;    /**< contains at least one "%{...}" */
	bool trailing_dot; /**< ends with a literal "." (domain-end ".") */
	uint32_t letters;  /**< bit (l - 'a') set for every "%{l...}" used */
} zl_spf_spec_t;

/** @brief One term (directive or modifier) of the record. */
typedef struct zl_spf_term {
	zl_spf_kind_t kind;
	char qualifier;          /**< '+', '-', '~' or '?'; '+' if implicit */
	bool qualifier_explicit; /**< the qualifier was written */
	bool valid;              /**< no error was reported for this term */
	size_t offset;           /**< byte offset of the term in the text */
	size_t len;              /**< length of the term, qualifier included */
	const char *name;        /**< mechanism or modifier name as written */
	size_t name_len;
	/** include a mx ptr exists: ":" domain-spec; redirect exp: value */
	zl_spf_spec_t domain;
	/** modifiers: the text after "="; for unknown modifiers the
	 *  macro-string, validated (c, r, t not allowed) */
	zl_spf_spec_t value;
	zl_spf_dual_cidr_t cidr; /**< a, mx */
	zl_spf_addr_t addr;      /**< ip4, ip6 (family NONE if invalid) */
	unsigned prefix;         /**< ip4, ip6: prefix, default 32 / 128 */
	bool prefix_present;     /**< ip4, ip6: "/N" was written */
} zl_spf_term_t;

/** Term index of record-level diagnostics. */
#define ZL_SPF_NO_TERM ((ptrdiff_t)-1)

/** @brief A positioned diagnostic. */
typedef struct zl_spf_diag {
	zl_spf_code_t code;
	ptrdiff_t term;      /**< term index, or ZL_SPF_NO_TERM */
	size_t offset;       /**< byte offset in the text (<= text length) */
	const char *message; /**< git-style, printable ASCII, owned by arena */
} zl_spf_diag_t;

/** @brief A parsed record; everything in it is owned by the arena. */
typedef struct zl_spf_record {
	const char *text;        /**< arena copy of the input, NUL added */
	size_t len;              /**< input length */
	zl_spf_term_t *terms;    /**< n_terms terms, in record order */
	size_t n_terms;
	zl_spf_diag_t *errors;   /**< ZL_SPF_E_* only, in offset order per term */
	size_t n_errors;
	zl_spf_diag_t *warnings; /**< ZL_SPF_W_* only */
	size_t n_warnings;
	ptrdiff_t redirect;      /**< index of first valid redirect=, or -1 */
	ptrdiff_t exp;           /**< index of first valid exp=, or -1 */
} zl_spf_record_t;

/** Flags of zl_spf_macro_validate(). */
enum {
	/** allow c, r, t (RFC 7208 7.2): for the TXT string exp= names */
	ZL_SPF_MACRO_EXP_LETTERS = 1u << 0,
	/** allow SP between macro-strings: explain-string (RFC 7208 6.2) */
	ZL_SPF_MACRO_SPACES = 1u << 1
};

/** @brief Result of zl_spf_macro_validate(). */
typedef struct zl_spf_macro_info {
	zl_spf_code_t code;  /**< ZL_SPF_OK or the first error found */
	size_t offset;       /**< offset of that error within the text */
	unsigned n_macros;   /**< number of "%{...}" expansions */
	uint32_t letters;    /**< bit (l - 'a') for every letter used */
} zl_spf_macro_info_t;

/**
 * @brief Tell whether a text is an SPF record (RFC 7208 4.5).
 *
 * True when it starts with "v=spf1" (any case) followed by SP or the end,
 * so "v=spf10", "v=spf1\tmx" and " v=spf1" are not.
 * @param[in] text  record text, need not be NUL-terminated (NULL if len 0)
 * @param[in] len   its length in bytes
 * @return 1 if it is an SPF record, else 0
 */
int zl_spf_is_spf(const char *text, size_t len);

/**
 * @brief Parse an SPF record into terms, errors and warnings.
 *
 * Every term is classified and checked; after an error parsing resumes at
 * the next term, so each bad term gets (at least) one error.  A term gets at
 * most one syntax error (the first found, scanning left to right, except
 * that a permerror-class problem of a domain-spec is preferred to an
 * undefined-class one) plus possibly E_DUPLICATE_MODIFIER before it.  Bad
 * terms are still classified (kind) when their name was recognised.  Runs
 * in time and memory linear in @p len.
 * @param[out] out    the record; zeroed first, filled on success
 * @param[in]  text   record text (TXT strings concatenated), any bytes
 * @param[in]  len    its length
 * @param[in]  arena  owns everything reachable from @p out
 * @return 0 when the text was processed (out->n_errors may be nonzero: then
 *         receivers return permerror, see zl_spf_code_class()), ZL_EINVAL
 *         when out or arena is NULL or text is NULL with len > 0, ZL_ELIMIT
 *         when len exceeds SIZE_MAX / 8
 */
int zl_spf_parse(zl_spf_record_t *out, const char *text, size_t len,
		 zl_arena_t *arena);

/**
 * @brief Validate a macro-string (RFC 7208 7.1) or an explain-string.
 *
 * Use flags 0 for unknown-modifier values, ZL_SPF_MACRO_EXP_LETTERS |
 * ZL_SPF_MACRO_SPACES for the TXT string an exp= modifier points at.  Bytes
 * outside VCHAR (and SP without ZL_SPF_MACRO_SPACES) give E_BAD_CHAR.
 * This checks macro syntax only, not domain-end (see zl_spf_domain_validate).
 * @param[in]  text   the string, need not be NUL-terminated
 * @param[in]  len    its length
 * @param[in]  flags  ZL_SPF_MACRO_* bits
 * @param[out] info   code and offset of the first error, macro usage; may
 *                    be NULL
 * @return ZL_SPF_OK (0) if valid, else the (positive) error code;
 *         ZL_EINVAL if text is NULL with len > 0
 */
int zl_spf_macro_validate(const char *text, size_t len, unsigned flags,
			  zl_spf_macro_info_t *info);

/**
 * @brief Validate a domain-spec (RFC 7208 7.1): macro-string domain-end,
 *        plus the DNS label limits described at the top of this header.
 * @param[in]  text  the domain-spec, need not be NUL-terminated
 * @param[in]  len   its length (0 gives E_EMPTY_DOMAIN)
 * @param[out] info  code and offset of the first error; may be NULL
 * @return ZL_SPF_OK (0) if valid, else the error code; ZL_EINVAL if text
 *         is NULL with len > 0
 */
int zl_spf_domain_validate(const char *text, size_t len,
			   zl_spf_macro_info_t *info);

/**
 * @brief Stable lowercase name of a code ("bad-ip4").
 * @param[in] code  any value
 * @return static string; "unknown" for values outside the enum
 */
const char *zl_spf_code_name(zl_spf_code_t code);

/**
 * @brief Class of a code: permerror, undefined, warning.
 * @param[in] code  any value
 * @return the class; ZL_SPF_CLASS_NONE for ZL_SPF_OK and unknown values
 */
zl_spf_class_t zl_spf_code_class(zl_spf_code_t code);

/**
 * @brief Name of a term kind ("include", "redirect", "unknown-modifier").
 * @param[in] kind  any value
 * @return static string; "invalid" for ZL_SPF_INVALID and unknown values
 */
const char *zl_spf_kind_name(zl_spf_kind_t kind);

/**
 * @brief Whether a term costs a DNS lookup against the limit of 10
 *        (RFC 7208 4.6.4): include, a, mx, ptr, exists and redirect=.
 * @param[in] term  a term (NULL gives 0)
 * @return 1 if it counts, else 0
 */
int zl_spf_term_costs_lookup(const zl_spf_term_t *term);

/**
 * @brief Whether an ip4/ip6 term has address bits set beyond its prefix
 *        ("ip4:192.0.2.1/24"); receivers mask them, but it is usually a typo.
 * @param[in] term  a term (NULL gives 0)
 * @return 1 if so, 0 otherwise (also for other kinds and invalid terms)
 */
int zl_spf_cidr_host_bits_set(const zl_spf_term_t *term);

/**
 * @brief Whether the range of @p inner lies within the range of @p outer.
 * @param[in] outer  an ip4 or ip6 term
 * @param[in] inner  an ip4 or ip6 term
 * @return 1 if both are valid, of the same family, and outer's prefix is
 *         no longer than inner's and covers it; else 0
 */
int zl_spf_cidr_contains(const zl_spf_term_t *outer,
			 const zl_spf_term_t *inner);

/**
 * @brief Escape bytes for messages: bytes < 0x20, 0x7f and >= 0x80 become
 *        \DDD (three decimal digits, DNS presentation style), backslash and
 *        double quote become \\ and \".
 *
 * Writes at most @p size - 1 bytes and a NUL (nothing if size is 0), never
 * splitting an escape sequence.
 * @param[out] dst   buffer, may be NULL if size is 0
 * @param[in]  size  its size
 * @param[in]  src   bytes to escape (NULL only if len is 0)
 * @param[in]  len   their number
 * @return the length the full escaped text needs, NUL excluded
 */
size_t zl_spf_escape(char *dst, size_t size, const char *src, size_t len);

/**
 * @brief The text of a term, escaped as by zl_spf_escape(), for messages.
 * @param[in] rec    a parsed record
 * @param[in] index  term index (< rec->n_terms)
 * @param[in] max    at most this many input bytes are shown, then "..."
 *                   is appended; 0 means no limit
 * @param[in] arena  owns the result
 * @return NUL-terminated string owned by @p arena ("" for a bad index),
 *         NULL if arena is NULL
 */
char *zl_spf_term_str(const zl_spf_record_t *rec, size_t index, size_t max,
		      zl_arena_t *arena);

#endif
