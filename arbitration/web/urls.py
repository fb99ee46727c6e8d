from django.urls import path

from arbitration.web import public, supervision, views

urlpatterns = [
    path("calculator/", views.calculator, name="calculator"),
    path("supervision/", supervision.dashboard, name="supervision"),
    # Publication and recommendation letters.
    path("awards/", public.public_awards, name="public-awards"),
    path("awards/<int:pk>/", public.public_award, name="public-award"),
    path("cases/<int:pk>/award/publish/", public.award_publish, name="award-publish"),
    path("recommendations/", public.recommendation_letters, name="recommendation-letters"),
    path("cases/<int:pk>/documents/", views.case_documents, name="case-documents"),
    path("cases/<int:pk>/documents/<int:document_id>.pdf", views.case_document_pdf, name="case-document-pdf"),
    path("documents/file/<str:token>/", views.document_file, name="document-file"),
]
