/* zonelint: what reporters share: the findings written out in blocks, in
 * parallel where there are many.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#define _GNU_SOURCE 1 /* fopencookie */
#include "report.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#if defined(__GLIBC__)
#include <stdio_ext.h>
#endif

#include "util.h"

/*
 * The findings of a report are written in blocks, dealt out in turn to
 * the calling thread and its helpers.  The caller writes its own blocks
 * straight to the output and copies the helpers' there, in order; a
 * helper writes its blocks into memory, at most RING blocks ahead of what
 * has been written out.  Each finding's text depends on
 * that finding alone, so the report is the same octets whatever the number
 * of threads.
 */
#define BLOCK 512u   /* findings per block: about 128 KB of text */
#define RING 8u      /* blocks ahead of the output a helper may write */
#define HELPERS_MAX 7u

typedef struct slot {
	size_t block;   /* the block it holds, when ready */
	char *text;     /* kept from block to block */
	size_t len, cap;
	bool ready;
} slot_t;

typedef struct pool {
	const zl_report_in_t *in;
	zl_report_one_fn one;
	size_t n, nblocks;
	unsigned threads; /* the helpers and the caller */
	size_t written;   /* blocks the caller has written out */
	slot_t slot[RING];
	pthread_mutex_t mu;
	pthread_cond_t cv;
} pool_t;

static void write_block(FILE *out, const pool_t *p, size_t b)
{
	size_t end = (b + 1) * BLOCK < p->n ? (b + 1) * BLOCK : p->n;
	for (size_t i = b * BLOCK; i < end; i++)
		p->one(out, p->in, i);
}

typedef struct helper_arg {
	pool_t *pool;
	unsigned index;   /* 1 to the number of helpers */
} helper_arg_t;

/* A helper's stream: buffered as a file is, and what it flushes is
 * appended to the slot of the block being written. */
static ssize_t slot_write(void *cookie, const char *buf, size_t size)
{
	slot_t *s = *(slot_t **)cookie;
	if (size > s->cap - s->len) {
		size_t cap = s->cap ? s->cap : 64 * 1024;
		while (cap - s->len < size)
			cap *= 2;
		s->text = zl_xrealloc(s->text, cap);
		s->cap = cap;
	}
	memcpy(s->text + s->len, buf, size);
	s->len += size;
	return (ssize_t)size;
}

static void *helper(void *arg)
{
	const helper_arg_t *a = arg;
	pool_t *p = a->pool;
	slot_t *target = NULL;
	cookie_io_functions_t io = { NULL, slot_write, NULL, NULL };
	FILE *m = fopencookie(&target, "w", io);
	if (!m)
		zl_oom();
#if defined(__GLIBC__)
	__fsetlocking(m, FSETLOCKING_BYCALLER); /* this thread alone writes to it */
#endif
	for (size_t b = a->index; b < p->nblocks; b += p->threads) {
		pthread_mutex_lock(&p->mu);
		while (b >= p->written + RING)
			pthread_cond_wait(&p->cv, &p->mu);
		pthread_mutex_unlock(&p->mu);
		/* the slot's last block, b - RING, is written out: b < written + RING */
		target = &p->slot[b % RING];
		target->len = 0;
		write_block(m, p, b);
		if (fflush(m) != 0)
			zl_oom();
		pthread_mutex_lock(&p->mu);
		target->block = b;
		target->ready = true;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	fclose(m);
	return NULL;
}

void zl_report_each(FILE *out, const zl_report_in_t *in, zl_report_one_fn one)
{
	size_t n = in->findings->n;
	unsigned helpers = in->jobs > 1 ? in->jobs - 1 : 0;
	if (helpers > HELPERS_MAX)
		helpers = HELPERS_MAX;
	if (n < 4 * BLOCK || !helpers) {
		for (size_t i = 0; i < n; i++)
			one(out, in, i);
		return;
	}
	pool_t p = { 0 };
	p.in = in;
	p.one = one;
	p.n = n;
	p.nblocks = (n + BLOCK - 1) / BLOCK;
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	pthread_t tid[HELPERS_MAX];
	helper_arg_t arg[HELPERS_MAX];
	unsigned started = 0;
	p.threads = helpers + 1;
	for (; started < helpers; started++) {
		arg[started].pool = &p;
		arg[started].index = started + 1;
		if (pthread_create(&tid[started], NULL, helper, &arg[started]) != 0)
			break;
	}
	/* block b is written by thread b % threads, this one being thread 0;
	 * the blocks of helpers that could not be started, here as well */
	for (size_t b = 0; b < p.nblocks; b++) {
		unsigned t = (unsigned)(b % p.threads);
		if (t == 0 || t > started) {
			write_block(out, &p, b);
		} else {
			pthread_mutex_lock(&p.mu);
			slot_t *s = &p.slot[b % RING];
			while (!(s->ready && s->block == b))
				pthread_cond_wait(&p.cv, &p.mu);
			pthread_mutex_unlock(&p.mu);
			fwrite(s->text, 1, s->len, out);
			pthread_mutex_lock(&p.mu);
			s->ready = false;
			pthread_mutex_unlock(&p.mu);
		}
		pthread_mutex_lock(&p.mu);
		p.written = b + 1; /* the slot of block b is free for block b + RING */
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
	}
	for (unsigned t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	for (unsigned k = 0; k < RING; k++)
		free(p.slot[k].text);
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.mu);
}
