"""The demo story registry: stories run after the ones they name, a missing or circular dependency is
refused before anything is seeded, and a story an app (here: a test) registers runs in ``seed_demo``."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from pytest_django.fixtures import Settings

from accounts.models import MediationOrganisation, Party, User
from cases import demo
from cases.models import Case
from core.demo import STORIES, Counts, DemoContext, DemoStories, StoryError


def test_each_story_runs_after_the_ones_it_names_and_the_counts_add_up() -> None:
    stories, ran = DemoStories(), list[str]()  # a registry of the test's own, apart from the apps' stories
    for name, after in (
        ("hearings", ("disputes",)),
        ("disputes", ("people",)),
        ("agreements", ("people", "disputes")),
        ("people", ()),
        ("glossary", ()),
    ):

        def seed(context: DemoContext, name: str = name) -> Counts:
            ran.append(name)
            return {name: 1, "things": 1}

        stories.register(name, seed, after=after)

    order = [story.name for story in stories.ordered()]
    # Dependencies first; otherwise registration order (INSTALLED_APPS order when apps register).
    assert order == ["people", "disputes", "hearings", "agreements", "glossary"]

    created = stories.run()
    assert ran == order
    # Summed by kind, in the order the kinds first appear: the order of seed_demo's summary line.
    assert list(created.items()) == [
        ("people", 1),
        ("things", 5),
        ("disputes", 1),
        ("hearings", 1),
        ("agreements", 1),
        ("glossary", 1),
    ]


def test_a_story_after_one_no_app_registers_is_refused() -> None:
    stories = DemoStories()
    stories.register("accounts", lambda context: {})
    stories.register("cases", lambda context: {}, after=("accounts", "calendar"))
    with pytest.raises(StoryError, match="'cases' comes after 'calendar', but no installed app registers"):
        stories.ordered()


def test_stories_that_depend_on_each_other_in_a_cycle_are_refused_naming_the_cycle() -> None:
    stories = DemoStories()
    stories.register("accounts", lambda context: {})
    stories.register("cases", lambda context: {}, after=("accounts", "hearings"))
    stories.register("hearings", lambda context: {}, after=("cases",))
    with pytest.raises(StoryError, match="in a cycle: cases -> hearings -> cases"):
        stories.ordered()

    alone = DemoStories()
    alone.register("narcissus", lambda context: {}, after=("narcissus",))
    with pytest.raises(StoryError, match="in a cycle: narcissus -> narcissus"):
        alone.ordered()


def test_one_name_registered_twice_is_refused() -> None:
    stories = DemoStories()
    stories.register("accounts", lambda context: {})
    with pytest.raises(StoryError, match="'accounts' is already registered"):
        stories.register("accounts", lambda context: {})


def test_the_context_finds_records_by_model_and_key_and_says_what_is_missing() -> None:
    context = DemoContext()
    clerk, agent = User(username="clerk"), User(username="agent")
    context.add("clerk", clerk)
    context.add("agent", agent)
    assert context.get(User, "clerk") is clerk
    assert context.all(User) == {"clerk": clerk, "agent": agent}
    assert context.all(Case) == {}
    with pytest.raises(KeyError, match="no demo Party 'clerk'"):
        context.get(Party, "clerk")


def test_the_apps_register_accounts_then_cases() -> None:
    names = [story.name for story in STORIES.ordered()]
    assert names.index("accounts") < names.index("cases")


@pytest.mark.django_db
def test_seed_demo_refuses_a_cycle_before_seeding_anything(settings: Settings) -> None:
    settings.ALLOW_DEMO_DATA = True
    with STORIES.scoped():
        STORIES.register("ouroboros", lambda context: {}, after=("ouroboros",))
        with pytest.raises(CommandError, match="in a cycle: ouroboros -> ouroboros"):
            call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.exists()
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_a_story_registered_by_a_test_runs_in_seed_demo_after_the_apps_stories(settings: Settings) -> None:
    """It runs after the cases, finds the accounts' party and a demo case by key, and is counted."""
    settings.ALLOW_DEMO_DATA = True
    seen: list[tuple[str, str, int]] = []

    def committee(context: DemoContext) -> Counts:
        employer = context.get(Party, "yunfan")
        case = context.get(Case, "zhang_wei-yunfan-dismissal")
        seen.append((context.get(User, "clerk").username, case.facts, len(context.all(Case))))
        assert case.parties.filter(party=employer).exists()
        _, made = MediationOrganisation.objects.get_or_create(
            name=f"{employer.name}劳动争议调解委员会",
            defaults={"kind": MediationOrganisation.Kind.ENTERPRISE_COMMITTEE},
        )
        return {"committees": int(made)}

    with STORIES.scoped():
        STORIES.register("committees", committee, after=("cases",))
        first, second = io.StringIO(), io.StringIO()
        call_command("seed_demo", stdout=first)
        call_command("seed_demo", stdout=second)
    assert "committees" not in [story.name for story in STORIES.ordered()]  # scoped: gone again

    dismissal = next(spec for spec in demo.CASES if spec.key == "zhang_wei-yunfan-dismissal")
    assert seen == [("clerk", dismissal.facts, len(demo.CASES))] * 2  # found on both runs
    assert f"{len(demo.CASES)} cases, " in first.getvalue() and ", 1 committees in" in first.getvalue()
    assert "0 cases, " in second.getvalue() and ", 0 committees in" in second.getvalue()
    assert MediationOrganisation.objects.filter(kind="enterprise_committee").count() == 1
