/* zonelint: unit tests for the DMARC record parser.
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

#include "arena.h"
#include "common.h"
#include "check.h"
#include "dmarc.h"
#include "dmarc_check.h"

static const char impact_letter[] = {'N', 'C', 'I', 'D'};

/* "name@offset,..." */
static char *fmt_problems(zl_arena_t *a, const zl_dmarc_t *d)
{
	char *s = zl_arena_strdup(a, "");
	for (size_t i = 0; i < d->n_problems; i++)
		s = zl_arena_printf(a, "%s%s%s@%zu", s, i ? "," : "",
				    zl_dmarc_code_name(d->problems[i].code), d->problems[i].offset);
	return s;
}

/* "name:<7489><9989>,..." */
static char *fmt_impacts(zl_arena_t *a, const zl_dmarc_t *d)
{
	char *s = zl_arena_strdup(a, "");
	for (size_t i = 0; i < d->n_problems; i++)
		s = zl_arena_printf(a, "%s%s%s:%c%c", s, i ? "," : "",
				    zl_dmarc_code_name(d->problems[i].code),
				    impact_letter[d->problems[i].impact_7489],
				    impact_letter[d->problems[i].impact_9989]);
	return s;
}

struct vec {
	const char *in;
	const char *problems;
};

static const struct vec vectors[] = {
	/* Google Workspace help example */
	{"v=DMARC1; p=none; rua=mailto:dmarc-reports@solarmora.com", ""},
	/* RFC 7489 B.2.1 */
	{"v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com", ""},
	/* RFC 7489 B.2.3, with the (now obsolete) size suffix */
	{"v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com,"
	 "mailto:tld-test@thirdparty.example.net!10m",
	 "uri-size-suffix@94"},
	/* RFC 7489 B.2.4 */
	{"v=DMARC1; p=quarantine; rua=mailto:dmarc-feedback@example.com; "
	 "ruf=mailto:auth-reports@thirdparty.example.net; pct=25",
	 "obsolete-tag@111"},
	/* PayPal's published record */
	{"v=DMARC1; p=reject; rua=mailto:d@rua.agari.com; ruf=mailto:d@ruf.agari.com", ""},
	/* Microsoft's published record (fo=1, pct) */
	{"v=DMARC1; p=reject; pct=100; rua=mailto:d@rua.agari.com; ruf=mailto:d@ruf.agari.com; "
	 "fo=1",
	 "obsolete-tag@20"},
	/* RFC 9989 tags */
	{"v=DMARC1; p=reject; sp=quarantine; np=reject; psd=n; t=y; adkim=s; aspf=r",
	 "rfc9989-tag@35,rfc9989-tag@46,rfc9989-tag@53"},
	/* a missing final ";" or a present one is fine */
	{"v=DMARC1;p=none;", ""},
	{"v=DMARC1 ; p = none ; ", ""},
	{"v=DMARC1", "p-missing@8"},
	{"v=DMARC1; rua=mailto:r@example.com", "p-missing@34"},
	{"p=none; v=DMARC1", "v-not-first@8"},
	{"p=none", "v-missing@0"},
	{"v=DMARC2; p=none", "v-invalid@2"},
	{"v=dmarc1; p=none", "v-case@2"},
	{"V=DMARC1; p=none", "uppercase-tag-name@0"},
	{" v=DMARC1; p=none", "leading-whitespace@0"},
	{"v = DMARC1; p=none", "stray-whitespace@0"},
	{"v=DMARC1; rua=mailto:r@example.com; p=none", "p-not-second@36"},
	{"v=DMARC1; p=rejct", "p-invalid@12"},
	{"v=DMARC1; p=", "p-invalid@12"},
	{"v=DMARC1; p=REJECT", "uppercase-value@12"},
	{"v=DMARC1; p=none; sp=all", "sp-invalid@21"},
	{"v=DMARC1; p=none; np=no", "rfc9989-tag@18,np-invalid@21"},
	{"v=DMARC1; p=none; psd=x", "rfc9989-tag@18,psd-invalid@22"},
	{"v=DMARC1; p=none; t=yes", "rfc9989-tag@18,t-invalid@20"},
	{"v=DMARC1; p=none; adkim=strict", "adkim-invalid@24"},
	{"v=DMARC1; p=none; aspf=", "aspf-invalid@23"},
	{"v=DMARC1; p=none; fo=0:1:d:s", "fo-invalid@21"},
	{"v=DMARC1; p=none; fo=d:s", ""},
	{"v=DMARC1; p=none; fo = s : d", ""},
	{"v=DMARC1; p=none; fo=2", "fo-invalid@21"},
	{"v=DMARC1; p=none; fo=0:", "fo-invalid@21"},
	{"v=DMARC1; p=none; pct=101", "obsolete-tag@18,pct-invalid@22"},
	{"v=DMARC1; p=none; pct=-1", "obsolete-tag@18,pct-invalid@22"},
	{"v=DMARC1; p=none; pct=0100", "obsolete-tag@18,pct-invalid@22"},
	{"v=DMARC1; p=none; ri=86400", "obsolete-tag@18"},
	{"v=DMARC1; p=none; ri=4294967296", "obsolete-tag@18,ri-invalid@21"},
	{"v=DMARC1; p=none; ri=1h", "obsolete-tag@18,ri-invalid@21"},
	{"v=DMARC1; p=none; rf=afrf", "obsolete-tag@18"},
	{"v=DMARC1; p=none; rf=iodef", "obsolete-tag@18,rf-invalid@21"},
	{"v=DMARC1; p=none; rua=", "rua-invalid@22"},
	{"v=DMARC1; p=none; rua=dmarc@example.com", "rua-invalid@22"},
	{"v=DMARC1; p=none; rua=mailto:dmarc@example.com,ops@example.com",
	 "uri-unencoded-comma@46"},
	{"v=DMARC1; p=none; rua=mailto:a@example.com , mailto:b@example.com", ""},
	{"v=DMARC1; p=none; rua=mailto:a@example.com,", "rua-invalid@43"},
	{"v=DMARC1; p=none; rua=mailto:a@example.com!", "rua-invalid@42"},
	{"v=DMARC1; p=none; rua=mailto:a!b@example.com", "rua-invalid@30"},
	{"v=DMARC1; p=none; rua=mailto:a@example.com!10x", "rua-invalid@42"},
	{"v=DMARC1; p=none; ruf=mailto:a@localhost", "ruf-invalid@31"},
	{"v=DMARC1; p=none; ruf=mailto:@example.com", "ruf-invalid@29"},
	{"v=DMARC1; p=none; rua=mailto: a@example.com", "rua-invalid@29"},
	{"v=DMARC1; p=none; rua=https://example.com/dmarc", "uri-unsupported-scheme@22"},
	{"v=DMARC1; p=none; p=reject", "duplicate-tag@18"},
	{"v=DMARC1; p=none; P=reject", "duplicate-tag@18,uppercase-tag-name@18"},
	{"v=DMARC1; p=none; foo=bar", "unknown-tag@18"},
	{"v=DMARC1; p=none; foo=b\001r", "unknown-tag@18,bad-value-char@23"},
	{"v=DMARC1; p=none;; aspf=r", "empty-tag-spec@17"},
	{"v=DMARC1; p=none; junk", "missing-equals@18"},
	{"v=DMARC1; p=none; 9x=1", "bad-tag-name@18"},
	{"v=DMARC1;\r\np=none", "bad-tag-name@9,p-missing@17"},
	{"v=DMARC1; p=none\001", "p-invalid@12"},
	{"", "v-missing@0,p-missing@0"},
};

static void test_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < ZL_ARRAY_SIZE(vectors); i++) {
		zl_arena_t a;
		zl_dmarc_t d;
		zl_arena_init(&a);
		size_t len = strlen(vectors[i].in);
		assert_int_equal(zl_dmarc_parse(&d, vectors[i].in, len, &a), ZL_OK);
		char *got = fmt_problems(&a, &d);
		if (strcmp(got, vectors[i].problems) != 0)
			print_error("vector %zu \"%s\": got \"%s\"\n", i, vectors[i].in, got);
		assert_string_equal(got, vectors[i].problems);
		for (size_t k = 0; k < d.n_problems; k++) {
			const zl_dmarc_problem_t *p = &d.problems[k];
			assert_true(p->offset <= len);
			assert_non_null(p->msg);
			if (p->tag)
				assert_true(p->tag >= vectors[i].in &&
					    p->tag + p->tag_len <= vectors[i].in + len);
			for (const char *m = p->msg; *m; m++)
				assert_true(*m >= 0x20 && *m < 0x7f);
		}
		zl_arena_free(&a);
	}
}

struct ivec {
	const char *in;
	const char *impacts;
	bool disc7489, disc9989;
};

static const struct ivec impacts[] = {
	{"v=DMARC1; rua=mailto:r@example.com", "p-missing:DC", true, false},
	{"v=DMARC1; p=bogus", "p-invalid:DD", true, true},
	{"v=DMARC1; p=bogus; rua=mailto:r@example.com", "p-invalid:DI", true, false},
	{"v=DMARC1; p=bogus; rua=r@example.com", "p-invalid:DD,rua-invalid:II", true, true},
	{"v=DMARC1; p=none; sp=x; rua=mailto:r@example.com", "sp-invalid:DI", true, false},
	{"v=DMARC1; p=none; np=x", "rfc9989-tag:IN,np-invalid:ID", false, true},
	{"v=DMARC1; p=none; fo=0:1", "fo-invalid:NI", false, false},
	{"v=DMARC1; p=none; fo=x", "fo-invalid:DI", true, false},
	{"v=DMARC1; p=none; adkim=x", "adkim-invalid:DI", true, false},
	{"v=DMARC1; p=none; pct=50", "obsolete-tag:NI", false, false},
	{"v=DMARC1; p=none; rua=mailto:r@example.com!5m", "uri-size-suffix:NC", false, false},
	{"v=DMARC1; p=none; rua=mailto:r@example.com,", "rua-invalid:CC", false, false},
	{"p=none; v=DMARC1", "v-not-first:DD", true, true},
	{"v=DMARC1; p=none; p=none", "duplicate-tag:DD", true, true},
	{"v=DMARC1; p=none; x=1", "unknown-tag:II", false, false},
	{"v=DMARC1; rua=mailto:r@example.com; p=none", "p-not-second:CN", false, false},
};

static void test_impacts(void **state)
{
	(void)state;
	for (size_t i = 0; i < ZL_ARRAY_SIZE(impacts); i++) {
		zl_arena_t a;
		zl_dmarc_t d;
		zl_arena_init(&a);
		assert_int_equal(zl_dmarc_parse(&d, impacts[i].in, strlen(impacts[i].in), &a),
				 ZL_OK);
		char *got = fmt_impacts(&a, &d);
		if (strcmp(got, impacts[i].impacts) != 0)
			print_error("impact %zu \"%s\": got \"%s\"\n", i, impacts[i].in, got);
		assert_string_equal(got, impacts[i].impacts);
		assert_int_equal(d.discarded_7489, impacts[i].disc7489);
		assert_int_equal(d.discarded_9989, impacts[i].disc9989);
		zl_arena_free(&a);
	}
}

static void test_values(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_dmarc_t d;
	zl_arena_init(&a);
	const char *in =
		"v=DMARC1; p=reject; sp=QUARANTINE; np=none; psd=y; t=y; adkim=s; "
		"aspf=r; fo=d:s; pct=42; rf=afrf; ri=3600; "
		"rua=mailto:a@example.com!10m, mailto:b@example.net; ruf=mailto:f@example.org; "
		"xcustom=1";
	assert_int_equal(zl_dmarc_parse(&d, in, strlen(in), &a), ZL_OK);
	assert_true(d.is_dmarc);
	assert_true(d.v_first);
	assert_true(d.p_follows_v);
	assert_int_equal(d.p, ZL_DMARC_POLICY_REJECT);
	assert_int_equal(d.sp, ZL_DMARC_POLICY_QUARANTINE);
	assert_int_equal(d.np, ZL_DMARC_POLICY_NONE);
	assert_int_equal(d.psd, ZL_DMARC_PSD_Y);
	assert_true(d.t);
	assert_int_equal(d.adkim, ZL_DMARC_ALIGN_STRICT);
	assert_int_equal(d.aspf, ZL_DMARC_ALIGN_RELAXED);
	assert_int_equal(d.fo, ZL_DMARC_FO_D | ZL_DMARC_FO_S);
	assert_int_equal(d.pct, 42);
	assert_int_equal(d.rf, ZL_DMARC_RF_AFRF);
	assert_int_equal(d.ri, 3600);
	assert_int_equal(d.n_rua, 2);
	assert_int_equal(d.n_rua_valid, 2);
	assert_true(d.rua[0].has_size);
	assert_int_equal(d.rua[0].size_limit, 10u << 20);
	assert_true(zl_tv_eq(d.rua[0].uri.local, d.rua[0].uri.local_len, "a", false));
	assert_true(zl_tv_eq(d.rua[0].uri.host, d.rua[0].uri.host_len, "example.com", false));
	assert_true(zl_tv_eq(d.rua[1].uri.text, d.rua[1].uri.len, "mailto:b@example.net", false));
	assert_false(d.rua[1].has_size);
	assert_int_equal(d.n_ruf, 1);
	assert_true(zl_tv_eq(d.ruf[0].uri.host, d.ruf[0].uri.host_len, "example.org", false));
	assert_int_equal(d.n_unknown, 1);
	assert_true(zl_tv_eq(d.unknown[0]->name, d.unknown[0]->name_len, "xcustom", false));
	for (int i = 0; i < ZL_DMARC_TAG__COUNT; i++) {
		assert_non_null(d.field[i].tag);
		assert_true(d.field[i].valid);
	}
	zl_arena_free(&a);
}

static void test_defaults_absent(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_dmarc_t d;
	zl_arena_init(&a);
	assert_int_equal(zl_dmarc_parse(&d, "v=DMARC1; p=none", 16, &a), ZL_OK);
	assert_int_equal(d.sp, ZL_DMARC_POLICY_UNSET);
	assert_int_equal(d.adkim, ZL_DMARC_ALIGN_UNSET);
	assert_int_equal(d.psd, ZL_DMARC_PSD_UNSET);
	assert_false(d.t);
	assert_null(d.field[ZL_DMARC_TAG_RUA].tag);
	assert_int_equal(d.n_rua, 0);
	assert_false(d.discarded_7489);
	assert_false(d.discarded_9989);
	assert_int_equal(zl_dmarc_parse(&d, "v=DMARC1; p=bogus", 17, &a), ZL_OK);
	assert_int_equal(d.p, ZL_DMARC_POLICY_UNSET);
	assert_non_null(d.field[ZL_DMARC_TAG_P].tag);
	assert_false(d.field[ZL_DMARC_TAG_P].valid);
	zl_arena_free(&a);
}

static void test_messages(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_dmarc_t d;
	zl_arena_init(&a);
	const char *in = "v=DMARC1; p=rej\"ct; rua=mailto:x@localhost";
	assert_int_equal(zl_dmarc_parse(&d, in, strlen(in), &a), ZL_OK);
	assert_int_equal(d.n_problems, 2);
	assert_string_equal(d.problems[0].msg,
			    "invalid value \"rej\\\"ct\" for tag \"p\": expected "
			    "none, quarantine or reject");
	assert_true(zl_tv_eq(d.problems[0].tag, d.problems[0].tag_len, "p", false));
	assert_string_equal(d.problems[1].msg, "invalid URI \"mailto:x@localhost\" in tag \"rua\": "
					       "domain has a single label");
	assert_int_equal(zl_dmarc_parse(&d, "v=DMARC1", 8, &a), ZL_OK);
	assert_string_equal(d.problems[0].msg, "missing tag \"p\"");
	assert_null(d.problems[0].tag);
	zl_arena_free(&a);
}

static void test_is_dmarc(void **state)
{
	(void)state;
	struct {
		const char *in;
		bool strict, loose;
	} v[] = {
		{"v=DMARC1; p=none", true, true},
		{"v=DMARC1", true, true},
		{"v=DMARC1;", true, true},
		{"v = DMARC1 ;p=none", true, true},
		{"V=DMARC1; p=none", true, true},
		{"v=\tDMARC1", true, true},
		{"v=dmarc1; p=none", false, true},
		{"v=DMARC2; p=none", false, true},
		{" v=DMARC1; p=none", false, true},
		{"\"v=DMARC1; p=none\"", false, true},
		{"p=none; v=DMARC1", false, true},
		{"v=DMARC1p=none", false, true},
		{"v=DMARC10", false, true},
		{"v=spf1 -all", false, false},
		{"v=DKIM1; p=abc", false, false},
		{"dmarc", false, false},
		{"", false, false},
	};
	for (size_t i = 0; i < ZL_ARRAY_SIZE(v); i++) {
		size_t len = strlen(v[i].in);
		if (zl_dmarc_is_dmarc(v[i].in, len) != v[i].strict ||
		    zl_dmarc_looks_like_dmarc(v[i].in, len) != v[i].loose)
			print_error("is_dmarc %zu \"%s\"\n", i, v[i].in);
		assert_int_equal(zl_dmarc_is_dmarc(v[i].in, len), v[i].strict);
		assert_int_equal(zl_dmarc_looks_like_dmarc(v[i].in, len), v[i].loose);
	}
	assert_false(zl_dmarc_is_dmarc(NULL, 0));
	assert_false(zl_dmarc_looks_like_dmarc(NULL, 5));
	assert_true(zl_dmarc_is_dmarc("v=DMARC1\0junk", 8));
	assert_false(zl_dmarc_is_dmarc("v=DMARC1\0junk", 13));
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(zl_dmarc_code_name(ZL_DMARCP_P_MISSING), "p-missing");
	assert_string_equal(zl_dmarc_code_name(ZL_DMARCP_URI_SIZE_SUFFIX), "uri-size-suffix");
	assert_string_equal(zl_dmarc_code_name(ZL_DMARCP__COUNT), "?");
	assert_string_equal(zl_dmarc_tag_name(ZL_DMARC_TAG_RUF), "ruf");
	assert_string_equal(zl_dmarc_tag_name(ZL_DMARC_TAG__COUNT), "?");
	/* names are unique and lower case */
	for (int i = 0; i < ZL_DMARCP__COUNT; i++) {
		const char *n = zl_dmarc_code_name((zl_dmarc_code_t)i);
		for (const char *c = n; *c; c++)
			assert_true((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
				    *c == '-');
		for (int j = 0; j < i; j++)
			assert_string_not_equal(n, zl_dmarc_code_name((zl_dmarc_code_t)j));
	}
	zl_arena_t a;
	zl_dmarc_t d;
	zl_arena_init(&a);
	assert_int_equal(zl_dmarc_parse(NULL, "v", 1, &a), ZL_EINVAL);
	assert_int_equal(zl_dmarc_parse(&d, NULL, 1, &a), ZL_EINVAL);
	assert_int_equal(zl_dmarc_parse(&d, "v", 1, NULL), ZL_EINVAL);
	zl_arena_free(&a);
}

/* A 1 MB record (a huge rua list) parses in linear time with capped problems. */
static void test_huge(void **state)
{
	(void)state;
	size_t cap = 1u << 20;
	char *in = malloc(cap + 64);
	size_t len = (size_t)snprintf(in, 64, "v=DMARC1; p=reject; rua=");
	while (len < cap)
		len += (size_t)snprintf(in + len, 64, "mailto:r%zu@example.com,", len);
	in[len - 1] = ';';
	zl_arena_t a;
	zl_dmarc_t d;
	zl_arena_init(&a);
	clock_t t0 = clock();
	assert_int_equal(zl_dmarc_parse(&d, in, len, &a), ZL_OK);
	assert_true(d.n_rua > 20000);
	assert_int_equal(d.n_rua, d.n_rua_valid);
	assert_int_equal(d.n_problems, 0);
	/* and one of 1 MB of garbage tags */
	for (size_t i = 0; i + 4 <= cap; i += 4)
		memcpy(in + i, "x=;;", 4);
	assert_int_equal(zl_dmarc_parse(&d, in, cap, &a), ZL_OK);
	assert_int_equal(d.n_problems, ZL_TV_MAX_PROBLEMS);
	assert_true(d.n_dropped > 100000);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
	free(in);
	zl_arena_free(&a);
}

/* zl_dmarc_site_parse(): records of the same text share one parse, other
 * texts have their own, in any order, and past the room the cache keeps
 * (ZL_TEXTCACHE_MAX) parses are still those of their record. */
static void test_site_parse_by_text(void **state)
{
	(void)state;
	enum { N = 3000 };
	size_t cap = 200 + (size_t)N * 120;
	char *zone = malloc(cap);
	assert_non_null(zone);
	size_t o = (size_t)snprintf(zone, cap, "$ORIGIN example.com.\n$TTL 3600\n"
				    "@ IN SOA ns hm 1 7200 3600 1209600 3600\n@ IN NS ns\n"
				    "ns IN A 192.0.2.1\n");
	/* h<i>: "reject" for even i, "none" for odd; i of 1000 or more: a text
	 * of its own (an rua with i in it) */
	for (unsigned i = 0; i < N; i++) {
		if (i < 1000)
			o += (size_t)snprintf(zone + o, cap - o, "_dmarc.h%u IN TXT \"v=DMARC1; p=%s\"\n",
					      i, i % 2 ? "none" : "reject");
		else
			o += (size_t)snprintf(zone + o, cap - o,
					      "_dmarc.h%u IN TXT \"v=DMARC1; p=%s; rua=mailto:r%u@"
					      "example.com\"\n", i, i % 2 ? "none" : "reject", i);
	}
	zl_run_t run;
	zl_run_init(&run);
	zl_run_load_buffer(&run, "example.com.zone", zone, o);
	zl_ctx_t ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.set = &run.set;
	ctx.config = &run.config;
	zl_dmarc_cache_t c;
	zl_dmarc_cache_init(&c, &ctx);
	const zl_dmarc_t *first[2] = { NULL, NULL };
	for (unsigned round = 0; round < 2; round++)
		for (unsigned i = 0; i < N; i++) {
			char name[32];
			snprintf(name, sizeof(name), "h%u.example.com.", i);
			const zl_node_t *x = zl_zoneset_find_str(&run.set, name, NULL);
			assert_non_null(x);
			const zl_dmarc_site_t *site = zl_dmarc_site(&c, x);
			assert_int_equal(site->found, ZL_DMARC_FOUND_ONE);
			const zl_dmarc_t *d = zl_dmarc_site_parse(&c, site);
			assert_non_null(d);
			assert_true(d->is_dmarc);
			assert_int_equal(d->p, i % 2 ? ZL_DMARC_POLICY_NONE : ZL_DMARC_POLICY_REJECT);
			if (i < 1000) {
				if (!first[i % 2])
					first[i % 2] = d;
				if (round == 0) /* before other texts took the room */
					assert_ptr_equal(d, first[i % 2]); /* parsed once */
				assert_int_equal(d->n_rua, 0);
			} else {
				char want[48];
				snprintf(want, sizeof(want), "mailto:r%u@example.com", i);
				assert_int_equal(d->n_rua, 1);
				assert_int_equal(d->n_rua_valid, 1);
				assert_true(d->rua[0].uri.len == strlen(want) &&
					    !memcmp(d->rua[0].uri.text, want, strlen(want)));
			}
		}
	assert_true(c.texts.arena.total >= ZL_TEXTCACHE_MAX); /* the room ran out on the way */
	zl_dmarc_cache_free(&c);
	zl_run_free(&run);
	free(zone);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),  cmocka_unit_test(test_impacts),
		cmocka_unit_test(test_values),   cmocka_unit_test(test_defaults_absent),
		cmocka_unit_test(test_messages), cmocka_unit_test(test_is_dmarc),
		cmocka_unit_test(test_names),    cmocka_unit_test(test_huge),
		cmocka_unit_test(test_site_parse_by_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
