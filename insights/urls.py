"""The members' dashboard, under a translated prefix (kennisbank.urls): /inzicht/ in
Dutch, /en/insights/ in English."""

from django.urls import path

from insights import views

app_name = "insights"

urlpatterns = [
    path("", views.insights, name="page"),
]
