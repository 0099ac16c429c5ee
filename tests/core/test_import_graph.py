"""The project's import graph, read from the source with ast: no cycles, and core's layers point down.

Every import counts: at the top of a module, inside a function, and under `TYPE_CHECKING`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "hamtimer"

LEAVES = frozenset({"kinds", "formatting", "paths", "storage", "settings", "record"})
"""The shared leaves at the top of core: they import only each other."""
RANKS = {"program": 1, "session": 2, "log": 3, "history": 4, "training": 5}
"""Core's sub-packages, lowest first: each imports only the leaves and the packages below it."""
EXCEPTIONS = {("hamtimer.core.session.runner", "log")}
"""The runner owns the journal of the session it runs (core/session/__init__.py says so)."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported(name: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The project's modules that `name` imports, wherever in the file the import is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names
            ]
        else:
            continue
        for target in targets:
            if target in known and target != name:
                yield target


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: set(imported(name, path, known)) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def core_place(name: str) -> str | None:
    """ "leaf", a sub-package's name, or None outside core (the package's own __init__ included)."""
    parts = name.split(".")
    if parts[:2] != ["hamtimer", "core"] or len(parts) < 3:
        return None
    return "leaf" if parts[2] in LEAVES else parts[2]


def test_the_graph_sees_imports_inside_functions_and_type_checking_blocks() -> None:
    edges = graph()
    assert "hamtimer.core.log.journal" in edges["hamtimer.core.session.runner"]  # imported in a method
    assert "hamtimer.core.session.today" in edges["hamtimer.core.session.plan"]  # under TYPE_CHECKING
    assert "hamtimer.core.log.logfile" in edges["hamtimer.core.log.journal"]  # from package import module


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_among_the_project_modules() -> None:
    assert cycles(graph()) == []


def test_core_packages_import_only_downwards() -> None:
    wrong = []
    for name, targets in graph().items():
        place = core_place(name)
        if place is None:
            continue
        for target in targets:
            there = core_place(target)
            if there is None:
                wrong.append(f"{name} -> {target} (core imports nothing outside core)")
            elif place == "leaf":
                if there != "leaf":
                    wrong.append(f"{name} -> {target} (a leaf imports only leaves)")
            elif there != "leaf" and RANKS[there] > RANKS[place] and (name, there) not in EXCEPTIONS:
                wrong.append(f"{name} -> {target} ({place} is below {there})")
    assert wrong == []


def test_every_core_module_lives_in_a_package_or_is_a_named_leaf() -> None:
    stray = [
        name
        for name in modules()
        if (place := core_place(name)) is not None and place != "leaf" and place not in RANKS
    ]
    assert stray == []


def test_every_core_package_says_what_it_holds_and_may_import() -> None:
    for package in RANKS:
        doc = ast.get_docstring(ast.parse((PACKAGE / "core" / package / "__init__.py").read_text()))
        assert doc is not None and "import" in doc.lower(), package


def test_the_ui_asks_the_runner_about_the_log() -> None:
    edges = graph()
    reaching = sorted(
        f"{name} -> {target}"
        for name, targets in edges.items()
        if name.startswith("hamtimer.ui")
        for target in targets
        if target.startswith("hamtimer.core.log.journal")
    )
    assert reaching == []
