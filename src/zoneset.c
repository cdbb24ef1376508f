/* zonelint: the zone set, every loaded zone in one index keyed by owner name.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#include "zoneset.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "external.h"
#include "util.h"

static uint8_t lower(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c;
}

/* The 8 octets of @p w with A to Z lower-cased, at once: an octet's low
 * seven bits plus 0x3f reach 0x80 from 'A' on, plus 0x25 from past 'Z' on,
 * without carrying into the next octet. */
static inline uint64_t lower8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
	uint64_t low7 = w & ~high;
	uint64_t upper = ((low7 + ones * (0x80 - 'A')) ^ (low7 + ones * (0x80 - 'Z' - 1))) & ~w & high;
	return w | (upper >> 2);
}

/* The lower-cased wire name, 8 octets at a time, each word mixed in by a
 * multiplication; the end is a 64-bit finalizer (MurmurHash3's fmix64). */
static uint32_t name_hash(const uint8_t *wire, size_t len)
{
	const uint64_t k = 0x9e3779b97f4a7c15u;
	uint64_t h = k ^ len, w;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, wire + i, 8);
		h = (h ^ lower8(w)) * k;
		h ^= h >> 31;
	}
	if (i < len) {
		w = 0;
		memcpy(&w, wire + i, len - i);
		h = (h ^ lower8(w)) * k;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 33;
	return (uint32_t)h;
}

/* Is @p n the name @p wire (any case)?  Its labels are its own first label
 * and then its ancestors'. */
static bool name_eq(const zl_node_t *n, const uint8_t *wire, size_t len)
{
	if (n->wirelen != len)
		return false;
	for (size_t i = 0; n; n = zl_node_parent(n)) {
		size_t l = 1u + n->label[0];
		/* a label is kept in lower case, and most names come so */
		if (memcmp(n->label, wire + i, l) != 0)
			for (size_t k = 0; k < l; k++)
				if (n->label[k] != lower(wire[i + k]))
					return false;
		i += l;
	}
	return true;
}

void zl_zoneset_init(zl_zoneset_t *set)
{
	memset(set, 0, sizeof(*set));
	atomic_init(&set->store_mark, 0);
	zl_arena_init(&set->arena);
	set->table_size = 1024;
	set->table = zl_xcalloc(set->table_size, sizeof(*set->table));
}

void zl_zoneset_free(zl_zoneset_t *set)
{
	if (set->store)
		munmap(set->store, set->store_size);
	zl_ptrmap_free(&set->apex_zones);
	zl_ptrmap_free(&set->tails);
	free(set->table);
	free(set->files);
	free(set->rdcache);
	zl_arena_free(&set->arena);
	memset(set, 0, sizeof(*set));
}

uint16_t zl_zoneset_add_file(zl_zoneset_t *set, const char *path, const char *display)
{
	if (set->nfiles >= ZL_FILES_MAX)
		return ZL_FILES_FULL;
	if (set->nfiles == set->files_cap) {
		set->files_cap = set->files_cap ? set->files_cap * 2 : 16;
		set->files = zl_xrealloc(set->files, set->files_cap * sizeof(*set->files));
	}
	zl_file_t *f = &set->files[set->nfiles];
	f->path = zl_arena_strdup(&set->arena, path);
	f->display = zl_arena_strdup(&set->arena, display);
	f->zone = NULL;
	return (uint16_t)set->nfiles++;
}

/*
 * A slot is 8 bytes: the node's address, which user space keeps below 2^48
 * on the 64-bit systems zonelint runs on, and in the 16 bits above it a tag
 * made from the name's hash.  A probe compares the tag before it reads the
 * node, so a name that is not there still costs one cache line, and the
 * index is half the size it would be with the hash beside the pointer.
 */
#define SLOT_ADDR_BITS 48
#define SLOT_ADDR_MASK (((uint64_t)1 << SLOT_ADDR_BITS) - 1)

static zl_node_t *slot_node(zl_slot_t s)
{
	return (zl_node_t *)(uintptr_t)(s & SLOT_ADDR_MASK);
}

/* the tag: the hash's bits mixed, so that it does not repeat the low bits
 * that chose the slot */
static zl_slot_t slot_tag(uint32_t h)
{
	return (zl_slot_t)((h * 0x9E3779B1u) >> 16) << SLOT_ADDR_BITS;
}

static zl_slot_t slot_make(const zl_node_t *n, uint32_t h)
{
	uintptr_t a = (uintptr_t)n;
	if ((uint64_t)a & ~SLOT_ADDR_MASK) {
		fputs("zonelint: memory above the 48-bit address space; this system is not "
		      "supported\n", stderr);
		exit(2);
	}
	return slot_tag(h) | (uint64_t)a;
}

/* A name's first slot: the hash scaled to the table (its high bits), so
 * the table can be of any size, not only a power of two. */
static inline uint32_t home_slot(uint32_t h, uint32_t size)
{
	return (uint32_t)(((uint64_t)h * size) >> 32);
}

static inline uint32_t next_slot(uint32_t k, uint32_t size)
{
	return k + 1 < size ? k + 1 : 0;
}

static uint32_t node_hash(const zl_node_t *n)
{
	uint8_t w[ZL_WIRE_MAX];
	return name_hash(zl_node_wire(n, w), n->wirelen);
}

/* Rehash into a table of @p nsize slots.  A slot holds only 16 bits of its
 * name's hash, so each name's hash is computed again from its node: the
 * nodes are walked in the order they were made, one after another in
 * memory (and a name's parent just before it), not in the old table's
 * order, which would read them at random. */
static void rehash(zl_zoneset_t *set, uint32_t nsize)
{
	zl_slot_t *nt = zl_xcalloc(nsize, sizeof(*nt));
	zl_huge_hint(nt, (size_t)nsize * sizeof(*nt));
	for (const zl_node_t *n = zl_zoneset_nodes(set); n; n = zl_node_next(n)) {
		uint32_t h = node_hash(n);
		uint32_t k = home_slot(h, nsize);
		while (nt[k])
			k = next_slot(k, nsize);
		nt[k] = slot_make(n, h);
	}
	free(set->table);
	set->table = nt;
	set->table_size = nsize;
}

/* Slots for @p nodes names: two thirds full, in whole pages of slots.  The
 * table grows to twice its size only past three quarters full. */
#define SLOTS_PAGE 512u
static uint32_t slots_for(uint64_t nodes)
{
	uint64_t want = nodes + nodes / 2 + SLOTS_PAGE;
	if (want > (uint64_t)1 << 31)
		want = (uint64_t)1 << 31;
	return (uint32_t)(want / SLOTS_PAGE * SLOTS_PAGE);
}

/* A hint larger than this (a file of several gigabytes, or a sparse one)
 * is not trusted: past it the index grows as names arrive. */
#define RESERVE_MAX ((uint64_t)1 << 24)

void zl_zoneset_reserve(zl_zoneset_t *set, uint64_t more)
{
	if (more > RESERVE_MAX)
		more = RESERVE_MAX;
	uint32_t size = slots_for(set->nnodes + more);
	if (size > set->table_size)
		rehash(set, size);
}

size_t zl_wire_name_len(const uint8_t *wire, size_t max)
{
	size_t i = 0;
	while (i < max) {
		uint8_t l = wire[i];
		if (l == 0)
			return i + 1 <= 255 ? i + 1 : 0;
		if (l > 63)
			return 0;
		i += 1u + l;
	}
	return 0;
}

/* The slot that holds the name, or the empty slot where it would go.  The
 * table is open-addressed with linear probing, never more than 3/4 full,
 * and a slot's hash is compared before its node is read: a name that is
 * not there costs one cache line, not a walk over other names' nodes. */
static zl_slot_t *probe(const zl_zoneset_t *set, const uint8_t *wire, size_t len, uint32_t h)
{
	zl_slot_t tag = slot_tag(h);
	for (uint32_t k = home_slot(h, set->table_size);; k = next_slot(k, set->table_size)) {
		zl_slot_t *s = &set->table[k];
		if (!*s || ((*s & ~SLOT_ADDR_MASK) == tag && name_eq(slot_node(*s), wire, len)))
			return s;
	}
}

zl_node_t *zl_zoneset_find(const zl_zoneset_t *set, const uint8_t *wire, size_t len)
{
	return slot_node(*probe(set, wire, len, name_hash(wire, len)));
}

zl_name_hashes_t zl_zoneset_prefetch(const zl_zoneset_t *set, const uint8_t *wire, size_t len)
{
	zl_name_hashes_t h = { name_hash(wire, len), 0 };
	__builtin_prefetch(&set->table[home_slot(h.name, set->table_size)]);
	/* a new name interns its parent too, which is often new as well */
	if (len > 1) {
		size_t skip = 1u + wire[0];
		h.parent = name_hash(wire + skip, len - skip);
		__builtin_prefetch(&set->table[home_slot(h.parent, set->table_size)]);
	}
	return h;
}

/*
 * The store: nodes and records are carved, in blocks, out of one region of
 * address space reserved when the first is made.  The kernel gives a page
 * memory only when it is first written, so the reservation costs nothing
 * but its size is a bound: every distance inside it fits a zl_ref_t.
 * Where the system refuses so much (a strict overcommit policy or an
 * address-space limit), smaller regions are tried.
 */
#define STORE_MAX ((size_t)16 << 30)   /* 2^31 references of 8 octets, either way */
#define STORE_MIN ((size_t)64 << 20)
#define RECORD_BLOCK ((size_t)256 * 1024)

static void *store_take(zl_zoneset_t *set, size_t size, size_t align)
{
	if (!set->store) {
		for (size_t want = STORE_MAX; want >= STORE_MIN; want /= 4) {
			void *p = mmap(NULL, want, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
			if (p != MAP_FAILED) {
				set->store = p;
				set->store_size = want;
				break;
			}
		}
		if (!set->store)
			zl_oom();
	}
	/* the address is aligned, not the offset: the region starts at a page */
	uintptr_t base = (uintptr_t)set->store;
	size_t at = (size_t)(((base + set->store_used + align - 1) & ~(uintptr_t)(align - 1)) - base);
	if (at > set->store_size || size > set->store_size - at)
		zl_oom();
	set->store_used = at + size;
	/* after the region's address and size: zl_zoneset_populate() reads them */
	atomic_store_explicit(&set->store_mark, set->store_used, memory_order_release);
	return set->store + at;
}

#define POPULATE_AHEAD ((size_t)1 << 20)
#define POPULATE_STEP ((size_t)256 << 10)

void zl_zoneset_populate(zl_zoneset_t *set, void *table, size_t table_bytes, zl_populate_t *pp)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
	/* every page of the index is written soon: 4 MB of it a call */
	if (table && pp->index_done < table_bytes) {
		size_t from = pp->index_done, n = table_bytes - from;
		if (n > 4 * POPULATE_AHEAD)
			n = 4 * POPULATE_AHEAD;
		uintptr_t a = ((uintptr_t)table + from) & ~(uintptr_t)4095;
		(void)madvise((void *)a, (uintptr_t)table + from + n - a, MADV_POPULATE_WRITE);
		pp->index_done = from + n;
	}
	size_t mark = atomic_load_explicit(&set->store_mark, memory_order_acquire);
	if (!mark)
		return;
	while (pp->store_done < mark + POPULATE_AHEAD &&
	       pp->store_done + POPULATE_STEP <= set->store_size) {
		if (madvise(set->store + pp->store_done, POPULATE_STEP, MADV_POPULATE_WRITE) != 0) {
			pp->store_done = set->store_size; /* refused: not again */
			break;
		}
		pp->store_done += POPULATE_STEP;
	}
#else
	(void)set;
	(void)table;
	(void)table_bytes;
	(void)pp;
#endif
}

/* Room for a record of @p size octets (a multiple of 8). */
static void *record_alloc(zl_zoneset_t *set, size_t size)
{
	if ((size_t)(set->rec_end - set->rec_at) < size) {
		size_t block = size > RECORD_BLOCK ? size : RECORD_BLOCK;
		set->rec_at = store_take(set, block, ZL_REF_UNIT);
		set->rec_end = set->rec_at + block;
	}
	void *p = set->rec_at;
	set->rec_at += size;
	return p;
}

/* Room for a node of @p size octets at the end of the node chunks. */
static zl_node_t *node_alloc(zl_zoneset_t *set, size_t size)
{
	zl_node_chunk_t *c = set->nodes_tail;
	if (!c || c->used + size > ZL_NODE_CHUNK - offsetof(zl_node_chunk_t, data)) {
		zl_node_chunk_t *nc = store_take(set, ZL_NODE_CHUNK, ZL_NODE_CHUNK);
		nc->next = NULL;
		nc->set = set;
		nc->used = 0;
		if (c)
			c->next = nc;
		else
			set->nodes = nc;
		set->nodes_tail = c = nc;
	}
	zl_node_t *n = (zl_node_t *)(void *)((unsigned char *)c->data + c->used);
	c->used += size;
	return n;
}

/* Intern a name whose hash is @p h; @p hparent is its parent's, or NULL
 * when it is still to be computed. */
static zl_node_t *intern(zl_zoneset_t *set, const uint8_t *wire, size_t len, uint32_t h,
			 const uint32_t *hparent)
{
	zl_node_t *n = slot_node(*probe(set, wire, len, h));
	if (n)
		return n;
	zl_node_t *parent = NULL;
	uint8_t labels = 0;
	if (len > 1) {
		size_t skip = 1u + wire[0];
		parent = intern(set, wire + skip, len - skip,
				hparent ? *hparent : name_hash(wire + skip, len - skip), NULL);
		labels = (uint8_t)(parent->labels + 1);
		if (parent->children < ZL_CHILDREN_MANY)
			parent->children++;
	}
	if (set->nnodes + 1 > set->table_size / 4 * 3)
		rehash(set, set->table_size <= UINT32_MAX / 2 ? set->table_size * 2 : UINT32_MAX);
	/* the name follows the header's last field, not its padding */
	size_t ll = 1u + wire[0];
	n = node_alloc(set, (offsetof(zl_node_t, label) + ll + 7u) & ~(size_t)7);
	memset(n, 0, offsetof(zl_node_t, label));
	for (size_t i = 0; i < ll; i++)
		n->label[i] = lower(wire[i]);
	n->wirelen = (uint8_t)len;
	n->labels = labels;
	n->parent_ref = zl_ref_to(n, parent);
	/* the parent's interning, or the growth, may have moved the slot */
	*probe(set, wire, len, h) = slot_make(n, h);
	set->nnodes++;
	return n;
}

zl_node_t *zl_zoneset_intern(zl_zoneset_t *set, const uint8_t *wire, size_t len)
{
	return intern(set, wire, len, name_hash(wire, len), NULL);
}

zl_node_t *zl_zoneset_intern_hashed(zl_zoneset_t *set, const uint8_t *wire, size_t len,
				    zl_name_hashes_t h)
{
	return intern(set, wire, len, h.name, len > 1 ? &h.parent : NULL);
}

/*
 * Presentation name to wire, relative names completed with @p origin.
 * Returns the wire length, 0 when the name is invalid (empty label, label
 * over 63 octets, name over 255 octets, bad escape).
 */
size_t zl_name_from_text(const char *s, size_t sl, const uint8_t *origin, size_t olen,
			 uint8_t *out)
{
	if (sl == 1 && s[0] == '@') {
		if (!origin)
			return 0;
		memcpy(out, origin, olen);
		return olen;
	}
	if (sl == 1 && s[0] == '.') {
		out[0] = 0;
		return 1;
	}
	size_t o = 1, lenpos = 0;
	int absolute = 0;
	out[0] = 0;
	for (size_t i = 0; i < sl; i++) {
		unsigned c = (unsigned char)s[i];
		if (c != '.' && c != '\\') {
			/* a run of octets as they are, copied at once */
			size_t j = i + 1;
			while (j < sl && s[j] != '.' && s[j] != '\\')
				j++;
			size_t n = j - i;
			if (o + n > 255 || o + n - lenpos - 1 > 63)
				return 0;
			memcpy(out + o, s + i, n);
			o += n;
			out[lenpos] = (uint8_t)(o - lenpos - 1);
			i = j - 1;
			continue;
		}
		if (c == '.') {
			if (o - lenpos - 1 == 0)
				return 0;
			if (i + 1 == sl) {
				absolute = 1;
				break;
			}
			if (o >= 255)
				return 0;
			lenpos = o;
			out[o++] = 0;
			continue;
		}
		if (c == '\\') {
			if (i + 1 >= sl)
				return 0;
			if (s[i + 1] >= '0' && s[i + 1] <= '9') {
				if (i + 3 >= sl + 0 || !(s[i + 2] >= '0' && s[i + 2] <= '9') ||
				    !(s[i + 3] >= '0' && s[i + 3] <= '9'))
					return 0;
				c = (unsigned)((s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
					       (s[i + 3] - '0'));
				if (c > 255)
					return 0;
				i += 3;
			} else {
				c = (unsigned char)s[++i];
			}
		}
		if (o >= 255)
			return 0;
		out[o++] = (uint8_t)c;
		if (o - lenpos - 1 > 63)
			return 0;
		out[lenpos] = (uint8_t)(o - lenpos - 1);
	}
	if (o - lenpos - 1 == 0)
		return 0;
	if (absolute) {
		if (o + 1 > 255)
			return 0;
		out[o++] = 0;
		return o;
	}
	if (!origin || o + olen > 255)
		return 0;
	memcpy(out + o, origin, olen);
	return o + olen;
}

zl_node_t *zl_zoneset_find_str(const zl_zoneset_t *set, const char *name, const zl_node_t *origin)
{
	uint8_t wire[512], ow[ZL_WIRE_MAX];
	size_t len = zl_name_from_text(name, strlen(name), origin ? zl_node_wire(origin, ow) : NULL,
				       origin ? origin->wirelen : 0, wire);
	return len ? zl_zoneset_find(set, wire, len) : NULL;
}

zl_zone_t *zl_zoneset_apex_zone(const zl_zoneset_t *set, const zl_node_t *node)
{
	if (!node || !node->is_apex)
		return NULL;
	/* most runs have one apex: the first zone's, whose node this is */
	if (set->apex_zones.n == 1)
		return set->zones;
	return zl_ptrmap_get(&set->apex_zones, node);
}

zl_zone_t *zl_zoneset_add_zone(zl_zoneset_t *set, zl_node_t *apex, uint16_t file)
{
	zl_zone_t *z = zl_arena_calloc(&set->arena, sizeof(*z));
	z->apex = apex;
	z->file = file;
	z->name = zl_node_name(set, apex);
	static const uint8_t in_addr[] = "\x07in-addr\x04" "arpa";
	static const uint8_t ip6[] = "\x03ip6\x04" "arpa";
	for (const zl_node_t *n = apex; n; n = zl_node_parent(n)) {
		uint8_t w[ZL_WIRE_MAX];
		if ((n->wirelen == sizeof(in_addr) &&
		     !memcmp(zl_node_wire(n, w), in_addr, sizeof(in_addr))) ||
		    (n->wirelen == sizeof(ip6) && !memcmp(zl_node_wire(n, w), ip6, sizeof(ip6))))
			z->is_reverse = true;
	}
	if (!apex->is_apex) {
		apex->is_apex = 1;
		*zl_ptrmap_slot(&set->apex_zones, apex, NULL) = z;
	}
	if (set->zones_tail)
		set->zones_tail->next = z;
	else
		set->zones = z;
	set->zones_tail = z;
	set->nzones++;
	return z;
}

/*
 * Rdata worth sharing is longer than the pointer that would replace it.
 * Zones repeat rdata a lot (one DKIM key or DMARC record on many names, the
 * same MX target everywhere), so a record looks its rdata up in a small
 * direct-mapped table of recently added records and, on a match, stores a
 * pointer to their copy instead of its own.  The table is fixed in size:
 * unique rdata costs a hash and one comparison, never memory.
 */
#define RDCACHE_SLOTS 4096
/* a small set starts with a small table (a fresh 64 KB of zeroes is 16 page
 * faults, and the start-up of a check counts them); past this many records
 * per slot it is replaced by the full one, which forgets what it held */
#define RDCACHE_FIRST 256
#define RDCACHE_GROW 8

static const uint8_t *shared_rdata(zl_zoneset_t *set, const uint8_t *rdata, size_t rdlen,
				   zl_rdslot_t **slotp)
{
	*slotp = NULL;
	if (rdlen <= sizeof(const uint8_t *))
		return NULL;
	if (!set->rdcache || (set->rdcache_mask < RDCACHE_SLOTS - 1 &&
			      set->nrecords > RDCACHE_GROW * (uint64_t)(set->rdcache_mask + 1))) {
		uint32_t n = set->rdcache ? RDCACHE_SLOTS : RDCACHE_FIRST;
		free(set->rdcache);
		set->rdcache = zl_xcalloc(n, sizeof(*set->rdcache));
		set->rdcache_mask = n - 1;
	}
	uint64_t h = zl_hash_bytes(rdata, rdlen, 0);
	zl_rdslot_t *slot = &set->rdcache[h & set->rdcache_mask];
	/* the hash first: a record that is not a copy costs no read of another */
	const zl_rr_t *old = slot->rr;
	if (old && slot->hash == h && old->rdlen == rdlen) {
		const uint8_t *d = zl_rr_rdata(old);
		if (!memcmp(d, rdata, rdlen))
			return d;
	}
	slot->hash = h;
	*slotp = slot;
	return NULL;
}

/*
 * A node keeps no pointer to its last record: a zone file lists a name's
 * records together, so the record before is almost always the one to
 * append to.  When it is not, the node's last record is found in a small
 * table of such names, kept only for them; a name met there for the first
 * time has its list walked once.  Each later walk starts from the last
 * record the table knew, so the records appended in between are passed
 * once: the cost stays linear however the file orders its records.
 */
void zl_zoneset_forget_tails(zl_zoneset_t *set)
{
	zl_ptrmap_free(&set->tails);
	set->last_rr = NULL;
}

static void append_elsewhere(zl_zoneset_t *set, zl_node_t *owner, zl_rr_t *rr)
{
	bool fresh;
	void **tail = zl_ptrmap_slot(&set->tails, owner, &fresh);
	zl_rr_t *t = fresh ? zl_node_rrs(owner) : *tail;
	while (t->next_ref)
		t = zl_rr_next(t);
	t->next_ref = zl_ref_to(t, rr);
	*tail = rr;
}

zl_rr_t *zl_zoneset_add_rr(zl_zoneset_t *set, zl_zone_t *zone, zl_node_t *owner,
			   uint16_t type, uint16_t rrclass, uint32_t ttl, const uint8_t *rdata,
			   size_t rdlen, uint16_t file, uint32_t line)
{
	if (rdlen > 65535)
		rdlen = 65535;
	zl_rdslot_t *slot;
	const uint8_t *same = shared_rdata(set, rdata, rdlen, &slot);
	size_t size = sizeof(zl_rr_t) + (same ? sizeof(same) : rdlen);
	zl_rr_t *rr = record_alloc(set, (size + ZL_REF_UNIT - 1) & ~(size_t)(ZL_REF_UNIT - 1));
	rr->next_ref = 0;
	rr->owner_ref = zl_ref_to(rr, owner);
	set->files[file].zone = zone; /* a file's records are all one zone's */
	rr->ttl = ttl;
	rr->line = line < ZL_RR_LINE_MAX ? line : ZL_RR_LINE_MAX;
	rr->file = file;
	rr->type = type;
	rr->rrclass = rrclass;
	rr->rdlen = (uint16_t)rdlen;
	rr->opaque = 0;
	rr->generated = 0;
	rr->shared = same != NULL;
	if (same)
		memcpy(rr->data, &same, sizeof(same));
	else if (rdlen)
		memcpy(rr->data, rdata, rdlen);
	if (slot)
		slot->rr = rr;
	if (!owner->rrs_ref)
		owner->rrs_ref = zl_ref_to(owner, rr);
	else if (set->last_rr && zl_rr_owner(set->last_rr) == owner)
		set->last_rr->next_ref = zl_ref_to(set->last_rr, rr);
	else
		append_elsewhere(set, owner, rr);
	set->last_rr = rr;
	if (zone)
		zone->nrecords++;
	set->nrecords++;
	return rr;
}

bool zl_node_is_below(const zl_node_t *node, const zl_node_t *ancestor)
{
	for (; node; node = zl_node_parent(node))
		if (node == ancestor)
			return true;
	return false;
}

/* How many nodes made after a name zl_node_child() reads for its children. */
#define CHILD_SCAN 16
/* so a count that stopped is never met in full */
_Static_assert(CHILD_SCAN < ZL_CHILDREN_MANY, "a saturated count is never met");

zl_node_t *zl_node_child(const zl_zoneset_t *set, const zl_node_t *node, const char *label)
{
	uint8_t wire[256];
	size_t l = strlen(label);
	/* most names are leaves: they answer without a lookup */
	if (!node || !node->children || l == 0 || l > 63 || l + 1 + node->wirelen > 255)
		return NULL;
	/* A child is made after its parent, and in most zone files right after
	 * it: the nodes that follow are read first, in memory order, before the
	 * index, whose slot is a cache miss in a big zone.  Once every child of
	 * a name counted is met without the label, the label is not there. */
	unsigned seen = 0;
	const zl_node_t *c = node;
	for (int i = 0; i < CHILD_SCAN && (c = zl_node_next(c)) != NULL; i++) {
		if (zl_node_parent(c) != node)
			continue;
		if (c->label[0] == l) {
			size_t k = 0;
			while (k < l && c->label[1 + k] == lower((uint8_t)label[k]))
				k++;
			if (k == l)
				return (zl_node_t *)c;
		}
		if (++seen == node->children)
			return NULL;
	}
	wire[0] = (uint8_t)l;
	memcpy(wire + 1, label, l);
	zl_node_wire(node, wire + 1 + l);
	return zl_zoneset_find(set, wire, 1 + l + node->wirelen);
}

zl_zone_t *zl_zoneset_zone_for(const zl_zoneset_t *set, const zl_node_t *node)
{
	for (const zl_node_t *a = node; a; a = zl_node_parent(a))
		if (a->is_apex) {
			zl_zone_t *z = zl_zoneset_apex_zone(set, a);
			if (!z->external)
				return z;
			/* external data is authoritative only for the names it holds */
			return zl_external_holds(z, node) ? z : NULL;
		}
	return NULL;
}

/* The octets a name's text holds as they are: the printable ones but
 * . \\ " ( ) ; @ $, which mean something in a zone file. */
static const uint8_t name_plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

char *zl_wire_name_str(const uint8_t *wire, size_t len, char *buf)
{
	size_t o = 0, i = 0;
	if (len == 0 || wire[0] == 0) {
		strcpy(buf, ".");
		return buf;
	}
	while (i < len && wire[i] != 0) {
		uint8_t l = wire[i++];
		if (l > 63 || i + l > len)
			break;
		const uint8_t *label = wire + i;
		uint8_t k = 0;
		while (k < l && name_plain[label[k]])
			k++;
		memcpy(buf + o, label, k); /* most labels are written as they are */
		o += k;
		for (; k < l; k++) {
			uint8_t c = label[k];
			if (name_plain[c]) {
				buf[o++] = (char)c;
			} else if (c == '.' || c == '\\' || c == '"' || c == '(' || c == ')' ||
			    c == ';' || c == '@' || c == '$') {
				buf[o++] = '\\';
				buf[o++] = (char)c;
			} else {
				o += (size_t)sprintf(buf + o, "\\%03u", c);
			}
		}
		i += l;
		buf[o++] = '.';
	}
	buf[o] = '\0';
	return buf;
}

char *zl_node_str(const zl_node_t *node, char *buf)
{
	uint8_t w[ZL_WIRE_MAX];
	return zl_wire_name_str(zl_node_wire(node, w), node->wirelen, buf);
}

const char *zl_node_name(zl_zoneset_t *set, const zl_node_t *node)
{
	char buf[ZL_NAME_STRLEN];
	return zl_arena_strdup(&set->arena, zl_node_str(node, buf));
}
