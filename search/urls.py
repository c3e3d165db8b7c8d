"""The search page's addresses, under a translated prefix (kennisbank.urls):
/zoeken/ and /zoeken/suggesties in Dutch, /en/search/ and /en/search/suggestions in English.
"""

from django.urls import path
from django.utils.translation import pgettext_lazy

from search import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="page"),
    path(pgettext_lazy("URL", "suggestions"), views.suggestions, name="suggestions"),
]
