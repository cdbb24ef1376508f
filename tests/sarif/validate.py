#!/usr/bin/env python3
# Validate SARIF files against the SARIF 2.1.0 schema kept beside this script.
# Usage: validate.py FILE...   (exit 0: all valid; 1: one is not, with why)
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
import json
import os
import sys

import jsonschema

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft4Validator.check_schema(schema)
# format checking too: every format the validator knows (uri and uri-reference
# come from python3-rfc3987)
checker = jsonschema.FormatChecker()
validator = jsonschema.Draft4Validator(schema, format_checker=checker)
bad = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        raw = f.read()
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        print("%s: not UTF-8 JSON: %s" % (path, e))
        bad = 1
        continue
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors[:5]:
        where = "/".join(str(p) for p in e.absolute_path)
        print("%s: /%s: %s" % (path, where, e.message))
    if errors:
        bad = 1
sys.exit(bad)
