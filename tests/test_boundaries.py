"""The code's layout holds: no module imports a module that imports it back (imports inside
functions count), and each part imports only what README's "How it is built" says it may."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["config", "common", "units", "reports"]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    _module_name(path): path
    for package in PACKAGES
    for path in (ROOT / package).rglob("*.py")
    if "migrations" not in path.parts
}


def _imports(path: Path) -> set[str]:
    """The project modules a module imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    return found - {_module_name(path)}


GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def _cycle_from(start: str) -> list[str] | None:
    """A path of imports from `start` back to itself, if there is one."""
    stack, seen = [(start, [start])], set()
    while stack:
        name, path = stack.pop()
        for imported in GRAPH[name]:
            if imported == start:
                return [*path, start]
            if imported not in seen:
                seen.add(imported)
                stack.append((imported, [*path, imported]))
    return None


def test_the_graph_sees_the_imports_inside_functions():
    assert "reports.models" in GRAPH["reports.views"]
    assert len(MODULES) > 40


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_module_that_imports_it_back(module):
    assert _cycle_from(module) is None, " → ".join(_cycle_from(module) or [])


def _importers_of(prefix: str, among: str) -> dict[str, set[str]]:
    return {name: {i for i in GRAPH[name] if i == prefix or i.startswith(prefix + ".")}
            for name in GRAPH if name == among or name.startswith(among + ".")}


def test_extraction_is_plain_python_that_imports_no_other_part():
    for name, path in MODULES.items():
        if name.startswith("reports.extraction"):
            outside = {i for i in GRAPH[name] if not i.startswith("reports.extraction")}
            assert not outside, (name, outside)
            assert "django" not in path.read_text(encoding="utf-8"), name


def test_common_imports_neither_app():
    for prefix in ["units", "reports"]:
        assert not any(_importers_of(prefix, "common").values()), _importers_of(prefix, "common")


@pytest.mark.parametrize("module", ["units.models", "units.filters", "units.apps"])
def test_units_records_import_nothing_of_reports_but_the_text_layer(module):
    of_reports = {i for i in GRAPH[module] if i.startswith("reports") and not i.startswith("reports.extraction")}
    assert not of_reports, of_reports
