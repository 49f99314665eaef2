"""Dependencies point one way: ui -> assistant -> index."""

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

FORBIDDEN = {"index": {"assistant", "ui", "gradio"}, "assistant": {"ui", "gradio"}, "ui": set()}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_what_its_layer_allows(package: str):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    for path in files:
        bad = imported_packages(path) & FORBIDDEN[package]
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_gradio_is_imported_only_by_the_ui():
    for package in ("index", "assistant"):
        for path in (ROOT / package).rglob("*.py"):
            assert "gradio" not in imported_packages(path), path
