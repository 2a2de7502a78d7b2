"""Benchmark support for `make bench-planning` (scripts/bench-planning.sh drives it).

    manage.py bench_planning build --plans 10000   one team's caseload of N open support plans (people,
                                                   plans, two outcomes and one item each), made with
                                                   bulk inserts; tops up or skips when already built
    manage.py bench_planning measure --runs 20     the funding panel queue, a practitioner's caseload
                                                   and the team manager's decision queue, through the
                                                   Django test client on the real views, signed in as
                                                   the right user

For each page `measure` counts the SQL queries with --small open plans (100) and with all N, and
fails (exit status 1) if the counts differ: a page's queries must not grow with its rows. The "small"
count is taken inside a transaction that is rolled back, in which every benchmark plan but the first
--small is closed (status superseded), so the kept data is never changed. Then it times the request
(server time in this process: middleware, view, queries, template) over --runs runs after warm-up:
median and p95. The floor is the page's main query (the longest SELECT on support plans that the
page ran) executed again, bare, with a cursor: what listing those rows costs at the least; the ratio
is the page's median over the floor's. Prints a small table, then one line of JSON.

The plans are test data for a benchmark, not made through the services: statuses in a fixed mix
(submitted, in review, awaiting decision by the panel and by the team manager, draft), waiting since
a time spread over 30 days, all in the caseload of one team ("Bench planning team").
"""

from __future__ import annotations

import datetime
import json
import math
import random
import statistics
import time
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from firstperson.people.models import Person
from firstperson.planning.models import (
    ItemKind,
    ManagedBy,
    ManagementMethod,
    PlanItem,
    PlanOutcome,
    PlanStatus,
    SupportPlan,
)
from firstperson.planning.rules.delegation import Decider
from firstperson.platform.accounts.models import Team, TwoFactorDevice, User
from firstperson.platform.accounts.roles import Role

TEAM = "Bench planning team"
BATCH = 5_000
SEED = 20261122
#: The status mix, repeated in this order: (status, decision route).
MIX = (
    (PlanStatus.SUBMITTED, ""),
    (PlanStatus.IN_REVIEW, ""),
    (PlanStatus.AWAITING_DECISION, Decider.PANEL),
    (PlanStatus.AWAITING_DECISION, Decider.TEAM_MANAGER),
    (PlanStatus.DRAFT, ""),
)
USERS = {
    "practitioner": ("bench-planning-practitioner@example.invalid", Role.PRACTITIONER, True),
    "team_manager": ("bench-planning-manager@example.invalid", Role.TEAM_MANAGER, True),
    "panel_member": ("bench-planning-panel@example.invalid", Role.PANEL_MEMBER, False),
}
#: (what is measured, URL name, who looks at it)
PAGES = (
    ("funding panel queue", "planning:panel-queue", "panel_member"),
    ("practitioner's caseload", "planning:caseload", "practitioner"),
    ("team manager's decisions", "planning:decision-queue", "team_manager"),
)
AIM_MS = 300


def _name(index: int) -> str:
    return f"Bench{index:07d}"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


class Command(BaseCommand):
    help = "Benchmark the planning queues and caseload: build N open plans, or measure the pages."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["build", "measure"])
        parser.add_argument("--plans", type=int, default=10_000, help="open plans to build (build)")
        parser.add_argument("--small", type=int, default=100, help="open plans for the small query count")
        parser.add_argument("--runs", type=int, default=20, help="timed requests per page (measure)")
        parser.add_argument("--warm-up", type=int, default=3, help="untimed requests first (measure)")

    def handle(self, *args, **options):
        getattr(self, options["action"])(options)

    # --- build ------------------------------------------------------------------------------------

    def _team_and_users(self) -> tuple[Team, dict[str, User]]:
        team, _ = Team.objects.get_or_create(name=TEAM)
        users = {}
        for key, (username, role, in_team) in USERS.items():
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": username,
                    "role": role,
                    "team": team if in_team else None,
                    "first_name": "Bench",
                    "last_name": key.replace("_", " ").title(),
                },
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                TwoFactorDevice.objects.create(
                    user=user, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", confirmed_at=timezone.now()
                )
            users[key] = user
        return team, users

    def _bench_plans(self):
        return SupportPlan.objects.filter(person__allocated_team__name=TEAM)

    def build(self, options):
        wanted = options["plans"]
        team, users = self._team_and_users()
        existing = self._bench_plans().count()
        if existing == wanted:
            self._analyze()
            self.stdout.write(f"Already built: {existing} open plans in {TEAM}.")
            return
        if existing > wanted:
            raise CommandError(f"The database has {existing} benchmark plans, more than {wanted}; use an empty one.")
        started = time.perf_counter()
        rng = random.Random(SEED + existing)
        now = timezone.now()
        author = users["practitioner"]
        done = existing
        while done < wanted:
            size = min(BATCH, wanted - done)
            people, plans, outcomes, items = [], [], [], []
            for index in range(done, done + size):
                person = Person(
                    legal_given_name=_name(index),
                    legal_family_name="Planner",
                    search_name=f"{_name(index).lower()} planner",
                    date_of_birth=datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randint(0, 25_000)),
                    allocated_team=team,
                )
                status, route = MIX[index % len(MIX)]
                weekly_total = Decimal(rng.randint(5_000, 60_000)) / 100
                plan = SupportPlan(
                    person=person,
                    status=status,
                    decision_route=route,
                    weekly_budget_amount=Decimal("183.35"),
                    weekly_total=weekly_total,
                    management_method=ManagementMethod.DIRECT_PAYMENT,
                    contingency_plan="If my personal assistant is ill, my sister helps.",
                    waiting_since=None
                    if status == PlanStatus.DRAFT
                    else now - datetime.timedelta(seconds=rng.randint(0, 30 * 24 * 3600)),
                    created_by=author,
                    updated_by=author,
                )
                for order, (code, words) in enumerate(
                    (("A_HYGIENE", "I want to get ready in the morning"), ("A_COMMUNITY", "I want to get out"))
                ):
                    outcome = PlanOutcome(plan=plan, in_own_words=words, eligible_outcome_code=code, order=order)
                    outcomes.append(outcome)
                    items.append(
                        PlanItem(
                            plan=plan,
                            outcome=outcome,
                            kind=ItemKind.DAY_OPPORTUNITY,
                            description="Support to meet this outcome",
                            weekly_amount=weekly_total / 2,
                            weekly_cost=weekly_total / 2,
                            managed_by=ManagedBy.DIRECT_PAYMENT,
                            order=0,
                        )
                    )
                people.append(person)
                plans.append(plan)
            with transaction.atomic():
                Person.objects.bulk_create(people)
                for plan in plans:
                    plan.person_id = plan.person.pk
                SupportPlan.objects.bulk_create(plans)
                for outcome in outcomes:
                    outcome.plan_id = outcome.plan.pk
                PlanOutcome.objects.bulk_create(outcomes)
                for item in items:
                    item.plan_id, item.outcome_id = item.plan.pk, item.outcome.pk
                PlanItem.objects.bulk_create(items)
            done += size
            if done % 50_000 == 0 or done == wanted:
                self.stdout.write(f"   built {done}/{wanted}")
        self._analyze()
        self.stdout.write(f"Built {wanted - existing} open plans in {time.perf_counter() - started:.1f} s.")

    def _analyze(self):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    # --- measure ----------------------------------------------------------------------------------

    def _client(self, user: User) -> Client:
        hosts = [host for host in settings.ALLOWED_HOSTS if host and host != "*" and not host.startswith(".")]
        client = Client(HTTP_HOST=hosts[0] if hosts else "testserver")
        client.force_login(user)
        session = client.session
        session["two_factor_verified"] = True
        session.save()
        return client

    def _get(self, client: Client, url: str, title: str):
        response = client.get(url)
        if response.status_code != 200:
            raise CommandError(
                f"The {title} ({url}) answered {response.status_code}, not 200: is the view written, and may "
                "this user see it?"
            )
        return response

    def _count(self, client: Client, url: str, title: str) -> tuple[int, list[str]]:
        self._get(client, url, title)  # warm: sessions, caches, first-use queries
        with CaptureQueriesContext(connection) as captured:
            self._get(client, url, title)
        return len(captured), [query["sql"] for query in captured.captured_queries]

    def _count_small(self, client: Client, url: str, title: str, small: int) -> int:
        """The query count with only the first `small` benchmark plans open, in a rolled-back transaction."""
        keep = [_name(index) for index in range(small)]
        with transaction.atomic():
            self._bench_plans().exclude(person__legal_given_name__in=keep).update(status=PlanStatus.SUPERSEDED)
            count, _ = self._count(client, url, title)
            transaction.set_rollback(True)
        return count

    @staticmethod
    def _main_query(sqls: list[str]) -> str:
        table = SupportPlan._meta.db_table
        selects = [
            sql
            for sql in sqls
            if sql.lstrip().upper().startswith("SELECT") and table in sql and "COUNT(" not in sql.upper()
        ]
        if not selects:
            raise CommandError("The page ran no SELECT on support plans: nothing to take as its main query.")
        return max(selects, key=len)

    def _time_floor(self, sql: str, runs: int) -> list[float]:
        times = []
        with connection.cursor() as cursor:
            for _ in range(2):
                cursor.execute(sql)
                cursor.fetchall()
            for _ in range(runs):
                started = time.perf_counter()
                cursor.execute(sql)
                cursor.fetchall()
                times.append((time.perf_counter() - started) * 1000)
        return times

    def measure(self, options):
        _team, users = self._team_and_users()
        plans = self._bench_plans().count()
        small = options["small"]
        if plans <= small:
            raise CommandError(f"Only {plans} benchmark plans: build more than --small ({small}) first.")
        runs, warm_up = options["runs"], options["warm_up"]
        results = []
        for title, url_name, who in PAGES:
            url = reverse(url_name)
            client = self._client(users[who])
            small_count = self._count_small(client, url, title, small)
            big_count, sqls = self._count(client, url, title)
            for _ in range(warm_up):
                response = self._get(client, url, title)
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                response = self._get(client, url, title)
                times.append((time.perf_counter() - started) * 1000)
            main = self._main_query(sqls)
            floor = self._time_floor(main, runs)
            median, floor_median = statistics.median(times), statistics.median(floor)
            results.append(
                {
                    "page": title,
                    "url": url,
                    "queries_small": small_count,
                    "queries_all": big_count,
                    "median_ms": round(median, 2),
                    "p95_ms": round(_percentile(times, 0.95), 2),
                    "floor_median_ms": round(floor_median, 3),
                    "of_floor": round(median / floor_median, 1) if floor_median else None,
                    "bytes": len(response.content),
                }
            )
        self._report(results, plans=plans, small=small, runs=runs)
        differ = [r["page"] for r in results if r["queries_small"] != r["queries_all"]]
        if differ:
            raise CommandError(
                f"The number of queries grows with the number of plans on: {', '.join(differ)} "
                f"({small} plans against {plans})."
            )

    def _report(self, results, *, plans: int, small: int, runs: int):
        vendor = connection.vendor
        self.stdout.write(
            f"Planning pages on {vendor}, {plans} open plans in one team's caseload "
            f"(server time in process, {runs} runs after warm-up)"
        )
        header = (
            f"{'page':<26} {'queries@' + str(small):>11} {'queries@' + str(plans):>13} {'median ms':>10} "
            f"{'p95 ms':>8} {'floor ms':>9} {'of floor':>9} {'p95 <' + str(AIM_MS) + ' ms':>12}"
        )
        self.stdout.write(header)
        for r in results:
            aim = "met" if r["p95_ms"] < AIM_MS else "missed"
            self.stdout.write(
                f"{r['page']:<26} {r['queries_small']:>11} {r['queries_all']:>13} {r['median_ms']:>10.1f} "
                f"{r['p95_ms']:>8.1f} {r['floor_median_ms']:>9.2f} {r['of_floor'] or 0:>9.1f} {aim:>12}"
            )
        self.stdout.write(json.dumps({"database": vendor, "plans": plans, "small": small, "pages": results}))
