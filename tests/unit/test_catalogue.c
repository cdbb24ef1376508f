/* zonelint: every catalogue example triggers its rule (bad) or does not (good).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "rules.h"

static char tmproot[] = "/tmp/zl-catalogue-XXXXXX";

static void write_file(const char *dir, const char *name, const char *a, const char *b)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	for (char *p = path + strlen(dir) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0700);
			*p = '/';
		}
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	if (a)
		fputs(a, f);
	if (b)
		fputs(b, f);
	assert_int_equal(fclose(f), 0);
}

/* Run one example; return how many findings of @p rule it produced. */
static size_t run_example(const zl_example_t *ex, const char *rule, unsigned idx,
			  const char *kind)
{
	char dir[4200];
	snprintf(dir, sizeof(dir), "%s/%s-%s-%u", tmproot, rule, kind, idx);
	assert_int_equal(mkdir(dir, 0700), 0);
	if (ex->snippet)
		write_file(dir, "example.com.zone", zl_example_header, ex->snippet);
	for (unsigned i = 0; i < ex->nfiles; i++)
		write_file(dir, ex->names[i], ex->texts[i], NULL);
	zl_run_t run;
	zl_run_init(&run);
	char err[1024];
	if (ex->config) {
		int r = zl_config_load_buffer(&run.config, "example config", ex->config,
					      strlen(ex->config), err, sizeof(err));
		if (r)
			fail_msg("%s %s example %u: config: %s", rule, kind, idx, err);
	}
	/* the dir walk loads *.zone files; included files are named *.inc */
	zl_run_load(&run, dir, err, sizeof(err));
	zl_run_check(&run);
	size_t n = 0;
	for (size_t i = 0; i < run.findings.n; i++)
		if (!strcmp(run.findings.v[i].rule, rule))
			n++;
	if ((n == 0) == (kind[0] == 'b')) {
		fprintf(stderr, "# %s %s example %u: %zu findings of the rule; all findings:\n",
			rule, kind, idx, n);
		for (size_t i = 0; i < run.findings.n; i++) {
			char mb[ZL_FINDING_TEXT_MAX];
			fprintf(stderr, "#   %u: %s [%s]\n", run.findings.v[i].line,
				zl_finding_message(&run.findings.v[i], mb), run.findings.v[i].rule);
		}
	}
	zl_run_free(&run);
	return n;
}

static void test_rule(void **state)
{
	const zl_rule_def_t *r = *state;
	for (unsigned i = 0; i < r->nbad; i++)
		if (run_example(&r->bad[i], r->id, i, "bad") == 0)
			fail_msg("bad example %u of %s does not trigger it", i, r->id);
	for (unsigned i = 0; i < r->ngood; i++)
		if (run_example(&r->good[i], r->id, i, "good") != 0)
			fail_msg("good example %u of %s triggers it", i, r->id);
}

int main(void)
{
	if (!mkdtemp(tmproot)) {
		perror("mkdtemp");
		return 1;
	}
	struct CMUnitTest *tests = calloc(ZL_R__COUNT, sizeof(*tests));
	for (unsigned i = 0; i < ZL_R__COUNT; i++) {
		tests[i].name = zl_catalogue[i].id;
		tests[i].test_func = test_rule;
		tests[i].initial_state = (void *)&zl_catalogue[i];
	}
	int r = _cmocka_run_group_tests("catalogue", tests, ZL_R__COUNT, NULL, NULL);
	free(tests);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmproot);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmproot);
	return r;
}
