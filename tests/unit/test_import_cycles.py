"""No import cycle in the build's package (site_build/) or the engine (calculator/): each module's imports, read from
its source, form a graph without cycles. Importing a module also imports its parent packages (their __init__), so
those count too, except a module's own parents, which Python has always loaded before the module itself."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("site_build", "calculator")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    """{module: the modules of `packages` it imports} (module-level and function-level imports alike)."""
    modules = {module_name(path, root): path for package in packages for path in (root / package).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from the module's package, `level` steps up
                    package = name.split(".") if is_package else name.split(".")[:-1]
                    base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
                targets.add(base)
                targets.update(f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules)
        own_parents = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
        edges = set()
        for target in targets:
            pieces = target.split(".")
            for i in range(1, len(pieces) + 1):  # the module and every package above it
                candidate = ".".join(pieces[:i])
                if candidate in modules and candidate != name and candidate not in own_parents:
                    edges.add(candidate)
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph as [a, b, ..., a], or [] when there is none."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return stack[stack.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = "done"
        return []

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []


def test_the_package_and_the_engine_have_no_import_cycle() -> None:
    graph = import_graph(ROOT, PACKAGES)
    assert "site_build.render" in graph and "site_build.pages.about" in graph["site_build.pages"]
    cycle = find_cycle(graph)
    assert not cycle, "import cycle: " + " -> ".join(cycle)


def test_a_cycle_is_found(tmp_path: Path) -> None:
    """The shape issue 22 removed: a renderer importing its pages, a page importing the renderer's helpers."""
    package = tmp_path / "demo"
    (package / "pages").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "render.py").write_text("from demo.pages import PAGES\n")
    (package / "pages" / "__init__.py").write_text("from demo.pages import about\nPAGES = ()\n")
    (package / "pages" / "about.py").write_text("def data():\n    from demo import render\n")
    assert find_cycle(import_graph(tmp_path, ("demo",))) == ["demo.pages", "demo.pages.about", "demo.render",
                                                               "demo.pages"]
    (package / "pages" / "about.py").write_text("from demo.pages import helpers\n")
    (package / "pages" / "helpers.py").write_text("")
    assert find_cycle(import_graph(tmp_path, ("demo",))) == []
