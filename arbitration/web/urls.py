from django.urls import path

from arbitration.web import views

urlpatterns = [
    path("calculator/", views.calculator, name="calculator"),
    path("cases/<int:pk>/documents/", views.case_documents, name="case-documents"),
    path("cases/<int:pk>/documents/<int:document_id>.pdf", views.case_document_pdf, name="case-document-pdf"),
    path("documents/file/<str:token>/", views.document_file, name="document-file"),
]
