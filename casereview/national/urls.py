from django.urls import include, path

app_name = "national"
urlpatterns = [
    path("", include("casereview.national.urls_records")),
    path("", include("casereview.national.analysis_urls")),
]
