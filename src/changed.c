/* zonelint: --changed-since, the files git reports changed since a revision.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "changed.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "common.h"

extern char **environ;

#define GIT_OUTPUT_MAX (256u << 20) /* refuse absurd output rather than eat memory */

/*
 * Run git with a fixed argument vector (posix_spawnp: no shell, so nothing
 * in a revision or path is ever interpreted), stdin from /dev/null, stdout
 * collected, stderr passed through so git's own message reaches the user.
 * Returns 0 and the NUL-terminated output (caller frees), or ZL_EIO.
 */
static int run_git(char *const argv[], char **out, size_t *outlen, char *err, size_t errlen)
{
	int pfd[2];
	if (pipe(pfd) != 0) {
		snprintf(err, errlen, "cannot run git: %s", strerror(errno));
		return ZL_EIO;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pfd[1], 1);
	posix_spawn_file_actions_addclose(&fa, pfd[0]);
	posix_spawn_file_actions_addclose(&fa, pfd[1]);
	pid_t pid;
	int r = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pfd[1]);
	if (r != 0) {
		close(pfd[0]);
		snprintf(err, errlen, "cannot run git: %s", strerror(r));
		return ZL_EIO;
	}
	size_t len = 0, cap = 4096;
	char *buf = zl_xmalloc(cap);
	int toolong = 0;
	for (;;) {
		if (len + 1 >= cap) {
			if (cap >= GIT_OUTPUT_MAX) {
				toolong = 1;
				break;
			}
			cap *= 2;
			buf = zl_xrealloc(buf, cap);
		}
		ssize_t n = read(pfd[0], buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(pfd[0]);
	if (toolong)
		kill(pid, SIGTERM);
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	buf[len] = '\0';
	if (toolong || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		snprintf(err, errlen, "'git %s' failed%s", argv[1],
			 toolong ? ": too much output" : "");
		free(buf);
		return ZL_EIO;
	}
	*out = buf;
	*outlen = len;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the realpath of every NUL-separated name (relative to top) that exists. */
static void add_names(const char *top, const char *buf, size_t len, char ***list, size_t *n,
		      size_t *cap)
{
	for (size_t i = 0; i < len;) {
		const char *name = buf + i;
		size_t l = strlen(name);
		i += l + 1;
		if (!l)
			continue;
		char path[PATH_MAX * 2];
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", top, name) >= sizeof(path))
			continue;
		char *real = realpath(path, NULL);
		if (!real)
			continue; /* deleted since REV: nothing of it is loaded */
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*list = zl_xrealloc(*list, *cap * sizeof(**list));
		}
		(*list)[(*n)++] = real;
	}
}

int zl_changed_files(const zl_zoneset_t *set, const char *rev, unsigned char *changed,
		     char *err, size_t errlen)
{
	memset(changed, 0, set->nfiles);
	if (!*rev || rev[0] == '-') {
		snprintf(err, errlen, "--changed-since: '%s' is not a revision", rev);
		return ZL_EINVAL;
	}
	char *top = NULL, *out = NULL;
	size_t len;
	char *top_argv[] = { "git", "rev-parse", "--show-toplevel", NULL };
	if (run_git(top_argv, &top, &len, err, errlen)) {
		snprintf(err, errlen, "--changed-since needs a git work tree: 'git rev-parse "
			 "--show-toplevel' failed in the current folder");
		return ZL_EIO;
	}
	while (len && (top[len - 1] == '\n' || top[len - 1] == '\r'))
		top[--len] = '\0';

	size_t rl = strlen(rev);
	char *verify = zl_xmalloc(rl + 16);
	snprintf(verify, rl + 16, "%s^{commit}", rev);
	char *verify_argv[] = { "git", "rev-parse", "--verify", "--quiet", "--end-of-options",
				verify, NULL };
	int r = run_git(verify_argv, &out, &len, err, errlen);
	free(verify);
	free(out);
	out = NULL;
	if (r) {
		snprintf(err, errlen, "--changed-since: unknown revision '%s'", rev);
		free(top);
		return ZL_EINVAL;
	}

	char **list = NULL;
	size_t n = 0, cap = 0;
	char *diff_argv[] = { "git", "-C", top, "diff", "--name-only", "-z", "--no-renames",
			      "--no-ext-diff", "--end-of-options", (char *)rev, "--", NULL };
	char *others_argv[] = { "git", "-C", top, "ls-files", "-z", "--others",
				"--exclude-standard", NULL };
	r = run_git(diff_argv, &out, &len, err, errlen);
	if (!r) {
		add_names(top, out, len, &list, &n, &cap);
		free(out);
		out = NULL;
		r = run_git(others_argv, &out, &len, err, errlen);
	}
	if (!r)
		add_names(top, out, len, &list, &n, &cap);
	free(out);
	free(top);
	if (!r) {
		if (n > 1)
			qsort(list, n, sizeof(*list), cmp_str);
		for (uint32_t i = 0; i < set->nfiles && n; i++) {
			char *real = realpath(set->files[i].path, NULL);
			if (real && bsearch(&real, list, n, sizeof(*list), cmp_str))
				changed[i] = 1;
			free(real);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
	return r;
}

static int cmp_ptr(const void *a, const void *b)
{
	const void *x = *(const void *const *)a, *y = *(const void *const *)b;
	return x < y ? -1 : x > y;
}

size_t zl_findings_keep_changed(zl_findings_t *fs, const zl_zoneset_t *set,
				const unsigned char *changed)
{
	/* the zones touched: their zone file, or a record from an included file, changed */
	size_t nz = 0;
	for (const zl_zone_t *z = set->zones; z; z = z->next)
		nz++;
	const zl_zone_t **zones = zl_xmalloc((nz ? nz : 1) * sizeof(*zones));
	unsigned char *touched = zl_xcalloc(nz ? nz : 1, 1);
	nz = 0;
	for (const zl_zone_t *z = set->zones; z; z = z->next)
		zones[nz++] = z;
	qsort(zones, nz, sizeof(*zones), cmp_ptr);
	for (size_t i = 0; i < nz; i++)
		if (zones[i]->file < set->nfiles && changed[zones[i]->file])
			touched[i] = 1;
	for (const zl_node_t *node = zl_zoneset_nodes(set); node; node = zl_node_next(node))
		for (const zl_rr_t *rr = zl_node_rrs(node); rr; rr = zl_rr_next(rr)) {
			if (!zl_rr_zone(rr) || rr->file >= set->nfiles || !changed[rr->file])
				continue;
			const zl_zone_t *key = zl_rr_zone(rr);
			const zl_zone_t **hit = bsearch(&key, zones, nz, sizeof(*zones), cmp_ptr);
			if (hit)
				touched[hit - zones] = 1;
		}
	/* their names, sorted, to match the findings' zone strings */
	const char **names = zl_xmalloc((nz ? nz : 1) * sizeof(*names));
	size_t nn = 0;
	for (size_t i = 0; i < nz; i++)
		if (touched[i])
			names[nn++] = zones[i]->name;
	qsort(names, nn, sizeof(*names), cmp_str);

	size_t o = 0;
	for (size_t i = 0; i < fs->n; i++) {
		const zl_finding_t *f = &fs->v[i];
		int keep;
		if (f->file != ZL_NO_FILE && f->file < set->nfiles && changed[f->file])
			keep = 1;
		else if (f->zone)
			keep = nn && bsearch(&f->zone, names, nn, sizeof(*names), cmp_str) != NULL;
		else
			keep = f->file == ZL_NO_FILE;
		if (keep)
			fs->v[o++] = *f;
	}
	size_t dropped = fs->n - o;
	fs->n = o;
	free(names);
	free(touched);
	free(zones);
	return dropped;
}
