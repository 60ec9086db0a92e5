from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("audit/", views.board_log, name="log"),
    path("audit/export/", views.board_export, name="export"),
    path("audit/security/", views.security_log, name="security"),
    path("audit/security/export/", views.security_export, name="security_export"),
    path("audit/verify/", views.verify, name="verify"),
]
