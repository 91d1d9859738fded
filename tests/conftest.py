from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from cleaner.cli import main

# The suite gives the same verdict on every run (the same examples, derived from each test); `make fuzz` explores at random.
settings.register_profile("default", max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "articles" / "seed-lavrov-blinken.txt"


@pytest.fixture(autouse=True, scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory):
    """Keep the on-disk cache (parsed YAML, word lists) of a test run out of the user's own."""
    previous = os.environ.get("CLEANER_CACHE_DIR")
    os.environ["CLEANER_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        del os.environ["CLEANER_CACHE_DIR"]
    else:
        os.environ["CLEANER_CACHE_DIR"] = previous


@dataclass
class Run:
    code: int
    out: str
    err: str
    out_bytes: bytes


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):
    """Run the CLI in-process: ``cli(*args, stdin=b"...")`` returns exit code, stdout and stderr."""

    def run(*args: str, stdin: bytes | None = None, tty: bool = False) -> Run:
        raw_in = io.BytesIO(stdin or b"")
        fake_in = io.TextIOWrapper(raw_in, encoding="utf-8")
        if tty:
            monkeypatch.setattr(fake_in, "isatty", lambda: True)
        monkeypatch.setattr(sys, "stdin", fake_in)
        out_raw = io.BytesIO()
        out = io.TextIOWrapper(out_raw, encoding="utf-8", newline="")
        err = io.StringIO()
        code = main(list(args), out=out, err=err)
        out.flush()
        data = out_raw.getvalue()
        return Run(code, data.decode("utf-8", errors="replace"), err.getvalue(), data)

    return run


PACK = """\
description: Test pack
phase: structure
rules:
  - id: colour
    kind: swap
    words: {color: colour}
    safety: safe
    message: American spelling {match}
    why: House style.
    examples:
      - before: "The color red."
        after: "The colour red."
      - unchanged: "The colours."
  - id: shout
    kind: replace
    pattern: '!{2,}'
    replacement: '!'
    safety: unsafe
    message: Repeated exclamation marks
    why: Wire copy does not shout.
    examples:
      - before: "Stop!!!"
        after: "Stop!"
      - unchanged: "Stop!"
"""


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    """A user rules folder holding one small pack, ``house``."""
    folder = tmp_path / "house-rules"
    folder.mkdir()
    (folder / "house.yaml").write_text(PACK, encoding="utf-8")
    return folder


WHEELHOUSE = Path(os.environ.get("CLEANER_WHEELHOUSE") or ROOT / ".venv" / "wheelhouse")
"""Wheels of cleaner's dependencies and build backend, which `make` (target `wheelhouse`) downloads with the test extras."""


def offline_pip(*find_links: Path) -> dict[str, str]:
    """The environment of a pip that installs only from ``find_links`` and the wheelhouse, never from the network."""
    assert any(WHEELHOUSE.glob("hatchling-*.whl")), f"no wheelhouse at {WHEELHOUSE}: run `make wheelhouse` (make test does)"
    links = " ".join(str(p) for p in (*find_links, WHEELHOUSE))
    return {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": links, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "VIRTUALENV_NO_PERIODIC_UPDATE": "1"}
