#!/bin/bash
# Regenerate the extracted seeds of the load and config fuzz corpora:
#   load/zex-*    every zones-examples/ folder, its zone files as the parts
#                 of one input ("---- NAME" separators, fuzz_load.c), with
#                 its .zonelint.yaml as a part when it has one
#   load/cat-*    every bad:/good: example of rules/*.yaml, as
#                 test_catalogue runs it (snippets after the standard
#                 header; $INCLUDEd .inc files inlined, since includes are
#                 refused in memory)
#   config/cli-*  every config file written by tests/cli/*.sh
#   config/man-*  the EXAMPLE of man/zonelint.yaml.5.in
#   config/cat-*  the config: of every catalogue example
# Hand-written seeds (hand-*) and regressions are left alone.  A developer
# tool (needs python3 with PyYAML): run it after adding examples, and commit
# the result; the build and the tests only read the committed seeds.
#   tests/fuzz/seed-corpus.sh
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/tests/fuzz/corpus
mkdir -p "$out/load" "$out/config"
rm -f "$out"/load/zex-* "$out"/load/cat-* "$out"/config/cli-* "$out"/config/man-* \
	"$out"/config/cat-*

# ---- zones-examples/ ----
for d in "$top"/zones-examples/*/; do
	name=$(basename "$d")
	f=$out/load/zex-$name
	: >"$f"
	if [ -f "$d/.zonelint.yaml" ]; then
		printf -- '---- .zonelint.yaml\n' >>"$f"
		cat "$d/.zonelint.yaml" >>"$f"
	fi
	find "$d" -type f \( -name '*.zone' -o -name '*.db' -o -name 'db.*' \) | sort |
		while read -r z; do
			printf -- '---- %s\n' "$(basename "$z")" >>"$f"
			cat "$z" >>"$f"
		done
done

# ---- tests/cli/*.sh configs: heredocs and printf one-liners into *.yaml ----
for s in "$top"/tests/cli/*.sh; do
	base=$(basename "$s" .sh)
	awk -v dir="$out/config" -v base="$base" '
	/^cat >[^ ]*\.yaml <<.Y.$/ {
		f = $2; sub(/^>/, "", f); gsub(/[^A-Za-z0-9._-]/, "_", f)
		file = dir "/cli-" base "-" f; printf "" > file; inhere = 1; next
	}
	inhere && /^Y$/ { close(file); inhere = 0; next }
	inhere { print > file }
	' "$s"
	grep -E "^printf '[^']*' >[A-Za-z0-9._-]+\.yaml\$" "$s" | while read -r line; do
		fmt=${line#printf \'}
		fmt=${fmt%%\' >*}
		f=${line##*>}
		# shellcheck disable=SC2059
		printf "$fmt" >"$out/config/cli-$base-$f"
	done
done

# ---- the man page example ----
sed -n '/^\.SH EXAMPLE/,/^\.fi/p' "$top/man/zonelint.yaml.5.in" | sed '1,2d;$d' |
	sed -e 's/\\-/-/g' -e 's/\\e/\\/g' >"$out/config/man-example.yaml"

# ---- the catalogue ----
python3 - "$top" "$out" <<'PY'
import glob, os, re, sys
import yaml

top, out = sys.argv[1], sys.argv[2]
src = open(os.path.join(top, "src/rules.c")).read()
m = re.search(r"zl_example_header\[\]\s*=\s*((?:\s*\"(?:[^\"\\]|\\.)*\")+)\s*;", src)
header = "".join(re.findall(r"\"((?:[^\"\\]|\\.)*)\"", m.group(1)))
header = header.encode().decode("unicode_escape")

def inline(text, files, depth=0):
    lines = []
    for line in text.splitlines(keepends=True):
        w = line.split()
        if depth < 4 and len(w) == 2 and w[0].upper() == "$INCLUDE" and w[1] in files:
            lines.append(inline(files[w[1]], files, depth + 1))
        else:
            lines.append(line)
    return "".join(lines)

for path in sorted(glob.glob(os.path.join(top, "rules", "*.yaml"))):
    try:
        doc = yaml.safe_load(open(path))
    except yaml.YAMLError as e:
        print("seed-corpus.sh: skipping %s: %s" % (path, e), file=sys.stderr)
        continue
    for rule in doc.get("rules", []):
        for kind in ("bad", "good"):
            for i, ex in enumerate(rule.get(kind, []) or []):
                stem = "cat-%s-%s-%d" % (rule["id"], kind, i)
                parts = []
                config = None
                if isinstance(ex, str):
                    parts.append(("example.com.zone", header + ex))
                else:
                    config = ex.get("config")
                    files = ex.get("files", {}) or {}
                    if ex.get("snippet"):
                        parts.append(("example.com.zone", header + ex["snippet"]))
                    for name in sorted(files):
                        if name.endswith(".zone"):
                            parts.append((os.path.basename(name),
                                          inline(files[name], files)))
                text = ""
                if config:
                    text += "---- .zonelint.yaml\n" + config
                    if not text.endswith("\n"):
                        text += "\n"
                    with open(os.path.join(out, "config", stem), "w") as f:
                        f.write(config)
                for name, body in parts:
                    text += "---- %s\n%s" % (name, body)
                    if not text.endswith("\n"):
                        text += "\n"
                with open(os.path.join(out, "load", stem), "w") as f:
                    f.write(text)
PY
echo "load: $(ls "$out/load" | wc -l) seeds, config: $(ls "$out/config" | wc -l) seeds"
