from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArbitrationConfig(AppConfig):
    name = "arbitration"
    verbose_name = _("Arbitration")

    def ready(self) -> None:
        from accounts.roles import PARTY_ROLES, Role
        from arbitration import after_award, demo, steps
        from core.web.navigation import NAVIGATION

        steps.register()
        after_award.register()  # lawsuits and set-aside applications after the award (issue 11, point 6)
        demo.register()
        NAVIGATION.add(_("Claim calculator"), "calculator", PARTY_ROLES | {Role.ARBITRATOR}, position=30)
