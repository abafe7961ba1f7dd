"""The package's folders show its design, and its modules stay a size a reader takes in.

Each subpackage is a layer and imports only itself and the layers below it: data (reading
and the model) < rules (checking) < site (what the site shows) < adapters (the site
generators); contrib (what contributors run) stands beside site, over data and rules; tools
(the developers' benchmark) stands over all of them; cli and shim, at the top, may import
anything. A module over MAX_MODULE_LINES lines, or a
function over MAX_FUNCTION_LINES, says why in its docstring, on a line starting with
REASON; every other one is split.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "scripts" / "timeline"
ALLOWED = {
    "data": {"data"},
    "rules": {"data", "rules"},
    "site": {"data", "rules", "site"},
    "adapters": {"data", "rules", "site", "adapters"},
    "contrib": {"data", "rules", "contrib"},
    "tools": {"data", "rules", "site", "adapters", "contrib", "tools"},
}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 40
REASON = "Long because"


def module_name(path: Path) -> str:
    """timeline.data.model for scripts/timeline/data/model.py, timeline.data for its __init__.py."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The package's modules (or subpackages) that a module imports, relative imports resolved."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            found.add(".".join([*base, *([node.module] if node.module else [])]))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("timeline"):
            found.add(str(node.module))
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("timeline")}
    return found


def layer_of(module: str) -> str:
    """The subpackage a module is in; "" for the top (timeline, timeline.cli, timeline.shim)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else ""


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Every import that goes from a layer to one it may not use, as 'module -> module'."""
    return [
        f"{module} -> {target}"
        for module, targets in sorted(graph.items())
        if layer_of(module)
        for target in sorted(targets)
        if layer_of(target) not in ALLOWED[layer_of(module)]
    ]


def too_long(name: str, source: str) -> list[str]:
    """The module, and each function in it, that is over its limit without giving a reason."""
    tree = ast.parse(source)
    found = []
    if len(source.splitlines()) > MAX_MODULE_LINES and not _gives_reason(tree):
        found.append(f"{name}: {len(source.splitlines())} lines")
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None:
            lines = node.end_lineno - node.lineno + 1
            if lines > MAX_FUNCTION_LINES and not _gives_reason(node):
                found.append(f"{name}:{node.lineno}: {node.name} is {lines} lines")
    return found


def _gives_reason(node: ast.Module | ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    docstring = ast.get_docstring(node) or ""
    return any(line.strip().startswith(REASON) for line in docstring.splitlines())


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_layer_imports_only_itself_and_the_layers_below_it():
    graph = {module_name(path): imports_of(path) for path in MODULES}
    assert upward_imports(graph) == []
    assert {layer_of(m) for m in graph} == {"", *ALLOWED}  # every module is in a layer the test knows


def test_an_import_from_a_lower_layer_to_a_higher_one_is_found():
    graph = {
        "timeline.data.model": {"timeline.data.records", "timeline.rules.check"},
        "timeline.rules.check": {"timeline.data.model"},
        "timeline.contrib.confirm": {"timeline.rules.check", "timeline.site.pages"},
        "timeline.site.pages": {"timeline.adapters.mkdocs", "timeline.cli"},
        "timeline.cli": {"timeline.adapters.folder", "timeline.contrib.add_source"},
    }
    assert upward_imports(graph) == [
        "timeline.contrib.confirm -> timeline.site.pages",
        "timeline.data.model -> timeline.rules.check",
        "timeline.site.pages -> timeline.adapters.mkdocs",
        "timeline.site.pages -> timeline.cli",
    ]


def test_relative_imports_are_resolved_from_the_module_that_makes_them():
    assert imports_of(PACKAGE / "data" / "model.py") >= {"timeline.data.records", "timeline.data.dates"}
    assert "timeline.data.files" in imports_of(PACKAGE / "rules" / "project.py")
    assert "timeline.contrib" in imports_of(PACKAGE / "contrib" / "extract.py")  # from . import X


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_or_function_is_over_its_limit_without_saying_why(path: Path):
    assert too_long(str(path.relative_to(REPO)), path.read_text(encoding="utf-8")) == []


def test_a_long_module_or_function_is_found_unless_its_docstring_gives_a_reason():
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    long_function = f"def f():\n{body}"
    assert too_long("m.py", long_function) == ["m.py:1: f is 41 lines"]
    assert too_long("m.py", f'def f():\n    """{REASON} it is one table."""\n{body}') == []
    filler = "\n" * MAX_MODULE_LINES
    assert too_long("m.py", f'"""A module."""\n{filler}') == [f"m.py: {MAX_MODULE_LINES + 1} lines"]
    assert too_long("m.py", f'"""A module.\n\n{REASON} it is one table.\n"""\n{filler}') == []
    assert too_long("m.py", f"def f():\n    pass\n{filler}") == [f"m.py: {MAX_MODULE_LINES + 2} lines"]
