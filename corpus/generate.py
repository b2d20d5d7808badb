"""Generate task lists with their truth: ``python -m corpus generate --n N --seed S --out DIR``.

Each list is drawn from its own random stream (seed and index), so list 7 of seed 1 is
the same whatever ``--n`` is. The output folder receives, per list, ``NAME.truth.json``
(the truth in the output contract, the features, the spec) and one file per rendering.
"""

from __future__ import annotations

import json
import random
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from corpus import phrases
from corpus.assemble import write_rows
from corpus.layouts import Layout, LayoutContext, choose_layout
from corpus.model import GeneratedList
from corpus.names import CellStyle, Namer, invent_place
from corpus.renderings import RENDERINGS, Rendering, blank_allowed, finish_printed
from corpus.sheet import LEFT, PageSetup, Spec, print_pdfs
from corpus.tasks import Section, draw_content
from corpus.vocab import Vocabulary, vocabulary

PRODUCED = [name for name, rendering in RENDERINGS.items() if rendering.program]
"""Renderings made by other programs (issue 27): one of them is drawn for every list."""

PRINT_BATCH = 12
"""Word files printed per LibreOffice run."""

_WIDTHS = {
    "no": 1.0,
    "grouping": 2.0,
    "category": 2.4,
    "middle": 3.0,
    "problem": 5.0,
    "measure": 7.5,
    "resp": 2.6,
    "person": 2.0,
    "deadline": 2.2,
    "remark": 1.6,
    "progress": 2.2,
}


def _cell_style(rng: random.Random) -> tuple[CellStyle, list[str]]:
    features = []
    style = CellStyle(
        separator=rng.choices(["、", "，", "；", "\n", " "], weights=[6, 2, 1, 2, 1])[0],
        glue=0.3 if rng.random() < 0.15 else 0.0,
        wrap=0.35 if rng.random() < 0.3 else 0.0,
        etc=0.3 if rng.random() < 0.1 else 0.0,
    )
    features.append(
        "names:separator-" + {"\n": "newline", " ": "space"}.get(style.separator, style.separator)
    )
    features += [
        f
        for f, on in (
            ("names:glued", style.glue),
            ("names:wrapped", style.wrap),
            ("names:etc", style.etc),
        )
        if on
    ]
    return style, features


def _page(rng: random.Random, layout: Layout) -> tuple[PageSetup, list[str]]:
    narrow = rng.random() < 0.3
    widths = []
    for col in layout.columns:
        width = _WIDTHS[col.role] * rng.uniform(0.8, 1.25)
        if narrow and col.role == "resp":
            width = rng.uniform(1.1, 1.6)
        widths.append(round(width, 2))
    orientation = "landscape" if rng.random() < 0.65 else "portrait"
    page = PageSetup(
        orientation=orientation,
        font_size=rng.choice([9.0, 10.0, 10.5, 12.0]),
        margin_cm=rng.choice([1.5, 2.0, 2.5]),
        column_widths=widths,
    )
    return page, [f"page:{orientation}", *(["narrow-columns"] if narrow else [])]


def _without_ordinals(sections: list[Section]) -> None:
    """A 领域/板块 column prints the heading words without the 一、 ordinal."""
    for section in sections:
        if section.heading:
            section.heading = section.heading.split("、", 1)[1]


def generate_list(seed: int, index: int, vocab: Vocabulary | None = None) -> GeneratedList:
    """List number ``index`` of ``seed``: a random layout, content, renderings and truth."""
    vocab = vocab or vocabulary()
    rng = random.Random(f"{seed}:{index}")
    cells, features = _cell_style(rng)
    layout = choose_layout(LayoutContext(rng, vocab, cells))
    features = [*layout.features, *features]
    place = invent_place(rng, vocab, set())
    level = rng.choice(vocab.departments["levels"])
    subplaces = [invent_place(rng, vocab, {place}) for _ in range(4)]
    namer = Namer(rng, vocab, place, level, subplaces)
    year = rng.randint(2018, 2024)
    topic = rng.choice(vocab.topics)
    sections = draw_content(rng, vocab, topic, namer, year, layout.content)
    if "grouping-column" in layout.features:
        _without_ordinals(sections)
    text_wrap = 0.25 if rng.random() < 0.3 else 0.0
    if text_wrap:
        features.append("text:wrapped")
    written = write_rows(rng, layout, sections, text_wrap)
    rows = list(written.rows)
    text_after: list[str] = []
    note = rng.choice(vocab.text["notes"]["texts"]).format(y=year)
    if rng.random() < 0.15:
        rows.append([note, *[LEFT] * (len(layout.columns) - 1)])
        features.append("note-row")
    elif rng.random() < 0.15:
        text_after.append(note)
        features.append("note-after")
    lines = phrases.title_lines(
        rng, vocab, place, level, year, topic, layout.kind == "rectification"
    )
    attachment = rng.choice(vocab.text["attachment_labels"]) if rng.random() < 0.7 else None
    features.append("title:two-lines" if len(lines) == 2 else "title:one-line")
    features.append("attachment" if attachment else "no-attachment")
    page, page_features = _page(rng, layout)
    features += page_features
    name = f"{seed:04d}-{index:04d}"
    breaks, at = [], rng.randint(3, 8)
    while at < len(rows):
        breaks.append(at)
        at += rng.randint(3, 9)
    spec = Spec(
        name=name,
        header=written.header,
        rows=rows,
        text_before=[*([attachment] if attachment else []), *lines],
        page_breaks=breaks,
        text_after=text_after,
        page=page,
    )
    mergeable = {i for i, col in enumerate(layout.columns) if col.role in ("category", "grouping")}
    docx = ["docx-merged", "docx-table-per-page", "docx-repeated"]
    if blank_allowed(spec, mergeable):
        docx.append("docx-blank")
    renderings = [rng.choice(docx), rng.choice(["pdf-merged", "pdf-table-per-page"]), "txt"]
    # Drawn last, so that a seed's lists and their other renderings stay as they were.
    renderings.append(rng.choice(PRODUCED))
    return GeneratedList(
        name, spec, "".join(lines), attachment, year, written.records, features, renderings
    )


def _write_batch(generated: list[GeneratedList], out: Path) -> list[str]:
    """Write a batch's truth files and renderings; print its PDFs in one LibreOffice run."""
    written = []
    with tempfile.TemporaryDirectory(prefix="corpus-print-") as tmp:
        to_print: list[Path] = []
        printed: list[tuple[Rendering[Spec], Path]] = []
        for item in generated:
            (out / f"{item.name}.truth.json").write_text(
                json.dumps(item.truth(), ensure_ascii=False, indent=1), encoding="utf-8"
            )
            for name in item.renderings:
                rendering = RENDERINGS[name]
                target = out / rendering.file_name(item.name)
                if rendering.printed:
                    source = Path(tmp) / f"{target.stem}.docx"
                    rendering.write(item.spec, source)
                    to_print.append(source)
                    printed.append((rendering, target))
                else:
                    rendering.write(item.spec, target)
                written.append(target.name)
        if to_print:
            print_pdfs(to_print, out)
            finish_printed(printed)
    return written


def generate_corpus(
    n: int, seed: int, out: Path, jobs: int = 2, only: list[str] | None = None
) -> list[GeneratedList]:
    """Generate ``n`` lists of ``seed`` into ``out`` with ``jobs`` processes.

    ``only`` restricts every list to those renderings (e.g. ``["txt"]`` without LibreOffice).
    """
    out.mkdir(parents=True, exist_ok=True)
    lists = [generate_list(seed, index) for index in range(1, n + 1)]
    if only is not None:
        for item in lists:
            item.renderings = [r for r in only if r in RENDERINGS]
    batches = [lists[i : i + PRINT_BATCH] for i in range(0, len(lists), PRINT_BATCH)]
    if jobs <= 1 or len(batches) == 1:
        for batch in batches:
            _write_batch(batch, out)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(_write_batch, batches, [out] * len(batches)))
    return lists
