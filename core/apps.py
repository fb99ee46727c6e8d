from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The platform every app builds on; it imports none of them."""

    name = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from celery.signals import task_postrun
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.utils.translation import gettext_lazy as _

        from core import counts, outbox
        from core.inputs import use_plain_messages
        from core.web.navigation import NAVIGATION

        use_plain_messages()
        connection_created.connect(counts.watch, dispatch_uid="core.counts.watch")
        for connection in connections.all(initialized_only=True):  # opened before this ran
            counts.watch(connection)
        task_postrun.connect(outbox.on_task_postrun, dispatch_uid="core.outbox.completed", weak=False)

        NAVIGATION.add(_("Home"), "home", None, position=0)
        NAVIGATION.add(_("Notifications"), "notifications", None, position=90)
