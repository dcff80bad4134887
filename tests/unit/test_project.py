"""Promises of the project's own files: pins agree, notebooks are thin, paired and stripped."""

import json
import re
import shutil
import subprocess
import sys
import tomllib

import jupytext
import pytest
import yaml

from tests.helpers import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _pins(lines) -> dict[str, str]:
    pins = {}
    for line in lines:
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line.strip())
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def test_environment_yml_pins_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = _pins(project["dependencies"] + project["optional-dependencies"]["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert _pins(pip_section) == declared
    assert len(declared) == len(project["dependencies"]) + len(project["optional-dependencies"]["dev"])


def test_constraints_lock_agrees_with_the_direct_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = _pins(project["dependencies"] + project["optional-dependencies"]["dev"])
    locked = _pins((ROOT / "constraints.txt").read_text().splitlines())
    assert {name: locked.get(name) for name in declared} == declared


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")


IN_GIT = shutil.which("git") is not None and _git("rev-parse", "--git-dir").returncode == 0


@pytest.mark.skipif(not IN_GIT, reason="not a git checkout: nothing is committed")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_has_no_outputs_and_a_parameters_cell(path):
    """What git holds (its index, what the next commit takes), not the working tree, where a save in
    JupyterLab writes the outputs."""
    rel = path.relative_to(ROOT).as_posix()
    staged = _git("show", f":{rel}")
    assert staged.returncode == 0, staged.stderr
    nb = json.loads(staged.stdout)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert any("parameters" in c["metadata"].get("tags", []) for c in code)


@pytest.mark.skipif(not IN_GIT, reason="not a git checkout")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_go_through_the_output_stripping_filter(path):
    """.gitattributes names nbstripout for notebooks; `make` installs it (Makefile, notebook-filter)."""
    rel = path.relative_to(ROOT).as_posix()
    assert _git("check-attr", "filter", "diff", "--", rel).stdout.splitlines() == [
        f"{rel}: filter: nbstripout",
        f"{rel}: diff: ipynb",
    ]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "nbstripout --install --attributes .gitattributes" in makefile


@pytest.mark.skipif(not IN_GIT, reason="not a git checkout")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_committed_notebook_is_what_the_filter_commits(path):
    """Else git shows the notebook modified in every fresh clone (the filter renumbers cell ids, for one)."""
    staged = _git("show", f":{path.relative_to(ROOT).as_posix()}").stdout
    stripped = subprocess.run(
        [sys.executable, "-m", "nbstripout"], input=staged, capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(stripped) == json.loads(staged)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin(path):
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code":
            assert not re.search(r"^\s*(def|class|import pandas|for|while) ", source, re.M), source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_and_its_text_pair_say_the_same(path):
    paired = path.with_suffix(".py")
    assert paired.exists(), f"{path.name} needs its py:percent pair (jupytext --sync)"
    from_ipynb = jupytext.read(path)
    from_py = jupytext.read(paired)
    cells = lambda nb: [(c.cell_type, c.source.strip()) for c in nb.cells]  # noqa: E731
    assert cells(from_ipynb) == cells(from_py)


def test_parameters_cell_holds_literals_only():
    nb = jupytext.read(ROOT / "notebooks" / "district_report.py")
    [cell] = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    for line in cell.source.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            assert re.fullmatch(r"\w+ = (\"[^\"]*\"|'[^']*'|-?\d+(\.\d+)?|True|False|None)", line), line
