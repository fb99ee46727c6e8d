from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases import demo


class Command(BaseCommand):
    help = "Create the demo accounts and data (password demo12345). Idempotent; refused when DEBUG is off."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a published password: refused when DEBUG is off."
            )
        created = demo.seed_accounts()
        summary = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready (created {summary}). Password: {demo.DEMO_PASSWORD}")
        )
