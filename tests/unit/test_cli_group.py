"""`--group` is an alias of `--district`: both name the groups to build."""

from pipeline import cli


def test_group_and_district_fill_the_same_list():
    args = cli._parser().parse_args(["build", "--group", "Tỉnh Lai Châu", "--district", "phong-tho"])
    assert args.district == ["Tỉnh Lai Châu", "phong-tho"]
