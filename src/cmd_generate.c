/* zonelint: `zonelint generate`: option parsing for the record-set builders of generate.h.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "generate.h"
#include "load.h"
#include "util.h"

enum {
	O_FORMAT = 256, O_TTL, O_RUA, O_RUF, O_WILDCARD, O_ZONE, O_ORIGIN, O_IP4, O_IP6,
	O_INCLUDE, O_MXFLAG, O_A, O_ALL, O_ZONES, O_CONFIG, O_NO_CONFIG, O_POLICY, O_SP,
	O_ADKIM, O_ASPF, O_MXHOST, O_MODE, O_MAX_AGE, O_ID
};

#define COMMON { "format", required_argument, NULL, O_FORMAT }, \
	{ "help", no_argument, NULL, 'h' }, { "ttl", required_argument, NULL, O_TTL }
#define END { NULL, 0, NULL, 0 }

static const struct option parked_opts[] = {
	COMMON, { "origin", required_argument, NULL, O_ORIGIN },
	{ "rua", required_argument, NULL, O_RUA }, { "wildcard", no_argument, NULL, O_WILDCARD },
	{ "zone", required_argument, NULL, O_ZONE }, END
};
static const struct option spf_opts[] = {
	COMMON, { "a", no_argument, NULL, O_A }, { "all", required_argument, NULL, O_ALL },
	{ "config", required_argument, NULL, O_CONFIG },
	{ "include", required_argument, NULL, O_INCLUDE },
	{ "ip4", required_argument, NULL, O_IP4 }, { "ip6", required_argument, NULL, O_IP6 },
	{ "mx", no_argument, NULL, O_MXFLAG }, { "no-config", no_argument, NULL, O_NO_CONFIG },
	{ "zones", required_argument, NULL, O_ZONES }, END
};
static const struct option dmarc_opts[] = {
	COMMON, { "adkim", required_argument, NULL, O_ADKIM },
	{ "aspf", required_argument, NULL, O_ASPF },
	{ "policy", required_argument, NULL, O_POLICY },
	{ "rua", required_argument, NULL, O_RUA }, { "ruf", required_argument, NULL, O_RUF },
	{ "sp", required_argument, NULL, O_SP }, END
};
static const struct option sts_opts[] = {
	COMMON, { "id", required_argument, NULL, O_ID },
	{ "max-age", required_argument, NULL, O_MAX_AGE },
	{ "mode", required_argument, NULL, O_MODE }, { "mx", required_argument, NULL, O_MXHOST },
	END
};
static const struct option tlsrpt_opts[] = { COMMON, { "rua", required_argument, NULL, O_RUA },
					     END };

static const char usage[] =
	"usage: zonelint generate parked DOMAIN... [--rua URI].. [--ttl N] [--wildcard]\n"
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
	"                        [--format zone|json|nsupdate]\n";

/* A growing list of option values (they point into argv). */
typedef struct list {
	const char **v;
	size_t n;
} list_t;

static void push(list_t *l, const char *s)
{
	l->v = zl_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = s;
}

typedef struct args {
	const char *kind;
	const char *format, *zone, *origin, *config, *all, *policy, *sp, *adkim, *aspf, *mode;
	const char *id;
	uint64_t ttl, max_age;
	bool wildcard, mx, a, no_config, max_age_set;
	list_t rua, ruf, ip4, ip6, include, zones, mxhost, pos;
} args_t;

static void args_free(args_t *g)
{
	free(g->rua.v);
	free(g->ruf.v);
	free(g->ip4.v);
	free(g->ip6.v);
	free(g->include.v);
	free(g->zones.v);
	free(g->mxhost.v);
	free(g->pos.v);
}

static int fail(const args_t *g, const char *msg)
{
	return zl_usage_error("generate %s: %s", g->kind, msg);
}

/* @return 0, or 2 after printing why */
static int parse(args_t *g, int argc, char **argv, const struct option *opts)
{
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return -1;
		case O_FORMAT: g->format = optarg; break;
		case O_TTL:
			/* RFC 2181 section 8: 0 to 2^31 - 1; 0 is refused (see docs) */
			if (zl_parse_u64(optarg, 1, 2147483647u, &g->ttl))
				return fail(g, "--ttl must be a number of seconds from 1 to "
					    "2147483647");
			break;
		case O_RUA: push(&g->rua, optarg); break;
		case O_RUF: push(&g->ruf, optarg); break;
		case O_WILDCARD: g->wildcard = true; break;
		case O_ZONE:
			if (g->zone)
				return fail(g, "--zone is given twice");
			g->zone = optarg;
			break;
		case O_ORIGIN: g->origin = optarg; break;
		case O_IP4: push(&g->ip4, optarg); break;
		case O_IP6: push(&g->ip6, optarg); break;
		case O_INCLUDE: push(&g->include, optarg); break;
		case O_MXFLAG: g->mx = true; break;
		case O_A: g->a = true; break;
		case O_ALL: g->all = optarg; break;
		case O_ZONES: push(&g->zones, optarg); break;
		case O_CONFIG: g->config = optarg; break;
		case O_NO_CONFIG: g->no_config = true; break;
		case O_POLICY: g->policy = optarg; break;
		case O_SP: g->sp = optarg; break;
		case O_ADKIM: g->adkim = optarg; break;
		case O_ASPF: g->aspf = optarg; break;
		case O_MXHOST: push(&g->mxhost, optarg); break;
		case O_MODE: g->mode = optarg; break;
		case O_ID: g->id = optarg; break;
		case O_MAX_AGE:
			if (zl_parse_u64(optarg, 0, 31557600u, &g->max_age))
				return fail(g, "--max-age must be a number of seconds from 0 to "
					    "31557600 (RFC 8461 section 3.2)");
			g->max_age_set = true;
			break;
		case ':': {
			char m[300], shown[200];
			const char *o = argv[optind - 1];
			snprintf(m, sizeof(m), "option '%s' needs a value",
				 zl_escape(shown, sizeof(shown), o, strlen(o)));
			return fail(g, m);
		}
		default: {
			char m[300], shown[200];
			const char *o = optopt && optopt < 256 ? NULL : argv[optind - 1];
			char one[3] = { '-', (char)optopt, '\0' };
			if (!o)
				o = one;
			snprintf(m, sizeof(m), "unknown option '%s' (try 'zonelint generate "
				 "--help')", zl_escape(shown, sizeof(shown), o, strlen(o)));
			return fail(g, m);
		}
		}
	}
	for (int i = optind; i < argc; i++)
		push(&g->pos, argv[i]);
	return 0;
}

static int dmarc_policy(const char *s, zl_dmarc_policy_t *out)
{
	if (!strcmp(s, "none"))
		*out = ZL_DMARC_POLICY_NONE;
	else if (!strcmp(s, "quarantine"))
		*out = ZL_DMARC_POLICY_QUARANTINE;
	else if (!strcmp(s, "reject"))
		*out = ZL_DMARC_POLICY_REJECT;
	else
		return ZL_EINVAL;
	return 0;
}

static int align(const char *s, zl_dmarc_align_t *out)
{
	if (!strcmp(s, "s"))
		*out = ZL_DMARC_ALIGN_STRICT;
	else if (!strcmp(s, "r"))
		*out = ZL_DMARC_ALIGN_RELAXED;
	else
		return ZL_EINVAL;
	return 0;
}

/* Exactly one DOMAIN argument. */
static int one_domain(const args_t *g)
{
	if (g->pos.n == 1)
		return 0;
	return fail(g, g->pos.n ? "give one domain" : "no domain given");
}

static int load_zone(zl_run_t *run, const char *path, char *err, size_t errlen)
{
	if (zl_run_load(run, path, err, errlen))
		return ZL_EIO;
	for (const zl_diag_t *d = run->loader ? zl_loader_diags(run->loader) : NULL; d;
	     d = d->next)
		if (d->code == ZL_DIAG_SYNTAX) {
			const char *f = d->file < run->set.nfiles ? run->set.files[d->file].display
								  : path;
			snprintf(err, errlen, "%s:%u: the zone does not load cleanly (%s); run "
				 "'zonelint check' first", f, d->line, d->message);
			return ZL_EINVAL;
		}
	return 0;
}

static int build(args_t *g, zl_recset_t *rs, char *err, size_t errlen)
{
	const char *kind = g->kind;
	uint32_t ttl = (uint32_t)g->ttl;
	if (!strcmp(kind, "parked")) {
		zl_parked_opts_t o = { ttl, g->rua.v, g->rua.n, g->wildcard };
		if (!g->zone) {
			if (g->origin) {
				snprintf(err, errlen, "--origin goes with --zone");
				return ZL_EINVAL;
			}
			if (!g->pos.n) {
				snprintf(err, errlen, "no domain given (or --zone FILE)");
				return ZL_EINVAL;
			}
			return zl_generate_parked(rs, g->pos.v, g->pos.n, &o, err, errlen);
		}
		if (g->pos.n) {
			snprintf(err, errlen, "give domains or --zone FILE, not both");
			return ZL_EINVAL;
		}
		zl_run_t run;
		zl_run_init(&run);
		run.origin = g->origin;
		int r = load_zone(&run, g->zone, err, errlen);
		if (!r && !run.set.nzones) {
			snprintf(err, errlen, "no zone found in '%s'", g->zone);
			r = ZL_EINVAL;
		}
		if (!r)
			r = zl_generate_harden_zones(rs, &run.set, &o, err, errlen);
		/* records point into the arena, not the zone set: safe to free */
		zl_run_free(&run);
		return r;
	}
	if (one_domain(g))
		return 2;
	const char *domain = g->pos.v[0];
	if (!strcmp(kind, "dmarc")) {
		zl_dmarc_policy_opts_t o;
		memset(&o, 0, sizeof(o));
		if (!g->policy) {
			snprintf(err, errlen, "--policy is required (none, quarantine or reject)");
			return ZL_EINVAL;
		}
		if (dmarc_policy(g->policy, &o.p) || (g->sp && dmarc_policy(g->sp, &o.sp))) {
			snprintf(err, errlen, "--policy and --sp are none, quarantine or reject");
			return ZL_EINVAL;
		}
		if ((g->adkim && align(g->adkim, &o.adkim)) ||
		    (g->aspf && align(g->aspf, &o.aspf))) {
			snprintf(err, errlen, "--adkim and --aspf are s (strict) or r (relaxed)");
			return ZL_EINVAL;
		}
		o.rua = g->rua.v;
		o.nrua = g->rua.n;
		o.ruf = g->ruf.v;
		o.nruf = g->ruf.n;
		o.ttl = ttl;
		return zl_generate_dmarc(rs, domain, &o, err, errlen);
	}
	if (!strcmp(kind, "mta-sts")) {
		zl_sts_policy_opts_t o;
		memset(&o, 0, sizeof(o));
		if (g->mode && strcmp(g->mode, "testing") && strcmp(g->mode, "enforce")) {
			snprintf(err, errlen, "--mode is testing or enforce");
			return ZL_EINVAL;
		}
		o.enforce = g->mode && !strcmp(g->mode, "enforce");
		o.mx = g->mxhost.v;
		o.nmx = g->mxhost.n;
		o.max_age = g->max_age_set ? g->max_age : 604800;
		o.id = g->id;
		o.ttl = ttl;
		return zl_generate_mta_sts(rs, domain, &o, err, errlen);
	}
	if (!strcmp(kind, "tlsrpt"))
		return zl_generate_tlsrpt(rs, domain, g->rua.v, g->rua.n, ttl, err, errlen);

	/* spf */
	zl_spf_build_opts_t o;
	memset(&o, 0, sizeof(o));
	if (g->all && strcmp(g->all, "fail") && strcmp(g->all, "softfail")) {
		snprintf(err, errlen, "--all is fail (-all) or softfail (~all)");
		return ZL_EINVAL;
	}
	o.softfail = g->all && !strcmp(g->all, "softfail");
	o.ip4 = g->ip4.v;
	o.nip4 = g->ip4.n;
	o.ip6 = g->ip6.v;
	o.nip6 = g->ip6.n;
	o.include = g->include.v;
	o.ninclude = g->include.n;
	o.a = g->a;
	o.mx = g->mx;
	o.ttl = ttl;
	zl_run_t run;
	zl_run_init(&run);
	int r = zl_config_load_default(&run.config, g->config, g->no_config, err, errlen) ?
			ZL_EINVAL : 0;
	for (size_t i = 0; !r && i < g->zones.n; i++)
		r = load_zone(&run, g->zones.v[i], err, errlen);
	if (!r) {
		o.set = &run.set;
		o.config = &run.config;
		r = zl_generate_spf(rs, domain, &o, err, errlen);
	}
	zl_run_free(&run);
	return r;
}

int zl_cmd_generate(int argc, char **argv)
{
	args_t g;
	memset(&g, 0, sizeof(g));
	g.kind = argc > 1 ? argv[1] : "";
	if (argc < 2)
		return zl_usage_error("generate: say what to generate: parked, spf, dmarc, "
				      "dkim, mta-sts or tlsrpt (see 'zonelint generate --help')");
	if (!strcmp(g.kind, "--help") || !strcmp(g.kind, "-h")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(g.kind, "dkim"))
		return zl_cmd_generate_dkim(argc - 1, argv + 1); /* src/generate_dkim.c */
	const struct option *opts = !strcmp(g.kind, "parked")  ? parked_opts :
				    !strcmp(g.kind, "spf")     ? spf_opts :
				    !strcmp(g.kind, "dmarc")   ? dmarc_opts :
				    !strcmp(g.kind, "mta-sts") ? sts_opts :
				    !strcmp(g.kind, "tlsrpt")  ? tlsrpt_opts : NULL;
	if (!opts) {
		char shown[200];
		return zl_usage_error("generate: unknown record set '%s' (parked, spf, dmarc, "
				      "dkim, mta-sts or tlsrpt)",
				      zl_escape(shown, sizeof(shown), g.kind, strlen(g.kind)));
	}
	int status = parse(&g, argc - 1, argv + 1, opts);
	if (status) {
		args_free(&g);
		return status < 0 ? 0 : status;
	}
	zl_recset_format_t fmt = ZL_RECSET_ZONE;
	const char *f = g.format ? g.format : "zone";
	if (!strcmp(f, "json"))
		fmt = ZL_RECSET_JSON;
	else if (!strcmp(f, "nsupdate"))
		fmt = ZL_RECSET_NSUPDATE;
	else if (!strcmp(f, "policy") && !strcmp(g.kind, "mta-sts"))
		fmt = ZL_RECSET_POLICY;
	else if (strcmp(f, "zone")) {
		status = fail(&g, !strcmp(g.kind, "mta-sts")
					  ? "--format is zone, json, nsupdate or policy"
					  : "--format is zone, json or nsupdate");
		args_free(&g);
		return status;
	}
	zl_arena_t arena;
	zl_arena_init(&arena);
	zl_recset_t rs;
	zl_recset_init(&rs, &arena, g.kind);
	char err[1024] = "";
	int r = build(&g, &rs, err, sizeof(err));
	if (r == 2) {
		status = 2; /* already reported */
	} else if (r) {
		status = fail(&g, err[0] ? err : "cannot build the records");
	} else if (!zl_recset_empty(&rs)) {
		/* a zone that is already hardened prints nothing */
		if (zl_recset_print(stdout, &rs, fmt) || fflush(stdout) || ferror(stdout))
			status = zl_usage_error("cannot write the records");
	}
	zl_arena_free(&arena);
	args_free(&g);
	return status;
}
