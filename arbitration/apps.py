from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArbitrationConfig(AppConfig):
    name = "arbitration"
    verbose_name = _("Arbitration")

    def ready(self) -> None:
        from accounts.roles import OVERSIGHT_ROLES, PARTY_ROLES, Role
        from arbitration import demo, steps
        from core.web.navigation import NAVIGATION

        steps.register()
        demo.register()
        NAVIGATION.add(_("Claim calculator"), "calculator", PARTY_ROLES | {Role.ARBITRATOR}, position=30)
        NAVIGATION.add(_("Supervision figures"), "supervision", OVERSIGHT_ROLES, position=80)
