/* zonelint: small text helpers shared by the modules.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ldns/ldns.h>

#include "common.h"

static size_t esc_one(char *out, unsigned char c)
{
	if (c == '\\' || c == '"') {
		out[0] = '\\';
		out[1] = (char)c;
		return 2;
	}
	if (c < 0x20 || c >= 0x7f) {
		out[0] = '\\';
		out[1] = (char)('0' + c / 100);
		out[2] = (char)('0' + (c / 10) % 10);
		out[3] = (char)('0' + c % 10);
		return 4;
	}
	out[0] = (char)c;
	return 1;
}

char *zl_escape(char *buf, size_t cap, const char *src, size_t len)
{
	size_t o = 0;
	if (cap == 0)
		return buf;
	for (size_t i = 0; i < len; i++) {
		char tmp[4];
		size_t n = esc_one(tmp, (unsigned char)src[i]);
		if (o + n + 4 > cap) {
			if (cap >= 4) {
				while (o + 4 > cap)
					o--;
				memcpy(buf + o, "...", 3);
				o += 3;
			}
			break;
		}
		memcpy(buf + o, tmp, n);
		o += n;
	}
	buf[o] = '\0';
	return buf;
}

char *zl_escape_arena(zl_arena_t *arena, const char *src, size_t len)
{
	char *out = zl_arena_alloc(arena, len * 4 + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++)
		o += esc_one(out + o, (unsigned char)src[i]);
	out[o] = '\0';
	return out;
}

char *zl_rr_txt(zl_arena_t *arena, const zl_rr_t *rr, size_t *len)
{
	char *out = zl_arena_alloc(arena, (size_t)rr->rdlen + 1);
	size_t o = zl_rr_txt_into(rr, out);
	if (len)
		*len = o;
	return out;
}

size_t zl_rr_txt_strings(const zl_rr_t *rr)
{
	size_t n = 0, i = 0;
	while (i < rr->rdlen) {
		i += 1u + zl_rr_rdata(rr)[i];
		n++;
	}
	return n;
}

const char *zl_type_str(uint16_t type, char *buf)
{
	const ldns_rr_descriptor *d = ldns_rr_descript(type);
	if (d && d->_name)
		snprintf(buf, 16, "%s", d->_name);
	else
		snprintf(buf, 16, "TYPE%u", type);
	return buf;
}

char *zl_rr_rdata_str(zl_arena_t *arena, const zl_rr_t *rr)
{
	if (rr->opaque)
		return zl_arena_strdup(arena, "");
	/* rebuild a wire record and let ldns print the rdata */
	size_t wl = (size_t)zl_rr_owner(rr)->wirelen + 10 + rr->rdlen;
	uint8_t *w = zl_xmalloc(wl);
	zl_node_wire(zl_rr_owner(rr), w);
	uint8_t *p = w + zl_rr_owner(rr)->wirelen;
	p[0] = (uint8_t)(rr->type >> 8);
	p[1] = (uint8_t)rr->type;
	p[2] = (uint8_t)(rr->rrclass >> 8);
	p[3] = (uint8_t)rr->rrclass;
	p[4] = (uint8_t)(rr->ttl >> 24);
	p[5] = (uint8_t)(rr->ttl >> 16);
	p[6] = (uint8_t)(rr->ttl >> 8);
	p[7] = (uint8_t)rr->ttl;
	p[8] = (uint8_t)(rr->rdlen >> 8);
	p[9] = (uint8_t)rr->rdlen;
	memcpy(p + 10, zl_rr_rdata(rr), rr->rdlen);
	ldns_rr *lr = NULL;
	size_t pos = 0;
	char *res = NULL;
	if (ldns_wire2rr(&lr, w, wl, &pos, LDNS_SECTION_ANSWER) == LDNS_STATUS_OK) {
		ldns_buffer *b = ldns_buffer_new(256);
		for (size_t i = 0; b && i < ldns_rr_rd_count(lr); i++) {
			if (i)
				ldns_buffer_printf(b, " ");
			ldns_rdf2buffer_str(b, ldns_rr_rdf(lr, i));
		}
		if (b && ldns_buffer_status_ok(b)) {
			res = zl_arena_strndup(arena, (const char *)ldns_buffer_begin(b),
					       ldns_buffer_position(b));
		}
		ldns_buffer_free(b);
		ldns_rr_free(lr);
	}
	free(w);
	if (!res) {
		/* RFC 3597 generic form */
		res = zl_arena_alloc(arena, 32 + (size_t)rr->rdlen * 2);
		int o = sprintf(res, "\\# %u", rr->rdlen);
		if (rr->rdlen)
			res[o++] = ' ';
		for (size_t i = 0; i < rr->rdlen; i++)
			o += sprintf(res + o, "%02x", zl_rr_rdata(rr)[i]);
	}
	return res;
}

int zl_has_prefix_ci(const char *s, size_t len, const char *prefix)
{
	size_t pl = strlen(prefix);
	if (len < pl)
		return 0;
	for (size_t i = 0; i < pl; i++)
		if (tolower((unsigned char)s[i]) != tolower((unsigned char)prefix[i]))
			return 0;
	return 1;
}

int zl_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	if (!s || !*s || !isdigit((unsigned char)s[0]))
		return ZL_EINVAL;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return ZL_EINVAL;
	*out = v;
	return 0;
}

unsigned zl_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		return 1;
	return n > 16 ? 16 : (unsigned)n;
}

uint64_t zl_hash_bytes(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *s = data;
	const uint64_t m = 0x9e3779b97f4a7c15u;
	uint64_t h = (uint64_t)len * m ^ seed;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * m;
		h ^= h >> 29;
	}
	uint64_t w = 0;
	for (size_t j = 0; i < len; i++, j += 8)
		w |= (uint64_t)s[i] << j;
	h = (h ^ w) * m;
	h ^= h >> 32;
	return h ? h : 1;
}

size_t zl_rr_txt_into(const zl_rr_t *rr, char *buf)
{
	const uint8_t *rd = zl_rr_rdata(rr);
	size_t o = 0;
	for (size_t i = 0; i < rr->rdlen;) {
		size_t l = rd[i++];
		if (i + l > rr->rdlen)
			l = rr->rdlen - i;
		memcpy(buf + o, rd + i, l);
		o += l;
		i += l;
	}
	buf[o] = '\0';
	return o;
}
