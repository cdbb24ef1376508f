/* zonelint: run a fuzz target over files, without libFuzzer, for `make check`.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Linked with one tests/fuzz/fuzz_*.c, this is a plain program:
 *   replay_X PATH...
 * Every PATH is a file or a folder; every file of a folder (not its dot
 * files, not its subfolders) is fed to LLVMFuzzerTestOneInput() in sorted
 * order, each in a buffer of exactly its size, so a sanitizer build sees any
 * read past the end.  Before each input its path is written to stderr
 * ("replay: PATH"), so the last such line names the input that crashed.
 * Exit status: 0 when every input ran, 2 when a path could not be read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int run_file(const char *path, unsigned long *count)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: cannot read '%s': %s\n", path, strerror(errno));
		return 2;
	}
	size_t cap = 4096, len = 0;
	uint8_t *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			cap *= 2;
			uint8_t *nb = realloc(buf, cap);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	int bad = ferror(f);
	fclose(f);
	if (!buf || bad) {
		fprintf(stderr, "replay: cannot read '%s'\n", path);
		free(buf);
		return 2;
	}
	/* an exact-size copy, so an over-read is outside the allocation */
	uint8_t *exact = malloc(len ? len : 1);
	if (!exact) {
		free(buf);
		return 2;
	}
	memcpy(exact, buf, len);
	free(buf);
	fprintf(stderr, "replay: %s\n", path);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	(*count)++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, unsigned long *count)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "replay: cannot read folder '%s': %s\n", dir, strerror(errno));
		return 2;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	int status = 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char **nn = realloc(names, (n + 1) * sizeof(*names));
		if (!nn) {
			status = 2;
			break;
		}
		names = nn;
		size_t l = strlen(dir) + strlen(de->d_name) + 2;
		if (!(names[n] = malloc(l))) {
			status = 2;
			break;
		}
		snprintf(names[n], l, "%s/%s", dir, de->d_name);
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		if (status == 0 && stat(names[i], &sb) == 0 && S_ISREG(sb.st_mode))
			status = run_file(names[i], count);
		free(names[i]);
	}
	free(names);
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|FOLDER...\n", argv[0]);
		return 2;
	}
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	unsigned long count = 0;
	int status = 0;
	for (int i = 1; i < argc && status == 0; i++) {
		struct stat sb;
		if (stat(argv[i], &sb) != 0) {
			fprintf(stderr, "replay: cannot read '%s': %s\n", argv[i], strerror(errno));
			status = 2;
		} else if (S_ISDIR(sb.st_mode)) {
			status = run_dir(argv[i], &count);
		} else {
			status = run_file(argv[i], &count);
		}
	}
	printf("%lu\n", count);
	return status;
}
