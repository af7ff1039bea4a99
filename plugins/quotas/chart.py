"""A bar chart as inline SVG, drawn at build time (no JavaScript). Pure.

The chart is an image for sighted readers; the page shows the same numbers
in a table, and the SVG carries ``role="img"`` with a title and a short
description naming every value for screen readers.
"""

from __future__ import annotations

from typing import Sequence

from markupsafe import Markup

WIDTH = 640
HEIGHT = 260
TOP = 28  # room for the value labels above the tallest bar
BOTTOM = 32  # room for the labels under the axis
LEFT = 12
RIGHT = 12


def _ticks(top: int) -> int:
    """A round scale maximum ≥ ``top`` (at least 1)."""
    top = max(top, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top <= step * 5:
            return -(-top // step) * step
    return top


def bar_chart(values: Sequence[int], labels: Sequence[str], *, title: str, description: str,
              element_id: str, long_labels: Sequence[str] | None = None) -> Markup:
    """SVG markup (``Markup``, every value escaped): one bar per value, its value
    written above it, its label below.

    ``labels`` are the short axis labels (``T1``); ``long_labels`` (``tháng 1``)
    are used in the spoken description.
    """
    if len(values) != len(labels):
        raise ValueError("values and labels must have the same length")
    long_labels = list(long_labels or labels)
    scale_max = _ticks(max(values, default=0))
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(values), 1)
    bar_w = slot * 0.62
    baseline = TOP + plot_h
    title_id, desc_id = f"{element_id}-tieu-de", f"{element_id}-mo-ta"
    spoken = "; ".join(f"{lab}: {val}" for lab, val in zip(long_labels, values))
    # Markup.format escapes every interpolated value (ids, names, labels, numbers);
    # presentation attributes only, never style="…" (the CSP has no 'unsafe-inline').
    parts = [
        Markup('<svg xmlns="http://www.w3.org/2000/svg" class="quota-chart" id="{}" '
               'viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="{} {}" '
               'font-family="system-ui, sans-serif" font-size="13">').format(
            element_id, WIDTH, HEIGHT, title_id, desc_id),
        Markup('<title id="{}">{}</title>').format(title_id, title),
        Markup('<desc id="{}">{} {}.</desc>').format(desc_id, description, spoken),
        Markup('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#555" stroke-width="1"/>').format(
            LEFT, baseline, WIDTH - RIGHT, baseline),
    ]
    for index, (value, label) in enumerate(zip(values, labels)):
        x = LEFT + index * slot + (slot - bar_w) / 2
        height = plot_h * value / scale_max if value else 0
        y = baseline - height
        centre = x + bar_w / 2
        if value:
            parts.append(Markup('<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="#b3261e">'
                                '<title>{}: {}</title></rect>').format(x, y, bar_w, height, long_labels[index], value))
        parts.append(Markup('<text x="{:.1f}" y="{:.1f}" text-anchor="middle" fill="#222">{}</text>').format(
            centre, y - 6, value))
        parts.append(Markup('<text x="{:.1f}" y="{}" text-anchor="middle" fill="#222">{}</text>').format(
            centre, baseline + 20, label))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
