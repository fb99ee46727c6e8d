from django.urls import path

from accounts.api import views

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("auth/logout/", views.LogoutView.as_view(), name="api-logout"),
    path("auth/logout-all/", views.LogoutAllView.as_view(), name="api-logout-all"),
    path("auth/sms-code/", views.SmsCodeView.as_view(), name="api-sms-code"),
    path("auth/signup/", views.SignUpView.as_view(), name="api-signup"),
    path("auth/password-reset/", views.PasswordResetView.as_view(), name="api-password-reset"),
    path("auth/wechat/", views.WeChatSignInView.as_view(), name="api-wechat"),
    path("auth/wechat/link/", views.WeChatLinkView.as_view(), name="api-wechat-link"),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("me/real-name/", views.RealNameView.as_view(), name="api-me-real-name"),
    path("parties/", views.PartyListView.as_view(), name="api-parties"),
    path("parties/<int:pk>/", views.PartyDetailView.as_view(), name="api-party"),
    path("parties/<int:pk>/accounts/", views.PartyAccountView.as_view(), name="api-party-accounts"),
]
