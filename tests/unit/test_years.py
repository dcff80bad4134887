"""The report's part on every year of the data (sections.years_part, narrative), on hand-made years."""

from pipeline.model import analysis
from pipeline.write import sections
from tests.helpers.tables import fields_only

# out of 10:  2021 A 10, B 8, C 6 | 2022 A 8, B 8, C 9 | 2023 A 9, B 6, C 8
YEARS = {
    2021: fields_only({"A": (5, 5), "B": (4, 4), "C": (3, 3)}, 2021),
    2022: fields_only({"A": (4, 4), "B": (4, 4), "C": (5, 4)}, 2022),
    2023: fields_only({"A": (5, 4), "B": (3, 3), "C": (4, 4)}, 2023),
}


def years_part(last: int, first: int = 2021) -> dict | None:
    earlier = {y: YEARS[y] for y in range(first, last)}
    return sections.years_part(analysis.analyse(YEARS[last], YEARS.get(last - 1), 1, earlier=earlier))


def test_three_years_give_the_trend_the_movers_and_who_stays_weakest():
    part = years_part(2023)
    assert part["sentences"] == [
        # (10 + 8 + 6) / 3 = 8; (8 + 8 + 9) / 3 = 8,33; (9 + 6 + 8) / 3 = 7,67
        "Qua 03 năm 2021–2023, điểm trung bình của các đơn vị lần lượt là 8,00 (2021), 8,33 (2022) và 7,67 (2023).",
        # 2021 -> 2023: C +2, A -1, B -2
        "Trong giai đoạn 2021–2023, tăng nhiều nhất là xã C (+2,00 điểm); giảm nhiều nhất là xã B (-2,00 điểm) và "
        "xã A (-1,00 điểm).",
        # the weakest: 2021 C; 2022 A and B (tied); 2023 B
        "Xã B là đơn vị có kết quả thấp nhất trong cả 02 năm 2022, 2023.",
    ]


def test_two_years_give_who_stays_weakest_only_and_one_year_nothing():
    # 2021 C weakest, 2022 A and B: nobody two years running
    assert years_part(2022)["sentences"] == [
        "Không có đơn vị nào là đơn vị có kết quả thấp nhất trong cả 02 năm 2021, 2022."
    ]
    assert years_part(2021) is None


def test_runs_of_three_and_two_years_in_blocks():
    from pipeline.model.history import Persistent
    from pipeline.write import narrative

    found = [
        Persistent("Tân Hà", "phường", "Khối phường", (2024, 2025, 2026)),
        Persistent("Quang Khánh", "xã", "Khối xã", (2025, 2026)),
        Persistent("An Lợi", "xã", "Khối xã", (2025, 2026)),
    ]
    assert narrative.persistent_sentence(found, 3, True, [2024, 2025, 2026]) == (
        "Phường Tân Hà (Khối phường) thuộc nhóm 03 đơn vị có kết quả thấp nhất khối trong 03 năm liên tiếp "
        "2024–2026. Xã Quang Khánh (Khối xã) và xã An Lợi (Khối xã) thuộc nhóm 03 đơn vị có kết quả thấp nhất "
        "khối trong cả 02 năm 2025, 2026."
    )
