"""``cleaner review PATH...``: the same options and config as ``check``, then the app on a terminal."""

from __future__ import annotations

import argparse
import sys
from functools import partial
from typing import TYPE_CHECKING, TextIO

from .state import STARTS

if TYPE_CHECKING:
    from ..cli import Session
    from ..config import Config
    from .documents import ReviewDocument

NOT_A_TERMINAL = "cleaner review needs a terminal; in scripts use `cleaner check`, or `cleaner fix --decisions FILE` to replay a review"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from ..cli import _common, _decision_flags

    review = commands.add_parser(
        "review",
        help="review the fixes side by side, accept or reject each, save",
        description=(
            "Show the original and the repaired text side by side, accept or reject each fix, and save: the file gets "
            "the accepted fixes and the decisions file records every decision, which `check` and `fix` honour (docs/review.md)."
        ),
    )
    _common(review)
    _decision_flags(review)
    review.add_argument(
        "--start",
        choices=STARTS,
        default="fix",
        help="how undecided fixes start: 'fix' (default) accepts those `cleaner fix` applies and leaves the rest pending; 'pending' leaves all pending",
    )
    review.set_defaults(func=cmd_review, output_format="concise")


def is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


def cmd_review(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..cli import EXIT_ERROR, EXIT_OK, Session, UsageError

    if not (is_terminal(sys.stdin) and is_terminal(out)):
        print(f"error: {NOT_A_TERMINAL}", file=err)
        return EXIT_ERROR
    if "-" in args.paths:
        raise UsageError("cleaner review reads files, not standard input: give a path")
    session = Session(args, err)
    documents = open_documents(session)
    if not documents:
        return EXIT_ERROR if session.counts.errors else EXIT_OK
    from .app import ReviewApp

    app = ReviewApp(documents, start=args.start, errors=session.counts.error_lines)
    code = app.run()
    if app.unsaved:
        print("warning: quit without saving some decisions", file=err)
    for document in documents:
        if document.error:
            session.error(document.error)
    return EXIT_ERROR if session.counts.errors else (code or EXIT_OK)


def open_documents(session: Session) -> list[ReviewDocument]:
    """The files the command line names, each with its engine run, decisions file and decisions (unreadable ones are reported)."""
    from .documents import ReviewDocument

    documents: list[ReviewDocument] = []
    for item, source in session.documents():
        if source.path is None:
            continue
        why = partial(_why, session, item.config)
        documents.append(ReviewDocument(source, partial(session.run, item, source), session.decisions_file(item, source), session.decisions(item, source), why))
    return documents


def _why(session: Session, config: Config, rule: str) -> str:
    found = session.rulebook(config).get(rule)
    return found.why if found is not None else ""
