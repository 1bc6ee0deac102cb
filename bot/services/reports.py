"""Rules of a report draft, category suggestion and "me too" matching."""

from __future__ import annotations

import asyncio
import re
import unicodedata
import uuid
from pathlib import Path
from typing import Any

import aiosqlite

from bot.phones import has_phone, without_phones
from bot.services import learned, me_too, similar
from bot.services.categorize import Lexicon, Suggestion
from bot.services.problems import suggest_category
from bot.text import MATCH_FOLD, ZWNJ, fold_digits, normalized, shorten
from storage.members import Member
from storage.reports import CODE_DIGITS, NewAttachment, NewReport, Report, open_in_category

# Telegram splits a long paste into 4096-character pieces: a description may be several of
# them. Staff cards show an excerpt; the whole text is in the export and the database.
DESCRIPTION_MAX = 12_000
SUMMARY_MAX = 100
# The title offered from the description (the member may keep it or type their own).
SUMMARY_PROPOSED = 61
ATTACHMENTS_MAX = 5
SIMILAR_MAX = 3
# Categories whose problems belong to one estate: a power cut in Razi is not one in Salimi,
# however alike the two texts read, so "me too" looks only within the member's estate.
ESTATE_BOUND = frozenset({"electricity", "infrastructure"})
CATEGORIES = (
    "electricity", "infrastructure", "finance", "raw_materials", "market", "export",
    "permits", "tax_insurance", "workforce", "technology", "other",
)  # fmt: skip


class LazyLexicon:
    """The category lexicon, loaded once, off the event loop, when first needed.

    Loading normalises every entry with hazm (seconds on a cold start), so it is not done
    before polling starts; the runtime warms it in the background instead.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lexicon: Lexicon | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> Lexicon:
        """The loaded lexicon."""
        async with self._lock:
            if self._lexicon is None:
                self._lexicon = await asyncio.to_thread(Lexicon.load, self._path)
            return self._lexicon

    async def warm_up(self) -> None:
        """Load the lexicon, hazm's tokenizer and lemmatizer and the learned model now."""
        await self.get()
        await asyncio.to_thread(similar.warm_up)
        await asyncio.to_thread(learned.warm_up)
        await asyncio.to_thread(me_too.weights)


# Which status may follow which (issue 3): reopening returns to in_review.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("in_review", "referred", "resolved", "rejected"),
    "in_review": ("referred", "resolved", "rejected"),
    "referred": ("in_review", "resolved", "rejected"),
    "resolved": ("closed", "in_review"),
    "closed": ("in_review",),
    "rejected": ("in_review",),
    "merged": (),
    "withdrawn": (),
}


def can_move(from_status: str, to_status: str) -> bool:
    """Whether staff may move a report between these statuses."""
    return to_status in TRANSITIONS.get(from_status, ())


class DraftError(ValueError):
    """Input a draft cannot take; `key` is the message id that explains why."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def new_draft() -> dict[str, Any]:
    """An empty report draft (kept in user_data, so it survives a restart)."""
    return {"key": uuid.uuid4().hex, "parts": [], "attachments": []}


def _has_words(text: str) -> bool:
    return sum(1 for ch in text if unicodedata.category(ch).startswith("L")) >= 3


async def add_text(draft: dict[str, Any], text: str) -> None:
    """Append one message of the description."""
    value = await normalized(text)
    if not _has_words(value):
        raise DraftError("report-need-words")
    if len(description(draft)) + len(value) + 1 > DESCRIPTION_MAX:
        raise DraftError("report-too-long")
    draft["parts"].append(value)


def add_attachment(draft: dict[str, Any], attachment: NewAttachment) -> None:
    """Keep a photo, document or voice note."""
    if len(draft["attachments"]) >= ATTACHMENTS_MAX:
        raise DraftError("report-too-many-files")
    draft["attachments"].append(
        {
            "kind": attachment.kind,
            "file_id": attachment.file_id,
            "file_unique_id": attachment.file_unique_id,
            "file_name": attachment.file_name,
        }
    )


def description(draft: dict[str, Any]) -> str:
    """The description so far, one paragraph per message."""
    return "\n".join(draft["parts"])


# Words that only greet, thank or take leave, after the same folding as below; a message made
# of nothing else gets the menu, not a report offer. Persian, colloquial, Azerbaijani
# (ساغ اول) and Finglish, as members write them.
_GREETINGS = """
    سلام سلامم سلامی علیک علیکم السلام سلامعلیکم درود درودها وقت وقتتون وقتتان وقتت بخیر
    به خیر صبح ظهر عصر شب روز شما تون و جان جون اقا اقای خانم اقایون اقایان اقاجان همکار
    همکاران عزیز عزیزان محترم خسته نباشید نباشین نباشی خوبید خوبین خوبی خوب حالتون حالتان
    چطوره چطورید ممنون ممنونم مرسی متشکرم متشکر تشکر سپاس سپاسگزارم خیلی خدا خداحافظ
    خدانگهدار قوت بده باشه بله اره نه اوکی هست ساغ اول اولون اولسون چوخ خوش گلدین
    دمتون دمت گرم چشم روزتون روزتان حله لطف لطفتون زحمت زحمتتون زحمات زحماتتون از
    پیگیری پیگیریتون سالام اولاسیز یاخشی نئجه سیز گون ایدین اخشامینیز خئییر تشکور منو
    hi hello hey salam salaam dorood merci mersi thanks thank you ok okay good morning
    slm salamm khoobin khubin khoobid khubid khobin chetorin mamnoon mamnun mrc tnx thx
    tashakor khaste nabashid vaght bekheir bekhair sobh menu کردید کردین فرمودید
"""
_GREETING_WORDS = frozenset(_GREETINGS.split())
_WORDS = re.compile(r"[^\W\d_]+")


def _words(text: str) -> list[str]:
    folded = text.replace(ZWNJ, " ").replace("ي", "ی").replace("ك", "ک").lower()
    return _WORDS.findall(folded.translate(MATCH_FOLD))


def is_greeting(text: str) -> bool:
    """Whether text only greets or thanks (or has no words at all): the menu answers it."""
    words = _words(text)
    return sum(len(w) for w in words) < 3 or all(w in _GREETING_WORDS for w in words)


# Of those, the words that thank, and those that greet: a message of nothing else is answered
# in kind (small_talk).
_THANKS = frozenset(
    _words(
        "ممنون ممنونم مرسی متشکرم متشکر تشکر سپاس سپاسگزارم لطف لطفتون زحمت زحمتتون زحمات "
        "زحماتتون دمتون دمت ساغ تشکور merci mersi thanks thank mamnoon mamnun mrc tnx thx "
        "tashakor"
    )
)
_HELLO = frozenset(
    _words(
        "سلام سلامم سلامی علیک علیکم السلام سلامعلیکم درود درودها وقت صبح ظهر عصر خسته "
        "سالام ایدین اخشامینیز hi hello hey salam salaam dorood slm salamm morning vaght sobh"
    )
)


def small_talk(text: str) -> str | None:
    """The answer (a message id) to a message that only thanks («ممنون», «مرسی») or greets
    («سلام وقت بخیر»), thanks first; None for anything else (no words, «باشه», a farewell:
    the menu's usual hint)."""
    if not is_greeting(text):
        return None
    words = set(_words(text))
    if words & _THANKS:
        return "menu-you-are-welcome"
    if words & _HELLO:
        return "menu-hello"
    return None


# Members often open with a greeting and who they are; a title other units will see should
# not carry that, so the proposal starts after such sentences.
_SENTENCE = re.compile(r"[^.!؟?\n]+[.!؟?\n]*")
_INTRODUCTION = re.compile(r"سلام|هستم|اینجانب|با احترام|خسته نباشید")
# A greeting that opens the same sentence as the problem («سلام برق شهرک قطع است»).
_OPENING_GREETING = re.compile(
    r"^(?:(?:سلام(?:\s+علیکم)?|درود|وقت(?:\s+شما)?\s+بخیر|خسته\s+نباشید|با\s+احترام)[\s،,.!]*)+"
)


def proposed_summary(draft: dict[str, Any]) -> str:
    """A first summary to offer: the opening words of the description, greetings left out."""
    sentences = [m.group(0).strip() for m in _SENTENCE.finditer(description(draft))]
    kept = [x for x in sentences if x and not _INTRODUCTION.search(x)] or sentences
    text = " ".join(" ".join(kept).split())
    text = _OPENING_GREETING.sub("", text) or text
    # Other units see the title: a number the member left for staff stays in the description.
    text = without_phones(text)
    return shorten(text, SUMMARY_PROPOSED) if _has_words(text) else ""


async def clean_summary(text: str) -> str:
    """A summary typed by the member."""
    if len(text.strip()) > SUMMARY_MAX:
        raise DraftError("report-summary-too-long")
    if has_phone(text):  # other units see titles ("me too"): no numbers in them
        raise DraftError("report-summary-no-phone")
    value = await normalized(text)
    if not _has_words(value):
        raise DraftError("report-need-words")
    return value


async def clean_follow_up(text: str) -> str:
    """A follow-up or a reason the problem is not solved."""
    if len(text) > DESCRIPTION_MAX:
        raise DraftError("report-too-long")
    value = await normalized(text)
    if not _has_words(value):
        raise DraftError("report-need-words")
    return value


async def suggestions(lexicon: LazyLexicon, text: str) -> list[Suggestion]:
    """Top three categories (hazm runs in a worker thread: it is CPU work)."""
    return await asyncio.to_thread(suggest_category, text, await lexicon.get(), 3)


async def similar_open_reports(
    db: aiosqlite.Connection, category: str, member: Member, text: str
) -> list[Report]:
    """Up to three open reports by others that look like the same problem: for a problem of
    the estate itself (power, roads, water), only reports from the member's own estate."""
    estate = member.estate_code if category in ESTATE_BOUND else None
    candidates = await open_in_category(db, category, member.id, estate_code=estate)
    if not candidates:
        return []
    by_id = {r.id: r for r in candidates}
    pairs = [(r.id, f"{r.summary}\n{r.description}") for r in candidates]
    ranked = await asyncio.to_thread(me_too.offers, text, pairs, category, SIMILAR_MAX)
    return [by_id[report_id] for report_id, _ in ranked]


def to_new_report(draft: dict[str, Any]) -> NewReport:
    """The finished draft as a report to store."""
    return NewReport(
        category=draft["category"],
        suggested=draft.get("suggested", draft["category"]),
        urgent=bool(draft.get("urgent", False)),
        summary=draft["summary"],
        description=description(draft),
        attachments=[NewAttachment(**a) for a in draft["attachments"]],
    )


_DIGIT_RUN = re.compile(r"[0-9]+")


def codes_in(text: str) -> list[str]:
    """The tracking codes a text names (a notice about a report, in any digits): every run
    of exactly CODE_DIGITS digits, in order, once each. Dates, times and phone numbers are
    runs of other lengths."""
    runs = _DIGIT_RUN.findall(fold_digits(text))
    return list(dict.fromkeys(run for run in runs if len(run) == CODE_DIGITS))


def parse_code(text: str) -> str | None:
    """A tracking code typed in any digits (spaces and dashes ignored)."""
    digits = "".join(ch for ch in fold_digits(text) if ch not in " -_")
    return digits if digits.isdigit() and 4 <= len(digits) <= 10 else None


# Words a member may put before a code typed on its own («کد پیگیری ۵۸۲۷۸۶», «track 582786»).
_CODE_WORDS = frozenset(
    _words("کد کدش کد پیگیری پیگیری گزارش وضعیت شماره کودو کود track tracking code report status")
)
_CODE_MESSAGE = re.compile(r"^(?P<words>[^0-9]*?)(?P<code>[0-9][0-9 \-]*)[\s.!?؟]*$")


def typed_code(text: str) -> str | None:
    """A tracking code sent as a message of its own: the digits alone («۵۸۲۷۸۶», in any
    digits), perhaps after words that name it («کد پیگیری ۵۸۲۷۸۶», «#582786»); None for
    anything else (a phone number, a sentence with a number in it)."""
    match = _CODE_MESSAGE.match(fold_digits(text.strip()))
    if match is None or not all(w in _CODE_WORDS for w in _words(match["words"])):
        return None
    return parse_code(match["code"])
