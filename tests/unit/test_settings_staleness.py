"""A group's settings file is an input of its reports: editing it makes them stale, and the stored table
(made with the settings' checks) is made again."""

from pipeline.build import manifest
from pipeline.build.options import BuildOptions
from pipeline.read import fingerprint
from pipeline.read.layout import DistrictYear
from tests.helpers import published


def test_editing_the_settings_file_makes_the_report_stale(tmp_path):
    folder = tmp_path / "raw" / "Tỉnh Thử" / "2025"
    published.write(folder, "xlsx")
    dy = DistrictYear("Tỉnh Thử", 2025, folder)
    options = BuildOptions(raw_dir=tmp_path / "raw", out_dir=tmp_path / "out")
    out = tmp_path / "report.html"
    out.write_text("x")
    before = manifest.inputs(dy, options, fingerprint.Hasher())
    entry = manifest.ManifestEntry("Tỉnh Thử", 2025, status=manifest.Status.BUILT, inputs=before)
    assert manifest.why_stale(entry, before, [out]) is None
    dy.settings_path.write_text("[report]\nweakest = 5\n", encoding="utf-8")
    after = manifest.inputs(dy, options, fingerprint.Hasher())
    assert manifest.why_stale(entry, after, [out]) == "the settings file changed"
    assert fingerprint.inputs_of(dy)["settings"] == fingerprint.digest(b"[report]\nweakest = 5\n")
