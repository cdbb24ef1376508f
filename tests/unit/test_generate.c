/* zonelint: unit tests for the record-set builders and their printer (generate.h).
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
#include "check.h"
#include "common.h"
#include "dkimrec.h"
#include "dmarc.h"
#include "generate.h"
#include "smtptls.h"
#include "spf.h"

/* Print a set to a string owned by @p a. */
static char *print(zl_arena_t *a, const zl_recset_t *rs, zl_recset_format_t fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(zl_recset_print(f, rs, fmt), 0);
	fclose(f);
	char *s = zl_arena_strndup(a, buf, len);
	free(buf);
	return s;
}

static void test_txt_rdata(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_arena_init(&a);
	assert_string_equal(zl_generate_txt_rdata(&a, "", 0), "\"\"");
	assert_string_equal(zl_generate_txt_rdata(&a, "v=spf1 -all", 11), "\"v=spf1 -all\"");
	assert_string_equal(zl_generate_txt_rdata(&a, "a\"b\\c\n\xe9", 7),
			    "\"a\\\"b\\\\c\\010\\233\"");
	/* 255 octets fit one string; 256 need two, split after 255 */
	char t[600];
	memset(t, 'x', sizeof(t));
	char *r = zl_generate_txt_rdata(&a, t, 255);
	assert_int_equal(strlen(r), 257);
	r = zl_generate_txt_rdata(&a, t, 256);
	assert_int_equal(strlen(r), 255 + 2 + 1 + 3);
	assert_memory_equal(r + 256, "\" \"x\"", 5);
	r = zl_generate_txt_rdata(&a, t, 511);
	assert_int_equal(strlen(r), 511 + 2 * 3 + 2);
	zl_arena_free(&a);
}

static void test_domain(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		bool underscore;
		const char *out; /* NULL: refused */
	} v[] = {
		{ "example.com", false, "example.com." },
		{ "Example.COM.", false, "example.com." },
		{ "xn--bcher-kva.example", false, "xn--bcher-kva.example." },
		{ "a-b.example", false, "a-b.example." },
		{ "_spf.example.com", true, "_spf.example.com." },
		{ "_spf.example.com", false, NULL },
		{ "com", false, NULL },
		{ "", false, NULL },
		{ ".", false, NULL },
		{ "a..example", false, NULL },
		{ "-a.example", false, NULL },
		{ "a-.example", false, NULL },
		{ "192.0.2.1", false, NULL },
		{ "b\xc3\xbc" "cher.example", false, NULL },
		{ "a b.example", false, NULL },
		{ "example.com..", false, NULL },
	};
	zl_arena_t a;
	zl_arena_init(&a);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		const char *out = NULL;
		char err[256] = "";
		int r = zl_generate_domain(&a, v[i].in, v[i].underscore, &out, err, sizeof(err));
		if (v[i].out) {
			assert_int_equal(r, 0);
			assert_string_equal(out, v[i].out);
		} else {
			assert_int_equal(r, ZL_EINVAL);
			assert_non_null(strstr(err, "is not a domain name"));
			assert_null(strchr(err, '\n'));
		}
	}
	char long_name[300];
	memset(long_name, 'a', sizeof(long_name));
	for (size_t i = 60; i < 290; i += 61)
		long_name[i] = '.';
	long_name[290] = '\0';
	const char *out;
	assert_int_equal(zl_generate_domain(&a, long_name, false, &out, NULL, 0), ZL_EINVAL);
	zl_arena_free(&a);
}

/* The suggestion text the checks use is the generator's output, records only. */
static void test_texts(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_arena_init(&a);
	char *t;
	assert_int_equal(zl_generate_parked_text(&a, "Example.com", NULL, &t), 0);
	assert_string_equal(t,
		"example.com. 3600 IN MX 0 .\n"
		"example.com. 3600 IN TXT \"v=spf1 -all\"\n"
		"_dmarc.example.com. 3600 IN TXT \"v=DMARC1; p=reject; sp=reject; adkim=s; "
		"aspf=s\"\n"
		"*._domainkey.example.com. 3600 IN TXT \"v=DKIM1; p=\"");
	zl_recset_t rs;
	zl_recset_init(&rs, &a, "parked");
	const char *d[] = { "example.com" };
	assert_int_equal(zl_generate_parked(&rs, d, 1, NULL, NULL, 0), 0);
	char *bare = print(&a, &rs, ZL_RECSET_BARE);
	assert_int_equal(strlen(bare), strlen(t) + 1);
	assert_memory_equal(bare, t, strlen(t));
	char *zone = print(&a, &rs, ZL_RECSET_ZONE);
	assert_non_null(strstr(zone, t));

	const char *rua[] = { "mailto:d@example.net" };
	zl_parked_opts_t po = { 600, rua, 1, true };
	assert_int_equal(zl_generate_parked_text(&a, "example.org.", &po, &t), 0);
	assert_non_null(strstr(t, "_dmarc.example.org. 600 IN TXT \"v=DMARC1; p=reject; "
				  "sp=reject; adkim=s; aspf=s; rua=mailto:d@example.net\"\n"));
	assert_non_null(strstr(t, "\n*.example.org. 600 IN MX 0 .\n*.example.org. 600 IN TXT "
				  "\"v=spf1 -all\""));
	/* no authorization record for another zone in a suggestion */
	assert_null(strstr(t, "_report"));
	assert_true(t[0] != ';');
	assert_null(strstr(t, "\n;"));
	const char *bad[] = { "https://example.net/r" };
	zl_parked_opts_t pb = { 0, bad, 1, false };
	assert_int_equal(zl_generate_parked_text(&a, "example.org", &pb, &t), ZL_EINVAL);
	assert_int_equal(zl_generate_parked_text(&a, "a..b", NULL, &t), ZL_EINVAL);

	assert_int_equal(zl_generate_dmarc_text(&a, "example.com.", NULL, &t), 0);
	assert_string_equal(t, "_dmarc.example.com. 3600 IN TXT \"" ZL_GENERATE_DMARC_PARKED "\"");
	zl_dmarc_policy_opts_t o;
	memset(&o, 0, sizeof(o));
	o.p = ZL_DMARC_POLICY_NONE;
	o.rua = rua;
	o.nrua = 1;
	o.ttl = 300;
	assert_int_equal(zl_generate_dmarc_text(&a, "sub.example.com", &o, &t), 0);
	assert_string_equal(t, "_dmarc.sub.example.com. 300 IN TXT \"v=DMARC1; p=none; "
			       "rua=mailto:d@example.net\"");

	assert_int_equal(zl_generate_spf_none_text(&a, "www.example.com", 0, &t), 0);
	assert_string_equal(t, "www.example.com. 3600 IN TXT \"v=spf1 -all\"");
	assert_int_equal(zl_generate_spf_none_text(&a, "under_score.example.com", 60, &t), 0);
	assert_string_equal(t, "under_score.example.com. 60 IN TXT \"v=spf1 -all\"");
	zl_arena_free(&a);
}

/* Every record the builders make parses with zonelint's own parsers, with
 * no problem at all: the generator must never produce what the linter flags. */
static void test_records_parse_clean(void **state)
{
	(void)state;
	zl_arena_t a;
	zl_arena_init(&a);
	zl_recset_t rs;
	zl_recset_init(&rs, &a, "all");
	const char *d[] = { "example.com", "example.org" };
	const char *rua[] = { "mailto:dmarc@example.net", "mailto:d@example.com" };
	zl_parked_opts_t po = { 0, rua, 2, true };
	assert_int_equal(zl_generate_parked(&rs, d, 2, &po, NULL, 0), 0);
	zl_dmarc_policy_opts_t dm;
	memset(&dm, 0, sizeof(dm));
	dm.p = ZL_DMARC_POLICY_QUARANTINE;
	dm.sp = ZL_DMARC_POLICY_NONE;
	dm.adkim = ZL_DMARC_ALIGN_RELAXED;
	dm.aspf = ZL_DMARC_ALIGN_STRICT;
	dm.rua = rua;
	dm.nrua = 2;
	dm.ruf = rua;
	dm.nruf = 1;
	assert_int_equal(zl_generate_dmarc(&rs, "example.net", &dm, NULL, 0), 0);
	const char *ip4[] = { "192.0.2.0/24", "198.51.100.7" };
	const char *ip6[] = { "2001:db8::/32" };
	const char *inc[] = { "_spf.example.net" };
	zl_spf_build_opts_t so;
	memset(&so, 0, sizeof(so));
	so.ip4 = ip4;
	so.nip4 = 2;
	so.ip6 = ip6;
	so.nip6 = 1;
	so.include = inc;
	so.ninclude = 1;
	so.a = so.mx = true;
	assert_int_equal(zl_generate_spf(&rs, "example.com", &so, NULL, 0), 0);
	const char *mx[] = { "mail.example.com", "*.mx.example.net" };
	zl_sts_policy_opts_t sts = { mx, 2, true, 86400, NULL, 0 };
	assert_int_equal(zl_generate_mta_sts(&rs, "example.com", &sts, NULL, 0), 0);
	const char *trua[] = { "mailto:tls@example.com", "https://tls.example.com/r" };
	assert_int_equal(zl_generate_tlsrpt(&rs, "example.com", trua, 2, 0, NULL, 0), 0);

	size_t nspf = 0, ndmarc = 0, ndkim = 0, nsts = 0, ntls = 0, nauth = 0;
	for (size_t i = 0; i < rs.nblocks; i++)
		for (size_t k = 0; k < rs.blocks[i]->nrrs; k++) {
			const zl_recset_rr_t *rr = &rs.blocks[i]->rrs[k];
			if (rr->type != ZL_TYPE_TXT)
				continue;
			const char *t = rr->text;
			size_t l = strlen(t);
			if (zl_spf_is_spf(t, l)) {
				zl_spf_record_t r;
				zl_spf_parse(&r, t, l, &a);
				assert_int_equal(r.n_errors, 0);
				assert_int_equal(r.n_warnings, 0);
				nspf++;
			} else if (strstr(rr->owner, "._report._dmarc.")) {
				assert_string_equal(t, "v=DMARC1");
				assert_true(zl_dmarc_is_dmarc(t, l));
				nauth++;
			} else if (zl_dmarc_is_dmarc(t, l)) {
				zl_dmarc_t r;
				zl_dmarc_parse(&r, t, l, &a);
				assert_int_equal(r.n_problems, 0);
				assert_true(r.p_follows_v);
				ndmarc++;
			} else if (zl_dkimrec_looks_like_dkim(t, l)) {
				zl_dkimrec_t r;
				zl_dkimrec_parse(&r, t, l, &a);
				assert_int_equal(r.n_problems, 0);
				assert_true(r.revoked);
				ndkim++;
			} else if (zl_sts_is_sts(t, l)) {
				zl_sts_t r;
				zl_sts_parse(&r, t, l, &a);
				assert_int_equal(r.c.n_problems, 0);
				nsts++;
			} else if (zl_tlsrpt_is_tlsrpt(t, l)) {
				zl_tlsrpt_t r;
				zl_tlsrpt_parse(&r, t, l, &a);
				assert_int_equal(r.c.n_problems, 0);
				ntls++;
			} else {
				fail_msg("unexpected TXT record '%s'", t);
			}
		}
	assert_int_equal(nspf, 2 + 2 + 1); /* apex and wildcard of each, and the spf */
	assert_int_equal(ndmarc, 3);
	assert_int_equal(ndkim, 2);
	assert_int_equal(nsts, 1);
	assert_int_equal(ntls, 1);
	/* example.com and example.org report to example.net; example.org and
	 * example.net to example.com */
	assert_int_equal(nauth, 4);
	assert_int_equal(rs.nfiles, 1);
	assert_non_null(strstr(rs.files[0].text, "version: STSv1\nmode: enforce\n"
				  "mx: mail.example.com\nmx: *.mx.example.net\nmax_age: 86400\n"));
	zl_arena_free(&a);
}

static const char zone_a[] =
	"$ORIGIN example.net.\n$TTL 3600\n"
	"@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ IN NS ns1\n@ IN NS ns2\n"
	"ns1 IN A 192.0.2.1\nns2 IN A 192.0.2.2\n"
	"_spf IN TXT \"v=spf1 include:_a.example.net redirect=_b.example.net\"\n"
	"_a IN TXT \"v=spf1 a mx ptr exists:%{i}.x.example.net -all\"\n"
	"_b IN TXT \"v=spf1 include:ext.example.org -all\"\n"
	"nine IN TXT \"v=spf1 a a a a a a a a -all\"\n"
	"self IN TXT \"v=spf1 include:example.com -all\"\n"
	"two IN TXT \"v=spf1 -all\"\ntwo IN TXT \"v=spf1 a -all\"\n";

static void test_spf_count(void **state)
{
	(void)state;
	zl_run_t run;
	zl_run_init(&run);
	assert_int_equal(zl_run_load_buffer(&run, "a.zone", zone_a, strlen(zone_a)), 0);
	static const char cfg[] = "spf:\n  external:\n    ext.example.org: 2\n";
	char err[512];
	assert_int_equal(zl_config_load_buffer(&run.config, "c.yaml", cfg, strlen(cfg), err,
					       sizeof(err)), 0);
	zl_arena_t a;
	zl_arena_init(&a);
	zl_spf_build_opts_t o;
	memset(&o, 0, sizeof(o));
	o.set = &run.set;
	o.config = &run.config;
	const char *inc[2] = { "_spf.example.net", NULL };
	o.include = inc;
	o.ninclude = 1;
	zl_recset_t rs;
	zl_recset_init(&rs, &a, "spf");
	/* 1 (include) + _spf: include 1 + _a (a mx ptr exists: 4) + redirect 1
	 * + _b (include 1 + external 2) = 10 */
	assert_int_equal(zl_generate_spf(&rs, "example.com", &o, err, sizeof(err)), 0);
	assert_non_null(strstr(rs.blocks[0]->notes[0], "DNS lookups: 10 of 10"));
	/* one more: over the limit, nothing added */
	o.mx = true;
	zl_recset_init(&rs, &a, "spf");
	assert_int_equal(zl_generate_spf(&rs, "example.com", &o, err, sizeof(err)), ZL_ELIMIT);
	assert_non_null(strstr(err, "11 DNS lookups, over the limit of 10"));
	assert_int_equal(rs.nblocks, 0);
	o.mx = false;
	inc[0] = "nine.example.net";
	inc[1] = "nine.example.net";
	o.ninclude = 1;
	zl_recset_init(&rs, &a, "spf");
	assert_int_equal(zl_generate_spf(&rs, "example.com", &o, err, sizeof(err)), 0);
	assert_non_null(strstr(rs.blocks[0]->notes[0], "DNS lookups: 9 of 10"));
	inc[0] = "self.example.net";
	zl_recset_init(&rs, &a, "spf");
	assert_int_equal(zl_generate_spf(&rs, "example.com", &o, err, sizeof(err)), ZL_ELIMIT);
	assert_non_null(strstr(err, "SPF include loop example.com -> self.example.net -> "
				    "example.com"));
	inc[0] = "two.example.net";
	assert_int_equal(zl_generate_spf(&rs, "example.com", &o, err, sizeof(err)), ZL_ELIMIT);
	assert_non_null(strstr(err, "more than one SPF record"));
	/* outside the loaded zones and the config: counted as 1, said unknown */
	inc[0] = "spf.example.org";
	zl_recset_init(&rs, &a, "spf");
	assert_int_equal(zl_generate_spf(&rs, "example.com", &o, err, sizeof(err)), 0);
	assert_non_null(strstr(rs.blocks[0]->notes[0], "at least 1 of 10"));
	assert_non_null(strstr(print(&a, &rs, ZL_RECSET_ZONE), "spf.example.org: 1 + ? (its own "
							      "cost is unknown)"));
	zl_arena_free(&a);
	zl_run_free(&run);
}

static const char zone_b[] =
	"$ORIGIN example.org.\n$TTL 900\n"
	"@ IN SOA ns1.example.com. h.example.com. 1 7200 3600 1209600 3600\n"
	"@ IN NS ns1.example.com.\n@ IN NS ns2.example.com.\n"
	"@ IN A 192.0.2.80\n@ IN MX 0 .\n@ IN TXT \"v=spf1 -all\"\n"
	"_dmarc IN TXT \"v=DMARC1; p=quarantine; rua=mailto:r@example.org\"\n"
	"www IN A 192.0.2.80\n"
	"signer IN A 192.0.2.81\nsel._domainkey.signer IN TXT \"v=DKIM1; p=MIIBIjAN\"\n"
	"dup IN A 192.0.2.82\ndup IN TXT \"v=spf1 -all\"\ndup IN TXT \"v=spf1 -ALL\"\n"
	"*._domainkey IN TXT \"v=DKIM1; p=\"\n";

static void test_harden(void **state)
{
	(void)state;
	zl_run_t run;
	zl_run_init(&run);
	assert_int_equal(zl_run_load_buffer(&run, "b.zone", zone_b, strlen(zone_b)), 0);
	zl_arena_t a;
	zl_arena_init(&a);
	zl_recset_t rs;
	zl_recset_init(&rs, &a, "parked");
	char err[256];
	assert_int_equal(zl_generate_harden_zones(&rs, &run.set, NULL, err, sizeof(err)), 0);
	char *t = print(&a, &rs, ZL_RECSET_BARE);
	assert_string_equal(t,
		"_dmarc.example.org. 900 IN TXT \"v=DMARC1; p=reject; sp=reject; adkim=s; "
		"aspf=s; rua=mailto:r@example.org\"\n"
		"www.example.org. 900 IN MX 0 .\n"
		"www.example.org. 900 IN TXT \"v=spf1 -all\"\n"
		"dup.example.org. 900 IN MX 0 .\n");
	char *z = print(&a, &rs, ZL_RECSET_ZONE);
	assert_non_null(strstr(z, "; remove b.zone:9: _dmarc.example.org. 900 IN TXT "
				  "\"v=DMARC1; p=quarantine; rua=mailto:r@example.org\"\n"));
	assert_non_null(strstr(z, "; remove b.zone:15: dup.example.org. 900 IN TXT "
				  "\"v=spf1 -ALL\"\n"));
	assert_null(strstr(z, "signer.example.org. 900 IN MX"));
	char *n = print(&a, &rs, ZL_RECSET_NSUPDATE);
	assert_non_null(strstr(n, "zone example.org.\n"));
	assert_non_null(strstr(n, "update delete dup.example.org. TXT \"v=spf1 -ALL\"\n"));
	assert_null(strstr(n, "\n\n"));
	zl_arena_free(&a);
	zl_run_free(&run);
}

/* ptr authorizes every host of the domain; mx the addresses of its MX hosts */
static const char zone_c[] =
	"$ORIGIN example.com.\n$TTL 600\n"
	"@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ IN NS ns1\n@ IN NS ns2\n"
	"ns1 IN A 10.0.0.1\nns2 IN AAAA fd00::2\n"
	"@ IN MX 10 mx\nmx IN A 192.0.2.25\nalso-mx IN A 192.0.2.25\n"
	"@ IN TXT \"v=spf1 mx ptr:in.example.com -all\"\n"
	"a.in IN A 192.0.2.30\nb.out IN A 192.0.2.31\n";

static void test_harden_senders(void **state)
{
	(void)state;
	zl_run_t run;
	zl_run_init(&run);
	assert_int_equal(zl_run_load_buffer(&run, "c.zone", zone_c, strlen(zone_c)), 0);
	zl_arena_t a;
	zl_arena_init(&a);
	zl_recset_t rs;
	zl_recset_init(&rs, &a, "parked");
	assert_int_equal(zl_generate_harden_zones(&rs, &run.set, NULL, NULL, 0), 0);
	/* ns1 and ns2 are internal, mx is an MX target, also-mx shares its
	 * address, a.in is below the ptr domain: only b.out is hardened */
	assert_string_equal(print(&a, &rs, ZL_RECSET_BARE),
			    "b.out.example.com. 600 IN MX 0 .\n"
			    "b.out.example.com. 600 IN TXT \"v=spf1 -all\"\n");
	zl_arena_free(&a);
	zl_run_free(&run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_txt_rdata),
		cmocka_unit_test(test_domain),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_records_parse_clean),
		cmocka_unit_test(test_spf_count),
		cmocka_unit_test(test_harden),
		cmocka_unit_test(test_harden_senders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
