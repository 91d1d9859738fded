"""The built wheel: installed outside the checkout it finds the shipped packs; in a fresh virtual environment it runs as `cleaner`."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, offline_pip

from cleaner import __version__
from cleaner.rulebook import load_rulebook

DISTRIBUTION = "cleaner_news"
"""The distribution's name on the package index is cleaner-news; the command and the import are cleaner."""

PROBE = """
import json, cleaner
from cleaner.rulebook import load_rulebook, shipped_rules_dir
book = load_rulebook()
print(json.dumps({"module": cleaner.__file__, "rules": str(shipped_rules_dir()), "ids": [r.full_id for r in book],
                  "text": cleaner.clean("Body text of a short article about talks in Geneva.\\n\\nLeave a Comment\\n\\nThis site uses Akismet to reduce spam.\\n").text}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip builds from this checkout, offline."""
    wheels = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)], check=True, capture_output=True, env=offline_pip()
    )
    [built] = wheels.glob(f"{DISTRIBUTION}-{__version__}-*.whl")
    return built


@pytest.mark.slow
def test_wheel_ships_the_rule_packs(tmp_path: Path, wheel: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)], check=True, capture_output=True)
    run = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); exec({PROBE!r})"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(run.stdout)
    assert found["module"].startswith(str(target))
    assert found["rules"].startswith(str(target))
    assert found["ids"] == [r.full_id for r in load_rulebook()]
    assert found["text"] == "Body text of a short article about talks in Geneva.\n"


def test_wheel_carries_types_licence_changelog_and_schema(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    info = f"{DISTRIBUTION}-{__version__}.dist-info"
    assert "cleaner/py.typed" in names and "cleaner/rules/rules.schema.json" in names
    assert f"{info}/licenses/LICENSE" in names and f"{info}/extra_metadata/CHANGELOG.md" in names
    metadata = zipfile.ZipFile(wheel).read(f"{info}/METADATA").decode()
    assert "Name: cleaner-news\n" in metadata and "License: MIT" in metadata
    assert "cleaner = cleaner.cli:main" in zipfile.ZipFile(wheel).read(f"{info}/entry_points.txt").decode()


@pytest.mark.slow
def test_wheel_installs_and_runs_in_a_fresh_virtual_environment(tmp_path: Path, wheel: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", f"cleaner-news=={__version__}"]
    subprocess.run(install, check=True, capture_output=True, env=offline_pip(wheel.parent))
    version = subprocess.run([str(venv / "bin" / "cleaner"), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout == f"cleaner {__version__}\n"
    article = tmp_path / "article.txt"
    article.write_text("They reached a deal , officials said.\n", encoding="utf-8")
    check = subprocess.run([str(python), "-m", "cleaner", "check", str(article)], capture_output=True, text=True, cwd=tmp_path)
    assert check.returncode == 1 and "whitespace/space-before-punctuation [*]" in check.stdout
    typed = subprocess.run(
        [str(python), "-c", "import cleaner, pathlib; print((pathlib.Path(cleaner.__file__).parent / 'py.typed').is_file())"], capture_output=True, text=True
    )
    assert typed.stdout == "True\n"
