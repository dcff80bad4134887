"""Command line: `python -m pipeline build | list | validate | sample | schema`. Logging is set up here only."""

from __future__ import annotations

import argparse
import functools
import logging
import os
import signal
import sys
import time
from pathlib import Path

from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

from .build import manifest, outputs, run
from .build.options import BuildOptions
from .build.task import Outcome
from .core import config
from .core.errors import PipelineError
from .read import layout

# store, schema and sample (pandas, pandera, openpyxl) are imported by the commands that use them.

# papermill and nbconvert import nbformat, which imports jsonschema, which imports rfc3987_syntax when it is
# installed (jupyter-events asks for it) to check the "iri" string format: its import builds 39 parsers, 1.1 s of
# every build's cold start (python-jsonschema/jsonschema#1428). nbformat's schemas check no string formats, so a
# build's process does without it; jsonschema handles its absence itself (an ImportError, as if not installed).
sys.modules.setdefault("rfc3987_syntax", None)

log = logging.getLogger("pipeline")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # the shell's codes for SIGINT and SIGTERM


def _formats(text: str) -> tuple[str, ...]:
    formats = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    unknown = set(formats) - set(outputs.FORMATS)
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"formats are a comma-separated subset of {','.join(outputs.FORMATS)}")
    return formats


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="build the reports of every district and year found (or those named)")
    build.add_argument("--raw", type=Path, default=config.RAW_DIR, help="raw score sheets (default: data/raw)")
    build.add_argument("--processed", type=Path, default=config.PROCESSED_DIR, help="default: data/processed")
    build.add_argument("--out", type=Path, default=config.OUTPUTS_DIR, help="reports (default: outputs)")
    build.add_argument(
        "--district",
        "--group",
        dest="district",
        action="append",
        metavar="NAME",
        help="only this group: a district or province folder, by name or slug (repeatable)",
    )
    build.add_argument("--year", action="append", type=int, metavar="YEAR", help="only this year (repeatable)")
    build.add_argument(
        "--formats",
        type=_formats,
        default=outputs.FORMATS,
        help="comma-separated subset of html,pdf,docx,units,annex (default: all)",
    )
    build.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="reports built at once (default: cores)")
    build.add_argument("--weakest", type=int, default=config.WEAKEST_N, help="weakest units listed (default: 3)")
    build.add_argument("--force", action="store_true", help="rebuild even the reports that are up to date")
    build.add_argument(
        "--timeout",
        type=int,
        default=config.CELL_TIMEOUT_S,
        metavar="SECONDS",
        help="longest a notebook cell may run before its report fails (default: 600)",
    )
    build.add_argument(
        "--notebook",
        type=Path,
        default=config.NOTEBOOK,
        help="report notebook (default: notebooks/district_report.ipynb)",
    )
    build.add_argument(
        "--verbose",
        dest="stage_split",
        action="store_true",
        help="at the end, where the time went: the stages of the slowest reports (manifest.json keeps them all)",
    )

    status = sub.add_parser("list", help="every district and year with the state of its report")
    status.add_argument("--raw", type=Path, default=config.RAW_DIR)
    status.add_argument("--out", type=Path, default=config.OUTPUTS_DIR)
    status.add_argument("--formats", type=_formats, default=outputs.FORMATS)
    status.add_argument("--notebook", type=Path, default=config.NOTEBOOK)

    validate = sub.add_parser("validate", help="check every district's sheets and list all problems")
    validate.add_argument("--raw", type=Path, default=config.RAW_DIR)

    gen = sub.add_parser("sample", help="regenerate the sample score sheets")
    gen.add_argument("--raw", type=Path, default=config.RAW_DIR)
    gen.add_argument("--seed", type=int, default=2024)

    sub.add_parser("schema", help="print the tidy score table's data dictionary")

    template = sub.add_parser("word-template", help="write the Word template, for an office to restyle in Word")
    template.add_argument(
        "path", nargs="?", type=Path, default=config.WORD_TEMPLATE, help="default: data/word/template.docx"
    )
    template.add_argument("--overwrite", action="store_true", help="replace an existing template")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(message)s", stream=sys.stderr)
    for noisy in ("papermill", "traitlets", "fontTools", "matplotlib"):
        logging.getLogger(noisy).setLevel(logging.WARNING if not args.verbose else logging.INFO)
    commands = {
        "build": cmd_build,
        "list": cmd_list,
        "validate": cmd_validate,
        "sample": cmd_sample,
        "schema": cmd_schema,
        "word-template": cmd_word_template,
    }
    return commands[args.command](args)


def _check_raw(raw: Path) -> bool:
    if not raw.is_dir():
        log.error("raw data folder not found: %s", raw)
        return False
    return True


def cmd_build(args) -> int:
    if not _check_raw(args.raw):
        return EXIT_USAGE
    try:
        targets = run.select(args.raw, args.district, args.year)
    except ValueError as exc:
        log.error("%s", exc)
        return EXIT_USAGE
    if not targets:
        log.error("nothing to build: no <district>/<year>/ folder with sheets under %s matches", args.raw)
        return EXIT_FAILED
    options = BuildOptions(
        raw_dir=args.raw,
        processed_dir=args.processed,
        out_dir=args.out,
        formats=args.formats,
        weakest_n=args.weakest,
        notebook=args.notebook.resolve(),
        cell_timeout_s=args.timeout,
    )
    started = time.perf_counter()
    progress = tqdm(total=0, unit="report", desc="reports", disable=None, leave=False)

    def on_start(to_build: int, up_to_date: int) -> None:
        log.info(
            "%d report(s) to build with %d job(s), %d up to date; outputs in %s",
            to_build,
            args.jobs,
            up_to_date,
            args.out,
        )
        progress.reset(total=to_build)

    def on_done(outcome: Outcome) -> None:
        _report_line(outcome)
        progress.update()

    signal.signal(signal.SIGTERM, functools.partial(_terminated, os.getpid()))
    try:
        with logging_redirect_tqdm(), progress:
            outcomes = run.run(options, targets, jobs=args.jobs, force=args.force, on_start=on_start, on_done=on_done)
    except manifest.LockedError as exc:
        log.error("%s", exc)
        return EXIT_LOCKED
    except (KeyboardInterrupt, Terminated) as exc:
        log.error(
            "\ninterrupted (%s): the reports finished so far are in place, the others keep their previous "
            "outputs; run the build again to finish",
            "SIGTERM" if isinstance(exc, Terminated) else "Ctrl-C",
        )
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    except OSError as exc:
        log.error("cannot write to %s: %s (%s)", args.out, exc.strerror or exc, exc.filename or args.out)
        return EXIT_FAILED
    if args.stage_split:
        log.info("%s", stage_table(outcomes))
    return _closing(outcomes, args.out, time.perf_counter() - started)


class Terminated(PipelineError):
    """SIGTERM, turned into an exception so the build stops the way Ctrl-C stops it."""


def _terminated(main_pid: int, signum, frame) -> None:
    if os.getpid() != main_pid:  # a worker forked before it could reset the handler: just stop
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        return
    raise Terminated()


SHOWN_MESSAGES = 3  # of a report's notebook output and build warnings, in the log; manifest.json keeps all


def _report_line(outcome: Outcome) -> None:
    if outcome.ok:
        notes = f", {outcome.warnings} data warning(s) in the report" if outcome.warnings else ""
        log.info("built  %s %s (%.1f s%s)", outcome.district, outcome.year, outcome.seconds, notes)
        _report_messages(outcome)
    else:
        log.info(
            "FAILED %s %s (%.1f s): %s", outcome.district, outcome.year, outcome.seconds, outcome.reason.splitlines()[0]
        )


def _report_messages(outcome: Outcome) -> None:
    """What a report's notebook printed, and the warnings its build raised: none of it is in the report."""
    if not outcome.messages:
        return
    log.warning(
        "  %d message(s) from the notebook or the build, left out of the report (all in manifest.json):",
        len(outcome.messages),
    )
    for message in outcome.messages[:SHOWN_MESSAGES]:
        first = message["text"].strip().splitlines()[0] if message["text"].strip() else ""
        log.warning("    %s: %s", message["source"], first[:200])


def stage_table(outcomes: list[Outcome], slowest: int = 5) -> str:
    """The seconds per stage of the `slowest` reports built, slowest first, as a plain-text table."""
    built = sorted((o for o in outcomes if o.stages), key=lambda o: -o.seconds)[:slowest]
    if not built:
        return "\nno report built: no stage times"
    seen = {stage for o in built for stage in o.stages}
    stages = [s for s in outputs.STAGES if s in seen] + sorted(seen - set(outputs.STAGES))
    width = max(len(f"{o.district} {o.year}") for o in built)
    lines = ["", f"slowest {len(built)} report(s), seconds per stage:"]
    lines.append(f"{'':{width}}" + "".join(f"{s:>9}" for s in stages) + f"{'total':>9}")
    for o in built:
        cells = "".join(f"{o.stages[s]:9.2f}" if s in o.stages else f"{'':9}" for s in stages)
        lines.append(f"{f'{o.district} {o.year}':{width}}{cells}{o.seconds:9.2f}")
    return "\n".join(lines)


def _closing(outcomes: list[Outcome], out: Path, wall: float) -> int:
    counts = {status.value: [o for o in outcomes if o.status == status] for status in manifest.Status}
    lines = ["", f"{'':8}{'reports':>8}{'seconds':>10}"]
    for status, group in counts.items():
        seconds = f"{sum(o.seconds for o in group):10.1f}" if status != "skipped" else f"{'':>10}"
        lines.append(f"{status:8}{len(group):>8}{seconds}")
    lines.append(f"{'total':8}{len(outcomes):>8}{wall:10.1f}  (wall clock)")
    lines.append(f"index: {out / 'index.html'}")
    log.info("\n".join(lines))
    for o in counts["failed"]:
        log.error("\nFAILED %s %s: %s", o.district, o.year, o.reason)
        if o.failed_notebook:
            log.error("  executed notebook (see the error banner at the top): %s", o.failed_notebook)
    return EXIT_OK if not counts["failed"] else EXIT_FAILED


def cmd_list(args) -> int:
    if not _check_raw(args.raw):
        return EXIT_USAGE
    options = BuildOptions(raw_dir=args.raw, out_dir=args.out, formats=args.formats, notebook=args.notebook.resolve())
    recorded = manifest.Manifest(args.out)
    for dy, why, _ in run.plan(layout.discover(args.raw), options, recorded):
        entry = recorded.get(dy.district, dy.year)
        if why is None:
            state = f"up to date (built {entry.at})"
        elif entry is not None and entry.status == manifest.Status.FAILED:
            state = f"failed: {entry.reason.splitlines()[0] if entry.reason else ''}"
        elif why == "never built":
            state = "never built"
        else:
            state = f"stale: {why}"
        print(f"{dy.district} {dy.year}: {state}")
    return EXIT_OK


def cmd_validate(args) -> int:
    from .read import store

    if not _check_raw(args.raw):
        return EXIT_USAGE
    n_errors = 0
    for dy in layout.discover(args.raw):
        problems = store.check(dy)
        errors = [p for p in problems if p.severity == "error"]
        n_errors += len(errors)
        log.info("%s %s: %d error(s), %d warning(s)", dy.district, dy.year, len(errors), len(problems) - len(errors))
        for p in problems:
            log.info("  %s: %s", p.severity, p)
    log.info("\n%s", "no errors" if not n_errors else f"{n_errors} error(s)")
    return EXIT_OK if not n_errors else EXIT_FAILED


def cmd_sample(args) -> int:
    from .sample import districts, provinces

    folders = districts.generate(args.raw, seed=args.seed)
    folders += provinces.generate(args.raw, seed=args.seed)
    log.info("wrote sample sheets for %d group-years under %s", len(folders), args.raw)
    return EXIT_OK


def cmd_schema(args) -> int:
    from .read import schema

    print(schema.data_dictionary())
    return EXIT_OK


def cmd_word_template(args) -> int:
    from .write import wordtemplate

    if args.path.exists() and not args.overwrite:
        log.error("%s exists: it is the template your builds use (--overwrite replaces it)", args.path)
        return EXIT_USAGE
    wordtemplate.write_template(args.path)
    log.info("wrote %s: restyle it in Word (keep the style names); every build from now on uses it", args.path)
    return EXIT_OK
