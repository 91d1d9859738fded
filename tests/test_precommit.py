"""The pre-commit hooks, run by real pre-commit on a sample git repository; pip builds and installs cleaner offline."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, offline_pip

DAMAGED = "They reached a deal , officials said.\n"
FIXED = "They reached a deal, officials said.\n"
CLEAN = "# Talks\n\nThe talks resume on Monday.\n"


def git(folder: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", "-C", str(folder), *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def snapshot(target: Path) -> str:
    """This checkout as it is (tracked and new files, as git sees them), committed in a repository of its own; returns the commit."""
    files = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot")
    return git(target, "rev-parse", "HEAD").strip()


def test_shipped_hooks_are_the_two_documented_ones() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(h["id"], h["entry"], h["language"]) for h in hooks] == [("cleaner-check", "cleaner check", "python"), ("cleaner-fix", "cleaner fix", "python")]


@pytest.mark.slow
def test_hooks_check_then_fix_a_sample_repository(tmp_path: Path) -> None:
    hooks = tmp_path / "hooks"
    rev = snapshot(hooks)
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "deal.txt").write_text(DAMAGED, encoding="utf-8")
    (project / "articles" / "talks.md").write_text(CLEAN, encoding="utf-8")
    config = {"repos": [{"repo": str(hooks), "rev": rev, "hooks": [{"id": "cleaner-check"}, {"id": "cleaner-fix"}]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-A")
    env = {**offline_pip(), "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}

    def pre_commit(hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", hook, "--all-files"], cwd=project, env=env, capture_output=True, text=True)

    check = pre_commit("cleaner-check")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "articles/deal.txt:1:20: whitespace/space-before-punctuation [*] Space before punctuation" in check.stdout
    assert "talks.md" not in check.stdout.split("Found")[0]

    fix = pre_commit("cleaner-fix")
    assert fix.returncode == 1 and "files were modified by this hook" in fix.stdout, fix.stdout + fix.stderr
    assert (project / "articles" / "deal.txt").read_text(encoding="utf-8") == FIXED
    assert (project / "articles" / "talks.md").read_text(encoding="utf-8") == CLEAN

    again = pre_commit("cleaner-check")
    assert again.returncode == 0 and "Passed" in again.stdout, again.stdout + again.stderr
