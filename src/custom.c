/* zonelint: user-defined rules from the config, matched with PCRE2.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "custom.h"

#include <stdio.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "config.h"
#include "findings.h"
#include "util.h"

static int match(void *re, pcre2_match_data *md, const char *s, size_t len)
{
	int r = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, NULL);
	return r >= 0;
}

void zl_custom_run(zl_ctx_t *ctx)
{
	const zl_config_t *cfg = ctx->config;
	if (!cfg || !cfg->ncustom)
		return;
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	if (!md)
		zl_oom();
	char nbuf[ZL_NAME_STRLEN];
	for (zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		if (!zl_node_rrs(n))
			continue;
		zl_node_str(n, nbuf);
		for (unsigned i = 0; i < cfg->ncustom; i++) {
			const zl_custom_rule_t *cr = &cfg->custom[i];
			if (cr->severity == ZL_SEV_OFF)
				continue;
			if (cr->owner_re && !match(cr->owner_re, md, nbuf, strlen(nbuf)))
				continue;
			for (zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr)) {
				if (cr->type && rr->type != cr->type)
					continue;
				size_t len;
				char *text;
				if (rr->type == ZL_TYPE_TXT || rr->type == ZL_TYPE_SPF)
					text = zl_rr_txt(&ctx->scratch, rr, &len);
				else {
					text = zl_rr_rdata_str(&ctx->scratch, rr);
					len = strlen(text);
				}
				int m = match(cr->re, md, text, len);
				if (m == cr->forbid) {
					zl_finding_t *f = zl_findings_add(ctx->findings);
					char esc[600], mbuf[600], msg[1300];
					f->rule = cr->id;
					f->rule_index = (int16_t)(ZL_R__COUNT + (int)i);
					f->severity = (uint8_t)cr->severity;
					f->file = rr->file;
					f->line = rr->line;
					f->zone = zl_rr_zone(rr) ? zl_rr_zone(rr)->name : NULL;
					f->owner = n;
					f->type = rr->type;
					int ml = snprintf(msg, sizeof(msg), "%s (record: \"%s\")",
						zl_escape(mbuf, sizeof(mbuf), cr->message, strlen(cr->message)),
						zl_escape(esc, sizeof(esc), text, len));
					size_t mlen = ml < 0 ? 0 : (size_t)ml < sizeof(msg) ? (size_t)ml : sizeof(msg) - 1;
					f->message_tpl = zl_findings_text(ctx->findings, f, msg, mlen);
				}
			}
		}
	}
	pcre2_match_data_free(md);
}
