from django.urls import path

from arbitration.web import award, public, service_desk, supervision, views

urlpatterns = [
    path("calculator/", views.calculator, name="calculator"),
    path("supervision/", supervision.dashboard, name="supervision"),
    path("supervision/reports/", supervision.report_list, name="supervision-reports"),
    path(
        "supervision/reports/<int:pk>/progress/",
        supervision.report_progress,
        name="supervision-report-progress",
    ),
    path(
        "supervision/reports/<int:pk>/<str:extension>/",
        supervision.report_file,
        name="supervision-report-file",
    ),
    # Publication and recommendation letters.
    path("awards/", public.public_awards, name="public-awards"),
    path("awards/<int:pk>/", public.public_award, name="public-award"),
    # The tribunal's workbench (publish/ above is the supervisor's page, a distinct path).
    path("cases/<int:pk>/award/", award.award_workbench, name="award-workbench"),
    path("cases/<int:pk>/award/preview.pdf", award.award_preview, name="award-preview"),
    path("cases/<int:pk>/award/issue/", award.award_issue, name="award-issue"),
    path("service-desk/", service_desk.service_desk, name="service-desk"),
    path("cases/<int:pk>/award/publish/", public.award_publish, name="award-publish"),
    path("recommendations/", public.recommendation_letters, name="recommendation-letters"),
    path("cases/<int:pk>/documents/", views.case_documents, name="case-documents"),
    path("cases/<int:pk>/documents/<int:document_id>.pdf", views.case_document_pdf, name="case-document-pdf"),
    path("documents/file/<str:token>/", views.document_file, name="document-file"),
]
