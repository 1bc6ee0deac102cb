"""The "me too" similarity: precision, recall and time per comparison on the labelled pairs.

Run by hand from the project root:
`python -m benchmarks.similar [--sweep] [--show-held-out] [--part NAME …] [--words-only]
[--problems]`.
Each line of tests/data/similar_pairs_*.tsv is `same|different, category, styles, text, text`:
two reports of one category, by two members, that are (or are not) the same problem. A pair
counts as offered when `most_similar` would offer the one report to the author of the other
(the score reaches SIMILARITY_THRESHOLD). Prints, per part: precision and recall; the pairs
missed and wrongly offered of the tuning and dev parts; recall by style pairing; and the mean
time of one comparison (tokens cached, as when one new report meets every open report) and of
one new text's tokens. The tuning and dev parts are what the similarity is tuned on (the dev
parts were held-out sets once, and were seen while tuning since). A held-out part (listed in
HELD_OUT) is written before a round of tuning and not tuned on: its mistakes are listed only
with --show-held-out, and it is left out of --sweep. --sweep prints precision and recall of
tuning and dev together over a range of thresholds; --part measures only the named parts;
--words-only leaves the problem types (bot/services/problems.py) out, to see what they add;
--problems prints, per part, how many texts have a clear problem type and how often two texts
of a same pair share theirs (and two of a different pair do), with the tuning and dev parts'
disagreements and the texts of no type.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
PARTS = {
    "tuning": DATA / "similar_pairs_tuning.tsv",
    # Written as held-out sets in earlier rounds and measured once each; seen while tuning
    # since, so they are dev data now.
    "dev 1": DATA / "similar_pairs_heldout.tsv",
    "dev 2": DATA / "similar_pairs_heldout2.tsv",
    "dev 3": DATA / "similar_pairs_heldout3.tsv",
    # Written before the third round of tuning (issue 12) and measured once then (precision
    # 0.930, recall 0.495); its mistakes were looked at for the fourth round, so dev data too.
    "dev 4": DATA / "similar_pairs_heldout4.tsv",
    # Written mid-way through the fourth round by the helper tuning (so knowing its
    # vocabulary), committed before it was measured once (precision 1.000, recall 0.818 at
    # 0.52); tuned on since.
    "dev 5": DATA / "similar_pairs_check5.tsv",
    # Written blind (without reading the similarity code or its word lists) while the fourth
    # round was tuned, kept off that branch, and measured once after it was merged (precision
    # 0.828, recall 0.410); its mistakes were looked at for the problem types, so dev data.
    "dev 6": DATA / "similar_pairs_heldout5.tsv",
    # Written blind (without reading the code or any word list) while the problem types were
    # written and tuned, kept off those branches, and measured once after they were merged
    # (precision 0.946, recall 0.593; words alone 0.942 / 0.415); looked at since, so dev data.
    "dev 7": DATA / "similar_pairs_heldout6.tsv",
    # Written blind (without reading the code or any word list, in other manners than the
    # earlier sets: consequences, typos, rambling and very short messages, mixed languages)
    # while the problem types' second round was written, and measured once after it merged
    # (precision 0.971, recall 0.581; words alone 1.000 / 0.265); looked at since: dev data.
    "dev 8": DATA / "similar_pairs_heldout7.tsv",
    # Written blind (more less-common problems, smaller towns, more Azerbaijani-Finglish and
    # Finglish-Finglish pairs) while the problem types' third round was written, and measured
    # once after it merged: precision 0.896, recall 0.496 (words alone 0.967 / 0.240); looked
    # at for the fourth round since: dev data.
    "dev 9": DATA / "similar_pairs_heldout8.tsv",
    # Written blind as members of specific clusters write (each trade's own materials and
    # words; most same pairs from two different trades) while the problem types' fourth round
    # and the Azerbaijani table were written; measured once after they merged: precision
    # 0.905, recall 0.483 (words alone 1.000 / 0.186); looked at since: dev data.
    "dev 10": DATA / "similar_pairs_heldout9.tsv",
    # Written blind in other manners (voice-typed, retold by an agent, with amounts, dates and
    # offices, two problems in one message, replies) while the problem types' fifth round was
    # written on dev 10; measured once after it merged: precision 0.914, recall 0.453 (words
    # alone 0.806 / 0.248); looked at since: dev data.
    "dev 11": DATA / "similar_pairs_heldout10.tsv",
    # Written blind as a realistic week of traffic (plain reports, questions, requests,
    # consequences, voice-typed, retold; hard different pairs from one estate, trade, office or
    # system) while the granularity pass was written; measured once after it merged: precision
    # 0.873, recall 0.470 (words alone 0.947 / 0.308). Not tuned on yet.
    "dev 12": DATA / "similar_pairs_heldout11.tsv",
    # Written blind (not reading the repository at all; 120 same, 120 different, many hard
    # near-duplicates: another trouble, stage, place, material or office) after the threshold
    # came down to 0.42, and measured once then: precision 0.677, recall 0.525 (0.667 / 0.300
    # at 0.52; words alone 0.684 / 0.325). Looked at since (the names, bot/services/names.py,
    # came from its wrong offers: 0.741 / 0.525): dev data.
    "dev 13": DATA / "similar_pairs_heldout12.tsv",
    # Written blind (session 31: the writer read nothing of the repository; 120 same, 120
    # different, most different pairs hard near-duplicates) together with held-out 15, after the
    # names joined; measured once, then looked at: dev data.
    "dev 14": DATA / "similar_pairs_heldout13.tsv",
    # Written with dev 14 by the same writer, as freshly; kept unseen to measure the tuning of
    # dev 14 once.
    "held-out 15": DATA / "similar_pairs_heldout14.tsv",
    # Written blind (session 32, by a writer who read nothing of the repository) in six styles,
    # four of them new to us: Azerbaijani in Latin letters (ASCII and the Republic's alphabet),
    # telegraphic, code-switching with English words, and speech-to-text.
    "held-out 16": DATA / "similar_pairs_heldout15.tsv",
    # Written blind right after (session 32, same writer's brief), half its pairs with
    # Azerbaijani in Latin letters on one side; measured once, then tuned on.
    "dev 17": DATA / "similar_pairs_heldout16.tsv",
    # Written blind (session 33, by a writer who read nothing of the repository): 80 same, 80
    # different, each with a side in a style new to us: Azerbaijani in Persian script in the
    # standard orthography too (ؤ ۆ ائ), Persian typed on an Arabic keyboard, thumb typos,
    # questions, rambling stories, English.
    "held-out 18": DATA / "similar_pairs_heldout17.tsv",
    # Written blind with style blind 6 (session 34): 80 same, 80 different, in formal,
    # colloquial, Finglish, Azerbaijani in Persian script and in Latin letters; 107 pairs have
    # an Azerbaijani side, 65 a Finglish one.
    "held-out 19": DATA / "similar_pairs_heldout18.tsv",
    # Written blind (session 37, by a writer who read nothing of the repository) as a week of
    # traffic brings them (questions, follow-ups, consequences, voice-typed, retold by an
    # agent): 80 same, 80 different, in the five main styles. Measured once before anything
    # was changed for it: precision 0.936, recall 0.550; then tuned on.
    "dev 20": DATA / "similar_pairs_heldout19.tsv",
    # Written blind with style blind 8 (session 37, another writer, the same brief as held-out
    # 19's): 80 same, 80 different; measured once then: precision 0.944, recall 0.637.
    "held-out 21": DATA / "similar_pairs_heldout20.tsv",
    # Written blind (session 38, by a writer who read nothing of the repository) as a week of
    # traffic, with members asking whether others have the same trouble and two owners telling
    # one event by what it did to each: 80 same, 80 different, in the five main styles.
    "held-out 22": DATA / "similar_pairs_heldout21.tsv",
    # Written blind (session 39, by a writer who read nothing of the repository) as a busy month
    # in three or four estates brings them: 80 same, 80 different, in the five main styles (117
    # pairs with an Azerbaijani side, 66 with a Finglish one). Measured once before anything was
    # changed for it: the old score at 0.42 precision 0.950, recall 0.237; learned at 0.8
    # 0.908 / 0.738.
    "held-out 23": DATA / "similar_pairs_heldout22.tsv",
    # Written blind (session 40, by a writer who read nothing of the repository): 80 same, 80
    # different, mostly close (the same estate, office, material or product, another trouble,
    # stage, direction, trade or place), in the five main styles (110 pairs with an Azerbaijani
    # side, 60 with a Finglish one).
    "held-out 24": DATA / "similar_pairs_heldout23.tsv",
}
# Parts not tuned on: a new held-out set is added here, and measured once.
HELD_OUT: tuple[str, ...] = (
    "held-out 15",
    "held-out 16",
    "held-out 18",
    "held-out 19",
    "held-out 21",
    "held-out 22",
    "held-out 23",
    "held-out 24",
)
PLACES = ROOT / "data" / "clusters.csv"


@dataclass(frozen=True)
class Pair:
    """Two reports of one category, labelled the same problem or not."""

    same: bool
    category: str
    styles: str
    a: str
    b: str

    @property
    def texts(self) -> tuple[str, str, str]:
        """Both texts and their category, as "me too" weighs them."""
        return self.a, self.b, self.category


def read_pairs(path: Path) -> list[Pair]:
    """Return the labelled pairs of a TSV file."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            label, category, styles, a, b = line.split("\t")
            if label not in ("same", "different"):
                raise ValueError(f"{path.name}: bad label {label!r}")
            pairs.append(Pair(label == "same", category, styles, a, b))
    return pairs


def protect_sample_places() -> None:
    """Register the sample cluster and estate names, as the bot does at start-up."""
    from bot import understand

    with PLACES.open(encoding="utf-8") as rows:
        lines = (line for line in rows if not line.startswith("#"))
        understand.protect_place_names(
            (row["name_fa"], row["name_en"]) for row in csv.DictReader(lines)
        )


def precision_recall(
    pairs: list[Pair], scores: list[float], threshold: float
) -> tuple[float, float]:
    """Return precision and recall of "offered when score ≥ threshold"."""
    offered = [p.same for p, s in zip(pairs, scores, strict=True) if s >= threshold]
    same = sum(p.same for p in pairs)
    precision = sum(offered) / len(offered) if offered else 1.0
    recall = sum(offered) / same if same else 1.0
    return precision, recall


def problem_agreement(name: str, pairs: list[Pair], show: bool) -> None:
    """Print how well the problem types tell the part's same pairs from its different ones."""
    from bot.services.problems import problem_of

    typed = [(problem_of(p.a, p.category), problem_of(p.b, p.category)) for p in pairs]
    texts = 2 * len(pairs)
    clear = sum((a is not None) + (b is not None) for a, b in typed)
    both = [(p, a, b) for p, (a, b) in zip(pairs, typed, strict=True) if a and b]
    same = [a == b for p, a, b in both if p.same]
    different = [a == b for p, a, b in both if not p.same]
    print(
        f"{name}: {clear}/{texts} texts of a clear type; both typed: same pairs "
        f"{sum(same)}/{len(same)} share it, different pairs {sum(different)}/{len(different)}"
    )
    if not show:
        return
    for pair, (a, b) in zip(pairs, typed, strict=True):
        if a and b and (a == b) != pair.same:
            kind = "same, typed apart" if pair.same else "DIFFERENT, one type"
            print(f"  {kind}: {a} {pair.a} | {b} {pair.b}")
    for pair, (a, b) in zip(pairs, typed, strict=True):
        for label, text in ((a, pair.a), (b, pair.b)):
            if label is None:
                print(f"  no type [{pair.category}] {text}")


def main(sweep: bool, show: bool, parts: list[str], words_only: bool, types: bool) -> None:
    """Measure and print."""
    from bot.services import me_too, similar

    protect_sample_places()
    similar.warm_up()
    # What the bot offers: the learned probability (bot/services/me_too.py); beside it, the
    # words-and-types score alone at its threshold (or, --words-only, the words alone).
    threshold = similar.SIMILARITY_THRESHOLD if words_only else me_too.OFFER_CHANCE
    dev: list[tuple[Pair, float]] = []
    for name, path in PARTS.items():
        if parts and name not in parts:
            continue
        pairs = read_pairs(path)
        if types:
            problem_agreement(name, pairs, name not in HELD_OUT or show)
            continue
        judged = [similar.pair_similarity(p.a, p.b, p.category) for p in pairs]
        scores = [
            similar.pair_similarity(p.a, p.b, None) if words_only else me_too.chance(*p.texts)
            for p in pairs
        ]
        precision, recall = precision_recall(pairs, scores, threshold)
        alone = precision_recall(pairs, judged, similar.SIMILARITY_THRESHOLD)
        print(
            f"{name} ({len(pairs)} pairs, {sum(p.same for p in pairs)} same): "
            f"precision {precision:.3f}, recall {recall:.3f} at threshold {threshold} "
            f"(the words and types alone: {alone[0]:.3f} / {alone[1]:.3f})"
        )
        if name not in HELD_OUT:
            dev.extend(zip(pairs, scores, strict=True))
        for pair, score in zip(pairs, scores, strict=True):
            # The held-out part's mistakes stay hidden while tuning (--show-held-out).
            if pair.same != (score >= threshold) and (name not in HELD_OUT or show):
                kind = "missed" if pair.same else "WRONG OFFER"
                print(f"  {kind} {score:.2f} [{pair.category} {pair.styles}] {pair.a} | {pair.b}")
        by_style: dict[str, list[int]] = {}
        for pair, score in zip(pairs, scores, strict=True):
            if pair.same:
                key = "/".join(sorted(pair.styles.split("/")))
                by_style.setdefault(key, []).append(score >= threshold)
        print(
            "  recall by styles: "
            + ", ".join(f"{k} {sum(h)}/{len(h)}" for k, h in sorted(by_style.items()))
        )
    if types:
        return
    if sweep and dev:
        dev_pairs = [pair for pair, _ in dev]
        dev_scores = [score for _, score in dev]
        print(f"tuning and dev together ({len(dev_pairs)} pairs):")
        for step in range(20, 71, 2):
            p, r = precision_recall(dev_pairs, dev_scores, step / 100)
            print(f"  threshold {step / 100:.2f}: precision {p:.3f}, recall {r:.3f}")

    pairs = [
        p for name, path in PARTS.items() if name in (parts or PARTS) for p in read_pairs(path)
    ]
    texts = [t for p in pairs for t in (p.a, p.b)]
    # Warm: one new report against every open report, its tokens and theirs cached.
    repeat = 20
    start = time.perf_counter()
    for _ in range(repeat):
        for pair in pairs:
            me_too.chance(*pair.texts)
    warm = (time.perf_counter() - start) / (repeat * len(pairs))
    cold = []
    for text in texts:
        similar.tokens_for_similarity.cache_clear()
        start = time.perf_counter()
        similar.tokens_for_similarity(text)
        cold.append(time.perf_counter() - start)
    print(
        f"time per comparison (tokens cached): {warm * 1e6:.1f} µs; tokens of one new text "
        f"(word cache warm): mean {statistics.fmean(cold) * 1000:.3f} ms"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sweep", action="store_true", help="precision/recall by threshold")
    parser.add_argument("--show-held-out", action="store_true", help="list held-out mistakes")
    parser.add_argument(
        "--part", action="append", choices=list(PARTS), default=[], help="only this part"
    )
    parser.add_argument("--words-only", action="store_true", help="without the problem types")
    parser.add_argument("--problems", action="store_true", help="how the problem types do")
    args = parser.parse_args()
    main(args.sweep, args.show_held_out, args.part, args.words_only, args.problems)
