"""Dependencies point one way: `config` wires the apps together, the content apps (`home`,
`newsroom`) declare what they expose, and the infrastructure apps discover it. An
infrastructure app never imports a content app or `config`, and no module imports late to
dodge a cycle. (`test_headless_design.py` holds `headless` to the same and more.)"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INFRASTRUCTURE_APPS = ("headless", "translating", "serving", "security")
CONTENT_APPS = ("home", "newsroom", "config")

# Late imports with a reason other than a cycle, each named.
LATE_IMPORTS_ALLOWED = {
    # AppConfig.ready(): signal receivers and Wagtail's v3 modules need the app registry.
    "apps.py",
    # Migrations use the historical registry they are given, and import helpers late.
    "migrations",
    # The launcher chooses the settings module before Django is imported.
    "serving/launch.py",
    # modelsearch's SQLite backend module defines an FTS5 model other databases lack.
    "security/search.py",
}


def python_files():
    for app in INFRASTRUCTURE_APPS:
        yield from sorted((ROOT / app).rglob("*.py"))


def imports(path):
    """(module imported, inside a function?) for every import statement of a file."""
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                found.extend((alias.name, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                found.append(("." * child.level + (child.module or ""), in_function))
            visit(child, inner)

    visit(ast.parse(path.read_text()), False)
    return found


def name(path):
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", list(python_files()), ids=name)
def test_an_infrastructure_app_imports_no_content_app(path):
    content = [module for module, _late in imports(path) if module.split(".")[0] in CONTENT_APPS]
    assert not content, f"{name(path)} imports {content}"


@pytest.mark.parametrize("path", list(python_files()), ids=name)
def test_no_late_import(path):
    relative = name(path)
    if path.name == "apps.py" or any(allowed in relative for allowed in LATE_IMPORTS_ALLOWED):
        return
    late = [module for module, in_function in imports(path) if in_function]
    assert not late, f"{relative} imports {late} inside a function"
