"""Build reports: prepare and analyse the data once, run the notebook on that analysis with papermill,
render HTML and PDF, and write summary.json and scores.xlsx from the same analysis.

`build_report` is a plain function of (district-year, options), with an optional warm kernel to run
on, so any executor can run it. `run` builds what is stale, `jobs` at a time, under a lock on the
outputs folder, recording in the manifest why each report was built or skipped.
"""

from __future__ import annotations

import json
import logging
import multiprocessing.connection
import multiprocessing.util
import os
import shutil
import signal
import tempfile
import threading
import time
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from ..core.config import BuildOptions
from ..core.errors import DataError, PipelineError
from ..core.text import slugify
from ..read import layout
from ..read.fingerprint import Hasher
from ..read.layout import DistrictYear
from .manifest import WORD_FORMATS, BuildLock, Manifest, ManifestEntry, Status, inputs, why_stale

# papermill, nbformat, nbconvert, pandas and the report are imported where reports are built, not
# here: deciding what is stale (`plan`, `list`, a no-op build) must stay quick.

log = logging.getLogger(__name__)

ANALYSIS_FILE = "analysis.pickle"  # the staged analysis the notebook reads (never published)
OUTPUT_FILES = {
    "ipynb": "report.ipynb",
    "html": "report.html",
    "pdf": "report.pdf",
    "xlsx": "scores.xlsx",
    "summary": "summary.json",
    "docx": "report.docx",
    "units": "units",  # a folder: units/<unit>.html and .docx
    "annex": "annex.xlsx",
    "annex_docx": "annex.docx",
}
FORMAT_OUTPUTS = {  # what each of config.FORMATS adds to a report's outputs
    "html": ("html",),
    "pdf": ("pdf",),
    "docx": ("docx",),
    "units": ("units",),
    "annex": ("annex", "annex_docx"),
}
PUBLISHED = ("ipynb", "xlsx", "html", "pdf", "docx", "annex", "annex_docx", "units")  # the summary comes last
# The stages of a report, in the order they run (Outcome.stages, manifest.json, `build --verbose`):
# charts is the time the notebook spent drawing charts, not counted in notebook.
STAGES = ("prepare", "notebook", "charts", "html", "pdf", "docx", "units", "annex", "summary")
FAILED_NOTEBOOK = "report.failed.ipynb"
STAGING_SUFFIX = ".tmp"


@dataclass(frozen=True)
class Outcome:
    district: str
    year: int
    status: Status
    reason: str = ""  # why it was built or skipped, or why it failed
    failed_notebook: str | None = None
    seconds: float = 0.0
    warnings: int = 0
    stages: dict = field(default_factory=dict)
    # What the build's notebook printed and the warnings the build raised: logged, never in a report.
    messages: tuple[dict, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status != Status.FAILED


def report_dir(out_dir: Path, dy: DistrictYear) -> Path:
    return Path(out_dir) / dy.slug / str(dy.year)


def expected_outputs(dy: DistrictYear, options: BuildOptions) -> list[Path]:
    folder = report_dir(options.out_dir, dy)
    kinds = ("ipynb", "xlsx", "summary", *(k for f in options.formats for k in FORMAT_OUTPUTS[f]))
    paths = [folder / OUTPUT_FILES[k] for k in kinds]
    if "units" in options.formats:  # each unit's documents, as the last build listed them
        paths += [folder / f"{stem}.{ext}" for stem in _unit_documents(folder) for ext in ("html", "docx")]
    return paths


def _unit_documents(folder: Path) -> list[str]:
    try:
        summary = json.loads((folder / OUTPUT_FILES["summary"]).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return list((summary.get("unit_documents") or {}).values())


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


# ---------------------------------------------------------------- one report


class _Stages:
    """Seconds spent per stage of one report, and a debug line as each stage starts (`python -m pipeline -v
    build` shows what every worker is doing; tests/integration/test_killed_build.py kills a build by them)."""

    def __init__(self, report: str = ""):
        self.seconds: dict[str, float] = {}
        self._report = report  # "<group> <year>"
        self._last = time.perf_counter()

    def begin(self, stage: str) -> None:
        log.debug("%s: stage %s starts", self._report, stage)

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(now - self._last, 3)
        self._last = now

    def split(self, stage: str, part: str, seconds: float | None) -> None:
        """Count `seconds` of `stage` as a stage of its own (the charts drawn inside the notebook)."""
        if seconds is not None and stage in self.seconds:
            seconds = min(seconds, self.seconds[stage])
            self.seconds[stage] = round(self.seconds[stage] - seconds, 3)
            self.seconds[part] = round(seconds, 3)


def _load_renderers(formats: tuple[str, ...]) -> threading.Thread:
    """Import nbconvert, Typst and the writers of the other outputs, and load the print fonts, in a
    thread, once per process: a first report pays for them while its notebook runs, and the worker would
    only be waiting then."""
    thread = threading.Thread(target=_import_renderers, args=(formats,), name="load-renderers", daemon=True)
    thread.start()
    return thread


def _import_renderers(formats: tuple[str, ...]) -> None:
    try:
        from ..write import render, workbook  # noqa: F401

        render.load()
        if WORD_FORMATS & set(formats):
            from ..write import documents  # noqa: F401
    except Exception:  # the report's own render step meets the same error and reports it
        log.debug("loading the renderers failed", exc_info=True)


def build_report(dy: DistrictYear, options: BuildOptions, kernel=None) -> Outcome:
    """Build every output of one district-year, or none: previous outputs stay on any failure.

    The data is prepared and analysed once, here; the notebook, summary.json and scores.xlsx all
    show that one analysis. `kernel` is an optional kernel.WarmKernel to run the notebook on;
    without one, papermill starts one. Warnings raised meanwhile are the outcome's messages, with
    what the notebook printed: logged and kept in the manifest, never printed over the build.
    """
    with warnings.catch_warnings(record=True) as raised:
        warnings.simplefilter("always")
        outcome = _build_report(dy, options, kernel)
    return replace(outcome, messages=(*outcome.messages, *(_warning_message(w) for w in raised)))


def _build_report(dy: DistrictYear, options: BuildOptions, kernel) -> Outcome:
    from ..read import store

    started = time.perf_counter()
    stages = _Stages(f"{dy.district} {dy.year}")
    final = report_dir(options.out_dir, dy)

    def failed(reason: str, notebook: str | None = None) -> Outcome:
        seconds = time.perf_counter() - started
        return Outcome(dy.district, dy.year, Status.FAILED, reason, notebook, seconds, stages=stages.seconds)

    messages: list[dict] = []  # what the notebook printed
    try:
        stages.begin("prepare")
        analysis = store.analysis_of(dy, options.processed_dir, options.weakest_n)  # data errors fail fast, here
        stages.done("prepare")
        staging = Path(tempfile.mkdtemp(prefix=f".{dy.year}.", suffix=STAGING_SUFFIX, dir=_ensure(final.parent)))
        try:
            store.write_analysis(analysis, staging / ANALYSIS_FILE)
            # papermill first, then the renderers' thread: imported side by side, under one GIL, both take
            # twice as long, and the notebook waits for papermill (a cold start's critical path).
            from . import engine  # noqa: F401

            renderers = _load_renderers(options.formats)  # imported while the kernel runs the notebook
            stages.begin("notebook")
            _execute(dy, options, staging, kernel)
            stages.done("notebook")
            stages.split("notebook", "charts", kernel.chart_seconds if kernel is not None else None)
            renderers.join()
            page = _render(staging, options, stages, messages)
            _write_documents(analysis, page, options, staging, stages)
            stages.begin("summary")
            _write_summary(analysis, options, staging)
            stages.done("summary")
            _publish(staging, final, options)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except DataError as exc:
        return failed(str(exc))
    except NotebookFailed as exc:
        return failed(exc.reason, exc.notebook)
    except OSError as exc:  # disk full, read-only or vanished folder: say which file and why
        return failed(f"cannot write {exc.filename or final}: {exc.strerror or exc}; the previous outputs are kept")
    except Exception as exc:  # a report must never take the run down with it
        log.debug("report %s %s failed", dy.district, dy.year, exc_info=True)
        return failed(f"{type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - started
    return Outcome(
        dy.district,
        dy.year,
        Status.BUILT,
        seconds=seconds,
        warnings=len(analysis.notes),
        stages=stages.seconds,
        messages=tuple(messages),
    )


MESSAGE_CHARS = 2000  # of one message, in manifest.json


def _warning_message(caught: warnings.WarningMessage) -> dict:
    text = f"{caught.category.__name__}: {caught.message}"
    return {"source": f"build ({Path(caught.filename).name}:{caught.lineno})", "text": text[:MESSAGE_CHARS]}


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


class NotebookFailed(PipelineError):
    """The report notebook did not run to the end; `notebook` is the executed copy kept for its error."""

    def __init__(self, reason: str, notebook: str | None):
        super().__init__(reason)
        self.reason, self.notebook = reason, notebook


def notebook_parameters(dy: DistrictYear, options: BuildOptions, analysis: Path) -> dict:
    """The notebook's parameters: which report, and the analysis it shows (prepared by the build)."""
    return {
        "district": dy.district,
        "year": dy.year,
        "analysis": str(analysis.resolve()),
        "weakest_n": options.weakest_n,
    }


def _execute(dy: DistrictYear, options: BuildOptions, staging: Path, kernel) -> None:
    import papermill

    output = staging / OUTPUT_FILES["ipynb"]
    parameters = notebook_parameters(dy, options, staging / ANALYSIS_FILE)
    try:
        if kernel is not None:
            kernel.execute(str(options.notebook), str(output), parameters, options.cell_timeout_s)
        else:
            from .kernel import OwnKernelManager

            papermill.execute_notebook(
                str(options.notebook),
                str(output),
                parameters=parameters,
                kernel_manager_class=OwnKernelManager,
                cwd=str(options.notebook.parent),
                progress_bar=False,
                request_save_on_cell_execute=False,
                execution_timeout=options.cell_timeout_s,
            )
    except Exception as exc:
        kept = _keep_failed_notebook(output, report_dir(options.out_dir, dy))
        raise NotebookFailed(_notebook_failure(exc, options), kept) from exc


def _notebook_failure(exc: Exception, options: BuildOptions) -> str:
    """What went wrong in the notebook, in the words a user needs."""
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    if isinstance(exc, papermill.PapermillExecutionError):
        return f"notebook cell {exc.exec_count} raised {exc.ename}: {exc.evalue}"
    if isinstance(exc, CellTimeoutError):
        return (
            f"a notebook cell ran longer than the {options.cell_timeout_s} s allowed per cell and was stopped "
            "(--timeout changes the limit)"
        )
    if isinstance(exc, DeadKernelError):
        return "the notebook's kernel died while running the report (out of memory, or a crash in a library)"
    return f"notebook could not run: {type(exc).__name__}: {exc}"


def _keep_failed_notebook(executed: Path, final: Path) -> str | None:
    """Keep the executed notebook of a failed run beside the good outputs, for its error banner."""
    if not executed.exists():
        return None
    target = _ensure(final) / FAILED_NOTEBOOK
    os.replace(executed, target)
    return str(target)


def _render(staging: Path, options: BuildOptions, stages: _Stages, messages: list[dict]) -> str:
    import nbformat

    # html_to_pdf: the cchc-pdf exporter's own route, from the same HTML
    from ..write.render import ReportHTMLExporter, html_to_pdf, stream_outputs

    stages.begin("html")
    nb = nbformat.read(staging / OUTPUT_FILES["ipynb"], as_version=4)
    for output in stream_outputs(nb):  # left out of the report by the exporter; the executed notebook keeps it
        source = f"notebook cell {output['cell']} ({output['stream']})"
        messages.append({"source": source, "text": output["text"].strip()[:MESSAGE_CHARS]})
    html, _ = ReportHTMLExporter().from_notebook_node(nb)
    if "html" in options.formats:
        (staging / OUTPUT_FILES["html"]).write_text(html, encoding="utf-8")
    stages.done("html")
    if "pdf" in options.formats:
        stages.begin("pdf")
        (staging / OUTPUT_FILES["pdf"]).write_bytes(html_to_pdf(html))
        stages.done("pdf")
    return html


def _write_documents(analysis, page: str, options: BuildOptions, staging: Path, stages: _Stages) -> None:
    """report.docx, the units' documents and the annex: from the same analysis and HTML, no notebook."""
    if not WORD_FORMATS & set(options.formats):
        return  # python-docx and its kin are not imported for a build without Word outputs
    from ..write import documents, sections

    template = options.word_template
    if "docx" in options.formats:
        stages.begin("docx")
        documents.write_report_docx(page, sections.title(analysis), staging / OUTPUT_FILES["docx"], template)
        stages.done("docx")
    if "units" in options.formats:
        stages.begin("units")
        documents.write_units(analysis, staging / OUTPUT_FILES["units"], template)
        stages.done("units")
    if "annex" in options.formats:
        stages.begin("annex")
        documents.write_annex(analysis, staging / OUTPUT_FILES["annex"], staging / OUTPUT_FILES["annex_docx"], template)
        stages.done("annex")


def _write_summary(analysis, options: BuildOptions, staging: Path) -> None:
    """summary.json and scores.xlsx, from the analysis the notebook shows."""
    from ..write import summary, workbook

    workbook.write_scores(analysis, staging / OUTPUT_FILES["xlsx"])
    made = {k for f in options.formats for k in FORMAT_OUTPUTS[f]} | {"ipynb", "xlsx"}
    files = {k: v for k, v in OUTPUT_FILES.items() if k in made}
    generated_at = datetime.now(UTC).isoformat(timespec="seconds")
    data = summary.of(analysis, files, unit_documents="units" in options.formats, generated_at=generated_at)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    (staging / OUTPUT_FILES["summary"]).write_text(text, encoding="utf-8")


def _publish(staging: Path, final: Path, options: BuildOptions) -> None:
    """Move the new outputs over the old ones, summary last: a report is complete once it has one."""
    _ensure(final)
    for kind in PUBLISHED:
        name = OUTPUT_FILES[kind]
        if kind == "units":
            _replace_folder(staging / name, final / name)
        elif (staging / name).exists():
            os.replace(staging / name, final / name)
        elif kind not in ("ipynb", "xlsx"):
            (final / name).unlink(missing_ok=True)  # never leave a format built from older data
    os.replace(staging / OUTPUT_FILES["summary"], final / OUTPUT_FILES["summary"])
    (final / FAILED_NOTEBOOK).unlink(missing_ok=True)


def _replace_folder(new: Path, old: Path) -> None:
    """Put folder `new` where `old` is (or remove `old` when there is no `new`); the old one is moved aside
    first, so `old` is never a mix of two builds."""
    aside = old.with_name(f".{old.name}.old{STAGING_SUFFIX}")
    if old.exists():
        shutil.rmtree(aside, ignore_errors=True)
        os.replace(old, aside)
    if new.exists():
        os.replace(new, old)
    shutil.rmtree(aside, ignore_errors=True)


# ---------------------------------------------------------------- many reports

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

        site.write_index(options.out_dir)
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
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(targets)), initializer=_init_worker, initargs=(cwd,))
    futures = []
    try:
        with _forking_workers():  # the pool forks its workers at the first submit
            futures += [pool.submit(_build_in_worker, dy, options) for dy in targets]
        on_workers([child.pid for child in multiprocessing.active_children()])
        for future in as_completed(futures):
            yield future.result()
    except BaseException:  # interrupted: stop now; staging folders are cleaned by the next build
        _stop(pool, futures)
        raise
    pool.shutdown()


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
