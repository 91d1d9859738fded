"""A built wheel, installed outside the checkout, still finds the shipped rule packs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from cleaner.rulebook import load_rulebook

PROBE = """
import json, cleaner
from cleaner.rulebook import load_rulebook, shipped_rules_dir
book = load_rulebook()
print(json.dumps({"module": cleaner.__file__, "rules": str(shipped_rules_dir()), "ids": [r.full_id for r in book],
                  "text": cleaner.clean("Body text of a short article about talks in Geneva.\\n\\nLeave a Comment\\n\\nThis site uses Akismet to reduce spam.\\n").text}))
"""


@pytest.mark.slow
def test_wheel_ships_the_rule_packs(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    [wheel] = wheels.glob("cleaner-*.whl")
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)], check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); exec({PROBE!r})"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(run.stdout)
    assert found["module"].startswith(str(target))
    assert found["rules"].startswith(str(target))
    assert found["ids"] == [r.full_id for r in load_rulebook()]
    assert found["text"] == "Body text of a short article about talks in Geneva.\n"
