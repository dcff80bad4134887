"""Running `python -m pipeline build` as a user would, and reading its closing table."""

import json
import re
import signal
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT


def run_build(
    raw: Path, processed: Path, out: Path, *args: str, env: dict | None = None, wait: bool = True, timeout: int = 600
):
    """The build CLI on these folders; with wait=False the running process (in its own session)."""
    command = [sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--processed", str(processed)]
    command += ["--out", str(out), *args]
    if not wait:  # in its own session, with Ctrl-C as a terminal gives it (a background shell ignores SIGINT)
        return subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            preexec_fn=_default_sigint,
        )
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def build(base: Path, *args: str, wait: bool = True):
    """An HTML-only, one-job build of <base>/data/raw into <base>/out."""
    data = base / "data"
    return run_build(
        data / "raw", data / "processed", base / "out", "--formats", "html", "--jobs", "1", *args, wait=wait
    )


def notebook_with_cell(path: Path, source: str) -> Path:
    """The report notebook with one more code cell, `source`, right after the cell that loads the report
    (as an analyst adds one): written to `path`, for `build --notebook`."""
    nb = json.loads((ROOT / "notebooks" / "district_report.ipynb").read_text(encoding="utf-8"))
    load = next(i for i, c in enumerate(nb["cells"]) if "report.load" in "".join(c["source"]))
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
    nb["cells"].insert(load + 1, cell)
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return path


def counts(stderr: str) -> dict[str, int]:
    """The closing table of a build: reports built, skipped and failed."""
    return {status: int(n) for status, n in re.findall(r"^(built|skipped|failed)\s+(\d+)", stderr, re.M)}


def built_reports(result) -> list[str]:
    return sorted(re.findall(r"^built\s+(\S.*\d{4}) \(", result.stderr, re.M))
