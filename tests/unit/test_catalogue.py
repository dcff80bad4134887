"""The catalogue of messages: every rule speaks both languages, with the same parameters."""

import string

import pytest

from pipeline.core.errors import RULES, TERMS, ProblemLog, message


def fields_of(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_has_an_english_and_a_vietnamese_text_with_the_same_parameters(rule):
    spec = RULES[rule]
    assert spec.en.strip() and spec.vi.strip()
    assert spec.en != spec.vi
    # The Vietnamese may leave out a detail (the list's file name), never add one the English lacks.
    assert fields_of(spec.vi) <= fields_of(spec.en)


def test_a_message_is_filled_in_both_languages_with_numbers_written_for_each():
    log = ProblemLog()
    log.warn("total-differs", stated=89.5, unit="Mường So", computed=89.75, file="a.xlsx", sheet="S", row=30)
    [problem] = log.warnings
    assert str(problem) == (
        "a.xlsx, sheet 'S', row 30: stated total 89.5 of Mường So differs from the sum of its fields 89.75; "
        "the sum is used"
    )
    assert problem.text_vi() == (
        "tệp a.xlsx, trang tính 'S', dòng 30: tổng điểm ghi 89,5 của Mường So khác tổng các lĩnh vực 89,75; "
        "dùng tổng các lĩnh vực"
    )


def test_terms_inside_a_message_are_written_in_each_language():
    assert message("subtotal-differs", {"what": "self_score", "stated": 3, "code": "1", "name": "X", "total": 2}) == (
        "subtotal self-assessed score 3 of '1 X' differs from the sum of its items 2; the sum is used"
    )
    assert message(
        "subtotal-differs", {"what": "self_score", "stated": 3, "code": "1", "name": "X", "total": 2}, "vi"
    ).startswith("điểm tự chấm cộng ghi 3")
    assert all(en and vi and en != vi for en, vi in TERMS.values())


def test_an_unknown_rule_id_is_a_programming_error_not_a_silent_message():
    with pytest.raises(KeyError, match="no-such-rule"):
        ProblemLog().error("no-such-rule", file="a.xlsx")


def test_automatic_fixes_are_counted_per_kind_and_reported_once_without_changing_the_log():
    log = ProblemLog()
    log.fixed("fix-text-numbers", "a.xlsx [S1]", 3)
    log.fixed("fix-text-numbers", "b.xlsx", 2)
    log.fixed("fix-hidden-sheet", "a.xlsx [Ẩn]")
    expected = [
        "hidden sheets were ignored (1 sheet: a.xlsx [Ẩn])",
        "scores typed as text were read as numbers (5 cells in 2 sheets: a.xlsx [S1], b.xlsx)",
    ]
    assert [str(p) for p in log.warnings] == expected
    assert [str(p) for p in log.warnings] == expected  # reading them twice reports them twice: no state cleared
    assert (
        log.warnings[1].text_vi()
        == "điểm nhập dạng chữ đã được đọc thành số (5 ô trong 2 trang tính: a.xlsx [S1], b.xlsx)"
    )
