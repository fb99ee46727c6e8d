"""Load historical cases from a CSV file (issue 12): they count in the supervision figures like cases filed
in the system. The columns and the rules are in docs/supervision.md.

    python manage.py import_cases FILE.csv [--by USERNAME]

The whole file is checked first: any bad row, and nothing is imported; every problem is printed (line,
column, reason) and the command exits with status 1. Re-importing a reference updates its case.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError

from accounts.models import User
from accounts.roles import OVERSIGHT_ROLES, has_role
from arbitration.supervision.importer import ImportRejected, default_importer, import_cases


class Command(BaseCommand):
    help = "Import historical cases from a UTF-8 CSV file with a header row (see docs/supervision.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV file")
        parser.add_argument(
            "--by",
            dest="username",
            help="the supervisor or administrator recording the import (default: the first one)",
        )

    def handle(self, *args: Any, file: str, username: str | None, **options: Any) -> None:
        user = User.objects.filter(username=username).first() if username else default_importer()
        if user is None:
            raise CommandError(
                f"--by: no user {username!r}" if username else "--by: name the user recording the import"
            )
        if not (user.is_superuser or has_role(user, OVERSIGHT_ROLES)):
            raise CommandError(f"--by: {user.username!r} is not a supervisor or administrator")
        try:
            with open(file, encoding="utf-8-sig", newline="") as stream:
                result = import_cases(stream, user=user)
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: not UTF-8 ({error.reason} at byte {error.start})") from error
        except IntegrityError as error:  # another import wrote the same references meanwhile
            raise CommandError(f"nothing imported: {error}") from error
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            rows = len({p.line for p in rejected.problems})
            raise CommandError(
                f"{rows} bad rows, {len(rejected.problems)} problems: nothing imported"
            ) from None
        self.stdout.write(
            f"{result.created + result.updated} cases imported ({result.created} new, {result.updated} "
            f"updated); {result.awards} awards, {result.lawsuits} lawsuits"
        )
