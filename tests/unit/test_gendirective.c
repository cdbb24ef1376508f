/* zonelint unit tests: $GENERATE parsing, counting and expansion.
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

#include "arena.h"
#include "common.h"
#include "gendirective.h"

/* Collects emitted lines, joined by '\n'. */
typedef struct collect {
	char *text;
	size_t len, cap;
	unsigned calls;
	unsigned stop_after; /* 0: never stop */
} collect_t;

static int
collect_emit(void *ctx, const char *line, size_t len)
{
	collect_t *c = ctx;

	assert_int_equal(line[len], '\0');
	assert_int_equal(strlen(line), len);
	if (c->len + len + 2 > c->cap) {
		c->cap = (c->len + len + 2) * 2;
		c->text = realloc(c->text, c->cap);
		assert_non_null(c->text);
	}
	if (c->calls > 0)
		c->text[c->len++] = '\n';
	memcpy(c->text + c->len, line, len);
	c->len += len;
	c->text[c->len] = '\0';
	c->calls++;
	if (c->stop_after != 0 && c->calls >= c->stop_after)
		return 42;
	return 0;
}

/* Parse len bytes copied into a buffer of exactly that size (no NUL), so
 * that ASan catches any read past the end. */
static int
parse_exact(zl_generate_t *g, const char *text, size_t len, zl_arena_t *a,
	    char **keep)
{
	char *copy = malloc(len ? len : 1);

	assert_non_null(copy);
	memcpy(copy, text, len);
	*keep = copy;
	return zl_generate_parse(g, copy, len, a);
}

/* ------------------------------------------------------------------ */

typedef struct expand_vec {
	const char *in;
	const char *out; /* lines joined by '\n' */
} expand_vec_t;

static const expand_vec_t expand_vecs[] = {
	{"1-3 host-$ A 192.0.2.$",
	 "host-1 A 192.0.2.1\nhost-2 A 192.0.2.2\nhost-3 A 192.0.2.3"},
	{"1-20/7 h$ A 192.0.2.$",
	 "h1 A 192.0.2.1\nh8 A 192.0.2.8\nh15 A 192.0.2.15"},
	{"5-5 h$ A 192.0.2.$", "h5 A 192.0.2.5"},
	{"01-02 h$ A 192.0.2.$", "h1 A 192.0.2.1\nh2 A 192.0.2.2"},
	{"0-1 h${-1} A 192.0.2.1", "h-1 A 192.0.2.1\nh0 A 192.0.2.1"},
	{"0-1 h${-1,3} A 192.0.2.1", "h-01 A 192.0.2.1\nh000 A 192.0.2.1"},
	{"8-9 h${10,3} TXT x", "h018 TXT x\nh019 TXT x"},
	{"10-11 h${0,3,x} TXT ${0,4,X}", "h00a TXT 000A\nh00b TXT 000B"},
	{"8-9 h${0,3,o} TXT ${0,0,d}", "h010 TXT 8\nh011 TXT 9"},
	{"0-1 h${+1} TXT ${1,+2}", "h1 TXT 01\nh2 TXT 02"},
	/* nibble mode: the width counts the dots */
	{"255-256 ${0,8,n} PTR h$.example.com.",
	 "f.f.0.0. PTR h255.example.com.\n0.0.1.0. PTR h256.example.com."},
	{"0-0 a${0,0,n}b${0,1,n}c${0,2,n}d${0,3,n}e${0,4,n}f TXT x",
	 "a0b0c0.d0.0e0.0.f TXT x"},
	{"255-255 a${0,3,n}b${0,4,n}c${0,5,N}d${0,6,N} TXT x",
	 "af.fbf.f.cF.F.0dF.F.0. TXT x"},
	{"0-0 h$ TXT \"${171,5,n} ${171,5,N} ${4095,2,n} ${4096,0,n}\"",
	 "h0 TXT b.a.0 B.A.0 f.f.f 0.0.0.1"},
	{"0-0 h$ TXT \"${-1,0,o} ${-1,0,X} ${-1,0,N} ${-2147483648,0,d} "
	 "${-2147483648,0,o} ${-5,4,d} ${-5,4,n} ${-5,20,n}\"",
	 "h0 TXT 37777777777 FFFFFFFF F.F.F.F.F.F.F.F -2147483648 "
	 "20000000000 -005 b.f.f.f.f.f.f.f b.f.f.f.f.f.f.f.0.0."},
	/* "$$" and "\$" are a literal dollar, emitted as "\$" */
	{"1-1 h$ TXT a$$b\\$c", "h1 TXT a\\$b\\$c"},
	{"1-1 h$$x\\$y A 192.0.2.$", "h\\$x\\$y A 192.0.2.1"},
	{"0-0 h$${1} TXT x", "h\\${1} TXT x"},
	{"1-1 h$ TXT a\\\\$b", "h1 TXT a\\\\1b"},
	{"1-1 h$ TXT a\\065$b", "h1 TXT a\\0651b"},
	{"1-1 h\\ $ TXT a\\ b", "h\\ 1 TXT a\\ b"},
	{"0-1 h{$}x TXT $}", "h{0}x TXT 0}\nh{1}x TXT 1}"},
	/* a bare "$" keeps the offset of the previous modifier */
	{"10-10 h${100}-$ TXT $", "h110-110 TXT 10"},
	{"10-10 h$ TXT \"${1000} $ ${0,3,x} $ ${5} $ $$ $\"",
	 "h10 TXT 1010 1010 00a 10 15 15 \\$ 15"},
	{"10-10 h${0,4,x}-${7}-$ TXT x", "h000a-17-17 TXT x"},
	/* quoted rdata: quotes go, the text stays as written */
	{"1-2 h$ TXT \"a b $\"", "h1 TXT a b 1\nh2 TXT a b 2"},
	{"1-1 h$ TXT \"\\\"a b $\\\"\"", "h1 TXT \"a b 1\""},
	{"1-1 h$ MX \"10 mail$\"", "h1 MX 10 mail1"},
	{"1-1 h$ TXT \"a\\\\b\"", "h1 TXT a\\\\b"},
	{"1-1 h$ TXT \"a;b\"", "h1 TXT a;b"},
	{"1-1 h$ TXT \"\"", "h1 TXT"},
	/* ttl and class, in either order, kept as written */
	{"1-1 h$ 300 IN A 192.0.2.$", "h1 300 IN A 192.0.2.1"},
	{"1-1 h$ IN 300 A 192.0.2.$", "h1 IN 300 A 192.0.2.1"},
	{"1-1 h$ in 1h a 192.0.2.$", "h1 in 1h a 192.0.2.1"},
	{"1-1 h$ 1H30m CLASS1 TYPE1 192.0.2.$",
	 "h1 1H30m CLASS1 TYPE1 192.0.2.1"},
	{"1-1 h$ CH A 192.0.2.$", "h1 CH A 192.0.2.1"},
	{"1-1 h$ IN ANY x", "h1 IN ANY x"},
	{"1-1 h$ ANY A x", "h1 ANY A x"},
	/* RFC 2317 classless delegation */
	{"0-2 $ CNAME $.0/24.2.0.192.in-addr.arpa.",
	 "0 CNAME 0.0/24.2.0.192.in-addr.arpa.\n"
	 "1 CNAME 1.0/24.2.0.192.in-addr.arpa.\n"
	 "2 CNAME 2.0/24.2.0.192.in-addr.arpa."},
	{"1-2 @ NS ns$.example.com.",
	 "@ NS ns1.example.com.\n@ NS ns2.example.com."},
	/* spacing and comments */
	{"\t1-1\th$\r\n A\n192.0.2.$  ", "h1 A 192.0.2.1"},
	{"1-1 h$ A 192.0.2.$ ; comment \"with quote", "h1 A 192.0.2.1"},
	{"1-1 h$ A 192.0.2.$;", "h1 A 192.0.2.1"},
	{"2147483646-2147483647 h$ A 192.0.2.1",
	 "h2147483646 A 192.0.2.1\nh2147483647 A 192.0.2.1"},
	{"0-0 h${2147483647} A 192.0.2.1", "h2147483647 A 192.0.2.1"},
	{"0-0 h${-2147483648} A 192.0.2.1", "h-2147483648 A 192.0.2.1"},
	{"1-2/2147483647 h$ A 192.0.2.1", "h1 A 192.0.2.1"},
	{"1-1 h$ 4294967295 A 192.0.2.1", "h1 4294967295 A 192.0.2.1"},
	/* bytes above 0x7f pass through unchanged */
	{"1-1 h\xc3\xa9$ TXT x", "h\xc3\xa9" "1 TXT x"},
};

static void
test_expand_vectors(void **state)
{
	size_t k;

	(void)state;
	for (k = 0; k < ZL_ARRAY_SIZE(expand_vecs); k++) {
		zl_arena_t a;
		zl_generate_t g;
		collect_t c = {NULL, 0, 0, 0, 0};
		char *keep;
		int r;

		zl_arena_init(&a);
		r = parse_exact(&g, expand_vecs[k].in, strlen(expand_vecs[k].in),
				&a, &keep);
		if (r != 0)
			fail_msg("vector %zu \"%s\": %s: %s", k,
				 expand_vecs[k].in, zl_gen_code_name(g.error.code),
				 g.error.message);
		assert_int_equal(g.error.code, ZL_GEN_OK);
		assert_int_equal(zl_generate_expand(&g, collect_emit, &c), 0);
		if (c.text == NULL || strcmp(c.text, expand_vecs[k].out) != 0)
			fail_msg("vector %zu \"%s\":\n got \"%s\"\nwant \"%s\"", k,
				 expand_vecs[k].in, c.text ? c.text : "(none)",
				 expand_vecs[k].out);
		free(c.text);
		free(keep);
		zl_arena_free(&a);
	}
}

/* ------------------------------------------------------------------ */

typedef struct error_vec {
	const char *in;
	zl_gen_code_t code;
	size_t offset;
} error_vec_t;

static const error_vec_t error_vecs[] = {
	{"", ZL_GEN_E_MISSING_RANGE, 0},
	{"   ", ZL_GEN_E_MISSING_RANGE, 3},
	{"; only a comment", ZL_GEN_E_MISSING_RANGE, 0},
	{"1-10", ZL_GEN_E_MISSING_OWNER, 4},
	{"1-10 h$", ZL_GEN_E_MISSING_TYPE, 7},
	{"1-10 h$ 300", ZL_GEN_E_MISSING_TYPE, 11},
	{"1-10 h$ IN 300", ZL_GEN_E_MISSING_TYPE, 14},
	{"1-10 h$ A", ZL_GEN_E_MISSING_RDATA, 9},
	{"1-10 h$ A ; rdata in a comment", ZL_GEN_E_MISSING_RDATA, 10},
	/* range */
	{"10-1 h$ A 192.0.2.1", ZL_GEN_E_RANGE_REVERSED, 0},
	{"1-10/0 h$ A 192.0.2.1", ZL_GEN_E_BAD_STEP, 5},
	{"1 h$ A 192.0.2.1", ZL_GEN_E_BAD_RANGE, 1},
	{"1- h$ A 192.0.2.1", ZL_GEN_E_BAD_RANGE, 2},
	{"1-3/ h$ A 192.0.2.1", ZL_GEN_E_BAD_RANGE, 4},
	{"1-3x h$ A 192.0.2.1", ZL_GEN_E_BAD_RANGE, 3},
	{"1-3/1x h$ A 192.0.2.1", ZL_GEN_E_BAD_RANGE, 5},
	{"1-3/1/1 h$ A 192.0.2.1", ZL_GEN_E_BAD_RANGE, 5},
	{"1-3-5 h$ A 192.0.2.1", ZL_GEN_E_BAD_RANGE, 3},
	{"+1-3 h$ A 192.0.2.1", ZL_GEN_E_BAD_RANGE, 0},
	{"-1-3 h$ A 192.0.2.1", ZL_GEN_E_BAD_RANGE, 0},
	{"1--3 h$ A 192.0.2.1", ZL_GEN_E_BAD_RANGE, 2},
	{"0x1-3 h$ A 192.0.2.1", ZL_GEN_E_BAD_RANGE, 1},
	{"a-b h$ A 192.0.2.1", ZL_GEN_E_BAD_RANGE, 0},
	{"1-2147483648 h$ A 192.0.2.1", ZL_GEN_E_RANGE_LIMIT, 2},
	{"99999999999999999999999-1 h$ A 192.0.2.1", ZL_GEN_E_RANGE_LIMIT, 0},
	{"1-2/2147483648 h$ A 192.0.2.1", ZL_GEN_E_RANGE_LIMIT, 4},
	/* modifiers */
	{"1-2 h${0,3,q} A 192.0.2.1", ZL_GEN_E_BAD_BASE, 11},
	{"1-2 h${0,3,D} A 192.0.2.1", ZL_GEN_E_BAD_BASE, 11},
	{"1-2 h$ TXT ${0,3,O}", ZL_GEN_E_BAD_BASE, 17},
	{"1-2 h${0,3,xx} A 192.0.2.1", ZL_GEN_E_BAD_MODIFIER, 5},
	{"1-2 h${0,3,x,1} A 192.0.2.1", ZL_GEN_E_BAD_MODIFIER, 5},
	{"1-2 h${} A 192.0.2.1", ZL_GEN_E_BAD_MODIFIER, 5},
	{"1-2 h${,3} A 192.0.2.1", ZL_GEN_E_BAD_MODIFIER, 5},
	{"1-2 h${0,,x} A 192.0.2.1", ZL_GEN_E_BAD_MODIFIER, 5},
	{"1-2 h${0,3,} A 192.0.2.1", ZL_GEN_E_BAD_MODIFIER, 5},
	{"1-2 h${1,} A 192.0.2.1", ZL_GEN_E_BAD_MODIFIER, 5},
	{"1-2 h${0 A 192.0.2.1", ZL_GEN_E_BAD_MODIFIER, 5},
	{"1-2 h${ A 192.0.2.1", ZL_GEN_E_BAD_MODIFIER, 5},
	{"1-2 h${a} A 192.0.2.1", ZL_GEN_E_BAD_MODIFIER, 5},
	{"1-2 h${1a} A 192.0.2.1", ZL_GEN_E_BAD_MODIFIER, 5},
	{"1-2 h${--1} A 192.0.2.1", ZL_GEN_E_BAD_MODIFIER, 5},
	{"1-2 h${-} A 192.0.2.1", ZL_GEN_E_BAD_MODIFIER, 5},
	{"1-2 h${0,-3} A 192.0.2.1", ZL_GEN_E_BAD_MODIFIER, 5},
	{"1-2 h$ TXT \"${0,,o}\"", ZL_GEN_E_BAD_MODIFIER, 12},
	{"1-2 h$ TXT ${10,5,x}${0,3,}", ZL_GEN_E_BAD_MODIFIER, 20},
	{"0-0 h$ TXT ${0,128}", ZL_GEN_E_BAD_WIDTH, 15},
	{"0-0 h$ TXT ${0,99999999999999999999}", ZL_GEN_E_BAD_WIDTH, 15},
	{"0-0 h${2147483648} A 192.0.2.1", ZL_GEN_E_BAD_OFFSET, 7},
	{"0-0 h${-2147483649} A 192.0.2.1", ZL_GEN_E_BAD_OFFSET, 7},
	{"0-0 h${99999999999999999999} A 192.0.2.1", ZL_GEN_E_BAD_OFFSET, 7},
	{"0-1 h${2147483647} A 192.0.2.1", ZL_GEN_E_VALUE_RANGE, 5},
	{"0-1 h$ TXT x${2147483647,3,x}", ZL_GEN_E_VALUE_RANGE, 12},
	/* ttl and class */
	{"1-2 h$ 1x A 192.0.2.1", ZL_GEN_E_BAD_TTL, 7},
	{"1-2 h$ 1h30 A 192.0.2.1", ZL_GEN_E_BAD_TTL, 7},
	{"1-2 h$ 4294967296 A 192.0.2.1", ZL_GEN_E_BAD_TTL, 7},
	{"1-2 h$ 1000000w A 192.0.2.1", ZL_GEN_E_BAD_TTL, 7},
	{"1-2 h$ IN 1y A 192.0.2.1", ZL_GEN_E_BAD_TTL, 10},
	{"1-2 h$ 300 300 A 192.0.2.1", ZL_GEN_E_DUPLICATE_TTL, 11},
	{"1-2 h$ 300 IN 300 A 192.0.2.1", ZL_GEN_E_DUPLICATE_TTL, 14},
	{"1-2 h$ IN IN A 192.0.2.1", ZL_GEN_E_DUPLICATE_CLASS, 10},
	{"1-2 h$ IN 300 CH A 192.0.2.1", ZL_GEN_E_DUPLICATE_CLASS, 14},
	/* quoting, escapes, parentheses */
	{"\"1-2\" h$ A 192.0.2.1", ZL_GEN_E_BAD_QUOTE, 0},
	{"1-2 \"h$\" A 192.0.2.1", ZL_GEN_E_BAD_QUOTE, 4},
	{"1-2 h$ \"A\" 192.0.2.1", ZL_GEN_E_BAD_QUOTE, 7},
	{"1-2 h$ 300 \"IN\" A 192.0.2.1", ZL_GEN_E_BAD_QUOTE, 11},
	{"1-2 h$ TXT a\"b\"", ZL_GEN_E_BAD_QUOTE, 12},
	{"1-2 h$ TXT \"abc", ZL_GEN_E_BAD_QUOTE, 11},
	{"1-2 h$ TXT \"abc\\\"", ZL_GEN_E_BAD_QUOTE, 11},
	{"1-2 h$ TXT a\\", ZL_GEN_E_BAD_ESCAPE, 12},
	{"1-2 h\\", ZL_GEN_E_BAD_ESCAPE, 5},
	{"1-2 h$ ( A 192.0.2.1 )", ZL_GEN_E_BAD_PAREN, 7},
	{"1-2 h$ A 192.0.2.$ ( )", ZL_GEN_E_EXTRA_TEXT, 19},
	{"1-2 h$) A 192.0.2.1", ZL_GEN_E_BAD_PAREN, 6},
	{"1-2 h$ MX 10 mail$", ZL_GEN_E_EXTRA_TEXT, 13},
	{"1-2 h$ TXT \"a\"b", ZL_GEN_E_EXTRA_TEXT, 14},
	{"1-2 h$ TXT \"a\" \"b\"", ZL_GEN_E_EXTRA_TEXT, 15},
	{"1-2 h$ TXT a b\"", ZL_GEN_E_EXTRA_TEXT, 13},
	{"1-2 h$ A 192.0.2.1 x", ZL_GEN_E_EXTRA_TEXT, 19},
};

static void
test_error_vectors(void **state)
{
	size_t k;

	(void)state;
	for (k = 0; k < ZL_ARRAY_SIZE(error_vecs); k++) {
		zl_arena_t a;
		zl_generate_t g;
		char *keep;
		int r;

		zl_arena_init(&a);
		r = parse_exact(&g, error_vecs[k].in, strlen(error_vecs[k].in),
				&a, &keep);
		if (r != ZL_EINVAL || g.error.code != error_vecs[k].code ||
		    g.error.offset != error_vecs[k].offset)
			fail_msg("vector %zu \"%s\": got %d %s@%zu (%s), want "
				 "%s@%zu", k, error_vecs[k].in, r,
				 zl_gen_code_name(g.error.code), g.error.offset,
				 g.error.message ? g.error.message : "",
				 zl_gen_code_name(error_vecs[k].code),
				 error_vecs[k].offset);
		assert_non_null(g.error.message);
		assert_true(g.error.message[0] >= 'a' &&
			    g.error.message[0] <= 'z');
		assert_true(g.error.message[strlen(g.error.message) - 1] !=
			    '.');
		free(keep);
		zl_arena_free(&a);
	}
}

/* ------------------------------------------------------------------ */

static void
test_messages(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		const char *msg;
	} msgs[] = {
		{"10-1 h$ A 192.0.2.1", 0,
		 "range \"10-1\" starts after it stops"},
		{"1-10/0 h$ A 192.0.2.1", 0, "range \"1-10/0\" has a step of 0"},
		{"1-2 h${0,3,q} A 192.0.2.1", 0,
		 "unknown base \"q\" in modifier \"${0,3,q}\": expected d, o, x, "
		 "X, n or N"},
		{"1-2 h$ A", 0, "missing rdata after type \"A\""},
		/* control and non-ASCII bytes are escaped as \DDD */
		{"1-2 h\x01\xff$( A", 0,
		 "unexpected parenthesis in \"h\\001\\255$( A\""},
		{"1-2 h\"$", 0, "unexpected quote in \"h\\\"$\""},
		{"1-2 h$ TXT \"a\\\\b", 0,
		 "unterminated quoted rdata \"\\\"a\\\\\\\\b\""},
		{"1-2 h\0x A 1", 9, "unexpected NUL byte in the directive"},
	};
	size_t k;

	(void)state;
	for (k = 0; k < ZL_ARRAY_SIZE(msgs); k++) {
		zl_arena_t a;
		zl_generate_t g;
		size_t len = msgs[k].len ? msgs[k].len : strlen(msgs[k].in);
		char *keep;

		zl_arena_init(&a);
		assert_int_equal(parse_exact(&g, msgs[k].in, len, &a, &keep),
				 ZL_EINVAL);
		assert_string_equal(g.error.message, msgs[k].msg);
		free(keep);
		zl_arena_free(&a);
	}
}

static void
test_long_message_is_cut(void **state)
{
	char in[300];
	zl_arena_t a;
	zl_generate_t g;
	char *keep;

	(void)state;
	memset(in, 'a', sizeof(in));
	memcpy(in, "1-2 ", 4);
	in[sizeof(in) - 1] = '"';
	zl_arena_init(&a);
	assert_int_equal(parse_exact(&g, in, sizeof(in), &a, &keep), ZL_EINVAL);
	assert_int_equal(g.error.code, ZL_GEN_E_BAD_QUOTE);
	assert_int_equal(g.error.offset, sizeof(in) - 1);
	assert_true(strlen(g.error.message) < 120);
	assert_non_null(strstr(g.error.message, "...\""));
	free(keep);
	zl_arena_free(&a);
}

static void
test_nul_byte(void **state)
{
	static const char in[] = "1-2 h$ TXT \"a\0b\"";
	zl_arena_t a;
	zl_generate_t g;
	char *keep;

	(void)state;
	zl_arena_init(&a);
	assert_int_equal(parse_exact(&g, in, sizeof(in) - 1, &a, &keep),
			 ZL_EINVAL);
	assert_int_equal(g.error.code, ZL_GEN_E_NUL_BYTE);
	assert_int_equal(g.error.offset, 13);
	free(keep);
	zl_arena_free(&a);
}

static void
test_line_too_long(void **state)
{
	size_t n = 70000;
	char *in = malloc(n);
	zl_arena_t a;
	zl_generate_t g;
	char *keep;

	(void)state;
	assert_non_null(in);
	memcpy(in, "1-2 h$ TXT ", 11);
	memset(in + 11, 'a', n - 11);
	zl_arena_init(&a);
	assert_int_equal(parse_exact(&g, in, n, &a, &keep), ZL_EINVAL);
	assert_int_equal(g.error.code, ZL_GEN_E_LINE_TOO_LONG);
	free(keep);
	zl_arena_free(&a);

	/* just under the limit works and yields one long line */
	n = 11 + 65000;
	memset(in + 11, 'a', n - 11);
	zl_arena_init(&a);
	assert_int_equal(parse_exact(&g, in, n, &a, &keep), 0);
	{
		collect_t c = {NULL, 0, 0, 0, 0};

		assert_int_equal(zl_generate_expand(&g, collect_emit, &c), 0);
		assert_int_equal(c.calls, 2);
		assert_int_equal(c.len, 2 * (3 + 4 + 65000) + 1);
		free(c.text);
	}
	free(keep);
	zl_arena_free(&a);
	free(in);
}

static void
test_fields(void **state)
{
	static const char in[] = " 1-9/2 h$ IN 1h TXT \"x $\" ";
	zl_arena_t a;
	zl_generate_t g;
	uint64_t n;

	(void)state;
	zl_arena_init(&a);
	assert_int_equal(zl_generate_parse(&g, in, sizeof(in) - 1, &a), 0);
	assert_int_equal(g.start, 1);
	assert_int_equal(g.stop, 9);
	assert_int_equal(g.step, 2);
	assert_int_equal(g.range.offset, 1);
	assert_int_equal(g.range.len, 5);
	assert_int_equal(g.lhs.offset, 7);
	assert_int_equal(g.rrclass.offset, 10);
	assert_int_equal(g.class_value, 1);
	assert_true(g.class_first);
	assert_int_equal(g.ttl.offset, 13);
	assert_int_equal(g.ttl_value, 3600);
	assert_int_equal(g.type.len, 3);
	assert_memory_equal(g.type.text, "TXT", 3);
	assert_int_equal(g.rhs.offset, 20);
	assert_int_equal(g.rhs.len, 5);
	assert_int_equal(zl_generate_count(&g, &n), 0);
	assert_int_equal(n, 5);
	zl_arena_free(&a);

	zl_arena_init(&a);
	assert_int_equal(zl_generate_parse(&g, "0-0 h$ A x", 10, &a), 0);
	assert_null(g.ttl.text);
	assert_null(g.rrclass.text);
	zl_arena_free(&a);

	zl_arena_init(&a);
	assert_int_equal(
		zl_generate_parse(&g, "0-0 h$ 1w2d3h4m5s CLASS65535 A x", 32, &a),
		0);
	assert_int_equal(g.ttl_value, 604800 + 2 * 86400 + 3 * 3600 + 245);
	assert_int_equal(g.class_value, 65535);
	assert_false(g.class_first);
	zl_arena_free(&a);
}

static void
test_count(void **state)
{
	static const struct {
		const char *in;
		uint64_t count;
	} v[] = {
		{"1-10 h$ A x", 10},
		{"1-100/7 h$ A x", 15},
		{"0-255 h$ A x", 256},
		{"3-3 h$ A x", 1},
		{"0-2147483647 h$ A x", 2147483648u},
		{"0-2147483647/2147483647 h$ A x", 2},
		{"0-999999 h$ A x", 1000000},
	};
	size_t k;

	(void)state;
	for (k = 0; k < ZL_ARRAY_SIZE(v); k++) {
		zl_arena_t a;
		zl_generate_t g;
		uint64_t n = 0;

		zl_arena_init(&a);
		assert_int_equal(zl_generate_parse(&g, v[k].in, strlen(v[k].in),
						   &a),
				 0);
		assert_int_equal(zl_generate_count(&g, &n), 0);
		assert_int_equal(n, v[k].count);
		zl_arena_free(&a);
	}
	assert_int_equal(zl_generate_count(NULL, NULL), ZL_EINVAL);
}

static void
test_emit_stops(void **state)
{
	zl_arena_t a;
	zl_generate_t g;
	collect_t c = {NULL, 0, 0, 0, 3};

	(void)state;
	zl_arena_init(&a);
	assert_int_equal(zl_generate_parse(&g, "1-100 h$ A 192.0.2.$", 20, &a),
			 0);
	assert_int_equal(zl_generate_expand(&g, collect_emit, &c), 42);
	assert_int_equal(c.calls, 3);
	assert_string_equal(c.text,
			    "h1 A 192.0.2.1\nh2 A 192.0.2.2\nh3 A 192.0.2.3");
	free(c.text);
	assert_int_equal(zl_generate_expand(&g, NULL, NULL), ZL_EINVAL);
	assert_int_equal(zl_generate_expand(NULL, collect_emit, &c), ZL_EINVAL);
	zl_arena_free(&a);
}

static void
test_bad_arguments(void **state)
{
	zl_arena_t a;
	zl_generate_t g;

	(void)state;
	zl_arena_init(&a);
	assert_int_equal(zl_generate_parse(NULL, "1-2 h A x", 9, &a), ZL_EINVAL);
	assert_int_equal(zl_generate_parse(&g, "1-2 h A x", 9, NULL), ZL_EINVAL);
	assert_int_equal(zl_generate_parse(&g, NULL, 3, &a), ZL_EINVAL);
	assert_int_equal(zl_generate_parse(&g, NULL, 0, &a), ZL_EINVAL);
	assert_int_equal(g.error.code, ZL_GEN_E_MISSING_RANGE);
	/* a failed parse cannot be expanded */
	memset(&g, 0, sizeof(g));
	assert_int_equal(zl_generate_expand(&g, collect_emit, NULL), ZL_EINVAL);
	zl_arena_free(&a);
}

static void
test_code_names(void **state)
{
	int k, j;

	(void)state;
	assert_string_equal(zl_gen_code_name(ZL_GEN_OK), "ok");
	assert_string_equal(zl_gen_code_name(ZL_GEN_E_BAD_RANGE),
			    "generate-bad-range");
	assert_string_equal(zl_gen_code_name(ZL_GEN_E_LINE_TOO_LONG),
			    "generate-line-too-long");
	assert_string_equal(zl_gen_code_name(ZL_GEN_CODE_COUNT), "unknown");
	assert_string_equal(zl_gen_code_name((zl_gen_code_t)-1), "unknown");
	for (k = 0; k < ZL_GEN_CODE_COUNT; k++) {
		const char *n = zl_gen_code_name((zl_gen_code_t)k);

		for (; *n; n++)
			assert_true((*n >= 'a' && *n <= 'z') || *n == '-');
		for (j = 0; j < k; j++)
			assert_string_not_equal(
				zl_gen_code_name((zl_gen_code_t)j),
				zl_gen_code_name((zl_gen_code_t)k));
	}
}

/* Edge inputs (and, below them, inputs found by the fuzzer): no crash. */
static void
test_edge_inputs(void **state)
{
	static const char *const inputs[] = {
		"0-0 $ A ${",
		"0-0 $ A $",
		"0-0 $ A \"$\"",
		"0-0 $ A \"\\\"\"",
		"0-0 ${0,127,n}${0,127,N}${0,127,x} A ${-2147483648,127,o}",
	};
	size_t k;

	(void)state;
	for (k = 0; k < ZL_ARRAY_SIZE(inputs); k++) {
		zl_arena_t a;
		zl_generate_t g;
		collect_t c = {NULL, 0, 0, 0, 0};
		char *keep;

		zl_arena_init(&a);
		if (parse_exact(&g, inputs[k], strlen(inputs[k]), &a, &keep) ==
		    0)
			assert_int_equal(zl_generate_expand(&g, collect_emit, &c),
					 0);
		free(c.text);
		free(keep);
		zl_arena_free(&a);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand_vectors),
		cmocka_unit_test(test_error_vectors),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_long_message_is_cut),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_line_too_long),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_emit_stops),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_code_names),
		cmocka_unit_test(test_edge_inputs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
