/* zonelint: command-line entry point: option parsing and dispatch only.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "config.h"

#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "cmd.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0"
#endif

static const char usage_text[] =
	"usage: zonelint check [--format text|json|sarif|codeclimate|junit]\n"
	"                      [--fail-on error|warning|info|never] [--origin NAME]\n"
	"                      [--config FILE | --no-config] [--disable RULE,..]\n"
	"                      [--baseline FILE] [--write-baseline FILE] [--changed-since REV]\n"
	"                      [--resolve [--resolver ADDR[:PORT]] | --external FILE] PATH...\n"
	"       zonelint snapshot --out FILE [--resolver ADDR[:PORT]] [--resolve-budget N]\n"
	"                         [--origin NAME] [--config FILE] PATH...\n"
	"       zonelint dump [--origin NAME] FILE...\n"
	"       zonelint rules [--format text|json]\n"
	"       zonelint generate parked DOMAIN... [--rua URI].. [--ttl N] [--wildcard]\n"
	"                        [--format zone|json|nsupdate]\n"
	"       zonelint generate parked --zone FILE [--origin NAME] [--rua URI].. [--wildcard]\n"
	"       zonelint generate spf DOMAIN [--ip4 CIDR].. [--ip6 CIDR].. [--include D]..\n"
	"                        [--mx] [--a] [--all fail|softfail] [--zones PATH]..\n"
	"       zonelint generate dmarc DOMAIN --policy none|quarantine|reject [--sp ..]\n"
	"                        [--rua URI].. [--ruf URI].. [--adkim s|r] [--aspf s|r]\n"
	"       zonelint generate mta-sts DOMAIN --mx HOST.. [--mode testing|enforce]\n"
	"                        [--max-age N] [--id ID] [--format zone|json|nsupdate|policy]\n"
	"       zonelint generate tlsrpt DOMAIN --rua URI..\n"
	"       zonelint generate dkim --selector S --key FILE [--domain D] [--ttl N]\n"
	"                        [--format zone|json|nsupdate]\n"
	"       zonelint explain RULE\n"
	"       zonelint --version\n"
	"       zonelint --help\n";

typedef struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
} command_t;

static const command_t commands[] = {
	{ "check", zl_cmd_check },
	{ "dump", zl_cmd_dump },
	{ "explain", zl_cmd_explain },
	{ "generate", zl_cmd_generate },
	{ "rules", zl_cmd_rules },
	{ "snapshot", zl_cmd_snapshot },
};

static void veprint(const char *prefix, const char *fmt, va_list ap)
{
	char buf[4096];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0)
		buf[0] = '\0';
	fputs(prefix, stderr);
	for (const char *p = buf; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c == 0x7f)
			fprintf(stderr, "\\%03u", c);
		else
			fputc(c, stderr);
	}
	fputc('\n', stderr);
}

void zl_eprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	veprint("", fmt, ap);
	va_end(ap);
}

void zl_cmd_io_error(void *arg, const char *message)
{
	(void)arg;
	zl_usage_error("%s", message);
}

int zl_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	veprint("zonelint: ", fmt, ap);
	va_end(ap);
	return 2;
}

int main(int argc, char **argv)
{
#ifdef M_MMAP_THRESHOLD
	/* Big blocks (arena chunks, findings arrays) get their own mappings and
	 * go back to the system when freed.  glibc would otherwise raise the
	 * threshold after the first such free and serve them from the heap,
	 * where the rule threads' freed arrays stay resident while the joined
	 * list is built: 9 MB more at the peak on a zone of a million records. */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	/* OpenSSL only parses and verifies keys here (DKIM, DNSKEY, TLSA) and
	 * takes SHA digests: it needs neither the system's openssl.cnf nor its
	 * error texts (zonelint prints none).  Left to itself it reads both at
	 * its first use, half the instructions of a check of a small zone.
	 * Without the config, a system crypto policy cannot change what a check
	 * reports either. */
	OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS, NULL);
	if (argc < 2)
		return fputs(usage_text, stderr), 2;
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
		printf("zonelint %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(usage_text, stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, cmd))
			return commands[i].fn(argc - 1, argv + 1);
	zl_usage_error("unknown command '%s' (try 'zonelint --help')", cmd);
	return 2;
}
