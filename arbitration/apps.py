from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArbitrationConfig(AppConfig):
    name = "arbitration"
    verbose_name = _("Arbitration")

    def ready(self) -> None:
        from accounts.roles import PARTY_ROLES, Role
        from arbitration import demo, documents, steps
        from arbitration.web import links
        from cases.signals import case_event_recorded
        from core.web.navigation import NAVIGATION

        steps.register()
        demo.register()
        links.register()
        case_event_recorded.connect(documents.on_case_event, dispatch_uid="arbitration-documents")
        NAVIGATION.add(_("Claim calculator"), "calculator", PARTY_ROLES | {Role.ARBITRATOR}, position=30)
