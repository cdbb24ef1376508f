/* zonelint: unit tests for the DKIM public-key decoder (src/dkimkey.c).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Real keys come from tests/unit/gen_dkim_keys.sh.  The directory is taken
 * from $ZL_DKIM_KEYS; if that is unset, the script is run into a fresh
 * temporary directory (found via $ZL_SRCDIR, automake's $srcdir, or the
 * current directory) which is removed afterwards.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dkimkey.h"

static char key_dir[4096];
static int key_dir_is_temp;

/* ------------------------------------------------------------------ */
/* helpers                                                            */
/* ------------------------------------------------------------------ */

static int run(char *const argv[])
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	int st = 0;
	if (waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static const char *find_script(char *buf, size_t cap)
{
	const char *envs[] = { "ZL_SRCDIR", "srcdir" };
	const char *rel[] = { "tests/unit/gen_dkim_keys.sh", "gen_dkim_keys.sh",
			      "unit/gen_dkim_keys.sh" };
	for (size_t e = 0; e < 2; e++) {
		const char *d = getenv(envs[e]);
		if (!d || !*d)
			continue;
		for (size_t r = 0; r < 3; r++) {
			snprintf(buf, cap, "%s/%s", d, rel[r]);
			if (access(buf, R_OK) == 0)
				return buf;
		}
	}
	for (size_t r = 0; r < 3; r++) {
		snprintf(buf, cap, "%s", rel[r]);
		if (access(buf, R_OK) == 0)
			return buf;
	}
	return NULL;
}

static int group_setup(void **state)
{
	(void)state;
	const char *env = getenv("ZL_DKIM_KEYS");
	if (env && *env) {
		snprintf(key_dir, sizeof(key_dir), "%s", env);
		return 0;
	}
	char script[4096];
	if (!find_script(script, sizeof(script))) {
		fprintf(stderr, "test_dkimkey: gen_dkim_keys.sh not found; set ZL_SRCDIR or "
				"ZL_DKIM_KEYS\n");
		return -1;
	}
	const char *tmp = getenv("TMPDIR");
	snprintf(key_dir, sizeof(key_dir), "%s/zl_dkimkeys.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(key_dir)) {
		perror("test_dkimkey: mkdtemp");
		return -1;
	}
	key_dir_is_temp = 1;
	char *argv[] = { "sh", script, key_dir, NULL };
	if (run(argv) != 0) {
		fprintf(stderr, "test_dkimkey: %s failed\n", script);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	if (key_dir_is_temp) {
		char *argv[] = { "rm", "-rf", key_dir, NULL };
		run(argv);
	}
	return 0;
}

/* Read KEY_DIR/name; malloc'd and NUL-terminated; the test fails if missing. */
static char *slurp(const char *name, size_t *len)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/%s", key_dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	assert_non_null(buf);
	for (;;) {
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
		if (cap - n - 1 == 0) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
	}
	fclose(f);
	buf[n] = '\0';
	/* key files end with no newline, but be tolerant of one */
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r') && strstr(name, ".b64"))
		buf[--n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static zl_dkimkey_t decode_str(const char *s, int type)
{
	zl_dkimkey_t k;
	assert_int_equal(zl_dkimkey_decode(&k, s, strlen(s), type), 0);
	return k;
}

static zl_dkimkey_t decode_file(const char *name, int type)
{
	char *s = slurp(name, NULL);
	zl_dkimkey_t k = decode_str(s, type);
	free(s);
	return k;
}

static const char b64chars[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Independent base64 for building vectors (lenient, test use only). */
static size_t t_b64dec(const char *s, unsigned char *out)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t n = 0;
	for (; *s; s++) {
		const char *p = strchr(b64chars, *s);
		if (!p || !*s)
			continue;
		acc = (acc << 6) | (uint32_t)(p - b64chars);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (unsigned char)(acc >> bits);
		}
	}
	return n;
}

static char *t_b64enc(const unsigned char *in, size_t n)
{
	char *out = malloc((n + 2) / 3 * 4 + 1);
	size_t o = 0;
	assert_non_null(out);
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)in[i + 1] << 8;
		if (i + 2 < n)
			v |= in[i + 2];
		out[o++] = b64chars[v >> 18];
		out[o++] = b64chars[(v >> 12) & 63];
		out[o++] = i + 1 < n ? b64chars[(v >> 6) & 63] : '=';
		out[o++] = i + 2 < n ? b64chars[v & 63] : '=';
	}
	out[o] = '\0';
	return out;
}

/* A message must be printable ASCII, start lowercase and not end in '.'. */
static void check_message(const char *m)
{
	assert_non_null(m);
	assert_true(strlen(m) > 0);
	for (const char *p = m; *p; p++)
		assert_true((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f);
	assert_false(m[0] >= 'A' && m[0] <= 'Z');
	assert_true(m[strlen(m) - 1] != '.');
}

static void check_describe(const zl_dkimkey_t *k)
{
	zl_arena_t a;
	zl_arena_init(&a);
	check_message(zl_dkimkey_describe(&a, k));
	zl_arena_free(&a);
}

static const unsigned rsa_sizes[] = { 512, 1024, 2048, 4096 };

/* ------------------------------------------------------------------ */
/* published examples                                                 */
/* ------------------------------------------------------------------ */

/* RFC 8463 appendix A.2: brisbane._domainkey, k=ed25519 */
static const char rfc8463_key[] = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

/* RFC 6376 appendix C (and A.3): the 1024-bit example key, split over the
 * character-strings of the published record */
static const char *const rfc6376_pieces[] = {
	"MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQ",
	"KBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYt",
	"IxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v",
	"/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhi",
	"tdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB",
};

static void test_published_examples(void **state)
{
	(void)state;
	zl_dkimkey_t k = decode_str(rfc8463_key, ZL_DKIMKEY_ED25519);
	assert_int_equal(k.status, ZL_DKIMKEY_OK);
	assert_int_equal(k.type, ZL_DKIMKEY_ED25519);
	assert_int_equal(k.format, ZL_DKIMKEY_FMT_RAW);
	assert_int_equal(k.bits, 256);
	check_describe(&k);

	k = decode_str(rfc8463_key, ZL_DKIMKEY_RSA);
	assert_int_equal(k.status, ZL_DKIMKEY_TYPE_MISMATCH);
	assert_int_equal(k.type, ZL_DKIMKEY_ED25519);
	check_describe(&k);

	char joined[512] = "", spaced[512] = "";
	for (size_t i = 0; i < ZL_ARRAY_SIZE(rfc6376_pieces); i++) {
		strcat(joined, rfc6376_pieces[i]);
		strcat(spaced, rfc6376_pieces[i]);
		strcat(spaced, i % 2 ? " \t" : "\r\n ");
	}
	const char *variants[] = { joined, spaced };
	for (size_t v = 0; v < 2; v++) {
		k = decode_str(variants[v], ZL_DKIMKEY_RSA);
		assert_int_equal(k.status, ZL_DKIMKEY_OK);
		assert_int_equal(k.type, ZL_DKIMKEY_RSA);
		assert_int_equal(k.format, ZL_DKIMKEY_FMT_SPKI);
		assert_int_equal(k.bits, 1024);
		assert_int_equal(k.der_len, 162);
		k = decode_str(variants[v], ZL_DKIMKEY_ED25519);
		assert_int_equal(k.status, ZL_DKIMKEY_TYPE_MISMATCH);
		assert_int_equal(k.type, ZL_DKIMKEY_RSA);
		assert_int_equal(k.bits, 1024);
	}
}

/* ------------------------------------------------------------------ */
/* generated keys                                                     */
/* ------------------------------------------------------------------ */

static void test_rsa_keys(void **state)
{
	(void)state;
	for (size_t i = 0; i < ZL_ARRAY_SIZE(rsa_sizes); i++) {
		char name[64];
		const char *fmts[] = { "spki", "pkcs1" };
		for (size_t f = 0; f < 2; f++) {
			snprintf(name, sizeof(name), "rsa%u.%s.b64", rsa_sizes[i], fmts[f]);
			zl_dkimkey_format_t want =
				f == 0 ? ZL_DKIMKEY_FMT_SPKI : ZL_DKIMKEY_FMT_PKCS1;

			zl_dkimkey_t k = decode_file(name, ZL_DKIMKEY_RSA);
			assert_int_equal(k.status, ZL_DKIMKEY_OK);
			assert_int_equal(k.type, ZL_DKIMKEY_RSA);
			assert_int_equal(k.declared, ZL_DKIMKEY_RSA);
			assert_int_equal(k.format, want);
			assert_int_equal(k.bits, rsa_sizes[i]);
			assert_int_equal(k.der_used, k.der_len);
			assert_int_equal(k.b64_noncanonical, 0);
			check_describe(&k);

			k = decode_file(name, ZL_DKIMKEY_ED25519);
			assert_int_equal(k.status, ZL_DKIMKEY_TYPE_MISMATCH);
			assert_int_equal(k.type, ZL_DKIMKEY_RSA);
			assert_int_equal(k.format, want);
			assert_int_equal(k.bits, rsa_sizes[i]);
			check_describe(&k);
		}
	}
}

static void test_ed25519_keys(void **state)
{
	(void)state;
	zl_dkimkey_t k = decode_file("ed25519.raw.b64", ZL_DKIMKEY_ED25519);
	assert_int_equal(k.status, ZL_DKIMKEY_OK);
	assert_int_equal(k.type, ZL_DKIMKEY_ED25519);
	assert_int_equal(k.format, ZL_DKIMKEY_FMT_RAW);
	assert_int_equal(k.bits, 256);
	assert_int_equal(k.der_len, 32);

	/* raw key under k=rsa */
	k = decode_file("ed25519.raw.b64", ZL_DKIMKEY_RSA);
	assert_int_equal(k.status, ZL_DKIMKEY_TYPE_MISMATCH);
	assert_int_equal(k.type, ZL_DKIMKEY_ED25519);
	assert_int_equal(k.format, ZL_DKIMKEY_FMT_RAW);
	assert_int_equal(k.bits, 256);
	check_describe(&k);

	/* SPKI-wrapped under k=ed25519: not RFC 8463 */
	k = decode_file("ed25519.spki.b64", ZL_DKIMKEY_ED25519);
	assert_int_equal(k.status, ZL_DKIMKEY_BAD_ED25519_LENGTH);
	assert_int_equal(k.type, ZL_DKIMKEY_ED25519);
	assert_int_equal(k.format, ZL_DKIMKEY_FMT_SPKI);
	assert_int_equal(k.bits, 256);
	assert_int_equal(k.der_len, 44);
	check_describe(&k);

	/* SPKI-wrapped under k=rsa */
	k = decode_file("ed25519.spki.b64", ZL_DKIMKEY_RSA);
	assert_int_equal(k.status, ZL_DKIMKEY_TYPE_MISMATCH);
	assert_int_equal(k.type, ZL_DKIMKEY_ED25519);
	assert_int_equal(k.format, ZL_DKIMKEY_FMT_SPKI);
	check_describe(&k);

	/* the raw key is the last 32 bytes of the SPKI */
	char *spki = slurp("ed25519.spki.b64", NULL);
	char *raw = slurp("ed25519.raw.b64", NULL);
	unsigned char der[64];
	assert_int_equal(t_b64dec(spki, der), 44);
	char *tail = t_b64enc(der + 12, 32);
	assert_string_equal(tail, raw);
	free(tail);
	free(spki);
	free(raw);

	/* 31 and 33 bytes under k=ed25519 */
	unsigned char b[33];
	memset(b, 0x5a, sizeof(b));
	for (size_t n = 31; n <= 33; n += 2) {
		char *s = t_b64enc(b, n);
		k = decode_str(s, ZL_DKIMKEY_ED25519);
		assert_int_equal(k.status, ZL_DKIMKEY_BAD_ED25519_LENGTH);
		assert_int_equal(k.der_len, n);
		assert_int_equal(k.format, ZL_DKIMKEY_FMT_NONE);
		check_describe(&k);
		k = decode_str(s, ZL_DKIMKEY_RSA);
		assert_int_equal(k.status, ZL_DKIMKEY_BAD_DER);
		free(s);
	}
}

static void test_unsupported_keys(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		const char *alg;
		unsigned bits;
	} v[] = {
		{ "ec256.spki.b64", "EC", 256 },
		{ "rsapss1024.spki.b64", "RSA-PSS", 1024 },
	};
	for (size_t i = 0; i < ZL_ARRAY_SIZE(v); i++) {
		for (int t = ZL_DKIMKEY_RSA; t <= ZL_DKIMKEY_ED25519; t++) {
			zl_dkimkey_t k = decode_file(v[i].file, t);
			assert_int_equal(k.status, ZL_DKIMKEY_UNSUPPORTED_KEY);
			assert_int_equal(k.type, ZL_DKIMKEY_OTHER);
			assert_int_equal(k.format, ZL_DKIMKEY_FMT_SPKI);
			assert_string_equal(k.alg, v[i].alg);
			assert_int_equal(k.bits, v[i].bits);
			check_describe(&k);
		}
	}
	/* a well-formed SPKI for an algorithm OpenSSL does not know (1.2.3.4) */
	static const unsigned char unk[] = { 0x30, 0x0c, 0x30, 0x05, 0x06, 0x03, 0x2a,
					     0x03, 0x04, 0x03, 0x03, 0x00, 0x01, 0x02 };
	char *s = t_b64enc(unk, sizeof(unk));
	zl_dkimkey_t k = decode_str(s, ZL_DKIMKEY_RSA);
	assert_int_equal(k.status, ZL_DKIMKEY_UNSUPPORTED_KEY);
	assert_string_equal(k.alg, "1.2.3.4");
	assert_int_equal(k.bits, 0);
	check_describe(&k);
	free(s);
}

static void test_malformed_inner_key(void **state)
{
	(void)state;
	/* SPKI for rsaEncryption whose BIT STRING holds no RSAPublicKey */
	static const unsigned char bad[] = { 0x30, 0x12, 0x30, 0x0d, 0x06, 0x09, 0x2a,
					     0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01,
					     0x01, 0x05, 0x00, 0x03, 0x01, 0x00 };
	char *s = t_b64enc(bad, sizeof(bad));
	zl_dkimkey_t k = decode_str(s, ZL_DKIMKEY_RSA);
	assert_int_equal(k.status, ZL_DKIMKEY_BAD_DER);
	assert_int_equal(k.format, ZL_DKIMKEY_FMT_SPKI);
	assert_int_equal(k.type, ZL_DKIMKEY_RSA);
	check_describe(&k);
	free(s);

	/* RSA modulus zero, as SPKI and as bare RSAPublicKey */
	static const unsigned char n0_spki[] = { 0x30, 0x1c, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86,
						 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05,
						 0x00, 0x03, 0x0b, 0x00, 0x30, 0x08, 0x02, 0x01,
						 0x00, 0x02, 0x03, 0x01, 0x00, 0x01 };
	s = t_b64enc(n0_spki, sizeof(n0_spki));
	k = decode_str(s, ZL_DKIMKEY_RSA);
	assert_int_equal(k.status, ZL_DKIMKEY_BAD_DER);
	assert_int_equal(k.format, ZL_DKIMKEY_FMT_SPKI);
	assert_int_equal(k.type, ZL_DKIMKEY_RSA);
	assert_int_equal(k.bits, 0);
	free(s);
	s = t_b64enc(n0_spki + 20, sizeof(n0_spki) - 20);
	k = decode_str(s, ZL_DKIMKEY_RSA);
	assert_int_equal(k.status, ZL_DKIMKEY_BAD_DER);
	assert_int_equal(k.format, ZL_DKIMKEY_FMT_PKCS1);
	assert_int_equal(k.type, ZL_DKIMKEY_RSA);
	zl_arena_t a;
	zl_arena_init(&a);
	assert_non_null(strstr(zl_dkimkey_describe(&a, &k), "malformed rsa key"));
	zl_arena_free(&a);
	free(s);

	/* Ed25519 SPKI holding 31 key bytes */
	unsigned char ed31[43] = { 0x30, 0x29, 0x30, 0x05, 0x06, 0x03, 0x2b,
				   0x65, 0x70, 0x03, 0x20, 0x00 };
	memset(ed31 + 12, 0x42, 31);
	s = t_b64enc(ed31, sizeof(ed31));
	for (int t = ZL_DKIMKEY_RSA; t <= ZL_DKIMKEY_ED25519; t++) {
		k = decode_str(s, t);
		assert_int_equal(k.status, ZL_DKIMKEY_BAD_DER);
		assert_int_equal(k.format, ZL_DKIMKEY_FMT_SPKI);
		assert_int_equal(k.type, ZL_DKIMKEY_ED25519);
		check_describe(&k);
	}
	free(s);

	/* 100 bytes that are no DER at all */
	unsigned char junk[100];
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (unsigned char)(i * 37 + 11);
	s = t_b64enc(junk, sizeof(junk));
	k = decode_str(s, ZL_DKIMKEY_RSA);
	assert_int_equal(k.status, ZL_DKIMKEY_BAD_DER);
	assert_int_equal(k.der_want, 0);
	assert_int_equal(k.type, ZL_DKIMKEY_NONE);
	check_describe(&k);
	free(s);
}

/* Cut every key at several points; nothing may decode. */
static void test_truncated(void **state)
{
	(void)state;
	const char *files[] = { "rsa512.spki.b64",  "rsa1024.spki.b64", "rsa2048.spki.b64",
				"rsa4096.spki.b64", "rsa512.pkcs1.b64", "rsa1024.pkcs1.b64",
				"rsa2048.pkcs1.b64", "rsa4096.pkcs1.b64", "ed25519.spki.b64",
				"ec256.spki.b64" };
	size_t checked = 0;
	for (size_t f = 0; f < ZL_ARRAY_SIZE(files); f++) {
		size_t len;
		char *s = slurp(files[f], &len);
		unsigned char *der = malloc(len);
		assert_non_null(der);
		size_t dlen = t_b64dec(s, der);
		size_t cuts[] = { 1, 2, 3, 4, 6, 10, dlen / 4, dlen / 2, dlen * 3 / 4,
				  dlen - 3, dlen - 2, dlen - 1 };
		for (size_t c = 0; c < ZL_ARRAY_SIZE(cuts); c++) {
			size_t n = cuts[c];
			if (n == 0 || n >= dlen || n == 32)
				continue;
			char *t = t_b64enc(der, n);
			zl_dkimkey_t k = decode_str(t, ZL_DKIMKEY_RSA);
			assert_int_equal(k.status, ZL_DKIMKEY_BAD_DER);
			assert_int_equal(k.der_len, n);
			if (n >= 4)
				assert_true(k.der_want == dlen);
			check_describe(&k);
			k = decode_str(t, ZL_DKIMKEY_ED25519);
			assert_int_equal(k.status, ZL_DKIMKEY_BAD_ED25519_LENGTH);
			free(t);
			checked++;
		}
		/* drop the last base64 character: a length error */
		s[len - 1] = '\0';
		zl_dkimkey_t k = decode_str(s, ZL_DKIMKEY_RSA);
		assert_int_equal(k.status, ZL_DKIMKEY_BAD_BASE64);
		assert_int_equal(k.b64_error, ZL_DKIMKEY_B64_LENGTH);
		assert_int_equal(k.b64_chars, len - 1);
		free(der);
		free(s);
	}
	assert_true(checked > 100);
}

static void test_trailing_data(void **state)
{
	(void)state;
	size_t len;
	char *s = slurp("rsa2048.spki.b64", &len);
	unsigned char *der = malloc(len + 8);
	assert_non_null(der);
	size_t dlen = t_b64dec(s, der);
	memcpy(der + dlen, "\0\1\2", 3);
	char *t = t_b64enc(der, dlen + 3);
	zl_dkimkey_t k = decode_str(t, ZL_DKIMKEY_RSA);
	assert_int_equal(k.status, ZL_DKIMKEY_TRAILING_DATA);
	assert_int_equal(k.type, ZL_DKIMKEY_RSA);
	assert_int_equal(k.bits, 2048);
	assert_int_equal(k.der_used, dlen);
	assert_int_equal(k.der_len, dlen + 3);
	check_describe(&k);
	free(t);
	free(der);
	free(s);
}

/* A key split into pieces with the whitespace receivers strip. */
static void test_split_whitespace(void **state)
{
	(void)state;
	const char *seps[] = { " ", "\t", "\r\n", " \r\n\t ", "\n" };
	for (size_t i = 0; i < ZL_ARRAY_SIZE(rsa_sizes); i++) {
		char name[64];
		snprintf(name, sizeof(name), "rsa%u.spki.b64", rsa_sizes[i]);
		size_t len;
		char *s = slurp(name, &len);
		for (size_t w = 0; w < ZL_ARRAY_SIZE(seps); w++) {
			size_t chunk = 7 + w * 31;
			char *t = malloc(len * 6 + 16);
			assert_non_null(t);
			size_t o = 0;
			t[o++] = ' ';
			for (size_t j = 0; j < len; j++) {
				if (j && j % chunk == 0) {
					strcpy(t + o, seps[w]);
					o += strlen(seps[w]);
				}
				t[o++] = s[j];
			}
			strcpy(t + o, seps[w]);
			zl_dkimkey_t k = decode_str(t, ZL_DKIMKEY_RSA);
			assert_int_equal(k.status, ZL_DKIMKEY_OK);
			assert_int_equal(k.bits, rsa_sizes[i]);
			assert_int_equal(k.b64_chars, len);
			free(t);
		}
		free(s);
	}
	zl_dkimkey_t k = decode_str(" 11qYAYKxCrfVS/7TyWQH\tOg7hcvPapiMlrwIa\r\naPcHURo= ",
				    ZL_DKIMKEY_ED25519);
	assert_int_equal(k.status, ZL_DKIMKEY_OK);
	assert_int_equal(k.bits, 256);
}

static void test_empty(void **state)
{
	(void)state;
	const char *v[] = { "", " ", "\t", "\r\n", " \t\r\n " };
	for (size_t i = 0; i < ZL_ARRAY_SIZE(v); i++) {
		for (int t = ZL_DKIMKEY_RSA; t <= ZL_DKIMKEY_ED25519; t++) {
			zl_dkimkey_t k = decode_str(v[i], t);
			assert_int_equal(k.status, ZL_DKIMKEY_EMPTY);
			assert_int_equal(k.type, ZL_DKIMKEY_NONE);
			assert_int_equal(k.der_len, 0);
			check_describe(&k);
		}
	}
	zl_dkimkey_t k;
	assert_int_equal(zl_dkimkey_decode(&k, NULL, 0, ZL_DKIMKEY_RSA), 0);
	assert_int_equal(k.status, ZL_DKIMKEY_EMPTY);
	zl_arena_t a;
	zl_arena_init(&a);
	assert_non_null(strstr(zl_dkimkey_describe(&a, &k), "revoked"));
	zl_arena_free(&a);
}

static void test_bad_base64(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t len;
		zl_dkimkey_b64err_t err;
		size_t off;
		int byte;
		const char *msg; /* substring of describe() */
	} v[] = {
		{ "MIGf#MA0", 8, ZL_DKIMKEY_B64_CHAR, 4, '#', "'#' at offset 4" },
		{ "MIGf\001MA0", 8, ZL_DKIMKEY_B64_CHAR, 4, 1, "\\001 at offset 4" },
		{ "MIGf\303\251AAA", 9, ZL_DKIMKEY_B64_CHAR, 4, 0xc3, "\\195" },
		{ "QUJD\0QUJD", 9, ZL_DKIMKEY_B64_CHAR, 4, 0, "\\000" },
		{ "QUJD\"QUJ", 8, ZL_DKIMKEY_B64_CHAR, 4, '"', "\\034" },
		{ "QUJD\\QUJ", 8, ZL_DKIMKEY_B64_CHAR, 4, '\\', "\\092" },
		{ "QUJD-_AA", 8, ZL_DKIMKEY_B64_CHAR, 4, '-', "'-'" },
		{ "QUJD,QUJD", 9, ZL_DKIMKEY_B64_CHAR, 4, ',', "','" },
		{ "QUJD\vQUJD", 9, ZL_DKIMKEY_B64_CHAR, 4, '\v', "\\011" },
		{ "QUJD\fQUJD", 9, ZL_DKIMKEY_B64_CHAR, 4, '\f', "\\012" },
		{ "QQ=", 3, ZL_DKIMKEY_B64_LENGTH, 3, -1, "length 3" },
		{ "QUJ", 3, ZL_DKIMKEY_B64_LENGTH, 3, -1, "length 3" },
		{ "QUJD QUJ ", 9, ZL_DKIMKEY_B64_LENGTH, 9, -1, "length 7" },
		{ "QUJDQ", 5, ZL_DKIMKEY_B64_LENGTH, 5, -1, "length 5" },
		{ "Q===", 4, ZL_DKIMKEY_B64_PADDING, 1, '=', "misplaced" },
		{ "=QUJ", 4, ZL_DKIMKEY_B64_PADDING, 0, '=', "offset 0" },
		{ "QQ===", 5, ZL_DKIMKEY_B64_PADDING, 4, '=', "misplaced" },
		{ "QQ==QUJD", 8, ZL_DKIMKEY_B64_PADDING, 4, 'Q', "after '='" },
		{ "QU=D", 4, ZL_DKIMKEY_B64_PADDING, 3, 'D', "after '='" },
		{ "QUJD====", 8, ZL_DKIMKEY_B64_PADDING, 4, '=', "misplaced" },
		{ "QQ= =QUJD", 9, ZL_DKIMKEY_B64_PADDING, 5, 'Q', "offset 5" },
	};
	zl_arena_t a;
	zl_arena_init(&a);
	for (size_t i = 0; i < ZL_ARRAY_SIZE(v); i++) {
		for (int t = ZL_DKIMKEY_RSA; t <= ZL_DKIMKEY_ED25519; t++) {
			zl_dkimkey_t k;
			assert_int_equal(zl_dkimkey_decode(&k, v[i].in, v[i].len, t), 0);
			assert_int_equal(k.status, ZL_DKIMKEY_BAD_BASE64);
			assert_int_equal(k.b64_error, v[i].err);
			assert_int_equal(k.b64_offset, v[i].off);
			assert_int_equal(k.b64_byte, v[i].byte);
			assert_int_equal(k.type, ZL_DKIMKEY_NONE);
			const char *m = zl_dkimkey_describe(&a, &k);
			check_message(m);
			if (!strstr(m, v[i].msg))
				fail_msg("vector %zu: \"%s\" lacks \"%s\"", i, m, v[i].msg);
		}
	}
	zl_arena_free(&a);

	/* a bad byte inside a real key */
	size_t len;
	char *s = slurp("rsa1024.spki.b64", &len);
	s[100] = '*';
	zl_dkimkey_t k = decode_str(s, ZL_DKIMKEY_RSA);
	assert_int_equal(k.status, ZL_DKIMKEY_BAD_BASE64);
	assert_int_equal(k.b64_offset, 100);
	free(s);
}

static void test_base64_edges(void **state)
{
	(void)state;
	/* valid base64 of 1 and 2 bytes: not keys */
	zl_dkimkey_t k = decode_str("QQ==", ZL_DKIMKEY_RSA);
	assert_int_equal(k.status, ZL_DKIMKEY_BAD_DER);
	assert_int_equal(k.der_len, 1);
	assert_int_equal(k.b64_noncanonical, 0);
	k = decode_str("QR==", ZL_DKIMKEY_RSA);
	assert_int_equal(k.status, ZL_DKIMKEY_BAD_DER);
	assert_int_equal(k.b64_noncanonical, 1);
	k = decode_str("QUI=", ZL_DKIMKEY_RSA);
	assert_int_equal(k.der_len, 2);
	assert_int_equal(k.b64_noncanonical, 0);
	k = decode_str("QUJ=", ZL_DKIMKEY_RSA);
	assert_int_equal(k.der_len, 2);
	assert_int_equal(k.b64_noncanonical, 1);
	k = decode_str("Q Q = =", ZL_DKIMKEY_ED25519);
	assert_int_equal(k.status, ZL_DKIMKEY_BAD_ED25519_LENGTH);
	assert_int_equal(k.der_len, 1);

	/* the RFC 8463 key with its last "=" dropped or doubled */
	k = decode_str("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo", ZL_DKIMKEY_ED25519);
	assert_int_equal(k.status, ZL_DKIMKEY_BAD_BASE64);
	assert_int_equal(k.b64_error, ZL_DKIMKEY_B64_LENGTH);
	k = decode_str("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo==", ZL_DKIMKEY_ED25519);
	assert_int_equal(k.status, ZL_DKIMKEY_BAD_BASE64);
	assert_int_equal(k.b64_error, ZL_DKIMKEY_B64_PADDING);
	assert_int_equal(k.b64_offset, 44);
}

static void test_invalid_arguments(void **state)
{
	(void)state;
	zl_dkimkey_t k;
	assert_int_equal(zl_dkimkey_decode(NULL, "QUJD", 4, ZL_DKIMKEY_RSA), ZL_EINVAL);
	assert_int_equal(zl_dkimkey_decode(&k, NULL, 4, ZL_DKIMKEY_RSA), ZL_EINVAL);
	const int bad[] = { ZL_DKIMKEY_NONE, ZL_DKIMKEY_OTHER, -1, 99 };
	for (size_t i = 0; i < ZL_ARRAY_SIZE(bad); i++) {
		assert_int_equal(zl_dkimkey_decode(&k, "QUJD", 4, bad[i]), ZL_EINVAL);
		assert_int_equal(k.status, ZL_DKIMKEY_BAD_DER);
	}
}

static void test_status_table(void **state)
{
	(void)state;
	for (int i = 0; i < ZL_DKIMKEY_STATUS_COUNT; i++) {
		const char *n = zl_dkimkey_status_name(i);
		assert_true(strlen(n) > 0);
		for (const char *p = n; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
				    *p == '_');
		assert_int_equal(zl_dkimkey_status_from_name(n), i);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(n, zl_dkimkey_status_name(j));
		check_message(zl_dkimkey_status_message(i));
	}
	/* codes are stable: these numbers are in reports */
	assert_int_equal(ZL_DKIMKEY_OK, 0);
	assert_int_equal(ZL_DKIMKEY_EMPTY, 1);
	assert_int_equal(ZL_DKIMKEY_BAD_BASE64, 2);
	assert_int_equal(ZL_DKIMKEY_UNSUPPORTED_KEY, 7);
	assert_string_equal(zl_dkimkey_status_name(ZL_DKIMKEY_BAD_ED25519_LENGTH),
			    "bad_ed25519_length");
	assert_string_equal(zl_dkimkey_status_name(-1), "unknown");
	assert_string_equal(zl_dkimkey_status_name(ZL_DKIMKEY_STATUS_COUNT), "unknown");
	assert_string_equal(zl_dkimkey_status_message(-1), "unknown status");
	assert_int_equal(zl_dkimkey_status_from_name("nope"), -1);
	assert_int_equal(zl_dkimkey_status_from_name(NULL), -1);
	assert_string_equal(zl_dkimkey_type_name(ZL_DKIMKEY_RSA), "rsa");
	assert_string_equal(zl_dkimkey_type_name(ZL_DKIMKEY_ED25519), "ed25519");
	assert_string_equal(zl_dkimkey_type_name(42), "unknown");
}

/* ------------------------------------------------------------------ */
/* PEM -> record                                                      */
/* ------------------------------------------------------------------ */

/* The p= value of a record, copied; NULL if none. */
static char *record_p(const char *rec)
{
	const char *p = strstr(rec, "; p=");
	return p ? strdup(p + 4) : NULL;
}

static void check_pem(zl_arena_t *a, const char *file, zl_dkimkey_type_t type, unsigned bits,
		      const char *label, const char *want_p_file)
{
	size_t len;
	char *pem = slurp(file, &len);
	zl_dkimkey_record_t r;
	assert_int_equal(zl_dkimkey_record_from_pem(a, &r, pem, len), 0);
	assert_int_equal(r.status, ZL_DKIMKEY_OK);
	assert_int_equal(r.type, type);
	assert_int_equal(r.bits, bits);
	assert_string_equal(r.label, label);
	const char *prefix =
		type == ZL_DKIMKEY_RSA ? "v=DKIM1; k=rsa; p=" : "v=DKIM1; k=ed25519; p=";
	assert_int_equal(strncmp(r.record, prefix, strlen(prefix)), 0);
	char *p = record_p(r.record);
	assert_non_null(p);
	assert_string_equal(p, r.p_value);
	char *want = slurp(want_p_file, NULL);
	assert_string_equal(p, want);

	/* round trip: decode the record's key back */
	zl_dkimkey_t k = decode_str(p, type);
	assert_int_equal(k.status, ZL_DKIMKEY_OK);
	assert_int_equal(k.type, type);
	assert_int_equal(k.bits, bits);
	assert_int_equal(k.format,
			 type == ZL_DKIMKEY_RSA ? ZL_DKIMKEY_FMT_SPKI : ZL_DKIMKEY_FMT_RAW);

	/* and as zone-file strings of at most 255 octets */
	char *txt = zl_dkimkey_txt_strings(a, r.record, strlen(r.record), 0);
	assert_true(strlen(txt) >= strlen(r.record) + 2);
	free(want);
	free(p);
	free(pem);
}

static void test_pem_round_trip(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_arena_init(&a);
	for (size_t i = 0; i < ZL_ARRAY_SIZE(rsa_sizes); i++) {
		static const struct {
			const char *suffix;
			const char *label;
		} forms[] = {
			{ "priv.pem", "PRIVATE KEY" },
			{ "pub.pem", "PUBLIC KEY" },
			{ "rsapriv.pem", "RSA PRIVATE KEY" },
			{ "rsapub.pem", "RSA PUBLIC KEY" },
		};
		char want[64];
		snprintf(want, sizeof(want), "rsa%u.spki.b64", rsa_sizes[i]);
		for (size_t f = 0; f < ZL_ARRAY_SIZE(forms); f++) {
			char file[64];
			snprintf(file, sizeof(file), "rsa%u.%s", rsa_sizes[i], forms[f].suffix);
			check_pem(&a, file, ZL_DKIMKEY_RSA, rsa_sizes[i], forms[f].label, want);
		}
	}
	check_pem(&a, "ed25519.priv.pem", ZL_DKIMKEY_ED25519, 256, "PRIVATE KEY",
		  "ed25519.raw.b64");
	check_pem(&a, "ed25519.pub.pem", ZL_DKIMKEY_ED25519, 256, "PUBLIC KEY", "ed25519.raw.b64");
	zl_arena_free(&a);
}

static void test_pem_refused(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		zl_dkimkey_status_t status;
		const char *alg;
	} v[] = {
		{ "ec256.priv.pem", ZL_DKIMKEY_UNSUPPORTED_KEY, "EC" },
		{ "ec256.pub.pem", ZL_DKIMKEY_UNSUPPORTED_KEY, "EC" },
		{ "ec256.ecparam.pem", ZL_DKIMKEY_UNSUPPORTED_KEY, "EC" },
		{ "rsapss1024.priv.pem", ZL_DKIMKEY_UNSUPPORTED_KEY, "RSA-PSS" },
		{ "rsa1024.enc.pem", ZL_DKIMKEY_ENCRYPTED_PEM, "" },
		{ "rsa1024.enctrad.pem", ZL_DKIMKEY_ENCRYPTED_PEM, "" },
		{ "rsa1024.spki.b64", ZL_DKIMKEY_BAD_PEM, "" },
	};
	zl_arena_t a;
	zl_arena_init(&a);
	for (size_t i = 0; i < ZL_ARRAY_SIZE(v); i++) {
		size_t len;
		char *pem = slurp(v[i].file, &len);
		zl_dkimkey_record_t r;
		assert_int_equal(zl_dkimkey_record_from_pem(&a, &r, pem, len), ZL_EINVAL);
		assert_int_equal(r.status, v[i].status);
		assert_string_equal(r.alg, v[i].alg);
		assert_null(r.record);
		assert_null(r.p_value);
		free(pem);
	}
	static const struct {
		const char *pem;
		zl_dkimkey_status_t status;
	} t[] = {
		{ "hello", ZL_DKIMKEY_BAD_PEM },
		{ "-----BEGIN PUBLIC KEY-----\nQUJD\n-----END PUBLIC KEY-----\n",
		  ZL_DKIMKEY_BAD_DER },
		{ "-----BEGIN PUBLIC KEY-----\nQU*D\n-----END PUBLIC KEY-----\n",
		  ZL_DKIMKEY_BAD_PEM },
		{ "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n",
		  ZL_DKIMKEY_BAD_PEM },
		{ "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n",
		  ZL_DKIMKEY_BAD_DER },
	};
	for (size_t i = 0; i < ZL_ARRAY_SIZE(t); i++) {
		zl_dkimkey_record_t r;
		assert_int_equal(zl_dkimkey_record_from_pem(&a, &r, t[i].pem, strlen(t[i].pem)),
				 ZL_EINVAL);
		assert_int_equal(r.status, t[i].status);
	}
	zl_dkimkey_record_t r;
	assert_int_equal(zl_dkimkey_record_from_pem(&a, NULL, "x", 1), ZL_EINVAL);
	assert_int_equal(zl_dkimkey_record_from_pem(NULL, &r, "x", 1), ZL_EINVAL);
	assert_int_equal(zl_dkimkey_record_from_pem(&a, &r, NULL, 1), ZL_EINVAL);
	assert_int_equal(zl_dkimkey_record_from_pem(&a, &r, "x", 0), ZL_EINVAL);
	assert_int_equal(r.status, ZL_DKIMKEY_BAD_PEM);
	zl_arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* TXT character-strings                                              */
/* ------------------------------------------------------------------ */

/* Parse "\"..\" \"..\"" back; checks each piece is at most max octets. */
static size_t parse_txt(const char *s, char *out, size_t max, size_t *pieces)
{
	size_t n = 0;
	*pieces = 0;
	while (*s) {
		assert_int_equal(*s, '"');
		s++;
		size_t piece = 0;
		while (*s != '"') {
			assert_true(*s != '\0');
			unsigned char c = (unsigned char)*s++;
			assert_true(c >= 0x20 && c < 0x7f);
			if (c == '\\') {
				if (s[0] >= '0' && s[0] <= '9') {
					c = (unsigned char)((s[0] - '0') * 100 + (s[1] - '0') * 10 +
							    (s[2] - '0'));
					s += 3;
				} else {
					c = (unsigned char)*s++;
				}
			}
			out[n++] = (char)c;
			piece++;
		}
		s++;
		assert_true(piece <= max);
		(*pieces)++;
		if (*s) {
			assert_int_equal(*s, ' ');
			s++;
		}
	}
	return n;
}

/* The cache answers exactly what the decoder does, whatever it held before. */
static void test_decode_cache(void **state)
{
	(void)state;
	size_t l1, l2, l3;
	char *rsa = slurp("rsa2048.spki.b64", &l1);
	char *raw = slurp("ed25519.raw.b64", &l2);
	char *pk1 = slurp("rsa1024.pkcs1.b64", &l3);
	const struct {
		const char *p;
		size_t len;
		int type;
	} in[] = {
		{ rsa, l1, ZL_DKIMKEY_RSA },     { rsa, l1, ZL_DKIMKEY_ED25519 },
		{ raw, l2, ZL_DKIMKEY_ED25519 }, { raw, l2, ZL_DKIMKEY_RSA },
		{ pk1, l3, ZL_DKIMKEY_RSA },     { rsa, l1 / 2, ZL_DKIMKEY_RSA },
		{ "", 0, ZL_DKIMKEY_RSA },       { NULL, 0, ZL_DKIMKEY_RSA },
		{ "AAA#", 4, ZL_DKIMKEY_RSA },   { "AAAA", 4, ZL_DKIMKEY_RSA },
		{ rsa, l1, 7 },                  { NULL, 3, ZL_DKIMKEY_RSA },
	};
	zl_dkimkey_cache_t c;
	zl_dkimkey_cache_init(&c);
	/* several rounds, so that every value is both decoded and remembered,
	 * and more distinct values than slots, so that slots are reused */
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
			zl_dkimkey_t a, b;
			int ra = zl_dkimkey_decode(&a, in[i].p, in[i].len, in[i].type);
			int rb = zl_dkimkey_decode_cached(&c, &b, in[i].p, in[i].len, in[i].type);
			assert_int_equal(ra, rb);
			assert_memory_equal(&a, &b, sizeof(a));
		}
		for (unsigned v = 0; v < 2 * ZL_DKIMKEY_CACHE_SLOTS; v++) {
			char p[64];
			int n = snprintf(p, sizeof(p), "AAAA%04uAAAA", v);
			zl_dkimkey_t a, b;
			zl_dkimkey_decode(&a, p, (size_t)n, ZL_DKIMKEY_RSA);
			assert_int_equal(zl_dkimkey_decode_cached(&c, &b, p, (size_t)n,
								  ZL_DKIMKEY_RSA), 0);
			assert_memory_equal(&a, &b, sizeof(a));
		}
	}
	assert_true(c.hits > 0);
	assert_true(c.misses > 0);
	/* no cache: plain decoding */
	zl_dkimkey_t a, b;
	zl_dkimkey_decode(&a, rsa, l1, ZL_DKIMKEY_RSA);
	assert_int_equal(zl_dkimkey_decode_cached(NULL, &b, rsa, l1, ZL_DKIMKEY_RSA), 0);
	assert_memory_equal(&a, &b, sizeof(a));
	zl_dkimkey_cache_free(&c);
	zl_dkimkey_cache_free(&c); /* freeing twice is harmless */
	free(rsa);
	free(raw);
	free(pk1);
}

static void test_txt_strings(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_arena_init(&a);
	assert_string_equal(zl_dkimkey_txt_strings(&a, "", 0, 0), "\"\"");
	assert_string_equal(zl_dkimkey_txt_strings(&a, NULL, 0, 0), "\"\"");
	assert_string_equal(zl_dkimkey_txt_strings(&a, "abc", 3, 0), "\"abc\"");
	assert_string_equal(zl_dkimkey_txt_strings(&a, "abcdef", 6, 4), "\"abcd\" \"ef\"");
	assert_string_equal(zl_dkimkey_txt_strings(&a, "abcd", 4, 2), "\"ab\" \"cd\"");
	assert_string_equal(zl_dkimkey_txt_strings(&a, "a\"b\\c\001\377", 7, 0),
			    "\"a\\\"b\\\\c\\001\\255\"");
	/* escapes count as one octet and are never split */
	assert_string_equal(zl_dkimkey_txt_strings(&a, "a\"\"b", 4, 2), "\"a\\\"\" \"\\\"b\"");

	static const size_t lens[] = { 1, 254, 255, 256, 510, 511, 600, 2000 };
	static const size_t chunks[] = { 0, 1, 100, 250, 255, 256, 1000 };
	char *src = malloc(2000), *back = malloc(2000);
	assert_non_null(src);
	assert_non_null(back);
	for (size_t i = 0; i < 2000; i++)
		src[i] = (char)(i % 7 == 0 ? '"' : i % 11 == 0 ? '\\' : i % 13 == 0 ? '\n' :
										  'a' + i % 26);
	for (size_t l = 0; l < ZL_ARRAY_SIZE(lens); l++) {
		for (size_t c = 0; c < ZL_ARRAY_SIZE(chunks); c++) {
			size_t max = chunks[c] == 0 || chunks[c] > 255 ? 255 : chunks[c];
			char *t = zl_dkimkey_txt_strings(&a, src, lens[l], chunks[c]);
			size_t pieces;
			size_t n = parse_txt(t, back, max, &pieces);
			assert_int_equal(n, lens[l]);
			assert_memory_equal(back, src, n);
			assert_int_equal(pieces, (lens[l] + max - 1) / max);
		}
	}
	free(src);
	free(back);

	/* a 4096-bit record needs several strings */
	size_t len;
	char *pem = slurp("rsa4096.pub.pem", &len);
	zl_dkimkey_record_t r;
	assert_int_equal(zl_dkimkey_record_from_pem(&a, &r, pem, len), 0);
	char *t = zl_dkimkey_txt_strings(&a, r.record, strlen(r.record), 255);
	char *rb = malloc(strlen(r.record) + 1);
	assert_non_null(rb);
	size_t pieces;
	size_t n = parse_txt(t, rb, 255, &pieces);
	assert_int_equal(n, strlen(r.record));
	assert_memory_equal(rb, r.record, n);
	assert_int_equal(pieces, (n + 254) / 255);
	assert_true(pieces >= 3);
	free(rb);
	free(pem);
	zl_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_table),
		cmocka_unit_test(test_invalid_arguments),
		cmocka_unit_test(test_published_examples),
		cmocka_unit_test(test_rsa_keys),
		cmocka_unit_test(test_ed25519_keys),
		cmocka_unit_test(test_unsupported_keys),
		cmocka_unit_test(test_malformed_inner_key),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_trailing_data),
		cmocka_unit_test(test_split_whitespace),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_bad_base64),
		cmocka_unit_test(test_base64_edges),
		cmocka_unit_test(test_pem_round_trip),
		cmocka_unit_test(test_pem_refused),
		cmocka_unit_test(test_txt_strings),
		cmocka_unit_test(test_decode_cache),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
