/* zonelint: unit tests for the SPF record parser (src/spf.c).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "spf.h"
#include "common.h"

/*
 * Vectors are tables.  S() keeps the length of a literal so vectors may
 * hold NUL bytes.  Where our verdict (error or not) differs from pyspf 2.0.14
 * (python3-spf, evaluating the record with a fake DNS), the vector's "why"
 * says why the RFC wins; every other vector agrees with pyspf.
 */
#define S(lit) lit, sizeof(lit) - 1

/* ---- small helpers ---- */

static void parse_ok(zl_spf_record_t *r, const char *s, size_t n, zl_arena_t *a)
{
	assert_int_equal(zl_spf_parse(r, s, n, a), ZL_OK);
}

/* Every message is printable ASCII, git style: lowercase first, no '.' */
static void check_messages(const zl_spf_record_t *r)
{
	size_t i, k;
	for (i = 0; i < r->n_errors + r->n_warnings; i++) {
		const zl_spf_diag_t *d = i < r->n_errors ? &r->errors[i]
							 : &r->warnings[i - r->n_errors];
		const char *m = d->message;
		assert_non_null(m);
		size_t n = strlen(m);
		assert_true(n > 0);
		assert_true(m[0] >= 'a' && m[0] <= 'z');
		assert_true(m[n - 1] != '.' || (n >= 3 && strcmp(m + n - 3, "...") == 0) ||
			    m[n - 1] == '"');
		for (k = 0; k < n; k++)
			assert_true(m[k] >= 0x20 && m[k] <= 0x7e);
		assert_true(d->offset <= r->len);
		assert_true(d->term == ZL_SPF_NO_TERM ||
			    (d->term >= 0 && (size_t)d->term < r->n_terms));
	}
}

/* ---- zl_spf_is_spf (RFC 7208 4.5) ---- */

static const struct {
	const char *in;
	size_t len;
	int want;
} is_spf_vectors[] = {
	{ S("v=spf1"), 1 },
	{ S("v=spf1 "), 1 },
	{ S("v=spf1 -all"), 1 },
	{ S("V=SPF1 MX -ALL"), 1 },
	{ S("v=Spf1 mx"), 1 },
	{ S("v=spf10"), 0 },          /* version must end at SP or end */
	{ S("v=spf1mx"), 0 },
	{ S("v=spf1\tmx"), 0 },       /* TAB is not SP (4.5) */
	{ S("v=spf1\0 mx"), 0 },
	{ S("v=spf"), 0 },
	{ S(""), 0 },
	{ S(" v=spf1"), 0 },          /* must begin with the version */
	{ S("v=spf2.0/pra mx"), 0 },  /* Sender ID, not SPF */
	{ S("spf1 mx"), 0 },
	{ S("v=spf1"), 1 },
};

static void test_is_spf(void **state)
{
	(void)state;
	size_t i;
	for (i = 0; i < ZL_ARRAY_SIZE(is_spf_vectors); i++)
		assert_int_equal(zl_spf_is_spf(is_spf_vectors[i].in, is_spf_vectors[i].len),
				 is_spf_vectors[i].want);
	assert_int_equal(zl_spf_is_spf(NULL, 0), 0);
	assert_int_equal(zl_spf_is_spf(NULL, 6), 0);
	/* bounded: only len bytes are read */
	assert_int_equal(zl_spf_is_spf("v=spf1 mx", 6), 1);
	assert_int_equal(zl_spf_is_spf("v=spf1", 5), 0);
}

/* ---- records without errors ---- */

static const struct {
	const char *in;
	size_t len;
	size_t n_terms;
	const char *why; /* set where pyspf disagrees */
} valid_vectors[] = {
	/* RFC 7208 examples: 4.6 / A.1 / A.2 / D */
	{ S("v=spf1 +mx a:colo.example.com/28 -all"), 3, NULL },
	{ S("v=spf1 a/24 mx/24 ptr -all"), 4, NULL },
	{ S("v=spf1 include:example.com include:example.org -all"), 3, NULL },
	{ S("v=spf1 redirect=example.org"), 1, NULL },
	{ S("v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all"), 2, NULL },
	{ S("v=spf1 ip6:2001:db8::/32 -all"), 2, NULL },
	{ S("v=spf1 mx -all exp=explain._spf.%{d}"), 3, NULL },
	{ S("v=spf1 +all"), 1, NULL },
	{ S("v=spf1 a -all"), 2, NULL },
	{ S("v=spf1 a:example.org -all"), 2, NULL },
	{ S("v=spf1 mx mx:example.org -all"), 3, NULL },
	{ S("v=spf1 mx/30 mx:example.org/30 -all"), 3, NULL },
	{ S("v=spf1 ptr -all"), 2, NULL },
	{ S("v=spf1 ip4:192.0.2.128/28 -all"), 2, NULL },
	{ S("v=spf1 mx include:mx.example.org -all"), 3, NULL },
	{ S("v=spf1 -include:ip4._spf.%{d} -include:ptr._spf.%{d} +all"), 3, NULL },
	{ S("v=spf1 -ip4:192.0.2.0/24 +all"), 2, NULL },
	{ S("v=spf1 -ptr +all"), 2, NULL },
	{ S("v=spf1 -exists:%{ir}.sbl.example.org ?all"), 2, NULL },
	/* RFC 7208 7.4 expansion examples as domain-specs */
	{ S("v=spf1 exists:%{s} exists:%{o} exists:%{d} exists:%{d4} exists:%{d3}"), 5, NULL },
	{ S("v=spf1 exists:%{d2} exists:%{d1} exists:%{dr} exists:%{d2r}"), 4, NULL },
	{ S("v=spf1 exists:%{l} exists:%{l-} exists:%{lr} exists:%{lr-} exists:%{l1r-}"),
	  5, NULL },
	{ S("v=spf1 exists:%{ir}.%{v}._spf.%{d2} exists:%{lr-}.lp._spf.%{d2}"), 2, NULL },
	{ S("v=spf1 exists:%{lr-}.lp.%{ir}.%{v}._spf.%{d2}"), 1, NULL },
	{ S("v=spf1 exists:%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}"), 1, NULL },
	{ S("v=spf1 a:%{d2}.trusted-domains.example.net"), 1, NULL },
	{ S("v=spf1 exists:%{h}.%{p}.example.com"), 1, NULL },
	/* version and whitespace */
	{ S("v=spf1"), 0, NULL },
	{ S("v=spf1 "), 0, NULL },            /* *SP: only a warning */
	{ S("V=SPF1 MX -ALL"), 2, NULL },     /* ABNF is case-insensitive */
	{ S("v=spf1  mx"), 1, NULL },         /* 1*SP */
	{ S("v=spf1     mx     -all   "), 2, NULL },
	/* modifiers */
	{ S("v=spf1 foo=bar"), 1, NULL },
	{ S("v=spf1 foo="), 1, NULL },        /* macro-string may be empty */
	{ S("v=spf1 moo.cow-far_out=man:dog/cat ip4:1.2.3.4 -all"), 3, NULL },
	{ S("v=spf1 ip4:192.0.0.0/8 -all match.sub-domains_9=yes"), 3, NULL },
	{ S("v=spf1 f.o-o_=bar"), 1, NULL },
	{ S("v=spf1 all=foo"), 1, NULL },     /* ABNF: an unknown modifier */
	{ S("v=spf1 a=foo"), 1, NULL },
	{ S("v=spf1 include=example.com"), 1, NULL },
	{ S("v=spf1 default=deny"), 1, NULL },
	{ S("v=spf1 foo=%{d}%%%_%-"), 1, NULL },
	{ S("v=spf1 redirect=_spf.example.com"), 1, NULL },
	{ S("v=spf1 REDIRECT=example.com EXP=e.example.com"), 2, NULL },
	{ S("v=spf1 exp=%{d}"), 1, NULL },
	{ S("v=spf1 redirect=a.example exp=a.example"), 2, NULL },
	/* macros */
	{ S("v=spf1 a:%{d2r}"), 1, NULL },
	{ S("v=spf1 a:%{ir.}"), 1, NULL },
	{ S("v=spf1 a:%{l-}"), 1, NULL },
	{ S("v=spf1 a:%{d01}"), 1, NULL },    /* 01 is one: nonzero */
	{ S("v=spf1 a:%{D2R}"), 1, NULL },
	{ S("v=spf1 a:%{dR}"), 1, NULL },
	{ S("v=spf1 a:%{d2r+-,/_=}"), 1, NULL },
	{ S("v=spf1 a:%{d999999999999999999999}"), 1, NULL },
	{ S("v=spf1 a:%%.com a:%_.com a:%-.com"), 3, NULL },
	{ S("v=spf1 a:foo.%%"), 1,            /* domain-end = macro-expand */
	  "ABNF: \"%%\" is a macro-expand, so a valid domain-end; pyspf's"
	  " RE_INVALID_MACRO wrongly matches a final \"%\"" },
	{ S("v=spf1 exists:%{l}"), 1, NULL },
	{ S("v=spf1 exists:%{i}.example.com"), 1, NULL },
	{ S("v=spf1 include:%{d}"), 1,
	  "pyspf: 'include has trivial recursion' is an evaluation-time loop, the"
	  " grammar allows it (and other <domain>s make it no loop)" },
	{ S("v=spf1 a:%{d}.x1"), 1, NULL },
	{ S("v=spf1 -mx:%%%_/.Clara.de/27"), 1, NULL },
	{ S("v=spf1 ~exists:%{i}.%{s1}.100/86400.rate.%{d}"), 1, NULL },
	/* domain-specs */
	{ S("v=spf1 include:example.com."), 1, NULL },
	{ S("v=spf1 a:mail.example.com."), 1, NULL },
	{ S("v=spf1 a:-example.com"), 1, NULL },  /* "-example" is macro-literal */
	{ S("v=spf1 a:exa_mple.com"), 1, NULL },  /* "_" is macro-literal */
	{ S("v=spf1 include:example.123-4"), 1, NULL }, /* toplabel 2nd form */
	{ S("v=spf1 a:foo:bar.com/16//48"), 1, NULL },
	{ S("v=spf1 ptr:example.com"), 1, NULL },
	{ S("v=spf1 a:x.y-z"), 1, NULL },
	{ S("v=spf1 a:x.1a"), 1, NULL },
	{ S("v=spf1 a:x.a1"), 1, NULL },
	{ S("v=spf1 a:x.1-2"), 1, NULL },
	/* cidr */
	{ S("v=spf1 a:example.com/24//64"), 1, NULL },
	{ S("v=spf1 mx:%{d}/24"), 1, NULL },
	{ S("v=spf1 mx//64"), 1, NULL },
	{ S("v=spf1 a/24//64"), 1, NULL },
	{ S("v=spf1 a/0//0 mx/32//128"), 2, NULL },
	{ S("v=spf1 mx:a.b.c.d.example.com//128"), 1, NULL },
	/* addresses */
	{ S("v=spf1 ip4:1.2.3.4/0"), 1, NULL },
	{ S("v=spf1 ip4:0.0.0.0/0 ip4:255.255.255.255/32"), 2, NULL },
	{ S("v=spf1 ip4:192.0.2.1/24"), 1, NULL }, /* host bits: helper's job */
	{ S("v=spf1 IP4:192.0.2.1 IP6:2001:DB8::1"), 2, NULL },
	{ S("v=spf1 ip6:::1"), 1, NULL },
	{ S("v=spf1 ip6:::/0"), 1, NULL },
	{ S("v=spf1 ip6:::"), 1, NULL },
	{ S("v=spf1 ip6:2001:DB8::"), 1, NULL },
	{ S("v=spf1 ip6:::ffff:1.2.3.4"), 1, NULL },
	{ S("v=spf1 ip6:1:2:3:4:5:6:7:8"), 1, NULL },
	{ S("v=spf1 ip6:1:2:3:4:5:6:1.2.3.4"), 1, NULL },
	{ S("v=spf1 ip6:0000:0000:0000:0000:0000:0000:0000:0001/128"), 1, NULL },
	/* several of the same directive are allowed */
	{ S("v=spf1 ?all ~all"), 2, NULL },
};

static void test_valid(void **state)
{
	(void)state;
	size_t i;
	for (i = 0; i < ZL_ARRAY_SIZE(valid_vectors); i++) {
		zl_arena_t a;
		zl_spf_record_t r;
		zl_arena_init(&a);
		parse_ok(&r, valid_vectors[i].in, valid_vectors[i].len, &a);
		if (r.n_errors)
			print_error("vector %zu \"%s\": %s\n", i, valid_vectors[i].in,
				    r.errors[0].message);
		assert_int_equal(r.n_errors, 0);
		assert_int_equal(r.n_terms, valid_vectors[i].n_terms);
		size_t k;
		for (k = 0; k < r.n_terms; k++) {
			assert_true(r.terms[k].valid);
			assert_int_not_equal(r.terms[k].kind, ZL_SPF_INVALID);
		}
		check_messages(&r);
		zl_arena_free(&a);
	}
}

/* ---- records with one error: code, term index, offset ---- */

typedef struct err_vec {
	const char *in;
	size_t len;
	zl_spf_code_t code;
	ptrdiff_t term;
	const char *at;  /* the error offset is where this first occurs... */
	size_t off;      /* ...or this, when at is NULL */
	const char *why; /* set where pyspf disagrees */
} err_vec_t;

#define NT ZL_SPF_NO_TERM

static const err_vec_t error_vectors[] = {
	/* version, RFC 7208 4.5 */
	{ S("v=spf10"), ZL_SPF_E_VERSION, NT, NULL, 0, NULL },
	{ S(""), ZL_SPF_E_VERSION, NT, NULL, 0, NULL },
	{ S("v=spf1\tmx"), ZL_SPF_E_VERSION, NT, NULL, 0, NULL },
	{ S(" v=spf1 mx"), ZL_SPF_E_VERSION, NT, NULL, 0, NULL },
	{ S("v=spf2 mx"), ZL_SPF_E_VERSION, NT, NULL, 0, NULL },
	{ S("v=spf"), ZL_SPF_E_VERSION, NT, NULL, 0, NULL },
	{ S("\x80v=spf1"), ZL_SPF_E_VERSION, NT, NULL, 0, NULL },
	/* bytes outside VCHAR; TAB, CR are not separators (4.6.1) */
	{ S("v=spf1 mx\t-all"), ZL_SPF_E_BAD_CHAR, 0, "\t", 0, NULL },
	{ S("v=spf1 a:ctrl.example.com\rptr -all"), ZL_SPF_E_BAD_CHAR, 0, "\r", 0, NULL },
	{ S("v=spf1 a:\xEF\xBB\xBFgarbage.example.net -all"), ZL_SPF_E_BAD_CHAR, 0,
	  "\xEF", 0, NULL },
	{ S("v=spf1 a:example.net \x96" "all"), ZL_SPF_E_BAD_CHAR, 1, "\x96", 0, NULL },
	{ S("v=spf1 mx\0 -all"), ZL_SPF_E_BAD_CHAR, 0, NULL, 9, NULL },
	{ S("v=spf1 -all\x7f"), ZL_SPF_E_BAD_CHAR, 0, "\x7f", 0, NULL },
	{ S("v=spf1 mx\n"), ZL_SPF_E_BAD_CHAR, 0, "\n", 0, NULL },
	/* qualifier placement, 4.6.2 */
	{ S("v=spf1 +-all"), ZL_SPF_E_BAD_QUALIFIER, 0, "-all", 0, NULL },
	{ S("v=spf1 -"), ZL_SPF_E_BAD_QUALIFIER, 0, "-", 0, NULL },
	{ S("v=spf1 ~~"), ZL_SPF_E_BAD_QUALIFIER, 0, "~~", 0, NULL },
	{ S("v=spf1 all-"), ZL_SPF_E_BAD_QUALIFIER, 0, NULL, 10, NULL },
	{ S("v=spf1 mx? -all"), ZL_SPF_E_BAD_QUALIFIER, 0, "?", 0, NULL },
	{ S("v=spf1 +:foo.com"), ZL_SPF_E_BAD_QUALIFIER, 0, "+:", 0, NULL },
	/* unknown mechanisms, 5 */
	{ S("v=spf1 ipv4:192.0.2.1"), ZL_SPF_E_UNKNOWN_MECHANISM, 0, "ipv4", 0, NULL },
	{ S("v=spf1 a..b"), ZL_SPF_E_UNKNOWN_MECHANISM, 0, "a..b", 0, NULL },
	{ S("v=spf1 mx,"), ZL_SPF_E_UNKNOWN_MECHANISM, 0, "mx,", 0, NULL },
	{ S("v=spf1 1.2.3.4"), ZL_SPF_E_UNKNOWN_MECHANISM, 0, "1.2", 0, NULL },
	{ S("v=spf1 ip4:192.0.0.0/8 ?all moo"), ZL_SPF_E_UNKNOWN_MECHANISM, 2, "moo", 0, NULL },
	{ S("v=spf1 :foo.com"), ZL_SPF_E_UNKNOWN_MECHANISM, 0, ":foo", 0, NULL },
	{ S("v=spf1 -all."), ZL_SPF_E_UNKNOWN_MECHANISM, 0, "all.", 0, NULL },
	{ S("v=spf1 allx"), ZL_SPF_E_UNKNOWN_MECHANISM, 0, "allx", 0, NULL },
	{ S("v=spf1 include-example.com"), ZL_SPF_E_UNKNOWN_MECHANISM, 0, "incl", 0, NULL },
	{ S("v=spf1 ip:1.2.3.4"), ZL_SPF_E_UNKNOWN_MECHANISM, 0, "ip:", 0, NULL },
	/* missing ":" argument, 5.2, 5.6, 5.7 */
	{ S("v=spf1 include"), ZL_SPF_E_MISSING_ARGUMENT, 0, NULL, 14, NULL },
	{ S("v=spf1 exists"), ZL_SPF_E_MISSING_ARGUMENT, 0, NULL, 13, NULL },
	{ S("v=spf1 ip4"), ZL_SPF_E_MISSING_ARGUMENT, 0, NULL, 10, NULL },
	{ S("v=spf1 ip6 -all"), ZL_SPF_E_MISSING_ARGUMENT, 0, NULL, 10, NULL },
	{ S("v=spf1 ip4/24"), ZL_SPF_E_MISSING_ARGUMENT, 0, "/24", 0, NULL },
	/* all takes nothing, 5.1 */
	{ S("v=spf1 all:foo"), ZL_SPF_E_UNEXPECTED_ARGUMENT, 0, ":foo", 0, NULL },
	{ S("v=spf1 -all:foobar"), ZL_SPF_E_UNEXPECTED_ARGUMENT, 0, ":foobar", 0, NULL },
	/* empty domain-spec */
	{ S("v=spf1 include:"), ZL_SPF_E_EMPTY_DOMAIN, 0, NULL, 15, NULL },
	{ S("v=spf1 a:"), ZL_SPF_E_EMPTY_DOMAIN, 0, NULL, 9, NULL },
	{ S("v=spf1 mx:"), ZL_SPF_E_EMPTY_DOMAIN, 0, NULL, 10, NULL },
	{ S("v=spf1 ptr:"), ZL_SPF_E_EMPTY_DOMAIN, 0, NULL, 11, NULL },
	{ S("v=spf1 exists:"), ZL_SPF_E_EMPTY_DOMAIN, 0, NULL, 14, NULL },
	{ S("v=spf1 a:/24"), ZL_SPF_E_EMPTY_DOMAIN, 0, "/24", 0, NULL },
	{ S("v=spf1 mx://64"), ZL_SPF_E_EMPTY_DOMAIN, 0, "//64", 0, NULL },
	{ S("v=spf1 exp="), ZL_SPF_E_EMPTY_DOMAIN, 0, NULL, 11, NULL },
	{ S("v=spf1 redirect="), ZL_SPF_E_EMPTY_DOMAIN, 0, NULL, 16, NULL },
	{ S("v=spf1 ?all redirect="), ZL_SPF_E_EMPTY_DOMAIN, 1, NULL, 21, NULL },
	/* cidr where the ABNF has none */
	{ S("v=spf1 -all/8"), ZL_SPF_E_CIDR_NOT_ALLOWED, 0, "/8", 0, NULL },
	{ S("v=spf1 ptr/24"), ZL_SPF_E_CIDR_NOT_ALLOWED, 0, "/24", 0, NULL },
	{ S("v=spf1 include/24"), ZL_SPF_E_CIDR_NOT_ALLOWED, 0, "/24", 0, NULL },
	{ S("v=spf1 include:example.com/24"), ZL_SPF_E_CIDR_NOT_ALLOWED, 0, "/24", 0, NULL },
	{ S("v=spf1 exists:%{i}.example.com/24"), ZL_SPF_E_CIDR_NOT_ALLOWED, 0, "/24", 0,
	  NULL },
	{ S("v=spf1 ptr:example.com//64"), ZL_SPF_E_CIDR_NOT_ALLOWED, 0, "//64", 0, NULL },
	{ S("v=spf1 redirect=example.com/24"), ZL_SPF_E_CIDR_NOT_ALLOWED, 0, "/24", 0, NULL },
	{ S("v=spf1 ip4:192.0.2.1//64"), ZL_SPF_E_CIDR_NOT_ALLOWED, 0, "//64", 0, NULL },
	{ S("v=spf1 ip4:192.0.2.1/24//64"), ZL_SPF_E_CIDR_NOT_ALLOWED, 0, "/24//", 0, NULL },
	{ S("v=spf1 ip6:2001:db8::/32//48"), ZL_SPF_E_CIDR_NOT_ALLOWED, 0, "/32", 0, NULL },
	/* malformed cidr */
	{ S("v=spf1 a/24/64"), ZL_SPF_E_CIDR_SYNTAX, 0, "/24/", 0, NULL },
	{ S("v=spf1 a/24/"), ZL_SPF_E_CIDR_SYNTAX, 0, "/24/", 0, NULL },
	{ S("v=spf1 a/x"), ZL_SPF_E_CIDR_SYNTAX, 0, "/x", 0, NULL },
	{ S("v=spf1 ip4:192.0.2.0/24/"), ZL_SPF_E_CIDR_SYNTAX, 0, NULL, 23, NULL },
	{ S("v=spf1 ip4:192.0.2.0/2x"), ZL_SPF_E_CIDR_SYNTAX, 0, "x", 0, NULL },
	{ S("v=spf1 ip6:::1/64/"), ZL_SPF_E_CIDR_SYNTAX, 0, NULL, 17, NULL },
	{ S("v=spf1 ip4:192.0.2.1///64"), ZL_SPF_E_CIDR_SYNTAX, 0, NULL, 21, NULL },
	{ S("v=spf1 ip4:192.0.2.1/24/64"), ZL_SPF_E_CIDR_SYNTAX, 0, "/64", 0, NULL },
	/* empty cidr */
	{ S("v=spf1 a:foo.com/"), ZL_SPF_E_CIDR_EMPTY, 0, "/", 0, NULL },
	{ S("v=spf1 a:foo.com//"), ZL_SPF_E_CIDR_EMPTY, 0, "//", 0, NULL },
	{ S("v=spf1 ip4:1.2.3.4/"), ZL_SPF_E_CIDR_EMPTY, 0, "/", 0, NULL },
	{ S("v=spf1 ip6:::1/"), ZL_SPF_E_CIDR_EMPTY, 0, "/", 0, NULL },
	{ S("v=spf1 mx/24//"), ZL_SPF_E_CIDR_EMPTY, 0, "//", 0, NULL },
	{ S("v=spf1 a///64"), ZL_SPF_E_CIDR_EMPTY, 0, "/", 0, NULL },
	/* cidr digits, 5.6: "0" / %x31-39 0*1DIGIT */
	{ S("v=spf1 ip4:1.2.3.4/032"), ZL_SPF_E_CIDR_LEADING_ZERO, 0, "032", 0, NULL },
	{ S("v=spf1 ip4:1.2.3.4/00"), ZL_SPF_E_CIDR_LEADING_ZERO, 0, "00", 0, NULL },
	{ S("v=spf1 ip6:::/0128"), ZL_SPF_E_CIDR_LEADING_ZERO, 0, "0128", 0, NULL },
	{ S("v=spf1 ip6:::/000"), ZL_SPF_E_CIDR_LEADING_ZERO, 0, "000", 0, NULL },
	{ S("v=spf1 a/024"), ZL_SPF_E_CIDR_LEADING_ZERO, 0, "024", 0, NULL },
	{ S("v=spf1 mx//064"), ZL_SPF_E_CIDR_LEADING_ZERO, 0, "064", 0, NULL },
	{ S("v=spf1 a/33"), ZL_SPF_E_IP4_CIDR_RANGE, 0, "33", 0, NULL },
	{ S("v=spf1 a/33 -all"), ZL_SPF_E_IP4_CIDR_RANGE, 0, "33", 0, NULL },
	{ S("v=spf1 ip4:1.2.3.4/247"), ZL_SPF_E_IP4_CIDR_RANGE, 0, "247", 0, NULL },
	{ S("v=spf1 ip4:1.2.3.4/33"), ZL_SPF_E_IP4_CIDR_RANGE, 0, "33", 0, NULL },
	{ S("v=spf1 ip4:1.2.3.4/99999999999999999999"), ZL_SPF_E_IP4_CIDR_RANGE, 0, "999",
	  0, NULL },
	{ S("v=spf1 a:example.com/33//64"), ZL_SPF_E_IP4_CIDR_RANGE, 0, "33", 0, NULL },
	{ S("v=spf1 a//129"), ZL_SPF_E_IP6_CIDR_RANGE, 0, "129", 0, NULL },
	{ S("v=spf1 ip6:2001:db8::/129"), ZL_SPF_E_IP6_CIDR_RANGE, 0, "129", 0, NULL },
	{ S("v=spf1 mx/24//200"), ZL_SPF_E_IP6_CIDR_RANGE, 0, "200", 0, NULL },
	/* ip4-network: dotted quad of qnum, no leading zeros, 5.6 */
	{ S("v=spf1 ip4:1.2.3"), ZL_SPF_E_IP4_ADDRESS, 0, "1.2.3", 0, NULL },
	{ S("v=spf1 ip4:256.1.1.1"), ZL_SPF_E_IP4_ADDRESS, 0, "256", 0, NULL },
	{ S("v=spf1 ip4:192.0.2.01"), ZL_SPF_E_IP4_ADDRESS, 0, "192", 0, NULL },
	{ S("v=spf1 ip4:1.2.03.4/24"), ZL_SPF_E_IP4_ADDRESS, 0, "1.2", 0, NULL },
	{ S("v=spf1 ip4:192.0.0.n ?all"), ZL_SPF_E_IP4_ADDRESS, 0, "192", 0, NULL },
	{ S("v=spf1 ip4:"), ZL_SPF_E_IP4_ADDRESS, 0, NULL, 11, NULL },
	{ S("v=spf1 ip4:/24"), ZL_SPF_E_IP4_ADDRESS, 0, "/24", 0, NULL },
	{ S("v=spf1 ip4:1.2.3.4.5"), ZL_SPF_E_IP4_ADDRESS, 0, "1.2", 0, NULL },
	{ S("v=spf1 ip4:1..2.3"), ZL_SPF_E_IP4_ADDRESS, 0, "1..", 0, NULL },
	{ S("v=spf1 ip4:1.2.3.1234"), ZL_SPF_E_IP4_ADDRESS, 0, "1.2", 0, NULL },
	{ S("v=spf1 ip4:1.2.3.00"), ZL_SPF_E_IP4_ADDRESS, 0, "1.2", 0, NULL },
	{ S("v=spf1 ip4:2001:db8::1"), ZL_SPF_E_IP4_ADDRESS, 0, "2001", 0, NULL },
	{ S("v=spf1 ip4:1.2.3.4:8080"), ZL_SPF_E_IP4_ADDRESS, 0, "1.2", 0, NULL },
	{ S("v=spf1 ip4:+1.2.3.4"), ZL_SPF_E_IP4_ADDRESS, 0, "+1", 0, NULL },
	/* ip6-network: RFC 4291 2.2 */
	{ S("v=spf1 ip6:fe80::1%eth0"), ZL_SPF_E_IP6_ADDRESS, 0, "fe80", 0, NULL },
	{ S("v=spf1 ip6:2001:db8:ZZZZ:: ?all"), ZL_SPF_E_IP6_ADDRESS, 0, "2001", 0, NULL },
	{ S("v=spf1 ip6:1:2:3:4:5:6:7:8:9"), ZL_SPF_E_IP6_ADDRESS, 0, "1:2", 0, NULL },
	{ S("v=spf1 ip6:1::2::3"), ZL_SPF_E_IP6_ADDRESS, 0, "1::", 0, NULL },
	{ S("v=spf1 ip6:02001:db8::"), ZL_SPF_E_IP6_ADDRESS, 0, "0200", 0, NULL },
	{ S("v=spf1 ip6:"), ZL_SPF_E_IP6_ADDRESS, 0, NULL, 11, NULL },
	{ S("v=spf1 ip6:192.0.2.1"), ZL_SPF_E_IP6_ADDRESS, 0, "192", 0, NULL },
	{ S("v=spf1 ip6::"), ZL_SPF_E_IP6_ADDRESS, 0, NULL, 11, NULL },
	{ S("v=spf1 ip6::1:2:3:4:5:6:7"), ZL_SPF_E_IP6_ADDRESS, 0, NULL, 11, NULL },
	{ S("v=spf1 ip6:1:2:3:4:5:6:7:8:"), ZL_SPF_E_IP6_ADDRESS, 0, "1:2", 0, NULL },
	{ S("v=spf1 ip6:::ffff:1.2.3.04"), ZL_SPF_E_IP6_ADDRESS, 0, "::f", 0, NULL },
	{ S("v=spf1 ip6:::ffff:256.1.1.1"), ZL_SPF_E_IP6_ADDRESS, 0, "::f", 0, NULL },
	{ S("v=spf1 ip6:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000"),
	  ZL_SPF_E_IP6_ADDRESS, 0, "0000", 0, NULL },
	{ S("v=spf1 ip6:[::1]"), ZL_SPF_E_IP6_ADDRESS, 0, "[", 0, NULL },
	/* macro-expand, 7.1 */
	{ S("v=spf1 a:%x.com"), ZL_SPF_E_MACRO_ESCAPE, 0, "%x", 0, NULL },
	{ S("v=spf1 a:foo%"), ZL_SPF_E_MACRO_ESCAPE, 0, "%", 0, NULL },
	{ S("v=spf1 -all foo=%abc"), ZL_SPF_E_MACRO_ESCAPE, 1, "%", 0, NULL },
	{ S("v=spf1 -exists:%(ir).sbl.example.com ?all"), ZL_SPF_E_MACRO_ESCAPE, 0, "%(",
	  0, NULL },
	{ S("v=spf1 foo=%"), ZL_SPF_E_MACRO_ESCAPE, 0, "%", 0, NULL },
	{ S("v=spf1 a:%{d"), ZL_SPF_E_MACRO_UNTERMINATED, 0, "%{", 0, NULL },
	{ S("v=spf1 a:%{"), ZL_SPF_E_MACRO_UNTERMINATED, 0, "%{", 0, NULL },
	{ S("v=spf1 a:%{d.example.com"), ZL_SPF_E_MACRO_UNTERMINATED, 0, "%{", 0,
	  "ABNF 7.1: \"%\" is no macro-literal and \"%{\" must be a whole"
	  " macro-expand; pyspf keeps an unclosed \"%{\" as literal text" },
	{ S("v=spf1 foo=%{d2r"), ZL_SPF_E_MACRO_UNTERMINATED, 0, "%{", 0,
	  "ABNF 7.1, as above; pyspf keeps an unclosed \"%{\" as literal text" },
	{ S("v=spf1 a:%{z}.com"), ZL_SPF_E_MACRO_LETTER, 0, "z}", 0, NULL },
	{ S("v=spf1 a:%{}.com"), ZL_SPF_E_MACRO_LETTER, 0, "}", 0, NULL },
	{ S("v=spf1 a:%{a}.example.com -all"), ZL_SPF_E_MACRO_LETTER, 0, "a}", 0, NULL },
	{ S("v=spf1 foo=%{z}"), ZL_SPF_E_MACRO_LETTER, 0, "z}", 0, NULL },
	{ S("v=spf1 exists:%{%}.com"), ZL_SPF_E_MACRO_LETTER, 0, "%}", 0, NULL },
	/* c, r, t: explanation text only, 7.2 */
	{ S("v=spf1 a:%{c}"), ZL_SPF_E_MACRO_EXP_ONLY, 0, "c}", 0, NULL },
	{ S("v=spf1 -all exp=%{r}.example.com"), ZL_SPF_E_MACRO_EXP_ONLY, 1, "r}", 0, NULL },
	{ S("v=spf1 redirect=%{t}"), ZL_SPF_E_MACRO_EXP_ONLY, 0, "t}", 0, NULL },
	{ S("v=spf1 ptr:%{R}"), ZL_SPF_E_MACRO_EXP_ONLY, 0, "R}", 0, NULL },
	{ S("v=spf1 foo=%{c}"), ZL_SPF_E_MACRO_EXP_ONLY, 0, "c}", 0, NULL },
	/* transformers = *DIGIT [ "r" ], then *delimiter */
	{ S("v=spf1 a:%{dd}"), ZL_SPF_E_MACRO_TRANSFORMER, 0, "d}", 0,
	  "ABNF: after the letter only *DIGIT [\"r\"] *delimiter; pyspf ignores junk" },
	{ S("v=spf1 a:%{d2r;}"), ZL_SPF_E_MACRO_TRANSFORMER, 0, ";", 0,
	  "ABNF: ';' is not a delimiter; pyspf ignores junk" },
	{ S("v=spf1 a:%{d2rr}"), ZL_SPF_E_MACRO_TRANSFORMER, 0, "r}", 0,
	  "ABNF: one \"r\" at most; pyspf ignores junk" },
	{ S("v=spf1 a:%{d.2}"), ZL_SPF_E_MACRO_TRANSFORMER, 0, "2}", 0,
	  "ABNF: digits come before delimiters; pyspf ignores junk" },
	{ S("v=spf1 a:%{dr2}"), ZL_SPF_E_MACRO_TRANSFORMER, 0, "2}", 0,
	  "ABNF: digits come before \"r\"; pyspf ignores junk" },
	/* a DIGIT transformer MUST be nonzero, 7.3 */
	{ S("v=spf1 a:%{d0}"), ZL_SPF_E_MACRO_ZERO_DIGIT, 0, "0}", 0,
	  "RFC 7208 7.3: 'If a DIGIT is specified, the value MUST be nonzero'" },
	{ S("v=spf1 a:%{d00}"), ZL_SPF_E_MACRO_ZERO_DIGIT, 0, "00}", 0,
	  "RFC 7208 7.3: the value 00 is zero" },
	{ S("v=spf1 a:%{d0r}"), ZL_SPF_E_MACRO_ZERO_DIGIT, 0, "0r}", 0,
	  "RFC 7208 7.3: the value MUST be nonzero" },
	/* domain-end = ( "." toplabel [ "." ] ) / macro-expand */
	{ S("v=spf1 include:."), ZL_SPF_E_DOMAIN_END, 0, ".", 0, NULL },
	{ S("v=spf1 a:foo.com.."), ZL_SPF_E_DOMAIN_END, 0, NULL, 17, NULL },
	{ S("v=spf1 a:com"), ZL_SPF_E_DOMAIN_END, 0, "com", 0, NULL },
	{ S("v=spf1 a:%{d}x"), ZL_SPF_E_DOMAIN_END, 0, "x", 0, NULL },
	{ S("v=spf1 a:foo-bar -all"), ZL_SPF_E_DOMAIN_END, 0, "foo", 0, NULL },
	{ S("v=spf1 a:%{d}."), ZL_SPF_E_DOMAIN_END, 0, "}.", 1, NULL },
	{ S("v=spf1 exists:%{i}.%{d}com"), ZL_SPF_E_DOMAIN_END, 0, "com", 0, NULL },
	{ S("v=spf1 include:example"), ZL_SPF_E_DOMAIN_END, 0, "example", 0, NULL },
	{ S("v=spf1 exp=foo"), ZL_SPF_E_DOMAIN_END, 0, "foo", 0, NULL },
	/* toplabel, 7.1 */
	{ S("v=spf1 a:example.-com"), ZL_SPF_E_TOPLABEL_SYNTAX, 0, "-com", 0, NULL },
	{ S("v=spf1 a:example.com-"), ZL_SPF_E_TOPLABEL_SYNTAX, 0, "-", 0, NULL },
	{ S("v=spf1 a:foo.c_m"), ZL_SPF_E_TOPLABEL_SYNTAX, 0, "_", 0, NULL },
	{ S("v=spf1 a:example.com:8080"), ZL_SPF_E_TOPLABEL_SYNTAX, 0, ":8080", 0, NULL },
	{ S("v=spf1 a:foo.com,"), ZL_SPF_E_TOPLABEL_SYNTAX, 0, ",", 0, NULL },
	{ S("v=spf1 a:example.com/24x"), ZL_SPF_E_TOPLABEL_SYNTAX, 0, "/24x", 0, NULL },
	{ S("v=spf1 include:example.c-"), ZL_SPF_E_TOPLABEL_SYNTAX, 0, "-", 0, NULL },
	{ S("v=spf1 include:example.123"), ZL_SPF_E_TOPLABEL_NUMERIC, 0, "123", 0, NULL },
	{ S("v=spf1 a:111.222.33.44"), ZL_SPF_E_TOPLABEL_NUMERIC, 0, "44", 0, NULL },
	{ S("v=spf1 a:1.2.3.4"), ZL_SPF_E_TOPLABEL_NUMERIC, 0, "4", 0, NULL },
	{ S("v=spf1 a:abc.123"), ZL_SPF_E_TOPLABEL_NUMERIC, 0, "123", 0, NULL },
	{ S("v=spf1 a:%{d}.1"), ZL_SPF_E_TOPLABEL_NUMERIC, 0, "1", 0, NULL },
	{ S("v=spf1 a:foo.123."), ZL_SPF_E_TOPLABEL_NUMERIC, 0, "123", 0, NULL },
	/* modifier name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ), 4.6.1 */
	{ S("v=spf1 =a"), ZL_SPF_E_MODIFIER_NAME, 0, "=a", 0, NULL },
	{ S("v=spf1 =all"), ZL_SPF_E_MODIFIER_NAME, 0, "=all", 0, NULL },
	{ S("v=spf1 1up=foo"), ZL_SPF_E_MODIFIER_NAME, 0, "1up", 0, NULL },
	{ S("v=spf1 _foo=bar"), ZL_SPF_E_MODIFIER_NAME, 0, "_foo", 0, NULL },
	{ S("v=spf1 fo%o=bar"), ZL_SPF_E_MODIFIER_NAME, 0, "fo%", 0, NULL },
	{ S("v=spf1 -1foo=bar"), ZL_SPF_E_MODIFIER_NAME, 0, "1foo", 0, NULL },
	/* modifiers take no qualifier */
	{ S("v=spf1 -redirect=x.example"), ZL_SPF_E_MODIFIER_QUALIFIER, 0, "-", 0, NULL },
	{ S("v=spf1 ~exp=e.example"), ZL_SPF_E_MODIFIER_QUALIFIER, 0, "~", 0, NULL },
	{ S("v=spf1 +foo=bar"), ZL_SPF_E_MODIFIER_QUALIFIER, 0, "+", 0, NULL },
	/* redirect= and exp= at most once, 6 */
	{ S("v=spf1 redirect=a.example redirect=b.example"), ZL_SPF_E_DUPLICATE_MODIFIER, 1,
	  "redirect=b", 0, NULL },
	{ S("v=spf1 exp=a.example exp=b.example"), ZL_SPF_E_DUPLICATE_MODIFIER, 1,
	  "exp=b", 0, NULL },
	{ S("v=spf1 exp=a.example -all EXP=b.example"), ZL_SPF_E_DUPLICATE_MODIFIER, 2,
	  "EXP", 0, "names are case-insensitive (RFC 5234 2.3, RFC 7208 4.6.1);"
	  " pyspf compares modifier names case-sensitively" },
	{ S("v=spf1 redirect=a.example exp=x.example REDIRECT=c.example"),
	  ZL_SPF_E_DUPLICATE_MODIFIER, 2, "REDIRECT", 0,
	  "case-insensitive names, as above; pyspf takes REDIRECT= as unknown" },
	/* DNS limits on literal labels: class "undefined" */
	{ S("v=spf1 a:a..b"), ZL_SPF_E_EMPTY_LABEL, 0, ".b", 0,
	  "RFC 7208 leaves it undefined (test suite: fail or permerror); pyspf"
	  " treats the lookup as void" },
	{ S("v=spf1 a:mail.example...com -all"), ZL_SPF_E_EMPTY_LABEL, 0, "..com", 0,
	  "RFC 7208 undefined, see invalid-domain-empty-label in its test suite" },
	{ S("v=spf1 a:.foo.com"), ZL_SPF_E_EMPTY_LABEL, 0, ".foo", 0,
	  "RFC 7208 undefined; no query can be made for the name" },
	{ S("v=spf1 exists:%{i}..example.com"), ZL_SPF_E_EMPTY_LABEL, 0, ".example", 0,
	  "RFC 7208 undefined; the literal label is empty whatever %{i} is" },
	{ S("v=spf1 a:a123456789012345678901234567890123456789012345678901234567890123"
	    ".example.com -all"), ZL_SPF_E_LABEL_TOO_LONG, 0, "a123", 0,
	  "RFC 7208 undefined, see invalid-domain-long in its test suite" },
	{ S("v=spf1 a:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    ".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    ".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    ".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    ".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    ".example"), ZL_SPF_E_NAME_TOO_LONG, 0, "aaa", 0,
	  "RFC 7208 undefined; RFC 1035 caps names at 255 octets" },
};

static size_t vec_offset(const err_vec_t *v)
{
	if (!v->at)
		return v->off;
	/* the first occurrence after the version, or in the whole text */
	size_t from = v->len >= 7 && v->code != ZL_SPF_E_VERSION ? 7 : 0;
	size_t n = strlen(v->at), i;
	for (i = from; i + n <= v->len; i++) {
		if (memcmp(v->in + i, v->at, n) == 0)
			return i + v->off;
	}
	fail_msg("marker \"%s\" not in vector \"%s\"", v->at, v->in);
	return 0;
}

static void test_errors(void **state)
{
	(void)state;
	size_t i;
	for (i = 0; i < ZL_ARRAY_SIZE(error_vectors); i++) {
		const err_vec_t *v = &error_vectors[i];
		zl_arena_t a;
		zl_spf_record_t r;
		zl_arena_init(&a);
		parse_ok(&r, v->in, v->len, &a);
		if (r.n_errors != 1 || r.errors[0].code != v->code ||
		    r.errors[0].offset != vec_offset(v) || r.errors[0].term != v->term)
			print_error("vector %zu \"%s\": got %zu errors, first %s at %zu term"
				    " %td: %s\n", i, v->in, r.n_errors,
				    r.n_errors ? zl_spf_code_name(r.errors[0].code) : "-",
				    r.n_errors ? r.errors[0].offset : 0,
				    r.n_errors ? r.errors[0].term : 0,
				    r.n_errors ? r.errors[0].message : "");
		assert_int_equal(r.n_errors, 1);
		assert_int_equal(r.errors[0].code, v->code);
		assert_int_equal(r.errors[0].offset, vec_offset(v));
		assert_int_equal(r.errors[0].term, v->term);
		if (v->term >= 0)
			assert_false(r.terms[v->term].valid);
		check_messages(&r);
		zl_arena_free(&a);
	}
}

/* ---- every bad term is reported, parsing goes on ---- */

static void test_multiple_errors(void **state)
{
	(void)state;
	static const char rec[] =
		"v=spf1 ipv4:1.2.3.4 a:%{z}.com mx/33 ip4:1.2.3 -all foo=%x"
		" redirect=a.example redirect=b..example ip6:::1 x\ty";
	static const struct {
		zl_spf_code_t code;
		ptrdiff_t term;
	} want[] = {
		{ ZL_SPF_E_UNKNOWN_MECHANISM, 0 },
		{ ZL_SPF_E_MACRO_LETTER, 1 },
		{ ZL_SPF_E_IP4_CIDR_RANGE, 2 },
		{ ZL_SPF_E_IP4_ADDRESS, 3 },
		{ ZL_SPF_E_MACRO_ESCAPE, 5 },
		{ ZL_SPF_E_DUPLICATE_MODIFIER, 7 },
		{ ZL_SPF_E_EMPTY_LABEL, 7 },
		{ ZL_SPF_E_BAD_CHAR, 9 },
	};
	zl_arena_t a;
	zl_spf_record_t r;
	size_t i;
	zl_arena_init(&a);
	parse_ok(&r, rec, sizeof(rec) - 1, &a);
	assert_int_equal(r.n_terms, 10);
	assert_int_equal(r.n_errors, ZL_ARRAY_SIZE(want));
	for (i = 0; i < ZL_ARRAY_SIZE(want); i++) {
		assert_int_equal(r.errors[i].code, want[i].code);
		assert_int_equal(r.errors[i].term, want[i].term);
		if (i > 0)
			assert_true(r.errors[i].offset >= r.errors[i - 1].offset);
	}
	/* good terms stay good */
	assert_true(r.terms[4].valid);
	assert_int_equal(r.terms[4].kind, ZL_SPF_ALL);
	assert_true(r.terms[6].valid);
	assert_int_equal(r.redirect, 6);
	assert_true(r.terms[8].valid);
	assert_int_equal(r.terms[8].kind, ZL_SPF_IP6);
	/* the bad terms are still classified where possible */
	assert_int_equal(r.terms[0].kind, ZL_SPF_INVALID);
	assert_int_equal(r.terms[1].kind, ZL_SPF_A);
	assert_int_equal(r.terms[2].kind, ZL_SPF_MX);
	assert_int_equal(r.terms[3].kind, ZL_SPF_IP4);
	assert_int_equal(r.terms[3].addr.family, ZL_SPF_AF_NONE);
	assert_int_equal(r.terms[5].kind, ZL_SPF_UNKNOWN_MOD);
	assert_int_equal(r.terms[7].kind, ZL_SPF_REDIRECT);
	check_messages(&r);
	zl_arena_free(&a);
}

/* ---- inputs found by fuzzing (tests/fuzz/fuzz_spf.c) ---- */

static void test_fuzz_finds(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_spf_record_t r;
	zl_arena_init(&a);
	/* crash-919e7d9c: a bad byte must not hide the term's qualifier */
	static const char c1[] = "v=spf1 \212\302\214v=s1 +mxcom\01728 \015\224\374\232\021";
	parse_ok(&r, c1, sizeof(c1) - 1, &a);
	assert_int_equal(r.n_terms, 3);
	assert_int_equal(r.n_errors, 3);
	assert_int_equal(r.errors[1].code, ZL_SPF_E_BAD_CHAR);
	assert_int_equal(r.errors[1].offset, 21);
	assert_true(r.terms[1].qualifier_explicit);
	assert_int_equal(r.terms[1].qualifier, '+');
	check_messages(&r);
	zl_arena_free(&a);
}

/* ---- parsed values ---- */

static void assert_span(const zl_spf_spec_t *sp, const char *rec, const char *want)
{
	assert_true(sp->present);
	assert_int_equal(sp->len, strlen(want));
	assert_memory_equal(sp->text, want, sp->len);
	assert_memory_equal(rec + sp->offset, want, sp->len);
}

static void test_term_fields(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_spf_record_t r;
	zl_arena_init(&a);

	/* RFC 7208 4.6 example */
	char rec[] = "v=spf1 +mx a:colo.example.com/28 -all";
	parse_ok(&r, rec, strlen(rec), &a);
	assert_int_equal(r.n_terms, 3);
	const zl_spf_term_t *t = r.terms;
	assert_int_equal(t[0].kind, ZL_SPF_MX);
	assert_int_equal(t[0].qualifier, '+');
	assert_true(t[0].qualifier_explicit);
	assert_int_equal(t[0].offset, 7);
	assert_int_equal(t[0].len, 3);
	assert_int_equal(t[0].name_len, 2);
	assert_memory_equal(t[0].name, "mx", 2);
	assert_false(t[0].domain.present);
	assert_false(t[0].cidr.ip4_present);
	assert_int_equal(t[0].cidr.ip4, 32);
	assert_int_equal(t[0].cidr.ip6, 128);

	assert_int_equal(t[1].kind, ZL_SPF_A);
	assert_int_equal(t[1].qualifier, '+');
	assert_false(t[1].qualifier_explicit);
	assert_int_equal(t[1].offset, 11);
	assert_int_equal(t[1].len, 21);
	assert_span(&t[1].domain, rec, "colo.example.com");
	assert_int_equal(t[1].domain.offset, 13);
	assert_false(t[1].domain.has_macro);
	assert_false(t[1].domain.empty);
	assert_false(t[1].domain.trailing_dot);
	assert_true(t[1].cidr.ip4_present);
	assert_int_equal(t[1].cidr.ip4, 28);
	assert_false(t[1].cidr.ip6_present);
	assert_int_equal(t[1].cidr.ip6, 128);

	assert_int_equal(t[2].kind, ZL_SPF_ALL);
	assert_int_equal(t[2].qualifier, '-');
	assert_true(t[2].qualifier_explicit);
	assert_int_equal(t[2].offset, 33);
	assert_int_equal(t[2].len, 4);
	assert_int_equal(r.redirect, -1);
	assert_int_equal(r.exp, -1);
	/* the record owns a copy: the input may go away */
	memset(rec, 'x', sizeof(rec) - 1);
	assert_memory_equal(r.text + 11, "a:colo", 6);
	assert_span(&r.terms[1].domain, r.text, "colo.example.com");

	/* dual cidr, macros, trailing dot, qualifiers */
	static const char r2[] =
		"v=spf1 ~A:Example.COM./24//64 ?mx//48 ptr:%{d2}.x exists:%{Ir}.%{l1r-}.%{D}"
		" ip4:192.0.2.1/24 -IP6:2001:DB8::1 ip4:10.0.0.1 ip6:::/0";
	parse_ok(&r, r2, sizeof(r2) - 1, &a);
	assert_int_equal(r.n_errors, 0);
	assert_int_equal(r.n_terms, 8);
	t = r.terms;
	assert_int_equal(t[0].kind, ZL_SPF_A);
	assert_int_equal(t[0].qualifier, '~');
	assert_span(&t[0].domain, r2, "Example.COM.");
	assert_true(t[0].domain.trailing_dot);
	assert_true(t[0].cidr.ip4_present);
	assert_int_equal(t[0].cidr.ip4, 24);
	assert_true(t[0].cidr.ip6_present);
	assert_int_equal(t[0].cidr.ip6, 64);
	assert_int_equal(t[1].kind, ZL_SPF_MX);
	assert_int_equal(t[1].qualifier, '?');
	assert_false(t[1].cidr.ip4_present);
	assert_int_equal(t[1].cidr.ip4, 32);
	assert_true(t[1].cidr.ip6_present);
	assert_int_equal(t[1].cidr.ip6, 48);
	assert_int_equal(t[2].kind, ZL_SPF_PTR);
	assert_span(&t[2].domain, r2, "%{d2}.x");
	assert_true(t[2].domain.has_macro);
	assert_int_equal(t[2].domain.letters, 1u << ('d' - 'a'));
	assert_int_equal(t[3].kind, ZL_SPF_EXISTS);
	assert_int_equal(t[3].domain.letters,
			 (1u << ('i' - 'a')) | (1u << ('l' - 'a')) | (1u << ('d' - 'a')));
	assert_int_equal(t[4].kind, ZL_SPF_IP4);
	assert_int_equal(t[4].addr.family, ZL_SPF_AF_INET4);
	static const uint8_t a4[16] = { 192, 0, 2, 1 };
	assert_memory_equal(t[4].addr.bytes, a4, 16);
	assert_true(t[4].prefix_present);
	assert_int_equal(t[4].prefix, 24);
	assert_int_equal(t[5].kind, ZL_SPF_IP6);
	assert_int_equal(t[5].qualifier, '-');
	assert_int_equal(t[5].addr.family, ZL_SPF_AF_INET6);
	static const uint8_t a6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
					0, 0, 0, 0, 0, 0, 0, 1 };
	assert_memory_equal(t[5].addr.bytes, a6, 16);
	assert_false(t[5].prefix_present);
	assert_int_equal(t[5].prefix, 128);
	assert_false(t[6].prefix_present);
	assert_int_equal(t[6].prefix, 32);
	assert_true(t[7].prefix_present);
	assert_int_equal(t[7].prefix, 0);

	/* modifiers */
	static const char r3[] = "v=spf1 -all Exp=explain._spf.%{d} moo.cow=x%{L}y"
				 " foo= redirect=_spf.example.com";
	parse_ok(&r, r3, sizeof(r3) - 1, &a);
	assert_int_equal(r.n_errors, 0);
	assert_int_equal(r.n_terms, 5);
	t = r.terms;
	assert_int_equal(t[1].kind, ZL_SPF_EXP);
	assert_int_equal(t[1].name_len, 3);
	assert_memory_equal(t[1].name, "Exp", 3);
	assert_span(&t[1].domain, r3, "explain._spf.%{d}");
	assert_span(&t[1].value, r3, "explain._spf.%{d}");
	assert_true(t[1].domain.has_macro);
	assert_int_equal(r.exp, 1);
	assert_int_equal(t[2].kind, ZL_SPF_UNKNOWN_MOD);
	assert_int_equal(t[2].name_len, 7);
	assert_memory_equal(t[2].name, "moo.cow", 7);
	assert_span(&t[2].value, r3, "x%{L}y");
	assert_true(t[2].value.has_macro);
	assert_int_equal(t[2].value.letters, 1u << ('l' - 'a'));
	assert_false(t[2].domain.present);
	assert_int_equal(t[3].kind, ZL_SPF_UNKNOWN_MOD);
	assert_true(t[3].value.present);
	assert_true(t[3].value.empty);
	assert_int_equal(t[4].kind, ZL_SPF_REDIRECT);
	assert_span(&t[4].domain, r3, "_spf.example.com");
	assert_int_equal(r.redirect, 4);
	assert_false(t[4].qualifier_explicit);

	/* empty domain-spec is flagged empty */
	parse_ok(&r, S("v=spf1 a:"), &a);
	assert_true(r.terms[0].domain.present);
	assert_true(r.terms[0].domain.empty);

	/* a bad modifier with qualifier is classified but invalid, not counted */
	parse_ok(&r, S("v=spf1 -redirect=a.example redirect=b.example"), &a);
	assert_int_equal(r.n_errors, 1);
	assert_int_equal(r.errors[0].code, ZL_SPF_E_MODIFIER_QUALIFIER);
	assert_int_equal(r.terms[0].kind, ZL_SPF_REDIRECT);
	assert_false(r.terms[0].valid);
	assert_true(r.terms[1].valid);
	assert_int_equal(r.redirect, 1);

	zl_arena_free(&a);
}

/* ---- warnings ---- */

static void test_warnings(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t len;
		size_t n_warnings;
		size_t off;
	} v[] = {
		{ S("v=spf1 "), 1, 6 },
		{ S("v=spf1 mx   "), 1, 9 },
		{ S("v=spf1 mx -all "), 1, 14 },
		{ S("v=spf1 mx"), 0, 0 },
		{ S("v=spf1"), 0, 0 },
		{ S("v=spf10 "), 0, 0 }, /* not SPF: only the version error */
	};
	size_t i;
	for (i = 0; i < ZL_ARRAY_SIZE(v); i++) {
		zl_arena_t a;
		zl_spf_record_t r;
		zl_arena_init(&a);
		parse_ok(&r, v[i].in, v[i].len, &a);
		assert_int_equal(r.n_warnings, v[i].n_warnings);
		if (v[i].n_warnings) {
			assert_int_equal(r.warnings[0].code, ZL_SPF_W_TRAILING_SPACE);
			assert_int_equal(r.warnings[0].offset, v[i].off);
			assert_int_equal(r.warnings[0].term, ZL_SPF_NO_TERM);
			assert_int_equal(r.n_errors, 0);
		}
		check_messages(&r);
		zl_arena_free(&a);
	}
}

/* ---- zl_spf_macro_validate / zl_spf_domain_validate ---- */

#define EXPTXT (ZL_SPF_MACRO_EXP_LETTERS | ZL_SPF_MACRO_SPACES)

static const struct {
	const char *in;
	size_t len;
	unsigned flags;
	int code;
	size_t off;
	unsigned n_macros;
} macro_vectors[] = {
	/* RFC 7208 6.2 explanation examples */
	{ S("%{i} is not one of %{d}'s designated mail servers."), EXPTXT, 0, 0, 2 },
	{ S("See http://%{d}/why.html?s=%{S}&i=%{I}"), EXPTXT, 0, 0, 3 },
	{ S("%{c} %{r} %{t} %{C2r.}"), EXPTXT, 0, 0, 4 },
	{ S("%%%_%-"), 0, 0, 0, 0 },
	{ S(""), 0, 0, 0, 0 },
	{ S("%{c}"), ZL_SPF_MACRO_SPACES, ZL_SPF_E_MACRO_EXP_ONLY, 2, 0 },
	{ S("%{c} x"), 0, ZL_SPF_E_MACRO_EXP_ONLY, 2, 0 },
	{ S("a b"), 0, ZL_SPF_E_BAD_CHAR, 1, 0 },
	{ S("a b"), ZL_SPF_MACRO_SPACES, 0, 0, 0 },
	{ S("a\tb"), EXPTXT, ZL_SPF_E_BAD_CHAR, 1, 0 },
	{ S("caf\xc3\xa9"), EXPTXT, ZL_SPF_E_BAD_CHAR, 3, 0 },
	{ S("a\0b"), EXPTXT, ZL_SPF_E_BAD_CHAR, 1, 0 },
	{ S("100%"), EXPTXT, ZL_SPF_E_MACRO_ESCAPE, 3, 0 },
	{ S("100% sure"), EXPTXT, ZL_SPF_E_MACRO_ESCAPE, 3, 0 },
	{ S("%{z}"), EXPTXT, ZL_SPF_E_MACRO_LETTER, 2, 0 },
	{ S("%{d"), EXPTXT, ZL_SPF_E_MACRO_UNTERMINATED, 0, 0 },
	{ S("%{d }"), EXPTXT, ZL_SPF_E_MACRO_TRANSFORMER, 3, 0 },
	{ S("%{d0}"), EXPTXT, ZL_SPF_E_MACRO_ZERO_DIGIT, 3, 0 },
	{ S("%{\0}"), EXPTXT, ZL_SPF_E_MACRO_LETTER, 2, 0 },
	{ S("%{d\0}"), EXPTXT, ZL_SPF_E_MACRO_TRANSFORMER, 3, 0 },
	{ S("x%{d}y%{d}z%{q}"), 0, ZL_SPF_E_MACRO_LETTER, 13, 2 },
};

static void test_macro_validate(void **state)
{
	(void)state;
	size_t i;
	for (i = 0; i < ZL_ARRAY_SIZE(macro_vectors); i++) {
		zl_spf_macro_info_t info;
		int rc = zl_spf_macro_validate(macro_vectors[i].in, macro_vectors[i].len,
					       macro_vectors[i].flags, &info);
		if (rc != macro_vectors[i].code)
			print_error("macro vector %zu: got %d\n", i, rc);
		assert_int_equal(rc, macro_vectors[i].code);
		assert_int_equal(info.code, macro_vectors[i].code);
		assert_int_equal(info.offset, macro_vectors[i].off);
		assert_int_equal(info.n_macros, macro_vectors[i].n_macros);
		/* NULL info is fine */
		assert_int_equal(zl_spf_macro_validate(macro_vectors[i].in,
						       macro_vectors[i].len,
						       macro_vectors[i].flags, NULL),
				 macro_vectors[i].code);
	}
	zl_spf_macro_info_t info;
	assert_int_equal(zl_spf_macro_validate("%{i}%{D}%{v}", 12, 0, &info), 0);
	assert_int_equal(info.letters,
			 (1u << ('i' - 'a')) | (1u << ('d' - 'a')) | (1u << ('v' - 'a')));
	assert_int_equal(zl_spf_macro_validate(NULL, 0, 0, &info), 0);
	assert_int_equal(zl_spf_macro_validate(NULL, 1, 0, &info), ZL_EINVAL);
}

static const struct {
	const char *in;
	size_t len;
	int code;
	size_t off;
} domain_vectors[] = {
	{ S("example.com"), 0, 0 },
	{ S("example.com."), 0, 0 },
	{ S("%{d}"), 0, 0 },
	{ S("%{d}.%{d}"), 0, 0 },
	{ S("_spf.%{d2}"), 0, 0 },
	{ S("x.%%"), 0, 0 },
	{ S(""), ZL_SPF_E_EMPTY_DOMAIN, 0 },
	{ S("."), ZL_SPF_E_DOMAIN_END, 0 },
	{ S(".."), ZL_SPF_E_DOMAIN_END, 1 },
	{ S("com"), ZL_SPF_E_DOMAIN_END, 0 },
	{ S("a..b"), ZL_SPF_E_EMPTY_LABEL, 2 },
	{ S("x.%{c}"), ZL_SPF_E_MACRO_EXP_ONLY, 4 },
	{ S("x.com "), ZL_SPF_E_BAD_CHAR, 5 },
	{ S("x.-"), ZL_SPF_E_TOPLABEL_SYNTAX, 2 },
	{ S("x.9"), ZL_SPF_E_TOPLABEL_NUMERIC, 2 },
	/* 63-octet label fine, 64 not; %- counts 3 octets, %% one */
	{ S("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com"), 0, 0 },
	{ S("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com"),
	  ZL_SPF_E_LABEL_TOO_LONG, 0 },
	{ S("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa%%.com"), 0, 0 },
	{ S("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa%-.com"),
	  ZL_SPF_E_LABEL_TOO_LONG, 0 },
	/* a label holding "%{...}" is not judged */
	{ S("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa%{d}.com"), 0, 0 },
};

static void test_domain_validate(void **state)
{
	(void)state;
	size_t i;
	for (i = 0; i < ZL_ARRAY_SIZE(domain_vectors); i++) {
		zl_spf_macro_info_t info;
		int rc = zl_spf_domain_validate(domain_vectors[i].in, domain_vectors[i].len,
						&info);
		if (rc != domain_vectors[i].code)
			print_error("domain vector %zu: got %d\n", i, rc);
		assert_int_equal(rc, domain_vectors[i].code);
		assert_int_equal(info.offset, domain_vectors[i].off);
	}
	/*
	 * Name length: 63.63.63.57.com is 253 characters, 255 octets in wire
	 * form: fine; with a trailing dot too; one more octet is too long,
	 * unless a macro makes the length unknown (receivers truncate, 7.3).
	 */
	static const struct {
		size_t fourth;
		const char *end;
		int code;
	} names[] = {
		{ 57, ".com", 0 },
		{ 57, ".com.", 0 },
		{ 58, ".com", ZL_SPF_E_NAME_TOO_LONG },
		{ 58, ".com.", ZL_SPF_E_NAME_TOO_LONG },
		{ 58, ".%{d}", 0 },
	};
	for (i = 0; i < ZL_ARRAY_SIZE(names); i++) {
		char buf[300];
		size_t n = 0, k;
		for (k = 0; k < 4; k++) {
			size_t l = k < 3 ? 63 : names[i].fourth;
			if (k)
				buf[n++] = '.';
			memset(buf + n, 'a', l);
			n += l;
		}
		memcpy(buf + n, names[i].end, strlen(names[i].end));
		n += strlen(names[i].end);
		assert_int_equal(zl_spf_domain_validate(buf, n, NULL), names[i].code);
	}
	assert_int_equal(zl_spf_domain_validate(NULL, 3, NULL), ZL_EINVAL);
	assert_int_equal(zl_spf_domain_validate(NULL, 0, NULL), ZL_SPF_E_EMPTY_DOMAIN);
}

/* ---- helpers for the checks ---- */

static const zl_spf_term_t *one_term(zl_spf_record_t *r, const char *rec, zl_arena_t *a)
{
	parse_ok(r, rec, strlen(rec), a);
	assert_int_equal(r->n_terms, 1);
	return &r->terms[0];
}

static void test_costs_lookup(void **state)
{
	(void)state;
	static const struct {
		const char *rec;
		int want;
	} v[] = {
		{ "v=spf1 include:example.com", 1 }, { "v=spf1 a", 1 },
		{ "v=spf1 mx:example.com/24", 1 },   { "v=spf1 ptr", 1 },
		{ "v=spf1 exists:%{i}.x.example", 1 }, { "v=spf1 redirect=x.example", 1 },
		{ "v=spf1 -all", 0 },                { "v=spf1 ip4:192.0.2.1", 0 },
		{ "v=spf1 ip6:::1", 0 },             { "v=spf1 exp=x.example", 0 },
		{ "v=spf1 foo=bar", 0 },             { "v=spf1 bogus", 0 },
	};
	size_t i;
	for (i = 0; i < ZL_ARRAY_SIZE(v); i++) {
		zl_arena_t a;
		zl_spf_record_t r;
		zl_arena_init(&a);
		assert_int_equal(zl_spf_term_costs_lookup(one_term(&r, v[i].rec, &a)),
				 v[i].want);
		zl_arena_free(&a);
	}
	assert_int_equal(zl_spf_term_costs_lookup(NULL), 0);
}

static void test_host_bits(void **state)
{
	(void)state;
	static const struct {
		const char *rec;
		int want;
	} v[] = {
		{ "v=spf1 ip4:192.0.2.1/24", 1 },
		{ "v=spf1 ip4:192.0.2.0/24", 0 },
		{ "v=spf1 ip4:192.0.2.1", 0 },
		{ "v=spf1 ip4:192.0.2.128/25", 0 },
		{ "v=spf1 ip4:192.0.2.129/25", 1 },
		{ "v=spf1 ip4:0.0.0.1/0", 1 },
		{ "v=spf1 ip4:0.0.0.0/0", 0 },
		{ "v=spf1 ip6:2001:db8::1/64", 1 },
		{ "v=spf1 ip6:2001:db8::/32", 0 },
		{ "v=spf1 ip6:2001:db8:0:0:8000::/64", 1 },
		{ "v=spf1 ip6:2001:db8:0:0:8000::/65", 0 },
		{ "v=spf1 ip6:::1", 0 },
		{ "v=spf1 a/24", 0 },
		{ "v=spf1 ip4:192.0.2.1/33", 0 },
	};
	size_t i;
	for (i = 0; i < ZL_ARRAY_SIZE(v); i++) {
		zl_arena_t a;
		zl_spf_record_t r;
		zl_arena_init(&a);
		assert_int_equal(zl_spf_cidr_host_bits_set(one_term(&r, v[i].rec, &a)),
				 v[i].want);
		zl_arena_free(&a);
	}
	assert_int_equal(zl_spf_cidr_host_bits_set(NULL), 0);
}

static void test_contains(void **state)
{
	(void)state;
	static const struct {
		const char *outer, *inner;
		int want;
	} v[] = {
		{ "v=spf1 ip4:192.0.2.0/24", "v=spf1 ip4:192.0.2.128/25", 1 },
		{ "v=spf1 ip4:192.0.2.128/25", "v=spf1 ip4:192.0.2.0/24", 0 },
		{ "v=spf1 ip4:192.0.2.0/25", "v=spf1 ip4:192.0.2.0/24", 0 },
		{ "v=spf1 ip6:2001:db8::/64", "v=spf1 ip6:2001:db8::/48", 0 },
		{ "v=spf1 ip4:192.0.2.0/24", "v=spf1 ip4:192.0.3.0/24", 0 },
		{ "v=spf1 ip4:192.0.2.0/24", "v=spf1 ip4:192.0.2.0/24", 1 },
		{ "v=spf1 ip4:192.0.2.0/24", "v=spf1 ip4:192.0.2.77", 1 },
		{ "v=spf1 ip4:192.0.2.77/24", "v=spf1 ip4:192.0.2.200", 1 },
		{ "v=spf1 ip4:0.0.0.0/0", "v=spf1 ip4:203.0.113.9", 1 },
		{ "v=spf1 ip4:192.0.2.1", "v=spf1 ip4:192.0.2.2", 0 },
		{ "v=spf1 ip6:2001:db8::/32", "v=spf1 ip6:2001:db8:ffff::/48", 1 },
		{ "v=spf1 ip6:2001:db8::/32", "v=spf1 ip6:2001:db9::/48", 0 },
		{ "v=spf1 ip6:::/0", "v=spf1 ip6:2001:db8::1", 1 },
		{ "v=spf1 ip6:::/0", "v=spf1 ip4:192.0.2.1", 0 },
		{ "v=spf1 ip4:0.0.0.0/0", "v=spf1 ip6:::ffff:192.0.2.1", 0 },
		{ "v=spf1 ip4:192.0.2.0/24", "v=spf1 a/24", 0 },
		{ "v=spf1 ip4:192.0.2.0/24", "v=spf1 ip4:192.0.2.0/33", 0 },
	};
	size_t i;
	for (i = 0; i < ZL_ARRAY_SIZE(v); i++) {
		zl_arena_t a;
		zl_spf_record_t ro, ri;
		zl_arena_init(&a);
		const zl_spf_term_t *o = one_term(&ro, v[i].outer, &a);
		const zl_spf_term_t *in = one_term(&ri, v[i].inner, &a);
		assert_int_equal(zl_spf_cidr_contains(o, in), v[i].want);
		zl_arena_free(&a);
	}
	assert_int_equal(zl_spf_cidr_contains(NULL, NULL), 0);
}

/* ---- escaping and printing terms ---- */

static void test_escape(void **state)
{
	(void)state;
	char buf[64];
	static const char in[] = "a\"b\\c\x01\x7f\xff ";
	const char *want = "a\\\"b\\\\c\\001\\127\\255 ";
	size_t n = zl_spf_escape(buf, sizeof(buf), in, sizeof(in) - 1);
	assert_int_equal(n, strlen(want));
	assert_string_equal(buf, want);
	/* size 0: nothing written, length still returned */
	assert_int_equal(zl_spf_escape(NULL, 0, in, sizeof(in) - 1), strlen(want));
	/* never split an escape sequence */
	assert_int_equal(zl_spf_escape(buf, 3, "\x01", 1), 4);
	assert_string_equal(buf, "");
	assert_int_equal(zl_spf_escape(buf, 5, "x\x01", 2), 5);
	assert_string_equal(buf, "x");
	assert_int_equal(zl_spf_escape(buf, 6, "x\x01", 2), 5);
	assert_string_equal(buf, "x\\001");
	assert_int_equal(zl_spf_escape(buf, sizeof(buf), "\0", 1), 4);
	assert_string_equal(buf, "\\000");
	/* a run of plain text is cut where the room ends, and nothing after it */
	assert_int_equal(zl_spf_escape(buf, 4, "abcdef", 6), 6);
	assert_string_equal(buf, "abc");
	assert_int_equal(zl_spf_escape(buf, 4, "ab\"cd", 5), 6);
	assert_string_equal(buf, "ab");
	assert_int_equal(zl_spf_escape(buf, 6, "ab\"cd", 5), 6);
	assert_string_equal(buf, "ab\\\"c");
	assert_int_equal(zl_spf_escape(buf, 1, "abc", 3), 3);
	assert_string_equal(buf, "");

	zl_arena_t a;
	zl_spf_record_t r;
	zl_arena_init(&a);
	parse_ok(&r, S("v=spf1 a:\"x\\\x01\xc3\xa9 mx"), &a);
	assert_int_equal(r.n_terms, 2);
	assert_string_equal(zl_spf_term_str(&r, 0, 0, &a), "a:\\\"x\\\\\\001\\195\\169");
	assert_string_equal(zl_spf_term_str(&r, 0, 3, &a), "a:\\\"...");
	assert_string_equal(zl_spf_term_str(&r, 1, 0, &a), "mx");
	assert_string_equal(zl_spf_term_str(&r, 2, 0, &a), "");
	assert_null(zl_spf_term_str(&r, 0, 0, NULL));
	/* messages quote escaped input */
	assert_int_equal(r.n_errors, 1);
	assert_non_null(strstr(r.errors[0].message, "\\001"));
	check_messages(&r);
	zl_arena_free(&a);
}

/* ---- names, classes, X-macro consistency ---- */

static const struct {
	const char *id;
	const char *name;
	zl_spf_class_t cls;
	zl_spf_code_t code;
} code_table[] = {
#define X_ROW(id, name, cls) { #id, name, ZL_SPF_CLASS_##cls, ZL_SPF_##id },
	ZL_SPF_CODES(X_ROW)
#undef X_ROW
};

static void test_names(void **state)
{
	(void)state;
	size_t i, j;
	assert_int_equal(ZL_ARRAY_SIZE(code_table), ZL_SPF_CODE_COUNT);
	assert_int_equal(ZL_SPF_OK, 0);
	for (i = 0; i < ZL_ARRAY_SIZE(code_table); i++) {
		const char *n = zl_spf_code_name(code_table[i].code);
		assert_int_equal(code_table[i].code, i);
		assert_string_equal(n, code_table[i].name);
		assert_int_equal(zl_spf_code_class(code_table[i].code), code_table[i].cls);
		for (j = 0; n[j]; j++)
			assert_true((n[j] >= 'a' && n[j] <= 'z') ||
				    (n[j] >= '0' && n[j] <= '9') || n[j] == '-');
		for (j = 0; j < i; j++)
			assert_string_not_equal(n, code_table[j].name);
		/* E_ codes are errors, W_ codes warnings */
		if (strncmp(code_table[i].id, "E_", 2) == 0)
			assert_true(code_table[i].cls == ZL_SPF_CLASS_PERMERROR ||
				    code_table[i].cls == ZL_SPF_CLASS_UNDEFINED);
		else if (strncmp(code_table[i].id, "W_", 2) == 0)
			assert_int_equal(code_table[i].cls, ZL_SPF_CLASS_WARNING);
		else
			assert_int_equal(code_table[i].cls, ZL_SPF_CLASS_NONE);
	}
	assert_string_equal(zl_spf_code_name(ZL_SPF_CODE_COUNT), "unknown");
	assert_string_equal(zl_spf_code_name((zl_spf_code_t)-1), "unknown");
	assert_int_equal(zl_spf_code_class(ZL_SPF_CODE_COUNT), ZL_SPF_CLASS_NONE);
	assert_string_equal(zl_spf_code_name(ZL_SPF_E_IP4_ADDRESS), "bad-ip4");

	static const struct {
		zl_spf_kind_t k;
		const char *name;
	} kinds[] = {
		{ ZL_SPF_INVALID, "invalid" },  { ZL_SPF_ALL, "all" },
		{ ZL_SPF_INCLUDE, "include" },  { ZL_SPF_A, "a" },
		{ ZL_SPF_MX, "mx" },            { ZL_SPF_PTR, "ptr" },
		{ ZL_SPF_IP4, "ip4" },          { ZL_SPF_IP6, "ip6" },
		{ ZL_SPF_EXISTS, "exists" },    { ZL_SPF_REDIRECT, "redirect" },
		{ ZL_SPF_EXP, "exp" },          { ZL_SPF_UNKNOWN_MOD, "unknown-modifier" },
		{ ZL_SPF_KIND_COUNT, "invalid" },
	};
	for (i = 0; i < ZL_ARRAY_SIZE(kinds); i++)
		assert_string_equal(zl_spf_kind_name(kinds[i].k), kinds[i].name);
}

/* ---- arguments, odd inputs ---- */

static void test_bad_args(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_spf_record_t r;
	zl_arena_init(&a);
	assert_int_equal(zl_spf_parse(NULL, "v=spf1", 6, &a), ZL_EINVAL);
	memset(&r, 0xa5, sizeof(r));
	assert_int_equal(zl_spf_parse(&r, "v=spf1", 6, NULL), ZL_EINVAL);
	assert_int_equal(r.n_terms, 0);
	assert_null(r.terms);
	assert_int_equal(zl_spf_parse(&r, NULL, 1, &a), ZL_EINVAL);
	/* absurd lengths are refused before anything is read */
	assert_int_equal(zl_spf_parse(&r, "v=spf1", SIZE_MAX, &a), ZL_ELIMIT);
	assert_int_equal(r.n_terms, 0);
	/* NULL with length 0 is the empty text: not SPF */
	assert_int_equal(zl_spf_parse(&r, NULL, 0, &a), ZL_OK);
	assert_int_equal(r.n_errors, 1);
	assert_int_equal(r.errors[0].code, ZL_SPF_E_VERSION);
	assert_non_null(r.text);
	check_messages(&r);
	/* only len bytes are read: the rest of the buffer is ignored */
	parse_ok(&r, "v=spf1 mx ipv4:x", 9, &a);
	assert_int_equal(r.n_errors, 0);
	assert_int_equal(r.n_terms, 1);
	zl_arena_free(&a);
}

/* ---- size: 10 000 terms, long terms, linear time ---- */

static char *repeat(const char *head, const char *unit, size_t n, size_t *len)
{
	size_t hl = strlen(head), ul = strlen(unit), i;
	char *s = malloc(hl + ul * n + 1);
	assert_non_null(s);
	memcpy(s, head, hl);
	for (i = 0; i < n; i++)
		memcpy(s + hl + i * ul, unit, ul);
	*len = hl + ul * n;
	s[*len] = '\0';
	return s;
}

static double parse_seconds(const char *s, size_t len, zl_spf_record_t *r, zl_arena_t *a)
{
	clock_t c0 = clock();
	parse_ok(r, s, len, a);
	return (double)(clock() - c0) / CLOCKS_PER_SEC;
}

static void test_big(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_spf_record_t r;
	size_t len, i;
	zl_arena_init(&a);

	char *s = repeat("v=spf1", " ip4:192.0.2.1/32", 10000, &len);
	double t1 = parse_seconds(s, len, &r, &a);
	assert_int_equal(r.n_terms, 10000);
	assert_int_equal(r.n_errors, 0);
	assert_int_equal(r.terms[9999].offset, 6 + 9999 * 17 + 1);
	assert_int_equal(r.terms[9999].kind, ZL_SPF_IP4);
	free(s);
	zl_arena_free(&a);

	/* ten times the terms takes about ten times as long (not 100) */
	s = repeat("v=spf1", " ip4:192.0.2.1/32", 100000, &len);
	double t2 = parse_seconds(s, len, &r, &a);
	assert_int_equal(r.n_terms, 100000);
	if (t1 > 0.001)
		assert_true(t2 < 40 * t1);
	assert_true(t2 < 5.0);
	free(s);
	zl_arena_free(&a);

	/* 10 000 bad terms: 10 000 errors, all positioned */
	s = repeat("v=spf1", " x", 10000, &len);
	parse_ok(&r, s, len, &a);
	assert_int_equal(r.n_errors, 10000);
	for (i = 0; i < r.n_errors; i++) {
		assert_int_equal(r.errors[i].term, (ptrdiff_t)i);
		assert_int_equal(r.errors[i].offset, 7 + 2 * i);
	}
	free(s);
	zl_arena_free(&a);

	/* 10 000 redirects: 9 999 duplicates */
	s = repeat("v=spf1", " redirect=a.example", 10000, &len);
	parse_ok(&r, s, len, &a);
	assert_int_equal(r.n_errors, 9999);
	assert_int_equal(r.redirect, 0);
	free(s);
	zl_arena_free(&a);

	/* one huge term: messages are capped, no quadratic scan */
	s = repeat("v=spf1 a:", "a", 1000000, &len);
	parse_ok(&r, s, len, &a);
	assert_int_equal(r.n_errors, 1);
	assert_int_equal(r.errors[0].code, ZL_SPF_E_DOMAIN_END);
	assert_true(strlen(r.errors[0].message) < 200);
	free(s);
	zl_arena_free(&a);

	s = repeat("v=spf1 a:", "a.", 500000, &len);
	s[len - 1] = 'x'; /* "a.a....a.x" */
	parse_ok(&r, s, len, &a);
	assert_int_equal(r.n_errors, 1);
	assert_int_equal(r.errors[0].code, ZL_SPF_E_NAME_TOO_LONG);
	free(s);
	zl_arena_free(&a);

	s = repeat("v=spf1 exists:", "%{d}", 250000, &len);
	parse_ok(&r, s, len, &a);
	assert_int_equal(r.n_errors, 0);
	assert_int_equal(r.terms[0].domain.letters, 1u << ('d' - 'a'));
	free(s);
	zl_arena_free(&a);

	s = repeat("v=spf1 ", " ", 100000, &len);
	parse_ok(&r, s, len, &a);
	assert_int_equal(r.n_terms, 0);
	assert_int_equal(r.n_warnings, 1);
	assert_int_equal(r.warnings[0].offset, 6);
	free(s);
	zl_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_is_spf),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_multiple_errors),
		cmocka_unit_test(test_fuzz_finds),
		cmocka_unit_test(test_term_fields),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_macro_validate),
		cmocka_unit_test(test_domain_validate),
		cmocka_unit_test(test_costs_lookup),
		cmocka_unit_test(test_host_bits),
		cmocka_unit_test(test_contains),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_bad_args),
		cmocka_unit_test(test_big),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
