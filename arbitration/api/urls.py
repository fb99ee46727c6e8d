from django.urls import path

from arbitration.api import publication, supervision, views

urlpatterns = [
    path("calculations/", views.CalculationView.as_view(), name="api-calculations"),
    path("cases/<int:pk>/award/", views.AwardView.as_view(), name="api-case-award"),
    path("cases/<int:pk>/award/partial/", views.PartialAwardView.as_view(), name="api-case-award-partial"),
    path("metrics/summary/", supervision.SummaryView.as_view(), name="api-metrics-summary"),
    path("metrics/cases/", supervision.DrilldownView.as_view(), name="api-metrics-cases"),
    path("metrics/waiting/", supervision.WaitingView.as_view(), name="api-metrics-waiting"),
    path("metrics/ratings/", supervision.RatingsView.as_view(), name="api-metrics-ratings"),
    path("metrics/gap/", supervision.GapView.as_view(), name="api-metrics-gap"),
    path("metrics/reports/", supervision.ReportsView.as_view(), name="api-metrics-reports"),
    path("metrics/reports/<int:pk>/", supervision.ReportView.as_view(), name="api-metrics-report"),
    path(
        "metrics/reports/<int:pk>/download/",
        supervision.ReportDownloadView.as_view(),
        name="api-metrics-report-download",
    ),
    # Publication (anonymised awards, the public search) and recommendation letters.
    path("cases/<int:pk>/award/publish/", publication.PublishView.as_view(), name="api-case-award-publish"),
    path("public/awards/", publication.PublicAwardListView.as_view(), name="api-public-awards"),
    path("public/awards/<int:pk>/", publication.PublicAwardView.as_view(), name="api-public-award"),
    path(
        "published-awards/<int:pk>/typical/",
        publication.TypicalView.as_view(),
        name="api-published-award-typical",
    ),
    path(
        "recommendations/employers/",
        publication.RecurringEmployersView.as_view(),
        name="api-recommendation-employers",
    ),
    path("recommendations/", publication.RecommendationLettersView.as_view(), name="api-recommendations"),
    path("cases/<int:pk>/documents/", views.CaseDocumentsView.as_view(), name="api-case-documents"),
    path("documents/<int:pk>/download/", views.DocumentDownloadView.as_view(), name="api-document-download"),
    path("cases/<int:pk>/after-award/", views.AfterAwardView.as_view(), name="api-case-after-award"),
]
