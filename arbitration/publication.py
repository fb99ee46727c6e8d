"""Publishing issued awards, anonymised, for the public (issue 11, point 7): the award's text, what the
case knows about its people, the supervisor's publish and "typical case" writes, and the public reads.

The published text is composed from the issued award (its parties' particulars included, as an award
names them) and anonymised by ``arbitration.anonymise``; ``find_personal`` then checks the result with
its own rules and the case's known identifiers, and publication is refused with the spans it finds. A
supervisor who sees such a refusal may send the text corrected by hand: it is checked the same way.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import PartyKind, User
from accounts.roles import PUBLICATION_ROLES, has_role
from arbitration import search
from arbitration.anonymise import Known, anonymise, find_personal
from arbitration.models import Award, AwardKind, AwardStatus, Decision, PublishedAward
from cases.models import Case, ClaimCategory, Side
from cases.services.kernel import lock_case, record_event
from core import clock
from core.errors import ApplicationError, Conflict, Forbidden, NotFound

AWARD_PUBLISHED = "award_published"
AWARD_TYPICAL = "award_typical"
MAX_TEXT = 100_000

DECISION_WORDS: dict[str, str] = {
    Decision.UPHELD: "予以支持",
    Decision.PARTLY_UPHELD: "部分予以支持",
    Decision.DISMISSED: "予以驳回",
}
NUMERALS = "一二三四五六七八九十"


def _numeral(index: int) -> str:
    return NUMERALS[index] if index < len(NUMERALS) else str(index + 1)


def _money(amount: Decimal | None) -> str:
    return f"{amount:,.2f}元" if amount is not None else ""


def known_of(case: Case) -> Known:
    """The names and identifiers the case holds about its parties, their representatives and agents."""
    persons: list[str] = []
    organisations: list[str] = []
    identifiers: list[str] = []
    for role in case.parties.select_related("party"):
        party = role.party
        names = [party.name, role.stated_name]
        if party.kind == PartyKind.ORGANISATION:
            organisations.extend(n for n in names if n)
            if party.legal_representative:
                persons.append(party.legal_representative)
        else:
            persons.extend(n for n in names if n)
        identifiers.extend(
            v
            for v in (
                party.id_number,
                party.credit_code,
                party.phone,
                party.address,
                role.stated_phone,
                role.stated_address,
            )
            if v
        )
    for agent in case.agents.select_related("user"):
        if agent.user.display_name:
            persons.append(agent.user.display_name)
    return Known(tuple(dict.fromkeys(persons)), tuple(dict.fromkeys(organisations)), tuple(identifiers))


def _party_lines(case: Case) -> list[str]:
    lines: list[str] = []
    for role in case.parties.select_related("party").order_by("side", "position", "id"):
        party = role.party
        label = "申请人" if role.side == Side.APPLICANT else "被申请人"
        parts = [f"{label}：{party.name}"]
        if party.kind == PartyKind.ORGANISATION:
            parts.append(f"统一社会信用代码：{party.credit_code}")
            if party.address:
                parts.append(f"住所地：{party.address}")
            lines.append("，".join(parts) + "。")
            if party.legal_representative:
                lines.append(f"法定代表人：{party.legal_representative}。")
        else:
            parts.append(f"公民身份号码：{party.id_number}")
            if party.address or role.stated_address:
                parts.append(f"住址：{party.address or role.stated_address}")
            if party.phone or role.stated_phone:
                parts.append(f"联系电话：{party.phone or role.stated_phone}")
            lines.append("，".join(parts) + "。")
    return lines


def award_text(award: Award) -> str:
    """The award as a plain text, in Chinese: the parties, the claims, the findings and reasons per
    item, and the award itself."""
    case = award.case
    items = list(award.items.select_related("claim"))
    with translation.override("zh-hans"):
        lines = [f"劳动人事争议仲裁裁决书　{case.case_number or ''}".strip(), ""]
        lines += _party_lines(case)
        lines += ["", "申请人的仲裁请求："]
        for index, claim in enumerate(case.claims.filter(withdrawn=False).order_by("position", "id")):
            lines.append(f"{index + 1}. {claim.description}（{_money(claim.amount)}）")
        lines += ["", "事实与理由：", case.facts, "", "本委查明："]
        for item in items:
            heading = item.title or str(ClaimCategory(item.category).label)
            lines.append(f"关于{heading}：")
            for element in item.elements or []:
                found = element.get("finding") or (element.get("applicant") if element.get("agreed") else "")
                if found:
                    lines.append(f"{element.get('element', '')}：{found}。")
            if item.finding:
                lines.append(item.finding)
        lines += ["", "本委认为："]
        lines += [item.reasoning for item in items if item.reasoning]
        lines += ["", "裁决如下："]
        for index, item in enumerate(items):
            heading = item.title or str(ClaimCategory(item.category).label)
            line = f"{_numeral(index)}、{heading}：{DECISION_WORDS.get(item.decision, '')}"
            if item.granted:
                line += f"，被申请人应支付申请人{_money(item.granted)}"
            lines.append(line + "。")
            if item.final is not None:
                lines.append("（本项为终局裁决。）" if item.final else "（本项为非终局裁决。）")
        if award.costs:
            lines.append(award.costs)
        if award.award_date:
            lines += ["", f"{award.award_date.year}年{award.award_date.month}月{award.award_date.day}日"]
    return "\n".join(lines)


def _title(award: Award) -> str:
    with translation.override("zh-hans"):
        labels = [str(ClaimCategory(c).label) for c in dict.fromkeys(i.category for i in award.items.all())]
    number = award.case.case_number or ""
    return f"{'、'.join(labels[:3])}争议仲裁裁决 {number}".strip()[:200]


def refusal(spans: list[dict[str, object]]) -> ApplicationError:
    """400 listing the spans that still look personal, each under ``fields.text`` and in ``spans``."""
    messages = [
        _("“%(text)s” (characters %(start)s–%(end)s) still looks like personal data (%(kind)s).")
        % {"text": s["text"], "start": s["start"], "end": s["end"], "kind": s["kind"]}
        for s in spans
    ]
    return ApplicationError(
        _("The anonymised text still contains personal data: correct it and publish again."),
        code="personal_data",
        fields={"text": messages},
        extra={"spans": spans},
    )


def check_publisher(user: User) -> None:
    if not has_role(user, PUBLICATION_ROLES):
        raise Forbidden(_("Only a supervisor publishes awards."))


def award_to_publish(case: Case) -> Award:
    """The case's issued award to publish: its final award (409 when there is none)."""
    award = (
        Award.objects.filter(case=case, status=AwardStatus.ISSUED, kind=AwardKind.FINAL)
        .select_related("case")
        .first()
    )
    if award is None:
        raise Conflict(_("This case has no issued award to publish."))
    return award


def award_preview(*, case: Case, user: User) -> tuple[str, list[dict[str, object]]]:
    """The anonymised text as it would be published, and what the check still finds in it."""
    check_publisher(user)
    award = award_to_publish(case)
    known = known_of(case)
    text = anonymise(award_text(award), known)
    return text, [s.as_dict() for s in find_personal(text, known)]


@transaction.atomic
def award_publish(*, case: Case, user: User, text: str = "", typical: bool = False) -> PublishedAward:
    """Publish the case's issued award, anonymised (or as the supervisor corrected the anonymised
    ``text``); refused (400, with the spans) while the text still looks personal, 409 when there is no
    issued award or it is already published."""
    check_publisher(user)
    case = lock_case(case)
    award = award_to_publish(case)
    if PublishedAward.objects.filter(award=award).exists():
        raise Conflict(_("This award is already published."))
    known = known_of(case)
    published = text.strip() or anonymise(award_text(award), known)
    if len(published) > MAX_TEXT:
        raise ApplicationError(_("Invalid input."), fields={"text": [_("The text is too long.")]})
    spans = find_personal(published, known)
    if spans:
        raise refusal([s.as_dict() for s in spans])
    now = clock.now()
    assert award.award_date is not None
    try:
        with transaction.atomic():
            row = PublishedAward.objects.create(
                award=award,
                title=_title(award),
                text=published,
                claim_categories=" ".join(dict.fromkeys(i.category for i in award.items.all())),
                year=award.award_date.year,
                typical=typical,
                typical_by=user if typical else None,
                published_by=user,
                published_at=now,
                search_terms=search.terms(published),
            )
    except IntegrityError:
        raise Conflict(_("This award is already published.")) from None
    record_event(case, AWARD_PUBLISHED, user, data={"published_award": row.pk, "typical": typical})
    return row


@transaction.atomic
def published_award_set_typical(*, published: PublishedAward, user: User, typical: bool) -> PublishedAward:
    """Flag (or unflag) a published award as a typical case (典型案例)."""
    check_publisher(user)
    published = PublishedAward.objects.select_for_update().select_related("award__case").get(pk=published.pk)
    if published.typical != typical:
        published.typical = typical
        published.typical_by = user if typical else None
        published.save(update_fields=["typical", "typical_by"])
        record_event(
            published.award.case,
            AWARD_TYPICAL,
            user,
            data={"published_award": published.pk, "typical": typical},
        )
    return published


# --- reads ------------------------------------------------------------------------------------------------


def published_awards(
    *, query: str = "", claim_category: str = "", year: int | None = None, typical: bool = False
) -> QuerySet[PublishedAward]:
    """The public's search: published awards only (anything else is not in this table), newest first."""
    rows = PublishedAward.objects.all()
    if claim_category:
        rows = rows.filter(claim_categories__regex=rf"(^| ){claim_category}( |$)")
    if year is not None:
        rows = rows.filter(year=year)
    if typical:
        rows = rows.filter(typical=True)
    return search.matching(rows, query).order_by("-typical", "-published_at", "-id")


def published_award_get(pk: int | str) -> PublishedAward:
    try:
        return PublishedAward.objects.get(pk=int(pk))
    except (TypeError, ValueError, PublishedAward.DoesNotExist):
        raise NotFound(_("No such published award.")) from None


def publication_years() -> list[int]:
    return list(PublishedAward.objects.order_by("-year").values_list("year", flat=True).distinct())
