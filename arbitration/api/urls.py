from django.urls import path

from arbitration.api import supervision, views

urlpatterns = [
    path("calculations/", views.CalculationView.as_view(), name="api-calculations"),
    path("cases/<int:pk>/award/", views.AwardView.as_view(), name="api-case-award"),
    path("cases/<int:pk>/award/partial/", views.PartialAwardView.as_view(), name="api-case-award-partial"),
    path("metrics/summary/", supervision.SummaryView.as_view(), name="api-metrics-summary"),
    path("metrics/cases/", supervision.DrilldownView.as_view(), name="api-metrics-cases"),
    path("metrics/gap/", supervision.GapView.as_view(), name="api-metrics-gap"),
]
