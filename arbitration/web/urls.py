from django.urls import path

from arbitration.web import views

urlpatterns = [
    path("calculator/", views.calculator, name="calculator"),
]
