/* zonelint: `zonelint check`: lint zone files and report findings.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cmd.h"
#include "report.h"

enum { OPT_FORMAT = 256, OPT_FAIL_ON, OPT_ORIGIN, OPT_CONFIG, OPT_DISABLE, OPT_NO_CONFIG };

static const struct option options[] = {
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "disable", required_argument, NULL, OPT_DISABLE },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "origin", required_argument, NULL, OPT_ORIGIN },
	{ NULL, 0, NULL, 0 },
};

int zl_cmd_check(int argc, char **argv)
{
	const char *format = "text", *fail_on = "error", *config = NULL;
	char **disable = NULL;
	size_t ndisable = 0;
	int no_config = 0;
	zl_run_t run;
	zl_run_init(&run);
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
		case OPT_DISABLE:
			disable = realloc(disable, (ndisable + 1) * sizeof(*disable));
			if (!disable)
				zl_oom();
			disable[ndisable++] = optarg;
			break;
		case 'h':
			printf("usage: zonelint check [--format text|json|sarif] "
			       "[--fail-on error|warning|info|never]\n"
			       "                      [--origin NAME] [--config FILE] "
			       "[--disable RULE,..] PATH...\n");
			goto out;
		default:
			status = zl_usage_error("check: unknown or incomplete option '%s'",
						argv[optind - 1]);
			goto out;
		}
	}
	if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "sarif")) {
		status = zl_usage_error("check: --format must be text, json or sarif");
		goto out;
	}
	zl_severity_t threshold = ZL_SEV_ERROR;
	if (!strcmp(fail_on, "never"))
		threshold = ZL_SEV_OFF;
	else if (zl_severity_parse(fail_on, &threshold) || threshold == ZL_SEV_OFF) {
		status = zl_usage_error("check: --fail-on must be error, warning, info or never");
		goto out;
	}
	if (optind >= argc) {
		status = zl_usage_error("check: no zone file or folder given");
		goto out;
	}
	char err[1024];
	char *found = NULL;
	if (!config && !no_config)
		config = found = zl_config_find();
	if (config && zl_config_load(&run.config, config, err, sizeof(err))) {
		free(found);
		status = zl_usage_error("%s", err);
		goto out;
	}
	free(found);
	for (size_t i = 0; i < ndisable; i++)
		if (zl_config_disable(&run.config, disable[i], err, sizeof(err))) {
			status = zl_usage_error("%s", err);
			goto out;
		}
	for (int i = optind; i < argc; i++)
		if (zl_run_load(&run, argv[i], err, sizeof(err)))
			zl_usage_error("%s", err);
	zl_run_check(&run);

	zl_report_in_t in = { &run.set, &run.findings, &run.config, false };
	if (!strcmp(format, "json"))
		zl_report_json(stdout, &in);
	else if (!strcmp(format, "sarif"))
		zl_report_sarif(stdout, &in);
	else {
		in.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
		zl_report_text(stdout, &in);
	}
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
	zl_run_free(&run);
	return status;
}
