/* zonelint: one check run, from paths to a sorted finding list.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "check.h"

#include <string.h>

#include "external.h"

void zl_run_init(zl_run_t *run)
{
	memset(run, 0, sizeof(*run));
	zl_zoneset_init(&run->set);
	zl_config_init(&run->config);
	zl_findings_init(&run->findings);
}

static zl_loader_t *loader(zl_run_t *run)
{
	if (!run->loader) {
		zl_load_opts_t o = { 0 };
		o.origin = run->origin;
		o.allow = run->config.include_allow;
		o.nallow = run->config.ninclude_allow;
		o.generate_limit = run->config.generate_limit;
		o.io_error = run->io_error;
		o.jobs = run->jobs;
		run->loader = zl_loader_new(&run->set, &o);
	}
	return run->loader;
}

int zl_run_load(zl_run_t *run, const char *path, char *err, size_t errlen)
{
	int r = zl_loader_load_path(loader(run), path, err, errlen);
	if (r)
		run->io_errors++;
	return r;
}

int zl_run_load_buffer(zl_run_t *run, const char *name, const char *data, size_t len)
{
	return zl_loader_load_buffer(loader(run), name, data, len);
}

int zl_run_load_external(zl_run_t *run, const char *path, const char *data, size_t len,
			 char *err, size_t errlen)
{
	int r = zl_loader_load_external(loader(run), path, path, data, len, err, errlen);
	if (r)
		run->io_errors++;
	return r;
}

void zl_run_check(zl_run_t *run)
{
	zl_external_finish(&run->set);
	zl_ctx_t ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.set = &run->set;
	ctx.config = &run->config;
	ctx.findings = &run->findings;
	ctx.diags = run->loader ? zl_loader_diags(run->loader) : NULL;
	ctx.jobs = run->jobs;
	zl_rules_run(&ctx);
	zl_findings_apply_suppressions(&ctx, run->loader ? zl_loader_suppressions(run->loader)
							 : NULL);
	zl_findings_sort(&run->findings, &run->set);
}

void zl_run_free(zl_run_t *run)
{
	zl_loader_free(run->loader);
	zl_findings_free(&run->findings);
	zl_config_free(&run->config);
	zl_zoneset_free(&run->set);
	memset(run, 0, sizeof(*run));
}
