/* zonelint: unit tests for the MTA-STS, TLS-RPT and BIMI record parsers.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "common.h"
#include "smtptls.h"

enum kind { STS, TLSRPT, BIMI };

/* "name@offset,..." */
static char *fmt_problems(zl_arena_t *a, const zl_stls_common_t *c)
{
	char *s = zl_arena_strdup(a, "");
	for (size_t i = 0; i < c->n_problems; i++)
		s = zl_arena_printf(a, "%s%s%s@%zu", s, i ? "," : "",
				    zl_stls_code_name(c->problems[i].code), c->problems[i].offset);
	return s;
}

struct vec {
	enum kind kind;
	const char *in;
	const char *problems;
	bool discarded;
};

static const struct vec vectors[] = {
	/* RFC 8461 3.1 example */
	{STS, "v=STSv1; id=20160831085700Z;", "", false},
	{STS, "v=STSv1; id=20190429T010101", "", false},
	{STS, "v=STSv1;id=1;ext-1.a=x", "", false},
	{STS, "v=STSv1", "sts-id-missing@7", true},
	{STS, "id=1; v=STSv1", "sts-v-not-first@6", true},
	{STS, "id=1", "sts-v-missing@0", true},
	{STS, "v=stsv1; id=1", "sts-v-case@2", true},
	{STS, "v=STSv2; id=1", "sts-v-invalid@2", true},
	{STS, " v=STSv1; id=1", "sts-leading-whitespace@0", true},
	{STS, "v = STSv1; id=1", "sts-whitespace-around-equals@0", true},
	{STS, "v=STSv1; id=2019-04-29", "sts-id-invalid@12", true},
	{STS, "v=STSv1; id=", "sts-id-invalid@12", true},
	{STS, "v=STSv1; id=123456789012345678901234567890123", "sts-id-invalid@12", true},
	{STS, "v=STSv1; ID=1", "sts-tag-case@9,sts-id-missing@13", true},
	{STS, "v=STSv1; id=1; id=2", "sts-duplicate-tag@15", true},
	{STS, "v=STSv1;; id=1", "sts-empty-tag-spec@8", false},
	{STS, "v=STSv1; id=1; foo", "sts-missing-equals@15", true},
	{STS, "v=STSv1; id=1; _x=1", "sts-bad-tag-name@15", true},
	{STS, "v=STSv1; id=1; abcdefghijabcdefghijabcdefghijabc=1", "sts-bad-extension-name@15",
	 true},
	{STS, "v=STSv1; id=1; x=a b", "sts-bad-extension-value@17", true},
	{STS, "v=STSv1; id=1; x=a=b", "sts-bad-extension-value@17", true},
	{STS, "v=STSv1; id=1; x=", "sts-bad-extension-value@17", true},
	{STS, "v=STSv1; id=1\001", "sts-id-invalid@12,sts-bad-value-char@13", true},
	{STS, "v=STSv1;\r\nid=1", "sts-bad-tag-name@8,sts-id-missing@14", true},
	/* RFC 8460 3 examples */
	{TLSRPT, "v=TLSRPTv1; rua=mailto:reports@example.com", "", false},
	{TLSRPT, "v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt", "", false},
	{TLSRPT, "v=TLSRPTv1; rua=mailto:a@example.com, https://r.example.net/x;", "", false},
	{TLSRPT, "v=TLSRPTv1;", "tlsrpt-rua-missing@11", true},
	{TLSRPT, "rua=mailto:a@example.com", "tlsrpt-v-missing@0", true},
	{TLSRPT, "v=tlsrptv1; rua=mailto:a@example.com", "tlsrpt-v-case@2", true},
	{TLSRPT, "v=TLSRPTv2; rua=mailto:a@example.com", "tlsrpt-v-invalid@2", true},
	{TLSRPT, "v=TLSRPTv1; rua = mailto:a@example.com", "tlsrpt-whitespace-around-equals@12",
	 true},
	{TLSRPT, "v=TLSRPTv1; rua=", "tlsrpt-rua-invalid@16", true},
	{TLSRPT, "v=TLSRPTv1; rua=a@example.com", "tlsrpt-rua-invalid@16", true},
	{TLSRPT, "v=TLSRPTv1; rua=mailto:a@example.com,b@example.com",
	 "tlsrpt-rua-unencoded-comma@36", true},
	{TLSRPT, "v=TLSRPTv1; rua=mailto:a@example.com!10m", "tlsrpt-rua-invalid@36", true},
	{TLSRPT, "v=TLSRPTv1; rua=http://r.example.com/", "tlsrpt-rua-unsupported-scheme@16",
	 false},
	{TLSRPT, "v=TLSRPTv1; rua=mailto:a@example.com,", "tlsrpt-rua-invalid@37", true},
	{TLSRPT, "v=TLSRPTv1; rua=https://r.example.com/a b", "tlsrpt-rua-invalid@39", true},
	{TLSRPT, "v=TLSRPTv1; rua=mailto:a@example.com; RUA=x", "tlsrpt-tag-case@38", false},
	{TLSRPT, "v=TLSRPTv1; rua=mailto:a@example.com; x.y=1", "", false},
	/* BIMI draft examples and common published shapes */
	{BIMI, "v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem", "", false},
	{BIMI, "v=BIMI1; l=https://example.com/logo.svg;", "", false},
	{BIMI, "v=BIMI1; l=; a=;", "", false},
	{BIMI, "v=BIMI1; l=https://example.com/logo.svg; avp=personal; lps=true", "", false},
	{BIMI, "v = BIMI1 ; l = https://example.com/logo.svg", "", false},
	{BIMI, "v=BIMI1;", "bimi-l-missing@8", true},
	{BIMI, "l=https://example.com/logo.svg", "bimi-v-missing@0", true},
	{BIMI, "l=https://example.com/logo.svg; v=BIMI1", "bimi-v-not-first@32", true},
	{BIMI, "v=bimi1; l=", "bimi-v-case@2", true},
	{BIMI, "v=BIMI2; l=", "bimi-v-invalid@2", true},
	{BIMI, " v=BIMI1; l=", "bimi-leading-whitespace@0", true},
	{BIMI, "v=BIMI1; l=http://example.com/logo.svg", "bimi-l-not-https@11", true},
	{BIMI, "v=BIMI1; l=https://example.com/logo.png", "bimi-l-image-format@11", true},
	{BIMI, "v=BIMI1; l=https://example.com/a.svg,https://example.com/b.svg",
	 "bimi-l-multiple-uris@11", true},
	{BIMI, "v=BIMI1; l=https://localhost/logo.svg", "bimi-l-invalid@19", true},
	{BIMI, "v=BIMI1; l=example.com/logo.svg", "bimi-l-invalid@11", true},
	{BIMI, "v=BIMI1; l=; a=ftp://example.com/vmc.pem", "bimi-a-not-https@15", true},
	{BIMI, "v=BIMI1; l=; a=https://example.com/x y", "bimi-a-invalid@36", true},
	{BIMI, "v=BIMI1; l=; avp=Brand", "bimi-avp-invalid@17", false},
	{BIMI, "v=BIMI1; l=; lps=yes", "bimi-lps-invalid@17", false},
	{BIMI, "v=BIMI1; l=; s=default", "bimi-selector-tag@13", false},
	{BIMI, "v=BIMI1; l=; x=1", "bimi-unknown-tag@13", false},
	{BIMI, "v=BIMI1; L=https://example.com/logo.svg", "bimi-tag-case@9,bimi-l-missing@39",
	 true},
	{BIMI, "v=BIMI1; l=; l=", "bimi-duplicate-tag@13", true},
	{BIMI, "v=BIMI1; l=;;", "bimi-empty-tag-spec@12", false},
	{BIMI, "v=BIMI1; l=\r\n https://example.com/logo.svg", "", false},
};

static const zl_stls_common_t *run(zl_arena_t *a, enum kind k, const char *in, size_t len,
				   zl_sts_t *s, zl_tlsrpt_t *t, zl_bimi_t *b)
{
	switch (k) {
	case STS:
		assert_int_equal(zl_sts_parse(s, in, len, a), ZL_OK);
		return &s->c;
	case TLSRPT:
		assert_int_equal(zl_tlsrpt_parse(t, in, len, a), ZL_OK);
		return &t->c;
	default:
		assert_int_equal(zl_bimi_parse(b, in, len, a), ZL_OK);
		return &b->c;
	}
}

static void test_vectors(void **state)
{
	(void)state;
	size_t failed = 0;
	for (size_t i = 0; i < ZL_ARRAY_SIZE(vectors); i++) {
		const struct vec *v = &vectors[i];
		zl_arena_t a;
		zl_sts_t s;
		zl_tlsrpt_t t;
		zl_bimi_t b;
		zl_arena_init(&a);
		size_t len = strlen(v->in);
		const zl_stls_common_t *c = run(&a, v->kind, v->in, len, &s, &t, &b);
		char *got = fmt_problems(&a, c);
		if (strcmp(got, v->problems) != 0 || c->discarded != v->discarded) {
			print_error("vector %zu \"%s\": got \"%s\" discarded=%d\n", i, v->in, got,
				    c->discarded);
			failed++;
		}
		for (size_t k = 0; k < c->n_problems; k++) {
			const zl_stls_problem_t *p = &c->problems[k];
			assert_true(p->offset <= len);
			if (p->tag)
				assert_true(p->tag >= v->in && p->tag + p->tag_len <= v->in + len);
			for (const char *m = p->msg; *m; m++)
				assert_true(*m >= 0x20 && *m < 0x7f);
		}
		zl_arena_free(&a);
	}
	assert_int_equal(failed, 0);
}

static void test_values(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_arena_init(&a);

	zl_sts_t s;
	const char *in = "v=STSv1; id=20160831085700Z; ext=val";
	assert_int_equal(zl_sts_parse(&s, in, strlen(in), &a), ZL_OK);
	assert_true(s.is_sts);
	assert_true(s.c.v_valid);
	assert_true(s.id_valid);
	assert_true(zl_tv_eq(s.id->value, s.id->value_len, "20160831085700Z", false));
	assert_int_equal(s.c.n_ext, 1);
	assert_true(zl_tv_eq(s.c.ext[0]->name, s.c.ext[0]->name_len, "ext", false));

	zl_tlsrpt_t t;
	in = "v=TLSRPTv1; rua=mailto:tls@example.com,https://r.example.net/v1 , ftp://x.example/";
	assert_int_equal(zl_tlsrpt_parse(&t, in, strlen(in), &a), ZL_OK);
	assert_true(t.is_tlsrpt);
	assert_int_equal(t.n_uris, 3);
	assert_int_equal(t.n_usable, 2);
	assert_int_equal(t.uris[0].scheme, ZL_TV_SCHEME_MAILTO);
	assert_int_equal(t.uris[1].scheme, ZL_TV_SCHEME_HTTPS);
	assert_true(zl_tv_eq(t.uris[1].host, t.uris[1].host_len, "r.example.net", false));
	assert_int_equal(t.uris[2].scheme, ZL_TV_SCHEME_OTHER);
	assert_false(t.c.discarded);

	zl_bimi_t b;
	in = "v=BIMI1; l=https://example.com/brand/logo.svg; a=https://example.com/vmc.pem; "
	     "avp=personal";
	assert_int_equal(zl_bimi_parse(&b, in, strlen(in), &a), ZL_OK);
	assert_true(b.is_bimi);
	assert_true(b.l_valid);
	assert_true(b.a_valid);
	assert_false(b.declined);
	assert_int_equal(b.avp, ZL_BIMI_AVP_PERSONAL);
	assert_true(zl_tv_eq(b.l_uri.path, b.l_uri.path_len, "/brand/logo.svg", false));
	assert_true(zl_tv_eq(b.a_uri.host, b.a_uri.host_len, "example.com", false));

	in = "v=BIMI1; l=;";
	assert_int_equal(zl_bimi_parse(&b, in, strlen(in), &a), ZL_OK);
	assert_true(b.declined);
	assert_false(b.l_valid);
	assert_int_equal(b.avp, ZL_BIMI_AVP_UNSET);
	in = "v=BIMI1; l=; a=https://example.com/vmc.pem";
	assert_int_equal(zl_bimi_parse(&b, in, strlen(in), &a), ZL_OK);
	assert_false(b.declined);
	zl_arena_free(&a);
}

static void test_is(void **state)
{
	(void)state;
	struct {
		enum kind k;
		const char *in;
		bool strict, loose;
	} v[] = {
		{STS, "v=STSv1; id=1", true, true},
		{STS, "v=STSv1 ;id=1", true, true},
		{STS, "v=STSv1", true, true},
		{STS, "v = STSv1; id=1", false, true},
		{STS, "v=stsv1; id=1", false, true},
		{STS, " v=STSv1; id=1", false, true},
		{STS, "V=STSv1; id=1", false, true},
		{STS, "v=STSv1x", false, true},
		{STS, "v=TLSRPTv1", false, false},
		{TLSRPT, "v=TLSRPTv1; rua=mailto:a@example.com", true, true},
		{TLSRPT, "v=TLSRPTv1", true, true},
		{TLSRPT, "v=TLSRPTv1.0", false, true},
		{TLSRPT, "\"v=TLSRPTv1\"", false, true},
		{TLSRPT, "v=spf1 -all", false, false},
		{BIMI, "v=BIMI1; l=", true, true},
		{BIMI, "v = BIMI1; l=", true, true},
		{BIMI, "V=BIMI1; l=", false, true},
		{BIMI, "v=bimi1; l=", false, true},
		{BIMI, "v=DMARC1", false, false},
		{BIMI, "", false, false},
	};
	for (size_t i = 0; i < ZL_ARRAY_SIZE(v); i++) {
		size_t len = strlen(v[i].in);
		bool s, l;
		switch (v[i].k) {
		case STS:
			s = zl_sts_is_sts(v[i].in, len);
			l = zl_sts_looks_like_sts(v[i].in, len);
			break;
		case TLSRPT:
			s = zl_tlsrpt_is_tlsrpt(v[i].in, len);
			l = zl_tlsrpt_looks_like_tlsrpt(v[i].in, len);
			break;
		default:
			s = zl_bimi_is_bimi(v[i].in, len);
			l = zl_bimi_looks_like_bimi(v[i].in, len);
			break;
		}
		if (s != v[i].strict || l != v[i].loose)
			print_error("is %zu \"%s\": %d %d\n", i, v[i].in, s, l);
		assert_int_equal(s, v[i].strict);
		assert_int_equal(l, v[i].loose);
	}
	assert_false(zl_sts_is_sts(NULL, 0));
	assert_false(zl_bimi_looks_like_bimi(NULL, 3));
}

static void test_names(void **state)
{
	(void)state;
	for (int i = 0; i < ZL_STLSP__COUNT; i++) {
		const char *n = zl_stls_code_name((zl_stls_code_t)i);
		assert_true(strlen(n) > 3);
		for (const char *c = n; *c; c++)
			assert_true((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
				    *c == '-');
		for (int j = 0; j < i; j++)
			assert_string_not_equal(n, zl_stls_code_name((zl_stls_code_t)j));
	}
	assert_string_equal(zl_stls_code_name(ZL_STLSP_BIMI_SELECTOR_TAG), "bimi-selector-tag");
	assert_string_equal(zl_stls_code_name(ZL_STLSP__COUNT), "?");
	zl_arena_t a;
	zl_sts_t s;
	zl_tlsrpt_t t;
	zl_bimi_t b;
	zl_arena_init(&a);
	assert_int_equal(zl_sts_parse(NULL, "", 0, &a), ZL_EINVAL);
	assert_int_equal(zl_tlsrpt_parse(&t, NULL, 1, &a), ZL_EINVAL);
	assert_int_equal(zl_bimi_parse(&b, "", 0, NULL), ZL_EINVAL);
	assert_int_equal(zl_sts_parse(&s, "", 0, &a), ZL_OK);
	assert_true(s.c.discarded);
	zl_arena_free(&a);
}

static void test_messages(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_sts_t s;
	zl_bimi_t b;
	zl_arena_init(&a);
	const char *in = "v=STSv1; id=2019-01-01\"x";
	assert_int_equal(zl_sts_parse(&s, in, strlen(in), &a), ZL_OK);
	assert_int_equal(s.c.n_problems, 1);
	assert_string_equal(s.c.problems[0].msg,
			    "invalid value \"2019-01-01\\\"x\" for tag \"id\": "
			    "expected 1 to 32 letters and digits");
	in = "v=BIMI1; l=https://example.com/logo.png";
	assert_int_equal(zl_bimi_parse(&b, in, strlen(in), &a), ZL_OK);
	assert_string_equal(b.c.problems[0].msg, "invalid value \"https://example.com/logo.png\" "
						 "for tag \"l\": the indicator must be SVG");
	zl_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),  cmocka_unit_test(test_values),
		cmocka_unit_test(test_is),       cmocka_unit_test(test_names),
		cmocka_unit_test(test_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
