from questions.models.answer import Answer, Rating
from questions.models.expertise import DEFAULT_CAPACITY, Absence, ExpertiseProfile
from questions.models.followup import FollowUp, FollowUpKind
from questions.models.invitation import PENDING_STATES, Invitation, InvitationState
from questions.models.question import Question, QuestionState, QuestionVisibility

__all__ = [
    "DEFAULT_CAPACITY",
    "PENDING_STATES",
    "Absence",
    "Answer",
    "ExpertiseProfile",
    "FollowUp",
    "FollowUpKind",
    "Invitation",
    "InvitationState",
    "Question",
    "QuestionState",
    "QuestionVisibility",
    "Rating",
]
