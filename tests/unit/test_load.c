/* zonelint: loader tests: entries, directives, owners, TTLs and file:line.
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
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"
#include "load.h"
#include "util.h"

#define HDR "$ORIGIN example.com.\n$TTL 3600\n" \
	"@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ IN NS ns1\n@ IN NS ns2\n"

typedef struct run_s {
	zl_run_t run;
} run_t;

static zl_run_t *load(const char *text)
{
	zl_run_t *run = malloc(sizeof(*run));
	assert_non_null(run);
	zl_run_init(run);
	zl_run_load_buffer(run, "t.zone", text, strlen(text));
	return run;
}

static void done(zl_run_t *run)
{
	zl_run_free(run);
	free(run);
}

static const zl_rr_t *find(zl_run_t *run, const char *name, uint16_t type)
{
	zl_node_t *n = zl_zoneset_find_str(&run->set, name, NULL);
	return n ? zl_node_first(n, type) : NULL;
}

static unsigned ndiags(zl_run_t *run, zl_diag_code_t code, uint32_t line)
{
	unsigned n = 0;
	for (const zl_diag_t *d = zl_loader_diags(run->loader); d; d = d->next)
		if (d->code == code && (line == 0 || d->line == line))
			n++;
	return n;
}

static void test_lines_and_owners(void **state)
{
	(void)state;
	zl_run_t *run = load(HDR
			     "www IN A 192.0.2.1\n"          /* line 6 */
			     "; a comment\n"
			     "\n"
			     "    IN AAAA 2001:db8::1\n"     /* line 9: inherits www */
			     "mail 300 IN MX ( 10\n"         /* line 10 */
			     "   mx1 ) ; trailing\n"
			     "txt TXT \"a;b\" \"c(d)\"\n");  /* line 12 */
	const zl_rr_t *a = find(run, "www.example.com.", ZL_TYPE_A);
	assert_non_null(a);
	assert_int_equal(a->line, 6);
	assert_int_equal(a->ttl, 3600);
	const zl_rr_t *aaaa = find(run, "www.example.com.", ZL_TYPE_AAAA);
	assert_non_null(aaaa);
	assert_int_equal(aaaa->line, 9);
	const zl_rr_t *mx = find(run, "mail.example.com.", ZL_TYPE_MX);
	assert_non_null(mx);
	assert_int_equal(mx->line, 10);
	assert_int_equal(mx->ttl, 300);
	char nb[ZL_NAME_STRLEN];
	assert_string_equal(zl_wire_name_str(zl_rr_rdata(mx) + 2, mx->rdlen - 2, nb),
			    "mx1.example.com.");
	const zl_rr_t *txt = find(run, "txt.example.com.", ZL_TYPE_TXT);
	assert_non_null(txt);
	assert_int_equal(txt->line, 12);
	zl_arena_t a2;
	zl_arena_init(&a2);
	size_t len;
	assert_string_equal(zl_rr_txt(&a2, txt, &len), "a;bc(d)");
	zl_arena_free(&a2);
	assert_int_equal(ndiags(run, ZL_DIAG_SYNTAX, 0), 0);
	done(run);
}

/* Identical rdata is stored once (zl_rr_t.shared) and reads the same. */
static void test_shared_rdata(void **state)
{
	(void)state;
	zl_run_t *run = load(HDR
			     "a TXT \"v=DMARC1; p=reject\"\n"
			     "b TXT \"v=DMARC1; p=reject\"\n"
			     "c TXT \"v=DMARC1; p=none\"\n"
			     "d A 192.0.2.1\n"
			     "e A 192.0.2.1\n"
			     "f MX 10 mx1\n"
			     "g MX 10 MX1\n");
	const zl_rr_t *a = find(run, "a.example.com.", ZL_TYPE_TXT);
	const zl_rr_t *b = find(run, "b.example.com.", ZL_TYPE_TXT);
	const zl_rr_t *c = find(run, "c.example.com.", ZL_TYPE_TXT);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	assert_false(a->shared);
	assert_true(b->shared);
	assert_ptr_equal(zl_rr_rdata(b), zl_rr_rdata(a));
	assert_int_equal(b->rdlen, a->rdlen);
	assert_false(c->shared);
	assert_memory_equal(zl_rr_rdata(c), "\x10v=DMARC1; p=none", 17);
	assert_int_equal(b->line, 7);
	/* rdata no longer than a pointer is kept in the record */
	const zl_rr_t *e = find(run, "e.example.com.", ZL_TYPE_A);
	assert_non_null(e);
	assert_false(e->shared);
	assert_memory_equal(zl_rr_rdata(e), "\xc0\x00\x02\x01", 4);
	/* case differs in the wire rdata, so nothing is shared */
	const zl_rr_t *g = find(run, "g.example.com.", ZL_TYPE_MX);
	assert_non_null(g);
	assert_false(g->shared);
	char nb[ZL_NAME_STRLEN];
	assert_string_equal(zl_wire_name_str(zl_rr_rdata(g) + 2, g->rdlen - 2u, nb),
			    "MX1.example.com.");
	done(run);
}

/* A line past what a record keeps is reported as the last it can hold. */
static void test_line_saturates(void **state)
{
	(void)state;
	zl_zoneset_t set;
	zl_zoneset_init(&set);
	assert_int_equal(zl_zoneset_add_file(&set, "x.zone", "x.zone"), 0);
	zl_node_t *n = zl_zoneset_intern(&set, (const uint8_t *)"\x01x\0", 3);
	zl_rr_t *rr = zl_zoneset_add_rr(&set, NULL, n, ZL_TYPE_A, 1, 60,
					(const uint8_t *)"\1\2\3\4", 4, 0, 4000000000u);
	assert_int_equal(rr->line, ZL_RR_LINE_MAX);
	rr = zl_zoneset_add_rr(&set, NULL, n, ZL_TYPE_A, 1, 60, (const uint8_t *)"\1\2\3\5", 4,
			       0, ZL_RR_LINE_MAX - 1);
	assert_int_equal(rr->line, ZL_RR_LINE_MAX - 1);
	zl_zoneset_free(&set);
}

/* A record names its file in 16 bits and takes its zone from the file: a
 * set holds at most ZL_FILES_MAX files, and one more is refused, not
 * folded into the last. */
static void test_files_limit(void **state)
{
	(void)state;
	zl_run_t *run = load(HDR "www IN A 192.0.2.1\n");
	assert_int_equal(run->set.nfiles, 1);
	for (unsigned i = 1; i < ZL_FILES_MAX; i++)
		assert_int_equal(zl_zoneset_add_file(&run->set, "f", "f"), i);
	assert_int_equal(zl_zoneset_add_file(&run->set, "f", "f"), ZL_FILES_FULL);
	uint64_t before = run->set.nrecords;
	assert_int_equal(zl_run_load_buffer(run, "more.zone", HDR, strlen(HDR)), ZL_EIO);
	char err[512];
	assert_int_equal(zl_run_load_external(run, "snap", "x. 60 IN A 192.0.2.9\n", 21, err,
					      sizeof(err)), ZL_EIO);
	assert_non_null(strstr(err, "at most 65534 files"));
	assert_int_equal(run->set.nfiles, ZL_FILES_MAX);
	assert_int_equal(run->set.nrecords, before);
	/* the first file's records keep their zone */
	const zl_rr_t *a = find(run, "www.example.com.", ZL_TYPE_A);
	assert_non_null(a);
	assert_string_equal(zl_rr_zone(a)->name, "example.com.");
	done(run);
}

/* The name index across its growth and a reserve: every interned name is
 * found in any case, an absent one is not, and a child is found only below
 * a name that has one. */
static void test_name_index(void **state)
{
	(void)state;
	zl_zoneset_t set;
	zl_zoneset_init(&set);
	enum { N = 5000 }; /* the table starts at 1024 slots: several rehashes */
	zl_node_t *node[N];
	uint8_t w[64];
	for (unsigned i = 0; i < N; i++) {
		if (i == N / 2)
			zl_zoneset_reserve(&set, 100000); /* a rehash with names in it */
		int l = snprintf((char *)w + 1, sizeof(w) - 1, "H%u", i);
		w[0] = (uint8_t)l;
		memcpy(w + 1 + l, "\x04test\0", 6);
		node[i] = zl_zoneset_intern(&set, w, (size_t)l + 7);
		assert_non_null(node[i]);
	}
	assert_int_equal(set.nnodes, N + 2); /* and test. and the root */
	for (unsigned i = 0; i < N; i++) {
		int l = snprintf((char *)w + 1, sizeof(w) - 1, "h%u", i);
		w[0] = (uint8_t)l;
		memcpy(w + 1 + l, "\x04TEST\0", 6);
		assert_ptr_equal(zl_zoneset_find(&set, w, (size_t)l + 7), node[i]);
		assert_ptr_equal(zl_zoneset_intern(&set, w, (size_t)l + 7), node[i]);
	}
	assert_int_equal(set.nnodes, N + 2);
	/* the walk over the nodes (in chunks of 64 KB, so several) gives every
	 * node once, in the order made: the root, test., then h0 to h4999 */
	const zl_node_t *walk = zl_zoneset_nodes(&set);
	assert_int_equal(walk->wirelen, 1);
	walk = zl_node_next(walk);
	assert_ptr_equal(walk, zl_node_parent(node[0]));
	for (unsigned i = 0; i < N; i++) {
		walk = zl_node_next(walk);
		assert_ptr_equal(walk, node[i]);
	}
	assert_null(zl_node_next(walk));
	assert_null(zl_zoneset_find(&set, (const uint8_t *)"\x02h9\x04test\x02no\0", 12));
	assert_null(zl_zoneset_find(&set, (const uint8_t *)"\x05h5000\x04test\0", 12));

	zl_node_t *test = zl_node_parent(node[0]);
	assert_ptr_equal(zl_node_child(&set, test, "h42"), node[42]);
	assert_null(zl_node_child(&set, test, "h5000"));
	assert_null(zl_node_child(&set, node[7], "_dmarc")); /* a leaf */
	zl_node_t *d = zl_zoneset_intern(&set, (const uint8_t *)"\x06_dmarc\x02h7\x04test\0",
					 16);
	assert_ptr_equal(zl_node_child(&set, node[7], "_DMARC"), d);
	assert_null(zl_node_child(&set, node[8], "_dmarc"));
	zl_zoneset_free(&set);
}

/* Intern @p text (a name in presentation form, no escapes) into @p set. */
static zl_node_t *intern_text(zl_zoneset_t *set, const char *text)
{
	uint8_t w[256];
	size_t wl = zl_name_from_text(text, strlen(text), NULL, 0, w);
	assert_true(wl > 0);
	return zl_zoneset_intern(set, w, wl);
}

/* zl_node_child() reads the nodes made after a name before the index: a
 * child is found there or through the index wherever it was made, and an
 * absent one is not found, whether the name's children are all met in
 * those nodes, only some of them, or are too many to count. */
static void test_node_child(void **state)
{
	(void)state;
	zl_zoneset_t set;
	zl_zoneset_init(&set);
	/* p.test. and its children a, b, c right after it, with grandchildren
	 * of a between them */
	zl_node_t *p = intern_text(&set, "p.test.");
	zl_node_t *a = intern_text(&set, "a.p.test.");
	intern_text(&set, "x.a.p.test.");
	intern_text(&set, "y.a.p.test.");
	zl_node_t *b = intern_text(&set, "b.p.test.");
	zl_node_t *c = intern_text(&set, "C.p.test.");
	assert_int_equal(p->children, 3);
	assert_int_equal(a->children, 2);
	assert_ptr_equal(zl_node_child(&set, p, "a"), a);
	assert_ptr_equal(zl_node_child(&set, p, "b"), b);
	assert_ptr_equal(zl_node_child(&set, p, "c"), c); /* the last one counted */
	assert_ptr_equal(zl_node_child(&set, p, "C"), c);
	assert_null(zl_node_child(&set, p, "x")); /* a grandchild */
	assert_null(zl_node_child(&set, p, "d"));
	assert_null(zl_node_child(&set, p, "ab"));
	/* q.test.: one child right after it, one made after 40 other names */
	zl_node_t *q = intern_text(&set, "q.test.");
	zl_node_t *q1 = intern_text(&set, "one.q.test.");
	char name[64];
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "n%d.test.", i);
		intern_text(&set, name);
	}
	zl_node_t *q2 = intern_text(&set, "two.q.test.");
	assert_ptr_equal(zl_node_child(&set, q, "one"), q1);
	assert_ptr_equal(zl_node_child(&set, q, "two"), q2);
	assert_null(zl_node_child(&set, q, "three"));
	/* a child made before a late sibling: b.p.test. comes after p's three */
	zl_node_t *late = intern_text(&set, "late.p.test.");
	assert_int_equal(p->children, 4);
	assert_ptr_equal(zl_node_child(&set, p, "late"), late);
	assert_null(zl_node_child(&set, p, "d"));
	/* r.test.: more children than are counted */
	zl_node_t *r = intern_text(&set, "r.test.");
	zl_node_t *r0 = NULL, *r299 = NULL;
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "c%d.r.test.", i);
		zl_node_t *n = intern_text(&set, name);
		if (i == 0)
			r0 = n;
		if (i == 299)
			r299 = n;
	}
	assert_int_equal(r->children, ZL_CHILDREN_MANY);
	assert_ptr_equal(zl_node_child(&set, r, "c0"), r0);
	assert_ptr_equal(zl_node_child(&set, r, "c299"), r299);
	assert_null(zl_node_child(&set, r, "c300"));
	zl_zoneset_free(&set);
}

/* The index of a set at its first size, 1024 slots, filled to three quarters
 * (where it grows), and then past it: the runs of full slots reach the end
 * of the table and go on at its start, and every name is still found. */
static void test_index_full(void **state)
{
	(void)state;
	zl_zoneset_t set;
	zl_zoneset_init(&set);
	assert_int_equal(set.table_size, 1024);
	char name[64];
	zl_node_t *node[2000];
	unsigned n = 0;
	intern_text(&set, "test.");
	while (set.nnodes + 1 <= set.table_size / 4 * 3) {
		snprintf(name, sizeof(name), "h%u.test.", n);
		node[n++] = intern_text(&set, name);
	}
	assert_int_equal(set.table_size, 1024);
	assert_true(set.table[set.table_size - 1] != 0 && set.table[0] != 0);
	unsigned used = 0; /* every name has its slot inside the table */
	for (uint32_t k = 0; k < set.table_size; k++)
		used += set.table[k] != 0;
	assert_int_equal(used, set.nnodes);
	for (unsigned i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "H%u.TEST.", i);
		uint8_t w[256];
		size_t wl = zl_name_from_text(name, strlen(name), NULL, 0, w);
		assert_ptr_equal(zl_zoneset_find(&set, w, wl), node[i]);
	}
	assert_null(zl_zoneset_find(&set, (const uint8_t *)"\x04none\x04test\0", 11));
	for (; n < 2000; n++) { /* past three quarters: the table grows */
		snprintf(name, sizeof(name), "h%u.test.", n);
		node[n] = intern_text(&set, name);
	}
	assert_int_equal(set.table_size, 4096);
	for (unsigned i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "h%u.test.", i);
		assert_ptr_equal(intern_text(&set, name), node[i]);
	}
	/* a reserve gives a table of any size, in pages of slots */
	zl_zoneset_reserve(&set, 100000);
	assert_true(set.table_size >= 150000 && set.table_size < 160000);
	assert_int_equal(set.table_size % 512, 0);
	for (unsigned i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "h%u.test.", i);
		assert_ptr_equal(intern_text(&set, name), node[i]);
	}
	assert_int_equal(set.nnodes, n + 2);
	zl_zoneset_free(&set);
}

/* A name's records are listed in file order however the file mixes the
 * names: by type, or round after round. */
static void test_records_in_file_order(void **state)
{
	(void)state;
	enum { NAMES = 700, ROUNDS = 4 }; /* more names than the tail table's first 256 slots */
	size_t cap = 256 + (size_t)NAMES * (ROUNDS + 1) * 40;
	char *text = malloc(cap);
	assert_non_null(text);
	size_t o = (size_t)snprintf(text, cap, "%s", HDR);
	/* round 2 gives each name two records in a row: one appended where
	 * the table knew the list's end, the next one after it */
	unsigned seq = 0; /* the text of a name's next record: r0, r1, ... */
	for (unsigned r = 0; r < ROUNDS; r++) {
		unsigned each = r == 2 ? 2 : 1;
		for (unsigned i = 0; i < NAMES; i++)
			for (unsigned e = 0; e < each; e++)
				o += (size_t)snprintf(text + o, cap - o, "n%u IN TXT \"r%u\"\n", i,
						      seq + e);
		seq += each;
	}
	/* and one name whose records come in one run */
	o += (size_t)snprintf(text + o, cap - o, "last IN A 192.0.2.1\nlast IN A 192.0.2.2\n");
	zl_run_t *run = load(text);
	for (unsigned i = 0; i < NAMES; i++) {
		char name[32];
		snprintf(name, sizeof(name), "n%u.example.com.", i);
		zl_node_t *n = zl_zoneset_find_str(&run->set, name, NULL);
		assert_non_null(n);
		unsigned k = 0;
		uint32_t line = 0;
		for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr), k++) {
			assert_true(rr->line > line);
			line = rr->line;
			assert_int_equal(rr->rdlen, 3);
			assert_int_equal(zl_rr_rdata(rr)[2], '0' + k);
		}
		assert_int_equal(k, ROUNDS + 1);
	}
	const zl_rr_t *a = find(run, "last.example.com.", ZL_TYPE_A);
	assert_non_null(a);
	assert_non_null(zl_rr_next(a));
	assert_null(zl_rr_next(zl_rr_next(a)));
	assert_true(a->line < zl_rr_next(a)->line);
	done(run);
	free(text);
}

static void test_ttl_units_and_class_order(void **state)
{
	(void)state;
	zl_run_t *run = load("$ORIGIN example.com.\n$TTL 1h30m\n"
			     "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n"
			     "a A 192.0.2.1\n"
			     "b IN 2w A 192.0.2.2\n"
			     "c 1d IN A 192.0.2.3\n");
	assert_int_equal(find(run, "a.example.com.", ZL_TYPE_A)->ttl, 5400);
	assert_int_equal(find(run, "b.example.com.", ZL_TYPE_A)->ttl, 1209600);
	assert_int_equal(find(run, "c.example.com.", ZL_TYPE_A)->ttl, 86400);
	done(run);
}

static void test_syntax_errors_continue(void **state)
{
	(void)state;
	zl_run_t *run = load(HDR
			     "bad IN A 192.0.2.300\n"        /* 6 */
			     "typo IN AAA 2001:db8::1\n"     /* 7: not a registered type */
			     "good IN A 192.0.2.4\n"         /* 8 */
			     "paren IN TXT ( \"x\"\n");      /* 9: unbalanced */
	assert_int_equal(ndiags(run, ZL_DIAG_SYNTAX, 6), 1);
	assert_int_equal(ndiags(run, ZL_DIAG_SYNTAX, 7), 1);
	assert_int_equal(ndiags(run, ZL_DIAG_SYNTAX, 9), 1);
	assert_non_null(find(run, "good.example.com.", ZL_TYPE_A));
	done(run);
}

static void test_origin_inference(void **state)
{
	(void)state;
	/* SOA owner absolute, no $ORIGIN */
	zl_run_t *run = load("example.org. 3600 IN SOA ns1.example.org. h.example.org. "
			     "1 7200 3600 1209600 3600\nwww 3600 IN A 192.0.2.1\n");
	assert_non_null(find(run, "www.example.org.", ZL_TYPE_A));
	assert_string_equal(run->set.zones->name, "example.org.");
	done(run);
	/* from the file name */
	run = load("@ 3600 IN SOA ns1 h 1 7200 3600 1209600 3600\nwww 3600 IN A 192.0.2.1\n");
	assert_string_equal(run->set.zones->name, "t.");
	done(run);
}

static void test_hostile_bytes(void **state)
{
	(void)state;
	static const char nul[] = HDR "www IN TXT \"a\0b\"\nok IN A 192.0.2.1\n";
	zl_run_t *run = malloc(sizeof(*run));
	zl_run_init(run);
	zl_run_load_buffer(run, "t.zone", nul, sizeof(nul) - 1);
	assert_int_equal(ndiags(run, ZL_DIAG_SYNTAX, 6), 1);
	assert_non_null(find(run, "ok.example.com.", ZL_TYPE_A));
	done(run);
	/* CRLF line endings and a BOM */
	run = load("\xef\xbb\xbf$ORIGIN example.com.\r\n$TTL 60\r\n"
		   "@ IN SOA ns1 h 1 7200 3600 1209600 3600\r\nwww IN A 192.0.2.1\r\n");
	assert_non_null(find(run, "www.example.com.", ZL_TYPE_A));
	assert_int_equal(find(run, "www.example.com.", ZL_TYPE_A)->line, 4);
	assert_int_equal(ndiags(run, ZL_DIAG_SYNTAX, 1), 1); /* the BOM */
	done(run);
	/* a 1 MiB line */
	size_t big = (1u << 20) + 100;
	char *line = malloc(big + 256);
	strcpy(line, HDR "x IN TXT \"");
	size_t o = strlen(line);
	memset(line + o, 'a', big);
	strcpy(line + o + big, "\"\nok IN A 192.0.2.1\n");
	run = load(line);
	assert_int_equal(ndiags(run, ZL_DIAG_SYNTAX, 6), 1);
	assert_non_null(find(run, "ok.example.com.", ZL_TYPE_A));
	done(run);
	free(line);
}

static void test_out_of_zone_and_unknown_types(void **state)
{
	(void)state;
	zl_run_t *run = load(HDR
			     "www.example.net. IN A 192.0.2.1\n"
			     "x IN DSYNC CDS 1 5359 scanner.example.net.\n"
			     "y IN DSYNC CDS 1 5359 scanner.example.net.\n"
			     "z IN TYPE65400 \\# 4 0a000001\n");
	assert_int_equal(ndiags(run, ZL_DIAG_OUT_OF_ZONE, 6), 1);
	assert_null(zl_zoneset_find_str(&run->set, "www.example.net.", NULL) ?
		    zl_node_rrs(zl_zoneset_find_str(&run->set, "www.example.net.", NULL)) : NULL);
	assert_int_equal(ndiags(run, ZL_DIAG_UNCHECKED_TYPE, 0), 1);
	const zl_rr_t *x = find(run, "y.example.com.", 66);
	assert_non_null(x);
	assert_true(x->opaque);
	const zl_rr_t *z = find(run, "z.example.com.", 65400);
	assert_non_null(z);
	assert_int_equal(z->rdlen, 4);
	assert_int_equal(ndiags(run, ZL_DIAG_SYNTAX, 0), 0);
	done(run);
}

static void test_generate(void **state)
{
	(void)state;
	zl_run_t *run = load(HDR "$GENERATE 1-3 host-$ A 192.0.2.$\n");
	const zl_rr_t *a = find(run, "host-2.example.com.", ZL_TYPE_A);
	assert_non_null(a);
	assert_int_equal(a->line, 6);
	assert_true(a->generated);
	assert_int_equal(zl_rr_rdata(a)[3], 2);
	assert_null(find(run, "host-4.example.com.", ZL_TYPE_A));
	done(run);
}

/* The same names in the same order, each with the same records. */
static void assert_same_records(zl_run_t *x, zl_run_t *y)
{
	assert_int_equal(x->set.nrecords, y->set.nrecords);
	zl_node_t *nx = zl_zoneset_nodes(&x->set), *ny = zl_zoneset_nodes(&y->set);
	for (; nx && ny; nx = zl_node_next(nx), ny = zl_node_next(ny)) {
		assert_int_equal(nx->wirelen, ny->wirelen);
		uint8_t xw[ZL_WIRE_MAX], yw[ZL_WIRE_MAX];
		assert_memory_equal(zl_node_wire(nx, xw), zl_node_wire(ny, yw), nx->wirelen);
		const zl_rr_t *a = zl_node_rrs(nx), *b = zl_node_rrs(ny);
		for (; a && b; a = zl_rr_next(a), b = zl_rr_next(b)) {
			assert_int_equal(a->type, b->type);
			assert_int_equal(a->ttl, b->ttl);
			assert_int_equal(a->line, b->line);
			assert_int_equal(a->generated, b->generated);
			assert_int_equal(a->rdlen, b->rdlen);
			assert_memory_equal(zl_rr_rdata(a), zl_rr_rdata(b), a->rdlen);
		}
		assert_null(a);
		assert_null(b);
	}
	assert_null(nx);
	assert_null(ny);
}

/* The loader's own parser for common types gives exactly what ldns gives. */
static void test_fast_path_matches_ldns(void **state)
{
	(void)state;
	static const char text[] = HDR
		"a IN A 192.0.2.1\n"
		"a2 IN A 192.0.2.01\n"
		"b IN AAAA 2001:DB8::1\n"
		"b2 IN AAAA ::ffff:192.0.2.1\n"
		"c IN NS ns.Example.NET.\n"
		"d IN CNAME www\n"
		"e IN PTR host.sub\n"
		"f IN MX 10 mx1\n"
		"f IN MX 0 .\n"
		"f IN MX 65535 mx.example.net.\n"
		"g IN TXT \"v=spf1 -all\"\n"
		"g IN TXT \"a\" \"b c\" unquoted\n"
		"g IN TXT \"\"\n"
		"h IN TXT \"esc\\\"aped\" \"\\065\"\n"
		"i IN SPF \"v=spf1 mx -all\"\n"
		"\\.weird\\032name IN A 192.0.2.9\n"
		"UPPER.Case IN A 192.0.2.10\n"
		"_25._tcp.f IN TLSA 3 1 1 0123456789abcdefABCDEF00\n"
		"_25._tcp.f IN TLSA 2 0 2 ( 00ff\n 11 )\n"
		"_25._tcp.f IN TLSA 255 255 255 00\n"
		"_25._tcp.f IN TLSA 010 1 1 00\n"
		"j IN TXT \"a\\\\b\\;c\\\"d\\065\\255\\000e\" plain \"\\\\\"\n"
		"j IN TXT \"bad\\256\"\n"
		"j IN TXT \"short\\06\"\n"
		"j IN TXT \"end\\\"\n"
		"f IN A 192.0.2.11\n"
		"F IN A 192.0.2.12\n"
		"f IN A 192.0.2.13\n"
		"$ORIGIN sub.example.com.\n"
		"f IN A 192.0.2.14\n";
	zl_run_t fast, slow;
	zl_run_init(&fast);
	zl_run_init(&slow);
	zl_load_opts_t o = { 0 };
	zl_loader_t *lf = zl_loader_new(&fast.set, &o);
	o.no_fast_path = 1;
	zl_loader_t *ls = zl_loader_new(&slow.set, &o);
	zl_loader_load_buffer(lf, "t.zone", text, sizeof(text) - 1);
	zl_loader_load_buffer(ls, "t.zone", text, sizeof(text) - 1);
	assert_int_equal(fast.set.nrecords, slow.set.nrecords);
	assert_int_equal(fast.set.nrecords, 28); /* a2, bad\\256, short\\06, end\\" fail in both */
	static const uint8_t jtxt[] = { 11, 'a', '\\', 'b', ';', 'c', '"', 'd', 'A', 0xff, 0, 'e',
					5, 'p', 'l', 'a', 'i', 'n', 1, '\\' };
	const zl_rr_t *j = find(&fast, "j.example.com.", ZL_TYPE_TXT);
	assert_non_null(j);
	assert_int_equal(j->rdlen, sizeof(jtxt));
	assert_memory_equal(zl_rr_rdata(j), jtxt, sizeof(jtxt));
	assert_null(zl_rr_next_same(j));
	assert_same_records(&fast, &slow);
	zl_loader_free(lf);
	zl_loader_free(ls);
	zl_run_free(&fast);
	zl_run_free(&slow);
}

/* Compare two loads record by record, diagnostic by diagnostic and
 * suppression by suppression. */
static void assert_same_load(zl_run_t *x, zl_loader_t *lx, zl_run_t *y, zl_loader_t *ly)
{
	assert_int_equal(x->set.nnodes, y->set.nnodes);
	assert_same_records(x, y);
	const zl_diag_t *dx = zl_loader_diags(lx), *dy = zl_loader_diags(ly);
	for (; dx && dy; dx = dx->next, dy = dy->next) {
		assert_int_equal(dx->code, dy->code);
		assert_int_equal(dx->line, dy->line);
		assert_string_equal(dx->message, dy->message);
	}
	assert_null(dx);
	assert_null(dy);
	const zl_suppress_t *sx = zl_loader_suppressions(lx), *sy = zl_loader_suppressions(ly);
	unsigned nsupp = 0;
	for (; sx && sy; sx = sx->next, sy = sy->next, nsupp++) {
		assert_int_equal(sx->line, sy->line);
		assert_int_equal(sx->whole_file, sy->whole_file);
		assert_string_equal(sx->rules, sy->rules);
	}
	assert_null(sx);
	assert_null(sy);
	assert_true(nsupp > 0);
}

/* With jobs > 1 the scanner runs in its own thread: the same load. */
static void test_scanner_thread_matches_one_thread(void **state)
{
	(void)state;
	size_t cap = 1 << 20, n = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	n += (size_t)snprintf(text + n, cap - n, "%s", HDR);
	/* many batches of entries, with every kind of entry in them */
	for (unsigned i = 0; i < 3000; i++) {
		switch (i % 10) {
		case 0: n += (size_t)snprintf(text + n, cap - n, "h%u IN A 192.0.2.%u\n", i, i % 256); break;
		case 1: n += (size_t)snprintf(text + n, cap - n, "  IN AAAA 2001:db8::%x ; inherited owner\n", i); break;
		case 2: n += (size_t)snprintf(text + n, cap - n, "t%u IN TXT ( \"v=spf1\"\n \"-all\" ) ; zonelint-disable spf-missing\n", i); break;
		case 3: n += (size_t)snprintf(text + n, cap - n, "; zonelint-disable-file zone-ttl-mismatch -- why %u\n", i); break;
		case 4: n += (size_t)snprintf(text + n, cap - n, "bad%u IN A 192.0.2.300\n", i); break;
		case 5: n += (size_t)snprintf(text + n, cap - n, "$TTL %u\n", 60 + i); break;
		case 6: n += (size_t)snprintf(text + n, cap - n, "$GENERATE 1-3 g%u-$ IN A 198.51.100.$\n", i); break;
		/* the same owner text under two origins, each right after the
		 * $ORIGIN: the loader's copy of the owner it wrote out ahead
		 * (read against the origin before) must not be taken */
		case 7: n += (size_t)snprintf(text + n, cap - n, "\n\n$ORIGIN o%u.example.com.\n"
					      "same IN A 192.0.2.1\n$ORIGIN example.com.\n"
					      "same IN A 192.0.2.2\n", i); break;
		case 8: n += (size_t)snprintf(text + n, cap - n, "x%u 300 IN MX 10 mx%u\n", i, i); break;
		default: n += (size_t)snprintf(text + n, cap - n, "_25._tcp.h%u IN TLSA 3 1 1 00ff%02x\n", i, i % 256); break;
		}
	}
	n += (size_t)snprintf(text + n, cap - n, "open IN TXT ( \"never closed\"\n");
	zl_run_t one, two;
	zl_run_init(&one);
	zl_run_init(&two);
	zl_load_opts_t o = { 0 };
	zl_loader_t *l1 = zl_loader_new(&one.set, &o);
	o.jobs = 2;
	o.pipe_min_bytes = 1;
	zl_loader_t *l2 = zl_loader_new(&two.set, &o);
	zl_loader_load_buffer(l1, "t.zone", text, n);
	zl_loader_load_buffer(l2, "t.zone", text, n);
	assert_true(one.set.nrecords > 2000);
	assert_non_null(find(&two, "same.o7.example.com.", ZL_TYPE_A));
	assert_non_null(find(&two, "same.example.com.", ZL_TYPE_A));
	assert_same_load(&one, l1, &two, l2);
	zl_loader_free(l1);
	zl_loader_free(l2);
	zl_run_free(&one);
	zl_run_free(&two);
	free(text);
}

/* The huge-page hint is advice only: a big block keeps every byte, a small
 * one (and an unaligned start) is left alone. */
static void test_huge_hint(void **state)
{
	(void)state;
	size_t len = (size_t)9 << 20;
	unsigned char *p = zl_xmalloc(len);
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 31u + 7u);
	zl_huge_hint(p, len);
	zl_huge_hint(p + 1, 100);
	zl_huge_hint(p + 3, len - 3);
	size_t bad = 0;
	for (size_t i = 0; i < len; i++)
		bad += p[i] != (unsigned char)(i * 31u + 7u);
	assert_int_equal(bad, 0);
	free(p);
}

/* Names are one whatever the case of their letters, and only of their
 * letters: every octet value at every place of labels of every length up
 * to 40 (the index hashes 8 octets at a time). */
static void test_name_case(void **state)
{
	(void)state;
	zl_zoneset_t set;
	zl_zoneset_init(&set);
	uint8_t w[64], v[64];
	for (unsigned l = 1; l <= 40; l++) {
		for (unsigned c = 0; c < 256; c++) {
			unsigned at = (c + l) % l; /* the place of the octet tried */
			w[0] = (uint8_t)l;
			for (unsigned k = 0; k < l; k++)
				w[1 + k] = (uint8_t)('a' + (k + c) % 26);
			w[1 + at] = (uint8_t)c;
			w[1 + l] = 0;
			const zl_node_t *n = zl_zoneset_intern(&set, w, l + 2);
			/* the same name with its letters in upper case */
			memcpy(v, w, l + 2);
			for (unsigned k = 0; k < l; k++)
				if (v[1 + k] >= 'a' && v[1 + k] <= 'z')
					v[1 + k] = (uint8_t)(v[1 + k] - 32);
			assert_ptr_equal(zl_zoneset_find(&set, v, l + 2), n);
			/* the octet 0x20 apart that is not its other case: another name */
			bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
			memcpy(v, w, l + 2);
			v[1 + at] = (uint8_t)(c ^ 0x20);
			const zl_node_t *o = zl_zoneset_find(&set, v, l + 2);
			if (letter)
				assert_ptr_equal(o, n);
			else
				assert_true(o != n);
		}
	}
	zl_zoneset_free(&set);
}

/* Names from their text: runs of plain octets, escapes between them, and
 * the limits of RFC 1035 section 2.3.4 (labels of 63 octets, names of 255). */
static void test_name_text_limits(void **state)
{
	(void)state;
	uint8_t out[300];
	char s[400];
	const uint8_t origin[] = { 3, 'c', 'o', 'm', 0 };
	assert_int_equal(zl_name_from_text("a\\.b\\046c.d.", 12, NULL, 0, out), 9);
	assert_int_equal(out[0], 5); /* a.b.c: one label, its dots escaped */
	assert_memory_equal(out + 1, "a.b.c", 5);
	assert_int_equal(out[6], 1);
	assert_int_equal(out[7], 'd');
	assert_int_equal(out[8], 0);
	assert_int_equal(zl_name_from_text("www", 3, origin, sizeof(origin), out), 9);
	assert_memory_equal(out, "\x03www\x03" "com", 9);
	assert_int_equal(zl_name_from_text("a..b.", 5, NULL, 0, out), 0);
	assert_int_equal(zl_name_from_text("ab\\", 3, NULL, 0, out), 0);
	for (unsigned l = 62; l <= 64; l++) {
		memset(s, 'x', l);
		memcpy(s + l, ".", 2);
		size_t n = zl_name_from_text(s, l + 1, NULL, 0, out);
		assert_int_equal(n, l <= 63 ? l + 2 : 0);
	}
	/* four labels of 62 and one of n: 4 * 63 + n + 2 octets in all */
	for (unsigned n = 0; n <= 2; n++) {
		size_t o = 0;
		for (int k = 0; k < 4; k++) {
			memset(s + o, 'y', 62);
			o += 62;
			s[o++] = '.';
		}
		memset(s + o, 'z', n + 1);
		o += n + 1;
		s[o++] = '.';
		size_t got = zl_name_from_text(s, o, NULL, 0, out);
		size_t want = 4 * 63 + (n + 2) + 1;
		assert_int_equal(got, want <= 255 ? want : 0);
	}
}

/* Pages of [p, p + len) the kernel has given memory (mincore); @p all:
 * the pages the range touches. */
static size_t resident_pages(const void *p, size_t len, size_t *all)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = (uintptr_t)p & ~(uintptr_t)(page - 1);
	size_t n = ((uintptr_t)p + len - a + page - 1) / page;
	unsigned char *v = calloc(n, 1);
	assert_non_null(v);
	if (all)
		*all = n;
	assert_int_equal(mincore((void *)a, (uintptr_t)p + len - a, v), 0);
	size_t r = 0;
	for (size_t i = 0; i < n; i++)
		r += v[i] & 1;
	free(v);
	return r;
}

/* zl_zoneset_populate(): the index, a few MB a call, and the store up to
 * 1 MB past its use, no further; what was written stays. */
static void test_populate(void **state)
{
	(void)state;
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
	zl_zoneset_t set;
	zl_zoneset_init(&set);
	zl_zoneset_reserve(&set, 3000000); /* an index of 32 MB */
	size_t tbytes = (size_t)set.table_size * sizeof(*set.table);
	assert_true(tbytes >= ((size_t)16 << 20));
	zl_node_t *n = zl_zoneset_intern(&set, (const uint8_t *)"\x01x\0", 3);
	assert_non_null(n);
	size_t used = set.store_used;
	assert_true(used > 0 && used < ((size_t)1 << 20));
	zl_populate_t pp = { 0, 0 };
	zl_zoneset_populate(&set, set.table, tbytes, &pp);
	/* the store: its first MB and a little more, not 2 MB */
	size_t all, r = resident_pages(set.store, (size_t)1 << 20, &all);
	assert_int_equal(r, all);
	assert_int_equal(resident_pages(set.store + ((size_t)2 << 20), (size_t)8 << 20, NULL), 0);
	/* the index: part of it now, all of it after enough calls */
	assert_true(pp.index_done > 0 && pp.index_done < tbytes);
	for (int i = 0; i < 16; i++)
		zl_zoneset_populate(&set, set.table, tbytes, &pp);
	assert_int_equal(pp.index_done, tbytes);
	r = resident_pages(set.table, tbytes, &all);
	assert_int_equal(r, all);
	/* the names are where they were */
	assert_ptr_equal(zl_zoneset_find(&set, (const uint8_t *)"\x01x\0", 3), n);
	zl_zoneset_free(&set);
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_and_owners),
		cmocka_unit_test(test_shared_rdata),
		cmocka_unit_test(test_line_saturates),
		cmocka_unit_test(test_name_index),
		cmocka_unit_test(test_node_child),
		cmocka_unit_test(test_index_full),
		cmocka_unit_test(test_name_case),
		cmocka_unit_test(test_name_text_limits),
		cmocka_unit_test(test_huge_hint),
		cmocka_unit_test(test_populate),
		cmocka_unit_test(test_records_in_file_order),
		cmocka_unit_test(test_files_limit),
		cmocka_unit_test(test_ttl_units_and_class_order),
		cmocka_unit_test(test_syntax_errors_continue),
		cmocka_unit_test(test_origin_inference),
		cmocka_unit_test(test_hostile_bytes),
		cmocka_unit_test(test_out_of_zone_and_unknown_types),
		cmocka_unit_test(test_generate),
		cmocka_unit_test(test_fast_path_matches_ldns),
		cmocka_unit_test(test_scanner_thread_matches_one_thread),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
