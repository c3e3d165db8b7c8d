from cases.models.attachments import CaseAttachment
from cases.models.pages import (
    CaseIndexPage,
    CasePage,
    CaseStatus,
    HomePage,
    LessonPage,
)
from cases.models.taxonomy import Term, Vocabulary
from cases.models.topic_pages import TopicIndexPage

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
