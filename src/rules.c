/* zonelint: the rules registry: severities, finding emission, the family run.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "rules.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "custom.h"
#include "findings.h"
#include "util.h"

#include <ldns/ldns.h>

const char zl_example_header[] =
	"$ORIGIN example.com.\n"
	"$TTL 3600\n"
	"@ IN SOA ns1.example.com. hostmaster.example.com. 2026010101 7200 3600 1209600 3600\n"
	"@ IN NS ns1.example.com.\n"
	"@ IN NS ns2.example.com.\n"
	"ns1 IN A 192.0.2.1\n"
	"ns2 IN A 192.0.2.2\n";

zl_severity_t zl_rule_severity(const zl_ctx_t *ctx, zl_rule_id_t rule)
{
	if (rule >= ZL_R__COUNT)
		return ZL_SEV_OFF;
	return ctx->config ? ctx->config->severity[rule] : zl_catalogue[rule].severity;
}

bool zl_rule_enabled(const zl_ctx_t *ctx, zl_rule_id_t rule)
{
	return zl_rule_severity(ctx, rule) != ZL_SEV_OFF;
}

int zl_rule_lookup(const char *id, zl_rule_id_t *out)
{
	for (unsigned i = 0; i < ZL_R__COUNT; i++)
		if (!strcmp(zl_catalogue[i].id, id)) {
			*out = (zl_rule_id_t)i;
			return 0;
		}
	return ZL_ENOTFOUND;
}

bool zl_rule_id_is_builtin_family(const char *id)
{
	static const char *const reserved[] = { "zone", "spf", "dmarc", "dkim", "mx", "nullmx",
						"dnssec", "tlsa", "mtasts", "tlsrpt", "bimi" };
	for (unsigned i = 0; i < ZL_ARRAY_SIZE(reserved); i++) {
		size_t l = strlen(reserved[i]);
		if (!strncmp(id, reserved[i], l) && id[l] == '-')
			return true;
	}
	for (unsigned i = 0; i < ZL_FAMILY_COUNT; i++) {
		size_t l = strlen(zl_families[i].name);
		if (!strncmp(id, zl_families[i].name, l) && id[l] == '-')
			return true;
	}
	return false;
}

/* Messages are built by checks from escaped zone data; escape again whatever
 * control or non-ASCII byte slipped through, so no report carries one. */
static const char *vformat(zl_findings_t *fs, const zl_finding_t *f, const char *fmt, va_list ap)
{
	char buf[4096];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0)
		buf[0] = '\0';
	size_t len = strlen(buf), i = 0;
	/* is every octet printable ASCII?  8 at a time, then one by one */
	for (uint64_t w; i + 8 <= len; i += 8) {
		memcpy(&w, buf + i, 8);
		if (zl_word_has_control(w) | zl_word_has_high(w))
			break;
	}
	while (i < len && (unsigned char)buf[i] >= 0x20 && (unsigned char)buf[i] < 0x7f)
		i++;
	if (i == len)
		return zl_findings_text(fs, f, buf, len);
	char *out = zl_xmalloc(len * 4 + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c < 0x20 || c >= 0x7f)
			o += (size_t)sprintf(out + o, "\\%03u", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	const char *kept = zl_findings_text(fs, f, out, o);
	free(out);
	return kept;
}

static zl_finding_t *new_finding(zl_ctx_t *ctx, zl_rule_id_t rule, const zl_zone_t *zone,
				 const zl_node_t *owner, uint16_t type, uint16_t file,
				 uint32_t line)
{
	zl_severity_t sev = zl_rule_severity(ctx, rule);
	if (sev == ZL_SEV_OFF)
		return NULL;
	/* a snapshot of names outside the loaded zones is consulted, never linted */
	if (zone && zone->external)
		return NULL;
	zl_findings_t *fs = ctx->findings;
	zl_finding_t *f = zl_findings_add(fs);
	f->rule = zl_catalogue[rule].id;
	f->rule_index = (int16_t)rule;
	f->severity = (uint8_t)sev;
	f->file = file;
	f->line = line;
	f->zone = zone ? zone->name : NULL;
	f->owner = owner;
	f->type = type;
	return f;
}

zl_finding_t *zl_emit(zl_ctx_t *ctx, zl_rule_id_t rule, const zl_rr_t *rr, const char *fmt, ...)
{
	zl_finding_t *f = new_finding(ctx, rule, zl_rr_zone(rr), zl_rr_owner(rr), rr->type, rr->file,
				      rr->line);
	if (!f)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	f->message_tpl = vformat(ctx->findings, f, fmt, ap);
	va_end(ap);
	return f;
}

zl_finding_t *zl_emit_name(zl_ctx_t *ctx, zl_rule_id_t rule, const zl_zone_t *zone,
			   const zl_node_t *owner, uint16_t type, const char *fmt, ...)
{
	uint16_t file = zone ? zone->file : ZL_NO_FILE;
	uint32_t line = zone && zone->soa_line ? zone->soa_line : 1;
	zl_finding_t *f = new_finding(ctx, rule, zone, owner, type, file, line);
	if (!f)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	f->message_tpl = vformat(ctx->findings, f, fmt, ap);
	va_end(ap);
	return f;
}

zl_finding_t *zl_emit_at(zl_ctx_t *ctx, zl_rule_id_t rule, const zl_zone_t *zone,
			 const zl_node_t *owner, uint16_t type, uint16_t file, uint32_t line,
			 const char *fmt, ...)
{
	zl_finding_t *f = new_finding(ctx, rule, zone, owner, type, file, line);
	if (!f)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	f->message_tpl = vformat(ctx->findings, f, fmt, ap);
	va_end(ap);
	return f;
}

void zl_suggest(zl_ctx_t *ctx, zl_finding_t *f, const char *fmt, ...)
{
	if (!f)
		return;
	va_list ap;
	va_start(ap, fmt);
	char buf[8192];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	size_t len = n < 0 ? 0 : (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1;
	buf[len] = '\0';
	f->suggestion_tpl = zl_findings_text(ctx->findings, f, buf, len);
}

static bool family_enabled(const zl_ctx_t *ctx, unsigned fam)
{
	for (unsigned r = 0; r < ZL_R__COUNT; r++)
		if (zl_catalogue[r].family == fam && zl_rule_enabled(ctx, (zl_rule_id_t)r))
			return true;
	return false;
}

/* One family's run in a worker: its own findings and scratch space. */
typedef struct fam_job {
	unsigned fam;
	zl_findings_t findings;
} fam_job_t;

typedef struct fam_pool {
	const zl_ctx_t *base;
	fam_job_t *job;                /**< in family order */
	unsigned *order;               /**< indexes into job, in the order to start them */
	unsigned njobs;
	atomic_uint next;
} fam_pool_t;

static void *fam_worker(void *arg)
{
	fam_pool_t *pool = arg;
	for (;;) {
		unsigned k = atomic_fetch_add(&pool->next, 1);
		if (k >= pool->njobs)
			break;
		fam_job_t *j = &pool->job[pool->order[k]];
		zl_ctx_t c = *pool->base;
		c.findings = &j->findings;
		zl_arena_init(&c.scratch);
		zl_families[j->fam].run(&c);
		zl_arena_free(&c.scratch);
	}
	return NULL;
}

/* Which family to start first: the costliest, so that the threads end
 * together (measured on a zone of a million records; any order gives the
 * same findings). */
static unsigned fam_weight(const char *name)
{
	static const char *const heavy[] = { "spf", "dmarc", "zone", "dkim", "nullmx", "tlsa" };
	for (unsigned i = 0; i < ZL_ARRAY_SIZE(heavy); i++)
		if (!strcmp(name, heavy[i]))
			return ZL_ARRAY_SIZE(heavy) - i;
	return 0;
}

/* Below this many records the families run one after another (the
 * findings are the same either way). */
#define PARALLEL_MIN_RECORDS 4096u

static void run_parallel(zl_ctx_t *ctx, const unsigned *fams, unsigned n)
{
	fam_pool_t pool = { 0 };
	pool.base = ctx;
	pool.job = zl_xcalloc(n, sizeof(*pool.job));
	pool.order = zl_xcalloc(n, sizeof(*pool.order));
	pool.njobs = n;
	atomic_init(&pool.next, 0);
	for (unsigned i = 0; i < n; i++) {
		pool.job[i].fam = fams[i];
		zl_findings_init(&pool.job[i].findings);
		pool.order[i] = i;
	}
	for (unsigned i = 1; i < n; i++) /* insertion sort, heaviest first, stable */
		for (unsigned k = i; k > 0 && fam_weight(zl_families[fams[pool.order[k]]].name) >
					       fam_weight(zl_families[fams[pool.order[k - 1]]].name);
		     k--) {
			unsigned t = pool.order[k];
			pool.order[k] = pool.order[k - 1];
			pool.order[k - 1] = t;
		}
	unsigned nthreads = ctx->jobs < n ? ctx->jobs : n;
	pthread_t *tid = zl_xcalloc(nthreads, sizeof(*tid));
	unsigned started = 0;
	for (unsigned t = 1; t < nthreads; t++) /* the caller is worker 0 */
		if (pthread_create(&tid[t], NULL, fam_worker, &pool) == 0)
			started = t;
		else
			break;
	fam_worker(&pool);
	for (unsigned t = 1; t <= started; t++)
		pthread_join(tid[t], NULL);
	free(tid);
	/* join in family order: the same list a single thread would have made.
	 * The list grows by one part at a time and each part is freed once
	 * copied, so the findings are never held twice over; into an empty
	 * list the first part is taken as it is, not copied into new memory */
	zl_findings_t *fs = ctx->findings;
	for (unsigned i = 0; i < n; i++) {
		zl_findings_t *part = &pool.job[i].findings;
		size_t from = fs->n;
		if (from == 0 && part->n > 0) {
			free(fs->v);
			fs->v = part->v;
			fs->n = part->n;
			fs->cap = part->cap;
			part->v = NULL;
		} else if (part->n > 0) {
			if (fs->n + part->n > fs->cap) {
				fs->cap = fs->n + part->n;
				fs->v = zl_xrealloc(fs->v, fs->cap * sizeof(*fs->v));
			}
			memcpy(fs->v + fs->n, part->v, part->n * sizeof(*fs->v));
			fs->n += part->n;
		}
		for (size_t k = from; k < fs->n; k++) /* numbered by their place in the list */
			fs->v[k].seq = (uint32_t)k;
		zl_arena_adopt(&fs->arena, &part->arena);
		zl_findings_free(part);
	}
	free(pool.order);
	free(pool.job);
}

int zl_rules_run(zl_ctx_t *ctx)
{
	zl_arena_init(&ctx->scratch);
	unsigned fams[ZL_FAMILY_COUNT], n = 0;
	/* a family whose every rule is off does no work at all */
	for (unsigned i = 0; i < ZL_FAMILY_COUNT; i++)
		if (family_enabled(ctx, i))
			fams[n++] = i;
	/* a thread (its 8 MB stack, its malloc arena, the join) costs more than
	 * the rules of a small set take */
	if (ctx->jobs > 1 && n > 1 && ctx->set->nrecords >= PARALLEL_MIN_RECORDS) {
		run_parallel(ctx, fams, n);
	} else {
		for (unsigned i = 0; i < n; i++) {
			zl_families[fams[i]].run(ctx);
			zl_arena_free(&ctx->scratch);
		}
	}
	zl_custom_run(ctx);
	zl_arena_free(&ctx->scratch);
	return 0;
}
