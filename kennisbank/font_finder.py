"""Serve a chosen few font files from the @fontsource npm packages as static files.

The packages hold every weight, style and script subset in three formats (16 MB); the
site uses five Latin woff2 files (about 70 KB). A STATICFILES_DIRS entry would put all
of them into collectstatic and the image; this finder offers only the files named in
settings.STATIC_FONT_FILES, under the prefix "fonts/".
"""

from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

PREFIX = "fonts"


class SelectedFontsFinder(BaseFinder):
    """Finds `fonts/<name>` for each listed file, nothing else."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.files: dict[str, Path] = {
            Path(path).name: Path(path) for path in getattr(settings, "STATIC_FONT_FILES", [])
        }

    def check(self, **kwargs) -> list[Error]:
        return [
            Error(f"font file {path} is missing: run `npm ci`", id="kennisbank.E001")
            for path in self.files.values()
            if not path.is_file()
        ]

    def find(self, path: str, find_all: bool = False, **kwargs) -> str | list[str]:
        folder, _, name = path.rpartition("/")
        match = self.files.get(name) if folder == PREFIX else None
        if match is None or not match.is_file():
            return []  # what Django's own finders answer for "not here"
        return [str(match)] if find_all else str(match)

    def list(self, ignore_patterns: list[str]) -> Iterator[tuple[str, FileSystemStorage]]:
        for name, path in self.files.items():
            storage = FileSystemStorage(location=path.parent)
            storage.prefix = PREFIX
            yield name, storage
