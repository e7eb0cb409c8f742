"""Reading the strategic map back as geometry: its boxes, texts and arrows, from the DOT fhsplan
writes and from the SVG a renderer draws, so that tests can check that no arrow crosses a box.

Both readers give the same things: obstacles (every box and text the map pins, by node name; lane
backgrounds and group frames are not obstacles, arrows may cross those) and arrows (prerequisite,
dependent, points sampled along the drawn line and its arrowhead). y grows downwards in both.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
STEPS = 24  # samples per cubic Bézier piece
BACKGROUNDS = ("_bg_", "_group_")  # drawn behind everything; arrows may cross them
MARGIN = 0.75  # points: a line may touch a box's border (that is where arrows start and end)


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-parallel rectangle, y downwards."""

    x0: float
    y0: float
    x1: float
    y1: float

    def holds(self, x: float, y: float, margin: float = MARGIN) -> bool:
        """Whether the point lies inside, more than `margin` from the border."""
        return self.x0 + margin < x < self.x1 - margin and self.y0 + margin < y < self.y1 - margin


@dataclass(frozen=True, slots=True)
class Arrow:
    """One drawn prerequisite arrow: the points of its line and of its arrowhead, where it starts
    and where its arrowhead points."""

    tail: str
    head: str
    points: tuple[tuple[float, float], ...]
    start: tuple[float, float]
    tip: tuple[float, float]


@dataclass(frozen=True, slots=True)
class Picture:
    obstacles: dict[str, Rect]  # node name -> what it covers
    milestones: frozenset[str]
    arrows: tuple[Arrow, ...]


def _pairs(text: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in NUMBER.findall(text)]
    return list(zip(numbers[0::2], numbers[1::2], strict=True))


def bezier(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Samples along a piecewise cubic Bézier given as p0 (c1 c2 p)…, as Graphviz writes splines."""
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[i : i + 4]
        for step in range(1, STEPS + 1):
            t = step / STEPS
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out


def line(p: tuple[float, float], q: tuple[float, float]) -> list[tuple[float, float]]:
    return [(p[0] + (q[0] - p[0]) * i / STEPS, p[1] + (q[1] - p[1]) * i / STEPS) for i in range(STEPS + 1)]


def crossings(picture: Picture) -> list[str]:
    """Every arrow point that lies inside a box or a text, described for an assertion message."""
    found = []
    for arrow in picture.arrows:
        for name, rect in picture.obstacles.items():
            inside = [p for p in arrow.points if rect.holds(*p)]
            if inside:
                x, y = inside[0]
                found.append(f"{arrow.tail} -> {arrow.head} crosses {name} at ({x:.1f}, {y:.1f})")
    return found


# --- the DOT fhsplan writes ---------------------------------------------------------------------

_STATEMENT = re.compile(r'^\t("[^"]+"|\w+)(?: -> ("[^"]+"|\w+))? \[(.*)\]$', re.M)
_ATTRIBUTE = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|[^ ]+)')
_CELL = re.compile(r'<TD WIDTH="(\d+)" HEIGHT="(\d+)"')


def _html_label(text: str) -> tuple[str, str]:
    """An HTML-like `label=<...>` taken out of an attribute list: (the label, the rest)."""
    start = text.find("label=<")
    if start < 0:
        return "", text
    depth, end = 0, start + len("label=")
    for end in range(start + len("label="), len(text)):
        depth += {"<": 1, ">": -1}.get(text[end], 0)
        if depth == 0:
            break
    return text[start : end + 1], text[:start] + text[end + 1 :]


def from_dot(source: str) -> Picture:
    """The pinned nodes and the edge splines of map DOT, in Graphviz's points (y up: no matter)."""
    obstacles: dict[str, Rect] = {}
    milestones = set()
    arrows = []
    for match in _STATEMENT.finditer(source):
        name, target = match.group(1).strip('"'), match.group(2)
        label, rest = _html_label(match.group(3))
        attrs = {m.group(1): m.group(2).strip('"') for m in _ATTRIBUTE.finditer(rest)}
        if target is not None:
            arrows.append(_dot_arrow(name, target.strip('"'), attrs["pos"]))
            continue
        if name.startswith(BACKGROUNDS) or "pos" not in attrs:
            continue
        x, y = (float(v) for v in attrs["pos"].rstrip("!").split(","))
        if "width" in attrs:
            w, h = float(attrs["width"]) * 72, float(attrs["height"]) * 72
        else:  # a text node: the size of its table's one cell
            cell = _CELL.search(label)
            assert cell, f"{name} has neither a size nor a sized cell"
            w, h = float(cell.group(1)), float(cell.group(2))
        obstacles[name] = Rect(x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        if "milestone" in attrs.get("class", "").split():
            milestones.add(name)
    return Picture(obstacles, frozenset(milestones), tuple(arrows))


def _dot_arrow(tail: str, head: str, pos: str) -> Arrow:
    """An edge's `pos`: `e,x,y` (the arrow's tip), then the spline's control points."""
    tip_text, _, rest = pos.partition(" ")
    assert tip_text.startswith("e,"), f"{tail} -> {head} has no arrowhead end in its pos: {pos[:40]}"
    spline = _pairs(rest)
    assert len(spline) % 3 == 1, f"{tail} -> {head}: {len(spline)} control points is not 3n+1"
    tip = _pairs(tip_text[2:])[0]
    return Arrow(tail, head, tuple(bezier(spline) + line(spline[-1], tip)), spline[0], tip)


# --- the SVG a renderer draws ------------------------------------------------------------------


def _text_rect(text: ET.Element) -> Rect:
    """Where a text element's letters are, at a generous 0.62 em per character."""
    size = float(text.get("font-size", "14"))
    width = len(text.text or "") * size * (0.66 if text.get("font-weight") == "bold" else 0.62)
    x, y = float(text.get("x", "0")), float(text.get("y", "0"))
    start = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor", "start")]
    return Rect(start, y - 0.8 * size, start + width, y + 0.2 * size)


def _bounds(points: list[tuple[float, float]]) -> Rect:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Rect(min(xs), min(ys), max(xs), max(ys))


def from_svg(svg: str) -> Picture:
    """The nodes (milestone boxes by their shape, other nodes by their texts) and the drawn edges."""
    root = ET.fromstring(svg)
    obstacles: dict[str, Rect] = {}
    milestones = set()
    arrows = []
    for group in root.iter(f"{SVG}g"):
        classes = (group.get("class") or "").split()
        title = group.findtext(f"{SVG}title") or ""
        if "edge" in classes:
            arrows.append(_svg_arrow(group, title))
        elif "node" in classes and not title.startswith(BACKGROUNDS):
            if "milestone" in classes:
                milestones.add(title)
                shape = [p for path in group.iter(f"{SVG}path") for p in _pairs(path.get("d", ""))]
                obstacles[title] = _bounds(shape)
            for number, text in enumerate(group.iter(f"{SVG}text")):
                if "milestone" not in classes:
                    obstacles[f"{title} text {number}"] = _text_rect(text)
    return Picture(obstacles, frozenset(milestones), tuple(arrows))


def _svg_arrow(group: ET.Element, title: str) -> Arrow:
    tail, _, head = title.partition("->")
    (path,) = group.iter(f"{SVG}path")
    d = path.get("d", "")
    assert re.fullmatch(r"M[^A-Za-z]+C[^A-Za-z]+", d), f"{title}: not one cubic spline: {d[:60]}"
    points = bezier(_pairs(d))
    (polygon,) = group.iter(f"{SVG}polygon")
    corners = _pairs(polygon.get("points", ""))
    for p, q in itertools.pairwise(corners):
        points += line(p, q)
    end = points[0], _pairs(d)[-1]
    tip = max(corners, key=lambda c: (c[0] - end[1][0]) ** 2 + (c[1] - end[1][1]) ** 2)
    return Arrow(tail, head, tuple(points), end[0], tip)
