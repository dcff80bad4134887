"""Property: every summary table a province could publish is read with the right numbers, or fails with named
errors; none raises. Tables are generated from random choices of the published vocabulary (header.py), column
orders, extra columns (notes, a second STT, grade, index %, a repeated total), blank and merged cells, title
lines, decimal styles, missing and extra rows, and, in some tables, one defect. The reading and cleaning
functions are tested directly (ingest, clean), not the notebook.

`make test` runs 250 examples; `pytest tests/unit/test_published_properties.py
--hypothesis-profile=thorough` (registered in tests/conftest.py) runs thousands.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.errors import RULES, ProblemLog
from pipeline.model import measures
from pipeline.read import clean, ingest, layout

# A few hundred in `make test`; a profile (tests/conftest.py) sets its own number instead:
# --hypothesis-profile=thorough (3000) or quick (`make test-fast`). Read when the module is imported, after
# the profile is loaded; hypothesis' own default is 100 examples.
EXAMPLES = 250 if settings.default.max_examples == 100 else settings.default.max_examples

CODES = ["TT", "STT", "Số TT"]
UNITS = ["Tên đơn vị", "Đơn vị", "Tên cơ quan, đơn vị", "Cơ quan, đơn vị", "Địa phương", "Sở, ban, ngành"]
TOTALS = ["Tổng điểm", "Điểm đánh giá", "Điểm đạt được", "Kết quả", "Điểm", "Điểm Chỉ số CCHC"]
RANKS = ["Xếp hạng", "Vị thứ", "Thứ hạng", "Thứ tự xếp hạng", "Hạng"]
GRADES = ["Xếp loại", "Phân loại", "Mức xếp loại", "KQ đánh giá", "Kết quả xếp loại"]
COMPONENTS = ["Điểm đánh giá trực tiếp", "Điểm điều tra XHH", "Điểm thẩm định", "SIPAS", "Khảo sát"]
NAMES = [
    "Văn phòng UBND tỉnh",
    "Thanh tra tỉnh",
    "Ban Dân tộc tỉnh",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Giao thông Vận tải",
    "Sở Lao động - Thương binh và Xã hội",
    "Công an tỉnh",
    "Kho bạc Nhà nước tỉnh",
    "Bảo hiểm xã hội tỉnh",
    "Xã An Bình",
    "Xã Tân Lập",
    "Phường Hòa Bình",
    "Phường Tân Phú",
    "Thị trấn Cát Lộc",
    "Huyện Tam Đường",
    "Thành phố Lai Châu",
    "Xã Mường So",
    "Xã Bản Lang",
]
DEFECTS = ["text score", "empty score", "above maximum", "no maximum, above 100"]
FILE, TAB = "bang_diem.xlsx", "Tổng hợp"


def grade_of(index: float) -> str:
    for grade, bound in (("Xuất sắc", 90), ("Tốt", 80), ("Khá", 70), ("Trung bình", 50)):
        if round(index, 2) >= bound - 1e-9:
            return grade
    return "Yếu"


def written(value: float, decimals: int, style: str) -> object:
    """A score as the sheet holds it: a number, or text with a decimal comma or dot."""
    if style == "number":
        return round(value, decimals)
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if style == "comma" else text


@st.composite
def tables(draw):
    n = draw(st.integers(1, 14))
    names = draw(st.permutations(NAMES))[:n]
    decimals = draw(st.sampled_from([0, 2, 3]))
    style = draw(st.sampled_from(["number", "comma", "dot"]))
    step = 10**-decimals
    mode = draw(st.sampled_from(["total", "components"]))
    if mode == "components":
        maxima = draw(st.sampled_from([[60, 40], [65, 35], [40, 30, 30]]))
    else:
        maxima = [draw(st.sampled_from([None, 100, 90, 50]))]
    top = sum(m for m in maxima if m is not None) if maxima[0] is not None else 100
    parts = [
        [draw(st.integers(0, int(round(m / step)))) * step for m in (maxima if maxima[0] else [top])] for _ in names
    ]
    totals = [round(sum(p), 3) for p in parts]
    defect = draw(st.sampled_from([None] * 6 + DEFECTS))
    # the columns: (label, what) with what in code, unit, total, component i, rank, grade, index, note, stt
    columns = [(draw(st.sampled_from(CODES)), "code"), (draw(st.sampled_from(UNITS)), "unit")]
    if draw(st.booleans()):
        columns.insert(0, (draw(st.sampled_from(RANKS)), "rank"))
    comps = draw(st.permutations(COMPONENTS))[: len(maxima)] if mode == "components" else []
    in_header = draw(st.booleans())
    for i, label in enumerate(comps):
        columns.append((f"{label} ({maxima[i]})" if in_header else label, f"component {i}"))
    total_label = draw(st.sampled_from(TOTALS))
    if mode == "total" and maxima[0] is not None:
        total_label += f" ({maxima[0]})"
    if mode == "total" or draw(st.booleans()):
        columns.append((total_label, "total"))
    extras = draw(st.lists(st.sampled_from(["rank", "grade", "index", "note", "stt", "repeat"]), unique=True))
    for extra in extras:
        if extra == "rank" and any(w == "rank" for _, w in columns):
            continue
        label = {
            "rank": draw(st.sampled_from(RANKS)),
            "grade": draw(st.sampled_from(GRADES)),
            "index": "Chỉ số CCHC (%)",
            "note": "Ghi chú",
            "stt": "STT",
            "repeat": "Tổng điểm",
        }[extra]
        if extra == "repeat" and not any(w == "total" for _, w in columns):
            continue
        columns.append((label, extra))
    ranks = [1 + sum(t > mine + 1e-9 for t in totals) for mine in totals]
    index = [t / top * 100 for t in totals]
    body = []
    previous_grade = None
    merged = draw(st.booleans())
    for i, name in enumerate(names):
        row = []
        for _, what in columns:
            if what == "code" or what == "stt":
                row.append(i + 1)
            elif what == "unit":
                row.append(name)
            elif what == "total" or what == "repeat":
                row.append(written(totals[i], decimals, style))
            elif what.startswith("component"):
                row.append(written(parts[i][int(what.split()[1])], decimals, style))
            elif what == "rank":
                row.append(ranks[i])
            elif what == "grade":
                grade = grade_of(index[i])
                row.append(None if merged and grade == previous_grade else grade)  # merged down
                previous_grade = grade
            elif what == "index":
                row.append(f"{index[i]:.2f}%".replace(".", ","))
            else:
                row.append(draw(st.sampled_from([None, "", "Đạt", "Có giải trình"])))
        body.append(row)
    score_cols = [j for j, (_, w) in enumerate(columns) if w == "total" or w.startswith("component")]
    invalid = False
    if defect == "text score":
        body[draw(st.integers(0, n - 1))][draw(st.sampled_from(score_cols))] = "chưa chấm"
        invalid = True
    elif defect == "empty score" and mode == "components":
        body[draw(st.integers(0, n - 1))][score_cols[0]] = None
        invalid = True
    elif defect == "above maximum" and maxima[0] is not None:
        j = score_cols[0]
        _, what = columns[j]
        limit = maxima[int(what.split()[1])] if what.startswith("component") else maxima[0]
        body[0][j] = written(limit + 5, decimals, style)
        invalid = what.startswith("component") or mode == "total"
    elif defect == "no maximum, above 100" and mode == "total" and maxima[0] is None:
        body[0][score_cols[0]] = written(150, decimals, style)
        invalid = True
    header = [label for label, _ in columns]
    grid = [[title] for title in draw(st.lists(st.sampled_from(["UBND TỈNH LAM SƠN", "KẾT QUẢ NĂM 2023"]), max_size=3))]
    grid.append([])
    grid.append(header)
    if mode == "components" and not in_header:
        grid.append([None if w != "unit" else "Điểm tối đa" for _, w in columns])
        for j, (_, w) in enumerate(columns):
            if w.startswith("component"):
                grid[-1][j] = maxima[int(w.split()[1])]
    for row in body:
        if draw(st.integers(0, 9)) == 0:
            grid.append([])  # a blank row inside the table
        grid.append(row)
    tail = draw(st.lists(st.sampled_from(["average", "blank", "signature", "notes"]), max_size=3))
    for extra in tail:
        if extra == "average":
            row = [None] * len(columns)
            row[[w for _, w in columns].index("unit")] = "Giá trị trung bình"
            if "total" in [w for _, w in columns]:
                row[[w for _, w in columns].index("total")] = f"{sum(totals) / n:.2f}".replace(".", ",")
            grid.append(row)
        elif extra == "blank":
            grid.append([])
        elif extra == "signature":
            grid.extend([[], [None, "TM. HỘI ĐỒNG THẨM ĐỊNH"], [None, "Người lập biểu"]])
        else:
            grid.extend([[], ["Ghi chú: số liệu do các đơn vị báo cáo"]])
    width = max(len(r) for r in grid)
    grid = [r + [None] * (width - len(r)) for r in grid]
    return grid, names, totals, ranks, invalid


def read(grid):
    problems = ProblemLog()
    dy = layout.DistrictYear("Tỉnh Lam Sơn", 2023, Path("/nonexistent/Tỉnh Lam Sơn/2023"))
    sheets = list(ingest._read_tables({TAB: grid}, Path(FILE), problems, dy.district, maxima={}))
    return clean.tidy(dy, sheets, problems), problems


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_a_published_table_builds_with_its_numbers_or_fails_with_named_errors(case):
    grid, names, totals, ranks, invalid = case
    table, problems = read(grid)  # never raises: that is the first half of the property
    for error in problems.errors:
        assert error.rule in RULES and error.rule not in ("sheet-unreadable", "group-unreadable"), error
        assert (error.file, error.sheet) == (FILE, TAB), error
        assert error.text("vi") and str(error)
    if invalid:
        assert problems.errors, "a defect must be a named error"
        return
    assert problems.errors == [], [str(p) for p in problems.errors]
    assert [p for p in problems.warnings if p.rule.endswith("differs")] == []
    units = measures.units_table(table)
    bare = {name: i for i, name in enumerate(names)}
    got = {}
    for u in units.itertuples():
        label = next(n for n in names if n.endswith(u.name))
        got[label] = (u.total, u.rank)
    assert got == {name: (totals[i], ranks[i]) for name, i in bare.items()}
