"""Text the generator writes: deadlines with their due dates, measures, titles, headings."""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass

from corpus.vocab import DeadlinePhrase, Topic, Vocabulary

CHINESE_ORDINALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Deadline:
    """A deadline as printed and what it means (docs/conventions.md: due, due_kind)."""

    text: str
    due: str | None
    kind: str | None


def _due(phrase: DeadlinePhrase, values: dict[str, int]) -> str | None:
    if not phrase.due:
        return None
    year, month, day = phrase.due.split("-")
    y = int(year.format(**values))
    m = int(month.format(**values))
    d = calendar.monthrange(y, m)[1] if day == "end" else int(day.format(**values))
    return f"{y:04d}-{m:02d}-{d:02d}"


def deadline(rng: random.Random, vocab: Vocabulary, year: int) -> Deadline:
    """A random deadline phrasing for a list of ``year``, with its due date and kind."""
    phrase = rng.choice(vocab.deadlines)
    month = rng.randint(1, 11)
    values = {
        "y": year,
        "y1": year + 1,
        "m": month,
        "m2": rng.randint(month + 1, 12),
        "d": rng.randint(1, 28),
    }
    return Deadline(phrase.text.format(**values), _due(phrase, values), phrase.kind or None)


def _target(rng: random.Random, topic: Topic) -> str:
    template = rng.choice(topic.targets)
    return template.format(
        n=rng.choice([2, 3, 5, 8, 10, 12, 15, 20, 30, 50, 100, 120, 300]),
        p=rng.choice([60, 75, 80, 85, 90, 95, 98, 100]),
    )


def _clause(rng: random.Random, vocab: Vocabulary, topic: Topic) -> str:
    words = vocab.text["phrases"]
    clause: str = str(rng.choice(words["verbs"])) + rng.choice(topic.objects)
    clause += rng.choice(words["actions"])
    if rng.random() < 0.6:
        clause += rng.choice(words["connectors"]) + _target(rng, topic)
    return clause


def measure(rng: random.Random, vocab: Vocabulary, topic: Topic) -> str:
    """A measure text: one to three sentences, sometimes numbered items (（1）…；（2）…)."""
    words = vocab.text["phrases"]
    if rng.random() < 0.15:
        items = [_clause(rng, vocab, topic) for _ in range(rng.randint(2, 3))]
        return "；".join(f"（{i}）{item}" for i, item in enumerate(items, start=1)) + "。"
    sentences = []
    for _ in range(rng.choices([1, 2, 3], weights=[5, 3, 1])[0]):
        sentences.append(_clause(rng, vocab, topic) + rng.choice(words["endings"]))
    return "".join(sentences)


def problem(rng: random.Random, vocab: Vocabulary, topic: Topic) -> str:
    """A problem text of a rectification list."""
    template: str = rng.choice(vocab.text["rectification"]["problems"])
    return str(template.format(object=rng.choice(topic.objects))) + "。"


def section_heading(rng: random.Random, vocab: Vocabulary, index: int, used: set[str]) -> str:
    """A section row's text with its ordinal (一、…)."""
    heads = [h for h in vocab.text["sections"]["heads"] if h not in used] or ["其他工作"]
    head = rng.choice(heads)
    used.add(head)
    return f"{CHINESE_ORDINALS[index]}、{head}"


def person(rng: random.Random, vocab: Vocabulary) -> str:
    """A responsible person as a 责任领导 column writes one."""
    people = vocab.text["people"]
    name = rng.choice(people["surnames"]) + rng.choice(people["given"])
    return f"{name}（{rng.choice(people['titles'])}）" if rng.random() < 0.5 else name


def title_lines(
    rng: random.Random,
    vocab: Vocabulary,
    place: str,
    level: str,
    year: int,
    topic: Topic,
    rectification: bool,
) -> list[str]:
    """The title as printed: one line or two (the truth joins them with nothing)."""
    kinds = vocab.text["rectification_kinds" if rectification else "list_kinds"]
    head, kind = f"{place}{level}{year}年{topic.name}", rng.choice(kinds)
    if rng.random() < 0.35:
        return [head, kind]
    return [head + kind]
