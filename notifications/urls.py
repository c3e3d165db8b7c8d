from django.urls import path

from notifications import preference_views, views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="list"),
    path("<int:pk>/", views.open_notification, name="open"),
    path("gelezen/", views.mark_all_read, name="mark_all_read"),
    path("voorkeuren/", preference_views.preferences, name="preferences"),
    path("afmelden/<str:token>/", preference_views.unsubscribe, name="unsubscribe"),
]
