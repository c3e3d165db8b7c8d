"""The question pages under /vragen/ (Dutch paths; /en/vragen/… in English)."""

from django.urls import path

from questions import views_ask, views_helped, views_lists, views_question

app_name = "questions"

urlpatterns = [
    path("nieuw/", views_ask.ask, name="ask"),
    path("nieuw/paneel", views_ask.panel, name="panel"),
    path("mijn/", views_lists.mine, name="mine"),
    path("uitnodigingen/", views_lists.inbox, name="inbox"),
    path("uitnodigingen/<int:pk>/accepteren", views_lists.accept, name="accept_invitation"),
    path("uitnodigingen/<int:pk>/afwijzen/", views_lists.decline, name="decline_invitation"),
    path("uitnodigingen/<int:pk>/doorsturen/", views_lists.pass_on, name="pass_on"),
    path("<int:pk>/", views_question.detail, name="detail"),
    path("<int:pk>/antwoorden", views_question.answer, name="answer"),
    path("<int:pk>/sluiten", views_question.close, name="close"),
    path("<int:pk>/geholpen/", views_helped.helped_page, name="helped"),
    path("antwoorden/<int:pk>/accepteren", views_question.accept_answer, name="accept_answer"),
    path("antwoorden/<int:pk>/beoordelen", views_question.rate, name="rate"),
    path("antwoorden/<int:pk>/les", views_question.draft_lesson, name="draft_lesson"),
]
