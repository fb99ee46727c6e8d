"""A million cases for the supervision figures, generated inside PostgreSQL (``INSERT … SELECT``).

The docket data set (``docket_data.py``) writes each case's history from Python, about 70 s per 100,000
cases: an hour for a million on the 2-core machines. The figures read only a few things of each case, so
this loader draws them with ``random()`` (seeded: the same data on every load) in one staging table and
derives every table from it with set-based SQL:

- the case: received, accepted and closed instants (``accepted_at``/``closed_at``, as the kernel stamps
  them), status, closure type, street, presiding arbitrator, mediation organisation, case number;
- its timeline: ``filed``, ``refer_to_mediation`` and the mediation's result, ``accept``, and the
  transition to ``closed`` (or the rejection or withdrawal), the instants above;
- the ruling deadline (45 days from acceptance, 60 with an extension) as the deadline engine stores it;
- mediation episodes: pre-filing ones (15% of disputes, concluded with their outcome, or still open) and
  the tribunal's own for cases closed by a mediation document;
- for cases closed by award: the issued final award with two items (each final or not), its service on
  both sides (taking effect 1-20 days after issue), and a lawsuit for 8% of them.

Users and mediation organisations come from the ORM (a few dozen rows, the docket data set's names).
Indexes that back no constraint are dropped during the load and rebuilt after it (one sort per index
instead of a million insertions), and foreign keys are not checked row by row
(``session_replication_role = replica``: the rows are generated consistent).
"""

# The statements are built from this module's constants and the ids it created, never from input.
# ruff: noqa: S608

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from accounts.models import Role
from benchmarks.docket_data import (
    PASSWORD,
    STREETS,
    staff_users,
)
from core import clock

TABLES = [
    "cases_case",
    "cases_caseevent",
    "cases_deadline",
    "cases_mediationepisode",
    "arbitration_award",
    "arbitration_awarditem",
    "cases_service",
    "arbitration_courtchallenge",
]
SPAN_DAYS = 1095  # three years of receipts up to today
SEED = 0.2026


@dataclass
class Loaded:
    cases: int
    seconds: float
    rows: dict[str, int]
    steps: dict[str, float]


def _users() -> dict[str, list[int]]:
    organisations, staff = staff_users(make_password(PASSWORD))
    return {
        "arbitrators": [u.pk for u in staff if u.role == Role.ARBITRATOR],
        "clerks": [u.pk for u in staff if u.role == Role.CLERK],
        "organisations": [o.pk for o in organisations],
        "mediators": [u.pk for u in staff if u.role == Role.MEDIATOR],
    }


def _array(values: list[int]) -> str:
    return "ARRAY[" + ",".join(str(int(v)) for v in values) + "]::bigint[]"


def _text_array(values: list[str]) -> str:
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]::text[]"


def _staging_sql(count: int, ids: dict[str, list[int]]) -> list[str]:
    """The staging table ``bench_gen``: one row per case with every instant and choice drawn."""
    arbitrators, clerks = _array(ids["arbitrators"]), _array(ids["clerks"])
    organisations, mediators = _array(ids["organisations"]), _array(ids["mediators"])
    streets = _text_array(list(STREETS))
    return [
        f"SELECT setseed({SEED})",
        # Draws first (random() in a fixed order), then what follows from them.
        f"""CREATE UNLOGGED TABLE bench_draw AS
        SELECT i AS id,
               %(now)s::timestamptz - interval '1 day' * ({SPAN_DAYS} * (1 - (i - 1)::float8 / {count}))
                 + interval '1 minute' * floor(random() * 600) AS received_at,
               random() AS u_pre, random() AS u_outcome, random() AS u_pre_days, random() AS u_path,
               random() AS u_accept, random() AS u_duration, random() AS u_stuck, random() AS u_type,
               random() AS u_arbitrator, random() AS u_street, random() AS u_org, random() AS u_extension,
               random() AS u_open, random() AS u_item1, random() AS u_item2, random() AS u_serve1,
               random() AS u_serve2, random() AS u_lawsuit, random() AS u_clerk
        FROM generate_series(1, {count}) AS i""",
        """CREATE UNLOGGED TABLE bench_pre AS
        SELECT d.*,
               d.u_pre < 0.15 AS has_pre,
               d.received_at + interval '1 day' AS pre_started,
               d.received_at + interval '1 day' + interval '1 day' * (2 + 12 * d.u_pre_days) AS pre_ends,
               CASE WHEN d.u_outcome < 0.55 THEN 'agreement' WHEN d.u_outcome < 0.90 THEN 'failed'
                    WHEN d.u_outcome < 0.95 THEN 'timeout' ELSE 'withdrawn' END AS pre_outcome
        FROM bench_draw d""",
        """CREATE UNLOGGED TABLE bench_acc AS
        SELECT p.*,
               (p.has_pre AND p.pre_ends > %(now)s) AS pre_open,
               (p.has_pre AND p.pre_ends <= %(now)s AND p.pre_outcome = 'agreement') AS pre_agreed,
               CASE WHEN p.has_pre THEN p.pre_ends ELSE p.received_at END
                 + interval '1 day' * (1 + 4 * p.u_accept) AS accept_at
        FROM bench_pre p""",
        f"""CREATE UNLOGGED TABLE bench_gen AS
        SELECT a.id, a.received_at, a.has_pre, a.pre_started, a.pre_open, a.pre_outcome,
               CASE WHEN a.has_pre AND NOT a.pre_open THEN a.pre_ends END AS pre_concluded,
               a.u_item1, a.u_item2, a.u_serve1, a.u_serve2, a.u_lawsuit,
               CASE WHEN a.has_pre
                    THEN ({organisations})[1 + floor(a.u_org * {len(ids["organisations"])})::int]
                    END AS organisation_id,
               CASE WHEN a.has_pre THEN ({mediators})[1 + floor(a.u_org * {len(ids["mediators"])})::int]
                    END AS mediator_id,
               ({clerks})[1 + floor(a.u_clerk * {len(ids["clerks"])})::int] AS clerk_id,
               ({streets})[1 + floor(a.u_street * {len(STREETS)})::int] AS street,
               ({arbitrators})[1 + floor(power(a.u_arbitrator, 1.3) * {len(ids["arbitrators"])})::int]
                 AS arbitrator_id,
               CASE WHEN a.pre_open THEN 'pre_mediation'
                    WHEN a.pre_agreed THEN 'mediated'
                    WHEN a.u_path < 0.03 THEN 'rejected'
                    WHEN a.u_path < 0.07 THEN 'withdrawn'
                    WHEN a.accept_at > %(now)s THEN 'submitted'
                    ELSE 'accepted' END AS path,
               a.accept_at,
               -- 10 to 65 days to close, most within the 45-day ruling period; 2 in 100 stay open.
               a.accept_at + interval '1 day' * (10 + 55 * power(a.u_duration, 1.6)) AS close_at,
               a.u_stuck < 0.02 AS stuck,
               CASE WHEN a.u_type < 0.45 THEN 'award' WHEN a.u_type < 0.80 THEN 'mediation'
                    WHEN a.u_type < 0.95 THEN 'withdrawal' WHEN a.u_type < 0.98 THEN 'deemed_withdrawal'
                    ELSE 'other' END AS closure,
               CASE WHEN a.u_extension < 0.10 THEN 60 ELSE 45 END AS ruling_days,
               CASE WHEN a.u_open < 0.35 THEN 'async_hearing' WHEN a.u_open < 0.60 THEN 'oral_hearing'
                    WHEN a.u_open < 0.70 THEN 'mediation' WHEN a.u_open < 0.85 THEN 'deliberation'
                    ELSE 'accepted' END AS open_status
        FROM bench_acc a""",
        "DROP TABLE bench_draw, bench_pre, bench_acc",
        """CREATE UNLOGGED TABLE bench_case AS
        SELECT g.*,
               CASE WHEN g.path = 'accepted' THEN g.accept_at END AS accepted_at,
               CASE WHEN g.path = 'accepted' AND NOT g.stuck AND g.close_at <= %(now)s THEN g.close_at END
                 AS closed_at,
               CASE WHEN g.path IN ('rejected', 'withdrawn')
                    THEN coalesce(g.pre_concluded, g.received_at) + interval '2 days'
                    END AS ended_at
        FROM bench_gen g""",
        "DROP TABLE bench_gen",
        "CREATE UNIQUE INDEX ON bench_case (id)",
        "ANALYZE bench_case",
    ]


def _load_sql(template: str) -> list[tuple[str, str]]:
    """(table, statement) pairs filling the project's tables from ``bench_case``."""
    local = "(c.accepted_at AT TIME ZONE 'Asia/Shanghai')::date"
    closed_day = "(c.closed_at AT TIME ZONE 'Asia/Shanghai')::date"
    number = template.replace("{year}", "' || y || '").replace("{seq}", "' || c.id || '")
    return [
        (
            "cases_case",
            f"""INSERT INTO cases_case (id, case_number, number_year, number_seq, status, procedure,
                is_collective, closure_type, facts, street, claims_total, received_at, accepted_at, closed_at,
                hearing_at, status_before_mediation, status_before_suspension, defence_days, extension_days,
                next_due_on, created_at, updated_at, clerk_id, created_by_id, mediation_organisation_id,
                presiding_arbitrator_id, employer_registered_place, place_of_performance,
                transferred_from_commission, transferred_from_number)
            SELECT c.id,
                   CASE WHEN c.accepted_at IS NOT NULL THEN '{number}' END,
                   CASE WHEN c.accepted_at IS NOT NULL THEN y END,
                   CASE WHEN c.accepted_at IS NOT NULL THEN c.id END,
                   CASE WHEN c.path <> 'accepted' THEN c.path WHEN c.closed_at IS NOT NULL THEN 'closed'
                        WHEN c.stuck THEN 'suspended' ELSE c.open_status END,
                   'ordinary', false,
                   CASE WHEN c.closed_at IS NOT NULL THEN c.closure ELSE '' END,
                   '申请人入职被申请人处工作，双方因劳动报酬等发生争议。', c.street, 20000.00,
                   c.received_at, c.accepted_at, c.closed_at, NULL, '', '', 10,
                   CASE WHEN c.ruling_days = 60 AND c.accepted_at IS NOT NULL THEN 15 ELSE 0 END,
                   CASE WHEN c.accepted_at IS NOT NULL AND c.closed_at IS NULL
                        THEN {local} + c.ruling_days END,
                   c.received_at, coalesce(c.closed_at, c.accepted_at, c.ended_at, c.received_at),
                   c.clerk_id, NULL,
                   CASE WHEN c.has_pre THEN c.organisation_id END,
                   CASE WHEN c.accepted_at IS NOT NULL THEN c.arbitrator_id END,
                   '', '', '', ''
            FROM (SELECT *, extract(year FROM accepted_at AT TIME ZONE 'Asia/Shanghai')::int AS y
                  FROM bench_case) c""",
        ),
        (
            "cases_caseevent",
            """INSERT INTO cases_caseevent (case_id, kind, created_at, from_status, to_status, reason, data,
                actor_id)
            SELECT c.id, e.kind, e.at, e.from_status, e.to_status, e.reason, '{}'::jsonb, e.actor
            FROM bench_case c
            CROSS JOIN LATERAL (VALUES
                ('filed', c.received_at, '', 'submitted', '', NULL::bigint, true),
                ('refer_to_mediation', c.pre_started, 'submitted', 'pre_mediation', '', c.clerk_id,
                 c.has_pre),
                (CASE WHEN c.pre_outcome = 'agreement' THEN 'record_mediation_agreement'
                      ELSE 'record_mediation_failure' END,
                 c.pre_concluded, 'pre_mediation',
                 CASE WHEN c.pre_outcome = 'agreement' THEN 'mediated' ELSE 'submitted' END, '',
                 c.mediator_id, c.pre_concluded IS NOT NULL),
                ('accept', c.accepted_at, 'submitted', 'accepted', '', c.clerk_id, c.accepted_at IS NOT NULL),
                ('close', c.closed_at, 'deliberation', 'closed', '', c.arbitrator_id,
                 c.closed_at IS NOT NULL),
                (CASE WHEN c.path = 'rejected' THEN 'reject' ELSE 'withdraw' END, c.ended_at, 'submitted',
                 c.path, '申请人撤回申请', c.clerk_id, c.ended_at IS NOT NULL)
            ) AS e(kind, at, from_status, to_status, reason, actor, present)
            WHERE e.present
            ORDER BY c.id, e.at""",
        ),
        (
            "cases_deadline",
            f"""INSERT INTO cases_deadline (case_id, kind, key, starts_on, days, due_on, status, provisional,
                completed_on, responsible, basis, updated_at)
            SELECT c.id, 'ruling', '', {local}, c.ruling_days, {local} + c.ruling_days,
                   CASE WHEN c.closed_at IS NOT NULL THEN 'met'
                        WHEN {local} + c.ruling_days
                             < (%(now)s::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
                        THEN 'overdue' ELSE 'open' END,
                   false, {closed_day}, 'tribunal', 'L Art. 43', coalesce(c.closed_at, c.accepted_at)
            FROM bench_case c WHERE c.accepted_at IS NOT NULL""",
        ),
        (
            "cases_mediationepisode",
            """INSERT INTO cases_mediationepisode (case_id, stage, started_at, concluded_at, outcome,
                outcome_detail, agreement_confirmed_at, mediator_id, organisation_id)
            SELECT c.id, 'pre_filing', c.pre_started, c.pre_concluded,
                   CASE WHEN c.pre_concluded IS NOT NULL THEN c.pre_outcome ELSE '' END, '',
                   NULL::timestamptz, c.mediator_id, c.organisation_id
            FROM bench_case c WHERE c.has_pre
            UNION ALL
            SELECT c.id, 'in_arbitration', c.closed_at - interval '3 days', c.closed_at, 'agreement', '',
                   NULL::timestamptz, NULL::bigint, NULL::bigint
            FROM bench_case c WHERE c.closed_at IS NOT NULL AND c.closure = 'mediation'""",
        ),
        (
            "arbitration_award",
            f"""INSERT INTO arbitration_award (id, case_id, kind, status, costs, decided_by, award_date,
                updated_at, issued_at)
            SELECT c.id, c.id, 'final', 'issued', '', 'majority', {closed_day}, c.closed_at, c.closed_at
            FROM bench_case c WHERE c.closed_at IS NOT NULL AND c.closure = 'award'""",
        ),
        (
            "arbitration_awarditem",
            """INSERT INTO arbitration_awarditem (award_id, position, category, title, elements, breakdown,
                decision, finding, reasoning, final, final_reason)
            SELECT c.id, i.position, i.category, '', '[]'::jsonb, '[]'::jsonb, 'upheld', '', '', i.final, ''
            FROM bench_case c
            CROSS JOIN LATERAL (VALUES (0, 'wage_arrears', c.u_item1 < 0.7),
                                       (1, 'economic_compensation', c.u_item2 < 0.6))
                 AS i(position, category, final)
            WHERE c.closed_at IS NOT NULL AND c.closure = 'award'""",
        ),
        (
            "cases_service",
            """INSERT INTO cases_service (case_id, document, document_id, side, method, sent_at, effective_at,
                effective_by, proof, confirmed, recorded_at, recorded_by_id)
            SELECT c.id, 'award', c.id, s.side, 'electronic', c.closed_at, e.effective, 'opened', '', false,
                   c.closed_at, c.clerk_id
            FROM bench_case c
            CROSS JOIN LATERAL (VALUES
                ('applicant', c.closed_at + interval '1 day' * (1 + 19 * c.u_serve1)),
                ('respondent', c.closed_at + interval '1 day' * (1 + 19 * c.u_serve2))) AS s(side, at)
            CROSS JOIN LATERAL (SELECT CASE WHEN s.at <= %(now)s THEN s.at END AS effective) AS e
            WHERE c.closed_at IS NOT NULL AND c.closure = 'award'""",
        ),
        (
            "arbitration_courtchallenge",
            """INSERT INTO arbitration_courtchallenge (case_id, side, kind, filed_on, court, within_window,
                result, result_on, note, recorded_at, recorded_by_id)
            SELECT c.id, 'respondent', 'lawsuit',
                   ((c.closed_at + interval '12 days') AT TIME ZONE 'Asia/Shanghai')::date, '天河区人民法院',
                   CASE WHEN c.u_lawsuit < 0.07 THEN true WHEN c.u_lawsuit < 0.075 THEN NULL ELSE false END,
                   'pending', NULL, '', c.closed_at + interval '12 days', c.clerk_id
            FROM bench_case c
            WHERE c.closed_at IS NOT NULL AND c.closure = 'award' AND c.u_lawsuit < 0.08
              AND c.closed_at + interval '12 days' <= %(now)s""",
        ),
    ]


def _secondary_indexes(cursor) -> list[tuple[str, str]]:
    """(name, definition) of the indexes of TABLES that back no constraint."""
    cursor.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relname = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
        [TABLES],
    )
    return list(cursor.fetchall())


def load(count: int, *, log: Callable[[str], None] = print) -> Loaded:
    from django.conf import settings

    started = time.perf_counter()
    steps: dict[str, float] = {}
    params = {"now": clock.now()}

    def step(name: str, statements: list[str]) -> None:
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql, params if "%(now)s" in sql else None)
        steps[name] = round(time.perf_counter() - t0, 1)
        log(f"  {name}: {steps[name]} s")

    ids = _users()
    log(f"drawing {count:,} cases in PostgreSQL ...")
    step("staging", _staging_sql(count, ids))
    rows: dict[str, int] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        indexes = _secondary_indexes(cursor)
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
        for table, sql in _load_sql(settings.CASE_NUMBER_TEMPLATE):
            t0 = time.perf_counter()
            cursor.execute(sql, params if "%(now)s" in sql else None)
            rows[table] = cursor.rowcount
            steps[table] = round(time.perf_counter() - t0, 1)
            log(f"  {table}: {rows[table]:,} rows, {steps[table]} s")
        t0 = time.perf_counter()
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        steps["indexes"] = round(time.perf_counter() - t0, 1)
        log(f"  {len(indexes)} indexes rebuilt: {steps['indexes']} s")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_case")
        for table in TABLES:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    step("vacuum analyze", ["VACUUM ANALYZE"])
    seconds = time.perf_counter() - started
    log(f"loaded {count:,} cases in {seconds:.1f} s")
    return Loaded(cases=count, seconds=seconds, rows=rows, steps=steps)
