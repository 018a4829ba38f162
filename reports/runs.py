"""An import run over many files and URLs: finding them, and importing each, here or in worker
processes.

Each source is imported by `save_extracted` in its own transaction, so a file or URL that fails, or
a worker that dies, loses that one alone; the run names it with the reason and goes on.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import signal
import stat
from collections import Counter, deque
from collections.abc import Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, reset_queries

from reports.extraction import extract
from reports.extraction.text import TextError
from reports.importing import DuplicateReport, Lookups, save_extracted
from reports.models import Report
from reports.sources import SUFFIXES, Source, fetch, read_path

# Below this many files, worker processes are not worth starting.
PARALLEL_FROM = 50

log = logging.getLogger("reports.importing")

Outcome = Counter[str] | str  # what importing a file did, or why it failed
Where = Path | str  # a file, or an http(s) URL


def report_files(paths: list[Where]) -> tuple[list[Where], list[tuple[Where, str]]]:
    """The report files named or found in folders, and URLs as given; and the paths that cannot be
    read, with why.

    Only regular files are read: a FIFO or a device would hang or never end."""
    files: list[Where] = []
    problems: list[tuple[Where, str]] = []
    for path in paths:
        if isinstance(path, str):
            files.append(path)
        elif path.is_dir():
            for folder, subfolders, names in os.walk(path, onerror=lambda exc: problems.append(
                    (Path(exc.filename or path), f"cannot read the folder ({exc.strerror})"))):
                subfolders.sort()
                for name in sorted(names):
                    found = Path(folder, name)
                    if found.suffix.lower() in SUFFIXES:
                        _add_if_regular(found, files, problems)
        else:
            _add_if_regular(path, files, problems)
    return files, problems


def _add_if_regular(path: Path, files: list[Where], problems: list[tuple[Where, str]]) -> None:
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        problems.append((path, exc.strerror or str(exc)))
        return
    if stat.S_ISREG(mode):
        files.append(path)
    else:
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device or special file"
        problems.append((path, f"not a regular file ({kind})"))


def import_files(files: list[Where], jobs: int, dry_run: bool) -> Iterator[tuple[Where, Outcome]]:
    """Each file with what importing it did, or why it failed.

    From PARALLEL_FROM files on, on PostgreSQL and outside a transaction (which workers could not
    see), `jobs` forked worker processes import files side by side, one file at a time each."""
    in_transaction = any(conn.in_atomic_block for conn in connections.all(initialized_only=True))
    one_writer = connection.vendor == "sqlite"  # SQLite takes one writer at a time anyway
    if jobs < 2 or len(files) < PARALLEL_FROM or in_transaction or one_writer:
        lookups = Lookups()
        for path in files:
            yield path, _import_one(path, dry_run, lookups)
        return
    yield from _in_workers(files, jobs, dry_run)


def read_source(where: Where) -> Source:
    """A file, or a URL fetched under the settings' guard (FETCH_PRIVATE_ADDRESSES)."""
    if isinstance(where, str):
        return fetch(where, allow_private=settings.FETCH_PRIVATE_ADDRESSES)
    return read_path(where)


def source_name(where: Where) -> str:
    """What a report is known by in the import: its file's name, or its URL (a long one cut, with a
    hash of the whole to keep it apart)."""
    if isinstance(where, Path):
        return where.name
    limit = Report._meta.get_field("source").max_length or 255
    if len(where) <= limit:
        return where
    digest = hashlib.sha256(where.encode()).hexdigest()[:16]
    return f"{where[:limit - len(digest) - 1]}#{digest}"


def _import_one(path: Where, dry_run: bool, lookups: Lookups) -> Outcome:
    reset_queries()  # with DEBUG on, Django keeps the last 9,000 queries: memory would grow
    try:
        source = read_source(path)
        extraction = extract(source.text, source.meta)
        if dry_run:
            return Counter(figures=len(extraction.figures), officials=len(extraction.officials))
        result = save_extracted(source_name(path), extraction, lookups)
    except (OSError, TextError, DuplicateReport) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        log.warning("import failed: %s: %s", path, reason)
        return reason
    except Exception as exc:
        log.exception("import failed: %s", path)  # not a bad file: keep the traceback
        return f"{type(exc).__name__}: {exc}"
    return Counter({result.status: 1, "figures": result.figures, "units": result.units_created,
                    "officials": result.officials_created})


def _in_workers(files: list[Where], jobs: int, dry_run: bool) -> Iterator[tuple[Where, Outcome]]:
    """Forked workers, each sent one file at a time. A worker that dies (killed, out of memory)
    fails the file it held, with the reason; a new worker takes its place."""
    context = multiprocessing.get_context("fork")
    todo = deque(files)
    busy: dict[Connection, tuple[multiprocessing.process.BaseProcess, Where]] = {}
    connections.close_all()  # the workers must not share this process's connection

    def hand_out(conn: Connection, process: multiprocessing.process.BaseProcess) -> None:
        path = todo.popleft() if todo else None  # None: no more work, the worker ends
        try:
            conn.send(path)
        except OSError:  # the worker died between two files: the file goes to a new one
            conn.close()
            if path is not None:
                todo.appendleft(path)
                start()
            return
        if path is not None:
            busy[conn] = (process, path)

    def start() -> None:
        parent, child = context.Pipe()
        process = context.Process(target=_work, args=(child, dry_run), daemon=True)
        process.start()
        child.close()
        hand_out(parent, process)

    try:
        for _ in range(min(jobs, len(todo))):
            start()
        while busy:
            ready = wait([*busy, *(process.sentinel for process, _ in busy.values())])
            for conn, (process, path) in list(busy.items()):
                if conn not in ready and process.sentinel not in ready:
                    continue
                del busy[conn]
                try:
                    outcome: Outcome = conn.recv()
                except (EOFError, OSError):
                    process.join()
                    outcome = f"the worker importing it died ({_death(process.exitcode)})"
                    log.error("import failed: %s: %s", path, outcome)
                    conn.close()
                    if todo:
                        start()
                else:
                    hand_out(conn, process)
                yield path, outcome
    finally:
        for process, _ in busy.values():
            process.terminate()
        for child in multiprocessing.active_children():
            child.join(timeout=10)


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        return f"killed by {name}" + (", perhaps for lack of memory" if name == "SIGKILL" else "")
    return f"exit code {exitcode}"


def _work(conn: Connection, dry_run: bool) -> None:
    """A worker: import the files sent, one at a time, until told to stop."""
    lookups = Lookups()  # this worker's own units, officials and indicators
    try:
        while (path := conn.recv()) is not None:
            conn.send(_import_one(path, dry_run, lookups))
    finally:
        connections.close_all()
