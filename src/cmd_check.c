/* zonelint: `zonelint check`: lint zone files and report findings.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <getopt.h>
#include <stdio.h>
#if defined(__GLIBC__)
#include <stdio_ext.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "changed.h"
#include "check.h"
#include "cmd.h"
#include "report.h"
#include "resolve.h"
#include "util.h"

enum {
	OPT_FORMAT = 256, OPT_FAIL_ON, OPT_ORIGIN, OPT_CONFIG, OPT_DISABLE, OPT_NO_CONFIG,
	OPT_BASELINE, OPT_WRITE_BASELINE, OPT_CHANGED_SINCE,
	OPT_RESOLVE, OPT_RESOLVER, OPT_RESOLVE_BUDGET, OPT_EXTERNAL, OPT_JOBS
};

static const struct option options[] = {
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "changed-since", required_argument, NULL, OPT_CHANGED_SINCE },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "disable", required_argument, NULL, OPT_DISABLE },
	{ "external", required_argument, NULL, OPT_EXTERNAL },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ "jobs", required_argument, NULL, OPT_JOBS },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "origin", required_argument, NULL, OPT_ORIGIN },
	{ "resolve", no_argument, NULL, OPT_RESOLVE },
	{ "resolve-budget", required_argument, NULL, OPT_RESOLVE_BUDGET },
	{ "resolver", required_argument, NULL, OPT_RESOLVER },
	{ "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
	{ NULL, 0, NULL, 0 },
};

/* The reporters, by --format name. */
static const struct {
	const char *name;
	int (*fn)(FILE *out, const zl_report_in_t *in);
} formats[] = {
	{ "codeclimate", zl_report_codeclimate },
	{ "json", zl_report_json },
	{ "junit", zl_report_junit },
	{ "sarif", zl_report_sarif },
	{ "text", zl_report_text },
};

int zl_cmd_check(int argc, char **argv)
{
	const char *format = "text", *fail_on = "error", *config = NULL;
	const char *baseline = NULL, *write_baseline = NULL, *changed_since = NULL;
	const char *external = NULL, *resolver = NULL, *budget = NULL, *jobs = NULL;
	int resolve = 0;
	zl_baseline_t bl;
	zl_baseline_init(&bl);
	unsigned char *changed = NULL;
	char **disable = NULL;
	size_t ndisable = 0;
	int no_config = 0;
	zl_run_t run;
	zl_run_init(&run);
	run.io_error = zl_cmd_io_error;
	optind = 1;
	opterr = 0;
	int c, status = 0;
	while ((c = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT: format = optarg; break;
		case OPT_FAIL_ON: fail_on = optarg; break;
		case OPT_ORIGIN: run.origin = optarg; break;
		case OPT_CONFIG: config = optarg; break;
		case OPT_NO_CONFIG: no_config = 1; break;
		case OPT_BASELINE: baseline = optarg; break;
		case OPT_WRITE_BASELINE: write_baseline = optarg; break;
		case OPT_CHANGED_SINCE: changed_since = optarg; break;
		case OPT_RESOLVE: resolve = 1; break;
		case OPT_RESOLVER: resolver = optarg; break;
		case OPT_RESOLVE_BUDGET: budget = optarg; break;
		case OPT_EXTERNAL: external = optarg; break;
		case OPT_JOBS: jobs = optarg; break;
		case OPT_DISABLE:
			disable = realloc(disable, (ndisable + 1) * sizeof(*disable));
			if (!disable)
				zl_oom();
			disable[ndisable++] = optarg;
			break;
		case 'h':
			printf("usage: zonelint check [--format text|json|sarif|codeclimate|junit]\n"
			       "                      [--fail-on error|warning|info|never] "
			       "[--origin NAME]\n"
			       "                      [--config FILE | --no-config] "
			       "[--disable RULE,..]\n"
			       "                      [--baseline FILE] [--write-baseline FILE]\n"
			       "                      [--changed-since REV]\n"
			       "                      [--resolve [--resolver ADDR[:PORT]] "
			       "[--resolve-budget N] | --external FILE]\n"
			       "                      [--jobs N] PATH...\n");
			goto out;
		default:
			status = zl_usage_error("check: unknown or incomplete option '%s'",
						argv[optind - 1]);
			goto out;
		}
	}
	int (*report)(FILE *, const zl_report_in_t *) = NULL;
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(format, formats[i].name))
			report = formats[i].fn;
	if (!report) {
		status = zl_usage_error("check: --format must be text, json, sarif, codeclimate "
					"or junit");
		goto out;
	}
	if (write_baseline && changed_since) {
		status = zl_usage_error("check: --write-baseline records every finding; it cannot "
					"be combined with --changed-since");
		goto out;
	}
	zl_severity_t threshold = ZL_SEV_ERROR;
	if (!strcmp(fail_on, "never"))
		threshold = ZL_SEV_OFF;
	else if (zl_severity_parse(fail_on, &threshold) || threshold == ZL_SEV_OFF) {
		status = zl_usage_error("check: --fail-on must be error, warning, info or never");
		goto out;
	}
	if (jobs) {
		uint64_t j;
		if (zl_parse_u64(jobs, 1, 256, &j)) {
			status = zl_usage_error("check: --jobs must be a whole number from 1 to 256");
			goto out;
		}
		run.jobs = (unsigned)j;
	} else {
		run.jobs = zl_default_jobs();
	}
	if (optind >= argc) {
		status = zl_usage_error("check: no zone file or folder given");
		goto out;
	}
	char err[1024];
	if (resolve && external) {
		status = zl_usage_error("check: --resolve looks the names up now and --external "
					"reads them from a snapshot: give one of them");
		goto out;
	}
	if ((resolver || budget) && !resolve) {
		status = zl_usage_error("check: --resolver and --resolve-budget need --resolve");
		goto out;
	}
	if (resolver && zl_resolve_check_server(resolver, err, sizeof(err))) {
		status = zl_usage_error("check: %s", err);
		goto out;
	}
	if (zl_config_load_default(&run.config, config, no_config, err, sizeof(err))) {
		status = zl_usage_error("%s", err);
		goto out;
	}
	for (size_t i = 0; i < ndisable; i++)
		if (zl_config_disable(&run.config, disable[i], err, sizeof(err))) {
			status = zl_usage_error("%s", err);
			goto out;
		}
	if (baseline && !write_baseline && zl_baseline_load(&bl, baseline, err, sizeof(err))) {
		status = zl_usage_error("%s", err);
		goto out;
	}
	for (int i = optind; i < argc; i++)
		if (zl_run_load(&run, argv[i], err, sizeof(err)) && err[0])
			zl_usage_error("%s", err);
	if (external && zl_run_load_external(&run, external, NULL, 0, err, sizeof(err)))
		zl_usage_error("%s", err);
	if (resolve) {
		/* the only network use of check, and only when asked (zonelint(1) "Online mode") */
		zl_resolve_opts_t ro = { resolver, run.config.resolve_budget, 0, 0 };
		uint64_t b;
		if (budget && zl_parse_u64(budget, 1, 100000, &b)) {
			status = zl_usage_error("check: --resolve-budget must be a whole number "
						"from 1 to 100000");
			goto out;
		}
		if (budget)
			ro.budget = (unsigned)b;
		char *snap = NULL;
		size_t snaplen = 0;
		if (zl_resolve_snapshot(&run.set, &ro, &snap, &snaplen, NULL, err, sizeof(err))) {
			status = zl_usage_error("check: %s", err);
			goto out;
		}
		char shown[300];
		snprintf(shown, sizeof(shown), "(answers from %s)", resolver ? resolver :
			 "the system resolver");
		zl_run_load_external(&run, shown, snap, snaplen, err, sizeof(err));
		free(snap);
	}
	zl_run_check(&run);

	if (write_baseline) {
		/* a baseline missing an unreadable file's findings would hide nothing later */
		if (run.io_errors) {
			status = zl_usage_error("not writing the baseline: not every path could "
						"be read");
			goto out;
		}
		size_t nentries = 0;
		if (zl_baseline_write(&run.findings, write_baseline, &nentries, err,
				      sizeof(err))) {
			status = zl_usage_error("%s", err);
			goto out;
		}
		zl_eprintf("zonelint: wrote %zu finding%s (%zu entr%s) to '%s'",
			run.findings.n, run.findings.n == 1 ? "" : "s", nentries,
			nentries == 1 ? "y" : "ies", write_baseline);
		goto out;
	}
	zl_report_in_t in = { &run.set, &run.findings, &run.config, false, run.jobs };
	if (baseline) {
		run.findings.baseline = true;
		run.findings.baselined = zl_findings_apply_baseline(&run.findings, &bl);
		for (size_t i = 0; i < bl.n; i++)
			run.findings.baseline_gone += bl.v[i].count - bl.v[i].used;
	}
	if (changed_since) {
		changed = zl_xcalloc(run.set.nfiles ? run.set.nfiles : 1, 1);
		if (zl_changed_files(&run.set, changed_since, changed, err, sizeof(err))) {
			status = zl_usage_error("%s", err);
			goto out;
		}
		run.findings.changed_only = true;
		run.findings.unchanged = zl_findings_keep_changed(&run.findings, &run.set, changed);
	}
	run.findings.fail_on = threshold;
	if (report == zl_report_text)
		in.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
#if defined(__GLIBC__)
	/* the worker threads have ended: one writer, so no lock per character */
	__fsetlocking(stdout, FSETLOCKING_BYCALLER);
#endif
	report(stdout, &in);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		status = zl_usage_error("cannot write the report");
		goto out;
	}
	if (run.io_errors) {
		status = 2;
		goto out;
	}
	if (threshold != ZL_SEV_OFF)
		for (size_t i = 0; i < run.findings.n; i++)
			if (run.findings.v[i].severity >= threshold) {
				status = 1;
				break;
			}
out:
	free(disable);
	free(changed);
	zl_baseline_free(&bl);
	zl_run_free(&run);
	return status;
}
