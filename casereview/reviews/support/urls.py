"""URL patterns of the review's support pages (joined into the reviews: namespace)."""

from django.urls import path

from . import views

R = "reviews/<uuid:pk>"

urlpatterns: list = [
    path(f"{R}/experts/", views.experts, name="experts"),
    path(f"{R}/experts/appoint/", views.expert_appoint, name="expert_appoint"),
    path(f"{R}/experts/author/", views.author_appoint, name="author_appoint"),
    path(
        f"{R}/experts/not-appointed/",
        views.expert_not_appointed,
        name="expert_not_appointed",
    ),
    path(f"{R}/experts/<uuid:item_pk>/sections/", views.expert_sections, name="expert_sections"),
    path(f"{R}/experts/advice/add/", views.expert_advice_add, name="expert_advice_add"),
    path(
        f"{R}/experts/advice/<uuid:item_pk>/considered/",
        views.expert_advice_considered,
        name="expert_advice_considered",
    ),
    path(f"{R}/professionals/", views.professionals, name="professionals"),
    path(f"{R}/professionals/add/", views.professional_add, name="professional_add"),
    path(
        f"{R}/professionals/<uuid:item_pk>/",
        views.professional_edit,
        name="professional_edit",
    ),
    path(f"{R}/notifications/", views.notifications, name="notifications"),
    path(f"{R}/notifications/add/", views.notification_add, name="notification_add"),
    path(f"{R}/parallel/", views.parallel, name="parallel"),
    path(f"{R}/parallel/add/", views.parallel_add, name="parallel_add"),
    path(f"{R}/parallel/<uuid:item_pk>/", views.parallel_edit, name="parallel_edit"),
    path(f"{R}/partners/", views.partners, name="partners"),
    path(f"{R}/partners/add/", views.partner_add, name="partner_add"),
    path(f"{R}/partners/<int:item_pk>/sections/", views.partner_sections, name="partner_sections"),
]
