/* zonelint: return codes and small helpers shared by every module.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_COMMON_H
#define ZL_COMMON_H

#include <stddef.h>
#include <stdint.h>

/*
 * Functions return 0 on success and a negative ZL_E* code on failure; what
 * failed is kept apart from how loud it is (severity is policy, decided when
 * a finding is reported).
 */
enum {
	ZL_OK = 0,
	ZL_ENOMEM = -1,   /**< allocation failed */
	ZL_EINVAL = -2,   /**< malformed input */
	ZL_EIO = -3,      /**< a file could not be read */
	ZL_ELIMIT = -4,   /**< a configured or built-in limit was passed */
	ZL_ENOTFOUND = -5 /**< the thing asked for does not exist */
};

#define ZL_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define ZL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define ZL_UNUSED __attribute__((unused))
#else
#define ZL_PRINTF(f, a)
#define ZL_UNUSED
#endif

#endif
