"""Small SVG charts drawn on the server: rates (0 to 1) over time and by group, against target lines.

No script and nothing fetched: the page ships the SVG in its HTML and the colours in
``arbitration/static/arbitration/supervision.css``. Each point and bar carries its figure in
``data-value`` (the API's decimal string) and a ``<title>`` a screen reader or a long press shows; each
target line carries ``data-target``. The drawing scales to its box (``viewBox``), so it fits a phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Series:
    name: str  # a figure's name: the CSS class and data-series
    label: str
    values: list[tuple[str, str, str | None]]  # (key, label, value as the API gives it, or None)


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    value: str


def _share(value: str | None) -> float | None:
    return None if value is None else min(1.0, max(0.0, float(Decimal(value))))


def _percent(value: str | None) -> str:
    if value is None:
        return "—"
    return f"{(Decimal(value) * 100).quantize(Decimal('0.1'))}%"


# --- over time ------------------------------------------------------------------------------------------

WIDTH, HEIGHT = 420, 230
LEFT, RIGHT, TOP, BOTTOM = 40, 14, 12, 38


def line_chart(title: str, series: list[Series], targets: list[Target]) -> SafeString:
    """Each series a line of points, month by month (a gap where a month has no value)."""
    keys = [(key, label) for key, label, _v in series[0].values] if series else []
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(keys) - 1) if len(keys) > 1 else 0.0

    def x(i: int) -> float:
        return LEFT + (i * step if len(keys) > 1 else plot_w / 2)

    def y(share: float) -> float:
        return TOP + plot_h * (1 - share)

    parts: list[Any] = []
    for tick in (0, 0.25, 0.5, 0.75, 1):
        parts.append(_gridline(tick, (LEFT, WIDTH - RIGHT, y(tick), y(tick)), (LEFT - 6, y(tick) + 4), "end"))
    every = max(1, (len(keys) + 5) // 6)  # at most about six labels under the axis
    for i, (_key, label) in enumerate(keys):
        if i % every == 0 or i == len(keys) - 1:
            # The first and last labels stay inside the drawing.
            anchor = "end" if i == len(keys) - 1 and i else "start" if i == 0 and len(keys) > 1 else "middle"
            parts.append(
                format_html(
                    '<text class="axis" x="{}" y="{}" text-anchor="{}">{}</text>',
                    _n(x(i)),
                    HEIGHT - 18,
                    anchor,
                    label,
                )
            )
    for target in targets:
        share = _share(target.value) or 0.0
        parts.append(_target_line(target, (LEFT, WIDTH - RIGHT, y(share), y(share))))
    for s in series:
        runs: list[list[str]] = [[]]
        for i, (_key, _label, value) in enumerate(s.values):
            at = _share(value)
            if at is None:
                runs.append([])
            else:
                runs[-1].append(f"{_n(x(i))},{_n(y(at))}")
        for run in runs:
            if len(run) > 1:
                parts.append(
                    format_html('<polyline class="line series-{}" points="{}"/>', s.name, " ".join(run))
                )
        for i, (key, label, value) in enumerate(s.values):
            point = _share(value)
            if point is None:
                continue
            parts.append(
                format_html(
                    '<circle class="point series-{}" data-series="{}" data-key="{}" data-value="{}" cx="{}" '
                    'cy="{}" r="4"><title>{} {}: {}</title></circle>',
                    s.name,
                    s.name,
                    key,
                    value,
                    _n(x(i)),
                    _n(y(point)),
                    label,
                    s.label,
                    _percent(value),
                )
            )
    return _svg(title, WIDTH, HEIGHT, parts, "trend")


# --- by group ----------------------------------------------------------------------------------------------

BAR, GAP, LABEL_W = 14, 10, 112


def bar_chart(title: str, series: list[Series], targets: list[Target], name: str) -> SafeString:
    """Horizontal bars, one row per group with a bar per series, the targets as vertical lines."""
    groups = [(key, label) for key, label, _v in series[0].values] if series else []
    row_h = BAR * len(series) + GAP
    height = TOP + row_h * max(1, len(groups)) + 24
    plot_w = WIDTH - LABEL_W - RIGHT - 40

    def x(share: float) -> float:
        return LABEL_W + plot_w * share

    parts: list[Any] = []
    for tick in (0, 0.5, 1):
        parts.append(_gridline(tick, (x(tick), x(tick), TOP, height - 20), (x(tick), height - 6), "middle"))
    for row, (key, label) in enumerate(groups):
        top = TOP + row * row_h
        parts.append(
            format_html(
                '<text class="group" x="{}" y="{}" text-anchor="end">{}</text>',
                LABEL_W - 8,
                _n(top + BAR * len(series) / 2 + 4),
                _short(label),
            )
        )
        for k, s in enumerate(series):
            value = s.values[row][2]
            share = _share(value)
            width = plot_w * (share or 0.0)
            parts.append(
                format_html(
                    '<rect class="bar series-{}" data-series="{}" data-group="{}" data-value="{}" x="{}" '
                    'y="{}" width="{}" height="{}"><title>{} · {}: {}</title></rect>'
                    '<text class="bar-value" x="{}" y="{}">{}</text>',
                    s.name,
                    s.name,
                    key,
                    "" if value is None else value,
                    LABEL_W,
                    top + k * BAR,
                    _n(width),
                    BAR - 2,
                    label,
                    s.label,
                    _percent(value),
                    _n(LABEL_W + width + 4),
                    top + k * BAR + BAR - 4,
                    _percent(value),
                )
            )
    for target in targets:
        share = _share(target.value) or 0.0
        parts.append(_target_line(target, (x(share), x(share), TOP - 4, height - 20)))
    return _svg(title, WIDTH, height, parts, name)


Segment = tuple[float, float, float, float]  # x1, x2, y1, y2


def _gridline(tick: float, line: Segment, at: tuple[float, float], anchor: str) -> SafeString:
    """A grid line at ``tick`` (a share) with its percentage written at ``at``."""
    x1, x2, y1, y2 = (_n(v) for v in line)
    return format_html(
        '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '<text class="axis" x="{}" y="{}" text-anchor="{}">{}%</text>',
        x1,
        x2,
        y1,
        y2,
        _n(at[0]),
        _n(at[1]),
        anchor,
        int(tick * 100),
    )


def _target_line(target: Target, line: Segment) -> SafeString:
    """A target (60 %, 90 %…) as a line across the plot, named in its tooltip."""
    x1, x2, y1, y2 = (_n(v) for v in line)
    return format_html(
        '<line class="target target-{}" data-target="{}" data-value="{}" x1="{}" x2="{}" y1="{}" '
        'y2="{}"><title>{}: {}</title></line>',
        target.name,
        target.name,
        target.value,
        x1,
        x2,
        y1,
        y2,
        target.label,
        _percent(target.value),
    )


def _n(value: float) -> str:
    return f"{value:.1f}"


def _short(label: str, limit: int = 8) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _svg(title: str, width: int, height: int, parts: list[Any], name: str) -> SafeString:
    body = format_html_join("", "{}", ((p,) for p in parts))
    return format_html(
        '<svg class="chart" data-chart="{}" viewBox="0 0 {} {}" role="img" aria-label="{}" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        name,
        width,
        height,
        title,
        title,
        mark_safe(body),  # noqa: S308 - built from format_html above, every value escaped there
    )
