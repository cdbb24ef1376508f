/* zonelint: user-defined rules from the config, matched with PCRE2.
 * Copyright (c) 2026 the zonelint authors
 * SPDX-License-Identifier: BSD-3-Clause
 */
#ifndef ZL_CUSTOM_H
#define ZL_CUSTOM_H

#include "rules.h"

/*
 * A custom rule selects records by owner (regex over the absolute owner
 * name, case-insensitive) and type, and either requires or forbids a match
 * of its pattern in the record's text: for TXT and SPF records the
 * character-strings joined (as receivers see them), for other types the
 * rdata in presentation format.
 */

/** @brief Run every custom rule of the config over every record. */
void zl_custom_run(zl_ctx_t *ctx);

#endif
