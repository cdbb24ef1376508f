/* zonelint: libFuzzer target for the configuration loader (src/config.c).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Input: the text of a .zonelint.yaml, read with zl_config_load_buffer().
 * A config that is refused must say why.  A config that is accepted is then
 * used for a check of a small fixed zone set (so severity overrides, zone
 * roles and the custom rules' PCRE2 patterns meet real records), and the
 * findings and reports must keep the invariants of report_check.h.
 * custom-rules: paths are read relative to the working folder; run.sh runs
 * the fuzzer in an empty scratch folder with stdin from /dev/null.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "report_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char zone_com[] =
	"$ORIGIN example.com.\n"
	"$TTL 3600\n"
	"@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n"
	"@ IN NS ns1\n"
	"@ IN NS ns2.example.net.\n"
	"ns1 IN A 192.0.2.1\n"
	"@ IN MX 10 mail\n"
	"mail IN A 192.0.2.25\n"
	"mail IN AAAA 2001:db8::25\n"
	"@ IN TXT \"v=spf1 mx include:_spf.example.net -all\"\n"
	"_dmarc IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@example.net\"\n"
	"sel._domainkey IN TXT \"v=DKIM1; k=rsa; p=\"\n"
	"www IN CNAME @\n"
	"; zonelint-disable zone-duplicate -- fuzzing\n"
	"dup IN A 192.0.2.9\n"
	"dup IN A 192.0.2.9\n";

static const char zone_net[] =
	"example.net. 3600 IN SOA ns2 hostmaster 1 7200 3600 1209600 3600\n"
	"example.net. 3600 IN NS ns2.example.net.\n"
	"ns2.example.net. 3600 IN A 192.0.2.2\n"
	"_spf.example.net. 3600 IN TXT \"v=spf1 ip4:192.0.2.0/24 ~all\"\n"
	"example.com._report._dmarc.example.net. 3600 IN TXT \"v=DMARC1\"\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	zl_run_t run;
	zl_run_init(&run);
	char err[1024];
	err[0] = '\0';
	int r = zl_config_load_buffer(&run.config, "fuzz.yaml", (const char *)data, size, err,
				      sizeof(err));
	if (r) {
		FZ_CHECK(r == ZL_EINVAL || r == ZL_EIO);
		FZ_CHECK(err[0] != '\0' && memchr(err, '\0', sizeof(err)));
		zl_run_free(&run);
		return 0;
	}
	const zl_config_t *c = &run.config;
	for (unsigned i = 0; i < c->nzones; i++) {
		size_t l = strlen(c->zones[i].name);
		FZ_CHECK(l > 0 && c->zones[i].name[l - 1] == '.');
		FZ_CHECK(zl_config_zone(c, c->zones[i].name) != NULL);
	}
	for (unsigned i = 0; i < c->ncustom; i++) {
		FZ_CHECK(c->custom[i].id && c->custom[i].message && c->custom[i].re);
		FZ_CHECK(zl_config_custom(c, c->custom[i].id) == &c->custom[i]);
	}
	if (run.config.generate_limit > 2000)
		run.config.generate_limit = 2000;
	zl_run_load_buffer(&run, "example.com.zone", zone_com, sizeof(zone_com) - 1);
	zl_run_load_buffer(&run, "example.net.zone", zone_net, sizeof(zone_net) - 1);
	zl_run_check(&run);
	fz_check_findings(&run);
	fz_check_reports(&run, fz_hash(data, size) % 4 == 0);
	zl_run_free(&run);
	return 0;
}
