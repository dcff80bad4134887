"""Command line: `python -m pipeline build | validate | sample | schema`. Logging is set up here only."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from . import batch, config, ingest, sample, schema, site, store

log = logging.getLogger("pipeline")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _formats(text: str) -> tuple[str, ...]:
    formats = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    unknown = set(formats) - set(config.FORMATS)
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"formats are a comma-separated subset of {','.join(config.FORMATS)}")
    return formats


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="build the reports of every district and year found (or those named)")
    build.add_argument("--raw", type=Path, default=config.RAW_DIR, help="raw score sheets (default: data/raw)")
    build.add_argument("--processed", type=Path, default=config.PROCESSED_DIR, help="default: data/processed")
    build.add_argument("--out", type=Path, default=config.OUTPUTS_DIR, help="reports (default: outputs)")
    build.add_argument("--district", action="append", metavar="NAME", help="only this district (repeatable)")
    build.add_argument("--year", action="append", type=int, metavar="YEAR", help="only this year (repeatable)")
    build.add_argument("--formats", type=_formats, default=config.FORMATS, help="html,pdf (default: both)")
    build.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="reports built at once (default: cores)")
    build.add_argument("--weakest", type=int, default=config.WEAKEST_N, help="weakest units listed (default: 3)")

    validate = sub.add_parser("validate", help="check every district's sheets and list all problems")
    validate.add_argument("--raw", type=Path, default=config.RAW_DIR)

    gen = sub.add_parser("sample", help="regenerate the sample score sheets")
    gen.add_argument("--raw", type=Path, default=config.RAW_DIR)
    gen.add_argument("--seed", type=int, default=2024)

    sub.add_parser("schema", help="print the tidy score table's data dictionary")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(message)s",
                        stream=sys.stderr)
    for noisy in ("papermill", "traitlets", "fontTools", "matplotlib"):
        logging.getLogger(noisy).setLevel(logging.WARNING if not args.verbose else logging.INFO)
    # WeasyPrint warns on every PDF that it subsets fonts with fontTools when Debian's optional
    # libharfbuzz-subset0 is absent; the PDF is the same, so only its errors are shown.
    logging.getLogger("weasyprint").setLevel(logging.ERROR if not args.verbose else logging.INFO)
    commands = {"build": cmd_build, "validate": cmd_validate, "sample": cmd_sample, "schema": cmd_schema}
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
        targets = batch.select(args.raw, args.district, args.year)
    except ValueError as exc:
        log.error("%s", exc)
        return EXIT_USAGE
    if not targets:
        log.error("nothing to build: no <district>/<year>/ folder with sheets under %s matches", args.raw)
        return EXIT_FAILED
    options = config.BuildOptions(raw_dir=args.raw, processed_dir=args.processed, out_dir=args.out,
                                  formats=args.formats, weakest_n=args.weakest)
    log.info("building %d report(s) with %d job(s) into %s", len(targets), args.jobs, args.out)
    outcomes = batch.build_all(options, targets, jobs=args.jobs, on_done=_report_line)
    site.write_index(args.out)
    return _closing(outcomes, args.out)


def _report_line(outcome: batch.Outcome) -> None:
    mark = "built " if outcome.ok else "FAILED"
    notes = f", {outcome.warnings} data warning(s) in the report" if outcome.warnings else ""
    log.info("%s %s %s (%.1f s%s)", mark, outcome.district, outcome.year, outcome.seconds, notes)


def _closing(outcomes: list[batch.Outcome], out: Path) -> int:
    built = [o for o in outcomes if o.ok]
    failed = [o for o in outcomes if not o.ok]
    log.info("\n%d built, %d failed, %.1f s of report time; index: %s", len(built), len(failed),
             sum(o.seconds for o in outcomes), out / "index.html")
    for o in failed:
        log.error("\nFAILED %s %s: %s", o.district, o.year, o.reason)
        if o.failed_notebook:
            log.error("  executed notebook (see the error banner at the top): %s", o.failed_notebook)
    return EXIT_OK if not failed else EXIT_FAILED


def cmd_validate(args) -> int:
    if not _check_raw(args.raw):
        return EXIT_USAGE
    n_errors = 0
    for dy in ingest.discover(args.raw):
        problems = store.check(dy)
        errors = [p for p in problems if p.severity == "error"]
        n_errors += len(errors)
        log.info("%s %s: %d error(s), %d warning(s)", dy.district, dy.year, len(errors), len(problems) - len(errors))
        for p in problems:
            log.info("  %s: %s", p.severity, p)
    log.info("\n%s", "no errors" if not n_errors else f"{n_errors} error(s)")
    return EXIT_OK if not n_errors else EXIT_FAILED


def cmd_sample(args) -> int:
    folders = sample.generate(args.raw, seed=args.seed)
    log.info("wrote sample sheets for %d district-years under %s", len(folders), args.raw)
    return EXIT_OK


def cmd_schema(args) -> int:
    print(schema.data_dictionary())
    return EXIT_OK

