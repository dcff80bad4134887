"""report.docx, the units' documents and the approval annex, opened as an officer's Word and Excel would.

Expected values are those worked out by hand in tests/helpers/sheets.py (write_small_district):
Thử Nghiệm 2023: xã Bình Minh 9 (rank 1), xã An Bình 8 and thị trấn Cát Lộc 8 (rank 2);
Cát Lộc: field I 5/5 (2022: 4), field II 3/5 (2022: 5), lost criterion 2.1 Công khai TTHC 3/5 with
the reasons of its sub-criteria "Niêm yết thiếu" and "Thiếu cập nhật".
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import load_workbook
from pypdf import PdfReader

from pipeline.core.text import capitalise, num
from pipeline.model.units import short_label, unit_label
from pipeline.read import layout
from tests.helpers import ROOT
from tests.helpers.build import run_build
from tests.helpers.sheets import write_small_district

pytestmark = pytest.mark.slow

REPORTS = [("thu-nghiem", 2022), ("thu-nghiem", 2023), ("tong-hop", 2023)]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("word")
    write_small_district(tmp / "raw")
    result = run_build(tmp / "raw", tmp / "processed", tmp / "out", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    return tmp / "out"


def summary(out: Path, slug: str, year: int) -> dict:
    return json.loads((out / slug / str(year) / "summary.json").read_text(encoding="utf-8"))


def styled(doc, style: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == style]


def cell_texts(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def assert_decree_page(doc, landscape: bool = False) -> None:
    section = doc.sections[0]
    size = (section.page_width, section.page_height)
    a4 = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    assert all(abs(x - y) < Mm(1) for x, y in zip(size, a4, strict=True))
    assert abs(section.left_margin - Mm(30)) < Mm(0.5) or landscape
    assert abs(section.right_margin - Mm(20)) < Mm(0.5)
    assert abs(section.top_margin - Mm(20)) < Mm(0.5) and abs(section.bottom_margin - Mm(20)) < Mm(0.5)
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(13)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:asciiTheme")) is None  # a theme font would win over Times New Roman in Word


def test_every_report_has_a_word_document_in_the_decrees_form(out):
    for slug, year in REPORTS:
        doc = Document(out / slug / str(year) / "report.docx")
        assert_decree_page(doc)
        section = doc.sections[0]
        assert section.different_first_page_header_footer  # page numbers from page 2
        assert "PAGE" in section.header._element.xml
        assert styled(doc, "Title") == ["BÁO CÁO TÓM TẮT"]
        assert styled(doc, "Heading 1") == [
            "I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN",
            f"II. KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}",
            "III. ĐÁNH GIÁ CHUNG",
        ]
        assert styled(doc, "Heading 2")[-4:] == [
            "1. Những kết quả đạt được",
            "2. Hạn chế",
            "3. Nguyên nhân",
            "4. Đề xuất, kiến nghị",
        ]
        letterhead = doc.tables[0]
        issuer, motto = cell_texts(letterhead)[0]
        assert issuer.startswith(f"UBND HUYỆN {summary(out, slug, year)['district'].upper()}\nHỘI ĐỒNG THẨM ĐỊNH")
        assert motto.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
        assert letterhead.style is None or letterhead.style.name == "Normal Table"  # no borders
        assert "Nơi nhận:" in all_text(doc) and "TM. HỘI ĐỒNG THẨM ĐỊNH" in all_text(doc)


def test_the_word_report_has_one_marked_place_per_judgement_section(out):
    doc = Document(out / "thu-nghiem" / "2023" / "report.docx")
    places = styled(doc, "CCHC Placeholder")
    fields = [h for h in styled(doc, "Heading 2") if "Kết quả chỉ số lĩnh vực" in h]
    assert len(fields) == 2
    # I, one per field, III.1, III.3, III.4
    assert len(places) == 1 + len(fields) + 3
    assert all(p.startswith("[Hội đồng") and p.endswith("]") for p in places)


def test_the_word_ranking_table_is_the_ranking_of_summary_json(out):
    for slug, year in REPORTS:
        doc = Document(out / slug / str(year) / "report.docx")
        [ranking] = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("Hạng (/")]
        rows = cell_texts(ranking)[1:]
        expected = summary(out, slug, year)["units"]
        assert [(int(r[0]), r[1]) for r in rows] == [(u["rank"], short_label(u["name"], u["type"])) for u in expected]
        header = ranking.rows[0]._tr.trPr
        assert header.find(qn("w:tblHeader")) is not None  # repeated on every page


def test_hand_worked_ranking_in_the_word_report(out):
    doc = Document(out / "thu-nghiem" / "2023" / "report.docx")
    [ranking] = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("Hạng (/")]
    rows = cell_texts(ranking)[1:]
    assert [(r[0], r[1], r[2].strip(), r[3].strip(), r[4].strip()) for r in rows] == [
        ("1", "Bình Minh", "4,00", "5,00", "9,00"),  # two decimals throughout (F12)
        ("2", "An Bình", "4,00", "4,00", "8,00"),
        ("2", "TT. Cát Lộc", "5,00", "3,00", "8,00"),
    ]


def test_charts_are_print_resolution_images(out):
    doc = Document(out / "thu-nghiem" / "2023" / "report.docx")
    images = [r for r in doc.part.rels.values() if "image" in r.reltype]
    assert len(images) == 3  # chart 1 and one per field
    for rel in images:
        from PIL import Image

        with Image.open(__import__("io").BytesIO(rel.target_part.blob)) as image:
            assert image.width >= 6 * 300  # about 6.2 inches wide at 300 dpi


def test_one_unit_document_per_unit_for_every_report(out):
    for slug, year in REPORTS:
        s = summary(out, slug, year)
        folder = out / slug / str(year) / "units"
        assert len(list(folder.glob("*.docx"))) == s["n_units"] == len(list(folder.glob("*.html")))
        assert sorted(s["unit_documents"]) == sorted(u["name"] for u in s["units"])
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="thu-nghiem/2023/units/thi-tran-cat-loc.html">Cát Lộc</a>' in index


def test_a_units_document_carries_its_result_and_each_lost_criterion_with_points_and_reason(out):
    doc = Document(out / "thu-nghiem" / "2023" / "units" / "thi-tran-cat-loc.docx")
    assert_decree_page(doc)
    issuer, motto = cell_texts(doc.tables[0])[0]
    # the superior body as Nghị định 30 allows it, then the unit's own name in full
    assert issuer.startswith("UBND HUYỆN THỬ NGHIỆM\nỦY BAN NHÂN DÂN\nTHỊ TRẤN CÁT LỘC\n")
    assert "Độc lập - Tự do - Hạnh phúc" in motto
    assert styled(doc, "Title") == ["KẾ HOẠCH"]
    assert styled(doc, "Heading 1") == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023",
        "III. GIẢI PHÁP KHẮC PHỤC",
    ]
    assert styled(doc, "Heading 2") == ["1. Chỉ đạo, điều hành", "2. Cải cách TTHC"]
    text = all_text(doc)
    # 8 + 9 + 8 = 25 / 3 = 8,33; 2022: 9 points, 2nd: still 2nd, 1 point down
    assert (
        "Thị trấn Cát Lộc đạt 8/10 điểm, xếp loại Tốt, xếp thứ 2/3 (bình quân: 8,33 điểm), giữ nguyên thứ hạng, "
        "giảm 1,00 điểm so với năm 2022; 02/03 tiêu chí đạt điểm tối đa"
    ) in text
    assert "02/03 tiêu chí đạt điểm tối đa" in text
    assert "Đơn vị đạt điểm tối đa 5/5 điểm (năm 2022: 4 điểm)." in text
    assert "Đơn vị đạt 3/5 điểm (năm 2022: 5 điểm), có 01 tiêu chí chưa đạt:" in text
    assert styled(doc, "List Bullet") == [
        "Công khai TTHC (tiêu chí 2.1): đạt 3/5 điểm; lý do: niêm yết thiếu; thiếu cập nhật."
    ]
    [plan] = [t for t in doc.tables if t.rows[0].cells[0].text == "STT"]
    # 8/10, Tốt: Xuất sắc needs 1 point; 2.1 lost 2, so the first line reaches it
    assert cell_texts(plan)[1] == [
        "1",
        "Tiêu chí 2.1. Công khai TTHC (3/5 điểm)\nđạt loại Xuất sắc",
        "2,00",
        "2,00",
        "[Biện pháp]",
        "[Họ tên, chức vụ]",
        "[Ngày hoàn thành]",
    ]


def test_a_unit_that_lost_nothing_gets_its_result_and_a_one_line_plan(out):
    doc = Document(out / "thu-nghiem" / "2022" / "units" / "xa-an-binh.docx")  # 10/10 in 2022
    text = all_text(doc)
    assert "Xã An Bình đạt 10/10 điểm, xếp loại Xuất sắc, xếp thứ 1/3 (bình quân: 8,67 điểm)" in text  # 26 / 3
    assert "Không có tiêu chí nào bị trừ điểm." in text
    assert not [t for t in doc.tables if t.rows[0].cells[0].text == "STT"]
    places = styled(doc, "CCHC Placeholder")
    assert any(p.startswith("[Đơn vị nêu giải pháp duy trì") for p in places)


def test_the_main_report_links_the_unit_documents_instead_of_carrying_them(out):
    html = (out / "thu-nghiem" / "2023" / "report.html").read_text(encoding="utf-8")
    assert 'href="units/thi-tran-cat-loc.html"' in html
    assert "Niêm yết thiếu" not in html.split("PHỤ LỤC")[-1]  # the reasons live in the unit's document


def test_the_approval_annex_is_values_by_rank_in_a_landscape_a4(out):
    folder = out / "thu-nghiem" / "2023"
    sheet = load_workbook(folder / "annex.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    start = next(i for i, r in enumerate(rows) if r[0] == "STT")
    assert rows[start][:2] == ["STT", "Đơn vị"]
    # out of 10: the index too; 2022 ranked An Bình 1 (10), Cát Lộc 2 (9), Bình Minh 3 (7)
    assert rows[start][4:] == [
        "Tổng điểm (10)", "Chỉ số (%)", "Xếp loại", "Xếp hạng", "Hạng năm 2022", "Thay đổi thứ hạng (bậc)"
    ]  # fmt: skip
    assert rows[start + 1 : start + 4] == [
        [1, "Xã Bình Minh", 4, 5, 9, 90, "Xuất sắc", 1, 3, 2],
        [2, "Xã An Bình", 4, 4, 8, 80, "Tốt", 2, 1, -1],
        [3, "Thị trấn Cát Lộc", 5, 3, 8, 80, "Tốt", 2, 2, 0],
    ]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert sheet.page_setup.orientation == "landscape"
    doc = Document(folder / "annex.docx")
    assert_decree_page(doc, landscape=True)
    [table] = doc.tables
    assert cell_texts(table)[1][:2] == ["1", "Xã Bình Minh"]


def test_a_word_document_converts_to_pdf_in_libreoffice(out, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CCHC_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice is required here (CCHC_REQUIRE_LIBREOFFICE=1) but soffice is not installed")
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    source = out / "thu-nghiem" / "2023" / "report.docx"
    profile = tmp_path / "profile"  # its own profile: no clash with another LibreOffice running
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = PdfReader(tmp_path / "report.pdf")
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "BÁO CÁO TÓM TẮT" in text
    assert "Kết quả đánh giá, xác định Chỉ số cải cách hành chính năm 2023" in text
    assert "huyện Thử Nghiệm" in text


# ---------------------------------------------------------------- every Word document of the sample data


@pytest.fixture(scope="module")
def sample_out(sample_build) -> Path:
    """The shipped sample (data/raw), built once for the session in every format."""
    return sample_build[0]


def test_every_word_document_of_the_sample_has_its_structure_and_numbers(sample_out):
    reports = sorted(p.parent for p in sample_out.glob("*/*/summary.json"))
    assert len(reports) == len(layout.discover(ROOT / "data" / "raw"))  # every sample group-year
    for folder in reports:
        s = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        doc = Document(folder / "report.docx")
        assert_decree_page(doc)
        assert styled(doc, "Title") == ["BÁO CÁO TÓM TẮT"] and styled(doc, "Subtitle")[0].startswith("Kết quả")
        in_blocks = len(s["blocks"]) > 1
        parts = ["I", "II", "III", "IV", "V"] if in_blocks else ["I", "II", "III"]  # a province: the review's parts
        assert [h.split(".")[0] for h in styled(doc, "Heading 1")] == parts
        assert "Độc lập - Tự do - Hạnh phúc" in cell_texts(doc.tables[0])[0][1]
        # one ranking table, or one per block (a province's appendix), each ranking its own units
        blocks = [[u for u in s["units"] if u["block"] == block["name"]] for block in s["blocks"]]
        if in_blocks:
            rankings = [t for t in doc.tables if any("Hạng trong khối" in c.text for c in t.rows[0].cells)]
            heads = [[c.text for c in t.rows[0].cells] for t in rankings]
            at = [next(i for i, h in enumerate(head) if "Hạng trong khối" in h) for head in heads]
            tables = sorted(
                sorted((int(r[i]), r[1]) for r in cell_texts(t)[1:]) for t, i in zip(rankings, at, strict=True)
            )
            expected = [
                sorted((u["block_rank"], capitalise(unit_label(u["name"], u["type"]))) for u in b) for b in blocks
            ]
        else:
            rankings = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("Hạng (/")]
            tables = sorted(sorted((int(r[0]), r[1]) for r in cell_texts(ranking)[1:]) for ranking in rankings)
            expected = [sorted((u["block_rank"], short_label(u["name"], u["type"])) for u in b) for b in blocks]
        assert len(rankings) == len(s["blocks"])
        assert tables == sorted(expected)  # each table ranks one block's units (tied units in any order)
        # I, then each field and III.1, III.3, III.4; a province: I (and the reorganisation's), III, IV.1, IV.3, V
        places = 5 + bool(s.get("reorganised")) if in_blocks else 1 + len(s["fields"]) + 3
        assert len(styled(doc, "CCHC Placeholder")) == places, folder
        units = sorted((folder / "units").glob("*.docx"))
        assert len(units) == s["n_units"] == len(s["unit_documents"])
        lost = {}
        for c in s["lost_criteria"]:
            lost.setdefault(c["unit"], []).append(c)
        for name, stem in s["unit_documents"].items():
            unit = Document(folder / f"{stem}.docx")
            assert styled(unit, "Title") == ["KẾ HOẠCH"]
            assert [h.split(".")[0] for h in styled(unit, "Heading 1")] == ["I", "II", "III"]
            assert len(styled(unit, "Heading 2")) == len(s["fields"])
            items = styled(unit, "List Bullet")
            assert len(items) == len(lost.get(name, [])), (folder, name)
            for c in lost.get(name, []):  # each lost criterion once, with its points (and its reason, if any)
                [item] = [i for i in items if f"(tiêu chí {c['code']}):" in i]
                assert f"đạt {num(c['score'])}/{num(c['max'])} điểm" in item
                if c["reason"]:
                    assert "; lý do: " in item
        annex = load_workbook(folder / "annex.xlsx").active
        assert sum(1 for row in annex.iter_rows() if isinstance(row[0].value, int)) == s["n_units"]
