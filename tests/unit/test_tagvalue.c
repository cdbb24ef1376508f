/* zonelint: unit tests for the tag=value splitter and URI helpers.
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
#include "tagvalue.h"

/* "name=value|name=value" of the parsed tags */
static char *fmt_tags(zl_arena_t *a, const zl_tv_list_t *l)
{
	char *s = zl_arena_strdup(a, "");
	for (size_t i = 0; i < l->n_tags; i++)
		s = zl_arena_printf(a, "%s%s%.*s=%.*s", s, i ? "|" : "", (int)l->tags[i].name_len,
				    l->tags[i].name, (int)l->tags[i].value_len, l->tags[i].value);
	return s;
}

/* "code-name@offset,..." of the problems */
static char *fmt_problems(zl_arena_t *a, const zl_tv_list_t *l)
{
	char *s = zl_arena_strdup(a, "");
	for (size_t i = 0; i < l->n_problems; i++)
		s = zl_arena_printf(a, "%s%s%s@%zu", s, i ? "," : "",
				    zl_tv_code_name(l->problems[i].code), l->problems[i].offset);
	return s;
}

struct vec {
	const char *in;
	size_t len; /* 0: strlen(in) */
	unsigned opts;
	const char *tags;
	const char *problems;
};

static const struct vec vectors[] = {
	/* RFC 6376 Appendix C key record (brisbane selector) */
	{"v=DKIM1; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/"
	 "zYtIxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/"
	 "NMqJ0fzfVjH4OuKhitdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB",
	 0, 0,
	 "v=DKIM1|p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/"
	 "zYtIxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/"
	 "NMqJ0fzfVjH4OuKhitdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB",
	 ""},
	/* Google's DMARC help page example */
	{"v=DMARC1; p=none; rua=mailto:dmarc-reports@solarmora.com", 0, 0,
	 "v=DMARC1|p=none|rua=mailto:dmarc-reports@solarmora.com", ""},
	{"", 0, 0, "", ""},
	{"   ", 0, 0, "", ""},
	{"a=1;", 0, 0, "a=1", ""},
	{"a=1; ", 0, 0, "a=1", ""},
	{"a = 1 ;b= 2", 0, 0, "a=1|b=2", ""},
	{"a=;b=", 0, 0, "a=|b=", ""},
	{"a=1;;b=2", 0, 0, "a=1|b=2", "empty-tag-spec@4"},
	{";a=1", 0, 0, "a=1", "empty-tag-spec@0"},
	{"a=1;;", 0, 0, "a=1", "empty-tag-spec@4"},
	{"a=1; ;b=2", 0, 0, "a=1|b=2", "empty-tag-spec@4"},
	{"a=1;junk;b=2", 0, 0, "a=1|b=2", "missing-equals@4"},
	{"a=1; junk ", 0, 0, "a=1", "missing-equals@5"},
	{"1a=x", 0, 0, "1a=x", "bad-tag-name@0"},
	{"1a=x", 0, ZL_TV_OPT_EXT_NAMES, "1a=x", ""},
	{"a-b=x", 0, 0, "a-b=x", "bad-tag-name@1"},
	{"a-b.c=x", 0, ZL_TV_OPT_EXT_NAMES, "a-b.c=x", ""},
	{"a_b9=x", 0, 0, "a_b9=x", ""},
	{"a b=x", 0, 0, "a b=x", "bad-tag-name@1"},
	{"=x", 0, 0, "=x", "bad-tag-name@0"},
	{"a=b=c", 0, 0, "a=b=c", ""},
	{"a=x y  z", 0, 0, "a=x y  z", ""},
	{"a=x\001y", 0, 0, "a=x\001y", "bad-value-char@3"},
	{"a=x\177", 0, 0, "a=x\177", "bad-value-char@3"},
	{"a=caf\303\251", 0, 0, "a=caf\303\251", "bad-value-char@5"},
	{"a=x\0y;b=2", 9, 0, "a=x\0y|b=2", "bad-value-char@3"},
	{"a=x\r\n y", 0, 0, "a=x\r\n y", ""},
	{"a=x\r\ny", 0, 0, "a=x\r\ny", "bad-value-char@3"},
	{"a=x\r\n y", 0, ZL_TV_OPT_WSP_ONLY, "a=x\r\n y", "bad-value-char@3"},
	{"a=x\ny", 0, 0, "a=x\ny", "bad-value-char@3"},
	{"a=1;a=2", 0, 0, "a=1|a=2", "duplicate-tag@4"},
	{"a=1;A=2", 0, 0, "a=1|A=2", ""},
	{"a=1;A=2", 0, ZL_TV_OPT_CASE_INSENSITIVE, "a=1|A=2", "duplicate-tag@4"},
	{"a=1;b=2;a=3;a=4", 0, 0, "a=1|b=2|a=3|a=4", "duplicate-tag@8,duplicate-tag@12"},
	{"p=\"quoted\"", 0, 0, "p=\"quoted\"", ""},
	{"\tv=1", 0, 0, "v=1", ""},
	{";", 0, 0, "", "empty-tag-spec@0"},
	{"x\001=1;a=\200", 0, 0, "x\001=1|a=\200", "bad-tag-name@1,bad-value-char@7"},
};

static void test_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < ZL_ARRAY_SIZE(vectors); i++) {
		const struct vec *v = &vectors[i];
		zl_arena_t a;
		zl_tv_list_t l;
		zl_arena_init(&a);
		size_t len = v->len ? v->len : strlen(v->in);
		assert_int_equal(zl_tv_parse(&l, v->in, len, v->opts, &a), ZL_OK);
		char *tags = fmt_tags(&a, &l);
		char *probs = fmt_problems(&a, &l);
		/* %.*s stops at a NUL: vectors with embedded NULs check the count */
		if (v->len) {
			assert_int_equal(l.n_tags, 2);
		} else {
			if (strcmp(tags, v->tags) != 0)
				print_error("vector %zu: tags \"%s\"\n", i, tags);
			assert_string_equal(tags, v->tags);
		}
		if (strcmp(probs, v->problems) != 0)
			print_error("vector %zu: problems \"%s\"\n", i, probs);
		assert_string_equal(probs, v->problems);
		for (size_t k = 0; k < l.n_problems; k++) {
			assert_true(l.problems[k].offset <= len);
			assert_non_null(l.problems[k].msg);
		}
		zl_arena_free(&a);
	}
}

static void test_flags_and_offsets(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_tv_list_t l;
	zl_arena_init(&a);
	const char *in = " v = DKIM1 ; p=ab cd;t=y";
	assert_int_equal(zl_tv_parse(&l, in, strlen(in), 0, &a), ZL_OK);
	assert_int_equal(l.n_tags, 3);
	assert_true(l.leading_ws);
	assert_false(l.trailing_sep);
	assert_int_equal(l.tags[0].offset, 1);
	assert_int_equal(l.tags[0].value_offset, 5);
	assert_true(l.tags[0].flags & ZL_TV_F_WS_NAME);
	assert_true(l.tags[0].flags & ZL_TV_F_WS_VALUE);
	assert_true(l.tags[1].flags & ZL_TV_F_INNER_WS);
	assert_int_equal(l.tags[1].index, 1);
	assert_int_equal(l.tags[2].offset, 21);
	assert_int_equal(l.tags[2].value_offset, 23);
	assert_int_equal(l.tags[2].flags, 0);

	assert_int_equal(zl_tv_parse(&l, "a=1;", 4, 0, &a), ZL_OK);
	assert_true(l.trailing_sep);
	zl_arena_free(&a);
}

static void test_find(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_tv_list_t l;
	zl_arena_init(&a);
	const char *in = "V=DMARC1; p=none; P=reject";
	assert_int_equal(zl_tv_parse(&l, in, strlen(in), 0, &a), ZL_OK);
	assert_null(zl_tv_find(&l, "v"));
	assert_non_null(zl_tv_find_ci(&l, "v"));
	const zl_tv_tag_t *p = zl_tv_find(&l, "p");
	assert_non_null(p);
	assert_int_equal(p->value_len, 4);
	assert_memory_equal(p->value, "none", 4);
	p = zl_tv_find_ci(&l, "P");
	assert_memory_equal(p->value, "none", 4); /* the first one */
	assert_null(zl_tv_find(&l, "rua"));
	assert_null(zl_tv_find(NULL, "p"));
	zl_arena_free(&a);
}

static void test_next(void **state)
{
	(void)state;
	const char *in = ";junk; a = 1 ;;b=2;";
	size_t pos = 0, n = 0;
	zl_tv_tag_t t;
	const char *names[] = {"a", "b"};
	const char *vals[] = {"1", "2"};
	while (zl_tv_next(in, strlen(in), &pos, &t)) {
		assert_true(n < 2);
		assert_true(zl_tv_eq(t.name, t.name_len, names[n], false));
		assert_true(zl_tv_eq(t.value, t.value_len, vals[n], false));
		n++;
	}
	assert_int_equal(n, 2);
	assert_false(zl_tv_next(in, strlen(in), &pos, &t));
	pos = 0;
	assert_false(zl_tv_next("", 0, &pos, &t));
	pos = 0;
	assert_false(zl_tv_next(NULL, 0, &pos, &t));
}

static void test_escape(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_arena_init(&a);
	struct {
		const char *in;
		size_t len, max;
		const char *out;
	} v[] = {
		{"abc", 3, 48, "abc"},
		{"a\"b\\c", 5, 48, "a\\\"b\\\\c"},
		{"\001\037\177\200\377", 5, 48, "\\001\\031\\127\\128\\255"},
		{"x\0y", 3, 48, "x\\000y"},
		{"abcdef", 6, 3, "abc..."},
		{"", 0, 48, ""},
	};
	for (size_t i = 0; i < ZL_ARRAY_SIZE(v); i++)
		assert_string_equal(zl_tv_escape(&a, v[i].in, v[i].len, v[i].max), v[i].out);
	zl_arena_free(&a);
}

static void test_messages(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_tv_list_t l;
	zl_arena_init(&a);
	const char *in = "a\"=1;a\"=\0012;junk\177";
	assert_int_equal(zl_tv_parse(&l, in, strlen(in), 0, &a), ZL_OK);
	assert_int_equal(l.n_problems, 5);
	assert_int_equal(l.problems[0].code, ZL_TVP_BAD_NAME);
	assert_int_equal(l.problems[0].offset, 1);
	assert_string_equal(l.problems[0].msg, "invalid character \"\\\"\" in tag name \"a\\\"\"");
	assert_int_equal(l.problems[1].code, ZL_TVP_DUPLICATE);
	assert_int_equal(l.problems[1].offset, 5);
	assert_string_equal(l.problems[1].msg, "duplicate tag \"a\\\"\"");
	assert_int_equal(l.problems[2].code, ZL_TVP_BAD_NAME);
	assert_int_equal(l.problems[2].offset, 6);
	assert_int_equal(l.problems[3].code, ZL_TVP_BAD_VALUE);
	assert_int_equal(l.problems[3].offset, 8);
	assert_string_equal(l.problems[3].msg,
			    "invalid character \"\\001\" in value of tag \"a\\\"\"");
	assert_int_equal(l.problems[4].code, ZL_TVP_MISSING_EQUALS);
	assert_int_equal(l.problems[4].offset, 11);
	/* missing-equals quotes the spec, escaped */
	assert_int_equal(zl_tv_parse(&l, "junk\177", 5, 0, &a), ZL_OK);
	assert_string_equal(l.problems[0].msg, "missing \"=\" in tag-spec \"junk\\127\"");
	for (size_t i = 0; i < l.n_problems; i++)
		for (const char *m = l.problems[i].msg; *m; m++)
			assert_true(*m >= 0x20 && *m < 0x7f);
	zl_arena_free(&a);
}

static void test_problem_cap(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_tv_list_t l;
	zl_arena_init(&a);
	size_t n = 500;
	char *in = malloc(n);
	memset(in, ';', n);
	assert_int_equal(zl_tv_parse(&l, in, n, 0, &a), ZL_OK);
	assert_int_equal(l.n_problems, ZL_TV_MAX_PROBLEMS);
	assert_int_equal(l.n_problems + l.n_dropped, n);
	free(in);
	zl_arena_free(&a);
}

/* 1 MB of "a1=1;a2=1;..." and of duplicates must parse in linear time. */
static void test_huge(void **state)
{
	(void)state;
	size_t cap = 1u << 20;
	char *in = malloc(cap + 32);
	size_t len = 0;
	for (unsigned i = 0; len < cap; i++)
		len += (size_t)snprintf(in + len, 32, "t%u=v%u;", i, i);
	zl_arena_t a;
	zl_tv_list_t l;
	zl_arena_init(&a);
	clock_t t0 = clock();
	assert_int_equal(zl_tv_parse(&l, in, len, 0, &a), ZL_OK);
	assert_true(l.n_tags > 50000);
	assert_int_equal(l.n_problems, 0);
	for (len = 0; len + 4 <= cap; len += 4)
		memcpy(in + len, "a=1;", 4);
	assert_int_equal(zl_tv_parse(&l, in, len, ZL_TV_OPT_CASE_INSENSITIVE, &a), ZL_OK);
	assert_int_equal(l.n_tags, len / 4);
	assert_int_equal(l.n_problems, ZL_TV_MAX_PROBLEMS);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(secs < 5.0);
	free(in);
	zl_arena_free(&a);
}

static void test_bad_args(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_tv_list_t l;
	zl_arena_init(&a);
	assert_int_equal(zl_tv_parse(NULL, "a=1", 3, 0, &a), ZL_EINVAL);
	assert_int_equal(zl_tv_parse(&l, NULL, 3, 0, &a), ZL_EINVAL);
	assert_int_equal(zl_tv_parse(&l, "a=1", 3, 0, NULL), ZL_EINVAL);
	assert_int_equal(l.n_tags, 0);
	assert_int_equal(zl_tv_parse(&l, NULL, 0, 0, &a), ZL_OK);
	assert_string_equal(zl_tv_code_name(ZL_TVP_DUPLICATE), "duplicate-tag");
	assert_string_equal(zl_tv_code_name((zl_tv_code_t)99), "?");
	assert_string_equal(zl_impact_name(ZL_IMPACT_DISCARDS_RECORD), "discards-record");
	assert_string_equal(zl_impact_name((zl_impact_t)9), "?");
	zl_arena_free(&a);
}

static void test_domain(void **state)
{
	(void)state;
	char long_label[80], long_name[300];
	memset(long_label, 'a', 64);
	memcpy(long_label + 64, ".com", 5);
	for (size_t i = 0; i < 254; i += 2)
		memcpy(long_name + i, "a.", 2);
	memcpy(long_name + 254, "com", 4);
	struct {
		const char *in;
		zl_tv_uri_err_t err;
		size_t off;
	} v[] = {
		{"example.com", ZL_TV_URI_E_OK, 0},
		{"a-b.example.co.uk", ZL_TV_URI_E_OK, 0},
		{"xn--bcher-kva.example", ZL_TV_URI_E_OK, 0},
		{"com", ZL_TV_URI_E_ONE_LABEL, 0},
		{"", ZL_TV_URI_E_NO_HOST, 0},
		{"example..com", ZL_TV_URI_E_EMPTY_LABEL, 8},
		{"example.com.", ZL_TV_URI_E_EMPTY_LABEL, 12},
		{".example.com", ZL_TV_URI_E_EMPTY_LABEL, 0},
		{"-a.example.com", ZL_TV_URI_E_BAD_LABEL, 0},
		{"a-.example.com", ZL_TV_URI_E_BAD_LABEL, 1},
		{"ex_ample.com", ZL_TV_URI_E_BAD_LABEL, 2},
		{"192.0.2.1", ZL_TV_URI_E_NUMERIC_TLD, 8},
		{long_label, ZL_TV_URI_E_LABEL_TOO_LONG, 0},
		{long_name, ZL_TV_URI_E_DOMAIN_TOO_LONG, 253},
	};
	for (size_t i = 0; i < ZL_ARRAY_SIZE(v); i++) {
		size_t off = 99;
		assert_int_equal(zl_tv_domain_check(v[i].in, strlen(v[i].in), &off), v[i].err);
		if (v[i].err != ZL_TV_URI_E_OK)
			assert_int_equal(off, v[i].off);
	}
	/* exactly 63 and 253 octets are fine */
	memset(long_label, 'a', 63);
	memcpy(long_label + 63, ".com", 5);
	assert_int_equal(zl_tv_domain_check(long_label, strlen(long_label), NULL), ZL_TV_URI_E_OK);
	assert_int_equal(zl_tv_domain_check(long_name + 4, 253, NULL), ZL_TV_URI_E_OK);
}

static void test_uri(void **state)
{
	(void)state;
	struct {
		const char *in;
		zl_tv_uri_err_t err;
		zl_tv_scheme_t scheme;
		const char *host;
		size_t off;
	} v[] = {
		{"mailto:dmarc@example.com", ZL_TV_URI_E_OK, ZL_TV_SCHEME_MAILTO, "example.com", 0},
		{"MAILTO:dmarc@Example.COM", ZL_TV_URI_E_OK, ZL_TV_SCHEME_MAILTO, "Example.COM", 0},
		{"mailto:first.last+tag@example.com", ZL_TV_URI_E_OK, ZL_TV_SCHEME_MAILTO,
		 "example.com", 0},
		{"mailto:a%40b@example.com", ZL_TV_URI_E_OK, ZL_TV_SCHEME_MAILTO, "example.com", 0},
		{"mailto:r@example.com?subject=dmarc", ZL_TV_URI_E_OK, ZL_TV_SCHEME_MAILTO,
		 "example.com", 0},
		{"mailto:example.com", ZL_TV_URI_E_NO_AT, ZL_TV_SCHEME_MAILTO, NULL, 7},
		{"mailto:a@b@example.com", ZL_TV_URI_E_MANY_AT, ZL_TV_SCHEME_MAILTO, NULL, 10},
		{"mailto:@example.com", ZL_TV_URI_E_EMPTY_LOCAL, ZL_TV_SCHEME_MAILTO, NULL, 7},
		{"mailto:a..b@example.com", ZL_TV_URI_E_BAD_LOCAL, ZL_TV_SCHEME_MAILTO, NULL, 8},
		{"mailto:.a@example.com", ZL_TV_URI_E_BAD_LOCAL, ZL_TV_SCHEME_MAILTO, NULL, 7},
		{"mailto:a%4@example.com", ZL_TV_URI_E_BAD_PERCENT, ZL_TV_SCHEME_MAILTO, NULL, 8},
		{"mailto:r@localhost", ZL_TV_URI_E_ONE_LABEL, ZL_TV_SCHEME_MAILTO, NULL, 9},
		{"mailto:r@exa_mple.com", ZL_TV_URI_E_BAD_LABEL, ZL_TV_SCHEME_MAILTO, NULL, 12},
		{"mailto:r@[192.0.2.1]", ZL_TV_URI_E_BAD_LABEL, ZL_TV_SCHEME_MAILTO, NULL, 9},
		{"mailto: r@example.com", ZL_TV_URI_E_BAD_CHAR, ZL_TV_SCHEME_MAILTO, NULL, 7},
		{"mailto:r@example.com\200", ZL_TV_URI_E_BAD_CHAR, ZL_TV_SCHEME_MAILTO, NULL, 20},
		{"r@example.com", ZL_TV_URI_E_NO_SCHEME, ZL_TV_SCHEME_NONE, NULL, 0},
		{"1ab:x", ZL_TV_URI_E_BAD_SCHEME, ZL_TV_SCHEME_NONE, NULL, 0},
		{":x", ZL_TV_URI_E_BAD_SCHEME, ZL_TV_SCHEME_NONE, NULL, 0},
		{"", ZL_TV_URI_E_EMPTY, ZL_TV_SCHEME_NONE, NULL, 0},
		{"https://reporting.example.com/v1/tlsrpt", ZL_TV_URI_E_OK, ZL_TV_SCHEME_HTTPS,
		 "reporting.example.com", 0},
		{"https://example.com:8443/a%20b?x=1#f", ZL_TV_URI_E_OK, ZL_TV_SCHEME_HTTPS,
		 "example.com", 0},
		{"https://example.com", ZL_TV_URI_E_OK, ZL_TV_SCHEME_HTTPS, "example.com", 0},
		{"http://example.com/x", ZL_TV_URI_E_OK, ZL_TV_SCHEME_HTTP, "example.com", 0},
		{"https:example.com", ZL_TV_URI_E_NO_HOST, ZL_TV_SCHEME_HTTPS, NULL, 6},
		{"https://user@example.com/", ZL_TV_URI_E_USERINFO, ZL_TV_SCHEME_HTTPS, NULL, 8},
		{"https://example.com:0/", ZL_TV_URI_E_BAD_PORT, ZL_TV_SCHEME_HTTPS, NULL, 20},
		{"https://example.com:99999/", ZL_TV_URI_E_BAD_PORT, ZL_TV_SCHEME_HTTPS, NULL, 24},
		{"https://example.com:/", ZL_TV_URI_E_BAD_PORT, ZL_TV_SCHEME_HTTPS, NULL, 19},
		{"https://192.0.2.1/x", ZL_TV_URI_E_HOST_NOT_DOMAIN, ZL_TV_SCHEME_HTTPS, NULL, 16},
		{"https://[2001:db8::1]/x", ZL_TV_URI_E_HOST_NOT_DOMAIN, ZL_TV_SCHEME_HTTPS, NULL,
		 8},
		{"https://example.com/a b", ZL_TV_URI_E_BAD_CHAR, ZL_TV_SCHEME_HTTPS, NULL, 21},
		{"https://example.com/%zz", ZL_TV_URI_E_BAD_PERCENT, ZL_TV_SCHEME_HTTPS, NULL, 20},
		{"https://example.com/a#b#c", ZL_TV_URI_E_BAD_CHAR, ZL_TV_SCHEME_HTTPS, NULL, 23},
		{"https:///x", ZL_TV_URI_E_NO_HOST, ZL_TV_SCHEME_HTTPS, NULL, 8},
		{"urn:ietf:x", ZL_TV_URI_E_OK, ZL_TV_SCHEME_OTHER, NULL, 0},
		{"foo:", ZL_TV_URI_E_EMPTY, ZL_TV_SCHEME_OTHER, NULL, 4},
	};
	for (size_t i = 0; i < ZL_ARRAY_SIZE(v); i++) {
		zl_tv_uri_t u;
		zl_tv_uri_err_t e = zl_tv_uri_parse(&u, v[i].in, strlen(v[i].in), 100);
		if (e != v[i].err)
			print_error("uri %zu \"%s\": got %s\n", i, v[i].in, zl_tv_uri_strerror(e));
		assert_int_equal(e, v[i].err);
		assert_int_equal(u.err, e);
		assert_int_equal(u.offset, 100);
		if (v[i].err != ZL_TV_URI_E_EMPTY || v[i].scheme != ZL_TV_SCHEME_NONE)
			assert_int_equal(u.scheme, v[i].scheme);
		if (v[i].host)
			assert_true(zl_tv_eq(u.host, u.host_len, v[i].host, false));
		if (e != ZL_TV_URI_E_OK)
			assert_int_equal(u.err_offset, 100 + v[i].off);
		else
			assert_string_equal(zl_tv_uri_strerror(e), "valid");
	}
	zl_tv_uri_t u;
	assert_int_equal(zl_tv_uri_parse(&u, "mailto:a@example.com?subject=x", 30, 0),
			 ZL_TV_URI_E_OK);
	assert_true(zl_tv_eq(u.local, u.local_len, "a", false));
	assert_true(zl_tv_eq(u.host, u.host_len, "example.com", false));
	assert_int_equal(zl_tv_uri_parse(&u, "https://e.example/logo.svg?v=2", 30, 0),
			 ZL_TV_URI_E_OK);
	assert_true(zl_tv_eq(u.path, u.path_len, "/logo.svg", false));
	assert_string_equal(zl_tv_uri_strerror((zl_tv_uri_err_t)999), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),     cmocka_unit_test(test_flags_and_offsets),
		cmocka_unit_test(test_find),        cmocka_unit_test(test_next),
		cmocka_unit_test(test_escape),      cmocka_unit_test(test_messages),
		cmocka_unit_test(test_problem_cap), cmocka_unit_test(test_huge),
		cmocka_unit_test(test_bad_args),    cmocka_unit_test(test_domain),
		cmocka_unit_test(test_uri),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
