from django.urls import path

from . import members_views as views

app_name = "members"
urlpatterns = [
    path("board/members/", views.member_list, name="list"),
    path("board/members/new/", views.member_add, name="add"),
    path("board/members/<int:membership_pk>/remove/", views.member_remove, name="remove"),
    path("board/members/<int:membership_pk>/disable/", views.member_disable, name="disable"),
]
