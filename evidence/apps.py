from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = _("Evidence")

    def ready(self) -> None:
        from cases.signals import case_event_recorded
        from evidence import demo, services
        from evidence.web import links

        case_event_recorded.connect(services.on_case_event, dispatch_uid="evidence-retention")
        services.register_events()
        links.register()
        demo.register()
