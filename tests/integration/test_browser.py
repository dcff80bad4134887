"""The shared HTML in a real browser: Debian's Chromium driven by Playwright (no browser download),
with the network blocked. Skipped, with a notice, where Chromium is not installed (.ci/run installs
it, and sets CCHC_REQUIRE_BROWSER so that in CI the test runs or fails)."""

import re
from pathlib import Path

import pytest

from pipeline.read import layout
from tests.helpers import ROOT
from tests.helpers.browser import require_chromium

ARTIFACTS = ROOT / "test-artifacts" / "browser"
SAMPLE_REPORTS = len(layout.discover(ROOT / "data" / "raw"))  # every sample group-year
pytestmark = pytest.mark.slow

CHROMIUM = require_chromium("browser test")

from playwright.sync_api import sync_playwright  # noqa: E402

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def sample_site(sample_build):
    """The shipped sample, built once for the session (tests/integration/conftest.py)."""
    return sample_build[0]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


def open_offline(browser, path: Path):
    """A page on `path` with every request but the file itself refused, and what it tried recorded."""
    context = browser.new_context(offline=True, viewport={"width": 1200, "height": 1600})
    page = context.new_page()
    seen = {"requests": [], "errors": []}

    def guard(route):
        if route.request.url == path.as_uri():
            route.continue_()
        else:
            seen["requests"].append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(path.as_uri(), wait_until="load")
    return context, page, seen


def test_every_report_shows_offline_with_its_images_and_vietnamese_text(browser, sample_site):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    reports = sorted(sample_site.glob("*/*/report.html"))
    assert len(reports) == SAMPLE_REPORTS
    for report in reports:
        context, page, seen = open_offline(browser, report)
        assert seen["requests"] == [], report
        assert seen["errors"] == [], report
        charts = page.evaluate("Array.from(document.querySelectorAll('svg')).map(s => s.getBBox().width > 0)")
        assert charts and all(charts), report
        assert page.title().startswith("Báo cáo tóm tắt Chỉ số CCHC năm ")
        assert page.get_by_text("BÁO CÁO TÓM TẮT", exact=True).is_visible()
        # the district's "Chỉ số điểm trung bình các xã … đạt 89,74", the province's "Chỉ số CCHC bình quân của 130 …"
        overall = re.compile(r"Chỉ số (điểm trung bình các|CCHC bình quân của) .{0,80}? đạt \d")
        assert page.get_by_text(overall).first.is_visible()
        page.screenshot(path=str(ARTIFACTS / f"{report.parent.parent.name}-{report.parent.name}.png"))
        context.close()


def test_the_index_filters_offline(browser, sample_site):
    context, page, seen = open_offline(browser, sample_site / "index.html")
    assert seen["requests"] == [] and seen["errors"] == []
    assert page.locator("#reports tbody tr:visible").count() == SAMPLE_REPORTS
    page.fill("#filter", "phong thổ")  # the district's three years, and Lai Châu's two, whose huyện Phong Thổ is a unit
    assert page.locator("#reports tbody tr:visible").count() == 5
    assert page.get_by_text("Phong Thổ").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "index.png"))
    context.close()


def visible_rows(page) -> list[str]:
    cells = page.locator("#reports tbody tr:visible td:nth-child(-n+2)").all_inner_texts()
    # the body's name is the cell's first line (marks such as "chỉ có điểm lĩnh vực" follow it)
    return [f"{district.splitlines()[0]} {year}" for year, district in zip(cells[::2], cells[1::2], strict=True)]


@pytest.mark.parametrize(
    "typed, found",
    [
        (
            "ma li pho",
            ["Huyện Phong Thổ 2023", "Huyện Phong Thổ 2022", "Huyện Phong Thổ 2021"],
        ),  # any unit, not only the weakest; no diacritics
        ("CHO VAM", ["Huyện Phú Tân 2023", "Huyện Phú Tân 2022"]),  # case
        # the other tone-mark style than the names list's "Hòa" (Phú Tân); every word matches somewhere in a
        # row, so Lam Sơn's rows, whose 130 units include a "Long …" and a "… Hòa …", are found too
        (
            "Long Hoà",
            ["Tỉnh Lam Sơn 2026", "Tỉnh Lam Sơn 2025", "Tỉnh Lam Sơn 2024", "Huyện Phú Tân 2023", "Huyện Phú Tân 2022"],
        ),
        ("phong-tho 2023", ["Huyện Phong Thổ 2023", "Tỉnh Lai Châu 2023"]),  # punctuation; every word must match
        # the district, and the province that ranks it among its districts (newest year first)
        ("nam nhun", ["Tỉnh Lai Châu 2024", "Huyện Nậm Nhùn 2023", "Tỉnh Lai Châu 2023", "Huyện Nậm Nhùn 2022"]),
    ],
)
def test_the_index_finds_a_report_by_any_units_name_ignoring_case_and_diacritics(browser, sample_site, typed, found):
    context, page, seen = open_offline(browser, sample_site / "index.html")
    page.fill("#filter", typed)
    assert visible_rows(page) == found
    assert page.locator("#nothing").is_hidden()
    assert seen["errors"] == []
    context.close()


def test_the_index_says_when_nothing_matches(browser, sample_site):
    context, page, seen = open_offline(browser, sample_site / "index.html")
    page.fill("#filter", "Mù Cang Chải")  # a district of Yên Bái: no sample unit has these words
    assert visible_rows(page) == []
    assert page.locator("#nothing").inner_text() == "Không tìm thấy báo cáo nào có “Mù Cang Chải” (nothing found)."
    page.fill("#filter", "")
    assert len(visible_rows(page)) == SAMPLE_REPORTS and page.locator("#nothing").is_hidden()
    context.close()
