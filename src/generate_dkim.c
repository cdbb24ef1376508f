/* zonelint: `zonelint generate dkim`: the DKIM key record for a PEM key file.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dkimkey.h"
#include "generate.h"
#include "util.h"

/*
 * What opendkim-genkey writes into s1.txt, but from a key that already
 * exists (public or private, RSA or Ed25519) and with its size checked first:
 * RFC 8301 section 3.2 forbids RSA keys under 1024 bits, so those are
 * refused (exit 2), and keys under 2048 bits get a warning.  The record goes
 * through the generator's printer, so it is split into strings of at most
 * 255 octets like every other TXT record zonelint prints.
 */

/* A key file is a few kilobytes; anything much larger is not one. */
#define KEY_FILE_MAX (1024 * 1024)

enum { O_DOMAIN = 256, O_FORMAT, O_KEY, O_SELECTOR, O_TTL };

static const struct option opts[] = {
	{ "domain", required_argument, NULL, O_DOMAIN },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ "key", required_argument, NULL, O_KEY },
	{ "selector", required_argument, NULL, O_SELECTOR },
	{ "ttl", required_argument, NULL, O_TTL },
	{ NULL, 0, NULL, 0 }
};

static const char usage[] =
	"usage: zonelint generate dkim --selector S --key FILE [--domain D] [--ttl N]\n"
	"                        [--format zone|json|nsupdate]\n";

static int fail(const char *fmt, ...) ZL_PRINTF(1, 2);
static int fail(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return zl_usage_error("generate dkim: %s", msg);
}

/* What a person typed, safe to print. */
typedef struct shown {
	char s[300];
} shown_t;

static shown_t show(const char *arg)
{
	shown_t o;
	zl_escape(o.s, sizeof(o.s), arg, strlen(arg));
	return o;
}

/*
 * A selector is one or more labels (RFC 6376 section 3.1: sub-domain
 * *("." sub-domain)); letters, digits, "-" and "_" (which DNS allows and
 * some signers use), lower-cased into @p out.
 */
static int selector_ok(const char *s, char *out, size_t cap)
{
	size_t n = strlen(s), label = 0;
	if (n == 0 || n >= cap)
		return -1;
	for (size_t i = 0; i <= n; i++) {
		char c = s[i];
		if (c == '.' || c == '\0') {
			if (label == 0 || label > 63 || s[i - 1] == '-')
				return -1;
			label = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
			   (c == '-' && label > 0)) {
			label++;
		} else if (c >= 'A' && c <= 'Z') {
			label++;
			c = (char)(c + 32);
		} else {
			return -1;
		}
		out[i] = c;
	}
	return 0;
}

/* Read a whole (small) file; NULL with errno set on failure. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = zl_xmalloc(KEY_FILE_MAX + 1);
	size_t n = fread(buf, 1, KEY_FILE_MAX + 1, f);
	int bad = ferror(f);
	fclose(f);
	if (bad || n > KEY_FILE_MAX) {
		free(buf);
		errno = bad ? EIO : EFBIG;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int build(zl_recset_t *rs, const char *selector, const char *domain, const char *path,
		 uint32_t ttl)
{
	zl_arena_t *a = rs->arena;
	size_t len = 0;
	char *pem = read_file(path, &len);
	if (!pem)
		return fail("cannot read '%s': %s", show(path).s, strerror(errno));
	zl_dkimkey_record_t k;
	zl_dkimkey_record_from_pem(a, &k, pem, len);
	free(pem);
	switch (k.status) {
	case ZL_DKIMKEY_OK:
		break;
	case ZL_DKIMKEY_ENCRYPTED_PEM:
		return fail("'%s' is an encrypted private key: give the public key instead "
			    "('openssl pkey -in FILE -pubout')", show(path).s);
	case ZL_DKIMKEY_UNSUPPORTED_KEY:
		return fail("'%s' holds a key of type %s; DKIM keys are RSA or Ed25519 (RFC 6376, "
			    "RFC 8463)", show(path).s, k.alg);
	case ZL_DKIMKEY_BAD_DER:
		return fail("the key in '%s' cannot be decoded", show(path).s);
	default:
		return fail("'%s' holds no PEM public or private key", show(path).s);
	}
	/* RFC 8301 section 3.2: MUST NOT use RSA keys under 1024 bits */
	if (k.type == ZL_DKIMKEY_RSA && k.bits < 1024)
		return fail("'%s' is a %u-bit RSA key; RFC 8301 section 3.2 forbids keys under "
			    "1024 bits (make a 2048-bit one)", show(path).s, k.bits);

	const char *type = zl_dkimkey_type_name(k.type);
	const char *owner = domain ? zl_arena_printf(a, "%s._domainkey.%s", selector, domain)
				   : zl_arena_printf(a, "%s._domainkey", selector);
	zl_recset_header(rs, "zonelint generate dkim: the DKIM key record of selector %s "
			 "(RFC 6376 section 3.6.1).", selector);
	zl_recset_header(rs, "The %s %u-bit key read from a PEM \"%s\" block.", type, k.bits,
			 k.label);
	zl_recset_block_t *b;
	if (domain)
		b = zl_recset_block(rs, domain, "DKIM key %s for %.*s", selector,
				    (int)strlen(domain) - 1, domain);
	else
		b = zl_recset_block(rs, NULL, "DKIM key %s", selector);
	if (!domain)
		zl_recset_note(rs, b, false, "the owner is relative: put the record in the "
			       "zone of the signing domain");
	if (k.type == ZL_DKIMKEY_RSA && k.bits < 2048) {
		/* RFC 8301 section 3.2: SHOULD use at least 2048 bits */
		zl_recset_note(rs, b, false, "warning: a %u-bit RSA key is weak; RFC 8301 "
			       "section 3.2 asks for at least 2048 bits", k.bits);
		zl_eprintf("zonelint: generate dkim: warning: '%s' is a %u-bit RSA key; "
			   "RFC 8301 section 3.2 asks for at least 2048 bits", show(path).s, k.bits);
	}
	zl_recset_add(rs, b, owner, ttl, ZL_TYPE_TXT, k.record, NULL);
	return 0;
}

int zl_cmd_generate_dkim(int argc, char **argv)
{
	const char *selector = NULL, *key = NULL, *domain_arg = NULL, *format = "zone";
	uint64_t ttl = ZL_GENERATE_TTL;
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return 0;
		case O_DOMAIN: domain_arg = optarg; break;
		case O_FORMAT: format = optarg; break;
		case O_KEY: key = optarg; break;
		case O_SELECTOR: selector = optarg; break;
		case O_TTL:
			/* RFC 2181 section 8 */
			if (zl_parse_u64(optarg, 1, 2147483647u, &ttl))
				return fail("--ttl must be a number of seconds from 1 to "
					    "2147483647");
			break;
		case ':':
			return fail("option '%s' needs a value", show(argv[optind - 1]).s);
		default: {
			char one[3] = { '-', (char)optopt, '\0' };
			return fail("unknown option '%s' (try 'zonelint generate dkim --help')",
				    show(optopt && optopt < 256 ? one : argv[optind - 1]).s);
		}
		}
	}
	if (optind < argc)
		return fail("unexpected argument '%s' (the domain goes with --domain)",
			    show(argv[optind]).s);
	if (!selector || !key)
		return fail("--selector and --key are required");
	zl_recset_format_t fmt;
	if (!strcmp(format, "zone"))
		fmt = ZL_RECSET_ZONE;
	else if (!strcmp(format, "json"))
		fmt = ZL_RECSET_JSON;
	else if (!strcmp(format, "nsupdate") && domain_arg)
		fmt = ZL_RECSET_NSUPDATE;
	else
		return fail("--format is zone, json or (with --domain) nsupdate");
	char sel[256];
	if (selector_ok(selector, sel, sizeof(sel)))
		return fail("'%s' is not a selector: labels of letters, digits, '-' and '_', "
			    "separated by dots (RFC 6376 section 3.1)", show(selector).s);

	zl_arena_t arena;
	zl_arena_init(&arena);
	int status = 0;
	const char *domain = NULL;
	char err[512] = "";
	if (domain_arg && zl_generate_domain(&arena, domain_arg, false, &domain, err, sizeof(err)))
		status = fail("%s", err);
	else if (domain && strlen(sel) + strlen("._domainkey.") + strlen(domain) > 254)
		status = fail("'%s._domainkey' and the domain make a name over 253 octets", sel);
	zl_recset_t rs;
	zl_recset_init(&rs, &arena, "dkim");
	if (!status)
		status = build(&rs, sel, domain, key, (uint32_t)ttl);
	if (!status && (zl_recset_print(stdout, &rs, fmt) || fflush(stdout) || ferror(stdout)))
		status = zl_usage_error("cannot write the records");
	zl_arena_free(&arena);
	return status;
}
