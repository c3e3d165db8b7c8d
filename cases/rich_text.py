"""What rich text may contain, for the editor and for HTML that comes from outside.

The Draftail features and the bleach allow-list are defined side by side so that an
imported casusblad can never hold markup an editor could not have written.
"""

import bleach
from bs4 import BeautifulSoup

EDITOR_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]

ALLOWED_TAGS = frozenset({"p", "br", "h2", "h3", "b", "strong", "i", "em", "ol", "ul", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

# bleach's strip=True keeps the text of a removed element. For these elements that
# text is code or markup, never prose, so they are removed whole first.
DROPPED_WITH_CONTENT = [
    "script",
    "style",
    "svg",
    "math",
    "iframe",
    "object",
    "template",
    "noscript",
]

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def without_code(html: str) -> str:
    """`html` without the elements in DROPPED_WITH_CONTENT, their content included."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(DROPPED_WITH_CONTENT):
        element.decompose()
    return str(soup)


def sanitise_html(html: str) -> str:
    return _cleaner.clean(without_code(html)).strip()
