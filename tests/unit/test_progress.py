"""The way to the next grade (model/progress.py), on hand-worked units. Default rules: Xuất sắc from 90%,
Tốt from 80%, Khá from 70%, Trung bình from 50%, Yếu below."""

from pipeline.model.progress import FieldScore, Loss, Step, field_losses, grade_of, next_grade, recovery

STEPS = (Step("Xuất sắc", 90), Step("Tốt", 80), Step("Khá", 70), Step("Trung bình", 50))
# Hải Dương 2024: Xuất sắc from 90% with no field below 80%; Tốt from 80% with no field below 70%
FLOORED = (Step("Xuất sắc", 90, 80), Step("Tốt", 80, 70), Step("Khá", 70), Step("Trung bình", 50))


def fields(*scores: tuple[float, float]) -> list[FieldScore]:
    return [FieldScore(str(i), f"Lĩnh vực {i}", s, m) for i, (s, m) in enumerate(scores, start=1)]


# 77,65 of 100 in two fields: 38,65/50 and 39/50
KHA = fields((38.65, 50), (39, 50))


def test_the_points_to_the_next_grade_are_the_bound_minus_the_total():
    found = next_grade(77.65, 100, KHA, STEPS, "Yếu")
    assert (found.grade, found.points_needed, found.index_needed, found.blocked_by_field) == ("Tốt", 2.35, 2.35, ())


def test_at_a_bound_the_unit_has_the_grade_and_the_next_is_the_one_above():
    at = fields((40, 50), (40, 50))  # 80,00
    assert grade_of(80, 100, at, STEPS, "Yếu") == "Tốt"
    assert next_grade(80, 100, at, STEPS, "Yếu").points_needed == 10.0


def test_just_under_a_bound_one_hundredth_is_missing():
    # 79,994 -> index 79,99 as published: Khá; 80 - 79,994 = 0,006, rounded up to 0,01
    near = fields((39.994, 50), (40, 50))
    assert grade_of(79.994, 100, near, STEPS, "Yếu") == "Khá"
    assert next_grade(79.994, 100, near, STEPS, "Yếu").points_needed == 0.01
    # 79,995 is published 80,00: already Tốt
    assert grade_of(79.995, 100, fields((39.995, 50), (40, 50)), STEPS, "Yếu") == "Tốt"


def test_a_reduced_maximum_counts_the_points_of_the_unit_s_own_maximum():
    # 77 of 98 (a criterion not applicable): 78,5714%; Tốt needs 80% of 98 = 78,40 points: 1,40 more;
    # the index lacks 1,4286 points, rounded up 1,43
    found = next_grade(77, 98, fields((37, 48), (40, 50)), STEPS, "Yếu")
    assert (found.points_needed, found.index_needed) == (1.40, 1.43)


def test_the_top_grade_has_no_next_grade():
    assert next_grade(95, 100, fields((45, 50), (50, 50)), STEPS, "Yếu") is None


def test_a_field_floor_blocks_the_next_grade_and_says_by_how_much():
    # 92 of 100, but field 1 is 34/50 = 68%: under Tốt's floor of 70% too, so Khá.
    # Tốt needs field 1 at 35 (70% of 50): 1,00 point; the index is already above 80.
    blocked = fields((34, 50), (58, 50 + 8))  # field 2: 58/58
    total, maximum = 92, 108
    assert grade_of(total, maximum, blocked, FLOORED, "Yếu") == "Khá"
    found = next_grade(total, maximum, blocked, FLOORED, "Yếu")
    assert found.grade == "Tốt"
    assert found.index_needed == 0.0
    assert [(s.code, s.points_needed) for s in found.blocked_by_field] == [("1", 1.0)]
    assert found.points_needed == 1.0


def test_with_a_floor_the_larger_of_the_index_and_the_fields_is_missing():
    # 88 of 100, field 1 at 38/50 = 76% (< Xuất sắc's 80%): Tốt. Xuất sắc needs 2 points of the total,
    # and 2 in field 1 (40/50): regaining field 1's 2 points does both: 2,00
    unit = fields((38, 50), (50, 50))
    found = next_grade(88, 100, unit, FLOORED, "Yếu")
    assert (found.grade, found.points_needed, found.index_needed) == ("Xuất sắc", 2.0, 2.0)
    # 86 with field 1 at 36 (72%): 4 points to 90%, and 4 in field 1 (40/50): the same 4 points do both
    found = next_grade(86, 100, fields((36, 50), (50, 50)), FLOORED, "Yếu")
    assert (found.points_needed, [s.points_needed for s in found.blocked_by_field]) == (4.0, [4.0])


def test_the_running_sum_reaches_the_next_grade_at_the_third_criterion():
    # 77,65: 2,35 to Tốt. By points lost: 3.4 (1,00), 7.2 (0,75), 2.1 (0,70), 1.1 (0,50):
    # cumulative 1,00, 1,75, 2,45 >= 2,35 at 2.1
    losses = [
        Loss("1.1", "a", "1", 0.5),
        Loss("2.1", "b", "1", 0.7),
        Loss("3.4", "c", "2", 1.0),
        Loss("7.2", "d", "2", 0.75),
    ]
    lines = recovery(losses, 77.65, 100, KHA, STEPS, "Yếu")
    assert [(r.code, r.cumulative, r.reaches) for r in lines] == [
        ("3.4", 1.0, False),
        ("7.2", 1.75, False),
        ("2.1", 2.45, True),
        ("1.1", 2.95, False),
    ]


def test_equal_losses_keep_the_code_order_given():
    losses = [Loss("1.10", "a", "1", 1.0), Loss("1.9", "b", "1", 1.0)]
    order = lambda code: tuple(int(p) for p in code.split("."))  # noqa: E731
    assert [r.code for r in recovery(losses, 95, 100, fields((45, 50), (50, 50)), STEPS, "Yếu", order)] == [
        "1.9",
        "1.10",
    ]


def test_with_a_floor_the_grade_is_reached_only_when_the_blocked_field_is_recovered():
    # 88 of 100 with field 1 at 38/50: Xuất sắc needs 2 points and field 1 at 40. A 3-point loss in field 2
    # comes first but leaves field 1 at 76%; the 2 points of field 1 reach it.
    unit = fields((38, 50), (50, 50))
    losses = [Loss("2.1", "x", "2", 3.0), Loss("1.1", "y", "1", 2.0)]
    lines = recovery(losses, 88, 100, unit, FLOORED, "Yếu")
    assert [(r.code, r.reaches) for r in lines] == [("2.1", False), ("1.1", True)]


def test_at_the_top_grade_the_list_is_what_still_lost_points_and_reaches_nothing():
    lines = recovery([Loss("1.1", "a", "1", 5.0)], 95, 100, fields((45, 50), (50, 50)), STEPS, "Yếu")
    assert [(r.code, r.reaches) for r in lines] == [("1.1", False)]


def test_summary_sheets_recover_by_field():
    # 7,5/10 and 18,25/20: the fields' losses are 2,50 and 1,75
    losses = field_losses([FieldScore("1", "Thể chế", 7.5, 10), FieldScore("2", "TTHC", 18.25, 20)])
    assert [(loss.code, loss.points_lost) for loss in losses] == [("1", 2.5), ("2", 1.75)]
    full = field_losses([FieldScore("1", "Thể chế", 10, 10)])
    assert full == []
