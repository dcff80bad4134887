"""On the sample's reports, every unit's rank in its block, its change of that rank, its grade and its total
are the same in the approval annex (annex.xlsx and annex.docx), in its unit letter and in summary.json
(issue 26: "one ranking system, the block's, everywhere"; province review, F1). Read from the session's
sample build (tests/integration/conftest.py `sample_build`)."""

import json
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from pipeline.core.text import capitalise
from pipeline.model.units import unit_label
from tests.helpers.outputs import shared_outputs, text_of

pytestmark = pytest.mark.slow

# (rank in block, change of that rank or None, grade, total): what each file states of one unit
CHANGE = re.compile(r"(tăng|giảm) (\d+)")
HEADLINE = re.compile(
    r"^(?P<unit>.+?) đạt (?P<total>[\d.,]+)/[\d,]+ điểm, xếp loại (?P<grade>[^,]+), "
    r"xếp thứ (?P<rank>\d+)/(?P<size>\d+)(?: trong (?P<block>[^(]+?))? \(bình quân[^)]*\)"
    r"(?:, (?P<change>tăng \d+ bậc|giảm \d+ bậc|giữ nguyên thứ hạng)?[^;]*)?;"
)


def number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def change_of(text: str | None) -> int | None:
    """ "tăng 2" -> 2, "giảm 21 bậc" -> -21, "giữ nguyên" -> 0, "–" or nothing -> None."""
    if not text or text == "–":
        return None
    if text.startswith("giữ nguyên"):
        return 0
    sign, n = CHANGE.match(text).groups()
    return int(n) if sign == "tăng" else -int(n)


def from_summary(folder) -> dict[str, tuple]:
    data = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    return {
        capitalise(unit_label(u["name"], u["type"])): (u["block_rank"], u["block_rank_change"], u["grade"], u["total"])
        for u in data["units"]
    }


def columns(header: list) -> dict[str, int]:
    """The annex's columns by meaning (its header says "Hạng trong khối" with blocks, "Xếp hạng" without)."""
    where = {h: i for i, h in enumerate(header)}
    rank = where.get("Hạng trong khối", where.get("Xếp hạng"))
    total = next(i for h, i in where.items() if h.startswith("Tổng điểm"))
    return {
        "unit": 1,
        "rank": rank,
        "change": where.get("Thay đổi thứ hạng (bậc)"),
        "grade": where["Xếp loại"],
        "total": total,
    }


def from_workbook(folder) -> dict[str, tuple]:
    rows = list(load_workbook(folder / "annex.xlsx").active.iter_rows(values_only=True))
    found, cols = {}, None
    for row in rows:
        if row[0] == "STT":
            cols = columns(list(row))
        elif cols and isinstance(row[0], int):
            change = row[cols["change"]] if cols["change"] is not None else None
            assert isinstance(row[cols["total"]], float | int) and isinstance(row[cols["rank"]], int)
            found[row[cols["unit"]]] = (row[cols["rank"]], change, row[cols["grade"]], float(row[cols["total"]]))
    return found


def from_word_annex(folder) -> dict[str, tuple]:
    found = {}
    for table in Document(folder / "annex.docx").tables:
        [header, *rows] = [[c.text for c in r.cells] for r in table.rows]
        cols = columns(header)
        for row in rows:
            change = change_of(row[cols["change"]]) if cols["change"] is not None else None
            found[row[cols["unit"]]] = (int(row[cols["rank"]]), change, row[cols["grade"]], number(row[cols["total"]]))
    return found


def from_letters(folder) -> dict[str, tuple]:
    found = {}
    for path in sorted((folder / "units").glob("*.docx")):
        [match] = [m for p in Document(path).paragraphs if (m := HEADLINE.match(p.text))]
        found[match["unit"]] = (int(match["rank"]), change_of(match["change"]), match["grade"], number(match["total"]))
    return found


@pytest.mark.parametrize(("group", "year"), [("tinh-lam-son", 2025), ("tinh-lam-son", 2026), ("phong-tho", 2023)])
def test_every_unit_has_one_rank_change_grade_and_total_in_the_annex_its_letter_and_summary_json(
    sample_build, group, year
):
    folder = sample_build[0] / group / str(year)
    expected = from_summary(folder)
    for found in (from_workbook(folder), from_word_annex(folder), from_letters(folder)):
        assert found == expected
    if year == 2026:  # Phường Tân Hà, the review's example: 40/40 of its block, 2 places down in it
        assert expected["Phường Tân Hà"][:2] == (40, -2)
    if year == 2025:  # the year of the reorganisation compares no rank
        assert {change for _, change, _, _ in expected.values()} == {None}


def test_no_document_of_a_sample_province_names_a_district_body(sample_build):
    """Lai Châu's units are districts (huyện), so the word itself is right there; what is wrong is a district
    body for the province: "huyện Tỉnh …", "trên địa bàn huyện", "Phòng Nội vụ huyện", "UBND huyện Lai Châu"."""
    out = sample_build[0]
    wrong = re.compile(r"huyện\s+tỉnh|địa bàn huyện|nội vụ huyện|chủ tịch ubnd huyện|huyện lai châu", re.I)
    files = [p for p in shared_outputs(out) if p.parts[len(out.parts)] in ("tinh-lai-chau", "tinh-lam-son")]
    assert any(p.parts[len(out.parts)] == "tinh-lai-chau" for p in files)
    said = {str(p.relative_to(out)): m[0] for p in files if (m := wrong.search(text_of(p)))}
    assert said == {}
