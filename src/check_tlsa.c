/* zonelint: the tlsa- family: TLSA records and DANE for SMTP.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "config.h"
#include "findings.h"
#include "ptrmap.h"
#include "rules.h"
#include "util.h"

/*
 * DANE (RFC 6698, RFC 7671) binds a TLS server's key to its name through a
 * TLSA record, and DANE for SMTP (RFC 7672) lets a sending server insist on
 * TLS with the right key when it delivers to an MX host.  It only works when
 * the TLSA record validates, i.e. when its zone is signed.
 */

static bool has_in(const zl_node_t *n, uint16_t type, const zl_zone_t *z)
{
	for (const zl_rr_t *rr = n ? zl_node_rrs(n) : NULL; rr; rr = zl_rr_next(rr))
		if (rr->type == type && zl_rr_zone(rr) == z)
			return true;
	return false;
}

static bool label_is(const uint8_t *label, const char *s)
{
	size_t l = strlen(s);
	if (label[0] != l)
		return false;
	for (size_t i = 0; i < l; i++) {
		uint8_t c = label[1 + i];
		if (c >= 'A' && c <= 'Z')
			c = (uint8_t)(c + 32);
		if (c != (uint8_t)s[i])
			return false;
	}
	return true;
}

/* The host of "_25._tcp.HOST", or NULL when the name is not of that form. */
static const zl_node_t *smtp_host(const zl_node_t *n)
{
	if (!zl_node_parent(n) || !zl_node_parent(zl_node_parent(n)) || !label_is(n->label, "_25") ||
	    !label_is(zl_node_parent(n)->label, "_tcp"))
		return NULL;
	return zl_node_parent(zl_node_parent(n));
}

/* Whether the zone's answers validate: DNSKEY at its apex, or signed on deploy. */
static bool zone_signed(const zl_ctx_t *ctx, const zl_zone_t *z)
{
	if (has_in(z->apex, ZL_TYPE_DNSKEY, z))
		return true;
	const zl_zone_conf_t *c = ctx->config ? zl_config_zone(ctx->config, z->name) : NULL;
	return c && c->signed_at_deploy;
}

static void check_syntax(zl_ctx_t *ctx, const zl_rr_t *rr)
{
	if (rr->opaque)
		return;
	if (rr->rdlen < 4) {
		zl_emit(ctx, ZL_R_TLSA_SYNTAX, rr,
		        "TLSA record has no certificate association data; clients cannot match "
		        "any server with it");
		return;
	}
	uint8_t usage = zl_rr_rdata(rr)[0], sel = zl_rr_rdata(rr)[1], mtype = zl_rr_rdata(rr)[2];
	const uint8_t *data = zl_rr_rdata(rr) + 3;
	size_t len = rr->rdlen - 3u;
	/* RFC 6698 2.1.1-2.1.3, RFC 7218: 255 is private use in each field */
	if (usage > 3) {
		zl_emit(ctx, ZL_R_TLSA_SYNTAX, rr,
		        "TLSA certificate usage %u is not defined (0 to 3%s): clients ignore the "
		        "record",
		        usage, usage == 255 ? "; 255 is for private use" : "");
		return;
	}
	if (sel > 1) {
		zl_emit(ctx, ZL_R_TLSA_SYNTAX, rr,
		        "TLSA selector %u is not defined (0 full certificate, 1 public key): "
		        "clients ignore the record",
		        sel);
		return;
	}
	if (mtype > 2) {
		zl_emit(ctx, ZL_R_TLSA_SYNTAX, rr,
		        "TLSA matching type %u is not defined (0 exact, 1 SHA-256, 2 SHA-512): "
		        "clients ignore the record",
		        mtype);
		return;
	}
	size_t want = mtype == 1 ? 32 : mtype == 2 ? 64 : 0;
	if (want && len != want) {
		zl_emit(ctx, ZL_R_TLSA_SYNTAX, rr,
		        "TLSA data is %zu octets, but a %s digest (matching type %u) is %zu: no "
		        "certificate can ever match",
		        len, mtype == 1 ? "SHA-256" : "SHA-512", mtype, want);
		return;
	}
	if (mtype == 0) {
		/* the full certificate or SubjectPublicKeyInfo, DER-encoded */
		const unsigned char *p = data;
		bool ok;
		if (sel == 0) {
			X509 *x = d2i_X509(NULL, &p, (long)len);
			ok = x && p == data + len;
			X509_free(x);
		} else {
			EVP_PKEY *k = d2i_PUBKEY(NULL, &p, (long)len);
			ok = k && p == data + len;
			EVP_PKEY_free(k);
		}
		if (!ok)
			zl_emit(ctx, ZL_R_TLSA_SYNTAX, rr,
			        "TLSA data (matching type 0, selector %u) is not a DER-encoded %s: "
			        "no server can match it",
			        sel, sel == 0 ? "certificate" : "SubjectPublicKeyInfo");
	}
}

int zl_check_tlsa(zl_ctx_t *ctx)
{
	/* one walk over the names: the MX hosts named by any loaded zone, and
	 * the names that hold TLSA records (in order, for the checks below) */
	zl_ptrmap_t mx_hosts;
	zl_ptrmap_init(&mx_hosts);
	const zl_node_t **tlsa_nodes = NULL;
	size_t ntlsa = 0, tlsa_cap = 0;
	for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
		bool tlsa = false;
		for (const zl_rr_t *rr = zl_node_rrs(n); rr; rr = zl_rr_next(rr)) {
			if (!zl_rr_zone(rr))
				continue;
			if (rr->type == ZL_TYPE_TLSA) {
				tlsa = true;
				continue;
			}
			if (rr->type != ZL_TYPE_MX || rr->opaque || rr->rdlen < 4)
				continue;
			size_t tl = zl_wire_name_len(zl_rr_rdata(rr) + 2, rr->rdlen - 2u);
			const zl_node_t *t =
			    tl > 1 ? zl_zoneset_find(ctx->set, zl_rr_rdata(rr) + 2, tl) : NULL;
			if (t) {
				bool fresh;
				void **slot = zl_ptrmap_slot(&mx_hosts, t, &fresh);
				if (fresh)
					*slot = (void *)rr;
			}
		}
		if (!tlsa)
			continue;
		if (ntlsa == tlsa_cap) {
			tlsa_cap = tlsa_cap ? tlsa_cap * 2 : 64;
			tlsa_nodes = zl_xrealloc(tlsa_nodes, tlsa_cap * sizeof(*tlsa_nodes));
		}
		tlsa_nodes[ntlsa++] = n;
	}

	char nb[ZL_NAME_STRLEN], hb[ZL_NAME_STRLEN];
	for (size_t i = 0; i < ntlsa; i++) {
		const zl_node_t *n = tlsa_nodes[i];
		const zl_rr_t *first = NULL;
		for (const zl_rr_t *rr = zl_node_first(n, ZL_TYPE_TLSA); rr;
		     rr = zl_rr_next_same(rr)) {
			if (!zl_rr_zone(rr))
				continue;
			check_syntax(ctx, rr);
			if (!first)
				first = rr;
		}
		if (!first)
			continue;
		zl_node_str(n, nb);
		const zl_node_t *host = smtp_host(n);
		if (!zone_signed(ctx, zl_rr_zone(first)))
			zl_emit(
			    ctx, ZL_R_TLSA_UNSIGNED, first,
			    "TLSA records at '%s', but zone '%s' is not signed: clients use TLSA "
			    "only when it validates with DNSSEC (RFC 6698 section 4.1), so they "
			    "have no effect (if the zone is signed when deployed, say dnssec: "
			    "signed-at-deploy in the config)",
			    nb, zl_rr_zone(first)->name);
		if (!host)
			continue;
		if (!zl_ptrmap_has(&mx_hosts, host))
			zl_emit(
			    ctx, ZL_R_TLSA_NOT_MX, first,
			    "TLSA records for SMTP at '%s', but '%s' is not the MX target of any "
			    "loaded zone; senders look up TLSA only for MX hosts (RFC 7672 "
			    "section 2.2.3)",
			    nb, zl_node_str(host, hb));
		for (const zl_rr_t *rr = first; rr; rr = zl_rr_next_same(rr)) {
			if (rr->opaque || rr->rdlen < 3 || zl_rr_zone(rr) != zl_rr_zone(first))
				continue;
			uint8_t usage = zl_rr_rdata(rr)[0];
			if (usage == 0 || usage == 1)
				zl_emit(
				    ctx, ZL_R_TLSA_SMTP_USAGE, rr,
				    "TLSA usage %u (%s) at '%s': SMTP clients do not use it (RFC "
				    "7672 section 3.1.3), since MX hosts rarely have certificates "
				    "from a public CA for their names; publish '3 1 1' (or '2 1 "
				    "1')",
				    usage, usage == 0 ? "PKIX-TA" : "PKIX-EE", nb);
		}
	}

	free(tlsa_nodes);

	/* every MX host in a signed zone without TLSA: DANE is not deployed
	 * (nothing to look for when no loaded zone is signed) */
	bool any_signed = false;
	for (const zl_zone_t *z = ctx->set->zones; z && !any_signed; z = z->next)
		any_signed = !z->load_failed && zone_signed(ctx, z);
	if (any_signed && mx_hosts.n && zl_rule_enabled(ctx, ZL_R_TLSA_MISSING)) {
		for (const zl_node_t *n = zl_zoneset_nodes(ctx->set); n; n = zl_node_next(n)) {
			const zl_rr_t *mx = zl_ptrmap_get(&mx_hosts, n);
			if (!mx)
				continue;
			const zl_zone_t *z = zl_zoneset_zone_for(ctx->set, n);
			if (!z || z->load_failed || !zone_signed(ctx, z))
				continue;
			const zl_rr_t *addr = NULL;
			for (const zl_rr_t *rr = zl_node_rrs(n); rr && !addr; rr = zl_rr_next(rr))
				if (zl_rr_zone(rr) == z &&
				    (rr->type == ZL_TYPE_A || rr->type == ZL_TYPE_AAAA))
					addr = rr;
			if (!addr)
				continue; /* no address: the mx- rules report the host */
			const zl_node_t *tcp = zl_node_child(ctx->set, n, "_tcp");
			const zl_node_t *t25 = zl_node_child(ctx->set, tcp, "_25");
			if (zl_node_has(t25, ZL_TYPE_TLSA) || zl_node_has(t25, ZL_TYPE_CNAME))
				continue;
			zl_node_str(n, hb);
			zl_emit_at(
			    ctx, ZL_R_TLSA_MISSING, z, n, ZL_TYPE_TLSA, addr->file, addr->line,
			    "MX host '%s' is in the signed zone '%s' but has no TLSA record at "
			    "'_25._tcp.%s': senders cannot use DANE (RFC 7672) to insist on "
			    "TLS with its key; publish '3 1 1' with the SHA-256 of its public "
			    "key",
			    hb, z->name, hb);
		}
	}
	zl_ptrmap_free(&mx_hosts);
	return 0;
}
