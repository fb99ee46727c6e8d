"""``manage.py verify_hearing_record <session>``: check the session's hash chain; exit 1 on any break."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearings.models import HearingSession
from hearings.sessions import verify_chain


class Command(BaseCommand):
    help = "Verify that a hearing session's record is complete and unchanged (its hash chain)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("session", type=int, help="the hearing session's id")

    def handle(self, *args: Any, **options: Any) -> None:
        session = HearingSession.objects.filter(pk=options["session"]).first()
        if session is None:
            raise CommandError(f"no hearing session {options['session']}")
        problems = verify_chain(session)
        count = session.submissions.count()
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(
                f"the record of session {session.pk} does not verify ({len(problems)} problems)"
            )
        self.stdout.write(f"session {session.pk}: {count} entries, chain intact")
