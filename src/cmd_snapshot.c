/* zonelint: `zonelint snapshot`: look up the names outside the zones, write them down.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cmd.h"
#include "resolve.h"
#include "util.h"

enum { OPT_OUT = 256, OPT_RESOLVER, OPT_BUDGET, OPT_ORIGIN, OPT_CONFIG, OPT_NO_CONFIG };

static const struct option options[] = {
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "help", no_argument, NULL, 'h' },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "origin", required_argument, NULL, OPT_ORIGIN },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "resolve-budget", required_argument, NULL, OPT_BUDGET },
	{ "resolver", required_argument, NULL, OPT_RESOLVER },
	{ NULL, 0, NULL, 0 },
};

/* Write @p text to @p path through a temporary file, so a reader never sees half. */
static int write_whole(const char *path, const char *text, size_t len, char *err, size_t errlen)
{
	size_t pl = strlen(path);
	char *tmp = zl_xmalloc(pl + 16);
	snprintf(tmp, pl + 16, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
		free(tmp);
		return ZL_EIO;
	}
	FILE *f = fdopen(fd, "w");
	int bad = !f || fwrite(text, 1, len, f) != len;
	if (f)
		bad |= fclose(f) != 0;
	else
		close(fd);
	if (bad || rename(tmp, path) != 0) {
		snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return ZL_EIO;
	}
	free(tmp);
	return 0;
}

int zl_cmd_snapshot(int argc, char **argv)
{
	const char *out = NULL, *resolver = NULL, *budget = NULL, *config = NULL;
	int no_config = 0, c, status = 0;
	zl_run_t run;
	zl_run_init(&run);
	run.io_error = zl_cmd_io_error;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		switch (c) {
		case OPT_OUT: out = optarg; break;
		case OPT_RESOLVER: resolver = optarg; break;
		case OPT_BUDGET: budget = optarg; break;
		case OPT_ORIGIN: run.origin = optarg; break;
		case OPT_CONFIG: config = optarg; break;
		case OPT_NO_CONFIG: no_config = 1; break;
		case 'h':
			printf("usage: zonelint snapshot --out FILE [--resolver ADDR[:PORT]] "
			       "[--resolve-budget N]\n"
			       "                         [--origin NAME] [--config FILE | "
			       "--no-config] PATH...\n");
			goto out;
		default:
			status = zl_usage_error("snapshot: unknown or incomplete option '%s'",
						argv[optind - 1]);
			goto out;
		}
	}
	char err[1024];
	if (!out) {
		status = zl_usage_error("snapshot: --out FILE is required");
		goto out;
	}
	if (optind >= argc) {
		status = zl_usage_error("snapshot: no zone file or folder given");
		goto out;
	}
	if (resolver && zl_resolve_check_server(resolver, err, sizeof(err))) {
		status = zl_usage_error("snapshot: %s", err);
		goto out;
	}
	if (zl_config_load_default(&run.config, config, no_config, err, sizeof(err))) {
		status = zl_usage_error("%s", err);
		goto out;
	}
	zl_resolve_opts_t ro = { resolver, run.config.resolve_budget, 0, 0 };
	if (budget) {
		uint64_t b;
		if (zl_parse_u64(budget, 1, 100000, &b)) {
			status = zl_usage_error("snapshot: --resolve-budget must be a whole number "
						"from 1 to 100000");
			goto out;
		}
		ro.budget = (unsigned)b;
	}
	for (int i = optind; i < argc; i++)
		if (zl_run_load(&run, argv[i], err, sizeof(err)) && err[0])
			zl_usage_error("%s", err);
	if (run.io_errors) {
		/* a snapshot missing a zone's names would pass as complete later */
		status = zl_usage_error("snapshot: not written: not every path could be read");
		goto out;
	}
	char *text = NULL;
	size_t len = 0;
	zl_resolve_stats_t st;
	if (zl_resolve_snapshot(&run.set, &ro, &text, &len, &st, err, sizeof(err))) {
		status = zl_usage_error("snapshot: %s", err);
		goto out;
	}
	if (write_whole(out, text, len, err, sizeof(err)))
		status = zl_usage_error("snapshot: %s", err);
	else
		zl_eprintf("zonelint: snapshot: %u lookup%s (%u quer%s), %u failed; "
			   "written to '%s'", st.lookups, st.lookups == 1 ? "" : "s", st.queries,
			st.queries == 1 ? "y" : "ies", st.failed, out);
	free(text);
out:
	zl_run_free(&run);
	return status;
}
