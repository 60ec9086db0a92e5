from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notify/", views.notify, name="notify"),
    path("notifications/<uuid:pk>/", views.notification_detail, name="detail"),
    path("notifications/<uuid:pk>/people/add/", views.person_add, name="person_add"),
    path("notifications/<uuid:pk>/people/<uuid:person_pk>/", views.person_edit, name="person_edit"),
    path("notifications/<uuid:pk>/steps/<uuid:task_pk>/", views.task_complete, name="task"),
    path("notifications/<uuid:pk>/screening/", views.screening, name="screening"),
    path("notifications/<uuid:pk>/decision/", views.decision, name="decision"),
    path("notifications/<uuid:pk>/access-log/", views.access_log, name="access_log"),
]
