"""One report: prepare and analyse its data once, run the notebook on that analysis, then write each output
the registry (outputs.py) lists for the formats asked, into a staging folder, and publish them all or none.

`build_report` is a plain function of (group-year, options), with an optional warm kernel to run on, so any
executor can run it (run.py runs many, `jobs` at a time). kedro's task.py against its runners.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core.errors import DataError, PipelineError
from ..read.layout import DistrictYear
from . import outputs
from .manifest import Status
from .options import BuildOptions

# papermill, nbformat, nbconvert, pandas and the report are imported where reports are built, not
# here: deciding what is stale (`plan`, `list`, a no-op build) must stay quick.

log = logging.getLogger(__name__)

ANALYSIS_FILE = "analysis.pickle"  # the staged analysis the notebook reads (never published)
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
        if outputs.WORD_FORMATS & set(formats):
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
            stages.begin("html")
            page = _page(staging, messages)
            _write_outputs(outputs.Made(analysis, page, staging, options.formats, options.word_template), stages)
            _publish(staging, final)
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

    output = staging / outputs.BY_KIND["ipynb"].file
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


def _page(staging: Path, messages: list[dict]) -> str:
    """The report's HTML, by the cchc-html exporter from the executed notebook (what the cells printed is left
    out of it, and logged: `messages`)."""
    import nbformat

    from ..write.render import ReportHTMLExporter, stream_outputs

    nb = nbformat.read(staging / outputs.BY_KIND["ipynb"].file, as_version=4)
    for output in stream_outputs(nb):  # left out of the report by the exporter; the executed notebook keeps it
        source = f"notebook cell {output['cell']} ({output['stream']})"
        messages.append({"source": source, "text": output["text"].strip()[:MESSAGE_CHARS]})
    html, _ = ReportHTMLExporter().from_notebook_node(nb)
    return html


def _write_outputs(made: outputs.Made, stages: _Stages) -> None:
    """Each output the formats ask for, by its writer, in the registry's order, each timed as its stage (the
    html stage, begun by the caller, includes making the page)."""
    made.files = outputs.files(made.formats)
    current = "html"
    for output in outputs.made(made.formats):
        if output.write is None:
            continue
        if output.stage != current:
            stages.done(current)
            stages.begin(output.stage)
            current = output.stage
        output.write(made)
    stages.done(current)


def _publish(staging: Path, final: Path) -> None:
    """Move the new outputs over the old ones, summary last: a report is complete once it has one. An output
    this build did not make is removed: never leave a format built from older data."""
    _ensure(final)
    summary = outputs.BY_KIND["summary"].file
    for output in outputs.OUTPUTS:
        name = output.file
        if name == summary:
            continue
        if output.folder:
            _replace_folder(staging / name, final / name)
        elif (staging / name).exists():
            os.replace(staging / name, final / name)
        elif output.format is not None:
            (final / name).unlink(missing_ok=True)
    os.replace(staging / summary, final / summary)
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
