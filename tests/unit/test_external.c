/* zonelint: snapshots of names outside the loaded zones: loading, answers, findings.
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
#include "external.h"
#include "resolve.h"

#define ZONE "$ORIGIN example.com.\n$TTL 3600\n" \
	"@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ IN NS ns1\n@ IN NS ns2\n" \
	"ns1 IN A 192.0.2.1\nns2 IN A 192.0.2.2\n" \
	"@ IN MX 10 mx.mail.example.net.\n" \
	"@ IN TXT \"v=spf1 include:_spf.mail.example.net include:_spf.slow.example.net -all\"\n"

#define SNAP "; zonelint snapshot\n; taken: 2020-01-01T00:00:00Z\n; resolver: 192.0.2.53\n" \
	"_spf.mail.example.net. 300 IN TXT \"v=spf1 ip4:198.51.100.0/24 -all\"\n" \
	"mx.mail.example.net. 300 IN A 198.51.100.25\n" \
	"; zonelint-nodata: mx.mail.example.net. AAAA\n" \
	"; zonelint-nxdomain: gone.mail.example.net. TXT\n" \
	"; zonelint-lookup-failed: _spf.slow.example.net. TXT timeout\n" \
	"www.example.com. 300 IN TXT \"a stale answer for a loaded name\"\n"

static zl_node_t *node(zl_run_t *run, const char *name)
{
	return zl_zoneset_find_str(&run->set, name, NULL);
}

static zl_run_t *load(const char *zone, const char *snap)
{
	zl_run_t *run = malloc(sizeof(*run));
	assert_non_null(run);
	zl_run_init(run);
	zl_run_load_buffer(run, "example.com.zone", zone, strlen(zone));
	char err[256];
	assert_int_equal(zl_run_load_external(run, "snap", snap, strlen(snap), err,
					      sizeof(err)), 0);
	return run;
}

static void done(zl_run_t *run)
{
	zl_run_free(run);
	free(run);
}

static size_t count(const zl_run_t *run, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < run->findings.n; i++)
		n += !strcmp(run->findings.v[i].rule, rule);
	return n;
}

static void test_magic(void **state)
{
	(void)state;
	assert_true(zl_external_is_snapshot(SNAP, strlen(SNAP)));
	assert_true(zl_external_is_snapshot("; zonelint snapshot", 19));
	assert_false(zl_external_is_snapshot("; zonelint snapshots\n", 21));
	assert_false(zl_external_is_snapshot(" ; zonelint snapshot\n", 21));
	assert_false(zl_external_is_snapshot(NULL, 0));
}

static void test_answers(void **state)
{
	(void)state;
	zl_run_t *run = load(ZONE, SNAP);
	zl_zone_t *ext = NULL;
	for (zl_zone_t *z = run->set.zones; z; z = z->next)
		if (z->external)
			ext = z;
	assert_non_null(ext);
	assert_string_equal(ext->apex->wirelen == 1 ? "." : "?", ".");
	/* the external zone is not counted among the zones linted */
	assert_int_equal(run->set.nzones, 1);
	zl_node_t *spf = node(run, "_spf.mail.example.net.");
	zl_node_t *mx = node(run, "mx.mail.example.net.");
	zl_node_t *gone = node(run, "gone.mail.example.net.");
	zl_node_t *slow = node(run, "_spf.slow.example.net.");
	assert_ptr_equal(zl_zoneset_zone_for(&run->set, spf), ext);
	assert_ptr_equal(zl_zoneset_zone_for(&run->set, mx), ext);
	assert_ptr_equal(zl_zoneset_zone_for(&run->set, gone), ext);
	/* a failed lookup, an ancestor only interned: unknown */
	assert_null(zl_zoneset_zone_for(&run->set, slow));
	assert_null(zl_zoneset_zone_for(&run->set, node(run, "mail.example.net.")));
	assert_null(zl_zoneset_zone_for(&run->set, node(run, "net.")));
	assert_int_equal(zl_external_negative(ext, gone), ZL_EXT_NXDOMAIN);
	assert_int_equal(zl_external_negative(ext, mx), ZL_EXT_NODATA);
	assert_int_equal(zl_external_negative(ext, spf), 0);
	assert_true(zl_external_answered(ext, mx, ZL_TYPE_A));
	assert_true(zl_external_answered(ext, mx, ZL_TYPE_AAAA));
	assert_false(zl_external_answered(ext, mx, ZL_TYPE_TXT));
	assert_true(zl_external_answered(ext, spf, ZL_TYPE_TXT));
	assert_false(zl_external_answered(ext, spf, ZL_TYPE_A));
	assert_true(zl_external_answered(ext, gone, ZL_TYPE_A));
	/* loaded names stay with their zone */
	zl_node_t *www = node(run, "www.example.com.");
	assert_string_equal(zl_zoneset_zone_for(&run->set, www)->name, "example.com.");
	assert_true(zl_external_in_loaded_zone(&run->set, www));
	assert_false(zl_external_in_loaded_zone(&run->set, spf));
	assert_non_null(ext->ext->failures);
	assert_int_equal(ext->ext->failures->type, ZL_TYPE_TXT);
	assert_string_equal(ext->ext->failures->reason, "timeout");
	assert_int_equal(ext->ext->sources->taken, 1577836800);
	assert_int_equal(ext->ext->sources->taken_line, 2);
	assert_true(ext->ext->sources->live);
	done(run);
}

static void test_loaded_names_win(void **state)
{
	(void)state;
	/* the snapshot first, the zone after it: the stale record is dropped */
	zl_run_t *run = malloc(sizeof(*run));
	assert_non_null(run);
	zl_run_init(run);
	char err[256];
	assert_int_equal(zl_run_load_external(run, "snap", SNAP, strlen(SNAP), err,
					      sizeof(err)), 0);
	zl_run_load_buffer(run, "example.com.zone", ZONE, strlen(ZONE));
	zl_node_t *www = node(run, "www.example.com.");
	assert_non_null(www);
	assert_non_null(zl_node_rrs(www));
	zl_run_check(run);
	assert_null(zl_node_rrs(www));
	/* a record added now starts the list again: nothing is appended to a
	 * record that was taken out */
	static const uint8_t addr[4] = { 192, 0, 2, 7 };
	zl_zone_t *z = zl_zoneset_zone_for(&run->set, www);
	zl_rr_t *rr = zl_zoneset_add_rr(&run->set, z, www, ZL_TYPE_A, 1, 300, addr,
					sizeof(addr), z->file, 1);
	assert_ptr_equal(zl_rr_zone(rr), z);
	assert_ptr_equal(zl_node_rrs(www), rr);
	assert_null(zl_rr_next(rr));
	run->set.nrecords--;
	/* 7 records in the zone; the snapshot's are not counted */
	assert_int_equal(run->set.nrecords, 7);
	done(run);
}

static void test_findings(void **state)
{
	(void)state;
	zl_run_t *run = load(ZONE, SNAP);
	zl_run_check(run);
	/* taken by this run: never old; the failure is at the record that needs it */
	assert_int_equal(count(run, "zone-snapshot-old"), 0);
	assert_int_equal(count(run, "zone-lookup-failed"), 1);
	for (size_t i = 0; i < run->findings.n; i++) {
		const zl_finding_t *f = &run->findings.v[i];
		assert_true(f->zone == NULL || strcmp(f->zone, ".") != 0);
		if (!strcmp(f->rule, "zone-lookup-failed")) {
			char ob[ZL_NAME_STRLEN], tb[16];
			assert_string_equal(zl_finding_owner(f, ob), "example.com.");
			assert_string_equal(zl_finding_type(f, tb), "TXT");
			char mb[ZL_FINDING_TEXT_MAX];
			const char *msg = zl_finding_message(f, mb);
			assert_non_null(strstr(msg, "'_spf.slow.example.net.' TXT"));
			assert_non_null(strstr(msg, "timeout"));
		}
	}
	done(run);
}

static void test_old_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/zl-external-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof(path), "%s/snap.zone", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(SNAP, f);
	fclose(f);
	for (int age = 0; age < 3; age++) {
		zl_run_t run;
		zl_run_init(&run);
		char err[256];
		const char *cfg = age == 0 ? "" : age == 1 ? "external:\n  max-age-days: 0\n"
						     : "external:\n  max-age-days: 36500\n";
		assert_int_equal(zl_config_load_buffer(&run.config, "cfg", cfg, strlen(cfg), err,
						       sizeof(err)), 0);
		zl_run_load_buffer(&run, "example.com.zone", ZONE, strlen(ZONE));
		assert_int_equal(zl_run_load_external(&run, path, NULL, 0, err, sizeof(err)), 0);
		zl_run_check(&run);
		assert_int_equal(count(&run, "zone-snapshot-old"), age == 0 ? 1 : 0);
		assert_int_equal(count(&run, "zone-lookup-failed"), 1);
		zl_run_free(&run);
	}
	remove(path);
	remove(dir);
}

static void test_config(void **state)
{
	(void)state;
	zl_config_t c;
	char err[256];
	zl_config_init(&c);
	assert_int_equal(c.external_max_age_days, 30);
	assert_int_equal(c.resolve_budget, 500);
	const char *ok = "external:\n  max-age-days: 7\n  resolve-budget: 50\n";
	assert_int_equal(zl_config_load_buffer(&c, "cfg", ok, strlen(ok), err, sizeof(err)), 0);
	assert_int_equal(c.external_max_age_days, 7);
	assert_int_equal(c.resolve_budget, 50);
	zl_config_free(&c);
	const char *bad[] = { "external:\n  max-age: 7\n", "external:\n  resolve-budget: 0\n",
			      "external: 3\n" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		zl_config_init(&c);
		assert_int_not_equal(zl_config_load_buffer(&c, "cfg", bad[i], strlen(bad[i]), err,
							   sizeof(err)), 0);
		zl_config_free(&c);
	}
}

static void test_server_address(void **state)
{
	(void)state;
	char err[256];
	static const char *const good[] = { "192.0.2.53", "192.0.2.53:5353", "2001:db8::53",
					    "[2001:db8::53]:53", "[::1]" };
	static const char *const bad[] = { "", "ns1.example.com", "192.0.2.53:0",
					   "192.0.2.53:65536", "[2001:db8::53", "[::1]x",
					   "192.0.2.300" };
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(zl_resolve_check_server(good[i], err, sizeof(err)), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_not_equal(zl_resolve_check_server(bad[i], err, sizeof(err)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_magic),
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_loaded_names_win),
		cmocka_unit_test(test_findings),
		cmocka_unit_test(test_old_file),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_server_address),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
