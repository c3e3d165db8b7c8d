"""The one table between the JSON Lines interchange format and the page models.

Validation (records), writing (importer), reading (snapshot) and exporting all walk
these tables, so a key is renamed or a field added in one place and the import and
the export cannot drift apart.
"""

from dataclasses import dataclass, replace
from enum import Enum

from cases.models import CasePage, CaseStatus, LessonPage, Vocabulary
from cases.models.limits import limit_of
from cases.models.pages import MunicipalityOwnedPage


class Kind(Enum):
    """How a value is checked, stored and read back; each module dispatches on it."""

    IDENTIFIER = "identifier"  # external_id: the key imports are matched on
    TEXT = "text"  # plain text; HTML tags are stripped
    HTML = "html"  # rich text; sanitised with cases.rich_text
    EMAIL = "email"
    DATE = "date"
    CHOICE = "choice"
    TERM = "term"  # one Term (foreign key), by slug
    TERMS = "terms"  # several Terms (many-to-many), by slug
    MUNICIPALITIES = "municipalities"  # several Municipalities, by CBS code
    CASES = "cases"  # several casusbladen, by external_id
    OWNER = "owner"  # the municipality whose case index the page lives under
    VISIBILITY = "visibility"  # members-only view restriction, as True/False
    PUBLISHED = "published"  # first_published_at, as a date in Europe/Amsterdam


# The interchange words for visibility, and what set_members_only() is called with.
VISIBILITY_VALUES = {"members": True, "public": False}


@dataclass(frozen=True)
class Field:
    """One JSON key (a path, for the nested objects) and the page attribute behind it."""

    path: tuple[str, ...]
    attribute: str
    kind: Kind
    required: bool = False
    vocabulary: Vocabulary | None = None
    choices: tuple[str, ...] = ()
    # Characters (text, HTML) or items (lists) at most: the model's own limit, filled
    # in by _with_limits() so that the admin and the import refuse the same values.
    limit: int | None = None

    @property
    def key(self) -> str:
        """The dotted name used in messages, e.g. `sections.lessons`."""
        return ".".join(self.path)


@dataclass(frozen=True)
class RecordType:
    """A value of the `type` key: which model it creates and which keys it has."""

    name: str
    model: type[MunicipalityOwnedPage]
    fields: tuple[Field, ...]

    @property
    def top_level_keys(self) -> frozenset[str]:
        return frozenset({"type", *(field.path[0] for field in self.fields)})

    def nested_keys(self, group: str) -> frozenset[str]:
        return frozenset(
            field.path[1]
            for field in self.fields
            if len(field.path) == 2 and field.path[0] == group
        )


def _with_limits(model: type[MunicipalityOwnedPage], *fields: Field) -> tuple[Field, ...]:
    """`fields` with each one's limit from the model (cases.models.limits).

    Checked here too, not only when the page is saved, so the report names the line
    and the field, and so a 5 MB value is refused before it is sanitised.
    """
    return tuple(replace(field, limit=limit_of(model, field.attribute)) for field in fields)


_COMMON_HEAD = (
    Field(("external_id",), "external_id", Kind.IDENTIFIER, required=True),
    Field(("title",), "title", Kind.TEXT, required=True),
    Field(("summary",), "summary", Kind.TEXT, required=True),
    Field(("municipality",), "municipality", Kind.OWNER, required=True),
)


_THEMES = Field(("themes",), "themes", Kind.TERMS, required=True, vocabulary=Vocabulary.THEME)
_COMMON_TAIL = (
    Field(
        ("visibility",),
        "members_only",
        Kind.VISIBILITY,
        required=True,
        choices=tuple(VISIBILITY_VALUES),
    ),
    Field(("published_at",), "first_published_at", Kind.PUBLISHED),
)

# The JSON key of each section differs from the model only for "lessons".
SECTION_KEYS = {
    "context": "context",
    "approach": "approach",
    "results": "results",
    "conditions": "conditions",
    "working_elements": "working_elements",
    "lessons": "lessons_learned",
}

CASUSBLAD = RecordType(
    name="casusblad",
    model=CasePage,
    fields=_with_limits(
        CasePage,
        *_COMMON_HEAD,
        Field(("partner_municipalities",), "partner_municipalities", Kind.MUNICIPALITIES),
        _THEMES,
        Field(
            ("decentralisations",),
            "decentralisations",
            Kind.TERMS,
            vocabulary=Vocabulary.DECENTRALISATION,
        ),
        Field(("risks",), "risks", Kind.TERMS, vocabulary=Vocabulary.RISK),
        Field(("opportunities",), "opportunities", Kind.TERMS, vocabulary=Vocabulary.OPPORTUNITY),
        Field(("profile",), "profile", Kind.TERM, vocabulary=Vocabulary.PROFILE),
        *(
            Field(("sections", key), attribute, Kind.HTML)
            for key, attribute in SECTION_KEYS.items()
        ),
        Field(("period", "start"), "period_start", Kind.DATE, required=True),
        Field(("period", "end"), "period_end", Kind.DATE),
        Field(("status",), "status", Kind.CHOICE, required=True, choices=tuple(CaseStatus.values)),
        Field(("contact", "name"), "contact_name", Kind.TEXT),
        Field(("contact", "role"), "contact_role", Kind.TEXT),
        Field(("contact", "email"), "contact_email", Kind.EMAIL),
        *_COMMON_TAIL,
    ),
)

LES = RecordType(
    name="les",
    model=LessonPage,
    fields=_with_limits(
        LessonPage,
        *_COMMON_HEAD,
        _THEMES,
        Field(("body",), "body", Kind.HTML, required=True),
        Field(("related_cases",), "related_cases", Kind.CASES),
        *_COMMON_TAIL,
    ),
)

# Export order: casusbladen first, so the lessen that refer to them come later.
RECORD_TYPES = {record_type.name: record_type for record_type in (CASUSBLAD, LES)}
