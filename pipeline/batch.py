"""Build reports: prepare data, run the notebook with papermill, render HTML and PDF, write summary.

`build_report` is a plain function of (district-year, options) with no global state, so any
executor can run it; `build_all` runs it over every requested district-year.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import nbformat
import papermill

from . import ingest, report, store
from .config import BuildOptions
from .errors import DataError
from .ingest import DistrictYear
from .kernel import OwnKernelManager
from .names import slugify
from .render import ReportHTMLExporter, html_to_pdf

log = logging.getLogger(__name__)

OUTPUT_FILES = {"ipynb": "report.ipynb", "html": "report.html", "pdf": "report.pdf", "summary": "summary.json"}
FAILED_NOTEBOOK = "report.failed.ipynb"


@dataclass(frozen=True)
class Outcome:
    district: str
    year: int
    status: str  # "built" or "failed"
    reason: str = ""
    warnings: int = 0
    failed_notebook: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "built"


def report_dir(out_dir: Path, dy: DistrictYear) -> Path:
    return Path(out_dir) / dy.slug / str(dy.year)


def select(raw_dir: Path, districts: list[str] | None = None, years: list[int] | None = None) -> list[DistrictYear]:
    """The district-years to build: all found under raw_dir, or those named (by name or slug)."""
    found = ingest.discover(Path(raw_dir))
    if districts:
        wanted = {slugify(d) for d in districts}
        unknown = wanted - {dy.slug for dy in found}
        if unknown:
            raise ValueError(f"no district folder under {raw_dir} matches: {', '.join(sorted(unknown))}")
        found = [dy for dy in found if dy.slug in wanted]
    if years:
        found = [dy for dy in found if dy.year in set(years)]
    return found


def build_report(dy: DistrictYear, options: BuildOptions) -> Outcome:
    """Build every output of one district-year, or none: previous outputs stay on any failure."""
    started = time.perf_counter()
    final = report_dir(options.out_dir, dy)
    try:
        warnings = len(store.prepare(dy, options.processed_dir).warnings)
        _prepare_previous(dy, options)
        staging = Path(tempfile.mkdtemp(prefix=f".{dy.year}.", suffix=".tmp", dir=_ensure(final.parent)))
        try:
            _execute(dy, options, staging)
            _render(staging, options)
            _write_summary(dy, options, staging)
            _publish(staging, final, options)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except DataError as exc:
        return Outcome(dy.district, dy.year, "failed", str(exc), seconds=time.perf_counter() - started)
    except NotebookFailed as exc:
        return Outcome(dy.district, dy.year, "failed", exc.reason, exc.notebook, time.perf_counter() - started)
    except Exception as exc:  # a report must never take the run down with it
        log.debug("report %s %s failed", dy.district, dy.year, exc_info=True)
        return Outcome(dy.district, dy.year, "failed", f"{type(exc).__name__}: {exc}",
                       seconds=time.perf_counter() - started)
    return Outcome(dy.district, dy.year, "built", warnings=warnings, seconds=time.perf_counter() - started)


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _prepare_previous(dy: DistrictYear, options: BuildOptions) -> None:
    """Refresh last year's table for the comparison; if its sheets have errors, compare with nothing."""
    previous = ingest.find(options.raw_dir, dy.district, dy.year - 1)
    if previous is None:
        return
    try:
        store.prepare(previous, options.processed_dir)
    except DataError as exc:
        log.warning("%s %s: previous year not compared, its sheets have errors:\n%s", dy.district, dy.year, exc)
        shutil.rmtree(store.folder(options.processed_dir, dy.slug, dy.year - 1), ignore_errors=True)


class NotebookFailed(Exception):
    def __init__(self, reason: str, notebook: str | None):
        super().__init__(reason)
        self.reason, self.notebook = reason, notebook


def _execute(dy: DistrictYear, options: BuildOptions, staging: Path) -> None:
    output = staging / OUTPUT_FILES["ipynb"]
    try:
        papermill.execute_notebook(
            str(options.notebook), str(output),
            parameters=notebook_parameters(dy, options),
            kernel_manager_class=OwnKernelManager,
            cwd=str(options.notebook.parent),
            progress_bar=False,
            request_save_on_cell_execute=False,
            execution_timeout=options.cell_timeout_s,
        )
    except Exception as exc:
        kept = _keep_failed_notebook(output, report_dir(options.out_dir, dy))
        if isinstance(exc, papermill.PapermillExecutionError):
            reason = f"notebook cell {exc.exec_count} raised {exc.ename}: {exc.evalue}"
        else:
            reason = f"notebook could not run: {type(exc).__name__}: {exc}"
        raise NotebookFailed(reason, kept) from exc


def notebook_parameters(dy: DistrictYear, options: BuildOptions) -> dict:
    return {
        "district": dy.district,
        "year": dy.year,
        "raw_dir": str(Path(options.raw_dir).resolve()),
        "processed_dir": str(Path(options.processed_dir).resolve()),
        "weakest_n": options.weakest_n,
    }


def _keep_failed_notebook(executed: Path, final: Path) -> str | None:
    """Keep the executed notebook of a failed run beside the good outputs, for its error banner."""
    if not executed.exists():
        return None
    target = _ensure(final) / FAILED_NOTEBOOK
    os.replace(executed, target)
    return str(target)


def _render(staging: Path, options: BuildOptions) -> None:
    nb = nbformat.read(staging / OUTPUT_FILES["ipynb"], as_version=4)
    html, _ = ReportHTMLExporter().from_notebook_node(nb)
    if "html" in options.formats:
        (staging / OUTPUT_FILES["html"]).write_text(html, encoding="utf-8")
    if "pdf" in options.formats:
        (staging / OUTPUT_FILES["pdf"]).write_bytes(html_to_pdf(html))


def _write_summary(dy: DistrictYear, options: BuildOptions, staging: Path) -> None:
    r = report.load(dy.district, dy.year, options.raw_dir, options.processed_dir, options.weakest_n)
    summary = r.analysis.to_summary()
    summary["title"] = report.title(r)
    summary["generated_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    summary["files"] = {k: v for k, v in OUTPUT_FILES.items() if k in options.formats or k in ("ipynb",)}
    (staging / OUTPUT_FILES["summary"]).write_text(json.dumps(summary, ensure_ascii=False, indent=2),
                                                    encoding="utf-8")


def _publish(staging: Path, final: Path, options: BuildOptions) -> None:
    """Move the new outputs over the old ones, summary last: a report is complete once it has one."""
    _ensure(final)
    for kind in ("ipynb", "html", "pdf"):
        name = OUTPUT_FILES[kind]
        if (staging / name).exists():
            os.replace(staging / name, final / name)
        elif kind not in options.formats and kind != "ipynb":
            (final / name).unlink(missing_ok=True)  # never leave a format built from older data
    os.replace(staging / OUTPUT_FILES["summary"], final / OUTPUT_FILES["summary"])
    (final / FAILED_NOTEBOOK).unlink(missing_ok=True)


def build_all(options: BuildOptions, targets: list[DistrictYear], jobs: int = 1, on_done=None) -> list[Outcome]:
    """Build every target, `jobs` at a time; a failing report never stops the others."""
    options = replace(options, raw_dir=Path(options.raw_dir), processed_dir=Path(options.processed_dir),
                      out_dir=Path(options.out_dir))
    outcomes: list[Outcome] = []
    if jobs <= 1 or len(targets) <= 1:
        for dy in targets:
            outcomes.append(build_report(dy, options))
            if on_done:
                on_done(outcomes[-1])
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(build_report, dy, options) for dy in targets]
            for future in futures:
                outcomes.append(future.result())
                if on_done:
                    on_done(outcomes[-1])
    return outcomes
