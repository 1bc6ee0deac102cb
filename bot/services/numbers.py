"""Numbers as staff type them: digits in any script, small numbers in Persian words, units.

`words_to_digits` rewrites Persian number words and ordinals (ده، بیست و دو، بیستم، اول) as
ASCII digits inside a text whose digits are already folded; the date parser and `parse_count`
both use it, so «ساعت ده» and «ده نفر» read the same way. `parse_count` reads a count typed
where a form asks for one: «۲۰», «۲۰ نفر», «بیست نفر», «۳ ساعت», «حداکثر ۴۰ نفر», «صد نفر».

Only 0–99 in words inside other text: larger numbers are typed in digits in practice, and a
longer grammar would start eating ordinary words («صد» is also "a hundred per cent"); a count
answered alone may also be a round hundred in words («صد و بیست»).
"""

from __future__ import annotations

import re

from bot.text import ZWNJ, fold_digits

__all__ = ["parse_count", "words_to_digits"]

# Spoken and written spellings; colloquial ones (یه، شیش، پونزده) as members type them.
_UNITS = {
    "یک": 1,
    "یه": 1,
    "دو": 2,
    "سه": 3,
    "چهار": 4,
    "چار": 4,
    "پنج": 5,
    "شش": 6,
    "شیش": 6,
    "هفت": 7,
    "هشت": 8,
    "نه": 9,
}
_TEENS = {
    "ده": 10,
    "یازده": 11,
    "دوازده": 12,
    "سیزده": 13,
    "چهارده": 14,
    "چارده": 14,
    "پانزده": 15,
    "پونزده": 15,
    "شانزده": 16,
    "شونزده": 16,
    "هفده": 17,
    "هیفده": 17,
    "هجده": 18,
    "هیجده": 18,
    "هژده": 18,
    "نوزده": 19,
}
_TENS = {
    "بیست": 20,
    "سی": 30,
    "چهل": 40,
    "پنجاه": 50,
    "شصت": 60,
    "هفتاد": 70,
    "هشتاد": 80,
    "نود": 90,
}
_CARDINALS = {**_UNITS, **_TEENS, **_TENS}

# Ordinals: "اول" and "یکم" are the first, "سوم" the third; the rest add «م» (or «ام» after a
# vowel: «سی‌ام»). Written with or without the half-space, which the caller turned into a space.
_ORDINALS = {"اول": 1, "یکم": 1, "سوم": 3, "سی ام": 30, "سیام": 30}
for _word, _value in _CARDINALS.items():
    if _value not in (1, 3):
        _ORDINALS.setdefault(_word + "م", _value)
_ORDINALS["دوم"] = 2

_ORDINAL_UNITS = {word: value for word, value in _ORDINALS.items() if value < 10}


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_B, _E = r"(?<![\w])", r"(?![\w])"
# "بیست و دوم", "سی و یکم": tens, «و», an ordinal unit.
_COMPOUND_ORDINAL = re.compile(
    rf"{_B}({_alternatives(list(_TENS))}) ?و ?({_alternatives(list(_ORDINAL_UNITS))}){_E}"
)
_ORDINAL = re.compile(rf"{_B}({_alternatives(list(_ORDINALS))}){_E}")
# "بیست و دو": tens, «و», a unit.
_COMPOUND = re.compile(
    rf"{_B}({_alternatives(list(_TENS))}) ?و ?({_alternatives(list(_UNITS))}){_E}"
)
_CARDINAL = re.compile(rf"{_B}({_alternatives(list(_CARDINALS))}){_E}")


def words_to_digits(text: str, *, mark_ordinals: bool = False) -> str:
    """Return text with Persian number words and ordinals (0–99) written as ASCII digits.

    Expects ZWNJ already turned into spaces and Arabic letter forms folded; weekday names
    («دوشنبه», «سه شنبه») must already be joined into one word, or «دو» would become 2. With
    `mark_ordinals`, an ordinal keeps its mark: «بیستم» is «20 ام», as «۲۰ام» is written (a
    day of the month, to the date parser).
    """
    mark = " ام" if mark_ordinals else ""
    text = _COMPOUND_ORDINAL.sub(lambda m: f"{_TENS[m[1]] + _ORDINALS[m[2]]}{mark}", text)
    text = _ORDINAL.sub(lambda m: f"{_ORDINALS[m[1]]}{mark}", text)
    text = _COMPOUND.sub(lambda m: str(_TENS[m[1]] + _UNITS[m[2]]), text)
    return _CARDINAL.sub(lambda m: str(_CARDINALS[m[1]]), text)


# What may follow a count: people, seats, hours, pieces. «تا» is the colloquial counter
# («۲۰ تا»). A unit is only dropped, never converted: the question says what is counted.
_UNIT_WORDS = (
    "نفر",
    "نفره",
    "ساعت",
    "روز",
    "دقیقه",
    "جلسه",
    "عدد",
    "تا",
    "صندلی",
    "جا",
    "ظرفیت",
    "people",
    "persons",
    "person",
    "seats",
    "seat",
    "hours",
    "hour",
)
# What may come before a count where a form asks for one («حداکثر ۴۰ نفر», «ظرفیت ۲۵»): the
# number is the same. Tanween is written or not («حدوداً»).
_BEFORE_WORDS = (
    "حدود",
    "حدودا",
    "تقریبا",
    "حداکثر",
    "ظرفیت",
    "فقط",
    "کلا",
    "جمعا",
    "about",
    "max",
    "up to",
)
# Hundreds in words, only where the whole answer is a count («صد نفر», «صد و بیست»): inside
# other text «صد» is as often "per cent".
_HUNDREDS = {
    "صد": 100,
    "یکصد": 100,
    "دویست": 200,
    "سیصد": 300,
    "چهارصد": 400,
    "پانصد": 500,
    "پونصد": 500,
    "ششصد": 600,
    "هفتصد": 700,
    "هشتصد": 800,
    "نهصد": 900,
}
_UNITS_AFTER = _alternatives([*_UNIT_WORDS, "nafar", "ta"])
_COUNT = re.compile(
    rf"^(?:(?:{_alternatives(list(_BEFORE_WORDS))}) )?"
    rf"(?:([0-9]+)|({_alternatives(list(_HUNDREDS))})(?: ?و ?([0-9]{{1,2}}))?)"
    rf" ?(?:{_UNITS_AFTER})?$"
)


def parse_count(text: str) -> int | None:
    """A count in digits of any script or in words, with or without a unit; else None."""
    folded = fold_digits(text).replace(ZWNJ, " ").replace("ي", "ی").replace("ك", "ک")
    folded = re.sub("[\u064b-\u065f]", "", folded)  # «حدوداً»
    folded = " ".join(folded.strip().lower().split())
    folded = re.sub(r"(?<=\d)[,٬](?=\d{3})", "", folded)
    match = _COUNT.match(words_to_digits(folded))
    if match is None:
        return None
    if match[1] is not None:
        return int(match[1])
    return _HUNDREDS[match[2]] + int(match[3] or 0)
