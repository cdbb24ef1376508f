/* zonelint unit tests: parses kept by the text they were made from.
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

#include "textcache.h"

/* A "parse": a copy of the text with its length before it, and a count
 * of the parses made. */
static unsigned nparses;

static const void *parse_copy(const char *text, size_t len, zl_arena_t *arena)
{
	nparses++;
	assert_int_equal(text[len], '\0'); /* the cache's copies end with a NUL */
	char *p = zl_arena_alloc(arena, len + 16);
	snprintf(p, len + 16, "%zu:%s", len, text);
	return p;
}

/* Each test: an empty cache and an empty fallback arena. */
typedef struct fixture {
	zl_textcache_t c;
	zl_arena_t fb;
} fixture_t;

static int setup(void **state)
{
	fixture_t *x = malloc(sizeof(*x));
	if (!x)
		return -1;
	zl_textcache_init(&x->c);
	zl_arena_init(&x->fb);
	nparses = 0;
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	fixture_t *x = *state;
	zl_arena_free(&x->fb);
	zl_textcache_free(&x->c);
	free(x);
	return 0;
}

static void test_same_text_once(void **state)
{
	fixture_t *x = *state;
	zl_textcache_t *c = &x->c;
	zl_arena_t *fb = &x->fb;
	bool kept = false;
	char a[] = "v=spf1 -all", b[] = "v=spf1 -all";
	const char *pa = zl_textcache_get(c, a, strlen(a), parse_copy, fb, &kept);
	assert_true(kept);
	assert_string_equal(pa, "11:v=spf1 -all");
	memset(a, 'x', strlen(a)); /* the cache keeps a copy, not the caller's text */
	const char *pb = zl_textcache_get(c, b, strlen(b), parse_copy, fb, &kept);
	assert_ptr_equal(pa, pb);
	assert_int_equal(nparses, 1);
	/* the same octets but one, a prefix, and the same text with a NUL inside */
	assert_string_equal(zl_textcache_get(c, "v=spf1 -alL", 11, parse_copy, fb, NULL),
			    "11:v=spf1 -alL");
	assert_string_equal(zl_textcache_get(c, "v=spf1 -al", 10, parse_copy, fb, NULL),
			    "10:v=spf1 -al");
	const char *z = zl_textcache_get(c, "v=spf1\0-all", 11, parse_copy, fb, NULL);
	assert_true(z != pa);
	assert_string_equal(z, "11:v=spf1");
	assert_int_equal(nparses, 4);
}

/* Many texts: each parse is that of its own text, texts come back after
 * others took their slot, and past the room parses go to the fallback. */
static void test_many_texts(void **state)
{
	fixture_t *x = *state;
	zl_textcache_t *c = &x->c;
	zl_arena_t *fb = &x->fb;
	unsigned fallback = 0;
	char t[64], want[96];
	for (unsigned round = 0; round < 2; round++)
		for (unsigned i = 0; i < 20000; i++) {
			int l = snprintf(t, sizeof(t), "record number %u of many", i % 15000);
			bool kept;
			const char *p = zl_textcache_get(c, t, (size_t)l, parse_copy, fb, &kept);
			snprintf(want, sizeof(want), "%d:%s", l, t);
			assert_string_equal(p, want);
			fallback += !kept;
		}
	assert_true(c->arena.total >= ZL_TEXTCACHE_MAX);
	assert_true(fallback > 0);
	assert_true(nparses < 40000); /* some were found again */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_text_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_texts, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
