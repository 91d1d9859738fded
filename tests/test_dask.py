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


def expected_line(line: bytes, edits: list[dict[str, object]] | None, **settings: Any) -> bytes:
    """What a local run makes of one line: the same bytes if its text stays (and has no edits to list), else the record with the repaired text."""
    body = line.rstrip(b"\r\n")
    try:
        record = json.loads(body)
    except json.JSONDecodeError:
        return line
    result = clean(record["text"], **settings)
    if result.text == record["text"] and not (edits is not None and result.all_edits):
        return line
    record["text"] = result.text
    if edits is not None:
        record["edits"] = edits
    return json.dumps(record, ensure_ascii=False).encode() + line[len(body) :]


def records(lines: list[bytes]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines if line.startswith(b'{"')]


@pytest.mark.slow
def test_fix_jsonl_on_a_cluster_writes_what_a_local_run_writes(client: distributed.Client, house: Path, tmp_path: Path, cli: Any) -> None:
    source = tmp_path / "corpus.jsonl"
    lines = corpus(source)
    checked = cli("check", "--output-format", "json", "--rules", str(house), *map(str, ARTICLES + CLEAN))
    cli_edits = {Path(d["path"]).stem: d["edits"] for d in json.loads(checked.out)["documents"]}

    out = tmp_path / "out.jsonl"
    counts = fix_jsonl(client, source, out, edits_field="edits", rules=[house], blocksize=20_000)

    wanted = [expected_line(line, cli_edits[json.loads(line)["id"]] if line.startswith(b'{"') else None, rules=[house]) for line in lines]
    assert out.read_bytes() == b"".join(wanted)
    before, after = records(lines), records(wanted)
    assert sum("stated" in r["text"] for r in after) > 5, "the user pack's swap ran on the workers"
    assert counts.documents == len(ARTICLES + CLEAN)
    assert counts.changed == sum(a["text"] != b["text"] for a, b in zip(before, after, strict=True)) > 10
    assert counts.edits == sum(sum(e["applies"] for e in r.get("edits", ())) for r in after)
    assert counts.errors == (f"{source}:6: not a JSON record (Expecting property name enclosed in double quotes)",)
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
    assert (tmp_path / "forced.jsonl").read_bytes() == b"".join(expected_line(line, None) for line in lines)

    built = client.run(lambda: len(sys.modules["cleaner.dask"]._ENGINES))
    assert set(built.values()) <= {1, 2}, "each worker builds one engine per rule set, not one per document"


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
