"""cleaner.dask on a real two-process cluster gives, byte for byte, what a local run gives."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from cleaner import RulebookError, clean
from cleaner.dask import MISSING_EXTRA, DaskMissingError, Settings, _rules_folder, clean_bag, edits_json, engine_for, fix_jsonl
from cleaner.engine import Engine
from cleaner.rulebook import load_rulebook

distributed = pytest.importorskip("distributed")
dask_bag = pytest.importorskip("dask.bag")

ARTICLES = sorted(p for p in (ROOT / "fixtures" / "articles").glob("*.txt") if not p.name.endswith(".expected.txt"))
CLEAN = sorted((ROOT / "fixtures" / "clean").glob("*.txt"))

PACK = """\
description: House style of a test
phase: structure
rules:
  - id: said
    kind: swap
    words: {said: stated}
    safety: safe
    message: Plain verb {match}
    why: House style.
    examples:
      - before: "Officials said so."
        after: "Officials stated so."
      - unchanged: "Officials stated so."
"""


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with (
        distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture
def house(tmp_path: Path) -> Path:
    """A user rules folder: one pack, and a data file in a subfolder that must travel with it."""
    folder = tmp_path / "house-rules"
    (folder / "data").mkdir(parents=True)
    (folder / "house.yaml").write_text(PACK, encoding="utf-8")
    (folder / "data" / "notes.txt").write_text("data files travel too\n", encoding="utf-8")
    return folder


def corpus(path: Path) -> list[bytes]:
    """A JSONL file of the fixtures, with other fields, ASCII escapes, a CRLF line, a blank line, a bad line and a last line without a newline."""
    lines = [json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8"), "meta": {"city": "Zürich"}}).encode() + b"\n" for p in ARTICLES + CLEAN]
    lines[1] = lines[1][:-1] + b"\r\n"
    lines.insert(3, b"\n")
    lines.insert(5, b"{not json\n")
    lines[-1] = lines[-1][:-1]
    path.write_bytes(b"".join(lines))
    return lines


def records(lines: list[bytes]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines if line.startswith(b'{"')]


@pytest.mark.slow
def test_fix_jsonl_on_a_cluster_writes_what_a_local_run_writes(client: distributed.Client, house: Path, tmp_path: Path, cli: Any) -> None:
    source = tmp_path / "corpus.jsonl"
    lines = corpus(source)
    local = tmp_path / "local.jsonl"
    assert cli("fix", "--rules", str(house), "--jsonl-edits", "edits", str(source), "-o", str(local)).code == 2, "the bad record is an error"

    out = tmp_path / "out.jsonl"
    counts = fix_jsonl(client, source, out, edits_field="edits", rules=[house], blocksize=20_000)

    assert out.read_bytes() == local.read_bytes()
    wanted = local.read_bytes().splitlines(keepends=True)
    before, after = records(lines), records(wanted)
    assert sum("stated" in r["text"] for r in after) > 5, "the user pack's swap ran on the workers"
    assert counts.documents == len(ARTICLES + CLEAN)
    assert counts.changed == sum(a["text"] != b["text"] for a, b in zip(before, after, strict=True)) > 10
    assert counts.edits == sum(sum(e["applies"] for e in r.get("edits", ())) for r in after)
    assert counts.errors == (f"{source}:6: not valid JSON (Expecting property name enclosed in double quotes at column 2); record passed through unchanged",)
    assert counts.error_count == 1 and counts.warning_count == len(counts.warnings) > 0
    assert not list(tmp_path.glob(".out.jsonl.*")), "no temporary file is left behind"

    in_place = shutil.copy(source, tmp_path / "strict.jsonl")
    blocked = fix_jsonl(client, in_place, in_place, max_removed=0.01)
    forced = fix_jsonl(client, source, tmp_path / "forced.jsonl", max_removed=0.01, force=True)
    engine = Engine(load_rulebook().select())
    local = [engine.run(r["text"], max_removed=0.01) for r in before]
    assert blocked.blocked == sum(r.skipped for r in local) > 0
    assert blocked.changed == sum(r.changed for r in local)
    assert in_place.read_bytes() != source.read_bytes() and not list(tmp_path.glob(".strict.jsonl.*"))
    assert forced.blocked == 0 and forced.changed > blocked.changed
    assert cli("fix", "--force", str(source), "-o", str(tmp_path / "forced-local.jsonl")).code == 2
    assert (tmp_path / "forced.jsonl").read_bytes() == (tmp_path / "forced-local.jsonl").read_bytes()

    built = client.run(lambda: len(sys.modules["cleaner.dask"]._ENGINES))
    assert set(built.values()) <= {1, 2}, "each worker builds one engine per rule set, not one per document"


@pytest.mark.slow
def test_fix_with_a_dask_scheduler_writes_what_a_local_fix_writes(client: distributed.Client, house: Path, tmp_path: Path, cli: Any) -> None:
    source = tmp_path / "corpus.jsonl"
    corpus(source)
    common = ("--unsafe-fixes", "--rules", str(house), "--jsonl-field", "text", "--jsonl-edits", "edits", str(source))
    local = cli("fix", *common, "-o", str(tmp_path / "local.jsonl"))
    remote = cli("fix", "--dask-scheduler", client.scheduler.address, *common, "-o", str(tmp_path / "remote.jsonl"))
    assert (tmp_path / "remote.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert remote.code == local.code == 2
    assert f"error: {source}:6: not valid JSON" in remote.err
    assert f"records on the Dask cluster at {client.scheduler.address}." in remote.err
    assert source.read_bytes() != (tmp_path / "remote.jsonl").read_bytes()


def test_fix_with_a_dask_scheduler_refuses_what_it_cannot_do(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text , here.\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "Text , here."}\n', encoding="utf-8")
    folder = cli("fix", "--dask-scheduler", "tcp://127.0.0.1:1", str(tmp_path / "a.txt"))
    assert (folder.code, folder.err) == (2, "error: --dask-scheduler cleans one JSONL file: give its path (and -o PATH to write the result elsewhere)\n")
    both = cli("fix", "--dask-scheduler", "tcp://127.0.0.1:1", "--diff", str(tmp_path / "c.jsonl"))
    assert (both.code, both.err) == (2, "error: --dask-scheduler cannot be combined with --diff\n")
    assert (tmp_path / "c.jsonl").read_text(encoding="utf-8") == '{"text": "Text , here."}\n'


@pytest.mark.slow
def test_clean_bag_on_a_cluster_matches_the_fixtures_and_a_local_run(client: distributed.Client, house: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in ARTICLES]
    repaired = clean_bag(dask_bag.from_sequence(texts, npartitions=4)).compute()
    assert repaired == [p.with_suffix(".expected.txt").read_text(encoding="utf-8") for p in ARTICLES]

    documents = [{"id": p.stem, "body": p.read_text(encoding="utf-8")} for p in ARTICLES + CLEAN]
    local = [clean(d["body"], unsafe=True, rules=[house]) for d in documents]
    cleaned = clean_bag(dask_bag.from_sequence(documents, npartitions=3), field="body", edits_field="edits", unsafe=True, rules=[house])
    shutil.rmtree(house)  # the workers get the packs' contents with the tasks, not their path
    got = cleaned.compute()
    assert got == [{"id": d["id"], "body": r.text, "edits": edits_json(r)} for d, r in zip(documents, local, strict=True)]
    assert any("stated" in g["body"] for g in got) and any(g["body"] != d["body"] for g, d in zip(got, documents, strict=True))


def test_rule_errors_surface_on_the_client_with_the_given_path(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "house.yaml").write_text(PACK.replace("safety: safe", "safety: maybe"), encoding="utf-8")
    with pytest.raises(RulebookError, match=r"bad/house.yaml:\d+: rule 'house/said': safety must be one of"):
        clean_bag(dask_bag.from_sequence(["text"]), rules=[folder])


def test_a_worker_loads_the_packs_from_their_contents_and_names_the_client_paths(tmp_path: Path, house: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "worker"))
    (tmp_path / "worker").mkdir()
    settings = Settings.of(rules=[house], default_rules=False)
    shutil.rmtree(house)
    engine = engine_for(settings)
    assert engine is engine_for(settings)
    assert engine.run("Officials said so.").text == "Officials stated so."
    [written] = (tmp_path / "worker").glob("cleaner-rules-*")
    assert (written / "0" / "data" / "notes.txt").read_text(encoding="utf-8") == "data files travel too\n"
    (written / "0" / "house.yaml").unlink()  # as a temporary-file cleaner might
    assert Engine(load_rulebook(_rules_folder(settings)[1], default_rules=False).select()).run("He said so.").text == "He stated so."

    pack = settings.packs[0]
    broken = Settings((type(pack)(pack.given, False, (("house.yaml", PACK.replace("kind: swap", "kind: swop").encode()),)),), default_rules=False)
    with pytest.raises(RulebookError) as raised:
        engine_for(broken)
    assert raised.value.problems[0].startswith(f"{house}/house.yaml:"), raised.value.problems
    assert "unknown kind 'swop'" in str(raised.value)


def test_without_the_extra_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for module in ("dask", "dask.bag", "distributed"):
        monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(DaskMissingError, match="pip install 'cleaner-news\\[dask\\]'") as raised:
        fix_jsonl("tcp://127.0.0.1:1", tmp_path / "in.jsonl", tmp_path / "out.jsonl")
    assert str(raised.value) == MISSING_EXTRA == "cleaner: the Dask support needs the 'dask' extra: pip install 'cleaner-news[dask]'"
    with pytest.raises(DaskMissingError):
        clean_bag(object())  # type: ignore[arg-type]
