/* zonelint: libFuzzer target for the DKIM public-key decoder (src/dkimkey.c).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Input: byte 0 selects the mode, the rest is the p= value.
 *   bit 0     declared type: 0 k=rsa, 1 k=ed25519
 *   bit 1     also render the value as TXT character-strings and parse back
 *   bit 2     also feed the value to zl_dkimkey_record_from_pem()
 *   0xff      an invalid declared type, which must give ZL_EINVAL
 * Any broken invariant traps.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dkimkey.h"

#define CHECK(c)                                                                         \
	do {                                                                             \
		if (!(c))                                                                \
			__builtin_trap();                                                \
	} while (0)

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_b64(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '+' || c == '/';
}

static void check_message(const char *m)
{
	CHECK(m && *m);
	size_t n = strlen(m);
	for (size_t i = 0; i < n; i++)
		CHECK((unsigned char)m[i] >= 0x20 && (unsigned char)m[i] < 0x7f);
	CHECK(!(m[0] >= 'A' && m[0] <= 'Z'));
	CHECK(m[n - 1] != '.');
}

static void check_result(const zl_dkimkey_t *k, const unsigned char *p, size_t len, int type)
{
	CHECK(k->status >= ZL_DKIMKEY_OK && k->status <= ZL_DKIMKEY_UNSUPPORTED_KEY);
	CHECK((int)k->declared == type);
	CHECK(strcmp(zl_dkimkey_status_name(k->status), "unknown") != 0);
	if (k->status != ZL_DKIMKEY_BAD_BASE64) {
		CHECK(k->b64_error == ZL_DKIMKEY_B64_NONE);
		CHECK(k->der_len <= len / 4 * 3);
		CHECK(k->der_used <= k->der_len);
	}
	switch (k->status) {
	case ZL_DKIMKEY_OK:
		CHECK(k->bits > 0);
		CHECK((int)k->type == type);
		CHECK(k->der_used == k->der_len);
		if (k->type == ZL_DKIMKEY_ED25519)
			CHECK(k->bits == 256 && k->format == ZL_DKIMKEY_FMT_RAW &&
			      k->der_len == 32);
		else
			CHECK(k->format == ZL_DKIMKEY_FMT_SPKI ||
			      k->format == ZL_DKIMKEY_FMT_PKCS1);
		break;
	case ZL_DKIMKEY_EMPTY:
		CHECK(k->der_len == 0 && k->type == ZL_DKIMKEY_NONE);
		for (size_t i = 0; i < len; i++)
			CHECK(is_space(p[i]));
		break;
	case ZL_DKIMKEY_BAD_BASE64:
		CHECK(k->b64_error != ZL_DKIMKEY_B64_NONE);
		CHECK(k->b64_offset <= len);
		CHECK(k->type == ZL_DKIMKEY_NONE);
		if (k->b64_error == ZL_DKIMKEY_B64_CHAR) {
			CHECK(k->b64_offset < len && p[k->b64_offset] == k->b64_byte);
			CHECK(!is_b64(p[k->b64_offset]) && !is_space(p[k->b64_offset]) &&
			      p[k->b64_offset] != '=');
		} else if (k->b64_error == ZL_DKIMKEY_B64_PADDING) {
			CHECK(k->b64_offset < len && p[k->b64_offset] == k->b64_byte);
		} else {
			CHECK(k->b64_offset == len && k->b64_chars % 4 != 0);
		}
		break;
	case ZL_DKIMKEY_BAD_DER:
		CHECK(k->der_len > 0);
		CHECK(k->der_want == 0 || k->der_want > k->der_len);
		break;
	case ZL_DKIMKEY_TRAILING_DATA:
		CHECK(k->bits > 0 && (int)k->type == type);
		CHECK(k->der_used > 0 && k->der_used < k->der_len);
		break;
	case ZL_DKIMKEY_TYPE_MISMATCH:
		CHECK((int)k->type != type && k->bits > 0);
		CHECK(k->type == ZL_DKIMKEY_RSA || k->type == ZL_DKIMKEY_ED25519);
		break;
	case ZL_DKIMKEY_BAD_ED25519_LENGTH:
		CHECK(type == ZL_DKIMKEY_ED25519 && k->der_len != 32);
		if (k->format == ZL_DKIMKEY_FMT_SPKI)
			CHECK(k->type == ZL_DKIMKEY_ED25519 && k->bits == 256);
		break;
	case ZL_DKIMKEY_UNSUPPORTED_KEY:
		CHECK(k->type == ZL_DKIMKEY_OTHER && k->alg[0] != '\0');
		CHECK(memchr(k->alg, '\0', sizeof(k->alg)) != NULL);
		for (const char *a = k->alg; *a; a++)
			CHECK((unsigned char)*a >= 0x20 && (unsigned char)*a < 0x7f);
		break;
	default:
		CHECK(0);
	}
}

/* Parse the output of zl_dkimkey_txt_strings() back and compare. */
static void check_txt(const char *t, const unsigned char *p, size_t len)
{
	size_t n = 0;
	while (*t) {
		CHECK(*t == '"');
		t++;
		size_t piece = 0;
		while (*t != '"') {
			unsigned char c = (unsigned char)*t++;
			CHECK(c >= 0x20 && c < 0x7f);
			if (c == '\\') {
				if (t[0] >= '0' && t[0] <= '9') {
					CHECK(t[1] >= '0' && t[1] <= '9' && t[2] >= '0' &&
					      t[2] <= '9');
					c = (unsigned char)((t[0] - '0') * 100 + (t[1] - '0') * 10 +
							    (t[2] - '0'));
					t += 3;
				} else {
					c = (unsigned char)*t++;
					CHECK(c == '"' || c == '\\');
				}
			}
			CHECK(n < len && p[n] == c);
			n++;
			piece++;
		}
		t++;
		CHECK(piece <= 255);
		if (*t) {
			CHECK(*t == ' ');
			t++;
		}
	}
	CHECK(n == len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	unsigned sel = data[0];
	const unsigned char *p = data + 1;
	size_t len = size - 1;
	zl_dkimkey_t k, k2;

	if (sel == 0xff) {
		CHECK(zl_dkimkey_decode(&k, (const char *)p, len, ZL_DKIMKEY_OTHER) == ZL_EINVAL);
		return 0;
	}
	int type = (sel & 1) ? ZL_DKIMKEY_ED25519 : ZL_DKIMKEY_RSA;
	CHECK(zl_dkimkey_decode(&k, (const char *)p, len, type) == 0);
	check_result(&k, p, len, type);

	/* deterministic: a second run gives the very same result */
	CHECK(zl_dkimkey_decode(&k2, (const char *)p, len, type) == 0);
	CHECK(memcmp(&k, &k2, sizeof(k)) == 0);

	zl_arena_t arena;
	zl_arena_init(&arena);
	check_message(zl_dkimkey_describe(&arena, &k));

	if (sel & 2)
		check_txt(zl_dkimkey_txt_strings(&arena, (const char *)p, len, sel >> 3),
			  p, len);
	if (sel & 4) {
		zl_dkimkey_record_t r;
		int rc = zl_dkimkey_record_from_pem(&arena, &r, (const char *)p, len);
		CHECK((rc == 0) == (r.status == ZL_DKIMKEY_OK));
		if (rc == 0) {
			CHECK(r.record && r.p_value && r.bits > 0);
			zl_dkimkey_t rk;
			CHECK(zl_dkimkey_decode(&rk, r.p_value, strlen(r.p_value), (int)r.type) ==
			      0);
			CHECK(rk.status == ZL_DKIMKEY_OK && rk.bits == r.bits);
		} else {
			CHECK(!r.record && !r.p_value);
		}
	}
	zl_arena_free(&arena);
	return 0;
}
