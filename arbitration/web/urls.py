from django.urls import path

from arbitration.web import supervision, views

urlpatterns = [
    path("calculator/", views.calculator, name="calculator"),
    path("supervision/", supervision.dashboard, name="supervision"),
]
