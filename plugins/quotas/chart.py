"""A bar chart as inline SVG, drawn at build time (no JavaScript). Pure.

The chart is an image for sighted readers; the page shows the same numbers
in a table, and the SVG carries ``role="img"`` with a title and a short
description naming every value for screen readers.
"""

from __future__ import annotations

from html import escape
from typing import Sequence

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
              element_id: str, long_labels: Sequence[str] | None = None) -> str:
    """SVG markup: one bar per value, its value written above it, its label below.

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
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="quota-chart" id="{escape(element_id)}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="system-ui, sans-serif" font-size="13">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)} {escape(spoken)}.</desc>',
        f'<line x1="{LEFT}" y1="{baseline}" x2="{WIDTH - RIGHT}" y2="{baseline}" stroke="#555" stroke-width="1"/>',
    ]
    for index, (value, label) in enumerate(zip(values, labels)):
        x = LEFT + index * slot + (slot - bar_w) / 2
        height = plot_h * value / scale_max if value else 0
        y = baseline - height
        centre = x + bar_w / 2
        if value:
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{height:.1f}" '
                         f'fill="#b3261e"><title>{escape(long_labels[index])}: {value}</title></rect>')
        parts.append(f'<text x="{centre:.1f}" y="{y - 6:.1f}" text-anchor="middle" fill="#222">{value}</text>')
        parts.append(f'<text x="{centre:.1f}" y="{baseline + 20}" text-anchor="middle" fill="#222">'
                     f'{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
