from django.urls import path

from . import (
    case_duties_views,
    correction_views,
    downloads,
    emails_views,
    views,
    word_template_views,
)
from .family import urls as family_urls
from .panel import urls as panel_urls
from .reports import urls as reports_urls
from .support import urls as support_urls

app_name = "reviews"
urlpatterns = [
    path("reviews/", views.review_list, name="list"),
    path("reviews/<uuid:pk>/", views.review_detail, name="detail"),
    path("reviews/<uuid:pk>/compliance/", views.compliance, name="compliance"),
    path(
        "reviews/<uuid:pk>/compliance/download/",
        downloads.compliance_download,
        name="compliance_download",
    ),
    path("reviews/<uuid:pk>/compliance/pause/", views.pause, name="pause"),
    path("reviews/<uuid:pk>/plan/", case_duties_views.plan, name="plan"),
    # What a case owes before and without a review, recorded on the notification.
    path("notifications/<uuid:pk>/duties/", case_duties_views.case_duties, name="case_duties"),
    path(
        "notifications/<uuid:pk>/duties/notices/add/",
        case_duties_views.case_notice_add,
        name="case_notice_add",
    ),
    path("notifications/<uuid:pk>/duties/pause/", case_duties_views.case_pause, name="case_pause"),
    path(
        "notifications/<uuid:pk>/duties/restart/",
        case_duties_views.case_restart,
        name="case_restart",
    ),
    path(
        "notifications/<uuid:pk>/duties/rapid-review/",
        case_duties_views.rapid_review,
        name="rapid_review",
    ),
    path("reviews/<uuid:pk>/compliance/restart/", views.restart, name="restart"),
    path("boards/<int:board_pk>/settings/", views.board_settings, name="board_settings"),
    path(
        "boards/<int:board_pk>/settings/letterhead/",
        views.board_letterhead,
        name="board_letterhead",
    ),
    path("boards/<int:board_pk>/settings/logo/", views.board_logo, name="board_logo"),
    path(
        "boards/<int:board_pk>/settings/retention/",
        views.board_retention,
        name="board_retention",
    ),
    # The board's own Word templates (reviews/word_templates.py).
    path(
        "boards/<int:board_pk>/settings/word/<slug:template>/",
        word_template_views.word_template,
        name="word_template",
    ),
    path(
        "boards/<int:board_pk>/settings/word/<slug:template>/default/",
        word_template_views.word_template_default,
        name="word_template_default",
    ),
    path(
        "boards/<int:board_pk>/settings/word/<slug:template>/upload/",
        word_template_views.word_template_upload,
        name="word_template_upload",
    ),
    path(
        "boards/<int:board_pk>/settings/word/<slug:template>/revert/",
        word_template_views.word_template_revert,
        name="word_template_revert",
    ),
    path(
        "boards/<int:board_pk>/settings/word-versions/<uuid:item_pk>/",
        word_template_views.word_template_file,
        name="word_template_file",
    ),
    path(
        "boards/<int:board_pk>/settings/word-versions/<uuid:item_pk>/use/",
        word_template_views.word_template_use,
        name="word_template_use",
    ),
    path("boards/<int:board_pk>/emails/", emails_views.board_emails, name="board_emails"),
    path(
        "reviews/<uuid:pk>/family/contacts/<uuid:item_pk>/correct/",
        correction_views.contact_correct,
        name="family_contact_correct",
    ),
    path(
        "reviews/<uuid:pk>/family/contacts/<uuid:item_pk>/withdraw/",
        correction_views.contact_withdraw,
        name="family_contact_withdraw",
    ),
    path(
        "reviews/<uuid:pk>/experts/<uuid:item_pk>/end/",
        correction_views.appointment_end,
        name="appointment_end",
    ),
    path(
        "reviews/<uuid:pk>/partners/<int:item_pk>/remove/",
        correction_views.partner_remove,
        name="partner_remove",
    ),
    path(
        "reviews/<uuid:pk>/reports/<uuid:item_pk>/documents/<uuid:document_pk>/withdraw/",
        correction_views.report_document_withdraw,
        name="report_document_withdraw",
    ),
    *panel_urls.urlpatterns,
    *reports_urls.urlpatterns,
    *family_urls.urlpatterns,
    *support_urls.urlpatterns,
]
