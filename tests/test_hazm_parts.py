"""hazm's parts loaded without its package __init__ (bot/hazm_parts.py) behave exactly as the
full `import hazm` does: golden outputs over every Persian text the tests hold."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot import hazm_parts

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent

# hazm's own examples of what its normaliser and tokenizer do, and a few edge cases.
EXTRA = [
    "نمیدانم چه میگفت",
    "ماه می سال جدید",
    "زمین لرزه ای",
    "پرداخت شده است",
    "اصلاح نويسه ها و استفاده از نیم‌فاصله پردازش را آسان مي كند",
    "نشان داده شده است که این کتاب ها را خوانده ام",
    "سلام!!! این خیلییییی خوبه... ۱۲۳ و 3.5 درصد",
    "رفته بودم ولی نرفته باشند و خواهم رفت",
    "@user #هشتگ_تست http://example.com test@example.com",
    "",
    "   ",
    "hello world",
]


def _texts() -> Iterator[str]:
    for path in sorted(DATA.glob("*.tsv")):
        with path.open(encoding="utf-8") as rows:
            for row in csv.reader(rows, delimiter="\t"):
                yield from (cell for cell in row if any("\u0600" <= c <= "\u06ff" for c in cell))
    yield from EXTRA


TEXTS = list(dict.fromkeys(_texts()))


@pytest.fixture(scope="module")
def full() -> Any:
    """The real package, imported whole."""
    import hazm

    return hazm


@pytest.fixture(scope="module")
def parts() -> hazm_parts.Parts:
    """A fresh build, apart from the one the bot shares."""
    return hazm_parts.build()


def test_there_are_many_sentences_to_compare() -> None:
    assert len(TEXTS) > 500


def test_the_normaliser_matches_hazms(full: Any, parts: hazm_parts.Parts) -> None:
    reference = full.Normalizer(persian_numbers=False, persian_style=False)
    for text in TEXTS:
        assert parts.normalizer.normalize(text) == reference.normalize(text), text


def test_the_tokenizer_and_lemmatizer_match_hazms(full: Any, parts: hazm_parts.Parts) -> None:
    lemmatizer = full.Lemmatizer()
    normalizer = full.Normalizer(persian_numbers=False, persian_style=False)
    for text in TEXTS:
        normal = normalizer.normalize(text)
        tokens = full.word_tokenize(normal)
        assert parts.tokenizer.tokenize(normal) == tokens, text
        assert [parts.lemmatizer.lemmatize(t) for t in tokens] == [
            lemmatizer.lemmatize(t) for t in tokens
        ], text
        # The normaliser's tokenizer does not join verb parts, as hazm's own does not.
        assert parts.normalizer.tokenizer.tokenize(normal) == normalizer.tokenizer.tokenize(
            normal
        ), text


def test_the_verb_lists_match_entry_by_entry(full: Any, parts: hazm_parts.Parts) -> None:
    joined = full.Lemmatizer().verbs
    verbs = parts.lemmatizer.verbs
    assert isinstance(verbs, hazm_parts.VerbForms)  # the joined forms are computed
    assert verbs == joined  # every key with hazm's value, and no other key
    assert list(verbs) == list(joined)
    assert len(verbs) == len(joined)
    assert all(key in verbs and verbs[key] == value for key, value in joined.items())
    unjoined = full.Lemmatizer(joined_verb_parts=False).verbs
    view = parts.normalizer.verbs
    assert len(view) == len(unjoined)
    assert dict(view.items()) == unjoined
    assert all(key in view for key in unjoined)
    missing = [key for key in joined if key not in unjoined]
    assert missing  # the joined forms exist, and the view leaves every one out
    assert not any(key in view for key in missing)


def test_keys_that_only_look_like_joined_verbs_are_not_verbs(
    full: Any, parts: hazm_parts.Parts
) -> None:
    joined = full.Lemmatizer().verbs
    verbs = parts.lemmatizer.verbs
    near = {
        variant
        for key in list(joined)[-20000:]
        for variant in (key + "_است", "_" + key, key.replace("_", "__"), key.replace("_", "ی_"))
    } - set(joined)
    near |= {"رفته_", "_رفت", "_", "رفته_نامعلوم", "نامعلومه_است", "خواهم_نامعلوم"}
    assert len(near) > 50000
    wrong = [key for key in near if key in verbs]
    assert wrong == []
    with pytest.raises(KeyError):
        verbs["رفته_نامعلوم"]


def test_the_word_list_matches_hazms_counts(full: Any, parts: hazm_parts.Parts) -> None:
    words = full.Lemmatizer().words
    ours = parts.lemmatizer.words
    assert isinstance(ours, hazm_parts.WordCounts)
    assert len(ours) == len(words) and list(ours) == list(words)
    assert all(word in ours and ours[word][0] == value[0] for word, value in words.items())
    assert "نامعلوموار" not in ours and "نامعلوموار" not in words


def test_one_tokenizer_and_one_lemmatizer_are_shared(parts: hazm_parts.Parts) -> None:
    assert parts.normalizer.words is parts.tokenizer.words
    assert parts.lemmatizer.words is parts.tokenizer.words
    assert parts.normalizer.tokenizer is not parts.tokenizer  # a copy that does not join
    assert parts.normalizer.tokenizer.words is parts.tokenizer.words


def test_stop_words_and_informal_lexicon_match_hazms(full: Any, parts: hazm_parts.Parts) -> None:
    assert parts.stopwords() == full.stopwords_list()
    assert Path(parts.informal_verbs).read_bytes() == Path(full.informal_verbs).read_bytes()
    assert Path(parts.informal_words).read_bytes() == Path(full.informal_words).read_bytes()
    conjugations = full.InformalNormalizer.informal_conjugations
    for verb in ("خور", "رو", "گو", "کن", "شو"):
        assert parts.informal_conjugations(verb) == conjugations(None, verb)


def test_loading_leaves_no_trace_and_no_machine_learning_stack() -> None:
    """In a fresh interpreter: nltk, numpy, scipy, scikit-learn, gensim and fasttext are
    never imported, and no stand-in stays in sys.modules for a later real `import hazm`."""
    code = (
        "import sys\n"
        "from bot import hazm_parts\n"
        "p = hazm_parts.parts()\n"
        "assert p.normalizer.normalize('مي كند') == 'می‌کند'\n"
        "heavy = ('nltk', 'numpy', 'scipy', 'sklearn', 'gensim', 'fasttext', 'hazm')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"
