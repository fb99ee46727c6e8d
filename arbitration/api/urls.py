from django.urls import path

from arbitration.api import views

urlpatterns = [
    path("calculations/", views.CalculationView.as_view(), name="api-calculations"),
]
