/* zonelint: DNSSEC building blocks: keys, signatures, canonical form, hashes.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "dnssec.h"

#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "arena.h"
#include "common.h"

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

uint16_t zl_dnssec_keytag(const uint8_t *rdata, size_t len)
{
	if (len < 4)
		return 0;
	if (rdata[3] == 1) {
		/* RSAMD5: the third- and second-last octets of the modulus */
		return len >= 7 ? get16(rdata + len - 3) : 0;
	}
	uint32_t ac = 0;
	for (size_t i = 0; i < len; i++)
		ac += (i & 1) ? rdata[i] : (uint32_t)rdata[i] << 8;
	ac += (ac >> 16) & 0xffff;
	return (uint16_t)(ac & 0xffff);
}

bool zl_dnssec_alg_rsa(uint8_t alg)
{
	return alg == 1 || alg == 5 || alg == 7 || alg == 8 || alg == 10;
}

bool zl_dnssec_alg_deprecated(uint8_t alg)
{
	/* RFC 8624 3.1: MUST NOT sign with 1, 3, 5 (NOT RECOMMENDED), 6, 7,
	 * 12; RFC 9905 moves 5 and 7 to MUST NOT as well */
	return alg == 1 || alg == 3 || alg == 5 || alg == 6 || alg == 7 || alg == 12;
}

const char *zl_dnssec_alg_name(uint8_t alg)
{
	switch (alg) {
	case 1:
		return "RSAMD5";
	case 3:
		return "DSA";
	case 5:
		return "RSASHA1";
	case 6:
		return "DSA-NSEC3-SHA1";
	case 7:
		return "RSASHA1-NSEC3-SHA1";
	case 8:
		return "RSASHA256";
	case 10:
		return "RSASHA512";
	case 12:
		return "ECC-GOST";
	case 13:
		return "ECDSAP256SHA256";
	case 14:
		return "ECDSAP384SHA384";
	case 15:
		return "ED25519";
	case 16:
		return "ED448";
	default:
		return "unknown";
	}
}

/* Size in bits of the public key, or 0 when the field is malformed. */
static unsigned key_bits(uint8_t alg, const uint8_t *k, size_t len)
{
	if (zl_dnssec_alg_rsa(alg)) {
		/* RFC 3110 2: exponent length (1 or 3 octets), exponent, modulus */
		size_t off, elen;
		if (len < 1)
			return 0;
		if (k[0]) {
			elen = k[0];
			off = 1;
		} else {
			if (len < 3)
				return 0;
			elen = get16(k + 1);
			off = 3;
		}
		if (elen == 0 || off + elen >= len)
			return 0;
		const uint8_t *m = k + off + elen;
		size_t mlen = len - off - elen;
		while (mlen && *m == 0) {
			m++;
			mlen--;
		}
		if (!mlen)
			return 0;
		unsigned bits = (unsigned)mlen * 8;
		for (uint8_t top = *m; !(top & 0x80); top <<= 1)
			bits--;
		return bits;
	}
	switch (alg) {
	case 3:
	case 6:
		/* RFC 2536 2: T, Q (20), P, G, Y (64 + 8T octets each) */
		return len >= 21 && k[0] <= 8 && len == 21 + 3 * (64 + 8 * (size_t)k[0])
		           ? 512 + 64 * (unsigned)k[0]
		           : 0;
	case 12:
		return len == 64 ? 256 : 0;
	case 13:
		return len == 64 ? 256 : 0;
	case 14:
		return len == 96 ? 384 : 0;
	case 15:
		return len == 32 ? 256 : 0;
	case 16:
		return len == 57 ? 456 : 0;
	default:
		return len ? (unsigned)len * 8 : 0;
	}
}

int zl_dnskey_parse(zl_dnskey_t *out, const zl_rr_t *rr)
{
	memset(out, 0, sizeof(*out));
	out->rr = rr;
	if (rr->opaque || rr->rdlen < 4)
		return ZL_EINVAL;
	out->flags = get16(zl_rr_rdata(rr));
	out->protocol = zl_rr_rdata(rr)[2];
	out->alg = zl_rr_rdata(rr)[3];
	out->pub = zl_rr_rdata(rr) + 4;
	out->publen = rr->rdlen - 4u;
	out->tag = zl_dnssec_keytag(zl_rr_rdata(rr), rr->rdlen);
	out->bits = key_bits(out->alg, out->pub, out->publen);
	return 0;
}

int zl_rrsig_parse(zl_rrsig_t *out, const zl_rr_t *rr)
{
	memset(out, 0, sizeof(*out));
	if (rr->opaque || rr->rdlen < 19)
		return ZL_EINVAL;
	const uint8_t *p = zl_rr_rdata(rr);
	out->covered = get16(p);
	out->alg = p[2];
	out->labels = p[3];
	out->orig_ttl = get32(p + 4);
	out->expire = get32(p + 8);
	out->incept = get32(p + 12);
	out->tag = get16(p + 16);
	size_t sl = zl_wire_name_len(p + 18, rr->rdlen - 18u);
	if (!sl)
		return ZL_EINVAL;
	out->signer = p + 18;
	out->signer_len = sl;
	out->sig = p + 18 + sl;
	out->siglen = rr->rdlen - 18u - sl;
	return 0;
}

bool zl_dnssec_time_after(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

int64_t zl_dnssec_time_diff(uint32_t t, uint32_t now)
{
	return (int64_t)(int32_t)(t - now);
}

/* ---- canonical form (RFC 4034 section 6) ---------------------------- */

struct zl_sigcheck {
	ldns_buffer *data; /* the signed data, rebuilt for each RRSIG */
	EVP_MD_CTX *md;    /* reused for every verification */
	uint8_t *canon;    /* canonical rdata of the RRset, back to back */
	size_t canon_cap;
	struct crr {
		const uint8_t *rd;
		size_t len;
	} * rrs;
	size_t rrs_cap;
	uint8_t der[160]; /* ECDSA / DSA signature re-encoded as DER */
};

zl_sigcheck_t *zl_sigcheck_new(void)
{
	zl_sigcheck_t *sc = zl_xcalloc(1, sizeof(*sc));
	sc->data = ldns_buffer_new(4096);
	sc->md = EVP_MD_CTX_new();
	if (!sc->data || !sc->md)
		zl_oom();
	return sc;
}

void zl_sigcheck_free(zl_sigcheck_t *sc)
{
	if (!sc)
		return;
	ldns_buffer_free(sc->data);
	EVP_MD_CTX_free(sc->md);
	free(sc->canon);
	free(sc->rrs);
	free(sc);
}

/* Lower-case the wire name at @p p (within @p end); return its length or 0. */
static size_t lower_name(uint8_t *p, size_t max)
{
	size_t l = zl_wire_name_len(p, max);
	for (size_t i = 0; l && i < l;) {
		uint8_t n = p[i++];
		for (uint8_t k = 0; k < n; k++, i++)
			if (p[i] >= 'A' && p[i] <= 'Z')
				p[i] = (uint8_t)(p[i] + 32);
	}
	return l;
}

/* Skip a character-string; return the new offset, or 0 when it overruns. */
static size_t skip_string(const uint8_t *p, size_t off, size_t len)
{
	if (off >= len || off + 1u + p[off] > len)
		return 0;
	return off + 1u + p[off];
}

/*
 * Lower-case the names inside rdata of the types RFC 4034 6.2 item 3 lists,
 * as corrected by RFC 6840 5.1 (NSEC next names are left alone unless
 * @p lower_nsec; RRSIG signer names are lowered).
 */
void zl_dnssec_canon_rdata(uint16_t type, uint8_t *p, size_t len, bool lower_nsec)
{
	size_t off = 0, l;
	switch (type) {
	case 2:
	case 3:
	case 4:
	case 5:
	case 7:
	case 8:
	case 9:
	case 12:
	case 39:
		lower_name(p, len); /* NS MD MF CNAME MB MG MR PTR DNAME */
		break;
	case 6:
	case 14:
	case 17: /* SOA MINFO RP: two names */
		l = lower_name(p, len);
		if (l)
			lower_name(p + l, len - l);
		break;
	case 15:
	case 18:
	case 21:
	case 36: /* MX AFSDB RT KX */
		if (len > 2)
			lower_name(p + 2, len - 2);
		break;
	case 26: /* PX: preference, two names */
		if (len > 2 && (l = lower_name(p + 2, len - 2)) != 0)
			lower_name(p + 2 + l, len - 2 - l);
		break;
	case 33: /* SRV */
		if (len > 6)
			lower_name(p + 6, len - 6);
		break;
	case 35: /* NAPTR */
		off = 4;
		for (int i = 0; i < 3 && off; i++)
			off = skip_string(p, off, len);
		if (off && off < len)
			lower_name(p + off, len - off);
		break;
	case 24:
	case 46: /* SIG RRSIG: signer name */
		if (len > 18)
			lower_name(p + 18, len - 18);
		break;
	case 30: /* NXT: next name first */
		lower_name(p, len);
		break;
	case 47: /* NSEC */
		if (lower_nsec)
			lower_name(p, len);
		break;
	case 38: /* A6: prefix, suffix, name */
		if (len >= 1 && p[0] <= 128) {
			off = 1 + (128 - (size_t)p[0] + 7) / 8;
			if (p[0] > 0 && off < len)
				lower_name(p + off, len - off);
		}
		break;
	default:
		break;
	}
}

size_t zl_dnssec_order_key(const zl_node_t *n, uint8_t *out)
{
	const uint8_t *lab[128];
	unsigned nl = 0;
	for (const zl_node_t *a = n; a && a->label[0] && nl < 128; a = zl_node_parent(a))
		lab[nl++] = a->label;
	size_t o = 0;
	while (nl--) {
		const uint8_t *l = lab[nl];
		for (unsigned k = 1; k <= l[0]; k++) {
			if (l[k] <= 1) {
				out[o++] = 1;
				out[o++] = (uint8_t)(l[k] + 1);
			} else {
				out[o++] = l[k];
			}
		}
		out[o++] = 0;
	}
	return o;
}

static int cmp_crr(const void *pa, const void *pb)
{
	const struct crr *a = pa, *b = pb;
	size_t m = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->rd, b->rd, m);
	if (c)
		return c;
	return a->len < b->len ? -1 : a->len > b->len;
}

static void put(ldns_buffer *b, const void *p, size_t n)
{
	if (!ldns_buffer_reserve(b, n))
		zl_oom();
	ldns_buffer_write(b, p, n);
}

int zl_sigcheck_build(zl_sigcheck_t *sc, const zl_rrsig_t *sig, const zl_rr_t *sigrr,
                      const zl_rr_t *const *rrs, size_t n, bool lower_nsec)
{
	const zl_node_t *owner = zl_rr_owner(rrs[0]);
	if (sig->labels > owner->labels)
		return ZL_EINVAL;
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += rrs[i]->rdlen;
	if (total > sc->canon_cap) {
		sc->canon_cap = total * 2 + 256;
		sc->canon = zl_xrealloc(sc->canon, sc->canon_cap);
	}
	if (n > sc->rrs_cap) {
		sc->rrs_cap = n * 2;
		sc->rrs = zl_xrealloc(sc->rrs, sc->rrs_cap * sizeof(*sc->rrs));
	}
	size_t off = 0;
	for (size_t i = 0; i < n; i++) {
		memcpy(sc->canon + off, zl_rr_rdata(rrs[i]), rrs[i]->rdlen);
		zl_dnssec_canon_rdata(rrs[i]->type, sc->canon + off, rrs[i]->rdlen, lower_nsec);
		sc->rrs[i].rd = sc->canon + off;
		sc->rrs[i].len = rrs[i]->rdlen;
		off += rrs[i]->rdlen;
	}
	qsort(sc->rrs, n, sizeof(*sc->rrs), cmp_crr);

	ldns_buffer *b = sc->data;
	ldns_buffer_clear(b);
	/* RRSIG rdata without the signature, signer name lower-cased */
	put(b, zl_rr_rdata(sigrr), 18);
	uint8_t signer[256];
	memcpy(signer, sig->signer, sig->signer_len);
	lower_name(signer, sig->signer_len);
	put(b, signer, sig->signer_len);

	/* owner: the wildcard form when the labels field is smaller (3.1.3) */
	uint8_t own[256], ow[ZL_WIRE_MAX];
	size_t ownlen;
	zl_node_wire(owner, ow);
	if (sig->labels < owner->labels) {
		const uint8_t *w = ow;
		for (unsigned skip = owner->labels - sig->labels; skip; skip--)
			w += 1u + *w;
		ownlen = (size_t)(ow + owner->wirelen - w);
		own[0] = 1;
		own[1] = '*';
		memcpy(own + 2, w, ownlen);
		ownlen += 2;
	} else {
		memcpy(own, ow, owner->wirelen);
		ownlen = owner->wirelen;
	}
	uint8_t fixed[10];
	fixed[0] = (uint8_t)(rrs[0]->type >> 8);
	fixed[1] = (uint8_t)rrs[0]->type;
	fixed[2] = (uint8_t)(rrs[0]->rrclass >> 8);
	fixed[3] = (uint8_t)rrs[0]->rrclass;
	fixed[4] = (uint8_t)(sig->orig_ttl >> 24);
	fixed[5] = (uint8_t)(sig->orig_ttl >> 16);
	fixed[6] = (uint8_t)(sig->orig_ttl >> 8);
	fixed[7] = (uint8_t)sig->orig_ttl;
	for (size_t i = 0; i < n; i++) {
		if (i && !cmp_crr(&sc->rrs[i - 1], &sc->rrs[i]))
			continue; /* 6.3: duplicates are not signed */
		fixed[8] = (uint8_t)(sc->rrs[i].len >> 8);
		fixed[9] = (uint8_t)sc->rrs[i].len;
		put(b, own, ownlen);
		put(b, fixed, 10);
		put(b, sc->rrs[i].rd, sc->rrs[i].len);
	}
	return 0;
}

/* DER INTEGER from an unsigned big-endian number. */
static size_t der_int(uint8_t *out, const uint8_t *v, size_t len)
{
	while (len > 1 && *v == 0) {
		v++;
		len--;
	}
	size_t o = 0;
	out[o++] = 0x02;
	int pad = (*v & 0x80) != 0;
	out[o++] = (uint8_t)(len + (size_t)pad);
	if (pad)
		out[o++] = 0;
	memcpy(out + o, v, len);
	return o + len;
}

/* r || s (each @p half octets) as a DER SEQUENCE of two INTEGERs. */
static size_t der_sig(uint8_t *out, const uint8_t *r, const uint8_t *s, size_t half)
{
	uint8_t body[2 * (2 + 1 + 64)];
	size_t bl = der_int(body, r, half);
	bl += der_int(body + bl, s, half);
	out[0] = 0x30;
	out[1] = (uint8_t)bl;
	memcpy(out + 2, body, bl);
	return bl + 2;
}

/* DER length octets; return how many were written. */
static size_t der_len(uint8_t *out, size_t len)
{
	if (len < 128) {
		out[0] = (uint8_t)len;
		return 1;
	}
	if (len < 256) {
		out[0] = 0x81;
		out[1] = (uint8_t)len;
		return 2;
	}
	out[0] = 0x82;
	out[1] = (uint8_t)(len >> 8);
	out[2] = (uint8_t)len;
	return 3;
}

/* A DER tag-length-value around @p body (which may alias out + room). */
static size_t der_wrap(uint8_t *out, uint8_t tag, const uint8_t *body, size_t len)
{
	uint8_t hdr[4];
	hdr[0] = tag;
	size_t hl = 1 + der_len(hdr + 1, len);
	memmove(out + hl, body, len);
	memcpy(out, hdr, hl);
	return hl + len;
}

/* An unsigned big-endian number as a DER INTEGER. */
static size_t der_uint(uint8_t *out, const uint8_t *v, size_t len)
{
	while (len > 1 && *v == 0) {
		v++;
		len--;
	}
	uint8_t tmp[1100];
	size_t tl = 0;
	if (*v & 0x80)
		tmp[tl++] = 0;
	memcpy(tmp + tl, v, len);
	return der_wrap(out, 0x02, tmp, tl + len);
}

/* An RSA key (RFC 3110) as a DER SubjectPublicKeyInfo, for d2i_PUBKEY. */
static EVP_PKEY *rsa_pkey(const uint8_t *k, size_t len)
{
	size_t off, elen;
	if (len < 3 || len > 1030)
		return NULL;
	if (k[0]) {
		elen = k[0];
		off = 1;
	} else {
		elen = get16(k + 1);
		off = 3;
	}
	if (elen == 0 || elen > 512 || off + elen >= len)
		return NULL;
	static const uint8_t alg_id[] = {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
	                                 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
	uint8_t seq[1200], bits[1210], spki[1240];
	size_t sl = der_uint(seq, k + off + elen, len - off - elen);
	sl += der_uint(seq + sl, k + off, elen);
	sl = der_wrap(seq, 0x30, seq, sl);
	bits[0] = 0; /* no unused bits */
	memcpy(bits + 1, seq, sl);
	size_t bl = der_wrap(bits, 0x03, bits, sl + 1);
	memcpy(spki, alg_id, sizeof(alg_id));
	memcpy(spki + sizeof(alg_id), bits, bl);
	size_t pl = der_wrap(spki, 0x30, spki, sizeof(alg_id) + bl);
	const unsigned char *p = spki;
	return d2i_PUBKEY(NULL, &p, (long)pl);
}

/* The libcrypto key for @p key, built once; NULL when ldns must check it. */
static EVP_PKEY *key_pkey(zl_dnskey_t *key)
{
	if (key->pkey_state)
		return key->pkey;
	EVP_PKEY *pk = NULL;
	switch (key->alg) {
	case 1:
	case 5:
	case 7:
	case 8:
	case 10:
		pk = rsa_pkey(key->pub, key->publen);
		break;
	case 13:
	case 14:
		pk = ldns_ecdsa2pkey_raw(key->pub, key->publen, key->alg);
		break;
#if LDNS_BUILD_CONFIG_USE_ED25519
	case 15:
		pk = ldns_ed255192pkey_raw(key->pub, key->publen);
		break;
#endif
#if LDNS_BUILD_CONFIG_USE_ED448
	case 16:
		pk = ldns_ed4482pkey_raw(key->pub, key->publen);
		break;
#endif
	default:
		break;
	}
	key->pkey = pk;
	key->pkey_state = pk ? 1 : -1;
	return pk;
}

void zl_dnskey_clear(zl_dnskey_t *key)
{
	if (!key)
		return;
	EVP_PKEY_free(key->pkey);
	key->pkey = NULL;
	key->pkey_state = 0;
}

static const EVP_MD *alg_md(uint8_t alg)
{
	switch (alg) {
	case 1:
		return EVP_md5();
	case 5:
	case 7:
		return EVP_sha1();
	case 8:
	case 13:
		return EVP_sha256();
	case 10:
		return EVP_sha512();
	case 14:
		return EVP_sha384();
	default:
		return NULL; /* EdDSA: no separate digest */
	}
}

zl_sig_result_t zl_sigcheck_verify(zl_sigcheck_t *sc, const zl_rrsig_t *sig, zl_dnskey_t *key)
{
	const uint8_t *s = sig->sig;
	size_t sl = sig->siglen;
	switch (sig->alg) {
	case 13:
	case 14: {
		size_t half = sig->alg == 13 ? 32 : 48;
		if (sl != 2 * half)
			return ZL_SIG_BOGUS;
		sl = der_sig(sc->der, s, s + half, half);
		s = sc->der;
		break;
	}
	case 3:
	case 6:
		/* RFC 2536 3: T, R (20), S (20) */
		if (sl != 41)
			return ZL_SIG_BOGUS;
		sl = der_sig(sc->der, s + 1, s + 21, 20);
		s = sc->der;
		break;
	default:
		break;
	}
	if (!key->bits)
		return ZL_SIG_BOGUS;
	EVP_PKEY *pk = key_pkey(key);
	if (pk) {
		EVP_MD_CTX_reset(sc->md);
		if (EVP_DigestVerifyInit(sc->md, NULL, alg_md(sig->alg), NULL, pk) == 1) {
			int r = EVP_DigestVerify(sc->md, s, sl, ldns_buffer_begin(sc->data),
			                         ldns_buffer_position(sc->data));
			ERR_clear_error();
			if (r == 1)
				return ZL_SIG_VALID;
			if (r == 0)
				return ZL_SIG_BOGUS;
		}
		ERR_clear_error();
		/* this libcrypto refuses the digest or key here: let ldns try */
	}
	ldns_status st = ldns_verify_rrsig_buffers_raw((unsigned char *)(uintptr_t)s, sl, sc->data,
	                                               (unsigned char *)(uintptr_t)key->pub,
	                                               key->publen, sig->alg);
	if (st == LDNS_STATUS_OK)
		return ZL_SIG_VALID;
	if (st == LDNS_STATUS_CRYPTO_UNKNOWN_ALGO || st == LDNS_STATUS_CRYPTO_ALGO_NOT_IMPL)
		return ZL_SIG_UNSUPPORTED;
	return ZL_SIG_BOGUS;
}

/* ---- NSEC3, DS, bit maps ---------------------------------------------- */

void zl_nsec3_hash(const uint8_t *wire, size_t len, const uint8_t *salt, size_t saltlen,
                   unsigned iterations, uint8_t out[20])
{
	/* RFC 5155 5: IH(salt, x, 0) = H(x || salt), IH(salt, x, k) =
	 * H(IH(salt, x, k-1) || salt) */
	uint8_t buf[255 + 255];
	memcpy(buf, wire, len);
	memcpy(buf + len, salt, saltlen);
	ldns_sha1(buf, (unsigned)(len + saltlen), out);
	for (unsigned i = 0; i < iterations; i++) {
		memcpy(buf, out, 20);
		memcpy(buf + 20, salt, saltlen);
		ldns_sha1(buf, (unsigned)(20 + saltlen), out);
	}
}

static const char b32hex[] = "0123456789abcdefghijklmnopqrstuv";

size_t zl_base32hex_encode(const uint8_t *in, size_t len, char *out)
{
	size_t o = 0;
	uint32_t acc = 0;
	int bits = 0;
	for (size_t i = 0; i < len; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = b32hex[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = b32hex[(acc << (5 - bits)) & 31];
	out[o] = '\0';
	return o;
}

size_t zl_base32hex_decode(const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
	size_t o = 0;
	uint32_t acc = 0;
	int bits = 0;
	for (size_t i = 0; i < len; i++) {
		uint8_t c = in[i];
		unsigned v;
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'a' && c <= 'v')
			v = c - 'a' + 10u;
		else if (c >= 'A' && c <= 'V')
			v = c - 'A' + 10u;
		else
			return 0;
		acc = (acc << 5) | v;
		bits += 5;
		if (bits >= 8) {
			if (o == cap)
				return 0;
			out[o++] = (uint8_t)(acc >> (bits - 8));
			bits -= 8;
		}
	}
	return o;
}

size_t zl_ds_digest_len(uint8_t digest_type)
{
	switch (digest_type) {
	case 1:
		return 20;
	case 2:
		return 32;
	case 4:
		return 48;
	default:
		return 0;
	}
}

size_t zl_ds_digest(uint8_t digest_type, const uint8_t *owner, size_t ownerlen,
                    const uint8_t *rdata, size_t rdlen, uint8_t *out)
{
	const EVP_MD *md = digest_type == 1   ? EVP_sha1()
	                   : digest_type == 2 ? EVP_sha256()
	                   : digest_type == 4 ? EVP_sha384()
	                                      : NULL;
	if (!md)
		return 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c)
		zl_oom();
	unsigned dl = 0;
	int ok = EVP_DigestInit_ex(c, md, NULL) && EVP_DigestUpdate(c, owner, ownerlen) &&
	         EVP_DigestUpdate(c, rdata, rdlen) && EVP_DigestFinal_ex(c, out, &dl);
	EVP_MD_CTX_free(c);
	return ok ? dl : 0;
}

int zl_type_bitmap_read(const uint8_t *p, size_t len, uint16_t *types, size_t max, size_t *n)
{
	size_t i = 0, cnt = 0;
	int last = -1;
	while (i < len) {
		if (i + 2 > len)
			return ZL_EINVAL;
		unsigned win = p[i], bl = p[i + 1];
		if ((int)win <= last || bl == 0 || bl > 32 || i + 2 + bl > len)
			return ZL_EINVAL;
		last = (int)win;
		for (unsigned b = 0; b < bl; b++)
			for (unsigned bit = 0; bit < 8; bit++)
				if (p[i + 2 + b] & (0x80 >> bit)) {
					if (cnt < max)
						types[cnt] = (uint16_t)(win * 256 + b * 8 + bit);
					cnt++;
				}
		i += 2 + bl;
	}
	*n = cnt;
	return 0;
}
