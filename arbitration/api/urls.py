from django.urls import path

from arbitration.api import views

urlpatterns = [
    path("calculations/", views.CalculationView.as_view(), name="api-calculations"),
    path("cases/<int:pk>/award/", views.AwardView.as_view(), name="api-case-award"),
    path("cases/<int:pk>/award/partial/", views.PartialAwardView.as_view(), name="api-case-award-partial"),
    path("cases/<int:pk>/after-award/", views.AfterAwardView.as_view(), name="api-case-after-award"),
]
