"""``cleaner fix`` over a corpus: each document cleaned in order, then written in place, to ``-o``, to stdout, or shown as a diff.

Text files are rewritten atomically and only when they change
(:func:`cleaner.files.write_atomic`); JSONL files are streamed and replaced
the same way (:mod:`cleaner.output`). With ``-o`` nothing given as input is
ever written, and a journal lets ``--resume`` finish an interrupted run.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, BinaryIO, TextIO, cast

from .corpus import Start, Unit, rewrite_record
from .files import InputError, Source, write_atomic
from .model import LineIndex
from .output import InPlace, Journal, Sink, Streamed, Target, ToStream, plan, write_new
from .report import Report, edit_json, fix_summary, unified_diff
from .statistics import rule_statistics, statistics_table

if TYPE_CHECKING:
    from .cli import Item, Session

EXIT_OK, EXIT_PENDING, EXIT_ERROR = 0, 1, 2


def _identity(session: Session, target: Target) -> dict[str, object]:
    """What must not change between a run and its resumption: inputs, output and every setting that shapes the output."""
    args = session.args
    skip = {"resume", "jobs", "quiet", "verbose", "func", "paths", "output"}
    inputs = []
    for path in target.inputs:
        info = path.stat()
        inputs.append([str(path.resolve()), info.st_size if path.is_file() else None, info.st_mtime_ns if path.is_file() else None])
    return {"inputs": inputs, "output": str(target.path.resolve()), "args": {k: v for k, v in sorted(vars(args).items()) if k not in skip}}


class Fixer:
    """One ``fix`` run: where each document goes, and the journal of a ``-o`` run."""

    def __init__(self, session: Session, out: TextIO) -> None:
        from .cli import UsageError

        self.session = session
        self.args = args = session.args
        self.out = out
        self.items = session.items()
        self.target: Target | None = None
        self.journal: Journal | None = None
        self.start = Start()
        self.resume_at: int | None = None
        self.sinks: dict[int, Sink] = {}
        self.done = 0
        if args.resume and not args.output:
            raise UsageError("--resume continues a run of `fix -o PATH`; give the same -o PATH")
        if args.output:
            if args.diff:
                raise UsageError("-o writes the cleaned corpus, --diff writes nothing; choose one")
            try:
                self.target = plan(args.output, list(args.paths) or ["-"], resume=args.resume)
            except ValueError as error:
                raise UsageError(str(error)) from None
            if len(self.target.inputs) == 1 and not any(i.jsonl for i in self.items if i.path is not None and self.target.inputs[0].is_dir()):
                self._open_journal()
            elif args.resume:
                raise UsageError("--resume works on one input: a folder of text files, a JSONL file or a text file")

    def _open_journal(self) -> None:
        assert self.target is not None
        self.journal = Journal.beside(self.target.path, _identity(self.session, self.target))
        if not self.args.resume:
            self.journal.remove()
            return
        try:
            found = self.journal.load()
        except InputError as error:
            from .cli import UsageError

            raise UsageError(str(error)) from None
        if found is None:
            return
        self.start, self.resume_at, errors = found
        self.done = self.start.units
        for line in errors:
            self.session.error(line)
        self.session.note(f"resuming after {self.start.units} documents in finished shards")

    # -- where documents go

    def sink(self, item: Item) -> Sink | None:
        """The JSONL output of ``item``: stdout, a file replaced in place, or an ``-o`` file; ``None`` for text files and ``--diff``."""
        if not item.jsonl or self.args.diff:
            return None
        key = id(item)
        if key not in self.sinks:
            if item.path is None and self.target is None:
                self.out.flush()
                self.sinks[key] = ToStream(cast(BinaryIO, getattr(self.out, "buffer", None) or _TextBytes(self.out)))
            elif self.target is not None:
                resume_at, self.resume_at = self.resume_at, None
                self.sinks[key] = Streamed(self.target.destination(item.root, item.path), resume_at=resume_at)
            else:
                assert item.path is not None
                info = item.path.stat()
                self.sinks[key] = InPlace(item.path, (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns))
        return self.sinks[key]

    def finish_item(self, item: Item) -> None:
        sink = self.sinks.pop(id(item), None)
        if sink is None:
            return
        try:
            if sink.commit() and isinstance(sink, InPlace):
                self.session.note(f"{item.name}: rewritten")
        except InputError as error:
            self.session.error(str(error))

    def shard_done(self, unit: Unit) -> None:
        """Count a document; at the end of each shard, record in the journal that everything so far is on disk."""
        if self.journal is None:
            return
        self.done += 1
        if self.done % self.journal.shard_size:
            return
        output_offset = 0
        for sink in self.sinks.values():
            if isinstance(sink, Streamed):
                output_offset = sink.sync()
        self.journal.record(Start(self.done, unit.offset), output_offset, self.session.counts.error_lines)
        after_shard(self.done // self.journal.shard_size)

    # -- the run

    def run(self) -> int:
        session, args = self.session, self.args
        reports: list[Report] = []
        any_change = False
        edits_field = getattr(args, "jsonl_edits", None)
        try:
            for unit, raw in session.cleaned(self.items, self.start):
                item = unit.item
                if unit.end:
                    self.finish_item(item)
                    continue
                sink = self.sink(item)
                if unit.source is None or raw is None:
                    if unit.error is not None:
                        session.error(unit.error)
                        self._pass_through(unit, sink)
                    elif unit.line is not None and sink is not None:
                        sink.write(unit.line, changed=False)
                    self.shard_done(unit)
                    continue
                source = unit.source
                decided_raw, result = session.decided(item, source, raw)
                for warning in result.warnings:
                    session.warn(warning)
                report = Report(source.name, result, result.all_edits, record=unit.record is not None)
                if args.statistics:
                    reports.append(report)
                session.note(f"{source.name}: {len(report.edits)} edits, {len(result.edits)} applied")
                if args.diff:
                    if result.changed:
                        any_change = True
                        print(unified_diff(source.name, source.text, result.text), end="", file=self.out)
                    session.counts.add(report, written=result.changed)
                elif unit.record is not None:
                    assert sink is not None
                    edits = None
                    if edits_field:
                        lines = LineIndex(result.source)
                        edits = [edit_json(e, result.source, lines, applies=report.applies(e)) for e in report.edits]
                    line = rewrite_record(unit.record, result.text, edits_field=edits_field, edits=edits)
                    sink.write(line, changed=line != unit.record.line)
                    session.counts.add(report, written=result.changed)
                elif source.path is None:
                    self._to_stdout(source, report)
                elif self.target is not None:
                    written = False
                    try:
                        data = source.encode(result.text) if result.changed else source.path.read_bytes()
                        write_new(self.target.destination(item.root, item.path), data)
                        written = result.changed
                    except (InputError, OSError) as error:
                        session.error(str(error) if isinstance(error, InputError) else f"{source.path}: cannot read: {error.strerror}")
                    session.counts.add(report, written=written)
                else:
                    written = False
                    if result.changed:
                        try:
                            write_atomic(source.path, source.encode(result.text), stamp=source.stamp)
                            written = True
                            session.keep_rejections(item, source, decided_raw, result)
                        except InputError as error:
                            session.error(str(error))
                    session.counts.add(report, written=written)
                self.shard_done(unit)
        except BaseException:
            for sink in self.sinks.values():
                if isinstance(sink, InPlace):
                    sink.discard()
                elif isinstance(sink, Streamed):
                    sink.sync()
                    sink.discard()
            raise
        if self.journal is not None:
            self.journal.remove()
        session.warned_hidden()
        if args.statistics:
            print(statistics_table(rule_statistics(reports, session.rules_by_id())), file=session.err)
        if not args.quiet:
            print(fix_summary(session.counts, diff=bool(args.diff)), file=session.err)
        if session.counts.errors:
            return EXIT_ERROR
        if args.diff and any_change and not args.exit_zero:
            return EXIT_PENDING
        return EXIT_OK

    def _pass_through(self, unit: Unit, sink: Sink | None) -> None:
        """A document that could not be cleaned still reaches the output as it was: a bad record's line, an unreadable file's bytes (``-o``)."""
        if unit.line is not None and sink is not None:
            sink.write(unit.line, changed=False)
        elif self.target is not None and unit.item.path is not None and not unit.item.jsonl:
            with contextlib.suppress(InputError, OSError):  # the error is reported already; nothing readable to copy
                write_new(self.target.destination(unit.item.root, unit.item.path), unit.item.path.read_bytes())

    def _to_stdout(self, source: Source, report: Report) -> None:
        session, result = self.session, report.result
        try:
            data, written = source.encode(result.text), result.changed
        except InputError as error:
            session.error(str(error))
            data, written = source.encode(source.text), False
        self.out.flush()
        stream = getattr(self.out, "buffer", None)
        if stream is not None:
            stream.write(data)
            stream.flush()
        else:
            self.out.write(data.decode(source.encoding))
        session.counts.add(report, written=written)


def after_shard(shards: int) -> None:
    """Called once each shard is recorded in the journal (a hook for tests that interrupt a run at a known point)."""


class _TextBytes:
    """Bytes written to a text stream (a test's ``StringIO``), decoded as UTF-8."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        self.stream.write(data.decode("utf-8", errors="replace"))
        return len(data)

    def flush(self) -> None:
        self.stream.flush()


def fix_corpus(session: Session, out: TextIO) -> int:
    return Fixer(session, out).run()
