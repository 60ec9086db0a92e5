from django.urls import path

from . import amendment_views, views

app_name = "cases"
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notify/", views.notify, name="notify"),
    path("notifications/<uuid:pk>/", views.notification_detail, name="detail"),
    path("notifications/<uuid:pk>/people/add/", views.person_add, name="person_add"),
    path(
        "notifications/<uuid:pk>/people/<uuid:person_pk>/",
        amendment_views.person_edit,
        name="person_edit",
    ),
    path(
        "notifications/<uuid:pk>/people/<uuid:person_pk>/remove/",
        amendment_views.person_remove,
        name="person_remove",
    ),
    path("notifications/<uuid:pk>/correct/", amendment_views.notification_correct, name="correct"),
    path(
        "notifications/<uuid:pk>/steps/<uuid:task_pk>/correct/",
        amendment_views.task_correct,
        name="task_correct",
    ),
    path(
        "notifications/<uuid:pk>/decision/again/",
        amendment_views.decision_revise,
        name="decision_again",
    ),
    path("notifications/<uuid:pk>/history/", amendment_views.history, name="history"),
    path("notifications/<uuid:pk>/steps/<uuid:task_pk>/", views.task_complete, name="task"),
    path("notifications/<uuid:pk>/screening/", views.screening, name="screening"),
    path("notifications/<uuid:pk>/decision/", views.decision, name="decision"),
    path("notifications/<uuid:pk>/access-log/", views.access_log, name="access_log"),
]
