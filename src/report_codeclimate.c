/* zonelint: the GitLab Code Quality report (Code Climate issue format).
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "baseline.h"
#include "report.h"

/*
 * GitLab reads a JSON array of issues (docs.gitlab.com, "Code Quality",
 * "Implement a custom tool"): description, check_name, fingerprint,
 * severity (info, minor, major, critical or blocker), location.path and
 * location.lines.begin.  We add what the Code Climate spec also requires
 * (type "issue", categories) and, when zonelint has one, the suggested
 * record as content.body.
 *
 * GitLab compares fingerprints between the merge request and its target
 * branch to tell new issues from fixed ones, so the fingerprint must not
 * change when lines shift: it hashes the finding's key (zone, owner, type,
 * rule) and its number among the findings of that key, exactly what the
 * baseline matches on.
 */

static const char *severity_of(zl_severity_t s)
{
	switch (s) {
	case ZL_SEV_ERROR: return "critical";  /* receivers will fail or misbehave */
	case ZL_SEV_WARNING: return "minor";   /* weak or risky */
	default: return "info";
	}
}

static void hash_field(EVP_MD_CTX *md, const char *s)
{
	/* a NULL field hashes differently from an empty one */
	if (s)
		EVP_DigestUpdate(md, s, strlen(s) + 1);
	else
		EVP_DigestUpdate(md, "\xff", 1);
}

/* 32 hex digits (128 bits of SHA-256) for one finding. */
static void fingerprint(const zl_finding_t *f, uint32_t occ, char out[33])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int dl = 0;
	char num[16];
	snprintf(num, sizeof(num), "%u", occ);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	if (!md || !EVP_DigestInit_ex(md, EVP_sha256(), NULL))
		zl_oom();
	EVP_DigestUpdate(md, "zonelint\0", 9);
	char ob[ZL_NAME_STRLEN], tb[16];
	hash_field(md, f->zone);
	hash_field(md, zl_finding_owner(f, ob));
	hash_field(md, zl_finding_type(f, tb));
	hash_field(md, f->rule);
	hash_field(md, num);
	EVP_DigestFinal_ex(md, d, &dl);
	EVP_MD_CTX_free(md);
	for (unsigned i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
	out[32] = '\0';
}

int zl_report_codeclimate(FILE *out, const zl_report_in_t *in)
{
	const zl_findings_t *fs = in->findings;
	uint32_t *occ = zl_xmalloc((fs->n ? fs->n : 1) * sizeof(*occ));
	zl_findings_occurrences(fs, occ);
	fputc('[', out);
	for (size_t i = 0; i < fs->n; i++) {
		const zl_finding_t *f = &fs->v[i];
		char fp[33];
		fingerprint(f, occ[i], fp);
		fputs(i ? ",\n{" : "\n{", out);
		fputs("\"type\":\"issue\",\"check_name\":", out);
		zl_json_string(out, f->rule);
		fputs(",\"description\":", out);
		char mb[ZL_FINDING_TEXT_MAX], sb[ZL_FINDING_TEXT_MAX];
		const char *sug = zl_finding_suggestion(f, sb);
		zl_json_string(out, zl_finding_message(f, mb));
		if (sug) {
			size_t l = strlen(sug) + 64;
			char *body = zl_xmalloc(l);
			snprintf(body, l, "Suggestion:\n\n```\n%s\n```\n", sug);
			fputs(",\"content\":{\"body\":", out);
			zl_json_string(out, body);
			fputc('}', out);
			free(body);
		}
		fprintf(out, ",\"categories\":[\"Bug Risk\"],\"severity\":\"%s\",\"fingerprint\":\"%s\"",
			severity_of(f->severity), fp);
		/* a path relative to the project: the display path, without "./" */
		const char *file = zl_report_file(in, f);
		while (file && file[0] == '.' && file[1] == '/')
			file += 2;
		fputs(",\"location\":{\"path\":", out);
		zl_json_string(out, file ? file : ".");
		fprintf(out, ",\"lines\":{\"begin\":%u}}}", f->line ? f->line : 1);
	}
	fputs(fs->n ? "\n]\n" : "]\n", out);
	free(occ);
	return 0;
}
