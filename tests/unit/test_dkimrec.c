/* zonelint: unit tests for the DKIM key record tag parser.
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
#include "dkimrec.h"

/* RFC 6376 Appendix C public key (selector "brisbane"), 1024-bit RSA */
#define RFC6376_KEY                                                                     \
	"MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/" \
	"zYtIxN2SnFCjx"                                                                 \
	"OCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/"             \
	"NMqJ0fzfVjH4OuKhitdY9tf6mcwG"                                                  \
	"jaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB"
/* RFC 8463 Appendix A Ed25519 public key */
#define RFC8463_KEY "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="

/* "name@offset,..." */
static char *fmt_problems(zl_arena_t *a, const zl_dkimrec_t *d)
{
	char *s = zl_arena_strdup(a, "");
	for (size_t i = 0; i < d->n_problems; i++)
		s = zl_arena_printf(a, "%s%s%s@%zu", s, i ? "," : "",
				    zl_dkimrec_code_name(d->problems[i].code),
				    d->problems[i].offset);
	return s;
}

struct vec {
	const char *in;
	const char *problems;
	bool discarded;
};

static const struct vec vectors[] = {
	{"v=DKIM1; p=" RFC6376_KEY, "", false},
	/* Google Workspace's generated record shape */
	{"v=DKIM1; k=rsa; p=" RFC6376_KEY, "", false},
	{"v=DKIM1; k=ed25519; p=" RFC8463_KEY, "", false},
	{"k=rsa; p=" RFC6376_KEY, "", false},
	{"v=DKIM1; h=sha256; k=rsa; s=email; t=s; n=rotated 2026; p=" RFC6376_KEY, "", false},
	/* FWS inside p= (a TXT record split and re-joined with spaces) */
	{"v=DKIM1; p=MIGfMA0GCSqGSIb3DQEB AQUAA4GNADCBiQKBgQDwIRP/UC3SBsEm\r\n "
	 "GqZ9ZJW3/DkMoGeLnQg1fWn7"
	 "/zYtIxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfV"
	 "jH4OuKhitdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB",
	 "", false},
	{"v=DKIM1; p=", "", false}, /* revoked */
	{"v=DKIM1; k=rsa", "p-missing@14", true},
	{"k=rsa; v=DKIM1; p=", "v-not-first@7", true},
	{"v=DKIM2; p=", "v-invalid@2", true},
	{"v=dkim1; p=", "v-invalid@2", true},
	{"v=DKIM1; h=sha1; p=", "h-sha1-only@11", true},
	{"v=DKIM1; h=sha1:sha256; p=", "", false},
	{"v=DKIM1; h = sha256 : sha1 ; p=", "", false},
	{"v=DKIM1; h=sha512; p=", "h-unknown-hash@11,h-no-usable-hash@11", true},
	{"v=DKIM1; h=sha256:md5; p=", "h-unknown-hash@18", false},
	{"v=DKIM1; h=sha256::sha1; p=", "h-invalid@18", true},
	{"v=DKIM1; k=dsa; p=", "k-unknown@11", true},
	{"v=DKIM1; k=RSA; p=", "k-case@11", false},
	{"v=DKIM1; p=MIGf*A0G", "p-invalid-base64@15", true},
	{"v=DKIM1; p=MIGfMA0", "p-invalid-base64@11", true},
	{"v=DKIM1; p=MIGfMA==", "", false},
	{"v=DKIM1; p=MIGfM===", "p-invalid-base64@18", true},
	{"v=DKIM1; p=MI==MA0G", "p-invalid-base64@15", true},
	{"v=DKIM1; p=====", "p-invalid-base64@13", true},
	{"v=DKIM1; p=MIG\001MA0G", "bad-value-char@14", true},
	{"v=DKIM1; s=*; p=", "", false},
	{"v=DKIM1; s=email:tlsrpt; p=", "s-unknown-service@17", false},
	{"v=DKIM1; s=tlsrpt; p=", "s-unknown-service@11,s-no-email@11", true},
	{"v=DKIM1; s=; p=", "s-invalid@11", true},
	{"v=DKIM1; t=y; p=", "", false},
	{"v=DKIM1; t=y:s:x; p=", "t-unknown-flag@15", false},
	{"v=DKIM1; t=y:; p=", "t-invalid@13", true},
	{"v=DKIM1; g=*; p=", "g-obsolete@9", false},
	{"v=DKIM1; P=abcd", "tag-case@9,p-missing@15", true},
	{"v=DKIM1; x=1; p=", "unknown-tag@9", false},
	{"v=DKIM1; p=; p=", "duplicate-tag@13", true},
	{"v=DKIM1;; p=", "empty-tag-spec@8", false},
	{"v=DKIM1; junk; p=", "missing-equals@9", true},
	{"v=DKIM1; 1x=2; p=", "bad-tag-name@9", true},
	{"", "p-missing@0", true},
};

static void test_vectors(void **state)
{
	(void)state;
	size_t failed = 0;
	for (size_t i = 0; i < ZL_ARRAY_SIZE(vectors); i++) {
		const struct vec *v = &vectors[i];
		zl_arena_t a;
		zl_dkimrec_t d;
		zl_arena_init(&a);
		size_t len = strlen(v->in);
		assert_int_equal(zl_dkimrec_parse(&d, v->in, len, &a), ZL_OK);
		char *got = fmt_problems(&a, &d);
		if (strcmp(got, v->problems) != 0 || d.discarded != v->discarded) {
			print_error("vector %zu \"%.40s\": got \"%s\" discarded=%d\n", i, v->in,
				    got, d.discarded);
			failed++;
		}
		for (size_t k = 0; k < d.n_problems; k++) {
			const zl_dkimrec_problem_t *p = &d.problems[k];
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
	zl_dkimrec_t d;
	zl_arena_init(&a);
	const char *in = "v=DKIM1; h=sha256; k=rsa; s=email; t=y:s; p=" RFC6376_KEY;
	assert_int_equal(zl_dkimrec_parse(&d, in, strlen(in), &a), ZL_OK);
	assert_true(d.v_valid);
	assert_int_equal(d.hashes, ZL_DKIM_H_SHA256);
	assert_int_equal(d.key_type, ZL_DKIM_K_RSA);
	assert_int_equal(d.services, ZL_DKIM_S_EMAIL);
	assert_int_equal(d.flags, ZL_DKIM_T_Y | ZL_DKIM_T_S);
	assert_string_equal(d.key, RFC6376_KEY);
	assert_int_equal(d.key_len, strlen(RFC6376_KEY));
	assert_true(d.key_base64_ok);
	assert_int_equal(d.key_decoded_len, 162); /* 1024-bit SubjectPublicKeyInfo */
	assert_false(d.revoked);
	assert_false(d.discarded);

	in = "p=11qYAYKxCrfVS/7TyWQH Og7hcvPapiMlrwIaaPcHURo= ; k=ed25519";
	assert_int_equal(zl_dkimrec_parse(&d, in, strlen(in), &a), ZL_OK);
	assert_int_equal(d.key_type, ZL_DKIM_K_ED25519);
	assert_string_equal(d.key, RFC8463_KEY);
	assert_int_equal(d.key_decoded_len, 32);
	assert_int_equal(d.hashes, 0);
	assert_int_equal(d.services, ZL_DKIM_S_ANY);
	assert_null(d.v);

	in = "v=DKIM1; p= ";
	assert_int_equal(zl_dkimrec_parse(&d, in, strlen(in), &a), ZL_OK);
	assert_true(d.revoked);
	assert_string_equal(d.key, "");
	assert_false(d.key_base64_ok);

	in = "v=DKIM1; k=x25519; p=" RFC8463_KEY;
	assert_int_equal(zl_dkimrec_parse(&d, in, strlen(in), &a), ZL_OK);
	assert_int_equal(d.key_type, ZL_DKIM_K_UNKNOWN);
	assert_true(d.key_base64_ok);
	assert_string_equal(d.problems[0].msg,
			    "invalid value \"x25519\" for tag \"k\": expected rsa or ed25519");

	/* fuzz crash-645091f1: a NUL inside p= stays in key (and is reported) */
	static const char nul[] = "v=BI\0\0\0v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7h\0\0\0"
				  "cvPapiMlrwIa\0";
	assert_int_equal(zl_dkimrec_parse(&d, nul, sizeof(nul) - 1, &a), ZL_OK);
	assert_int_equal(d.key_len, 40);
	assert_int_equal(d.key[24], '\0');
	assert_int_equal(d.key[40], '\0');
	assert_false(d.key_base64_ok);
	assert_true(d.discarded);
	assert_int_equal(d.n_problems, 3);
	assert_int_equal(d.problems[0].code, ZL_DKIMP_V_INVALID);
	assert_string_equal(d.problems[0].msg, "invalid value \"BI\\000\\000\\000v=DKIM1\" "
					       "for tag \"v\": expected DKIM1");
	assert_int_equal(d.problems[1].code, ZL_DKIMP_BAD_VALUE_CHAR);
	assert_int_equal(d.problems[1].offset, 4);
	assert_int_equal(d.problems[2].code, ZL_DKIMP_BAD_VALUE_CHAR);
	assert_int_equal(d.problems[2].offset, 53);

	in = "v=DKIM1; p=AAAA$AAA";
	assert_int_equal(zl_dkimrec_parse(&d, in, strlen(in), &a), ZL_OK);
	assert_string_equal(d.problems[0].msg,
			    "key in tag \"p\" is not valid base64: character outside base64");
	assert_int_equal(d.problems[0].offset, 15);
	zl_arena_free(&a);
}

static void test_looks_like(void **state)
{
	(void)state;
	struct {
		const char *in;
		bool want;
	} v[] = {
		{"v=DKIM1; k=rsa; p=" RFC6376_KEY, true},
		{"v=dkim1; p=", true},
		{" v = DKIM1", true},
		{"k=rsa; p=" RFC6376_KEY, true},
		{"p=" RFC6376_KEY, true},
		{"p=", true},
		{"k=ed25519", true},
		{"\"v=DKIM1; p=abc\"", true},
		{"v=spf1 include:_spf.google.com ~all", false},
		{"v=DMARC1; p=none", false},
		{"google-site-verification=abcdefghijklmnop", false},
		{"p=none", false},
		{"p=not base64!", false},
		{"hello world", false},
		{"", false},
	};
	for (size_t i = 0; i < ZL_ARRAY_SIZE(v); i++) {
		bool got = zl_dkimrec_looks_like_dkim(v[i].in, strlen(v[i].in));
		if (got != v[i].want)
			print_error("looks_like %zu \"%.30s\"\n", i, v[i].in);
		assert_int_equal(got, v[i].want);
	}
	assert_false(zl_dkimrec_looks_like_dkim(NULL, 4));
}

static void test_names(void **state)
{
	(void)state;
	for (int i = 0; i < ZL_DKIMP__COUNT; i++) {
		const char *n = zl_dkimrec_code_name((zl_dkimrec_code_t)i);
		for (const char *c = n; *c; c++)
			assert_true((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
				    *c == '-');
		for (int j = 0; j < i; j++)
			assert_string_not_equal(n, zl_dkimrec_code_name((zl_dkimrec_code_t)j));
	}
	assert_string_equal(zl_dkimrec_code_name(ZL_DKIMP_H_SHA1_ONLY), "h-sha1-only");
	assert_string_equal(zl_dkimrec_code_name(ZL_DKIMP__COUNT), "?");
	zl_arena_t a;
	zl_dkimrec_t d;
	zl_arena_init(&a);
	assert_int_equal(zl_dkimrec_parse(NULL, "", 0, &a), ZL_EINVAL);
	assert_int_equal(zl_dkimrec_parse(&d, NULL, 2, &a), ZL_EINVAL);
	assert_int_equal(zl_dkimrec_parse(&d, "", 0, NULL), ZL_EINVAL);
	zl_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_looks_like),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
