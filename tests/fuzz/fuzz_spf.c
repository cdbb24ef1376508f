/* zonelint: libFuzzer target for the SPF record parser, checking its invariants.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spf.h"

#define CHECK(cond) \
	do { \
		if (!(cond)) \
			__builtin_trap(); \
	} while (0)

/* A message or escaped string: NUL-terminated printable ASCII. */
static void check_printable(const char *m)
{
	CHECK(m != NULL);
	for (; *m; m++)
		CHECK(*m >= 0x20 && *m <= 0x7e);
}

/* A span must lie inside the term that holds it and the record copy. */
static void check_spec(const zl_spf_record_t *r, const zl_spf_term_t *t,
		       const zl_spf_spec_t *sp)
{
	if (!sp->present)
		return;
	CHECK(sp->offset >= t->offset);
	CHECK(sp->offset + sp->len <= t->offset + t->len);
	CHECK(sp->text == r->text + sp->offset);
	CHECK(sp->empty == (sp->len == 0));
	CHECK(!sp->has_macro || sp->len >= 4);
	CHECK(sp->letters == 0 || sp->has_macro);
}

static void check_record(const zl_spf_record_t *r, const uint8_t *data, size_t size,
			 zl_arena_t *arena)
{
	size_t i, k;
	CHECK(r->len == size);
	CHECK(r->text != NULL && r->text[size] == '\0');
	CHECK(size == 0 || memcmp(r->text, data, size) == 0);

	if (!zl_spf_is_spf((const char *)data, size)) {
		CHECK(r->n_terms == 0 && r->n_errors == 1 && r->n_warnings == 0);
		CHECK(r->errors[0].code == ZL_SPF_E_VERSION);
	}
	CHECK(r->n_warnings <= 1);

	for (i = 0; i < r->n_errors + r->n_warnings; i++) {
		const zl_spf_diag_t *d = i < r->n_errors ? &r->errors[i]
							 : &r->warnings[i - r->n_errors];
		zl_spf_class_t cls = zl_spf_code_class(d->code);
		CHECK(d->code > ZL_SPF_OK && d->code < ZL_SPF_CODE_COUNT);
		CHECK(i < r->n_errors ? cls == ZL_SPF_CLASS_PERMERROR ||
						cls == ZL_SPF_CLASS_UNDEFINED
				      : cls == ZL_SPF_CLASS_WARNING);
		CHECK(d->offset <= size);
		CHECK(d->term == ZL_SPF_NO_TERM ||
		      (d->term >= 0 && (size_t)d->term < r->n_terms));
		if (d->term >= 0) {
			const zl_spf_term_t *t = &r->terms[d->term];
			CHECK(!t->valid);
			CHECK(d->offset >= t->offset && d->offset <= t->offset + t->len);
		}
		check_printable(d->message);
		CHECK(strlen(d->message) < 400);
	}

	size_t prev_end = 6;
	for (i = 0; i < r->n_terms; i++) {
		const zl_spf_term_t *t = &r->terms[i];
		CHECK(t->len > 0);
		CHECK(t->offset > prev_end && t->offset + t->len <= size);
		CHECK(r->text[t->offset - 1] == ' ');
		CHECK(t->offset + t->len == size || r->text[t->offset + t->len] == ' ');
		for (k = 0; k < t->len; k++)
			CHECK(r->text[t->offset + k] != ' ');
		prev_end = t->offset + t->len;
		CHECK(t->kind >= ZL_SPF_INVALID && t->kind < ZL_SPF_KIND_COUNT);
		CHECK(strchr("+-~?", t->qualifier) && t->qualifier != '\0');
		CHECK(t->qualifier_explicit == (t->qualifier == r->text[t->offset]));
		check_spec(r, t, &t->domain);
		check_spec(r, t, &t->value);
		CHECK(t->cidr.ip4 <= 32 && t->cidr.ip6 <= 128);

		/* an invalid term has an error naming it, a valid one none */
		size_t n = 0;
		for (k = 0; k < r->n_errors; k++)
			n += r->errors[k].term == (ptrdiff_t)i;
		CHECK(t->valid == (n == 0));
		CHECK(n <= 2);

		if (t->valid) {
			CHECK(t->kind != ZL_SPF_INVALID);
			if (t->kind == ZL_SPF_IP4)
				CHECK(t->addr.family == ZL_SPF_AF_INET4 && t->prefix <= 32);
			if (t->kind == ZL_SPF_IP6)
				CHECK(t->addr.family == ZL_SPF_AF_INET6 && t->prefix <= 128);
			/* what the parser accepted the validator accepts */
			if (t->domain.present)
				CHECK(zl_spf_domain_validate(t->domain.text, t->domain.len,
							     NULL) == ZL_SPF_OK);
			if (t->kind == ZL_SPF_UNKNOWN_MOD)
				CHECK(zl_spf_macro_validate(t->value.text, t->value.len, 0,
							    NULL) == ZL_SPF_OK);
			if (t->kind == ZL_SPF_IP4 || t->kind == ZL_SPF_IP6)
				CHECK(zl_spf_cidr_contains(t, t) == 1);
		} else {
			CHECK(zl_spf_cidr_contains(t, t) == 0);
			CHECK(zl_spf_cidr_host_bits_set(t) == 0);
		}
		(void)zl_spf_term_costs_lookup(t);
		(void)zl_spf_cidr_host_bits_set(t);
		if (i > 0)
			(void)zl_spf_cidr_contains(&r->terms[i - 1], t);

		char *str = zl_spf_term_str(r, i, 0, arena);
		check_printable(str);
		CHECK(strlen(str) == zl_spf_escape(NULL, 0, r->text + t->offset, t->len));
		check_printable(zl_spf_term_str(r, i, 5, arena));
	}
	CHECK(r->redirect == -1 || (r->redirect >= 0 && (size_t)r->redirect < r->n_terms &&
				    r->terms[r->redirect].kind == ZL_SPF_REDIRECT));
	CHECK(r->exp == -1 || (r->exp >= 0 && (size_t)r->exp < r->n_terms &&
			       r->terms[r->exp].kind == ZL_SPF_EXP));
}

static void check_validators(const char *s, size_t size)
{
	zl_spf_macro_info_t info;
	unsigned flags;
	for (flags = 0; flags < 4; flags++) {
		int rc = zl_spf_macro_validate(s, size, flags, &info);
		CHECK(rc >= 0 && rc < ZL_SPF_CODE_COUNT && rc == (int)info.code);
		CHECK(info.offset <= size);
		CHECK(rc == 0 ? info.offset == 0 : 1);
	}
	/* exp letters and spaces only ever widen what is accepted */
	if (zl_spf_macro_validate(s, size, 0, NULL) == 0)
		CHECK(zl_spf_macro_validate(s, size, ZL_SPF_MACRO_EXP_LETTERS |
					    ZL_SPF_MACRO_SPACES, NULL) == 0);
	int rc = zl_spf_domain_validate(s, size, &info);
	CHECK(rc >= 0 && rc < ZL_SPF_CODE_COUNT && info.offset <= size);
	if (rc == 0)
		CHECK(zl_spf_macro_validate(s, size, 0, NULL) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	zl_arena_t arena;
	zl_spf_record_t rec;

	zl_arena_init(&arena);
	CHECK(zl_spf_parse(&rec, (const char *)data, size, &arena) == 0);
	check_record(&rec, data, size, &arena);
	check_validators((const char *)data, size);
	zl_arena_free(&arena);

	/* the same bytes as the terms of a record, to reach the term parser */
	static const char head[] = "v=spf1 ";
	size_t n = sizeof(head) - 1 + size;
	uint8_t *buf = malloc(n ? n : 1);
	CHECK(buf != NULL);
	memcpy(buf, head, sizeof(head) - 1);
	if (size)
		memcpy(buf + sizeof(head) - 1, data, size);
	zl_arena_init(&arena);
	CHECK(zl_spf_parse(&rec, (const char *)buf, n, &arena) == 0);
	check_record(&rec, buf, n, &arena);
	zl_arena_free(&arena);
	free(buf);
	return 0;
}
