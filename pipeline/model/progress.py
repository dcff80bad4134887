"""The way to the next grade, per unit: how many points are missing, and which lost points would get there.

No scoring software says this; the units work it out by hand (seeds 000, 001, 003). From the grade rules
(each grade's lower bound of the index, and optionally a floor every field must reach):

- `next_grade`: the grade just above the unit's, the index points and the points of the total missing, and
  the fields whose floor blocks it, each with the points it lacks. None at the top grade.
- `recovery`: the criteria the unit lost points on (or, from summary sheets, the fields), by points lost,
  with a running sum, and the first one at which the next grade is reached.

Figures are exact (Decimal from the scores as recorded). The unit's grade is read as published, on its index
rounded half-up to two decimals (grades.py); what it lacks is counted to the bound itself (80% of the maximum,
not 79,995%) and rounded *up* to two decimals, so regaining the printed amount is always enough.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def exact(value: float) -> Decimal:
    """A score as recorded (a float read from a sheet) as the decimal the sheet shows: 17.42 -> 17.42."""
    return Decimal(repr(float(value)))


def up(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_CEILING)


def index_of(total: Decimal, maximum: Decimal) -> Decimal:
    """The index in %, rounded half-up to two decimals, as grades are read on it."""
    return (total / maximum * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Step:
    """One grade's rule: the index's lower bound (%), and the share (%) every field must reach, if any."""

    grade: str
    index: float
    field_floor: float | None = None


@dataclass(frozen=True)
class FieldScore:
    code: str
    name: str
    score: float
    max: float  # the unit's applicable maximum in the field


@dataclass(frozen=True)
class FieldShort:
    """A field below the floor of the next grade, and the points it lacks."""

    code: str
    name: str
    points_needed: float


@dataclass(frozen=True)
class NextGrade:
    grade: str
    points_needed: float  # points of the total (the field floors included)
    index_needed: float  # index points (%)
    blocked_by_field: tuple[FieldShort, ...] = ()


@dataclass(frozen=True)
class Loss:
    code: str
    name: str
    field: str  # the field's code
    points_lost: float


@dataclass(frozen=True)
class Recovered:
    """One line of the way to the next grade: a lost criterion (or field), and the points regained so far."""

    code: str
    name: str
    points_lost: float
    cumulative: float
    reaches: bool  # the next grade is reached with this line (the first such line only)


def _satisfies(
    step: Step, total: Decimal, maximum: Decimal, fields: dict[str, tuple[Decimal, Decimal]], published: bool = True
) -> bool:
    """Whether a unit meets a step: on its indices as published (rounded), or exactly (`published` False)."""

    def index(score: Decimal, of: Decimal) -> Decimal:
        return index_of(score, of) if published else score / of * HUNDRED

    if index(total, maximum) < exact(step.index):
        return False
    if step.field_floor is None:
        return True
    floor = exact(step.field_floor)
    return all(index(score, fmax) >= floor for score, fmax in fields.values() if fmax > 0)


def _fields(fields: Iterable[FieldScore]) -> dict[str, tuple[Decimal, Decimal]]:
    return {f.code: (exact(f.score), exact(f.max)) for f in fields}


def grade_of(total: float, maximum: float, fields: Iterable[FieldScore], steps: Sequence[Step], last: str) -> str:
    """The grade of the first step the unit satisfies (best first); `last` below them all."""
    values = _fields(fields)
    for step in steps:
        if _satisfies(step, exact(total), exact(maximum), values):
            return step.grade
    return last


def next_grade(
    total: float, maximum: float, fields: Sequence[FieldScore], steps: Sequence[Step], last: str
) -> NextGrade | None:
    """The grade just above the unit's, and what it lacks; None at the top grade."""
    current = grade_of(total, maximum, fields, steps, last)
    order = [s.grade for s in steps]
    position = order.index(current) if current in order else len(steps)
    if position == 0:
        return None
    step = steps[position - 1]
    total_d, maximum_d, bound = exact(total), exact(maximum), exact(step.index)
    index_needed = max(Decimal(0), bound - total_d / maximum_d * HUNDRED)
    points = max(Decimal(0), bound * maximum_d / HUNDRED - total_d)
    shorts = []
    if step.field_floor is not None:
        floor = exact(step.field_floor)
        for f in fields:
            score, fmax = exact(f.score), exact(f.max)
            if fmax > 0 and score / fmax * HUNDRED < floor:
                shorts.append(FieldShort(f.code, f.name, float(up(floor * fmax / HUNDRED - score))))
    # regaining a blocked field's points raises the total too: the larger of the two is what is missing
    points = max(up(points), sum((exact(s.points_needed) for s in shorts), Decimal(0)))
    return NextGrade(step.grade, float(points), float(up(index_needed)), tuple(shorts))


def recovery(
    losses: Iterable[Loss],
    total: float,
    maximum: float,
    fields: Sequence[FieldScore],
    steps: Sequence[Step],
    last: str,
    code_order=None,
) -> list[Recovered]:
    """The lost criteria by points lost (then by `code_order`, a sort key of the code), with the running
    sum, and the line at which the next grade is first reached (regaining every point lost on the lines
    up to it). At the top grade the same list, with no line reaching anything."""
    key = code_order or (lambda code: code)
    ordered = sorted(losses, key=lambda loss: (-exact(loss.points_lost), key(loss.code)))
    target = next_grade(total, maximum, fields, steps, last)
    step = next((s for s in steps if target and s.grade == target.grade), None)
    running, total_d, maximum_d = Decimal(0), exact(total), exact(maximum)
    values = _fields(fields)
    reached = False
    out = []
    for loss in ordered:
        lost = exact(loss.points_lost)
        running += lost
        total_d += lost
        if loss.field in values:
            score, fmax = values[loss.field]
            values[loss.field] = (score + lost, fmax)
        reaches = step is not None and not reached and _satisfies(step, total_d, maximum_d, values, published=False)
        reached = reached or reaches
        out.append(Recovered(loss.code, loss.name, float(lost), float(running), reaches))
    return out


def field_losses(fields: Iterable[FieldScore]) -> list[Loss]:
    """From summary sheets (field scores, no criteria): each field's points short of its maximum."""
    return [
        Loss(f.code, f.name, f.code, float(exact(f.max) - exact(f.score)))
        for f in fields
        if exact(f.max) - exact(f.score) > 0
    ]


# ---------------------------------------------------------------- per unit, from a group-year's tables


@dataclass(frozen=True)
class UnitProgress:
    grade: str
    next: NextGrade | None
    recovery: tuple[Recovered, ...]
    by_field: bool  # from summary sheets: the lines are fields, not criteria


def steps_of(rules) -> tuple[tuple[Step, ...], str]:
    """A block's grade rules (grades.Thresholds) as steps, best first, and the grade below them all."""
    from .grades import GRADES

    return tuple(Step(g, b, rules.floor(g)) for g, b in zip(GRADES, rules.bounds(), strict=False)), GRADES[-1]


def of_units(units, scores, lost, has_criteria: bool, rules=None) -> dict[str, UnitProgress]:
    """Each unit's way to the next grade: `units` the ranked units frame (with `block`), `scores` the tidy
    table, `lost` measures.lost_criteria, `rules` block -> its grades.Thresholds this year (standing.rules;
    default rules where a block has none); by criteria where the sheets have them, else by field."""
    from .grades import DEFAULT_THRESHOLDS
    from .measures import code_key

    steps = {block: steps_of(r) for block, r in (rules or {}).items()}
    default = steps_of(DEFAULT_THRESHOLDS)
    rows = scores[scores["level"] == 1]
    per_unit: dict[str, list[FieldScore]] = {}
    for r in rows.itertuples():
        if r.applicable:
            per_unit.setdefault(r.unit, []).append(FieldScore(r.code, r.name, float(r.score), float(r.max_applicable)))
    losses: dict[str, list[Loss]] = {}
    if has_criteria:
        for r in lost.itertuples():
            losses.setdefault(r.unit, []).append(Loss(r.code, r.name, r.field, float(r.points_lost)))
    out = {}
    for u in units.itertuples():
        fields = per_unit.get(u.name, [])
        mine = losses.get(u.name, []) if has_criteria else field_losses(fields)
        total, maximum = float(u.total), float(u.max)
        unit_steps, last = steps.get(u.block, default)
        out[u.name] = UnitProgress(
            u.grade,
            next_grade(total, maximum, fields, unit_steps, last),
            tuple(recovery(mine, total, maximum, fields, unit_steps, last, code_key)),
            not has_criteria,
        )
    return out
