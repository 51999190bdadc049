"""Pictures drawn on the server as SVG: commitments per letter and status over time, and a
dossier's motion → action → letter network. Pure functions of their rows; every text escaped."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from bestuursgraaf.api.timeline_svg import STATUS_STYLES, UNKNOWN_STATUS

COMMITMENT_STATUSES = ["Open", "Overdue", "Fulfilled", "Deferred", "Superseded"]
RELATION_COLOURS = {"fulfils": "#009E73", "takesIntoAccount": "#0072B2", "respondsTo": "#E69F00"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _svg_open(width: int, height: float, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{_e(title)}" '
        'font-family="system-ui, sans-serif" font-size="12">'
    )


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


@dataclass(frozen=True)
class Bar:
    label: str  # a letter's title, or a day
    sublabel: str  # its date
    counts: dict[str, int]  # status -> number of commitments
    href: str | None = None


def stacked_bars(
    bars: list[Bar], title: str, status_words: dict[str, str], width: int = 980
) -> str:
    """Horizontal bars, one per letter or day, cut into a segment per status with its count."""
    left, right, row, top = 330, 40, 34, 46
    total = max([sum(bar.counts.values()) for bar in bars] + [1])
    scale = (width - left - right) / total
    height = top + row * len(bars) + 50
    parts = [
        _svg_open(width, height, title),
        f"<title>{_e(title)}</title>",
        f'<text x="0" y="18" font-size="15" font-weight="600">{_e(title)}</text>',
    ]
    for i, bar in enumerate(bars):
        y = top + i * row
        label = (
            f'<text x="{left - 8}" y="{y + 13}" text-anchor="end">{_e(_cut(bar.label, 48))}</text>'
        )
        label += f'<text x="{left - 8}" y="{y + 26}" text-anchor="end" fill="#57606a">{_e(_cut(bar.sublabel, 48))}</text>'
        parts.append(f'<a href="{_e(bar.href)}">{label}</a>' if bar.href else label)
        x = float(left)
        for status in COMMITMENT_STATUSES + sorted(set(bar.counts) - set(COMMITMENT_STATUSES)):
            n = bar.counts.get(status, 0)
            if not n:
                continue
            style = STATUS_STYLES.get(status, UNKNOWN_STATUS)
            w = n * scale
            parts.append(
                f'<rect class="segment status-{_e(status)}" x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="24" '
                f'fill="{style.colour}" stroke="#fff"><title>{_e(status_words.get(status, status))}: {n}</title></rect>'
            )
            if w > 18:
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 18}" text-anchor="middle" fill="#111">{n}</text>'
                )
            x += w
    legend_y = top + row * len(bars) + 22
    x = float(left)
    for status in COMMITMENT_STATUSES:
        style = STATUS_STYLES[status]
        word = status_words.get(status, status)
        parts.append(
            f'<rect x="{x:.1f}" y="{legend_y - 10}" width="12" height="12" fill="{style.colour}"/>'
        )
        parts.append(f'<text x="{x + 16:.1f}" y="{legend_y}">{_e(word)}</text>')
        x += 30 + 7 * len(word)
    parts.append("</svg>")
    return "\n".join(parts)


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    column: int  # 0 motion, 1 action, 2 letter
    href: str | None = None


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str  # fulfils, takesIntoAccount, respondsTo, announcedIn


def network(
    nodes: list[Node],
    edges: list[Edge],
    title: str,
    relation_words: dict[str, str],
    width: int = 1180,
) -> str:
    """Three columns (motions, actions, letters) with a line for each link, coloured by relation."""
    columns: list[list[Node]] = [[], [], []]
    for node in nodes:
        columns[node.column].append(node)
    row, top = 40, 60
    height = top + row * max([len(c) for c in columns] + [1]) + 60
    xs = [20, width // 2 - 170, width - 300]
    box = 280
    where: dict[str, tuple[float, float]] = {}
    for c, column in enumerate(columns):
        offset = (max(len(col) for col in columns) - len(column)) * row / 2
        for i, node in enumerate(column):
            where[node.id] = (xs[c], top + offset + i * row)
    parts = [
        _svg_open(width, height, title),
        f"<title>{_e(title)}</title>",
        f'<text x="0" y="18" font-size="15" font-weight="600">{_e(title)}</text>',
    ]
    for c, heading in enumerate(("motie", "actie", "brief")):
        parts.append(f'<text x="{xs[c]}" y="44" fill="#57606a" font-weight="600">{heading}</text>')
    for edge in edges:
        if edge.source not in where or edge.target not in where:
            continue
        (x1, y1), (x2, y2) = where[edge.source], where[edge.target]
        colour = RELATION_COLOURS.get(edge.relation, "#999")
        start, end = x1 + box, x2
        middle = (start + end) / 2
        parts.append(
            f'<path class="edge edge-{_e(edge.relation)}" d="M{start:.0f},{y1 + 12:.0f} C{middle:.0f},{y1 + 12:.0f} '
            f'{middle:.0f},{y2 + 12:.0f} {end:.0f},{y2 + 12:.0f}" fill="none" stroke="{colour}" stroke-width="2">'
            f"<title>{_e(relation_words.get(edge.relation, edge.relation))}</title></path>"
        )
    for node in nodes:
        x, y = where[node.id]
        shape = (
            f'<rect class="node node-{("motion", "action", "letter")[node.column]}" x="{x}" y="{y}" width="{box}" height="24" rx="4" '
            f'fill="{("#fde7c8", "#d8ebf7", "#e4f3e8")[node.column]}" stroke="#57606a"/>'
            f'<text x="{x + 6}" y="{y + 16}">{_e(_cut(node.label, 40))}</text><title>{_e(node.label)}</title>'
        )
        parts.append(f'<a href="{_e(node.href)}">{shape}</a>' if node.href else f"<g>{shape}</g>")
    legend_y = height - 20
    x = 20
    for relation, colour in RELATION_COLOURS.items():
        word = relation_words.get(relation, relation)
        parts.append(
            f'<line x1="{x}" y1="{legend_y - 4}" x2="{x + 24}" y2="{legend_y - 4}" stroke="{colour}" stroke-width="3"/>'
        )
        parts.append(f'<text x="{x + 30}" y="{legend_y}">{_e(word)}</text>')
        x += 50 + 7 * len(word)
    parts.append("</svg>")
    return "\n".join(parts)
