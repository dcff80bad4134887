"""The wings' imports run one way (docs/architecture.md): core <- model <- {read, write} <- {notebook, build,
sample} <- cli. read and write never import each other, and no module imports itself round a circle. Every
import counts, those inside functions too: a cycle is broken by moving code down, not by a local import."""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from tests.helpers import ROOT

PACKAGE = ROOT / "pipeline"
FLOOR = {"core": 0, "model": 1, "read": 2, "write": 2, "notebook": 3, "build": 3, "sample": 3, "": 4}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The pipeline modules `path` imports, as dotted names, from anywhere in the file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("pipeline")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if not base.startswith("pipeline"):
                continue
            for alias in node.names:  # `from pipeline.read import store` names a module
                candidate = f"{base}.{alias.name}"
                found.add(candidate if _is_module(candidate) else base)
    return found


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def wing(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and (PACKAGE / parts[1]).is_dir()) else ""


GRAPH = {module_name(p): imports(p) for p in PACKAGE.rglob("*.py")}


def test_every_module_is_in_a_wing_but_the_entry_points():
    top = sorted(m for m in GRAPH if wing(m) == "")
    assert top == ["pipeline", "pipeline.__main__", "pipeline.cli"]
    assert {wing(m) for m in GRAPH} == set(FLOOR)


def test_imports_run_down_the_wings_and_never_across_a_floor():
    wrong = []
    for module, targets in GRAPH.items():
        for target in targets:
            a, b = wing(module), wing(target)
            if a != b and FLOOR[b] >= FLOOR[a]:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_no_module_imports_itself_round_a_circle():
    graph = {module: {t for t in targets if t in GRAPH} for module, targets in GRAPH.items()}
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as error:
        raise AssertionError(f"an import circle: {' -> '.join(error.args[1])}") from None


def test_the_check_sees_an_import_against_the_direction(tmp_path):
    """A model module that imported a reader, even inside a function, would be caught."""
    probe = PACKAGE / "model" / "_layer_probe.py"
    probe.write_text("def f():\n    from ..read import store\n", encoding="utf-8")
    try:
        assert imports(probe) == {"pipeline.read.store"}
        assert FLOOR[wing("pipeline.read.store")] >= FLOOR[wing(module_name(probe))]
    finally:
        probe.unlink()


def test_the_readmes_layout_names_every_module_of_every_wing():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = text[text.index("```text\nnotebooks/") : text.index("## Choices")]
    listed, wing = set(), ""
    for line in layout.splitlines():
        indent, entry = len(line) - len(line.lstrip()), line.strip().split("  ")[0]
        if indent == 2 and entry.endswith("/"):
            wing = entry
        elif indent in (2, 4):
            prefix = wing if indent == 4 else ""
            listed |= {prefix + name.strip() for name in entry.split(",") if name.strip().endswith(".py")}
    modules = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if p.name != "__init__.py"}
    assert listed == modules
