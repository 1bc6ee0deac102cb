"""The forms one word piece may take in matching: a noun without the endings members glue to
it («دستگاهامون» → «دستگاه»), a negative verb as the lexicons write negatives («نداریم»,
«نداره» → «نداشت», «ندار»). Used by bot/services/categorize.py's word analysis."""

from __future__ import annotations

# Endings members glue to words: plurals (formal and spoken «ا»), possessives (formal and spoken
# «مون»), ezafe/indefinite «ی», spoken «ه» («قطعه») and «و» (for «را»). Longest first.
SUFFIXES = tuple(
    sorted(
        (
            "هامونو", "هاشونو", "امونو", "مونو", "تونو", "شونو",
            "هایمان", "هایتان", "هایشان", "هامون", "هاتون", "هاشون", "هامان", "هاتان", "هاشان",
            "هایی", "های", "ها", "امون", "اتون", "اشون", "یمون", "یتون", "یشون", "مون", "تون",
            "شون", "مان", "تان",
            "شان", "ای", "یی", "ام", "ات", "اش", "ی", "ا", "ه", "م", "ت", "ش", "و",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip
# Plural endings hazm's word list keeps on the word («کارگران», «محصولات»).
PLURALS = ("ان", "ات")
# Words that only look like a shorter lexicon word plus an ending («ارزش» is value, not currency).
NOT_INFLECTED = frozenset({"ارزش", "ارزشی", "ارزشها", "کارت", "بارش", "دارایی", "ربات"})


def stems(word: str) -> list[str]:
    """Return word without each ending it may carry, longest stem first."""
    found = []
    for suffix in SUFFIXES:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            # One-letter endings on short words are too often part of the word ("مست").
            if len(stem) >= (3 if len(suffix) == 1 else 2):
                found.append(stem)
                if suffix[0] in "مشت" and not stem.endswith("ا"):
                    # Spoken "اولیمون", "کارخونمون" drop the silent «ه» of "اولیه", "کارخونه"
                    # (not after the spoken plural «ا»: «چکامون» is «چک‌هامون»).
                    found.append(stem + "ه")
    return sorted(set(found), key=len, reverse=True)


def negative(part: str, lemma: str) -> list[str]:
    """A negative verb's stems with their «ن» («نداریم», lemma «داشت#دار» → «نداشت»,
    «ندار»), as the lexicons write a negative whatever its person or tense («برق نداشت» is
    «برق نداریم» too); [] for any other piece. hazm's lemma drops the «ن»."""
    past, verb, present = lemma.partition("#")
    if not verb:
        return []
    starts = tuple(stem for stem in (past, present, "می") if stem)
    if not (part.startswith("ن") and part[1:].startswith(starts)):
        return []
    return [f"ن{stem}" for stem in (past, present) if stem]
