from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The platform every app builds on; it imports none of them."""

    name = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from core.web.navigation import NAVIGATION

        NAVIGATION.add(_("Home"), "home", None, position=0)
        NAVIGATION.add(_("Notifications"), "notifications", None, position=90)
