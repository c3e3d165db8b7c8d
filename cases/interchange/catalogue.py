"""What a line of an interchange file may refer to, loaded once per import.

Validation checks every code, slug and case reference against this instead of
asking the database per line, which keeps records.py free of queries and a
ten-thousand-line file fast. The importer keeps it current as lines are written.
"""

from dataclasses import dataclass, field

from cases.interchange.identity import known_ids
from cases.models import CasePage, LessonPage, Term, Vocabulary
from cases.models.pages import MunicipalityOwnedPage
from municipalities.models import Municipality


@dataclass
class Catalogue:
    municipalities: dict[str, Municipality]
    terms: dict[tuple[str, str], Term]
    case_ids: set[str]
    lesson_ids: set[str]
    # external_id -> the first line of this file that used it, to report duplicates.
    first_line: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "Catalogue":
        return cls(
            municipalities=Municipality.objects.in_bulk(field_name="cbs_code"),
            terms={(term.vocabulary, term.slug): term for term in Term.objects.all()},
            case_ids=known_ids(CasePage),
            lesson_ids=known_ids(LessonPage),
        )

    def has_term(self, vocabulary: Vocabulary, slug: str) -> bool:
        return (vocabulary.value, slug) in self.terms

    def term(self, vocabulary: Vocabulary, slug: str) -> Term:
        return self.terms[(vocabulary.value, slug)]

    def ids_of(self, model: type[MunicipalityOwnedPage]) -> set[str]:
        return self.case_ids if model is CasePage else self.lesson_ids
