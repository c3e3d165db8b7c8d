"""The production image holds every folder the running site needs.

Nothing is built here: the Dockerfile's COPY lines are read and compared with the
repository's top-level folders. A new app, or a folder the settings read (templates,
static files, translations), that is not copied would make an image that starts
and then fails, or silently shows English; this catches it before anyone builds.
"""

import fnmatch
import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def copied_into_image() -> set[str]:
    """Top-level sources of the final stage's COPY lines (not COPY --from=another stage)."""
    final_stage = ROOT.joinpath("Dockerfile").read_text().split("\nFROM ")[-1]
    sources = set()
    for line in final_stage.splitlines():
        match = re.match(r"COPY\s+(?!--from)(.+)", line.strip())
        if match:
            *paths, _destination = match.group(1).split()
            sources |= {path.strip("./").split("/")[0] for path in paths}
    return sources


def ignored_by_docker() -> list[str]:
    lines = ROOT.joinpath(".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def runtime_folders() -> set[str]:
    """Python packages at the top, and the folders the settings read from the checkout."""
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    read_by_settings = {
        *settings.LOCALE_PATHS,
        *settings.TEMPLATES[0]["DIRS"],
        *(entry[1] if isinstance(entry, tuple) else entry for entry in settings.STATICFILES_DIRS),
    }
    from_settings = {
        Path(path).relative_to(ROOT).parts[0]
        for path in read_by_settings
        if Path(path).is_relative_to(ROOT)
    }
    ignored = ignored_by_docker()
    return {
        name
        for name in packages | from_settings
        if not any(fnmatch.fnmatch(name, pattern) for pattern in ignored)
    }


def test_every_runtime_folder_is_copied_into_the_image():
    folders = runtime_folders()
    # The check must see the folders it is about, or it proves nothing.
    assert {"kennisbank", "municipalities", "cases", "templates", "static", "locale"} <= folders
    # node_modules comes from the assets stage (COPY --from=assets), not the checkout.
    missing = folders - copied_into_image() - {"node_modules"}
    assert not missing, f"not copied by the Dockerfile: {sorted(missing)}"


def test_every_python_package_is_installed_by_pyproject():
    """pip install . in the image installs the packages pyproject.toml lists."""
    config = tomllib.loads(ROOT.joinpath("pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    runtime = packages & runtime_folders()
    assert {"kennisbank", "municipalities", "cases"} <= runtime
    missing = {name for name in runtime if not any(fnmatch.fnmatch(name, p) for p in patterns)}
    assert not missing, f"not in pyproject's package list: {sorted(missing)}"
