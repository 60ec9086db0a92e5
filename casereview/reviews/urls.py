from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("reviews/", views.review_list, name="list"),
    path("reviews/<uuid:pk>/", views.review_detail, name="detail"),
]
