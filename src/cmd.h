/* zonelint: the subcommands, one cmd_<name>.c each.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_CMD_H
#define ZL_CMD_H

/*
 * Adding a command:
 *  1. write src/cmd_<name>.c with int zl_cmd_<name>(int argc, char **argv),
 *     which parses its own options and returns the exit status
 *     (0 clean, 1 findings, 2 could not run);
 *  2. declare it here and add it to commands[] in zonelint.c;
 *  3. add the source to Makefile.am, document it in man/zonelint.1.in and the
 *     usage text in zonelint.c (a test compares the two), and add tests under
 *     tests/cli/.
 */

int zl_cmd_check(int argc, char **argv);
int zl_cmd_dump(int argc, char **argv);
int zl_cmd_rules(int argc, char **argv);
int zl_cmd_explain(int argc, char **argv);
int zl_cmd_generate(int argc, char **argv);
/** @brief `zonelint snapshot`: the only command that uses the network (src/resolve.c). */
int zl_cmd_snapshot(int argc, char **argv);
/** @brief `zonelint generate dkim` (src/generate_dkim.c); argv[0] is "dkim". */
int zl_cmd_generate_dkim(int argc, char **argv);

/**
 * @brief Print one line on stderr, control bytes (an ANSI escape in a file
 *        name, a newline) written as \DDD so that nobody can forge or hide
 *        a line of a CI log through a name or a message.
 */
void zl_eprintf(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/** @brief A folder walk's unreadable file: "zonelint: <msg>" on stderr (zl_run_t.io_error). */
void zl_cmd_io_error(void *arg, const char *message);

/** @brief Print "zonelint: <msg>" on stderr (escaped as zl_eprintf does) and return 2. */
int zl_usage_error(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

#endif
