"""The Guangzhou figures the calculator starts with; supervisors correct and extend them in the admin.

domain.md gives no figures. The monthly minimum wages are Guangzhou's (first category) as published in
Guangdong's provincial minimum-wage adjustments, written here from the published figures as known when
this was written. The local average monthly wage is NOT a verified figure: no source was at hand, so the
row is a marked placeholder of the right order of magnitude that a supervisor must replace with the
statistics bureau's published figure (its ``source`` says so, and every calculation that uses it shows it).
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

MINIMUM_WAGE_SOURCE = "广东省最低工资标准调整（广州市，一类）"
FIGURES = [
    ("minimum_wage", date(2015, 5, 1), Decimal("1895.00"), MINIMUM_WAGE_SOURCE),
    ("minimum_wage", date(2018, 7, 1), Decimal("2100.00"), MINIMUM_WAGE_SOURCE),
    ("minimum_wage", date(2021, 12, 1), Decimal("2300.00"), MINIMUM_WAGE_SOURCE),
    ("minimum_wage", date(2025, 3, 1), Decimal("2500.00"), MINIMUM_WAGE_SOURCE),
    (
        "average_monthly_wage",
        date(2021, 1, 1),
        Decimal("12000.00"),
        "未经核实的占位数字：请主管人员按统计部门公布的广州市职工月平均工资更正 (unverified placeholder)",
    ),
]


def seed(apps, schema_editor):
    LocalFigure = apps.get_model("arbitration", "LocalFigure")
    for kind, effective_from, amount, source in FIGURES:
        LocalFigure.objects.get_or_create(
            kind=kind,
            region="广州市",
            effective_from=effective_from,
            defaults={"amount": amount, "source": source},
        )


def unseed(apps, schema_editor):
    LocalFigure = apps.get_model("arbitration", "LocalFigure")
    for kind, effective_from, _amount, _source in FIGURES:
        LocalFigure.objects.filter(kind=kind, region="广州市", effective_from=effective_from).delete()


class Migration(migrations.Migration):
    dependencies = [("arbitration", "0001_local_figures")]

    operations = [migrations.RunPython(seed, unseed)]
