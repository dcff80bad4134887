"""The real path: sheets -> papermill -> nbconvert HTML -> Typst PDF -> summary.json and index.

Expected numbers are those worked out by hand in tests/helpers/sheets.py (write_small_district).
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from tests.helpers import ROOT
from tests.helpers.build import counts, run_build
from tests.helpers.pdf import pdf_pages, position_of, word_positions
from tests.helpers.sheets import write_small_district, write_summary

pytestmark = pytest.mark.slow


def build(raw: Path, tmp: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_build(raw, tmp / "processed", tmp / "out", *args, env=env)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    write_small_district(tmp / "raw")
    result = build(tmp / "raw", tmp, "--jobs", "2", "--weakest", "1", "--verbose")
    assert result.returncode == 0, result.stderr
    return tmp / "out", result


def summary(out: Path, slug: str, year: int) -> dict:
    return json.loads((out / slug / str(year) / "summary.json").read_text(encoding="utf-8"))


def test_every_output_exists_for_every_district_year(built):
    out, _ = built
    for slug, year in [("thu-nghiem", 2022), ("thu-nghiem", 2023), ("tong-hop", 2023)]:
        folder = out / slug / str(year)
        assert sorted(p.name for p in folder.iterdir()) == [
            "annex.docx",
            "annex.xlsx",
            "report.docx",
            "report.html",
            "report.ipynb",
            "report.pdf",
            "scores.xlsx",
            "summary.json",
            "units",
        ]


def test_the_manifest_keeps_every_reports_stage_times_and_verbose_prints_the_slowest(built):
    out, result = built
    reports = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]
    assert len(reports) == 3
    for key, entry in reports.items():
        stages = entry["stages"]
        assert list(stages) == ["prepare", "notebook", "charts", "html", "pdf", "docx", "units", "annex", "summary"]
        assert stages["charts"] > 0 and stages["pdf"] > 0, key
        assert sum(stages.values()) <= entry["seconds"] + 0.05, key
    header = "slowest 3 report(s), seconds per stage:"
    assert header in result.stderr
    table = result.stderr.split(header)[1].splitlines()
    assert table[1].split() == [
        "prepare",
        "notebook",
        "charts",
        "html",
        "pdf",
        "docx",
        "units",
        "annex",
        "summary",
        "total",
    ]
    assert sorted(line.rsplit(None, 10)[0] for line in table[2:5]) == [
        "Thử Nghiệm 2022",
        "Thử Nghiệm 2023",
        "Tổng Hợp 2023",
    ]


def test_summary_of_detail_sheets_matches_the_hand_worked_numbers(built):
    s = summary(built[0], "thu-nghiem", 2023)
    assert (s["district"], s["year"], s["n_units"]) == ("Thử Nghiệm", 2023, 3)
    units = [(u["name"], u["type"], u["total"], u["max"], u["rank"], u["prev_rank"], u["fields"]) for u in s["units"]]
    assert units == [
        ("Bình Minh", "xã", 9.0, 10.0, 1, 3, {"1": 4.0, "2": 5.0}),
        ("An Bình", "xã", 8.0, 10.0, 2, 1, {"1": 4.0, "2": 4.0}),
        ("Cát Lộc", "thị trấn", 8.0, 10.0, 2, 2, {"1": 5.0, "2": 3.0}),
    ]
    assert s["fields"] == [
        {"code": "1", "name": "Chỉ đạo, điều hành", "max": 5.0, "mean": 4.33},
        {"code": "2", "name": "Cải cách TTHC", "max": 5.0, "mean": 4.0},
    ]
    weakest = [(w["name"], w["total"], w["rank"]) for w in s["weakest_units"]]
    assert weakest == [("An Bình", 8.0, 2), ("Cát Lộc", 8.0, 2)]
    assert s["weakest_units"][1]["causes"] == [
        {
            "code": "2.1",
            "name": "Công khai TTHC",
            "points_lost": 2.0,
            "reason": "Niêm yết thiếu; Thiếu cập nhật",
            "score": 3.0,
            "max": 5.0,
        }
    ]
    assert s["top_lost_criteria"][0] == {
        "code": "2.1",
        "name": "Công khai TTHC",
        "field": "2",
        "points_lost": 3.0,
        "units_affected": 2,
        "units": ["Cát Lộc", "An Bình"],  # every unit, the largest loss first: Cát Lộc 2, An Bình 1
        "unit_points": [2.0, 1.0],
        "reasons": ["Thiếu cập nhật", "Niêm yết thiếu"],
    }
    assert [c["code"] for c in s["top_lost_criteria"]] == ["2.1", "1.1", "1.2"]
    assert s["warnings"] == []
    # what the report says besides: points (every maximum is 10), the change since 2022 (An Bình 10,
    # Cát Lộc 9, Bình Minh 7: mean 8,67; this year 8,33), the self-assessment (10, 10, 8 against 9, 8, 8)
    assert (s["compared_on"], s["mean"], s["prev_mean"], s["mean_change"]) == ("points", 8.33, 8.67, -0.34)
    changes = [(u["name"], u["rank_change"], u["value_change"], u["self_total"], u["gap"]) for u in s["units"]]
    assert changes == [
        ("Bình Minh", 2, 2.0, 10.0, 1.0),
        ("An Bình", -1, -2.0, 10.0, 2.0),
        ("Cát Lộc", 0, -1.0, 8.0, 0.0),
    ]
    assert s["self_assessment"] == {"n_units": 3, "n_marked_down": 2, "mean_self": 9.33, "mean_total": 8.33}
    # lost criteria by rank, then code: Bình Minh 1.1; An Bình 1.2, 2.1; Cát Lộc 2.1
    assert [(c["unit"], c["code"]) for c in s["lost_criteria"]] == [
        ("Bình Minh", "1.1"),
        ("An Bình", "1.2"),
        ("An Bình", "2.1"),
        ("Cát Lộc", "2.1"),
    ]


def test_summary_of_a_district_summary_sheet(built):
    s = summary(built[0], "tong-hop", 2023)
    assert [(u["name"], u["type"], u["total"], u["rank"], u["prev_rank"]) for u in s["units"]] == [
        ("Tây", "xã", 9.25, 1, None),
        ("Đông", "xã", 8.5, 2, None),
        ("Nam", "phường", 8.0, 3, None),
    ]
    assert [f["mean"] for f in s["fields"]] == [4.17, 4.42]  # (4.5+5+3)/3, (4+4.25+5)/3
    assert s["top_lost_criteria"] == [] and s["weakest_units"][0]["causes"] == []


def test_first_year_has_no_previous_ranks(built):
    s = summary(built[0], "thu-nghiem", 2022)
    assert [(u["name"], u["total"], u["rank"], u["prev_rank"]) for u in s["units"]] == [
        ("An Bình", 10.0, 1, None),
        ("Cát Lộc", 9.0, 2, None),
        ("Bình Minh", 7.0, 3, None),
    ]


def test_html_is_the_report_without_code_and_loads_nothing_from_the_network(built):
    html = (built[0] / "thu-nghiem" / "2023" / "report.html").read_text(encoding="utf-8")
    assert "BÁO CÁO TÓM TẮT" in html
    assert (
        "Kết quả đánh giá, xác định Chỉ số cải cách hành chính năm 2023 của UBND các xã, thị trấn "
        "trên địa bàn huyện Thử Nghiệm"
    ) in _words(re.sub(r"<[^>]+>", "", html))  # the title in two lines, broken by sense
    assert "Chỉ số điểm trung bình các xã, thị trấn đạt 4,33/5 điểm" in html
    for code_trace in ("report.load", "import ", "In&nbsp;[", "jp-InputArea", "weakest_n"):
        assert code_trace not in html
    without_inline = re.sub(r"data:[a-z/+]+;base64,[A-Za-z0-9+/=]+", "", html)
    # url(#...) is a chart's reference to its own hatch pattern, inside the page
    assert not re.search(r"https?://|ftp://|\bsrc=[\"']//|\bhref=[\"']//|url\((?!#)|@import", without_inline, re.I)
    assert "<script" not in html and "<link" not in html
    # three charts (overall, two fields), vector, their words as text; no raster image
    assert html.count("<svg") == 3 and "<img" not in html and "<image" not in html


def test_pdf_is_a4_with_the_vietnamese_title(built):
    reader = PdfReader(built[0] / "thu-nghiem" / "2023" / "report.pdf")
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = " ".join(re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages)
    assert "BÁO CÁO TÓM TẮT" in text
    assert "Chỉ số cải cách hành chính năm 2023" in text and "Thử Nghiệm" in text
    # page numbers at the top centre from page 2 (Nghị định 30): none on page 1
    assert len(reader.pages) >= 2
    path = built[0] / "thu-nghiem" / "2023" / "report.pdf"
    for number in range(1, len(reader.pages) + 1):
        top, x, y = max(word_positions(path, number - 1), key=lambda w: w[2])
        if number == 1:
            assert top in ("UBND HUYỆN THỬ NGHIỆM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")  # the letterhead
        else:
            assert top == str(number) and abs(x - CENTRE) < 10 and 842 - 20 * MM < y < 842 - 8 * MM, (number, x, y)


MM = 72 / 25.4
CENTRE = (30 + (210 - 20)) / 2 * MM  # the text's centre line: 30 mm left margin, 20 mm right
LEFT, RIGHT = 30 * MM, (210 - 20) * MM


def test_the_letterhead_title_and_signature_stand_where_the_form_puts_them(built):
    path = built[0] / "thu-nghiem" / "2023" / "report.pdf"
    first = word_positions(path, 0)
    width = RIGHT - LEFT
    parent, council = position_of(first, "UBND HUYỆN THỬ NGHIỆM"), position_of(first, "HỘI ĐỒNG THẨM ĐỊNH")
    nation, motto = position_of(first, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), position_of(first, "Độc lập - Tự do")
    number, place = position_of(first, "Số:"), position_of(first, "Thử Nghiệm, ngày")
    # two columns: the issuer in the left 40 %, the motto in the right 60 %, both at the top of the page
    for x, y in (parent, council, number):
        assert LEFT <= x < LEFT + 0.4 * width and y > 842 - 60 * MM
    for x, y in (nation, motto, place):
        assert LEFT + 0.4 * width - 5 < x < RIGHT and y > 842 - 60 * MM
    assert abs(parent[1] - nation[1]) < 2 and parent[1] > council[1] > number[1]  # top lines level, then down
    assert nation[1] > motto[1] > place[1]
    title = position_of(first, "BÁO CÁO TÓM TẮT")
    assert title[1] < min(number[1], place[1]) and CENTRE - 70 < title[0] < CENTRE  # centred under the letterhead
    # the closing, "Nơi nhận" and the signature on one page: recipients on the left, the signer on the right
    pages = pdf_pages(path)
    [at] = [i for i, text in enumerate(pages) if "Nơi nhận:" in text]
    assert "Trên đây là báo cáo tóm tắt" in pages[at] and "PHÓ CHỦ TỊCH" in pages[at]
    words = word_positions(path, at)
    closing, recipients = position_of(words, "Trên đây là báo cáo"), position_of(words, "Nơi nhận:")
    signer, role = position_of(words, "TM. HỘI ĐỒNG THẨM ĐỊNH"), position_of(words, "PHÓ CHỦ TỊCH")
    assert recipients[0] < LEFT + 0.1 * width and signer[0] > LEFT + 0.48 * width
    assert closing[1] > recipients[1] and abs(recipients[1] - signer[1]) < 3 and signer[1] > role[1]


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


DOCUMENT = [  # in reading order: letterhead, title, I, II (overall, fields), III 1-4, closing, signature, appendix
    "UBND HUYỆN THỬ NGHIỆM",
    "HỘI ĐỒNG THẨM ĐỊNH",
    "/BC-HĐTĐ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Thử Nghiệm, ngày",
    "BÁO CÁO TÓM TẮT",
    "I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN",
    "[Hội đồng nêu căn cứ triển khai",
    "II. KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023",
    "Biểu đồ 1:",
    "Bảng 1:",
    "1. Kết quả chỉ số lĩnh vực Chỉ đạo, điều hành",
    "Biểu đồ 2:",
    "[Hội đồng nhận xét về kết quả lĩnh vực Chỉ đạo, điều hành",
    "2. Kết quả chỉ số lĩnh vực Cải cách TTHC",
    "Biểu đồ 3:",
    "III. ĐÁNH GIÁ CHUNG",
    "1. Những kết quả đạt được",
    "[Hội đồng nhận xét về những kết quả đạt được",
    "2. Hạn chế",
    "Bảng 2:",
    "Bảng 3:",
    "3. Nguyên nhân",
    "[Hội đồng nhận xét về nguyên nhân",
    "4. Đề xuất, kiến nghị",
    "[Hội đồng nêu đề xuất, kiến nghị",
    "Trên đây là báo cáo tóm tắt",
    "./.",
    "Nơi nhận:",
    "Lưu: VT, NV.",
    "TM. HỘI ĐỒNG THẨM ĐỊNH",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "PHỤ LỤC",
    "(Kèm theo Báo cáo số",
]


def _in_order(text: str, parts: list[str]) -> list[str]:
    """The parts missing from text or found out of order."""
    wrong, at = [], 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            wrong.append(part)
        else:
            at = found + len(part)
    return wrong


def test_the_html_and_the_pdf_have_the_councils_document_form(built):
    folder = built[0] / "thu-nghiem" / "2023"
    html = _words(re.sub(r"<[^>]+>", " ", (folder / "report.html").read_text(encoding="utf-8")))
    html = html.replace("&amp;", "&")
    assert _in_order(html, DOCUMENT) == []
    pdf = _words(" ".join(p.extract_text() for p in PdfReader(folder / "report.pdf").pages))
    assert _in_order(pdf, DOCUMENT) == []
    assert "đơn vị khác" not in html and "đơn vị khác" not in pdf  # every unit is named
    doc = Document(folder / "report.docx")  # the same document in Word, in the same order
    word = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells]
    paragraphs = _words(" ".join(p.text for p in doc.paragraphs))
    assert _in_order(paragraphs, [d for d in DOCUMENT if not any(d in w for w in word[len(doc.paragraphs) :])]) == []
    assert _in_order(_words(" ".join(word)), DOCUMENT[:6]) == []  # the letterhead, a table of its own
    assert "độ lệch chuẩn" not in pdf and " mất " not in pdf


def test_the_pdf_embeds_liberation_serif_2_and_sets_the_body_at_13_pt(built):
    import collections
    import io

    from fontTools.ttLib import TTFont

    reader = PdfReader(built[0] / "thu-nghiem" / "2023" / "report.pdf")
    embedded = set()
    sizes = collections.Counter()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
            embedded.add((program["name"].getDebugName(1), program["name"].getDebugName(5)))

        def visit(text, cm, tm, font, size):
            if text.strip():
                sizes[round(size * tm[0] * cm[0], 1)] += len(text.strip())

        page.extract_text(visitor_text=visit)
    assert embedded == {("Liberation Serif", "Version 2.1.5")}  # every face, shipped in the package
    body, _ = sizes.most_common(1)[0]
    assert 13 <= body <= 14


def test_data_notes_are_in_the_html_for_the_analyst_and_never_in_the_pdf(built):
    folder = built[0] / "tong-hop" / "2023"
    warning_vi = "điểm nhập dạng chữ đã được đọc thành số"
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "Lưu ý rà soát trước khi trình ký (không in)" in html and warning_vi in html
    pdf = " ".join(p.extract_text() for p in PdfReader(folder / "report.pdf").pages)
    assert "Lưu ý rà soát" not in pdf and warning_vi not in pdf and "tong_hop.xlsx" not in pdf
    assert summary(built[0], "tong-hop", 2023)["warnings_vi"][0].startswith(warning_vi)


def test_a_report_from_field_totals_says_so_once_and_names_the_weak_units_fields(built):
    pdf = _words(" ".join(p.extract_text() for p in PdfReader(built[0] / "tong-hop" / "2023" / "report.pdf").pages))
    assert pdf.count("chưa có điểm chi tiết từng tiêu chí") == 1
    # Nam: 3 of 5 in field 1 (40% lost), 5 of 5 in field 2: its weakest field is the first
    assert (
        "Phường Nam đạt 8/10 điểm, xếp thứ 3/3; có tỷ lệ điểm đạt thấp nhất ở lĩnh vực Chỉ đạo, điều hành "
        "(3/5 điểm, 60,00%)." in pdf
    )


def test_executed_notebook_is_kept_with_its_parameters(built):
    nb = json.loads((built[0] / "thu-nghiem" / "2023" / "report.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["papermill"]["parameters"]["district"] == "Thử Nghiệm"
    assert any(c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")


def test_index_links_every_report(built):
    out, result = built
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    assert sorted(link for link in links if link.endswith("report.html")) == [
        "thu-nghiem/2022/report.html",
        "thu-nghiem/2023/report.html",
        "tong-hop/2023/report.html",
    ]
    assert all((out / link).exists() for link in links)
    units = [link for link in links if "/units/" in link and link.endswith(".html")]
    assert len(units) == 3 + 3 + 3  # every unit of every report, by name
    assert counts(result.stderr) == {"built": 3, "skipped": 0, "failed": 0}


def test_papermill_uses_the_pipelines_own_python_even_when_a_stray_kernelspec_shadows_it(tmp_path, small_raw):
    stray = tmp_path / "jupyter"
    (stray / "kernels" / "python3").mkdir(parents=True)
    (stray / "kernels" / "python3" / "kernel.json").write_text(
        json.dumps(
            {
                "argv": ["/nonexistent/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3",
                "language": "python",
            }
        )
    )
    env = {**os.environ, "JUPYTER_PATH": str(stray), "JUPYTER_DATA_DIR": str(stray)}
    # the trap is real: plain papermill picks the stray kernelspec and fails
    plain = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            str(ROOT / "notebooks" / "district_report.ipynb"),
            str(tmp_path / "plain.ipynb"),
            "-p",
            "raw_dir",
            str(small_raw),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert plain.returncode != 0
    result = build(small_raw, tmp_path, "--district", "Tổng Hợp", "--formats", "html", env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "tong-hop" / "2023" / "report.html").exists()
    assert not (tmp_path / "out" / "tong-hop" / "2023" / "report.pdf").exists()


def test_a_district_with_bad_data_fails_alone_and_keeps_its_previous_report(tmp_path, small_raw):
    first = build(small_raw, tmp_path, "--district", "Tổng Hợp", "--formats", "html")
    assert first.returncode == 0, first.stderr
    good = tmp_path / "out" / "tong-hop" / "2023" / "report.html"
    good_bytes = good.read_bytes()
    # the first build's data warning ("4,5" and "4,25" and "8,5" and "9,25" typed as text) is in the report
    warning = "scores typed as text were read as numbers (4 cells in 1 sheet: tong_hop.xlsx [Sheet])"
    warning_vi = "điểm nhập dạng chữ đã được đọc thành số (4 ô trong 1 trang tính: tong_hop.xlsx [Sheet])"
    first_summary = summary(tmp_path / "out", "tong-hop", 2023)
    assert first_summary["warnings"] == [warning] and first_summary["warnings_vi"] == [warning_vi]
    html = good.read_text(encoding="utf-8")
    assert "Lưu ý rà soát trước khi trình ký (không in)" in html and warning_vi in html and warning not in html
    write_summary(
        small_raw / "Tổng Hợp" / "2023" / "tong_hop.xlsx",  # Xã Đông 6 of a maximum of 5
        ["STT", "Tên đơn vị", "Chỉ đạo, điều hành (5)", "Cải cách TTHC (5)"],
        [[1, "Xã Đông", 6, 4], [2, "Xã Tây", 5, 4.25]],
    )
    second = build(small_raw, tmp_path, "--year", "2023", "--formats", "html")
    assert second.returncode == 1
    assert counts(second.stderr) == {"built": 1, "skipped": 0, "failed": 1}
    assert re.search(
        r"FAILED Tổng Hợp 2023: .*\n.*tong_hop\.xlsx, sheet 'Sheet', row 4.*above its maximum", second.stderr
    ), second.stderr
    assert "Traceback" not in second.stderr
    assert good.read_bytes() == good_bytes
    assert (tmp_path / "out" / "thu-nghiem" / "2023" / "report.html").exists()


def test_notebook_runs_with_its_own_defaults_wherever_its_kernel_starts(tmp_path):
    """Run All as an analyst would: no parameters injected; the default folders are the project's, from
    its root, whatever the kernel's folder (JupyterLab's is notebooks/; here a temporary one)."""
    import papermill

    from pipeline.build.kernel import OwnKernelManager

    executed = papermill.execute_notebook(
        str(ROOT / "notebooks" / "district_report.ipynb"),
        str(tmp_path / "out.ipynb"),
        cwd=str(tmp_path),
        kernel_manager_class=OwnKernelManager,
        progress_bar=False,
    )
    html_outputs = [
        o["data"]["text/html"] for c in executed.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})
    ]
    assert any("huyện Phong Thổ" in h for h in html_outputs)
    assert [p.name for p in tmp_path.iterdir()] == ["out.ipynb"]  # nothing read or written from the kernel's folder
