from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArbitrationConfig(AppConfig):
    name = "arbitration"
    verbose_name = _("Arbitration")

    def ready(self) -> None:
        from accounts.roles import OVERSIGHT_ROLES, PARTY_ROLES, Role
        from arbitration import after_award, demo, documents, groups, steps
        from arbitration.web import links
        from cases.signals import case_event_recorded
        from core.web.navigation import NAVIGATION

        steps.register()
        groups.register()
        after_award.register()  # lawsuits and set-aside applications after the award (issue 11, point 6)
        demo.register()
        links.register()
        case_event_recorded.connect(documents.on_case_event, dispatch_uid="arbitration-documents")
        NAVIGATION.add(_("Claim calculator"), "calculator", PARTY_ROLES | {Role.ARBITRATOR}, position=30)
        # Publication and recommendation letters.
        from accounts.roles import ALL_ROLES, RECOMMENDATION_ROLES
        from arbitration.web.public import register_links

        NAVIGATION.add(_("Published awards"), "public-awards", ALL_ROLES, position=80)
        NAVIGATION.add(
            _("Recommendation letters"), "recommendation-letters", RECOMMENDATION_ROLES, position=81
        )
        register_links()
        NAVIGATION.add(_("Supervision figures"), "supervision", OVERSIGHT_ROLES, position=82)
        NAVIGATION.add(_("Supervision reports"), "supervision-reports", OVERSIGHT_ROLES, position=83)
        from arbitration.web.supervision import home_figures
        from core.web.home import HOME

        HOME.add(
            "supervision-figures",
            "arbitration/home_supervision.html",
            home_figures,
            OVERSIGHT_ROLES,
            position=5,
        )
