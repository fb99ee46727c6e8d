from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HearingsConfig(AppConfig):
    name = "hearings"
    verbose_name = _("Hearings")

    def ready(self) -> None:
        from cases.signals import case_event_recorded
        from evidence.services import OPINION_GUARDS
        from hearings import demo, documents, groups, guards, sessions, statements, steps
        from hearings.web import links

        steps.register()
        groups.register()
        links.register()
        demo.register()
        documents.register_document_source()
        sessions.register_events()
        statements.register()
        case_event_recorded.connect(sessions.on_case_event, dispatch_uid="hearings-consent-withdrawn")
        if guards.cross_examination_window not in OPINION_GUARDS:
            OPINION_GUARDS.append(guards.cross_examination_window)
