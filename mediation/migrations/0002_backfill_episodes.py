"""Episodes for the mediations recorded before episodes existed, read back from each case's timeline.

The same reading as ``mediation.services.episode_follow_event``, restated here so the migration does not
change when the service does.
"""

from django.db import migrations

OPENING = {"refer_to_mediation": "pre_filing", "start_mediation": "in_arbitration"}
CONCLUDING = {
    "record_mediation_agreement": "agreement",
    "record_mediation_failure": "failed",
    "end_mediation": "failed",
    "close_by_mediation": "agreement",
    "withdraw": "withdrawn",
}


def backfill(apps, schema_editor):
    CaseEvent = apps.get_model("cases", "CaseEvent")
    MediationEpisode = apps.get_model("cases", "MediationEpisode")
    seen = set(MediationEpisode.objects.values_list("case_id", flat=True))
    events = (
        CaseEvent.objects.filter(kind__in=[*OPENING, *CONCLUDING])
        .exclude(case_id__in=seen)
        .select_related("case")
        .order_by("case_id", "created_at", "id")
    )
    open_by_case = {}
    for event in events.iterator(chunk_size=1000):
        if event.kind in OPENING:
            open_by_case[event.case_id] = MediationEpisode.objects.create(
                case_id=event.case_id,
                stage=OPENING[event.kind],
                organisation_id=event.case.mediation_organisation_id if event.kind == "refer_to_mediation" else None,
                mediator_id=event.actor_id if event.kind == "start_mediation" else None,
                started_at=event.created_at,
            )
            continue
        episode = open_by_case.get(event.case_id)
        if episode is None:
            continue
        if event.kind == "withdraw" and event.from_status not in ("pre_mediation", "mediation"):
            continue
        episode.outcome = CONCLUDING[event.kind]
        episode.concluded_at = event.created_at
        if event.kind == "record_mediation_agreement":
            # Recorded under the old rule, without parties' confirmations: the outcome stands as recorded.
            episode.agreement_confirmed_at = event.created_at
        episode.save()
        del open_by_case[event.case_id]


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_mediationepisode"),
        ("mediation", "0001_initial"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
