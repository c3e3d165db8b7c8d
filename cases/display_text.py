"""Plain text that is shown as a title: one normal form, nothing invisible.

Titles and summaries appear in listings, search results, mails and the API. Text
pasted from word processors and chat tools brings characters a reader cannot see:
bidirectional overrides and isolates, which can make a title display in a different
order than it is stored (the "Trojan Source" trick), and zero-width characters, which
make two titles that look the same compare, sort and search differently. Unicode
allows the same letter in composed and decomposed form ("é" as one code point or as
"e" plus an accent); NFC picks one, so search and duplicate checks see one spelling.
The admin (the page models) and the importer both call clean_display_text().
"""

import re
import unicodedata

# U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates, U+200E/U+200F and
# U+061C directional marks; U+200B-U+200D zero-width space, non-joiner and joiner,
# U+2060 word joiner, U+FEFF zero-width no-break space (a stray byte order mark).
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]")


def clean_display_text(value: str) -> str:
    """`value` in NFC, without bidi controls or zero-width characters, stripped."""
    # Removed first: a zero-width character between a letter and its accent would
    # otherwise keep the pair from being composed.
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", value)).strip()


class CleanTitleMixin:
    """Cleans the fields a page shows as its title before they are checked or stored.

    Pasted titles bring invisible characters (bidi overrides, zero-width spaces) and
    decomposed accents; clean_display_text() removes them, here for the admin and in
    cases.interchange.text for the importer, so a title reads, sorts and searches as
    it looks.
    """

    display_text_fields: tuple[str, ...] = ("title",)

    def clean_display_text(self) -> None:
        for name in self.display_text_fields:
            value = getattr(self, name)
            if value:
                setattr(self, name, clean_display_text(value))

    def full_clean(self, *args, **kwargs) -> None:
        self.clean_display_text()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs) -> None:
        self.clean_display_text()
        super().save(*args, **kwargs)
