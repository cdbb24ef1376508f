#!/usr/bin/env python3
# Run the CI examples of docs/examples/ locally, the way their CI would:
# every `run:` step (GitHub Actions) or script line (GitLab CI) in bash, in
# order, with the job's variables, GITHUB_PATH honoured, a failed step
# stopping the job except for `if: always()` steps.  `uses:` steps are
# stood in for: actions/checkout by the prepared clone, upload-sarif by a
# SARIF schema validation.  Prints one JSON line per step and a result.
# Usage: ci-examples.py github FILE WORKDIR STATE [first-step]
#        ci-examples.py gitlab FILE WORKDIR STATE [before|script|all]
# Copyright (c) 2026 the zonelint authors
# SPDX-License-Identifier: BSD-3-Clause
import json
import os
import subprocess
import sys

import yaml

kind, path, work, state = sys.argv[1:5]
here = os.path.dirname(os.path.abspath(__file__))
validate = os.path.join(here, "..", "sarif", "validate.py")
doc = yaml.safe_load(open(path))
env = dict(os.environ)
# the PATH entries earlier steps added (GITHUB_PATH / export), kept between calls
if os.path.exists(state):
    env["PATH"] = open(state).read().strip()


def run(script, shell):
    # the job's output goes to stderr, the log; stdout carries the step results
    r = subprocess.run(shell + [script], cwd=work, env=env, stdout=sys.stderr)
    return r.returncode


def report(**kw):
    print(json.dumps(kw), flush=True)


if kind == "github":
    start = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    assert set(doc) >= {"name", "jobs"}, doc
    on = doc.get("on", doc.get(True))
    assert "push" in on and "pull_request" in on, on
    assert doc["permissions"]["security-events"] == "write", doc["permissions"]
    (job,) = doc["jobs"].values()
    env.update({k: str(v) for k, v in doc.get("env", {}).items()
                if not os.environ.get("ZL_KEEP_" + k)})
    env.update({k: str(v) for k, v in job.get("env", {}).items()})
    gh_path = os.path.join(os.path.dirname(state), "github_path")
    env["GITHUB_PATH"] = gh_path
    failed = False
    for i, step in enumerate(job["steps"]):
        if i < start:
            continue
        cond = step.get("if")
        assert cond in (None, "always()"), "unsupported if: %r" % cond
        if failed and cond != "always()":
            report(step=i, name=step.get("name", step.get("uses")), skipped=True)
            continue
        uses = step.get("uses")
        if uses:
            name, _, ver = uses.partition("@")
            assert ver, "unpinned action %s" % uses
            if name == "actions/checkout":
                assert str(step["with"]["fetch-depth"]) == "0", step
                rc = run("git rev-parse --verify -q HEAD >/dev/null", ["bash", "-e", "-c"])
            elif name == "github/codeql-action/upload-sarif":
                sarif = os.path.join(work, step["with"]["sarif_file"])
                rc = subprocess.run([sys.executable, validate, sarif],
                                    stdout=sys.stderr).returncode
            else:
                raise SystemExit("unknown action %s" % uses)
        else:
            step_env = {k: str(v) for k, v in step.get("env", {}).items()}
            env.update(step_env)
            open(gh_path, "a").close()
            rc = run(step["run"], ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"])
            # GITHUB_PATH: each line goes in front of PATH for the later steps
            for line in open(gh_path).read().split("\n"):
                if line and line not in env["PATH"].split(":"):
                    env["PATH"] = line + ":" + env["PATH"]
        report(step=i, name=step.get("name", uses), rc=rc)
        failed = failed or rc != 0
    open(state, "w").write(env["PATH"])
    report(result="failure" if failed else "success")
elif kind == "gitlab":
    (name, job), = doc.items()
    assert job["image"].startswith("debian:"), job["image"]
    env.update({k: str(v) for k, v in job.get("variables", {}).items()
                if not os.environ.get("ZL_KEEP_" + k)})
    reports = job["artifacts"]["reports"]
    assert job["artifacts"]["when"] == "always", job["artifacts"]
    part = sys.argv[5] if len(sys.argv) > 5 else "all"
    shell = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]
    rc = 0
    if part in ("all", "before"):
        before = "\n".join(job["before_script"])
        env["ZL_STATE"] = state  # the job's PATH after before_script, for later calls
        rc = run(before + '\nprintf %s "$PATH" >"$ZL_STATE"\n', shell)
        report(part="before_script", rc=rc)
        if os.path.exists(state):
            env["PATH"] = open(state).read().strip()
    if rc == 0 and part in ("all", "script"):
        rc = run("\n".join(job["script"]), shell)
        report(part="script", rc=rc)
    report(result="failure" if rc else "success", codequality=reports["codequality"],
           junit=reports["junit"])
else:
    raise SystemExit("usage: ci-examples.py github|gitlab FILE WORKDIR STATE [from]")
