from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "mediation"
    verbose_name = _("Mediation")

    def ready(self) -> None:
        from cases.signals import case_event_recorded
        from mediation import demo, documents, groups, receivers, steps
        from mediation.web import links

        steps.register()
        groups.register()
        links.register()
        demo.register()
        documents.register_document_source()
        case_event_recorded.connect(receivers.follow_case_event, dispatch_uid="mediation-episodes")
