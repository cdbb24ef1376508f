/* zonelint: the rules registry: severities, finding emission, the family run.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "custom.h"
#include "findings.h"
#include "util.h"

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
static const char *vformat(zl_findings_t *fs, const char *fmt, va_list ap)
{
	char buf[4096];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0)
		buf[0] = '\0';
	size_t len = strlen(buf);
	int clean = 1;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)buf[i] < 0x20 || (unsigned char)buf[i] >= 0x7f)
			clean = 0;
	if (clean)
		return zl_arena_strndup(&fs->arena, buf, len);
	char *out = zl_arena_alloc(&fs->arena, len * 4 + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c < 0x20 || c >= 0x7f)
			o += (size_t)sprintf(out + o, "\\%03u", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
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
	f->rule_index = (int)rule;
	f->severity = sev;
	f->file = file;
	f->line = line;
	f->zone = zone ? zone->name : NULL;
	char buf[ZL_NAME_STRLEN];
	f->owner = owner ? zl_arena_strdup(&fs->arena, zl_node_str(owner, buf)) : NULL;
	if (type) {
		char tb[16];
		f->type = zl_arena_strdup(&fs->arena, zl_type_str(type, tb));
	}
	return f;
}

zl_finding_t *zl_emit(zl_ctx_t *ctx, zl_rule_id_t rule, const zl_rr_t *rr, const char *fmt, ...)
{
	zl_finding_t *f = new_finding(ctx, rule, rr->zone, rr->owner, rr->type, rr->file,
				      rr->line);
	if (!f)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	f->message = vformat(ctx->findings, fmt, ap);
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
	f->message = vformat(ctx->findings, fmt, ap);
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
	f->message = vformat(ctx->findings, fmt, ap);
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
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	f->suggestion = zl_arena_strdup(&ctx->findings->arena, buf);
}

int zl_rules_run(zl_ctx_t *ctx)
{
	zl_arena_init(&ctx->scratch);
	for (unsigned i = 0; i < ZL_FAMILY_COUNT; i++) {
		/* a family whose every rule is off does no work at all */
		bool any = false;
		for (unsigned r = 0; r < ZL_R__COUNT && !any; r++)
			any = zl_catalogue[r].family == i && zl_rule_enabled(ctx, (zl_rule_id_t)r);
		if (!any)
			continue;
		zl_families[i].run(ctx);
		zl_arena_free(&ctx->scratch);
	}
	zl_custom_run(ctx);
	zl_arena_free(&ctx->scratch);
	return 0;
}
