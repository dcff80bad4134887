"""Many reports: which group-years to build, which are stale and why (the manifest), the lock on the outputs
folder, and the pool of workers, each with its warm kernel, that run task.build_report; Ctrl-C, SIGTERM and
a killed build end them all.
"""

from __future__ import annotations

import json
import logging
import multiprocessing.connection
import multiprocessing.util
import os
import shutil
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ..core.text import slugify
from ..read import layout
from ..read.fingerprint import Hasher
from ..read.layout import DistrictYear
from . import outputs
from .manifest import BuildLock, Manifest, ManifestEntry, Status, inputs, why_stale
from .options import BuildOptions
from .task import STAGING_SUFFIX, Outcome, build_report, report_dir

log = logging.getLogger(__name__)


def select(raw_dir: Path, districts: list[str] | None = None, years: list[int] | None = None) -> list[DistrictYear]:
    """The district-years to build: all found under raw_dir, or those named (by name or slug)."""
    found = layout.discover(Path(raw_dir))
    if districts:
        wanted = {slugify(d) for d in districts}
        unknown = wanted - {dy.slug for dy in found}
        if unknown:
            raise ValueError(f"no district folder under {raw_dir} matches: {', '.join(sorted(unknown))}")
        found = [dy for dy in found if dy.slug in wanted]
    if years:
        found = [dy for dy in found if dy.year in set(years)]
    return found


def expected_outputs(dy: DistrictYear, options: BuildOptions) -> list[Path]:
    """The files a built report has, for these options (a missing one makes it stale)."""
    folder = report_dir(options.out_dir, dy)
    paths = [folder / o.file for o in outputs.made(options.formats)]
    if "units" in options.formats:  # each unit's documents, as the last build listed them
        paths += [folder / f"{stem}.{ext}" for stem in _unit_documents(folder) for ext in ("html", "docx")]
    return paths


def _unit_documents(folder: Path) -> list[str]:
    try:
        summary = json.loads((folder / outputs.BY_KIND["summary"].file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return list((summary.get("unit_documents") or {}).values())


_worker_kernel = None  # one kernel.WarmKernel per worker process: a resource, not state of a report


def _init_worker(cwd: str) -> None:
    # Ctrl-C is the parent's to handle: it stops the workers. A worker is forked with SIGINT held
    # (`_forking_workers`), so none arrives before it ignores it, not even during the imports below.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # and a worker told to stop just stops
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _end_with_the_build()  # watched before the kernel starts, which the watch kills once it is launched

    from .kernel import WarmKernel

    global _worker_kernel
    _worker_kernel = WarmKernel(cwd)  # the watch sees it as it starts
    _worker_kernel.start()  # it imports the report's modules meanwhile
    multiprocessing.util.Finalize(None, _worker_kernel.discard, exitpriority=10)


def _end_with_the_build() -> None:
    """End this worker as soon as its build's process is gone, whatever the worker is doing, so that it
    writes nothing further: a build killed outright (SIGKILL, the OOM killer) runs no cleanup of its own.

    The watch is the pool's parent sentinel (`multiprocessing.parent_process()`), which works wherever
    multiprocessing does, forked or spawned: on POSIX the read end of a pipe whose write end the parent
    holds, at EOF once no process holds it (forked workers started after this one inherit it, and end the
    same way first), on Windows the parent's process handle. No polling, no signal: the worker ends within
    milliseconds of its build. The outputs stay as the atomic writes leave them: a report is staged, then
    its files are moved into place one by one, each whole, the summary last (`_publish`); the next build
    removes the staging folder and rebuilds the report (the manifest never recorded it). The worker kills
    its kernel on the way out; the kernel of a worker killed itself ends by ipykernel's parent poller
    (pipeline/kernel.py).
    """
    parent = multiprocessing.parent_process()
    if parent is not None:
        watch = threading.Thread(target=_exit_when_gone, args=(parent.sentinel,), name="end-with-build", daemon=True)
        watch.start()


def _exit_when_gone(sentinel) -> None:
    multiprocessing.connection.wait([sentinel])
    if _worker_kernel is not None:
        _worker_kernel.kill()
    os._exit(1)  # now: no cleanup, no flush, no result to send (no one is left to read it)


def _build_in_worker(dy: DistrictYear, options: BuildOptions) -> Outcome:
    return build_report(dy, options, _worker_kernel)


def _remove_leftovers(out_dir: Path) -> None:
    """Staging folders and temporary files an interrupted build left behind (we hold the lock)."""
    for leftover in [*Path(out_dir).glob(f"*/.*{STAGING_SUFFIX}"), *Path(out_dir).glob(f"*/*/.*{STAGING_SUFFIX}")]:
        shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink(missing_ok=True)
    for leftover in Path(out_dir).glob(f".*{STAGING_SUFFIX}"):
        leftover.unlink(missing_ok=True)


def _create_missing_names_lists(targets: list[DistrictYear]) -> None:
    """A district's first build creates its names list, before fingerprints are taken of it."""
    for dy in {dy.slug: dy for dy in targets}.values():
        if not dy.names_path.exists():
            from ..read import store  # pandas: only when there is a list to make

            store.ensure_names(dy)


def plan(
    targets: list[DistrictYear], options: BuildOptions, manifest: Manifest, force: bool = False
) -> list[tuple[DistrictYear, str | None, dict]]:
    """For each target: (district-year, why it must be built or None if up to date, its inputs)."""
    hasher = Hasher()
    decisions = []
    for dy in targets:
        current = inputs(dy, options, hasher)
        why = why_stale(manifest.get(dy.district, dy.year), current, expected_outputs(dy, options))
        decisions.append((dy, "rebuild asked (--force)" if force else why, current))
    return decisions


def run(
    options: BuildOptions,
    targets: list[DistrictYear],
    jobs: int = 1,
    force: bool = False,
    on_start: Callable[[int, int], None] | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Build the stale reports among `targets`; raises manifest.LockedError if another build runs."""
    options = replace(
        options,
        raw_dir=Path(options.raw_dir),
        processed_dir=Path(options.processed_dir),
        out_dir=Path(options.out_dir),
        notebook=Path(options.notebook),
    )
    with BuildLock(options.out_dir) as lock:
        _remove_leftovers(options.out_dir)
        _create_missing_names_lists(targets)
        manifest = Manifest(options.out_dir)
        decisions = plan(targets, options, manifest, force)
        todo = longest_first([(dy, why, current) for dy, why, current in decisions if why], manifest)
        outcomes = [Outcome(dy.district, dy.year, Status.SKIPPED, "up to date") for dy, why, _ in decisions if not why]
        if on_start:
            on_start(len(todo), len(outcomes))
        for outcome in outcomes:
            _record(manifest, outcome, None, None)
        why_of = {(dy.district, dy.year): (why, current) for dy, why, current in todo}
        for outcome in _execute_all([dy for dy, *_ in todo], options, jobs, lock.note_workers):
            _record(manifest, outcome, *why_of[(outcome.district, outcome.year)])
            manifest.save()
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
        manifest.save()
        from ..write import site

        site.write_index(options.out_dir, outputs.links())
    return outcomes


def longest_first(todo: list, manifest: Manifest) -> list:
    """The reports to build, the longest first (by their last build's seconds; never built: first of all),
    so that a province's long report does not start last while the other workers run out of work."""

    def last_seconds(item) -> float:
        entry = manifest.get(item[0].district, item[0].year)
        return entry.seconds if entry is not None and entry.seconds else float("inf")

    return sorted(todo, key=last_seconds, reverse=True)  # stable: equal times keep their order


def _record(manifest: Manifest, outcome: Outcome, why: str | None, current: dict | None) -> None:
    entry = manifest.get(outcome.district, outcome.year) or ManifestEntry(outcome.district, outcome.year)
    if outcome.status == Status.SKIPPED:
        entry.last_run = {"action": Status.SKIPPED.value, "why": "up to date"}
    else:
        entry.status, entry.reason, entry.inputs = outcome.status.value, outcome.reason, current
        entry.seconds, entry.stages, entry.failed_notebook = (
            round(outcome.seconds, 2),
            outcome.stages,
            outcome.failed_notebook,
        )
        entry.last_run = {"action": outcome.status.value, "why": why}
        entry.messages = list(outcome.messages)
    manifest.record(entry)


def _execute_all(
    targets: list[DistrictYear], options: BuildOptions, jobs: int, on_workers: Callable[[list[int]], None]
):
    """Yield each target's outcome as it finishes; one warm kernel per worker, whose pids go to `on_workers`."""
    cwd = str(options.notebook.parent)
    if not targets:
        return
    if jobs <= 1 or len(targets) <= 1:
        from .kernel import WarmKernel

        kernel = WarmKernel(cwd).start()  # it imports the report's modules while the first data is prepared
        try:
            for dy in targets:
                yield build_report(dy, options, kernel)
        finally:
            kernel.discard()
        return
    unfinished = yield from _in_pool(targets, options, min(jobs, len(targets)), cwd, on_workers)
    # A worker ended abruptly (killed, out of memory): every report it shared the pool with lost its worker
    # too. Each is built again alone, one after another, so the one whose build ends its worker again is
    # known and reported failed, and the others are built.
    for dy in unfinished:
        again = yield from _in_pool([dy], options, 1, cwd, on_workers)
        if again:
            yield Outcome(dy.district, dy.year, Status.FAILED, WORKER_ENDED)


WORKER_ENDED = "the process building it ended abruptly (killed, or out of memory)"


def _in_pool(targets: list[DistrictYear], options: BuildOptions, workers: int, cwd: str, on_workers):
    """Yield each target's outcome as it finishes, from a pool of `workers`; return the targets left
    unfinished when a worker ended abruptly (the pool is broken then)."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(cwd,))
    futures: dict = {}
    finished: set = set()
    try:
        with _forking_workers():  # the pool forks its workers at the first submit
            futures = {pool.submit(_build_in_worker, dy, options): dy for dy in targets}
        on_workers([child.pid for child in multiprocessing.active_children()])
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except BrokenProcessPool:
                log.debug(
                    "a worker ended abruptly while building %s %s", futures[future].district, futures[future].year
                )
                continue
            finished.add(future)
            yield outcome
    except BaseException:  # interrupted: stop now; staging folders are cleaned by the next build
        _stop(pool, list(futures))
        raise
    pool.shutdown(wait=True, cancel_futures=True)
    return [dy for future, dy in futures.items() if future not in finished]


@contextmanager
def _forking_workers():
    """Hold Ctrl-C while workers are forked: they inherit the held signal and ignore it before letting it
    through; a Ctrl-C pressed meanwhile reaches the parent as soon as this block ends."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _stop(pool: ProcessPoolExecutor, futures: list) -> None:
    """Stop the workers in order: no new work, workers ended, then the pool's own threads joined.

    Joining matters: a pool left to the interpreter's exit has its queue-feeder thread write to a pipe
    that is already closed ("Bad file descriptor" at exit).
    """
    for future in futures:
        future.cancel()
    for child in multiprocessing.active_children():
        child.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
