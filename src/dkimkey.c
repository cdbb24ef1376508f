/* zonelint: DKIM public-key (p= tag) decoder and DKIM key record generator.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "dkimkey.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "util.h"

/* An Ed25519 public key is 32 octets (RFC 8032 5.1.5); DKIM calls it 256 bits. */
#define ED25519_KEY_LEN 32u
#define ED25519_BITS 256u

static const char *const status_names[] = {
#define X_NAME(e, n, m) n,
	ZL_DKIMKEY_STATUS_LIST(X_NAME)
#undef X_NAME
};

static const char *const status_messages[] = {
#define X_MSG(e, n, m) m,
	ZL_DKIMKEY_STATUS_LIST(X_MSG)
#undef X_MSG
};

const char *zl_dkimkey_status_name(int status)
{
	if (status < 0 || (size_t)status >= ZL_ARRAY_SIZE(status_names))
		return "unknown";
	return status_names[status];
}

const char *zl_dkimkey_status_message(int status)
{
	if (status < 0 || (size_t)status >= ZL_ARRAY_SIZE(status_messages))
		return "unknown status";
	return status_messages[status];
}

int zl_dkimkey_status_from_name(const char *name)
{
	if (!name)
		return -1;
	for (size_t i = 0; i < ZL_ARRAY_SIZE(status_names); i++)
		if (strcmp(name, status_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *zl_dkimkey_type_name(int type)
{
	switch (type) {
	case ZL_DKIMKEY_NONE:
		return "none";
	case ZL_DKIMKEY_RSA:
		return "rsa";
	case ZL_DKIMKEY_ED25519:
		return "ed25519";
	case ZL_DKIMKEY_OTHER:
		return "other";
	default:
		return "unknown";
	}
}

/* ------------------------------------------------------------------ */
/* base64 (RFC 4648 section 4)                                        */
/* ------------------------------------------------------------------ */

static int b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* The whitespace receivers strip from tag values (RFC 6376 3.2: FWS). */
static int is_strip_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void b64_fail(zl_dkimkey_t *k, zl_dkimkey_b64err_t why, size_t off, int byte)
{
	k->status = ZL_DKIMKEY_BAD_BASE64;
	k->b64_error = why;
	k->b64_offset = off;
	k->b64_byte = byte;
}

/*
 * Strict decoder: the RFC 4648 alphabet only, "=" only as the last one or two
 * characters of the last quad, and whole quads once SP, TAB, CR and LF are
 * gone (RFC 6376 3.6.1 base64string: ALPHA / DIGIT / "+" / "/" with FWS,
 * then up to two "=").  Receivers are looser, and differently so: some skip
 * every byte outside the alphabet and stop at the first "=" (the classic
 * OpenDKIM decoder), Python's base64.b64decode (dkimpy) drops bytes outside
 * the alphabet but insists on correct padding, OpenSSL's BIO decoder stops at
 * junk.  A value this function accepts is read the same by all of them; one
 * it refuses is read differently or not at all, which is worth a finding.
 * Pad bits that are not zero (RFC 4648 3.5) are accepted everywhere and only
 * flagged.  @p dst must hold len / 4 * 3 + 3 bytes.  Returns 0 or -1.
 */
static int b64_decode(zl_dkimkey_t *k, const unsigned char *in, size_t len,
		      unsigned char *dst, size_t *dlen)
{
	uint32_t acc = 0;
	size_t q = 0, pad = 0, n = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = in[i];
		if (is_strip_space(c))
			continue;
		if (c == '=') {
			/* "=" may fill positions 2 and 3 of a quad, never 0 or 1 */
			if (q % 4 < 2 || pad >= 2) {
				b64_fail(k, ZL_DKIMKEY_B64_PADDING, i, c);
				return -1;
			}
			pad++;
			q++;
			continue;
		}
		int v = b64_value(c);
		if (v < 0) {
			b64_fail(k, ZL_DKIMKEY_B64_CHAR, i, c);
			return -1;
		}
		if (pad) {
			b64_fail(k, ZL_DKIMKEY_B64_PADDING, i, c);
			return -1;
		}
		acc = (acc << 6) | (uint32_t)v;
		q++;
		if (q % 4 == 0) {
			dst[n++] = (unsigned char)(acc >> 16);
			dst[n++] = (unsigned char)(acc >> 8);
			dst[n++] = (unsigned char)acc;
			acc = 0;
		}
	}
	k->b64_chars = q;
	if (q % 4 != 0) {
		b64_fail(k, ZL_DKIMKEY_B64_LENGTH, len, -1);
		return -1;
	}
	if (pad == 1) { /* three characters: 18 bits, 2 bytes and 2 pad bits */
		dst[n++] = (unsigned char)(acc >> 10);
		dst[n++] = (unsigned char)(acc >> 2);
		k->b64_noncanonical = (acc & 0x3u) != 0;
	} else if (pad == 2) { /* two characters: 12 bits, 1 byte and 4 pad bits */
		dst[n++] = (unsigned char)(acc >> 4);
		k->b64_noncanonical = (acc & 0xfu) != 0;
	}
	*dlen = n;
	return 0;
}

static const char b64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 with padding into the arena. */
static char *b64_encode(zl_arena_t *arena, const unsigned char *src, size_t n)
{
	size_t out_len = (n + 2) / 3 * 4;
	char *out = zl_arena_alloc(arena, out_len + 1);
	size_t o = 0, i = 0;

	for (; i + 3 <= n; i += 3) {
		uint32_t v = (uint32_t)src[i] << 16 | (uint32_t)src[i + 1] << 8 | src[i + 2];
		out[o++] = b64_alphabet[v >> 18];
		out[o++] = b64_alphabet[(v >> 12) & 63];
		out[o++] = b64_alphabet[(v >> 6) & 63];
		out[o++] = b64_alphabet[v & 63];
	}
	if (n - i == 1) {
		uint32_t v = (uint32_t)src[i] << 16;
		out[o++] = b64_alphabet[v >> 18];
		out[o++] = b64_alphabet[(v >> 12) & 63];
		out[o++] = '=';
		out[o++] = '=';
	} else if (n - i == 2) {
		uint32_t v = (uint32_t)src[i] << 16 | (uint32_t)src[i + 1] << 8;
		out[o++] = b64_alphabet[v >> 18];
		out[o++] = b64_alphabet[(v >> 12) & 63];
		out[o++] = b64_alphabet[(v >> 6) & 63];
		out[o++] = '=';
	}
	out[o] = '\0';
	return out;
}

/* ------------------------------------------------------------------ */
/* key classification                                                 */
/* ------------------------------------------------------------------ */

/* Copy an algorithm name, keeping printable ASCII only. */
static void set_alg(char *dst, size_t cap, const char *src)
{
	size_t o = 0;
	if (!src)
		src = "unknown";
	for (; *src && o + 1 < cap; src++) {
		unsigned char c = (unsigned char)*src;
		dst[o++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	dst[o] = '\0';
}

/*
 * Size of the outer DER element announced by its header (X.690 8.1.3), or 0
 * if the bytes do not start like a definite-length SEQUENCE.  Used only to
 * tell "cut short" from "not a key" in messages.
 */
static size_t der_announced(const unsigned char *b, size_t n)
{
	if (n < 2 || b[0] != 0x30)
		return 0;
	if (b[1] < 0x80)
		return 2u + b[1];
	size_t nb = b[1] & 0x7fu;
	if (nb == 0 || nb > 4 || n < 2 + nb)
		return 0;
	size_t v = 0;
	for (size_t i = 0; i < nb; i++)
		v = (v << 8) | b[2 + i];
	if (v > SIZE_MAX - 2 - nb)
		return 0;
	return 2 + nb + v;
}

/* Type of a decoded key; fills alg for keys DKIM does not define. */
static zl_dkimkey_type_t pkey_type(EVP_PKEY *pk, char *alg, size_t cap)
{
	if (EVP_PKEY_is_a(pk, "RSA"))
		return ZL_DKIMKEY_RSA;
	if (EVP_PKEY_is_a(pk, "ED25519"))
		return ZL_DKIMKEY_ED25519;
	set_alg(alg, cap, EVP_PKEY_get0_type_name(pk));
	return ZL_DKIMKEY_OTHER;
}

/* Fill type and bits from a decoded key; returns -1 for an unusable RSA key. */
static int take_pkey(zl_dkimkey_t *k, EVP_PKEY *pk)
{
	k->type = pkey_type(pk, k->alg, sizeof(k->alg));
	if (k->type == ZL_DKIMKEY_ED25519) {
		/* EVP_PKEY_get_bits says 253 (the group order); DKIM means 256 */
		k->bits = ED25519_BITS;
		return 0;
	}
	int bits = EVP_PKEY_get_bits(pk);
	k->bits = bits > 0 ? (unsigned)bits : 0;
	if (k->type == ZL_DKIMKEY_RSA && k->bits == 0)
		return -1; /* modulus zero */
	return 0;
}

/*
 * Try a DER SubjectPublicKeyInfo.  Returns 1 if the bytes are one (k is
 * filled, status BAD_DER if the key inside is malformed), 0 if not.
 */
static int try_spki(zl_dkimkey_t *k, const unsigned char *buf, size_t n)
{
	const unsigned char *p = buf;
	X509_PUBKEY *xpk = d2i_X509_PUBKEY(NULL, &p, (long)n);
	if (!xpk)
		return 0;
	k->format = ZL_DKIMKEY_FMT_SPKI;
	k->der_used = (size_t)(p - buf);
	k->status = ZL_DKIMKEY_OK;

	EVP_PKEY *pk = X509_PUBKEY_get0(xpk); /* owned by xpk */
	if (pk) {
		if (take_pkey(k, pk) < 0)
			k->status = ZL_DKIMKEY_BAD_DER;
	} else {
		ASN1_OBJECT *obj = NULL;
		X509_PUBKEY_get0_param(&obj, NULL, NULL, NULL, xpk);
		int nid = obj ? OBJ_obj2nid(obj) : NID_undef;
		if (nid == NID_rsaEncryption) {
			k->type = ZL_DKIMKEY_RSA;
			k->status = ZL_DKIMKEY_BAD_DER;
		} else if (nid == NID_ED25519) {
			k->type = ZL_DKIMKEY_ED25519;
			k->status = ZL_DKIMKEY_BAD_DER;
		} else {
			char txt[sizeof(k->alg)];
			txt[0] = '\0';
			if (obj)
				OBJ_obj2txt(txt, (int)sizeof(txt), obj, 0);
			set_alg(k->alg, sizeof(k->alg), txt[0] ? txt : NULL);
			k->type = ZL_DKIMKEY_OTHER;
		}
	}
	X509_PUBKEY_free(xpk);
	return 1;
}

/* Try a bare PKCS#1 RSAPublicKey.  Returns 1 if it is one, 0 if not. */
static int try_pkcs1(zl_dkimkey_t *k, const unsigned char *buf, size_t n)
{
	const unsigned char *p = buf;
	EVP_PKEY *pk = d2i_PublicKey(EVP_PKEY_RSA, NULL, &p, (long)n);
	if (!pk)
		return 0;
	k->format = ZL_DKIMKEY_FMT_PKCS1;
	k->der_used = (size_t)(p - buf);
	k->status = take_pkey(k, pk) < 0 ? ZL_DKIMKEY_BAD_DER : ZL_DKIMKEY_OK;
	EVP_PKEY_free(pk);
	return 1;
}

/* Status once the key is known: compare with k=, then look for extra bytes. */
static void judge(zl_dkimkey_t *k)
{
	if (k->status != ZL_DKIMKEY_OK)
		return;
	if (k->type == ZL_DKIMKEY_OTHER) {
		k->status = ZL_DKIMKEY_UNSUPPORTED_KEY;
	} else if (k->declared == ZL_DKIMKEY_ED25519 && k->type == ZL_DKIMKEY_ED25519) {
		/* an SPKI-wrapped Ed25519 key: see dkimkey.h */
		k->status = ZL_DKIMKEY_BAD_ED25519_LENGTH;
	} else if (k->type != k->declared) {
		k->status = ZL_DKIMKEY_TYPE_MISMATCH;
	} else if (k->der_used < k->der_len) {
		k->status = ZL_DKIMKEY_TRAILING_DATA;
	}
}

static void classify(zl_dkimkey_t *k, const unsigned char *buf, size_t n)
{
	k->der_len = n;
	if (n == 0) {
		k->status = ZL_DKIMKEY_EMPTY;
		return;
	}
	if (k->declared == ZL_DKIMKEY_ED25519 && n == ED25519_KEY_LEN) {
		/* RFC 8463 4: any 32 bytes; the point is checked only on use */
		k->status = ZL_DKIMKEY_OK;
		k->type = ZL_DKIMKEY_ED25519;
		k->format = ZL_DKIMKEY_FMT_RAW;
		k->bits = ED25519_BITS;
		k->der_used = n;
		return;
	}
	if (n <= (size_t)LONG_MAX && (try_spki(k, buf, n) || try_pkcs1(k, buf, n))) {
		judge(k);
		return;
	}
	if (k->declared == ZL_DKIMKEY_RSA && n == ED25519_KEY_LEN) {
		k->status = ZL_DKIMKEY_TYPE_MISMATCH;
		k->type = ZL_DKIMKEY_ED25519;
		k->format = ZL_DKIMKEY_FMT_RAW;
		k->bits = ED25519_BITS;
		k->der_used = n;
		return;
	}
	if (k->declared == ZL_DKIMKEY_ED25519) {
		k->status = ZL_DKIMKEY_BAD_ED25519_LENGTH;
		return;
	}
	k->status = ZL_DKIMKEY_BAD_DER;
	size_t want = der_announced(buf, n);
	if (want > n)
		k->der_want = want;
}

int zl_dkimkey_decode(zl_dkimkey_t *out, const char *p_value, size_t len, int declared_type)
{
	if (!out)
		return ZL_EINVAL;
	memset(out, 0, sizeof(*out));
	out->b64_byte = -1;
	out->status = ZL_DKIMKEY_BAD_DER;
	if ((!p_value && len > 0) ||
	    (declared_type != ZL_DKIMKEY_RSA && declared_type != ZL_DKIMKEY_ED25519))
		return ZL_EINVAL;
	out->declared = (zl_dkimkey_type_t)declared_type;

	unsigned char *buf = zl_xmalloc(len / 4 * 3 + 3);
	size_t n = 0;
	if (b64_decode(out, (const unsigned char *)p_value, len, buf, &n) == 0) {
		ERR_set_mark();
		classify(out, buf, n);
		ERR_pop_to_mark();
	}
	free(buf);
	return 0;
}

/* ------------------------------------------------------------------ */
/* decode cache                                                       */
/* ------------------------------------------------------------------ */

void zl_dkimkey_cache_init(zl_dkimkey_cache_t *cache)
{
	if (cache)
		memset(cache, 0, sizeof(*cache));
}

void zl_dkimkey_cache_free(zl_dkimkey_cache_t *cache)
{
	if (!cache)
		return;
	for (size_t i = 0; i < ZL_ARRAY_SIZE(cache->slot); i++)
		free(cache->slot[i].p_value);
	memset(cache, 0, sizeof(*cache));
}

int zl_dkimkey_decode_cached(zl_dkimkey_cache_t *cache, zl_dkimkey_t *out, const char *p_value,
			     size_t len, int declared_type)
{
	if (!cache || !out || (!p_value && len > 0) || len > ZL_DKIMKEY_CACHE_MAX_LEN ||
	    (declared_type != ZL_DKIMKEY_RSA && declared_type != ZL_DKIMKEY_ED25519))
		return zl_dkimkey_decode(out, p_value, len, declared_type);
	uint64_t h = zl_hash_bytes(p_value, len, (uint64_t)declared_type);
	zl_dkimkey_cache_slot_t *s = &cache->slot[h % ZL_ARRAY_SIZE(cache->slot)];
	if (s->hash == h && s->len == len && s->declared_type == declared_type &&
	    (len == 0 || memcmp(s->p_value, p_value, len) == 0)) {
		cache->hits++;
		memcpy(out, &s->result, sizeof(*out)); /* padding too: as decode leaves it */
		return 0;
	}
	cache->misses++;
	int rc = zl_dkimkey_decode(out, p_value, len, declared_type);
	if (rc != 0)
		return rc;
	if (len > s->cap) {
		free(s->p_value);
		s->p_value = zl_xmalloc(len);
		s->cap = len;
	}
	if (len)
		memcpy(s->p_value, p_value, len);
	s->hash = h;
	s->len = len;
	s->declared_type = declared_type;
	memcpy(&s->result, out, sizeof(*out));
	return 0;
}

/* ------------------------------------------------------------------ */
/* messages                                                           */
/* ------------------------------------------------------------------ */

/* A byte for a message: 'c' when printable and harmless, \DDD otherwise. */
static void fmt_byte(char dst[8], int c)
{
	if (c > 0x20 && c < 0x7f && c != '\'' && c != '"' && c != '\\') {
		dst[0] = '\'';
		dst[1] = (char)c;
		dst[2] = '\'';
		dst[3] = '\0';
	} else {
		unsigned v = (unsigned)c & 0xffu;
		dst[0] = '\\';
		dst[1] = (char)('0' + v / 100);
		dst[2] = (char)('0' + v / 10 % 10);
		dst[3] = (char)('0' + v % 10);
		dst[4] = '\0';
	}
}

static const char *format_name(zl_dkimkey_format_t f)
{
	switch (f) {
	case ZL_DKIMKEY_FMT_SPKI:
		return "SubjectPublicKeyInfo";
	case ZL_DKIMKEY_FMT_PKCS1:
		return "RSAPublicKey";
	case ZL_DKIMKEY_FMT_RAW:
		return "raw key";
	default:
		return "key";
	}
}

static char *describe_b64(zl_arena_t *a, const zl_dkimkey_t *k)
{
	char b[8];
	switch (k->b64_error) {
	case ZL_DKIMKEY_B64_CHAR:
		fmt_byte(b, k->b64_byte);
		return zl_arena_printf(a, "invalid base64 character %s at offset %zu", b,
				       k->b64_offset);
	case ZL_DKIMKEY_B64_PADDING:
		if (k->b64_byte == '=')
			return zl_arena_printf(a, "misplaced '=' padding at offset %zu",
					       k->b64_offset);
		return zl_arena_printf(a, "base64 data after '=' padding at offset %zu",
				       k->b64_offset);
	case ZL_DKIMKEY_B64_LENGTH:
		return zl_arena_printf(a,
				       "base64 length %zu is not a multiple of 4 (bad or missing "
				       "'=' padding, or a lost piece)",
				       k->b64_chars);
	default:
		return zl_arena_strdup(a, zl_dkimkey_status_message(k->status));
	}
}

static char *describe_mismatch(zl_arena_t *a, const zl_dkimkey_t *k)
{
	if (k->declared == ZL_DKIMKEY_ED25519)
		return zl_arena_printf(a, "k=ed25519 but p= holds a %u-bit RSA key (%s)", k->bits,
				       format_name(k->format));
	if (k->format == ZL_DKIMKEY_FMT_RAW)
		return zl_arena_strdup(a, "k=rsa (or no k=) but p= holds 32 raw bytes, an "
					  "ed25519 key: add k=ed25519");
	return zl_arena_strdup(a, "k=rsa (or no k=) but p= holds an ed25519 SubjectPublicKeyInfo: "
				  "use k=ed25519 and the raw 32-byte key");
}

char *zl_dkimkey_describe(zl_arena_t *arena, const zl_dkimkey_t *k)
{
	if (!k)
		return zl_arena_strdup(arena, "no result");
	switch (k->status) {
	case ZL_DKIMKEY_OK:
		if (k->type == ZL_DKIMKEY_ED25519)
			return zl_arena_strdup(arena, "ed25519 key (32 raw bytes)");
		return zl_arena_printf(arena, "rsa key of %u bits (%s)", k->bits,
				       format_name(k->format));
	case ZL_DKIMKEY_EMPTY:
		return zl_arena_strdup(arena,
				       "p= is empty: the key is revoked (RFC 6376 section 3.6.1)");
	case ZL_DKIMKEY_BAD_BASE64:
		return describe_b64(arena, k);
	case ZL_DKIMKEY_BAD_DER:
		if (k->der_want > k->der_len)
			return zl_arena_printf(arena,
					       "key is truncated: its DER header announces %zu "
					       "bytes but p= decodes to %zu",
					       k->der_want, k->der_len);
		if (k->format != ZL_DKIMKEY_FMT_NONE)
			return zl_arena_printf(arena, "malformed %s key inside the %s",
					       zl_dkimkey_type_name(k->type),
					       format_name(k->format));
		return zl_arena_printf(arena,
				       "the %zu decoded bytes are neither a "
				       "SubjectPublicKeyInfo nor an RSAPublicKey",
				       k->der_len);
	case ZL_DKIMKEY_TRAILING_DATA:
		return zl_arena_printf(arena, "%zu extra bytes follow the %zu-byte %s",
				       k->der_len - k->der_used, k->der_used,
				       format_name(k->format));
	case ZL_DKIMKEY_TYPE_MISMATCH:
		return describe_mismatch(arena, k);
	case ZL_DKIMKEY_BAD_ED25519_LENGTH:
		if (k->format == ZL_DKIMKEY_FMT_SPKI)
			return zl_arena_printf(arena,
					       "ed25519 key is a %zu-byte SubjectPublicKeyInfo, "
					       "not the raw 32-byte key of RFC 8463 section 4; "
					       "OpenDKIM and dkimpy cannot use it",
					       k->der_len);
		return zl_arena_printf(arena,
				       "ed25519 key is %zu bytes; RFC 8463 section 4 requires 32",
				       k->der_len);
	case ZL_DKIMKEY_UNSUPPORTED_KEY:
		if (k->bits)
			return zl_arena_printf(arena,
					       "key algorithm %s (%u bits) is not one DKIM "
					       "defines (rsa, ed25519)",
					       k->alg, k->bits);
		return zl_arena_printf(arena,
				       "key algorithm %s is not one DKIM defines (rsa, ed25519)",
				       k->alg);
	default:
		return zl_arena_strdup(arena, zl_dkimkey_status_message(k->status));
	}
}

/* ------------------------------------------------------------------ */
/* PEM to DKIM record                                                 */
/* ------------------------------------------------------------------ */

enum pem_kind { PEM_SKIP, PEM_PUB, PEM_RSAPUB, PEM_PRIV, PEM_RSAPRIV, PEM_ECPRIV, PEM_ENC };

static enum pem_kind pem_kind_of(const char *label)
{
	static const struct {
		const char *label;
		enum pem_kind kind;
	} kinds[] = {
		{ "PUBLIC KEY", PEM_PUB },
		{ "RSA PUBLIC KEY", PEM_RSAPUB },
		{ "PRIVATE KEY", PEM_PRIV },
		{ "RSA PRIVATE KEY", PEM_RSAPRIV },
		{ "EC PRIVATE KEY", PEM_ECPRIV },
		{ "ENCRYPTED PRIVATE KEY", PEM_ENC },
	};
	for (size_t i = 0; i < ZL_ARRAY_SIZE(kinds); i++)
		if (strcmp(label, kinds[i].label) == 0)
			return kinds[i].kind;
	return PEM_SKIP;
}

static EVP_PKEY *pem_to_pkey(enum pem_kind kind, const unsigned char *data, long dlen)
{
	const unsigned char *p = data;
	switch (kind) {
	case PEM_PUB:
		return d2i_PUBKEY(NULL, &p, dlen);
	case PEM_RSAPUB:
		return d2i_PublicKey(EVP_PKEY_RSA, NULL, &p, dlen);
	case PEM_PRIV:
		return d2i_AutoPrivateKey(NULL, &p, dlen);
	case PEM_RSAPRIV:
		return d2i_PrivateKey(EVP_PKEY_RSA, NULL, &p, dlen);
	case PEM_ECPRIV:
		return d2i_PrivateKey(EVP_PKEY_EC, NULL, &p, dlen);
	default:
		return NULL;
	}
}

/* Fill the record from a decoded key; returns the status. */
static zl_dkimkey_status_t record_from_pkey(zl_arena_t *arena, zl_dkimkey_record_t *out,
					    EVP_PKEY *pk)
{
	out->type = pkey_type(pk, out->alg, sizeof(out->alg));
	if (out->type == ZL_DKIMKEY_ED25519) {
		unsigned char raw[ED25519_KEY_LEN];
		size_t rl = sizeof(raw);
		if (EVP_PKEY_get_raw_public_key(pk, raw, &rl) != 1 || rl != sizeof(raw))
			return ZL_DKIMKEY_BAD_DER;
		out->bits = ED25519_BITS;
		out->p_value = b64_encode(arena, raw, rl);
		out->record = zl_arena_printf(arena, "v=DKIM1; k=ed25519; p=%s", out->p_value);
		return ZL_DKIMKEY_OK;
	}
	int bits = EVP_PKEY_get_bits(pk);
	out->bits = bits > 0 ? (unsigned)bits : 0;
	if (out->type != ZL_DKIMKEY_RSA)
		return ZL_DKIMKEY_UNSUPPORTED_KEY;
	if (out->bits == 0)
		return ZL_DKIMKEY_BAD_DER;
	unsigned char *der = NULL;
	int dl = i2d_PUBKEY(pk, &der);
	if (dl <= 0 || !der) {
		OPENSSL_free(der);
		return ZL_DKIMKEY_BAD_DER;
	}
	out->p_value = b64_encode(arena, der, (size_t)dl);
	OPENSSL_free(der);
	out->record = zl_arena_printf(arena, "v=DKIM1; k=rsa; p=%s", out->p_value);
	return ZL_DKIMKEY_OK;
}

int zl_dkimkey_record_from_pem(zl_arena_t *arena, zl_dkimkey_record_t *out, const char *pem,
			       size_t len)
{
	if (!out)
		return ZL_EINVAL;
	memset(out, 0, sizeof(*out));
	out->status = ZL_DKIMKEY_BAD_PEM;
	if (!arena || !pem || len == 0 || len > (size_t)INT_MAX)
		return ZL_EINVAL;

	ERR_set_mark();
	BIO *bio = BIO_new_mem_buf(pem, (int)len);
	for (;;) {
		char *name = NULL, *header = NULL;
		unsigned char *data = NULL;
		long dlen = 0;
		if (!bio || !PEM_read_bio(bio, &name, &header, &data, &dlen))
			break;
		enum pem_kind kind = pem_kind_of(name);
		if (kind != PEM_SKIP)
			out->label = zl_arena_strdup(arena, name);
		int encrypted = kind == PEM_ENC || (header && strstr(header, "ENCRYPTED"));
		if (kind != PEM_SKIP && encrypted) {
			out->status = ZL_DKIMKEY_ENCRYPTED_PEM;
		} else if (kind != PEM_SKIP) {
			EVP_PKEY *pk = pem_to_pkey(kind, data, dlen);
			out->status = pk ? record_from_pkey(arena, out, pk) : ZL_DKIMKEY_BAD_DER;
			EVP_PKEY_free(pk);
		}
		OPENSSL_free(name);
		OPENSSL_free(header);
		OPENSSL_free(data);
		if (kind != PEM_SKIP)
			break;
	}
	BIO_free(bio);
	ERR_pop_to_mark();

	if (out->status != ZL_DKIMKEY_OK) {
		out->p_value = NULL;
		out->record = NULL;
		return ZL_EINVAL;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* TXT character-strings                                              */
/* ------------------------------------------------------------------ */

char *zl_dkimkey_txt_strings(zl_arena_t *arena, const char *text, size_t len, size_t chunk)
{
	if (!text)
		len = 0;
	if (chunk == 0 || chunk > 255)
		chunk = 255;
	size_t pieces = len ? (len + chunk - 1) / chunk : 1;
	if (len > (SIZE_MAX - 16) / 8)
		zl_oom();
	/* each octet becomes at most 4 characters; each piece adds '"', '"', ' ' */
	char *out = zl_arena_alloc(arena, len * 4 + pieces * 3 + 1);
	size_t o = 0;

	for (size_t start = 0; start < len || (len == 0 && start == 0); start += chunk) {
		size_t end = start + chunk < len ? start + chunk : len;
		if (start)
			out[o++] = ' ';
		out[o++] = '"';
		for (size_t i = start; i < end; i++) {
			unsigned char c = (unsigned char)text[i];
			if (c == '"' || c == '\\') {
				out[o++] = '\\';
				out[o++] = (char)c;
			} else if (c < 0x20 || c > 0x7e) {
				out[o++] = '\\';
				out[o++] = (char)('0' + c / 100);
				out[o++] = (char)('0' + c / 10 % 10);
				out[o++] = (char)('0' + c % 10);
			} else {
				out[o++] = (char)c;
			}
		}
		out[o++] = '"';
		if (len == 0)
			break;
	}
	out[o] = '\0';
	return out;
}
