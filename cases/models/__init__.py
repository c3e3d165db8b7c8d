from cases.models.attachments import CaseAttachment
from cases.models.pages import (
    CaseIndexPage,
    CasePage,
    CaseStatus,
    HomePage,
    LessonPage,
    TopicIndexPage,
)
from cases.models.taxonomy import Term, Vocabulary

__all__ = [
    "CaseAttachment",
    "CaseIndexPage",
    "CasePage",
    "CaseStatus",
    "HomePage",
    "LessonPage",
    "Term",
    "TopicIndexPage",
    "Vocabulary",
]
