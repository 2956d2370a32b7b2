"""Precision and recall of the citation finder on real public texts, overall and per field.

    python benchmarks/citations_eval.py            # the table for benchmarks/README.md
    python benchmarks/citations_eval.py --misses   # also every miss and false alarm, to read

Reads ``benchmarks/citations/eval.txt`` (hand-labelled lines of real Vietnamese administrative
and legal texts with their source addresses; the format is described at its top and in
``benchmarks/README.md``), runs ``extract_citations`` on every line and compares.

A found citation matches a labelled one in the same line when their numbers are the same
document: equal after dropping spaces and case (``2927 -TB/TU`` is ``2927-TB/TU``), or equal to
the form the text actually wrote when the label records a typo. Among matches, the number is
right when it is exactly the registered form, the type word when it names the same type, the
date when it is the same day (or both absent). Unnumbered laws and codes ("Luật Đất đai ngày
29 tháng 11 năm 2013") are scored apart, as are the short references that must not be taken for
numbers ("Nghị định 178").
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.citations import extract_citations  # noqa: E402

EVAL = ROOT / "benchmarks/citations/eval.txt"


@dataclass
class Label:
    word: str | None
    number: str  # registered form, or the title of an unnumbered law, or a short reference
    day: str | None  # "2020-03-05", "2014" (a year, for titles), or None
    written: str | None = None  # the number as the text wrote it, when it is a typo


@dataclass
class Item:
    source: str
    text: str
    numbered: list[Label] = field(default_factory=list)
    titles: list[Label] = field(default_factory=list)
    shorts: list[Label] = field(default_factory=list)


def read_items(path: Path = EVAL) -> list[Item]:
    items: list[Item] = []
    source = ""
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.split("\n") if line and not line.startswith("#")]
        if lines and lines[0].startswith("@ "):
            source = lines.pop(0)[2:].strip()
        if not lines:
            continue
        item = Item(source, lines[0].replace("\\n", "\n"))
        for line in lines[1:]:
            fields = [f.strip() for f in line[2:].split("|")]
            word = None if fields[0] == "-" else fields[0]
            day = None if fields[2] == "-" else fields[2]
            label = Label(word, fields[1], day, fields[3] if len(fields) > 3 else None)
            {"=": item.numbered, "~": item.titles, "?": item.shorts}[line[0]].append(label)
        items.append(item)
    return items


def key(number: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", number)).casefold()


def words_agree(found: str | None, label: str | None) -> bool:
    fold = lambda w: re.sub(r"\s+", " ", w).casefold() if w else None  # noqa: E731
    return fold(found) == fold(label)


def day_of(cited: date | None, year: int | None = None) -> str | None:
    if cited is not None:
        return cited.isoformat()
    return str(year) if year else None


def issuer_of(number: str) -> str:
    """The issuing body's code: CP in 30/2020/NĐ-CP, TU in 429-QĐ/TU, SKHĐT in 126/SKHĐT."""
    if re.match(r"\d+[a-z]?-", number):
        return number.split("/", 1)[1].split("-")[0]
    return re.split(r"[-/]", number.split("/")[-1])[-1] if "-" in number else number.split("/")[-1]


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0
    number_right: int = 0
    word_right: int = 0
    date_right: int = 0
    notes: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        p = self.matched / self.found if self.found else 1.0
        r = self.matched / self.gold if self.gold else 1.0
        m = self.matched or 1
        return (
            f"| {name} | {self.gold} | {self.found} | {self.matched} | {p:.1%} | {r:.1%} | "
            f"{self.number_right / m:.1%} | {self.word_right / m:.1%} | {self.date_right / m:.1%} |"
        )


def evaluate(items: list[Item]) -> tuple[Score, Score, Score]:
    numbered, titles, shorts = Score(), Score(), Score()
    for item in items:
        found = extract_citations(item.text)
        by_kind = {
            kind: [c for c in found if getattr(c, "kind", "number") == kind]
            for kind in ("number", "title", "short")
        }
        _match_numbers(item, by_kind["number"], numbered)
        _match_titles(item, by_kind["title"], titles)
        shorts.gold += len(item.shorts)
        shorts.found += len(by_kind["short"])
        for label in item.shorts:
            wanted = key(f"{label.word} {label.number}")
            if any(key(c.number.split("/")[0]) == wanted for c in by_kind["short"]):
                shorts.matched += 1
                shorts.number_right += 1
                shorts.word_right += 1
                shorts.date_right += 1
    return numbered, titles, shorts


def _match_numbers(item: Item, found: list, score: Score) -> None:
    score.gold += len(item.numbered)
    score.found += len(found)
    pool = list(found)
    for label in item.numbered:
        keys = {key(label.number)} | ({key(label.written)} if label.written else set())
        hit = next((c for c in pool if key(c.number) in keys), None)
        if hit is None:
            score.notes.append(f"MISS  {label.number} ({label.word}) — {item.source}")
            continue
        pool.remove(hit)
        score.matched += 1
        score.number_right += hit.number == label.number
        score.word_right += words_agree(hit.word, label.word)
        score.date_right += day_of(hit.cited_date) == label.day
        if hit.number != label.number:
            score.notes.append(f"NUMBER {hit.number!r} ≠ {label.number!r} — {item.source}")
        if not words_agree(hit.word, label.word):
            score.notes.append(f"WORD  {hit.word!r} ≠ {label.word!r} [{label.number}]")
        if day_of(hit.cited_date) != label.day:
            score.notes.append(f"DATE  {day_of(hit.cited_date)} ≠ {label.day} [{label.number}]")
    for extra in pool:
        score.notes.append(f"FALSE {extra.number!r} in {extra.text!r} — {item.source}")


def _match_titles(item: Item, found: list, score: Score) -> None:
    score.gold += len(item.titles)
    score.found += len(found)
    pool = list(found)
    for label in item.titles:
        hit = next((c for c in pool if _title(c.number) == key(label.number)), None)
        if hit is None:
            score.notes.append(f"MISS  title {label.number!r} — {item.source}")
            continue
        pool.remove(hit)
        score.matched += 1
        score.number_right += 1
        score.word_right += words_agree(hit.word, label.word)
        year = re.search(r" (\d{4})$", hit.number)
        score.date_right += day_of(hit.cited_date, int(year[1]) if year else None) == label.day
    for extra in pool:
        score.notes.append(f"FALSE title {extra.number!r} — {item.source}")


ADVERSARIAL = {
    "slashes": "/",
    "digit, slash": "1/",
    "digit, slash, letter": "1/A",
    "digits": "7",
    "type words": "Nghị định ",
    "law titles": "Luật A ",
    "half numbers": "số 1/KH-",
    "real citations": "30/2020/NĐ-CP ngày 5/3/2020; ",
    "mixed scripts": "Жж日本 QĐ/TTg 12-",
}


def speed(rounds: int = 5) -> None:
    """CPU time per character of one-line inputs at 10,000 and 100,000 characters, interleaved;
    linear time shows as the same time per character at both sizes."""
    import statistics
    import time

    print("| input | µs/char at 10k (min/median/max) | at 100k | ratio of medians |")
    print("| --- | ---: | ---: | ---: |")
    for name, unit in ADVERSARIAL.items():
        times: dict[int, list[float]] = {10_000: [], 100_000: []}
        for _ in range(rounds):
            for size in times:
                text = (unit * (size // len(unit) + 1))[:size]
                started = time.process_time()
                extract_citations(text)
                times[size].append((time.process_time() - started) / size * 1e6)
        cells = [f"{min(t):.3f}/{statistics.median(t):.3f}/{max(t):.3f}" for t in times.values()]
        ratio = statistics.median(times[100_000]) / statistics.median(times[10_000])
        print(f"| {name} (`{unit.strip()}`) | {cells[0]} | {cells[1]} | {ratio:.2f} |")


def _title(name: str) -> str:
    """A title citation's name without the year it may end with ("Bộ luật Dân sự 2015")."""
    return key(re.sub(r" \d{4}$", "", name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", action="store_true", help="list every miss and false alarm")
    parser.add_argument(
        "--file", type=Path, default=EVAL, help="labelled lines (default: citations/eval.txt)"
    )
    parser.add_argument(
        "--speed",
        action="store_true",
        help="time adversarial lines of 10,000 and 100,000 characters",
    )
    args = parser.parse_args()
    if args.speed:
        speed()
        return
    items = read_items(args.file)
    numbered, titles, shorts = evaluate(items)
    with_citations = [i for i in items if i.numbered]
    without = [i for i in items if not (i.numbered or i.titles or i.shorts)]
    issuers = Counter(issuer_of(label.number) for i in items for label in i.numbered)
    print(
        f"{len(items)} lines from {len({i.source for i in items})} sources: "
        f"{len(with_citations)} with numbered citations, {len(without)} with none; "
        f"{len(issuers)} issuer codes"
    )
    print()
    print("| citations | labelled | found | matched | precision | recall | number | word | date |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(numbered.line("numbered"))
    print(titles.line("unnumbered laws (title + date)"))
    print(shorts.line("short references (not scored as numbers)"))
    false_alarms = sum(
        1
        for i in without
        for c in extract_citations(i.text)
        if getattr(c, "kind", "number") == "number"
    )
    print()
    print(f"Numbered citations reported on the {len(without)} lines without any: {false_alarms}")
    if args.misses:
        print()
        for note in numbered.notes + titles.notes:
            print(note)


if __name__ == "__main__":
    main()
