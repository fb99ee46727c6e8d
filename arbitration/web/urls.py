from django.urls import path

from arbitration.web import public, views

urlpatterns = [
    path("calculator/", views.calculator, name="calculator"),
    # Publication and recommendation letters.
    path("awards/", public.public_awards, name="public-awards"),
    path("awards/<int:pk>/", public.public_award, name="public-award"),
    path("cases/<int:pk>/award/publish/", public.award_publish, name="award-publish"),
    path("recommendations/", public.recommendation_letters, name="recommendation-letters"),
]
