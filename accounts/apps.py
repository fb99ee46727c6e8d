from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib import admin

        from accounts.web.forms import AdminLoginForm

        admin.site.login_form = AdminLoginForm  # /admin/login/ counts failures like every other way in
        from accounts import demo
        from accounts.roles import ADMIN_SITE_ROLES, CALENDAR_VIEWERS
        from core.web.navigation import NAVIGATION

        # The platform's pages that only some roles need in their navigation.
        NAVIGATION.add(_("Holiday calendar"), "holiday-calendar", CALENDAR_VIEWERS, position=80)
        NAVIGATION.add(_("Administration"), "admin:index", ADMIN_SITE_ROLES, position=99)
        demo.register()
