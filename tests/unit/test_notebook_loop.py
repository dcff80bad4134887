"""The analyst's loop on the report notebook: what a save in JupyterLab changes (nothing committed, no
stale report), open-and-save as a no-op, the first cell's set-up, and where the parameters point."""

import asyncio
import copy
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from IPython.core.interactiveshell import InteractiveShell

from pipeline.core import config
from pipeline.notebook import kernelspec, lab
from pipeline.read.fingerprint import notebook_digest
from tests.helpers import ROOT

NOTEBOOK = ROOT / "notebooks" / "district_report.ipynb"


def committed() -> dict:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def digest_of(nb: dict, tmp_path: Path) -> str:
    path = tmp_path / f"nb{len(list(tmp_path.iterdir()))}.ipynb"
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return notebook_digest(path)


def as_lab_saves_it_after_run_all(nb: dict) -> dict:
    """Outputs, execution counts, fresh cell ids and the metadata Lab and jupytext add."""
    nb = copy.deepcopy(nb)
    for i, cell in enumerate(nb["cells"]):
        cell["id"] = f"a1b2c3d4-{i}"
        cell["metadata"]["scrolled"] = True
        if cell["cell_type"] == "code":
            cell["execution_count"] = i + 7
            cell["outputs"] = [{"output_type": "display_data", "data": {"text/html": "<p>x</p>"}, "metadata": {}}]
    nb["metadata"]["kernelspec"]["display_name"] = "Python 3 (ipykernel)"
    nb["metadata"]["language_info"] = {"name": "python", "version": "3.99.0"}
    nb["metadata"]["jupytext"]["text_representation"] = {"jupytext_version": "9.9.9"}
    return nb


def test_notebook_fingerprint_ignores_what_a_save_in_lab_changes(tmp_path):
    nb = committed()
    assert digest_of(as_lab_saves_it_after_run_all(nb), tmp_path) == digest_of(nb, tmp_path)


def _edit_source(nb):
    nb["cells"][-1]["source"] = ["report.appendix(r)"]


def _edit_parameter(nb):
    [cell] = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    cell["source"] = "".join(cell["source"]).replace("weakest_n = 3", "weakest_n = 5")


def _edit_tag(nb):
    nb["cells"][-1]["metadata"]["tags"] = ["remove_cell"]


def _edit_type(nb):
    nb["cells"][-1]["cell_type"] = "markdown"
    del nb["cells"][-1]["outputs"], nb["cells"][-1]["execution_count"]


@pytest.mark.parametrize("edit", [_edit_source, _edit_parameter, _edit_tag, _edit_type])
def test_notebook_fingerprint_changes_with_what_makes_the_report(tmp_path, edit):
    nb = committed()
    edited = copy.deepcopy(nb)
    edit(edited)
    assert digest_of(edited, tmp_path) != digest_of(nb, tmp_path)


def test_notebook_fingerprint_of_a_missing_notebook_is_empty(tmp_path):
    assert notebook_digest(tmp_path / "missing.ipynb") == ""


def test_committed_notebook_names_the_kernelspec_make_installs():
    meta = committed()["metadata"]
    assert meta["kernelspec"] == {"display_name": "Python 3 (cchc-report)", "language": "python", "name": "python3"}
    assert (kernelspec.NAME, kernelspec.DISPLAY_NAME) == ("python3", "Python 3 (cchc-report)")
    assert meta["language_info"]["name"] == "python"  # JupyterLab writes it on open: committed as it writes it


def test_opening_and_saving_the_notebook_as_jupyterlab_does_changes_neither_file(tmp_path):
    """JupyterLab's save goes through jupytext's contents manager: a model read, then written back."""
    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
    from jupytext.async_contentsmanager import build_async_jupytext_contents_manager_class

    shutil.copy(ROOT / "pyproject.toml", tmp_path)  # the jupytext configuration
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    manager = build_async_jupytext_contents_manager_class(AsyncLargeFileManager)(root_dir=str(tmp_path))

    async def open_and_save():
        model = await manager.get("notebooks/district_report.ipynb")
        await manager.save(model, "notebooks/district_report.ipynb")

    asyncio.run(open_and_save())
    for name in ("district_report.ipynb", "district_report.py"):
        assert (tmp_path / "notebooks" / name).read_text(encoding="utf-8") == (ROOT / "notebooks" / name).read_text(
            encoding="utf-8"
        ), name


def test_the_first_code_cell_sets_up_the_notebook_and_stays_out_of_the_report():
    first = next(c for c in committed()["cells"] if c["cell_type"] == "code")
    assert "lab.setup()" in "".join(first["source"])
    assert first["metadata"]["tags"] == ["remove_cell"]


def test_lab_setup_makes_run_all_pick_up_an_edited_package_module_and_keeps_the_reports_table_alignment(
    tmp_path, monkeypatch
):
    import pipeline

    module = tmp_path / "edited_by_the_analyst.py"  # a module of the package, in a folder of the test's
    module.write_text("HEADING = 'old'\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "__path__", [*pipeline.__path__, str(tmp_path)])
    shell = InteractiveShell.instance()
    try:
        shell.run_cell("import pipeline.edited_by_the_analyst as edited")
        shell.run_cell("from pipeline.notebook import lab\nlab.setup()")
        assert "pipeline.edited_by_the_analyst" in lab.package_modules()
        module.write_text("HEADING = 'new'\n", encoding="utf-8")
        os.utime(module, (time.time() + 5, time.time() + 5))  # a later save, whatever the clock's grain
        shell.run_cell("lab.setup()")  # Run All again: the first cell runs again, quietly
        shell.run_cell("heading = edited.HEADING")
        assert shell.user_ns["heading"] == "new"
    finally:
        InteractiveShell.clear_instance()
        sys.modules.pop("pipeline.edited_by_the_analyst", None)
    style = lab.LAB_TABLE_STYLE
    assert "table .num { text-align: right; }" in style and "text-align: left;" in style
    assert "tr.group td { font-weight: bold; }" in style  # the browser test checks they apply in Lab


def test_relative_paths_are_from_the_project_root_wherever_the_kernel_starts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert config.project_path("data/raw") == ROOT / "data" / "raw"
    assert config.project_path(tmp_path / "raw") == tmp_path / "raw"
    assert config.project_path("~/raw") == Path.home() / "raw"


def test_the_notebooks_default_folders_are_the_projects(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    [cell] = [c for c in committed()["cells"] if "parameters" in c["metadata"].get("tags", [])]
    values = {}
    exec("".join(cell["source"]), values)  # literals only (test_project checks)
    assert config.project_path(values["raw_dir"]) == config.RAW_DIR
    assert config.project_path(values["processed_dir"]) == config.PROCESSED_DIR


def test_the_kernelspec_make_installs_starts_kernels_on_ipc(tmp_path):
    from importlib.metadata import entry_points

    folder = kernelspec.install(prefix=str(tmp_path))
    spec = json.loads((folder / "kernel.json").read_text(encoding="utf-8"))
    assert folder == tmp_path / "share" / "jupyter" / "kernels" / "python3"
    assert spec["display_name"] == "Python 3 (cchc-report)"
    assert spec["metadata"]["kernel_provisioner"] == {"provisioner_name": "cchc-ipc", "config": {}}
    [entry] = entry_points(group="jupyter_client.kernel_provisioners", name="cchc-ipc")
    assert entry.load() is kernelspec.IPCProvisioner
