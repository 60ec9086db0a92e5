from django.urls import path

from . import views

app_name = "procedure"
urlpatterns = [
    path("procedure/", views.procedure, name="regimes"),
    path("procedure/bank-holidays/", views.bank_holidays, name="bank_holidays"),
    path("procedure/bank-holidays/remove/", views.remove_bank_holiday, name="remove_bank_holiday"),
    path("procedure/bank-holidays/confirm/", views.confirm_year, name="confirm_year"),
]
