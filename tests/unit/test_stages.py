"""A build's stage split: the charts counted apart from the notebook, and the table `build --verbose` prints."""

from pipeline.build import run, task
from pipeline.build.manifest import Status
from pipeline.cli import stage_table


def outcome(name: str, seconds: float, stages: dict) -> task.Outcome:
    return task.Outcome(name, 2025, Status.BUILT, seconds=seconds, stages=stages)


def test_the_charts_drawn_in_the_notebook_are_a_stage_of_their_own():
    stages = task._Stages()
    stages.seconds = {"prepare": 0.5, "notebook": 3.0}
    stages.split("notebook", "charts", 1.25)
    assert stages.seconds == {"prepare": 0.5, "notebook": 1.75, "charts": 1.25}


def test_charts_never_take_more_than_the_notebook_nor_appear_when_unknown():
    stages = task._Stages()
    stages.seconds = {"notebook": 1.0}
    stages.split("notebook", "charts", None)  # a fresh kernel, not asked
    assert stages.seconds == {"notebook": 1.0}
    stages.split("notebook", "charts", 1.5)  # clocks of two processes
    assert stages.seconds == {"notebook": 0.0, "charts": 1.0}


def test_the_table_lists_the_slowest_reports_first_with_their_stages_in_build_order():
    outcomes = [
        outcome("Huyện A", 4.0, {"prepare": 0.5, "notebook": 1.0, "charts": 0.5, "pdf": 2.0}),
        outcome("Tỉnh B", 30.0, {"summary": 0.25, "pdf": 20.0, "prepare": 2.0, "notebook": 2.0, "charts": 5.75}),
        task.Outcome("Huyện C", 2025, Status.SKIPPED, "up to date"),
        outcome("Huyện D", 3.0, {"prepare": 3.0}),
    ]
    lines = stage_table(outcomes, slowest=2).splitlines()
    assert lines[1] == "slowest 2 report(s), seconds per stage:"
    assert lines[2].split() == ["prepare", "notebook", "charts", "pdf", "summary", "total"]
    assert lines[3].split() == ["Tỉnh", "B", "2025", "2.00", "2.00", "5.75", "20.00", "0.25", "30.00"]
    assert lines[4].split() == ["Huyện", "A", "2025", "0.50", "1.00", "0.50", "2.00", "4.00"]
    assert lines[4].index("2.00") == lines[3].index("20.00") + 1  # Huyện A's pdf under Tỉnh B's
    assert len(lines) == 5


def test_no_report_built_says_so():
    assert stage_table([task.Outcome("Huyện C", 2025, Status.SKIPPED, "up to date")]).strip() == (
        "no report built: no stage times"
    )


def test_the_longest_reports_are_built_first_and_those_never_built_before_them(tmp_path):
    from pipeline.build.manifest import Manifest, ManifestEntry
    from pipeline.read.layout import DistrictYear

    manifest = Manifest(tmp_path)
    for district, year, seconds in [("Huyện A", 2024, 4.0), ("Tỉnh B", 2025, 31.5), ("Huyện C", 2024, 4.0)]:
        manifest.record(ManifestEntry(district, year, seconds=seconds))
    todo = [(DistrictYear(name, year, tmp_path / name / str(year)), "why", {}) for name, year in
            [("Huyện A", 2024), ("Huyện C", 2024), ("Tỉnh B", 2025), ("Huyện D", 2024)]]  # fmt: skip
    order = [(dy.district, dy.year) for dy, *_ in run.longest_first(todo, manifest)]
    assert order == [("Huyện D", 2024), ("Tỉnh B", 2025), ("Huyện A", 2024), ("Huyện C", 2024)]
