"""Legacy encodings: expected texts are the words as a Vietnamese reader knows them."""

import pytest

from pipeline.read.legacy import decode, detect, fix_legacy


@pytest.mark.parametrize(
    ("legacy", "unicode_text"),
    [
        ("B¶o Th¾ng", "Bảo Thắng"),  # a district name as old TCVN3 files store it
        ("Phßng Néi vô", "Phòng Nội vụ"),
        ("Tæng céng", "Tổng cộng"),
        ("§iÓm thÈm ®Þnh", "Điểm thẩm định"),
        ("UBND X· M¦êNG SO", "UBND XÃ MƯỜNG SO"),  # capitals typed with lower-case codes in .VnTimeH
    ],
)
def test_tcvn3_text_is_converted(legacy, unicode_text):
    assert fix_legacy(legacy) == (unicode_text, "TCVN3")


@pytest.mark.parametrize(
    ("legacy", "unicode_text"),
    [
        ("Baûo Thaéng", "Bảo Thắng"),
        ("Phoøng Noäi vuï", "Phòng Nội vụ"),
        ("Toång coäng", "Tổng cộng"),
        ("Ñieåm thaåm ñònh", "Điểm thẩm định"),
        ("Möôøng So", "Mường So"),
    ],
)
def test_vni_text_is_converted(legacy, unicode_text):
    assert fix_legacy(legacy) == (unicode_text, "VNI")


@pytest.mark.parametrize(
    "text",
    [
        "Mường So",
        "Độc lập – Tự do – Hạnh phúc",
        "Điểm tối đa",
        "Ghi chú",
        "Hòa Bình “mới”",
        "10,85",
        "Café",
    ],
)
def test_unicode_text_is_left_alone(text):
    assert fix_legacy(text) == (text, None)


# Real Vietnamese words (the decoder's tie-break relies on real syllables, one tone mark each).
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from pipeline.read.legacy import encode_tcvn3, encode_vni  # noqa: E402
from pipeline.sample import districts  # noqa: E402

WORDS = sorted(
    {
        w
        for field, criteria in districts.CRITERIA
        for text in [field, *(c[0] for c in criteria)]
        for w in text.replace(",", " ").split()
    }
    | {w for reasons in districts.REASONS for r in reasons for w in r.replace(",", " ").split()}
)
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)


HEADER = [
    "STT",
    "Lĩnh vực, tiêu chí, tiêu chí thành phần",
    "Điểm tối đa",
    "Điểm tự đánh giá",
    "Điểm thẩm định",
    "Lý do trừ điểm",
]


@pytest.mark.parametrize(("encoding", "encode"), [("TCVN3", encode_tcvn3), ("VNI", encode_vni)])
@given(cells=st.lists(phrases, min_size=8, max_size=30))
def test_a_sheet_typed_in_a_legacy_encoding_reads_back_exactly(encoding, encode, cells):
    cells = HEADER + cells  # a real sheet always has its header row
    legacy_cells = [encode(c) for c in cells]
    assert detect(legacy_cells) == encoding
    assert [decode(c, encoding) for c in legacy_cells] == cells


@given(cells=st.lists(phrases, min_size=1, max_size=30))
def test_unicode_sheets_are_never_taken_for_legacy(cells):
    assert detect(cells) is None
