/* zonelint unit tests: finding texts stored as templates against their owner,
 * and the order findings are reported in.
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

#include "check.h"
#include "findings.h"
#include "rules.h"

/* A finding's owner is a node: intern @p name (absolute, lower case) in
 * @p set and check that it is written out as given. */
static const zl_node_t *owner_node(zl_zoneset_t *set, const char *name)
{
	uint8_t wire[ZL_WIRE_MAX + 256];
	size_t wl = zl_name_from_text(name, strlen(name), NULL, 0, wire);
	assert_true(wl > 0);
	const zl_node_t *n = zl_zoneset_intern(set, wire, wl);
	char buf[ZL_NAME_STRLEN];
	assert_string_equal(zl_node_str(n, buf), name);
	return n;
}

/* Make the template of @p text against @p owner, write it out again and
 * check that the two texts are equal; return the template's length. */
static size_t round_trip(const char *owner, const char *text)
{
	zl_zoneset_t set;
	zl_zoneset_init(&set);
	size_t len = strlen(text);
	char *tpl = malloc(2 * len + 1);
	char buf[ZL_FINDING_TEXT_MAX];
	assert_non_null(tpl);
	size_t tl = zl_text_template(owner, text, len, tpl);
	assert_int_equal(tl, strlen(tpl));
	zl_finding_t f = { 0 };
	f.owner = owner ? owner_node(&set, owner) : NULL;
	assert_string_equal(zl_finding_text(&f, tpl, buf), text);
	free(tpl);
	zl_zoneset_free(&set);
	return tl;
}

static void test_owner_and_parents(void **state)
{
	(void)state;
	const char *o = "_mta-sts.h7.example.com.";
	const char *t = "'_mta-sts.h7.example.com.' announces a policy, but 'mta-sts.h7.example.com.' "
			"has no address: https://mta-sts.h7.example.com/.well-known/mta-sts.txt "
			"(zone 'example.com.')";
	size_t tl = round_trip(o, t);
	assert_true(tl < strlen(t) - 3 * strlen("h7.example.com"));
	/* the same sentence about another name has the same template */
	char a[512], b[512];
	zl_text_template(o, t, strlen(t), a);
	const char *t2 = "'_mta-sts.h8.example.com.' announces a policy, but 'mta-sts.h8.example.com.' "
			 "has no address: https://mta-sts.h8.example.com/.well-known/mta-sts.txt "
			 "(zone 'example.com.')";
	zl_text_template("_mta-sts.h8.example.com.", t2, strlen(t2), b);
	assert_string_equal(a, b);
}

static void test_no_reference(void **state)
{
	(void)state;
	char tpl[256];
	/* no owner, the root, a text without the name: the text as it is */
	zl_text_template(NULL, "zone 'a.example.' is empty", 26, tpl);
	assert_string_equal(tpl, "zone 'a.example.' is empty");
	zl_text_template(".", "the root '.'", 12, tpl);
	assert_string_equal(tpl, "the root '.'");
	zl_text_template("www.example.org.", "nothing here", 12, tpl);
	assert_string_equal(tpl, "nothing here");
	/* the top-level label alone is never a reference */
	zl_text_template("www.example.org.", "an org record", 13, tpl);
	assert_string_equal(tpl, "an org record");
	zl_finding_t f = { 0 };
	char buf[ZL_FINDING_TEXT_MAX];
	assert_ptr_equal(zl_finding_text(&f, tpl, buf), tpl);
}

static void test_awkward_names(void **state)
{
	(void)state;
	/* escaped dots and backslashes belong to their label */
	round_trip("a\\.b.example.com.", "'a\\.b.example.com.' and 'b.example.com.' and example.com");
	round_trip("\\\\.", "a backslash name '\\\\.' here \\\\.");
	round_trip("x\\\\.example.", "'x\\\\.example.' under 'example.'");
	round_trip("com.", "'com.' and com and .com and comcom");
	/* names next to each other, at the start and the end */
	round_trip("h1.example.net.", "h1.example.neth1.example.net.example.net");
	round_trip("h1.example.net.", "example.net");
	/* the reference octet itself, should a text ever hold one */
	round_trip("h1.example.net.", "\001 h1.example.net \001\001 \001\002");
	/* a name of many labels */
	char owner[300] = "", text[1200] = "";
	for (int i = 0; i < 60; i++)
		strcat(owner, "a.");
	strcat(text, owner);
	strcat(text, " / ");
	strcat(text, owner + 50);
	round_trip(owner, text);
}

/* The report order (zl_findings_sort()): the file's display path, then its
 * index, the line, the rule id, then the order of emission. */
static const zl_zoneset_t *order_set;

static int report_order(const zl_finding_t *x, const zl_finding_t *y)
{
	if (x->file != y->file) {
		if (x->file == ZL_NO_FILE || y->file == ZL_NO_FILE)
			return x->file == ZL_NO_FILE ? 1 : -1;
		int c = strcmp(order_set->files[x->file].display,
			       order_set->files[y->file].display);
		return c ? c : x->file < y->file ? -1 : 1;
	}
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	int c = strcmp(x->rule, y->rule);
	return c ? c : x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Fill @p fs with @p n findings from a small generator: three files (two
 * shown under one path, one without findings), lines that repeat, rules
 * whose ids do not sort as their indexes, some findings without a file. */
static void make_findings(zl_findings_t *fs, zl_zoneset_t *set, size_t n, uint32_t seed)
{
	static const char *const rules[] = { "zone.x", "dmarc.a", "spf.b", "dkim.c", "custom.z" };
	zl_zoneset_add_file(set, "b.zone", "b.zone");
	zl_zoneset_add_file(set, "a.zone", "a.zone");
	zl_zoneset_add_file(set, "other/a.zone", "a.zone");
	zl_zoneset_add_file(set, "unused.zone", "c.zone");
	uint32_t x = seed;
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		zl_finding_t *f = zl_findings_add(fs);
		unsigned r = (x >> 8) % 5;
		f->rule = rules[r];
		f->rule_index = (int16_t)(r * 7 + 1);
		f->file = (x >> 12) % 8 == 0 ? ZL_NO_FILE : (uint16_t)((x >> 16) % 3);
		f->line = (x >> 20) % 50;
		f->severity = ZL_SEV_WARNING;
	}
}

static void check_sorted(const zl_findings_t *fs, const zl_zoneset_t *set, size_t n)
{
	assert_int_equal(fs->n, n);
	order_set = set;
	unsigned char *seen = calloc(n ? n : 1, 1);
	assert_non_null(seen);
	for (size_t i = 0; i < n; i++) {
		if (i)
			assert_true(report_order(&fs->v[i - 1], &fs->v[i]) < 0);
		assert_true(fs->v[i].seq < n && !seen[fs->v[i].seq]);
		seen[fs->v[i].seq] = 1; /* each finding once */
	}
	free(seen);
}

static void test_sort_order(void **state)
{
	(void)state;
	static const size_t sizes[] = { 0, 1, 2, 3, 100, 5000, 70000 };
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		zl_zoneset_t set;
		zl_findings_t fs;
		zl_zoneset_init(&set);
		zl_findings_init(&fs);
		make_findings(&fs, &set, sizes[k], (uint32_t)k + 1);
		zl_findings_sort(&fs, &set);
		check_sorted(&fs, &set, sizes[k]);
		zl_findings_free(&fs);
		zl_zoneset_free(&set);
	}
}

/* A list out of emission order (no path of the program makes one: it is
 * sorted by comparisons), and line numbers of 32 bits in the key. */
static void test_sort_other_lists(void **state)
{
	(void)state;
	for (int variant = 0; variant < 2; variant++) {
		zl_zoneset_t set;
		zl_findings_t fs;
		zl_zoneset_init(&set);
		zl_findings_init(&fs);
		make_findings(&fs, &set, 3000, 7);
		for (size_t i = 0; i < fs.n; i++) {
			if (variant == 0)
				fs.v[i].seq = (uint32_t)(fs.n - 1 - i);
			else
				fs.v[i].line = 0xfffffff0u - (uint32_t)(i % 9);
		}
		zl_findings_sort(&fs, &set);
		check_sorted(&fs, &set, 3000);
		zl_findings_free(&fs);
		zl_zoneset_free(&set);
	}
}

/* Names are written out as a zone file would hold them: the octets special
 * there escaped, the unprintable ones as \ddd, the rest as they are. */
static void test_name_text(void **state)
{
	(void)state;
	zl_zoneset_t set;
	zl_zoneset_init(&set);
	owner_node(&set, "a-0_z9.example.");
	owner_node(&set, "\\000x\\032y\\127\\128\\255.example.");
	owner_node(&set, "\\.\\\\\\\"\\(\\)\\;\\@\\$.example.");
	owner_node(&set, "!#%&*+,/:<=>?[]^`{|}~.example.");
	zl_zoneset_free(&set);
}

/* The rules of a set big enough to run in threads, with @p jobs of them:
 * the findings in the order the families left them, before any sort. */
static void rules_of(zl_run_t *run, const char *zone, unsigned jobs)
{
	zl_run_init(run);
	run->jobs = jobs;
	assert_int_equal(zl_run_load_buffer(run, "join.example.zone", zone, strlen(zone)), 0);
	zl_ctx_t ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.set = &run->set;
	ctx.config = &run->config;
	ctx.findings = &run->findings;
	ctx.jobs = jobs;
	zl_rules_run(&ctx);
}

/* The families' lists joined after a run in threads are the list one
 * thread makes, finding for finding, and each finding's emission number
 * is its place (which the sort's fast path relies on), also in the part
 * that was taken over as it was. */
static void test_parallel_join(void **state)
{
	(void)state;
	size_t cap = 1 << 20, len = 0;
	char *zone = malloc(cap);
	assert_non_null(zone);
	len += (size_t)snprintf(zone + len, cap - len,
				"$ORIGIN join.example.\n$TTL 3600\n"
				"@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n"
				"@ NS ns1\nns1 A 192.0.2.1\n");
	for (int i = 0; i < 1500; i++) /* DKIM, DMARC and SPF findings, 4,500 records */
		len += (size_t)snprintf(zone + len, cap - len,
					"h%d TXT \"v=spf1 ip4:192.0.2.%d ?all\"\n"
					"_dmarc.h%d TXT \"v=DMARC1; p=none\"\n"
					"k._domainkey.h%d TXT \"v=DKIM1; k=rsa; p=AAAA\"\n",
					i, i % 250, i, i);
	zl_run_t one, two;
	rules_of(&one, zone, 1);
	rules_of(&two, zone, 2);
	assert_true(one.set.nrecords >= 4096);
	assert_true(two.findings.n >= 3000);
	assert_int_equal(two.findings.n, one.findings.n);
	unsigned rules_met = 0;
	for (size_t k = 0; k < two.findings.n; k++) {
		const zl_finding_t *a = &one.findings.v[k], *b = &two.findings.v[k];
		assert_string_equal(b->rule, a->rule);
		assert_int_equal(b->line, a->line);
		assert_int_equal(b->seq, k);
		assert_int_equal(a->seq, k);
		rules_met += k == 0 || strcmp(b->rule, two.findings.v[k - 1].rule) != 0;
	}
	assert_true(rules_met >= 3); /* parts of several families were joined */
	zl_run_free(&one);
	zl_run_free(&two);
	free(zone);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_owner_and_parents),
		cmocka_unit_test(test_no_reference),
		cmocka_unit_test(test_awkward_names),
		cmocka_unit_test(test_name_text),
		cmocka_unit_test(test_sort_order),
		cmocka_unit_test(test_sort_other_lists),
		cmocka_unit_test(test_parallel_join),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
