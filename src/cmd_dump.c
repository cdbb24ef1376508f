/* zonelint: `zonelint dump`: print the records zonelint loaded, one per line.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * What the loader made of a zone, after $ORIGIN, $TTL, $INCLUDE and
 * $GENERATE, in zone-file syntax with absolute names: for comparing with
 * `named-checkzone -D` and for seeing why a rule fired.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "util.h"

int zl_cmd_dump(int argc, char **argv)
{
	zl_run_t run;
	zl_run_init(&run);
	run.io_error = zl_cmd_io_error;
	int i = 1, status = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--origin") && i + 1 < argc)
			run.origin = argv[++i];
		else if (!strcmp(argv[i], "--"))  {
			i++;
			break;
		} else {
			zl_run_free(&run);
			return zl_usage_error("dump: unknown option '%s'", argv[i]);
		}
	}
	if (i >= argc) {
		zl_run_free(&run);
		return zl_usage_error("dump: no zone file given");
	}
	char err[1024];
	for (; i < argc; i++)
		if (zl_run_load(&run, argv[i], err, sizeof(err))) {
			if (err[0])
				zl_usage_error("%s", err);
			status = 2;
		}
	zl_arena_t tmp;
	zl_arena_init(&tmp);
	char nb[ZL_NAME_STRLEN], tb[16];
	for (const zl_node_t *n = zl_zoneset_nodes(&run.set); n; n = zl_node_next(n)) {
		for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr)) {
			const char *cls = rr->rrclass == 1 ? "IN" : rr->rrclass == 3 ? "CH" :
					  rr->rrclass == 4 ? "HS" : NULL;
			char cbuf[16];
			if (!cls) {
				snprintf(cbuf, sizeof(cbuf), "CLASS%u", rr->rrclass);
				cls = cbuf;
			}
			if (rr->opaque) {
				printf("; %s %u %s %s (not parsed: type unknown to ldns)\n",
				       zl_node_str(n, nb), rr->ttl, cls, zl_type_str(rr->type, tb));
				continue;
			}
			printf("%s\t%u\t%s\t%s\t%s\n", zl_node_str(n, nb), rr->ttl, cls,
			       zl_type_str(rr->type, tb), zl_rr_rdata_str(&tmp, rr));
		}
		zl_arena_free(&tmp);
	}
	zl_arena_free(&tmp);
	const zl_diag_t *d = run.loader ? zl_loader_diags(run.loader) : NULL;
	for (; d; d = d->next)
		if (d->code == ZL_DIAG_SYNTAX || d->code == ZL_DIAG_OUT_OF_ZONE ||
		    d->code == ZL_DIAG_INCLUDE_UNREADABLE || d->code == ZL_DIAG_INCLUDE_REFUSED) {
			zl_eprintf("%s:%u: %s", run.set.files[d->file].display, d->line,
				   d->message);
			if (!status)
				status = 1;
		}
	zl_run_free(&run);
	return status;
}
