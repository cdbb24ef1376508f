/* zonelint test helper: copy a zone file with each $GENERATE expanded.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */

/*
 * Usage: genexpand [FILE]   (standard input without FILE)
 *
 * Every line is copied unchanged except $GENERATE directives, which are
 * replaced by the records they generate.  A directive may span lines in
 * parentheses and carry a comment; both are removed before parsing, as the
 * zonelint loader does.  Exit status: 0 done, 1 a directive was rejected
 * (reason on standard error), 2 usage or I/O error.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "gendirective.h"

typedef struct buf {
	char *p;
	size_t len, cap;
} buf_t;

static void
buf_add(buf_t *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (b->len + n + 1 > cap)
			cap *= 2;
		b->p = zl_xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Lexical state carried across physical lines. */
typedef struct lexstate {
	int depth;  /* open parentheses */
	int quoted; /* inside a quoted string */
} lexstate_t;

/*
 * Scan one physical line (without its newline).  When out is not NULL the
 * logical text is appended to it: comment removed, parentheses turned into
 * spaces.  Returns the state after the line.
 */
static void
scan_line(const char *s, size_t n, lexstate_t *st, buf_t *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (st->quoted) {
			if (c == '\\' && i + 1 < n) {
				if (out != NULL)
					buf_add(out, s + i, 2);
				i++;
				continue;
			}
			if (c == '"')
				st->quoted = 0;
		} else if (c == '\\' && i + 1 < n) {
			if (out != NULL)
				buf_add(out, s + i, 2);
			i++;
			continue;
		} else if (c == '"') {
			st->quoted = 1;
		} else if (c == ';') {
			break;
		} else if (c == '(' || c == ')') {
			st->depth += c == '(' ? 1 : -1;
			if (st->depth < 0)
				st->depth = 0;
			c = ' ';
		}
		if (out != NULL)
			buf_add(out, &c, 1);
	}
	/* a quoted string does not continue on the next line */
	st->quoted = 0;
}

static int
emit_line(void *ctx, const char *line, size_t len)
{
	FILE *fp = ctx;

	if (line[len] != '\0' || strlen(line) != len)
		return -100;
	fwrite(line, 1, len, fp);
	fputc('\n', fp);
	return 0;
}

/* Does the physical line start with the $GENERATE keyword? */
static size_t
generate_keyword(const char *s, size_t n)
{
	static const char kw[] = "$GENERATE";
	size_t k, kl = sizeof(kw) - 1;

	if (n < kl)
		return 0;
	for (k = 0; k < kl; k++) {
		char c = s[k];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c != kw[k])
			return 0;
	}
	if (n > kl && s[kl] != ' ' && s[kl] != '\t' && s[kl] != '(')
		return 0;
	return kl;
}

int
main(int argc, char **argv)
{
	FILE *in = stdin;
	const char *name = "-";
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	unsigned long lineno = 0, startline = 0;
	lexstate_t st = {0, 0};
	buf_t dir = {NULL, 0, 0};
	int in_dir = 0, status = 0;

	if (argc > 2) {
		fprintf(stderr, "usage: genexpand [FILE]\n");
		return 2;
	}
	if (argc == 2) {
		name = argv[1];
		in = fopen(name, "r");
		if (in == NULL) {
			perror(name);
			return 2;
		}
	}
	while ((got = getline(&line, &cap, in)) >= 0) {
		size_t n = (size_t)got, kl;

		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (!in_dir && st.depth == 0 &&
		    (kl = generate_keyword(line, n)) != 0) {
			in_dir = 1;
			startline = lineno;
			dir.len = 0;
			buf_add(&dir, "", 0);
			scan_line(line + kl, n - kl, &st, &dir);
		} else if (in_dir) {
			buf_add(&dir, " ", 1);
			scan_line(line, n, &st, &dir);
		} else {
			scan_line(line, n, &st, NULL);
			fwrite(line, 1, (size_t)got, stdout);
			continue;
		}
		if (st.depth == 0) {
			zl_arena_t arena;
			zl_generate_t g;
			uint64_t count;
			int r;

			in_dir = 0;
			zl_arena_init(&arena);
			r = zl_generate_parse(&g, dir.p, dir.len, &arena);
			if (r != 0) {
				fprintf(stderr, "genexpand: %s:%lu: %s: %s\n",
					name, startline,
					zl_gen_code_name(g.error.code),
					g.error.message);
				status = 1;
			} else if (zl_generate_count(&g, &count) != 0 ||
				   count > ZL_GENERATE_DEFAULT_LIMIT) {
				fprintf(stderr, "genexpand: %s:%lu: directive "
					"generates more than %u records\n",
					name, startline,
					ZL_GENERATE_DEFAULT_LIMIT);
				status = 1;
			} else if ((r = zl_generate_expand(&g, emit_line,
							   stdout)) != 0) {
				fprintf(stderr, "genexpand: %s:%lu: expansion "
					"failed (%d)\n", name, startline, r);
				status = 1;
			}
			zl_arena_free(&arena);
		}
	}
	if (in_dir) {
		fprintf(stderr, "genexpand: %s:%lu: unbalanced parentheses\n",
			name, startline);
		status = 1;
	}
	free(line);
	free(dir.p);
	if (in != stdin)
		fclose(in);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("genexpand: stdout");
		return 2;
	}
	return status;
}
