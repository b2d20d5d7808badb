"""How Chinese government unit names are built, and how well a text reads as one.

A unit name is ``[prefix ...] core [branch]`` (县 + 财政局; 中共 + X县 + 委 + 宣传部;
市 + 公安局 + 东城分局; 生态环境 + X + 分局), a collective (各乡镇人民政府, 县食安委成员单位,
区直各有关部门), a place that takes tasks itself (X经济技术开发区), or a name the
knowledge lists whole. ``UnitModel.read`` scores one piece of text under that grammar:
the lower the cost, the better it reads as one unit; a piece the grammar cannot build
is ``UNKNOWN`` and a phrase such as 按职责分工负责 is a ``NOTE``. The segmenter
(``normalize.units.segment``) adds these costs over every way of cutting a cell.

Places are not knowledge: they are learned from the document (``with_places``).
The vocabulary is data: ``data/units.toml``.
"""

from __future__ import annotations

import re
from typing import Any

from qingdan.normalize.script import CLOSING, LIST_SEPARATORS
from qingdan.normalize.text import IDEOGRAPHS
from qingdan.normalize.units.collectives import read_collective
from qingdan.normalize.units.reading import (
    BARE_BRANCH,
    BRANCH_ALONE,
    FRAGMENT_COST,
    GENERIC_COST,
    GENERIC_PER_CHAR,
    GLUE_INSIDE,
    NOTE_AFTER_NAME,
    NOTE_COST,
    NOTE_LIKE,
    NOTE_PER_CHAR,
    ODD_BRACKET,
    PLACE_ALONE,
    STEM_COST,
    STRONG,
    SUB_UNIT,
    UNKNOWN,
    UNKNOWN_BRANCH_PLACE,
    UNKNOWN_COST,
    UNKNOWN_PER_CHAR,
    UNKNOWN_PLACE,
    WHOLE_COST,
    ZONE_ALONE,
    Kind,
    Reading,
    cheaper,
    cheaper_opt,
    without_brackets,
)
from qingdan.normalize.units.word_index import WordIndex

# Characters that end organ words; a place stem never holds one (so 财政局县 is no place).
_ORGAN_CHARS = frozenset("局委办室部院所站处厅署队社司府会组班行馆联协团心位门")


CACHE_LIMIT = 50_000
"""Texts a model remembers the reading of. The built-in model serves every document of
a process (a batch of thousands of lists): past this many it forgets them all, and reads
a text again when asked (the same reading: caching changes only how soon)."""


def make_room(cache: dict[str, Any]) -> None:
    """Forget a cache's entries once it holds ``CACHE_LIMIT`` of them."""
    if len(cache) >= CACHE_LIMIT:
        cache.clear()


def _longest_first(words: Any) -> tuple[str, ...]:
    return tuple(sorted({str(w) for w in words if str(w)}, key=len, reverse=True))


class UnitModel:
    """The grammar of unit names (``data/units.toml``) and the places of one document."""

    def __init__(
        self,
        *,
        levels: tuple[str, ...],
        zones: tuple[str, ...],
        openers: tuple[str, ...],
        committees: tuple[str, ...],
        governments: tuple[str, ...] = (),
        organs: frozenset[str],
        stems: frozenset[str],
        unit_suffixes: tuple[str, ...],
        branch_suffixes: tuple[str, ...],
        collective_heads: tuple[str, ...],
        collective_tails: tuple[str, ...],
        member_tails: frozenset[str],
        member_owners: tuple[str, ...],
        department_owners: tuple[str, ...],
        scope_marks: tuple[str, ...],
        scope_openers: tuple[str, ...],
        party_organs: frozenset[str],
        place_endings: tuple[str, ...],
        whole: frozenset[str],
        notes: frozenset[str],
        note_words: tuple[str, ...],
        etc: tuple[str, ...],
        false_starts: tuple[str, ...],
        false_places: tuple[str, ...] = (),
        end_characters: frozenset[str] = frozenset(),
        confirmed: frozenset[str] = frozenset(),
        ranks: dict[str, int] | None = None,
        places: frozenset[str] = frozenset(),
        conjunctions: tuple[str, ...] = (),
        collective_conjunctions: tuple[str, ...] = (),
        level_pairs: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        self.levels = levels
        self.zones = zones
        self.openers = openers
        self.committees = committees
        self.governments = governments
        """A level's government, whose organs follow it in one name (市政府国资委)."""
        self.organs = organs
        self.stems = stems
        self.unit_suffixes = unit_suffixes
        self.branch_suffixes = branch_suffixes
        self.collective_heads = collective_heads
        self.collective_tails = collective_tails
        self.member_tails = member_tails
        self.member_owners = member_owners
        self.department_owners = department_owners
        self.scope_marks = scope_marks
        self.scope_openers = scope_openers
        self.party_organs = party_organs
        self.place_endings = place_endings
        self.whole = whole
        self.notes = notes
        self.note_words = note_words
        self.etc = etc
        self.false_starts = false_starts
        self.false_places = false_places
        """Words built like a place and its level that name no place (城市, 城镇)."""
        self.end_characters = end_characters
        """Characters a name can end with: a segmenter may cut after them."""
        self.confirmed = confirmed
        """Names the document writes whole (evidence for cutting, not knowledge)."""
        self.ranks: dict[str, int] = {} if ranks is None else ranks
        """Level -> its rank in ``level_order`` (0 highest); zones rank as ``zone``."""
        self.places = places
        """Place stems learned from the document (X of X区, X分局)."""
        self.conjunctions = conjunctions
        """Words joining two whole names in a list (市级各有关部门及各县市区政府)."""
        self.collective_conjunctions = collective_conjunctions
        self.level_pairs = level_pairs
        """(level, next level) in a list of levels where the next ranks as the first (县市区:
        a county-level city listed with counties)."""
        """Words joining a name and a collective after it (县财政局和各乡镇人民政府)."""
        self._level_index: dict[str, tuple[str, ...]] = {}
        self._cache: dict[str, Reading] = {}
        self._places_cache: dict[str, bool] = {}
        self._prefix_cache: dict[str, dict[int, tuple[float, str]]] = {}
        self._root: UnitModel | None = None
        """The model this one was derived from by ``with_places``/``with_confirmed``."""
        self._own_words: re.Pattern[str] | None = None
        """The words this model adds to its root that can change a reading (``_sharing_with``)."""
        self._own_confirmed: frozenset[str] = frozenset()
        """The names this model confirms and its root does not."""
        self._cuts: dict[Any, Any] = {}
        """Cuts of runs this model made (``segment.best_cut``), by run."""
        self._indexes = WordIndex.of(self)
        """The word lists by character; the same for the places and names of a document."""

    def _copy(self, **changes: Any) -> UnitModel:
        """This model with some attributes changed (the word index is shared)."""
        copy = object.__new__(UnitModel)
        copy.__dict__.update(self.__dict__)
        copy.__dict__.update(changes)
        return copy

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> UnitModel:
        """The model from the mapping of ``data/units.toml`` (plus a user's additions)."""
        organs = {str(k) for k in data.get("organs", {})}
        for forms in data.get("organs", {}).values():
            organs.update(str(f) for f in forms)
        suffixes = _longest_first(data.get("unit_suffixes", []))
        # A stem is an organ less a unit suffix, two characters at least (财政 of 财政局).
        suffix_set = set(suffixes)
        stems = {
            organ[:-k]
            for organ in organs
            for k in range(1, len(organ) - 1)
            if organ[-k:] in suffix_set
        }
        return cls(
            levels=_longest_first(data.get("levels", [])),
            zones=_longest_first(data.get("zones", [])),
            openers=_longest_first(data.get("openers", [])),
            committees=_longest_first(data.get("committees", [])),
            governments=_longest_first(data.get("governments", [])),
            organs=frozenset(organs),
            stems=frozenset(stems - organs),
            unit_suffixes=suffixes,
            branch_suffixes=_longest_first(data.get("branch_suffixes", [])),
            collective_heads=_longest_first(data.get("collective_heads", [])),
            collective_tails=_longest_first(data.get("collective_tails", [])),
            member_tails=frozenset(str(t) for t in data.get("member_tails", [])),
            member_owners=_longest_first(data.get("member_owners", [])),
            department_owners=_longest_first(data.get("department_owners", [])),
            scope_marks=_longest_first(data.get("scope_marks", [])),
            scope_openers=_longest_first(data.get("scope_openers", [])),
            party_organs=frozenset(str(w) for w in data.get("party_organs", [])),
            place_endings=_longest_first(data.get("place_endings", [])),
            whole=frozenset(str(w) for w in data.get("whole", [])),
            notes=frozenset(str(w) for w in data.get("notes", [])),
            note_words=_longest_first(data.get("note_words", [])),
            etc=_longest_first(data.get("etc", [])),
            false_starts=_longest_first(data.get("false_starts", [])),
            false_places=_longest_first(data.get("false_places", [])),
            places=frozenset(str(p) for p in data.get("places", [])),
            ranks=_ranks(data.get("level_order", []), data.get("zones", [])),
            conjunctions=_longest_first(data.get("conjunctions", [])),
            collective_conjunctions=_longest_first(data.get("collective_conjunctions", [])),
            level_pairs=frozenset((str(a), str(b)) for a, b in data.get("level_pairs", [])),
        )._with_end_characters()

    def _with_end_characters(self) -> UnitModel:
        words = [
            *self.levels,
            *self.zones,
            *self.committees,
            *self.organs,
            *self.unit_suffixes,
            *self.branch_suffixes,
            *self.collective_tails,
            *self.whole,
            *self.etc,
            *self.notes,
        ]
        ends = frozenset(w[-1] for w in words) | frozenset(CLOSING)
        index: dict[str, list[str]] = {}
        for word in (*self.zones, *self.levels):  # zones first: X新区 is no X新 + 区
            index.setdefault(word[0], []).append(word)
        levels = {first: tuple(words) for first, words in index.items()}
        return self._copy(
            end_characters=ends,
            _level_index=levels,
            _cache={},
            _prefix_cache={},
            _cuts={},
        )

    def with_places(self, places: set[str] | frozenset[str]) -> UnitModel:
        """The same grammar knowing these place stems as well (a fresh cache)."""
        derived = self._copy(
            places=self.places | frozenset(places),
            _cache={},
            _places_cache={},
            _prefix_cache={},
        )
        return derived._sharing_with(self._root or self)

    def with_confirmed(self, names: set[str] | frozenset[str]) -> UnitModel:
        """The same grammar knowing that the document writes these names whole.

        A confirmed name costs nothing as one piece and is never cut, but keeps its
        kind: a name the grammar cannot build is still unknown (and warned about).
        """
        # The end characters come from the word lists, which confirmed names leave alone.
        derived = self._copy(
            confirmed=self.confirmed | frozenset(names), _cache={}, _prefix_cache={}
        )
        return derived._sharing_with(self._root or self)

    def _sharing_with(self, root: UnitModel) -> UnitModel:
        """This model, reading through ``root`` every text its own words cannot change.

        A place stem changes only the readings of texts that hold it (every use is a
        test on a piece of the text), and a confirmed name only those of texts that
        hold it, by making it cost nothing; a name that already costs nothing in the
        root changes nothing. So a text holding none of these words reads as in the
        root, whose readings every document of the process shares: the text need not
        be read again.
        """
        words = self.places - root.places
        words |= {n for n in self.confirmed - root.confirmed if root.read(n).cost != 0.0}
        ordered = sorted(words, key=len, reverse=True)
        own = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        self._root = root
        self._own_words = own
        self._own_confirmed = self.confirmed - root.confirmed
        self._cuts = {}
        return self

    def cutter(self, text: str, lines: list[str]) -> UnitModel:
        """The model whose cut of a run (``text``, written in ``lines``) is this one's:
        the root when the run holds none of this model's own words and no line of it is
        a name this model confirms (a confirmed line is never cut), else this model.
        The root remembers its cuts for every document."""
        if self._root is None or self._changes(text):
            return self
        if self._own_confirmed and not self._own_confirmed.isdisjoint(lines):
            return self
        return self._root

    def remembered_cut(self, run: Any) -> Any:
        """The cut of ``run`` this model made before, or ``None``."""
        return self._cuts.get(run)

    def remember_cut(self, run: Any, pieces: Any) -> None:
        """Keep a cut this model made (bounded like the readings)."""
        make_room(self._cuts)
        self._cuts[run] = pieces

    # ---- one piece -------------------------------------------------------------------

    def read(self, text: str) -> Reading:
        """How a piece of a cell (no separators, no line breaks) reads as one unit."""
        found = self._cache.get(text)
        if found is None:
            if self._root is not None and not self._changes(text):
                found = self._root.read(text)
            else:
                found = self._read(text)
                if text in self.confirmed:
                    found = found._replace(cost=0.0)
            make_room(self._cache)
            self._cache[text] = found
        return found

    def _changes(self, text: str) -> bool:
        """Whether this model's own words may read ``text`` otherwise than its root."""
        return self._own_words is not None and self._own_words.search(text) is not None

    def has_note_word(self, text: str) -> bool:
        """Whether the text holds a word of a note (负责, 牵头 ...) anywhere."""
        return self._indexes.note_words.search(text) is not None

    def splits_levels(self, text: str, position: int) -> bool:
        """Whether a cut at ``position`` would go between two levels of a run (乡|镇)."""
        return 0 < position < len(text) and self.is_level_run(text[position - 1 : position + 1])

    def is_unit(self, text: str) -> bool:
        """Whether a piece reads as a unit name (not a note, fragment or unknown text)."""
        return self.read(text).kind.is_name

    def _read(self, text: str) -> Reading:
        if not text:
            return UNKNOWN
        if text in self.whole:
            return Reading(Kind.WHOLE, WHOLE_COST)
        if text in self.etc:
            return Reading(Kind.FRAGMENT, FRAGMENT_COST)
        etc = self._read_etc(text)
        if etc is not None:
            return etc
        if text in self.notes:
            return Reading(Kind.NOTE, NOTE_COST)
        reading = self._read_with_brackets(text)
        if reading.cost > 2.0 and self.has_note_word(text):
            cost = NOTE_LIKE + NOTE_PER_CHAR * len(text) + self._name_first_penalty(text)
            return Reading(Kind.NOTE, cost)
        return reading

    def _read_etc(self, text: str) -> Reading | None:
        """A name and the 等 that ends its list (县财政局等, 县财政局等部门), or ``None``.

        等 followed by a collective closes the list as 等部门 does (X局等省有关部门: the
        named unit is the fact, the collective only says there are others).
        """
        endings = [e for e in self.etc if text.endswith(e) and len(text) > len(e)]
        mark = min(self.etc, key=len, default="")
        position = text.rfind(mark) if mark else -1
        after = text[position + len(mark) :]
        if position > 0 and read_collective(self, after).kind is Kind.COLLECTIVE:
            endings.append(text[position:])
        for ending in endings:
            named = self.read(text[: -len(ending)])
            if named.kind.is_name:
                return named._replace(cost=named.cost + 0.1, etc=ending)
        return None

    def _name_first_penalty(self, text: str) -> float:
        """A note that starts with a complete name should be cut after the name."""
        for end in range(2, len(text)):
            first = self.read(text[:end])
            if first.kind.is_name and first.cost <= 1.0:
                return NOTE_AFTER_NAME
        return 0.0

    def _read_with_brackets(self, text: str) -> Reading:
        plain, contents = without_brackets(text)
        if not contents:
            return self._read_plain(text)
        if not plain:
            return UNKNOWN
        reading = self._read_plain(plain)
        if not reading.kind.is_name:
            return reading
        extra = sum(0.0 if self.names_a_list(c) else ODD_BRACKET for c in contents)
        return reading._replace(cost=reading.cost + extra)

    def names_a_list(self, content: str) -> bool:
        """Whether a bracket's content is levels or names (县、市、区; 街道、开发区; 管委会)."""
        pieces = [p for p in re.split(f"[{LIST_SEPARATORS}]", content) if p]
        return bool(pieces) and all(
            self.is_level_run(p) or self.read(p).kind.is_name for p in pieces
        )

    def _read_plain(self, text: str) -> Reading:
        best = min((read_collective(self, text), self._read_organ(text)), key=lambda r: r.cost)
        if best.cost < UNKNOWN_COST:
            return best
        if text in self.stems:
            return Reading(Kind.FRAGMENT, FRAGMENT_COST)
        return Reading(Kind.UNKNOWN, UNKNOWN_COST + UNKNOWN_PER_CHAR * len(text))

    # ---- collectives -----------------------------------------------------------------

    def tails_ending(self, text: str) -> tuple[str, ...]:
        """The collective tails that may end the text (those with its last character)."""
        return self._indexes.collective_tails.get(text[-1:], ())

    def is_level_run(self, text: str) -> bool:
        """Whether text is levels only (乡镇, 县市区, 镇街道, 开发区)."""
        if not text:
            return False
        position, rank, previous = 0, -1, ""
        while position < len(text):
            word = self._level_at(text, position, allow_false_start=True)
            if word is None or word == previous:
                return False  # 区区 repeats: no run of levels
            paired = (previous, word) in self.level_pairs
            word_rank = rank if paired else self.ranks.get(word, rank)
            if word_rank < rank:
                return False  # 乡镇县 climbs back up: no run of levels
            position, rank, previous = position + len(word), word_rank, word
        return True

    # ---- prefix + core + branch --------------------------------------------------------

    def _level_at(self, text: str, position: int, allow_false_start: bool = False) -> str | None:
        if position >= len(text):
            return None
        words = self._level_index.get(text[position])
        if words is None:
            return None  # most characters start no level: asked first, it answers fastest
        if not allow_false_start and text.startswith(self.false_starts, position):
            return None
        for word in words:
            if text.startswith(word, position):
                return word
        return None

    def _level_before_organ(self, text: str, position: int) -> str | None:
        """The level at ``position``, also where a false start begins but an organ follows
        the level: 市场监管局 is no 市 + 场监管局, but 市政协 is 市 + 政协 and 长口街道办事处
        is 长口 + 街道 + 办事处."""
        level = self._level_at(text, position, allow_false_start=True)
        after = position + len(level) if level is not None else position
        if (
            level is not None
            and text.startswith(self.false_starts, position)
            and text[after:] not in self.organs
            and not text.startswith(self.governments, after)  # 市 + 政府国资委
        ):
            return None
        return level

    def prefix_ends(self, text: str) -> dict[int, tuple[float, str]]:
        """Every position a prefix can end at -> (cost, kind of its last token).

        Kinds: ``start``, ``opener``, ``level``, ``zone``, ``place``, ``committee``,
        ``government``.
        Levels go down ``level_order``: a prefix never climbs back up (镇县 is none).
        The mapping is cached (a cell's pieces share their texts): do not change it.
        """
        found = self._prefix_cache.get(text)
        if found is None:
            found = self._prefix_ends(text)
            make_room(self._prefix_cache)
            self._prefix_cache[text] = found
        return found

    def _prefix_ends(self, text: str) -> dict[int, tuple[float, str]]:
        reach: dict[int, tuple[float, str, int]] = {0: (0.0, "start", -1)}
        for position in range(len(text)):
            if position not in reach:
                continue
            cost, last, rank = reach[position]
            for end, step, kind, level in self._tokens(text, position, last):
                new_rank = self.ranks.get(level, rank) if level else rank
                placed = kind in ("place", "zone") or last == "place"
                strict = placed or level in self.zones
                # Down the order; a place's level or a zone strictly (镇槐坪镇, 开发区X开发区
                # are two names), a bare level may pair with its own rank (乡镇, 县区).
                ranked = bool(level) and level in self.ranks and rank >= 0
                if ranked and (new_rank < rank or (strict and new_rank == rank)):
                    continue
                if end < len(text) or kind in ("zone", "level", "place", "committee"):
                    total = cost + step
                    if end not in reach or total < reach[end][0]:
                        reach[end] = (total, kind, new_rank)
        return {end: (cost, kind) for end, (cost, kind, _) in reach.items()}

    def _tokens(self, text: str, position: int, last: str) -> list[tuple[int, float, str, str]]:
        """Tokens starting at ``position``: (end, cost, kind, the level word or "")."""
        tokens: list[tuple[int, float, str, str]] = []
        if last in ("start", "opener"):
            tokens += [
                (position + len(o), 0.0, "opener", "")
                for o in self._indexes.openers.get(text[position], ())
                if text.startswith(o, position)
            ]
        if last in ("level", "zone", "place"):
            tokens += [
                (position + len(c), 0.0, "committee", "")
                for c in self.committees
                if text.startswith(c, position)
            ]
            tokens += [
                (position + len(g), 0.0, "government", "")
                for g in self.governments
                if text.startswith(g, position)
            ]
        if last in ("committee", "government"):
            return tokens
        previous = text[position - 1] if position else ""
        level = self._level_before_organ(text, position)
        if level is not None and not (previous and level.startswith(previous)):
            kind = "zone" if level in self.zones else "level"
            tokens.append((position + len(level), 0.0, kind, level))
        for place in self.places:
            if text.startswith(place, position):
                tokens.append((position + len(place), 0.0, "place", ""))
        if text.startswith(self.false_places, position):
            return tokens  # 市 + 城市管理局: 城 is no place before 市
        for length in range(1, 5):
            stem = text[position : position + length]
            after = self._level_before_organ(text, position + length)
            if len(stem) == length and after is not None and self._could_be_place(stem):
                kind = "zone" if after in self.zones else "place"
                end = position + length + len(after)
                cost = 0.0 if stem in self.places else UNKNOWN_PLACE
                tokens.append((end, cost, kind, after))
        return tokens

    def _could_be_place(self, stem: str) -> bool:
        found = self._places_cache.get(stem)
        if found is None:
            found = self._guess_place(stem)
            make_room(self._places_cache)
            self._places_cache[stem] = found
        return found

    def _guess_place(self, stem: str) -> bool:
        if stem in self.places:
            return True
        return (
            bool(IDEOGRAPHS.match(stem))
            and not _ORGAN_CHARS.intersection(stem)
            and not stem.startswith(self.collective_heads)
            and not stem.startswith(self.scope_openers)
            and not any(
                stem[:k] in self.stems or stem[:k] in self.organs for k in range(2, len(stem) + 1)
            )
            and not any(stem.startswith(level) for level in self.levels)
            and (not stem.endswith(self.levels) or stem.endswith(self.place_endings))
            and not stem.endswith(self.zones)
        )

    def _read_organ(self, text: str) -> Reading:
        best = UNKNOWN
        for end, (cost, last) in self.prefix_ends(text).items():
            body = text[end:]
            if not body:
                best = cheaper(best, self._place_alone(end, cost, last))
                continue
            found = self._read_body(body, has_prefix=end > 0, last=last)
            if found is not None:
                best = cheaper(best, found._replace(cost=found.cost + cost))
        return best

    def _place_alone(self, end: int, cost: float, last: str) -> Reading:
        if last == "zone":
            return Reading(Kind.PLACE, ZONE_ALONE + cost)
        if last == "place":
            return Reading(Kind.PLACE, PLACE_ALONE + cost)
        return UNKNOWN

    def _read_body(self, body: str, has_prefix: bool, last: str) -> Reading | None:
        if body in self.organs:
            return Reading(Kind.ORGAN, 0.0)
        if last in ("committee", "government"):
            return self._after_committee(body, last)
        after_prefix = self._after_prefix(body, last) if has_prefix else None
        if after_prefix is not None:
            return after_prefix
        best: Reading | None = None
        for split in self._indexes.body_splits(body):
            core, tail = body[:split], body[split:]
            core_cost = 0.0 if core in self.organs else STEM_COST if core in self.stems else None
            branch = self._branch(tail) if core_cost is not None else None
            if branch is not None and core_cost is not None:
                cost, place = branch
                best = cheaper_opt(best, Reading(Kind.ORGAN, core_cost + cost, place))
            if tail in self.organs and tail.endswith(self.branch_suffixes):
                # 公安局 + 交警大队, 公安局X分局 + 交警大队: a unit inside its parent.
                parent = self._read_body(core, has_prefix, last)
                if parent is not None and parent.kind is Kind.ORGAN:
                    cost = parent.cost + SUB_UNIT
                    best = cheaper_opt(best, Reading(Kind.ORGAN, cost, parent.branch_place))
        generic = self.generic_body(body, has_prefix)
        if generic is not None:
            best = cheaper_opt(best, generic)
        if not has_prefix:
            branch = self._branch(body, bare=False)
            if branch is not None:
                cost, place = branch
                best = cheaper_opt(best, Reading(Kind.BRANCH, BRANCH_ALONE + cost, place))
        return best

    def _after_prefix(self, body: str, last: str) -> Reading | None:
        """The short bodies a prefix makes a unit of: 县 + 委, 人行X县 + 支行, 人民银行 + X分行."""
        if last in ("level", "place", "zone") and body in self.committees:
            return Reading(Kind.ORGAN, 0.0)  # 县委, 镇党委
        if last in ("level", "place", "zone") and body in self.branch_suffixes:
            return Reading(Kind.ORGAN, BARE_BRANCH)  # 人行X县支行: the opener's branch
        if last == "opener":
            # 人民银行X分行, 中国移动X分公司: a national body's branch, its place unknown.
            branch = self._branch(body, bare=False)
            if branch is not None:
                return Reading(Kind.ORGAN, branch[0], branch[1])
        return None

    def _after_committee(self, body: str, last: str = "committee") -> Reading | None:
        """A party committee's department (县委宣传部) or a government's organ (市政府国资委,
        县政府办公室); no branch of another organ."""
        if body in self.party_organs:
            return Reading(Kind.ORGAN, 0.0)
        if last == "government" and body in self.organs and body not in self.governments:
            return Reading(Kind.ORGAN, 0.0)
        generic = self.generic_body(body, has_prefix=True)
        if generic is None or body.endswith(self.branch_suffixes):
            return None
        return generic._replace(cost=generic.cost + STEM_COST)

    def _branch(self, tail: str, bare: bool = True) -> tuple[float, str | None] | None:
        """(cost, unknown place) of a branch: [place] + a branch suffix (X分局, 支队)."""
        best: tuple[float, str | None] | None = None
        for suffix in self._indexes.branch_suffixes.get(tail[-1:], ()):
            if not tail.endswith(suffix):
                continue
            place = tail[: -len(suffix)]
            option: tuple[float, str | None] | None = None
            if not place:
                option = (BARE_BRANCH, None) if bare else None
            elif place in self.places:
                option = (0.0, None)
            elif len(place) <= 4 and self._could_be_place(place):
                option = (UNKNOWN_BRANCH_PLACE, place)
            if option is not None and (best is None or option[0] < best[0]):
                best = option
        return best

    def generic_body(self, body: str, has_prefix: bool) -> Reading | None:
        """Any text ending in a unit suffix (工信和商务局); long or glued text costs more."""
        if not body.endswith(self.unit_suffixes) or self._level_at(body, 0) is not None:
            return None
        if body in self.unit_suffixes or (not has_prefix and len(body) < 3):
            return None
        if has_prefix and max(self.prefix_ends(body)) > 0:
            return None  # 镇 + 槐坪镇党委: the body has a place of its own
        cost = GENERIC_COST + GENERIC_PER_CHAR * max(0, len(body) - 4)
        if self._glued_inside(body):
            cost += GLUE_INSIDE
        return Reading(Kind.GENERIC, cost)

    def _glued_inside(self, body: str) -> bool:
        """Whether an organ word ends inside the text and a level or a name starts right
        after it (住建局县财政局, 规划X分局国土X分局): two names glued, not one."""
        level_ends = self._indexes.level_ends
        for position in range(1, len(body) - 1):
            before = body[position - 1]
            if before not in _ORGAN_CHARS and before not in level_ends:
                continue
            if before in _ORGAN_CHARS and self._level_at(body, position) is not None:
                return True
            tail = body[position:]
            if tail in self.organs or tail in self.party_organs:
                continue  # X领导小组 + 办公室, X指挥部 + 办公室: one body's office
            rest = self.read(tail)
            if rest.kind in STRONG and rest.cost <= 1.5:
                return True
        return False


def _ranks(order: list[list[str]], zones: list[str]) -> dict[str, int]:
    ranks: dict[str, int] = {}
    for rank, words in enumerate(order):
        for word in words:
            if word == "zone":
                ranks.update(dict.fromkeys(zones, rank))
            else:
                ranks[word] = rank
    return ranks
