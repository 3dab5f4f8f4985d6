"""Small-cell suppression for statistics tables: pure Python, no Django import.

A :class:`Table` holds cells keyed by one category per dimension, each an ``int`` or
:class:`Censored` (the source itself published only "<5"), and the additive relations between
them (``total = sum(parts)``). :func:`suppress` withholds

* **primary** cells: counts with ``0 < value < threshold``. A zero is published: it describes
  nobody, and hiding zeros would make every "<5" ambiguous (0 or a few people) without
  protecting anyone;
* **censored** cells: what the source published as "<n" stays withheld, never shown as 0;
* **secondary** (complementary) cells, chosen until no withheld cell can be worked out exactly
  from the published ones.

"Worked out" is audited two ways, repeated until neither finds anything:

1. *linear*: a withheld cell is determined when its unit vector lies in the row space of the
   relations restricted to the withheld cells (exact Gauss-Jordan elimination, fraction-free
   on integer rows, per connected group of withheld cells);
2. *bounds*: what a reader knows besides the relations (a "<5" cell is 1 to 4, a source "<5"
   is 0 to 4, an "x" cell is 0 or at least the threshold) is propagated through each relation
   until nothing tightens; a withheld cell whose interval shrinks to one value is determined
   (e.g. parts that must sum to a published 0, or two "<5" cells that must sum to 2).

Bound propagation relation by relation is sound but not complete: a combination of several
relations can pin a value that an exact integer programme would find and this does not. The
linear audit is complete for exact recovery without bounds. Cells the markers pin even with
every other cell withheld (a "<3" total over two "<3" parts) get no complement, since none
could help; the result lists them as ``exposed``.

A relation is *binding* only when the table holds its total and every part and its figures
can add up (exactly, or within the ranges of censored members). A source total with a
missing part, or one that differs from the sum of its parts, is kept as published but not
used: the unknown remainder enters only that equation, so a reader cannot use it to recover
anything exactly either. Totals are never recomputed: published figures equal the source's.

Each secondary cell is taken from the relation that gives a withheld cell away (the one with
fewest withheld members), least informative first: non-zero before zero, inner cells before
totals, smallest value, then table order, so the result is deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import product

Key = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Censored:
    """A cell the source published only as "<below": unknown, between 0 and below - 1."""

    below: int


Value = int | Censored


@dataclass(frozen=True, slots=True)
class Relation:
    """``total = sum(parts)``."""

    total: Key
    parts: tuple[Key, ...]


@dataclass(frozen=True, slots=True)
class Table:
    cells: Mapping[Key, Value]
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True, slots=True)
class Dimension:
    """One dimension of a cross-tabulation: a tree of categories under ``root``.

    A flat dimension (sex: Total = Female + Male + Other) is a tree of depth one; a
    hierarchy (world = regions, region = countries) is deeper."""

    name: str
    root: str
    children: Mapping[str, tuple[str, ...]]

    @classmethod
    def flat(cls, name: str, categories: Sequence[str], total: str = "Total") -> Dimension:
        return cls(name, total, {total: tuple(categories)})

    @classmethod
    def tree(cls, name: str, root: str, parent_of: Mapping[str, str]) -> Dimension:
        """From each category's parent (a country's region, a region's world)."""
        children: dict[str, list[str]] = {}
        for child, parent in parent_of.items():
            children.setdefault(parent, []).append(child)
        return cls(name, root, {p: tuple(c) for p, c in children.items()})

    def categories(self) -> tuple[str, ...]:
        """Every category, each parent before its children."""
        out: list[str] = []
        stack = [self.root]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(self.children.get(node, ())))
        return tuple(out)


class Reason(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    CENSORED = "censored at source"


SECONDARY_MARK = "x"


def legend(threshold: int) -> str:
    """The text to print under any table that uses the markers."""
    return (
        f"<{threshold}: between 1 and {threshold - 1}, withheld to protect the people counted. "
        f"<n where the source says so: withheld by the source, fewer than n (possibly 0). "
        f"{SECONDARY_MARK}: withheld so that a small count cannot be worked out from the "
        "other figures. Totals include withheld cells."
    )


@dataclass(frozen=True, slots=True)
class Cell:
    key: Key
    #: The source's figure, or None when withheld.
    value: int | None
    reason: Reason | None
    display: str


@dataclass(frozen=True, slots=True)
class IgnoredRelation:
    relation: Relation
    why: str


@dataclass(frozen=True, slots=True)
class SuppressedTable:
    threshold: int
    cells: Mapping[Key, Cell]
    binding: tuple[Relation, ...]
    ignored: tuple[IgnoredRelation, ...]
    legend: str
    #: Withheld cells that could still be worked out because nothing published was left to
    #: withhold with them (none in tables built by the builders, as far as tests show).
    exposed: tuple[Key, ...] = ()

    def withheld(self) -> frozenset[Key]:
        return frozenset(k for k, c in self.cells.items() if c.reason is not None)


class DisclosureError(ValueError):
    """A table or threshold the suppression cannot work with."""


def cross_table(dimensions: Sequence[Dimension], values: Mapping[Key, Value]) -> Table:
    """A cross-tabulation: one relation per parent category along each dimension, for every
    combination of the other dimensions' categories. Cells absent from ``values`` are absent
    from the table (their relations are then not binding)."""
    cats = [d.categories() for d in dimensions]
    relations: list[Relation] = []
    for axis, dim in enumerate(dimensions):
        others = [c if i != axis else ("",) for i, c in enumerate(cats)]
        for parent, kids in dim.children.items():
            for combo in product(*others):
                relations.append(
                    Relation(_with(combo, axis, parent), tuple(_with(combo, axis, k) for k in kids))
                )
    order = [k for k in product(*cats) if k in values]
    known = set(order)
    order += [k for k in values if k not in known]
    return Table({k: values[k] for k in order}, tuple(relations))


def _with(combo: Key, axis: int, category: str) -> Key:
    return (*combo[:axis], category, *combo[axis + 1 :])


def hierarchy_table(dimension: Dimension, values: Mapping[str, Value]) -> Table:
    """A one-dimensional hierarchy (countries, regions, world) keyed by category name."""
    return cross_table([dimension], {(k,): v for k, v in values.items()})


def _validate(table: Table, threshold: int) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise DisclosureError(f"the threshold must be an integer of at least 1, not {threshold!r}")
    for key, value in table.cells.items():
        bad = (
            value.below < 1
            if isinstance(value, Censored)
            else isinstance(value, bool) or not isinstance(value, int) or value < 0
        )
        if bad:
            raise DisclosureError(f"cell {key!r}: {value!r} is not a count")


def _sort_relations(table: Table) -> tuple[list[Relation], list[IgnoredRelation]]:
    binding: list[Relation] = []
    ignored: list[IgnoredRelation] = []
    for rel in table.relations:
        members = (rel.total, *rel.parts)
        missing = [k for k in members if k not in table.cells]
        if rel.total in table.cells and not rel.parts:
            continue
        if missing:
            if len(missing) < len(members):
                ignored.append(IgnoredRelation(rel, f"not in the table: {missing[0]!r}"))
            continue
        total = table.cells[rel.total]
        parts = [table.cells[k] for k in rel.parts]
        low = sum(0 if isinstance(v, Censored) else v for v in parts)
        high = sum(v.below - 1 if isinstance(v, Censored) else v for v in parts)
        t_low, t_high = (0, total.below - 1) if isinstance(total, Censored) else (total, total)
        if max(low, t_low) > min(high, t_high):
            ignored.append(IgnoredRelation(rel, "the parts do not add up to the total"))
        else:
            binding.append(rel)
    return binding, ignored


@dataclass(slots=True)
class _State:
    table: Table
    threshold: int
    binding: list[Relation]
    status: dict[Key, Reason | None]
    position: dict[Key, int]
    touching: dict[Key, list[int]]
    cache: dict[frozenset[Key], list[Key]] = field(default_factory=dict)

    def cost(self, key: Key) -> tuple[bool, int, int, int]:
        value = self.table.cells[key]
        assert isinstance(value, int)
        is_total = sum(self.binding[r].total == key for r in self.touching[key])
        return (value == 0, is_total, value, self.position[key])

    def coefficients(self, r: int) -> dict[Key, int]:
        rel = self.binding[r]
        coeffs = {rel.total: 1}
        for part in rel.parts:
            coeffs[part] = coeffs.get(part, 0) - 1
        return coeffs

    def hidden_in(self, r: int) -> int:
        return sum(self.status[k] is not None for k in self.coefficients(r))

    def complement(self, target: Key) -> Key | None:
        """The least informative published cell to withhold for ``target``: a non-zero one
        from its relation with the fewest withheld members, else from relations further out
        (a withheld 0 protects little: the reader knows an "x" is 0 or at least the
        threshold), and a 0 only when nothing else is left."""
        rels = sorted(self.touching[target], key=lambda r: (self.hidden_in(r), r))
        pool: list[Key] = []
        for r in rels:
            pool = [k for k in self.coefficients(r) if self.status[k] is None]
            if any(self.table.cells[k] != 0 for k in pool):
                return min(pool, key=self.cost)
        seen, frontier = {target}, [target]
        while frontier:
            nxt: list[Key] = []
            for r in {r for key in frontier for r in self.touching[key]}:
                for member in self.coefficients(r):
                    if self.status[member] is None:
                        pool.append(member)
                    elif member not in seen:
                        seen.add(member)
                        nxt.append(member)
            if any(self.table.cells[k] != 0 for k in pool):
                break
            frontier = nxt
        return min(pool, key=self.cost) if pool else None

    def protect(self, targets: Iterable[Key]) -> list[Key]:
        """One complement per target, in table order, skipping a target whose relations
        already received one in this round (the next audit decides whether it needs more)."""
        chosen: list[Key] = []
        served: set[int] = set()
        for target in sorted(targets, key=self.position.__getitem__):
            if served.intersection(self.touching[target]):
                continue
            pick = self.complement(target)
            if pick is None:
                continue
            self.status[pick] = Reason.SECONDARY
            chosen.append(pick)
            served.update(self.touching[pick])
        return chosen


def suppress(table: Table, threshold: int, withheld: Collection[Key] = ()) -> SuppressedTable:
    """Withhold small cells and enough others that none can be worked out exactly.

    ``withheld`` names cells to withhold from the start (as secondary), e.g. cells another
    published table already withholds, so that linked tables stay consistent."""
    _validate(table, threshold)
    binding, ignored = _sort_relations(table)
    touching: dict[Key, list[int]] = {k: [] for k in table.cells}
    for r, rel in enumerate(binding):
        for key in dict.fromkeys((rel.total, *rel.parts)):
            touching[key].append(r)
    status: dict[Key, Reason | None] = {}
    for key, value in table.cells.items():
        if isinstance(value, Censored):
            status[key] = Reason.CENSORED
        elif 0 < value < threshold:
            status[key] = Reason.PRIMARY
        else:
            status[key] = Reason.SECONDARY if key in withheld else None
    state = _State(
        table, threshold, binding, status, {k: i for i, k in enumerate(table.cells)}, touching
    )
    # Cells the markers pin even with every other cell withheld: no complement can help.
    everything: dict[Key, Reason | None] = {k: s or Reason.SECONDARY for k, s in status.items()}
    hopeless = set(_pinned_cells(_State(table, threshold, binding, everything, {}, touching)))
    audits = (_lone_cells, _determined_cells, _pinned_cells)
    exposed: set[Key] = set()
    while True:
        exposed = set(hopeless)
        for audit in audits:
            targets = audit(state)
            if audit is _pinned_cells:
                targets = [k for k in targets if k not in hopeless]
            if state.protect(targets):
                break
            exposed.update(targets)
        else:
            break
    cells = {key: _cell(key, table.cells[key], status[key], threshold) for key in table.cells}
    exposed_keys = tuple(
        sorted((k for k in exposed if status[k] is not None), key=state.position.__getitem__)
    )
    return SuppressedTable(
        threshold, cells, tuple(binding), tuple(ignored), legend(threshold), exposed_keys
    )


def _cell(key: Key, value: Value, reason: Reason | None, threshold: int) -> Cell:
    if reason is None:
        assert isinstance(value, int)
        return Cell(key, value, None, f"{value:,}")
    if reason is Reason.CENSORED:
        assert isinstance(value, Censored)
        return Cell(key, None, reason, f"<{value.below}")
    return Cell(key, None, reason, f"<{threshold}" if reason is Reason.PRIMARY else SECONDARY_MARK)


def _lone_cells(state: _State) -> list[Key]:
    """The cheap, common case first: a relation with one withheld member gives it away."""
    lone = []
    for r in range(len(state.binding)):
        hidden = [k for k, c in state.coefficients(r).items() if c and state.status[k] is not None]
        if len(hidden) == 1:
            lone.append(hidden[0])
    return lone


def _components(state: _State) -> list[list[Key]]:
    """Withheld cells grouped by the binding relations that link them."""
    parent: dict[Key, Key] = {k: k for k, s in state.status.items() if s is not None}

    def find(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for rel in state.binding:
        hidden = [k for k in (rel.total, *rel.parts) if k in parent]
        for other in hidden[1:]:
            parent[find(other)] = find(hidden[0])
    groups: dict[Key, list[Key]] = {}
    for key in parent:
        groups.setdefault(find(key), []).append(key)
    return list(groups.values())


def _determined(state: _State, group: list[Key]) -> list[Key]:
    """The cells of a group whose unit vector lies in the row space of the relations
    restricted to the group: exact Gauss-Jordan elimination, kept fraction-free on integer
    rows (each row divided by the gcd of its entries), so no rounding can hide a result."""
    members = frozenset(group)
    cached = state.cache.get(members)
    if cached is not None:
        return cached
    col = {k: i for i, k in enumerate(sorted(group, key=state.position.__getitem__))}
    pivots: dict[int, dict[int, int]] = {}
    for r in sorted({r for k in group for r in state.touching[k]}):
        row = {col[k]: c for k, c in state.coefficients(r).items() if k in col and c}
        for c in sorted(set(row) & set(pivots)):
            if row.get(c):
                row = _eliminate(row, pivots[c], c)
        if not row:
            continue
        lead = min(row)
        for c, other in pivots.items():
            if other.get(lead):
                pivots[c] = _eliminate(other, row, lead)
        pivots[lead] = row
    keys = {i: k for k, i in col.items()}
    found = [keys[lead] for lead, row in pivots.items() if len(row) == 1]
    state.cache[members] = found
    return found


def _eliminate(row: dict[int, int], pivot: dict[int, int], c: int) -> dict[int, int]:
    """``row`` with column ``c`` cleared by a multiple of ``pivot``, in lowest terms."""
    a, b = pivot[c], row[c]
    out = {k: a * v for k, v in row.items()}
    for k, v in pivot.items():
        new = out.get(k, 0) - b * v
        if new:
            out[k] = new
        else:
            out.pop(k, None)
    g = math.gcd(*out.values()) if out else 1
    return {k: v // g for k, v in out.items()}


def _determined_cells(state: _State) -> list[Key]:
    """The withheld cells the relations determine exactly."""
    return [k for group in _components(state) for k in _determined(state, group)]


def _prior(state: _State, key: Key) -> tuple[float, float]:
    """What a reader knows of a cell before using any relation."""
    reason, value = state.status[key], state.table.cells[key]
    if reason is None:
        assert isinstance(value, int)
        return value, value
    if reason is Reason.CENSORED:
        assert isinstance(value, Censored)
        return 0, value.below - 1
    if reason is Reason.PRIMARY:
        return 1, state.threshold - 1
    return 0, math.inf


def _pinned_cells(state: _State) -> list[Key]:
    """Propagate what a reader knows through the relations: the withheld cells whose value
    that pins down (unless the marker alone already says it)."""
    hidden = [k for k, s in state.status.items() if s is not None]
    bounds = {k: _prior(state, k) for k in state.table.cells}
    queue = dict.fromkeys(sorted({r for k in hidden for r in state.touching[k]}))
    budget = 50 * len(queue) + 1000
    while queue and budget:
        budget -= 1
        r = next(iter(queue))
        del queue[r]
        for key in _tighten(state, r, bounds):
            queue.update(dict.fromkeys(state.touching[key]))
    return [k for k in hidden if bounds[k][0] == bounds[k][1] and _prior(state, k) != bounds[k]]


def _tighten(state: _State, r: int, bounds: dict[Key, tuple[float, float]]) -> list[Key]:
    """total - sum(parts) = 0: tighten each withheld member from the others' bounds."""
    coeffs = state.coefficients(r)
    changed = []
    for key, c in coeffs.items():
        if state.status[key] is None or not c:
            continue
        # c * x = -(sum of the other terms): bound that sum, then divide by c.
        low = high = 0.0
        for other, d in coeffs.items():
            if other != key:
                lo, hi = bounds[other]
                low -= d * (hi if d > 0 else lo)
                high -= d * (lo if d > 0 else hi)
        if c < 0:
            low, high = -high, -low
        old_lo, old_hi = bounds[key]
        new_lo = max(old_lo, math.ceil(low / abs(c)) if low > -math.inf else low)
        new_hi = min(old_hi, math.floor(high / abs(c)) if high < math.inf else high)
        if state.status[key] is Reason.SECONDARY:
            # An "x" is 0 or at least the threshold: anything smaller would be a "<t".
            if 0 < new_lo < state.threshold:
                new_lo = state.threshold
            if new_hi < state.threshold:
                new_hi = 0
        if new_lo <= new_hi and (new_lo, new_hi) != (old_lo, old_hi):
            bounds[key] = (new_lo, new_hi)
            changed.append(key)
    return changed
