from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from cases import care_demo, deadlines, demo, demo_groups, group_actions, steps, tasks
        from cases.services import groups
        from cases.signals import case_event_recorded
        from cases.web import home, navigation
        from core.signals import calendar_changed

        steps.register()
        group_actions.register()
        case_event_recorded.connect(groups.on_case_event, dispatch_uid="cases.propose_links_on_filing")
        deadlines.register()
        navigation.register()
        home.register()
        demo.register()
        care_demo.register()
        demo_groups.register()
        calendar_changed.connect(tasks.on_calendar_changed, dispatch_uid="cases.recompute_on_calendar_change")
