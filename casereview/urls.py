from django.urls import include, path

from casereview.views import accessibility, dashboard_page, home

urlpatterns = [
    path("", home, name="home"),
    path("dashboard/", dashboard_page, name="dashboard"),
    path("accessibility/", accessibility, name="accessibility"),
    path("", include("casereview.accounts.urls")),
    path("", include("casereview.audit.urls")),
    path("", include("casereview.accounts.members_urls")),
    path("", include("casereview.cases.urls")),
    path("", include("casereview.reviews.urls")),
    path("", include("casereview.chronology.urls")),
    path("", include("casereview.publication.urls")),
    path("", include("casereview.procedure.urls")),
    path("", include("casereview.api.urls")),
    path("", include("casereview.national.urls")),
]

handler400 = "casereview.views.bad_request"
handler403 = "casereview.views.permission_denied"
handler404 = "casereview.views.page_not_found"
handler500 = "casereview.views.server_error"
