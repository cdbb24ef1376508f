/* zonelint: libFuzzer target for the tag=value splitter and the record parsers.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "common.h"
#include "dkimrec.h"
#include "dmarc.h"
#include "smtptls.h"
#include "tagvalue.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *base;
static size_t size_;

#define CHECK(c)                          \
	do {                              \
		if (!(c))                 \
			__builtin_trap(); \
	} while (0)

/* p points into the input (or is NULL with length 0) */
static void in_input(const char *p, size_t len)
{
	if (!p) {
		CHECK(len == 0);
		return;
	}
	CHECK(p >= base && len <= size_ && (size_t)(p - base) <= size_ - len);
}

static void msg_ok(const char *m)
{
	CHECK(m != NULL);
	for (; *m; m++)
		CHECK(*m >= 0x20 && *m < 0x7f);
}

static void check_list(const zl_tv_list_t *l)
{
	CHECK(l->n_problems <= ZL_TV_MAX_PROBLEMS);
	for (size_t i = 0; i < l->n_tags; i++) {
		const zl_tv_tag_t *t = &l->tags[i];
		in_input(t->name, t->name_len);
		in_input(t->value, t->value_len);
		CHECK(t->offset <= size_ && t->value_offset <= size_);
		CHECK(t->name == base + t->offset);
		CHECK(t->value == base + t->value_offset);
		CHECK(t->index == i);
		CHECK(memchr(t->value, ';', t->value_len) == NULL);
	}
	for (size_t i = 0; i < l->n_problems; i++) {
		const zl_tv_problem_t *p = &l->problems[i];
		CHECK(p->offset <= size_);
		CHECK((unsigned)p->code < ZL_TVP__COUNT);
		in_input(p->tag, p->tag_len);
		msg_ok(p->msg);
		if (i)
			CHECK(l->problems[i - 1].offset <= p->offset);
	}
}

static void check_uri(const zl_tv_uri_t *u)
{
	in_input(u->text, u->len);
	in_input(u->scheme_str, u->scheme_len);
	in_input(u->local, u->local_len);
	in_input(u->host, u->host_len);
	in_input(u->path, u->path_len);
	CHECK(u->offset <= size_ && u->err_offset <= size_);
	CHECK((unsigned)u->err < ZL_TV_URI_E__COUNT);
}

#define CHECK_PROBLEMS(arr, n, count)                                            \
	do {                                                                     \
		CHECK((n) <= ZL_TV_MAX_PROBLEMS);                                \
		for (size_t i_ = 0; i_ < (n); i_++) {                            \
			CHECK((arr)[i_].offset <= size_);                        \
			CHECK((unsigned)(arr)[i_].code < (count));               \
			in_input((arr)[i_].tag, (arr)[i_].tag_len);              \
			msg_ok((arr)[i_].msg);                                   \
			if (i_)                                                  \
				CHECK((arr)[i_ - 1].offset <= (arr)[i_].offset); \
		}                                                                \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	base = s;
	size_ = size;
	zl_arena_t a;
	zl_arena_init(&a);

	static const unsigned opts[] = {0, ZL_TV_OPT_CASE_INSENSITIVE | ZL_TV_OPT_WSP_ONLY,
					ZL_TV_OPT_WSP_ONLY | ZL_TV_OPT_EXT_NAMES};
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		zl_tv_list_t l;
		CHECK(zl_tv_parse(&l, s, size, opts[i], &a) == ZL_OK);
		check_list(&l);
	}

	size_t pos = 0, n = 0;
	zl_tv_tag_t t;
	while (zl_tv_next(s, size, &pos, &t)) {
		in_input(t.name, t.name_len);
		in_input(t.value, t.value_len);
		CHECK(++n <= size + 1);
	}

	zl_dmarc_t d;
	CHECK(zl_dmarc_parse(&d, s, size, &a) == ZL_OK);
	check_list(&d.list);
	CHECK_PROBLEMS(d.problems, d.n_problems, ZL_DMARCP__COUNT);
	for (size_t i = 0; i < d.n_rua; i++)
		check_uri(&d.rua[i].uri);
	for (size_t i = 0; i < d.n_ruf; i++)
		check_uri(&d.ruf[i].uri);
	CHECK(d.n_rua_valid <= d.n_rua && d.n_ruf_valid <= d.n_ruf);
	if (d.is_dmarc)
		CHECK(zl_dmarc_looks_like_dmarc(s, size));

	zl_sts_t st;
	CHECK(zl_sts_parse(&st, s, size, &a) == ZL_OK);
	check_list(&st.c.list);
	CHECK_PROBLEMS(st.c.problems, st.c.n_problems, ZL_STLSP__COUNT);
	if (st.is_sts)
		CHECK(zl_sts_looks_like_sts(s, size));

	zl_tlsrpt_t tr;
	CHECK(zl_tlsrpt_parse(&tr, s, size, &a) == ZL_OK);
	CHECK_PROBLEMS(tr.c.problems, tr.c.n_problems, ZL_STLSP__COUNT);
	for (size_t i = 0; i < tr.n_uris; i++)
		check_uri(&tr.uris[i]);
	CHECK(tr.n_usable <= tr.n_uris);
	if (tr.is_tlsrpt)
		CHECK(zl_tlsrpt_looks_like_tlsrpt(s, size));

	zl_bimi_t b;
	CHECK(zl_bimi_parse(&b, s, size, &a) == ZL_OK);
	CHECK_PROBLEMS(b.c.problems, b.c.n_problems, ZL_STLSP__COUNT);
	if (b.l_valid)
		check_uri(&b.l_uri);
	if (b.a_valid)
		check_uri(&b.a_uri);
	if (b.is_bimi)
		CHECK(zl_bimi_looks_like_bimi(s, size));

	zl_dkimrec_t k;
	CHECK(zl_dkimrec_parse(&k, s, size, &a) == ZL_OK);
	CHECK_PROBLEMS(k.problems, k.n_problems, ZL_DKIMP__COUNT);
	if (k.key) {
		CHECK(k.key[k.key_len] == '\0');
		CHECK(k.key_len <= size);
	}
	if (k.key_base64_ok)
		CHECK(k.key_decoded_len <= k.key_len);
	(void)zl_dkimrec_looks_like_dkim(s, size);

	zl_tv_uri_t u;
	(void)zl_tv_uri_parse(&u, s, size, 0);
	check_uri(&u);
	char *e = zl_tv_escape(&a, s, size, 64);
	msg_ok(e);

	zl_arena_free(&a);
	return 0;
}
