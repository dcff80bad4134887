"""Who issues the report, said once (province review, F2, F3): the settings name the appraisal council or the
Home Affairs office, and the letterhead, the symbol, the signature, Nơi nhận, what the appendix and the annex
accompany and the unit letters' "Căn cứ" follow from it and from the body."""

import pytest

from pipeline.core.errors import ProblemLog
from pipeline.model import settings
from pipeline.model.body import DEFAULT_ISSUER, body_of
from pipeline.model.settings import Settings
from pipeline.write import narrative

B = "\u00a0" * 8


def write(tmp_path, text: str):
    folder = tmp_path / "Thành phố Hải Phòng"
    folder.mkdir(exist_ok=True)
    path = folder / "report.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path) -> list[tuple[str, str, str]]:
    log = ProblemLog()
    settings.load(path, log)
    return [(p.rule, p.file, p.text()) for p in log.errors]


def test_the_council_issues_by_default_at_both_levels_and_the_settings_can_name_the_office():
    council = body_of("Tỉnh Lam Sơn")
    assert (council.issued_by, council.issuer, council.symbol) == ("council", DEFAULT_ISSUER, "Số:      /BC-HĐTĐ")
    office = body_of("Tỉnh Lam Sơn", settings=Settings(issued_by="department"))
    assert (office.issuer, office.symbol) == ("SỞ NỘI VỤ", "Số:      /BC-SNV")
    district = body_of("Phong Thổ", settings=Settings(issued_by="department"))
    assert (district.issuer, district.symbol) == ("PHÒNG NỘI VỤ", "Số:      /BC-PNV")
    # an issuer's line without issued_by says which it is; the settings' own symbol wins
    assert body_of("Tỉnh Lam Sơn", settings=Settings(issuer="SỞ NỘI VỤ")).issued_by == "department"
    assert body_of("Tỉnh Lam Sơn", settings=Settings(issuer="Hội đồng thẩm định tỉnh")).issued_by == "council"
    assert body_of("Tỉnh Lam Sơn", settings=Settings(symbol="Số: 12/BC-HĐTĐ")).symbol == "Số: 12/BC-HĐTĐ"


def test_a_province_council_signs_for_the_council_and_sends_to_the_province_the_members_and_the_units():
    body = body_of("Tỉnh Lam Sơn", ["xã", "phường", "đặc khu"])
    assert narrative.signer(body) == (["TM. HỘI ĐỒNG THẨM ĐỊNH", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "GIÁM ĐỐC SỞ NỘI VỤ")
    assert narrative.recipients(body) == [
        "- Chủ tịch, các Phó Chủ tịch UBND tỉnh (để báo cáo);",
        "- Thành viên Hội đồng thẩm định;",
        "- Các sở, ban, ngành tỉnh;",
        "- UBND các xã, phường, đặc khu;",
        "- Lưu: VT, HĐTĐ.",
    ]
    assert narrative.annex_reference(2025, body, B) == (
        f"(Kèm theo Báo cáo số{B}/BC-HĐTĐ ngày{B}/{B}/2026 của Hội đồng thẩm định Chỉ số CCHC tỉnh Lam Sơn)"
    )
    assert narrative.decision_reference(2025, body, B) == (
        f"(Kèm theo Quyết định số{B}/QĐ-UBND ngày{B}/{B}/2026 của Chủ tịch UBND tỉnh Lam Sơn)"
    )


def test_a_province_office_signs_for_its_director_and_its_appendix_names_it():
    body = body_of("Tỉnh Lam Sơn", ["xã", "phường"], Settings(issued_by="department"))
    assert narrative.signer(body) == (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], None)
    assert narrative.recipients(body) == [
        "- UBND tỉnh (để báo cáo);",
        "- Các sở, ban, ngành tỉnh;",
        "- UBND các xã, phường;",
        "- Lưu: VT, NV.",
    ]
    assert narrative.annex_reference(2025, body, B) == (
        f"(Kèm theo Báo cáo số{B}/BC-SNV ngày{B}/{B}/2026 của Sở Nội vụ tỉnh Lam Sơn)"
    )


def test_a_district_council_keeps_seed_004_and_a_district_office_signs_for_its_head():
    council = body_of("Phong Thổ", ["xã", "thị trấn"])
    assert narrative.signer(council) == (
        ["TM. HỘI ĐỒNG THẨM ĐỊNH", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "TRƯỞNG PHÒNG NỘI VỤ",
    )
    assert narrative.recipients(council) == [  # seed 004, word for word
        "- Lãnh đạo UBND huyện;",
        "- Các cơ quan chuyên môn huyện;",
        "- UBND các xã, thị trấn;",
        "- Lưu: VT, NV.",
    ]
    assert narrative.annex_reference(2023, council, B).endswith("của Hội đồng thẩm định Chỉ số CCHC huyện Phong Thổ)")
    office = body_of("Phong Thổ", ["xã"], Settings(issued_by="department"))
    assert narrative.signer(office) == (["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"], None)
    assert narrative.recipients(office) == ["- UBND huyện (để báo cáo);", "- UBND các xã;", "- Lưu: VT, NV."]
    assert narrative.annex_reference(2023, office, B).endswith("/2024 của Phòng Nội vụ huyện Phong Thổ)")
    assert narrative.unit_recipients(office, "xã")[0] == "- Phòng Nội vụ huyện Phong Thổ (để báo cáo);"


def test_a_symbol_and_issuer_of_the_settings_own_are_kept_as_written():
    body = body_of(
        "Tỉnh Lam Sơn", settings=Settings(issued_by="department", issuer="SỞ TƯ PHÁP", symbol="Số: @x /BC-#STP")
    )
    assert narrative.symbol_code(body) == "@x /BC-#STP"
    assert (
        narrative.annex_reference(2025, body, B) == f"(Kèm theo Báo cáo số @x /BC-#STP ngày{B}/{B}/2026 của SỞ TƯ PHÁP)"
    )
    assert narrative.signer(body) == (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], None)


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ('[letterhead]\nissued_by = "hội đồng"\n', "letterhead.issued_by", '"council" or "department"'),
        ("[letterhead]\nissued_by = 1\n", "letterhead.issued_by", '"council" or "department"'),
        ('[report]\nrank_across_blocks = "yes"\n', "report.rank_across_blocks", "true or false"),
        ("[report]\nrank_across_blocks = 1\n", "report.rank_across_blocks", "true or false"),
    ],
)
def test_a_bad_issuer_or_ranking_setting_is_an_error_naming_the_file_and_the_key(tmp_path, text, key, expected):
    [(rule, file, message)] = problems_of(write(tmp_path, text))
    assert (rule, file) == ("settings-bad-value", "Thành phố Hải Phòng/report.toml")
    assert f"'{key}'" in message and expected in message


def test_the_issuer_and_the_ranking_settings_are_read(tmp_path):
    got = settings.read(
        write(tmp_path, '[letterhead]\nissued_by = "Department"\n[report]\nrank_across_blocks = true\n')
    )
    assert (got.issued_by, got.rank_across_blocks) == ("department", True)
    assert settings.read(write(tmp_path, "")).rank_across_blocks is False
