from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("audit/", views.board_log, name="log"),
    path("audit/security/", views.security_log, name="security"),
]
