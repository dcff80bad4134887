"""The analyst's loop in JupyterLab, in a real browser (Debian's Chromium driven by Playwright, as in
test_browser.py): Lab started as `make lab` starts it, the notebook opened, Run All, save, then what
git, the build's staleness check and the notebook itself say.

It works on a temporary copy of the project (its own git repository, with the filter `make` installs),
so the real working tree is never touched. Skipped, with a notice, where Chromium is not installed;
required where CCHC_REQUIRE_BROWSER is set (CI).
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.helpers.browser import require_chromium

ARTIFACTS = ROOT / "test-artifacts" / "browser"
NOTEBOOK = "notebooks/district_report.ipynb"
pytestmark = pytest.mark.slow

CHROMIUM = require_chromium("JupyterLab browser test")

from playwright.sync_api import sync_playwright  # noqa: E402

GIT = ["git", "-c", "user.name=Analyst", "-c", "user.email=analyst@example.org"]
KERNEL_IDLE = "() => document.querySelector('.jp-Notebook-ExecutionIndicator')?.getAttribute('data-status') === 'idle'"
DIRTY = "() => document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty') !== null"
RUNNING = "() => [...document.querySelectorAll('.jp-InputArea-prompt')].some(p => p.textContent.includes('*'))"
FIRST_PROMPT = "() => document.querySelector('.jp-CodeCell .jp-InputArea-prompt').textContent"


def run(cwd: Path, *command: str, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, f"{command}: {result.stderr[-2000:]}"
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A clone of the project as a fresh `git clone` plus `make` leaves it: the filter installed, every
    file committed, one report built (Phong Thổ 2023, the notebook's defaults)."""
    clone = tmp_path_factory.mktemp("lab") / "clone"
    clone.mkdir()
    files = run(ROOT, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout.split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    (clone / ".venv").symlink_to(ROOT / ".venv")  # the venv `make` made, shared
    run(clone, "git", "init", "-q")
    (clone / ".git" / "info" / "exclude").write_text(".venv\n", encoding="utf-8")
    run(clone, "make", "--no-print-directory", "notebook-filter")
    run(clone, *GIT, "add", "-A")
    run(clone, *GIT, "commit", "-q", "-m", "clone")
    run(clone, sys.executable, "-m", "pipeline", "build", "--district", "Phong Thổ", "--year", "2023",
        "--formats", "html", "--jobs", "1")  # fmt: skip
    return clone


@pytest.fixture(scope="module")
def lab(project):
    """JupyterLab started by `make lab`, headless, on a free port, without a token, on 127.0.0.1."""
    port = free_port()
    runtime = Path(tempfile.mkdtemp(prefix="jrt"))  # short: IPC socket paths have a length limit
    home = project.parent / "home"
    env = {
        **os.environ,
        "PYTHONPATH": str(project),  # the copy's package, not the editable install's
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(runtime),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    args = [
        "--no-browser",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--ip=127.0.0.1",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        *(["--allow-root"] if os.geteuid() == 0 else []),
    ]
    log = open(project.parent / "lab.log", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "lab", f"LAB_ARGS={' '.join(args)}"],
        cwd=project,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # make and jupyter in one process group, stopped together
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status", timeout=2)
                break
            except OSError:
                assert server.poll() is None, (project.parent / "lab.log").read_text()
                assert time.monotonic() < deadline, "JupyterLab did not start in 60 s"
                time.sleep(0.3)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
        shutil.rmtree(runtime, ignore_errors=True)


def api(base: str, path: str) -> dict:
    with urllib.request.urlopen(f"{base}{path}", timeout=10) as response:
        return json.loads(response.read())


def run_all(page) -> None:
    """Run > Run All Cells, from the menu, then wait until every cell that runs has run: the first
    cell's prompt has a new number and no cell is waiting ([*])."""
    before = page.evaluate(FIRST_PROMPT)
    page.locator(".jp-Notebook .jp-Cell").first.click()  # the notebook is the current widget: its commands on
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$"))
    page.locator(".lm-Menu-item:not(.lm-mod-disabled)", has=label).click()
    done = f"() => ({FIRST_PROMPT})() !== {json.dumps(before)} && !({RUNNING})() && ({KERNEL_IDLE})()"
    page.wait_for_function(done, timeout=60_000)
    page.wait_for_timeout(300)  # the last outputs are rendered


def error_outputs(page) -> list[str]:
    """The error outputs' text (textContent: Lab skips rendering cells scrolled out of view)."""
    return page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_text_contents()


def test_the_analysts_loop_in_jupyterlab(lab, project):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # Set up as `make` does: Lab at the project's root, the news toast off.
    assert {"data", "notebooks", "outputs", "pipeline"} <= {c["name"] for c in api(lab, "/api/contents")["content"]}
    notification = api(lab, "/lab/api/settings/@jupyterlab/apputils-extension:notification")
    assert notification["schema"]["properties"]["fetchNews"]["default"] == "false"  # overrides.json

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            the_loop(page, lab, project)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "lab-failure.png"))
            shutil.copy(project.parent / "lab.log", ARTIFACTS / "lab-failure.log")
            raise
        finally:
            browser.close()


def the_loop(page, lab: str, project: Path) -> None:
    page.goto(lab)  # `make lab` opens the notebook
    page.wait_for_function(KERNEL_IDLE, timeout=60_000)
    assert page.url.endswith(f"/lab/tree/{NOTEBOOK}")
    page.wait_for_timeout(1000)
    assert page.evaluate(DIRTY) is False  # opening changes nothing: no "Save your work?" on close

    run_all(page)
    assert error_outputs(page) == []
    assert page.locator(".jp-OutputArea-output h1").inner_text() == "BÁO CÁO TÓM TẮT"
    # The report's alignment in Lab's preview: numbers right, text left (as in report.html).
    styles = page.evaluate(
        """() => ['table.ranking td.num', 'table.ranking td:not(.num)']
             .map(s => getComputedStyle(document.querySelector('.jp-Notebook ' + s)))
             .map(s => [s.textAlign, s.fontWeight])"""
    )
    assert styles == [["right", "400"], ["left", "400"]]
    page.screenshot(path=str(ARTIFACTS / "lab-run-all.png"))

    page.locator(".jp-Notebook").first.click()
    page.keyboard.press("Control+s")
    page.wait_for_function(f"() => !({DIRTY[6:]})")
    saved = project / NOTEBOOK
    assert saved.stat().st_size > 100_000  # the outputs are in the file Lab saved…

    # …and nowhere else: git commits nothing, the build rebuilds nothing.
    run(project, *GIT, "add", "-A")
    assert run(project, "git", "status", "--porcelain").stdout == ""
    listed = run(project, sys.executable, "-m", "pipeline", "list", "--formats", "html").stdout
    assert "phong-tho" in listed.lower() or "Phong Thổ" in listed
    assert "stale" not in listed and "up to date" in listed

    # An edit to the package is picked up by the next Run All (autoreload, first cell).
    narrative_py = project / "pipeline" / "write" / "narrative.py"  # the module that words the report's title
    worded = narrative_py.read_text(encoding="utf-8")
    sentence = 'f"Kết quả đánh giá, xác định'  # the title sentence's f-string, and only it
    assert worded.count(sentence) == 1
    narrative_py.write_text(worded.replace(sentence, 'f"Dự thảo: Kết quả đánh giá'), encoding="utf-8")
    run_all(page)
    # textContent, not innerText: after Run All Lab has scrolled down, and it skips rendering cells out of view
    subtitle = page.locator(".jp-OutputArea-output p.subtitle").text_content()
    assert " ".join(subtitle.split()).startswith("Dự thảo: Kết quả đánh giá")

    # A wrong district: one line, in Vietnamese and English, listing the districts.
    parameters = page.locator(".jp-CodeCell").nth(1).locator(".cm-content")
    parameters.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(
        'district = "Mường Tè"\nyear = 2023\nraw_dir = "data/raw"\nprocessed_dir = "data/processed"\nweakest_n = 3'
    )
    run_all(page)
    [message] = error_outputs(page)
    assert message.strip() == (
        "Không có bảng điểm của 'Mường Tè' trong data/raw (no score sheets for 'Mường Tè'). "
        "Có bảng điểm của (found): Nậm Nhùn, Phong Thổ, Phú Tân, Tỉnh Lai Châu, Tỉnh Lam Sơn."
    )
    page.screenshot(path=str(ARTIFACTS / "lab-wrong-district.png"))
    assert page.locator(".jp-toast-message, .Toastify__toast").count() == 0  # no news toast
