from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from cases import care_demo, deadlines, demo, steps, tasks
        from cases.web import home, navigation
        from core.signals import calendar_changed

        steps.register()
        deadlines.register()
        navigation.register()
        home.register()
        demo.register()
        care_demo.register()
        calendar_changed.connect(tasks.on_calendar_changed, dispatch_uid="cases.recompute_on_calendar_change")
