"""Production installs no development tools, and development runs the same versions of
everything production runs (requirements.lock is compiled first, requirements-dev.lock
under its constraint: `make lock`)."""

import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text()
    return {
        match["package"].lower(): match["version"]
        for match in re.finditer(r"^(?P<package>[A-Za-z0-9_.-]+)==(?P<version>\S+)", text, re.M)
    }


def _name(requirement: str) -> str:
    return re.split(r"[=<>\[ ;]", requirement, maxsplit=1)[0].lower()


def test_production_installs_no_development_tool():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    tools = {_name(requirement) for requirement in project["optional-dependencies"]["dev"]}
    production = _pins("requirements.lock")

    assert tools, "the dev extra lists the development tools"
    assert not tools & set(production), sorted(tools & set(production))
    for direct in project["dependencies"]:
        assert _name(direct) in production


def test_development_runs_what_production_runs_at_the_same_versions():
    production, development = _pins("requirements.lock"), _pins("requirements-dev.lock")

    different = {
        package: (version, development.get(package))
        for package, version in production.items()
        if development.get(package) != version
    }
    assert not different
