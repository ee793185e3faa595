"""The layering the README promises, checked on the source: imports only point down
(knowledge ← scheduling ← handlers ← bot), and handlers reach the database only through
`context.transaction` (never a session of their own, which would block the event loop)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("knowledge", "scheduling", "handlers", "bot")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("layer", LAYERS)
def test_imports_only_point_down(layer):
    above = set(LAYERS[LAYERS.index(layer) + 1 :])
    wrong = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & above)
        for path in sorted((ROOT / layer).rglob("*.py"))
        if _imports(path) & above
    }
    assert wrong == {}


def test_handlers_reach_the_database_only_through_a_transaction_off_the_event_loop():
    offending = []
    for path in sorted((ROOT / "handlers").rglob("*.py")):
        if path.name == "context.py":  # where `transaction` is defined
            continue
        source = path.read_text()
        for needle in ("sessions.begin(", "sessions()", "sessionmaker(", "Session(", "engine."):
            if needle in source:
                offending.append(f"{path.relative_to(ROOT)}: {needle}")
    assert offending == []
