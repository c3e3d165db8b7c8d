from wagtail import hooks
from wagtail.permissions import register_permission_policy

from questions.admin_views import ModeratorsMayView, QuestionViewSet
from questions.models import Question

register_permission_policy(Question, ModeratorsMayView(Question))


@hooks.register("register_admin_viewset")
def register_questions() -> QuestionViewSet:
    return QuestionViewSet("questions_admin")
