"""The architecture of the README, held by the code itself: dependencies point one way, the
shared kernel imports no app, and each app writes only its own rows (another app's models
are read, never created, updated or deleted, outside its own services)."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ["registry", "lending", "mentoring", "training"]
# What each package may import of the project, besides itself.
ALLOWED = {
    "cilegon_umkm.kernel": set(),
    "cilegon_umkm.accounts": {"cilegon_umkm.kernel"},
    "registry": {"cilegon_umkm.kernel", "cilegon_umkm.accounts"},
    "training": {"cilegon_umkm.kernel", "cilegon_umkm.accounts", "registry"},
    "lending": {"cilegon_umkm.kernel", "cilegon_umkm.accounts", "registry"},
    "mentoring": {
        "cilegon_umkm.kernel",
        "cilegon_umkm.accounts",
        "registry",
        "lending",
        "training",
    },
}
PROJECT = ("cilegon_umkm", *APPS)
WRITES = {
    "create",
    "bulk_create",
    "get_or_create",
    "update_or_create",
    "update",
    "bulk_update",
    "delete",
}


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package.replace(".", "/")).rglob("*.py"))


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import of a project module in the file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = _module_name(path).rsplit(".", 1)[0]
    if path.name == "__init__.py":
        package = _module_name(path).removesuffix(".__init__")
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, module]) if module else ".".join(base)
            found.append((node.lineno, module))
    return [(line, name) for line, name in found if name.split(".")[0] in PROJECT]


def _owner(module: str) -> str:
    for package in sorted(ALLOWED, key=len, reverse=True):
        if module == package or module.startswith(package + "."):
            return package
    return module.split(".")[0] if module.split(".")[0] in APPS else module


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_dependencies_point_one_way(package):
    wrong = []
    for path in _modules(package):
        for line, module in _imports(path):
            target = _owner(module)
            if target != package and target not in ALLOWED[package]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not wrong, "\n".join(wrong)


def _models_of_other_apps(tree: ast.Module, app: str) -> dict[str, str]:
    """Names bound to another app's models in this file: {"UMKM": "registry"}."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[0] in APPS and parts[0] != app and "models" in parts:
                for alias in node.names:
                    names[alias.asname or alias.name] = parts[0]
    return names


@pytest.mark.parametrize("app", APPS)
def test_an_app_never_writes_another_app_s_rows(app):
    wrong = []
    for path in _modules(app):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        foreign = _models_of_other_apps(tree, app)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            # UMKM(...) builds a row to save; UMKM.objects.create(...) and friends write.
            if isinstance(func, ast.Name) and func.id in foreign:
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} builds a {func.id}")
            if (
                isinstance(func, ast.Attribute)
                and func.attr in WRITES
                and isinstance(func.value, ast.Attribute)
                and func.value.attr == "objects"
                and isinstance(func.value.value, ast.Name)
                and func.value.value.id in foreign
            ):
                wrong.append(
                    f"{path.relative_to(ROOT)}:{node.lineno} "
                    f"{func.value.value.id}.objects.{func.attr}()"
                )
    assert not wrong, "\n".join(wrong)


SQL_WRITE = re.compile(
    r"\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|COPY|TRUNCATE(?:\s+TABLE)?)\s+"
    r"(?P<table>(?:registry|lending|mentoring|training|dashboard|accounts)_\w+)",
    re.IGNORECASE,
)


@pytest.mark.parametrize("app", APPS)
def test_no_app_writes_another_app_s_table_in_sql(app):
    """What the ORM guard (tests/write_guard.py) cannot see: SQL written by hand."""
    wrong = []
    for path in _modules(app):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for match in SQL_WRITE.finditer(node.value):
                    if not match["table"].startswith(f"{app}_"):
                        wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} {match[0]}")
    assert not wrong, "\n".join(wrong)


def test_the_write_guard_stops_one_app_writing_another_s_rows(db):
    """The guard itself: code of the registry that updates a loan fails at once."""
    from lending.models import Loan
    from registry.models import UMKM
    from tests.write_guard import ForeignWrite

    probe = str(ROOT / "registry" / "probe.py")  # as if this code lived in the registry
    for code in (
        "Loan.objects.filter(pk=0).update(status='lunas')",
        "Loan.objects.filter(pk=0).delete()",
        "Loan(pk=0).delete()",
    ):
        with pytest.raises(ForeignWrite, match=re.escape("registry writes lending.Loan")):
            exec(compile(code, probe, "exec"), {"Loan": Loan})  # noqa: S102
    # Its own rows, it may write.
    exec(compile("UMKM.objects.filter(pk=0).update(name='x')", probe, "exec"), {"UMKM": UMKM})  # noqa: S102
