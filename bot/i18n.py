"""Fluent translations and Persian display formatting (digits, Jalali dates in Tehran time)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import babel.plural
from fluent.runtime import FluentBundle
from fluent.runtime.builtins import BUILTINS
from fluent.runtime.prepare import Compiler
from fluent.runtime.resolver import CurrentEnvironment, Pattern, ResolverEnvironment
from fluent.runtime.types import FluentFloat, FluentInt, FluentNone, FluentType
from fluent.runtime.utils import native_to_fluent
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.display import (
    DEFAULT_LANG,
    TEHRAN,
    base_lang,
    format_date,
    format_datetime,
    format_number,
    persian_script,
)
from bot.readers import STAFF_ONLY, staff_only
from bot.text import persian_digits

__all__ = [
    "DEFAULT_LANG",
    "STAFF_ONLY",
    "TEHRAN",
    "Locales",
    "Translator",
    "format_date",
    "format_datetime",
    "format_number",
    "persian_script",
    "staff_only",
]

logger = logging.getLogger(__name__)

# Aliases for annotations inside Translator, whose methods named date/datetime shadow the types.
_Date = date
_DateTime = datetime


class _LocalInt(FluentInt):
    """An int argument that keeps Fluent's plural selection but prints our own digits."""

    lang: str = DEFAULT_LANG

    def format(self, locale: Any) -> str:
        """Render with our digits; Fluent's (babel's) own Persian formatting is unreliable."""
        return format_number(int(self), self.lang)


class _LocalFloat(FluentFloat):
    """A float argument that keeps Fluent's plural selection but prints our own digits."""

    lang: str = DEFAULT_LANG

    def format(self, locale: Any) -> str:
        """Render with our digits; Fluent's (babel's) own Persian formatting is unreliable."""
        return format_number(float(self), self.lang)


class _Bundle(FluentBundle):
    """A FluentBundle that keeps arguments which already are Fluent values."""

    def format_pattern(
        self, pattern: Pattern, args: dict[str, Any] | None = None
    ) -> tuple[str | FluentNone, list[Exception]]:
        """Format pattern as FluentBundle does, without re-wrapping our number types."""
        # FluentBundle.format_pattern turns every int into a plain FluentInt, which babel then
        # prints in ASCII digits; this copy (fluent.runtime 0.4) keeps _LocalInt/_LocalFloat.
        fluent_args = {
            name: value if isinstance(value, FluentType) else native_to_fluent(value)
            for name, value in (args or {}).items()
        }
        errors: list[Exception] = []
        env = ResolverEnvironment(
            context=self, current=CurrentEnvironment(args=fluent_args), errors=errors
        )
        try:
            result = pattern(env)
        except ValueError as error:
            errors.append(error)
            result = "{???}"
        return result, errors


class Translator:
    """Renders message ids in one language; passed to handlers, never global."""

    def __init__(
        self,
        lang: str,
        bundle: FluentBundle,
        tz: ZoneInfo = TEHRAN,
        fallback: Translator | None = None,
    ) -> None:
        self.lang = lang
        self.tz = tz
        self._bundle = bundle
        # Messages a non-default language lacks are shown in the default language: staff
        # messages by design (STAFF_ONLY), a missing member message because it beats a raw id.
        self._fallback = fallback

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"

    def __call__(self, msg_id: str, **kwargs: object) -> str:
        """Return the message msg_id (or "msg_id.attribute") rendered with kwargs."""
        message_id, _, attribute = msg_id.partition(".")
        if not self._bundle.has_message(message_id):
            if self._fallback is not None and self._fallback.has(msg_id):
                # Staff messages are left out of the members' languages on purpose.
                level = logging.DEBUG if staff_only(msg_id) else logging.WARNING
                logger.log(
                    level,
                    "Message %s missing in %s; using %s",
                    msg_id,
                    self.lang,
                    self._fallback.lang,
                )
                return self._fallback(msg_id, **kwargs)
            logger.warning("Message %s missing in %s", msg_id, self.lang)
            return msg_id
        message = self._bundle.get_message(message_id)
        pattern = message.attributes.get(attribute) if attribute else message.value
        if pattern is None:
            logger.warning("Message %s has no such value in %s", msg_id, self.lang)
            return msg_id
        args = {name: self._argument(value) for name, value in kwargs.items()}
        text, errors = self._bundle.format_pattern(pattern, args)
        if errors:
            # Fluent still renders the rest (a missing variable shows as {$name}), so the
            # member gets a message and the log gets the reason.
            logger.warning("Message %s in %s rendered with errors: %s", msg_id, self.lang, errors)
        return text if isinstance(text, str) else msg_id

    def has(self, msg_id: str) -> bool:
        """Return whether msg_id (or "msg_id.attribute") exists in this language."""
        message_id, _, attribute = msg_id.partition(".")
        if not self._bundle.has_message(message_id):
            return False
        message = self._bundle.get_message(message_id)
        return attribute in message.attributes if attribute else message.value is not None

    def _argument(self, value: object) -> object:
        """Turn a Python value into a Fluent argument rendered the way this language wants."""
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            number: _LocalInt | _LocalFloat = _LocalInt(value)
        elif isinstance(value, float):
            number = _LocalFloat(value)
        elif isinstance(value, datetime):
            return format_datetime(value, self.lang, self.tz)
        elif isinstance(value, date):
            return format_date(value, self.lang, self.tz)
        elif isinstance(value, str):
            # Strings pass untouched, digits included: codes and phone numbers stay as given.
            return value
        else:
            return str(value)
        number.lang = self.lang
        return number

    def number(self, n: int | float, *, grouping: bool = False) -> str:
        """Render a number in this language's digits."""
        return format_number(n, self.lang, grouping=grouping)

    def datetime(self, dt: _DateTime) -> str:
        """Render an aware datetime as a Jalali date and time in this translator's zone."""
        return format_datetime(dt, self.lang, self.tz)

    def date(self, d: _Date | _DateTime) -> str:
        """Render a date (or an aware datetime's day in this zone) as a Jalali date."""
        return format_date(d, self.lang, self.tz)


class _Variables(Visitor):
    """Collects the names of the variables ($name) used anywhere under a node."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        """Record one variable."""
        self.names.add(node.id.name)


def _variables(node: ast.BaseNode) -> set[str]:
    """Return the variable names used under node."""
    visitor = _Variables()
    visitor.visit(node)
    return visitor.names


# Where a Fluent entry (message or term) begins: its id and "=" at the start of a line. It
# runs until the next entry or comment (continuation lines are indented; variants, attributes
# and a closing brace may start a line, but never an id followed by "=").
_ENTRY = re.compile(r"^(-?[A-Za-z][A-Za-z0-9_-]*)[ \t]*=", re.MULTILINE)
_NEXT = re.compile(r"^(?:#|-?[A-Za-z][A-Za-z0-9_-]*[ \t]*=)", re.MULTILINE)


# Every bot a process starts (the tests start thousands) reads the same files: their entries
# are cut out and, as they are used, parsed once a process, not once a bot (each some 20 ms of
# processor time a start). Parsed entries are only read: Fluent compiles them into new objects.
_KEPT_TEXTS = 64
_KEPT_ENTRIES = 8192


@functools.lru_cache(maxsize=_KEPT_TEXTS)
def _entry_sources(text: str) -> tuple[tuple[str, str], ...]:
    """(id, source) of every entry in a .ftl text, terms with their "-"; no parsing."""
    found = []
    for match in _ENTRY.finditer(text):
        following = _NEXT.search(text, match.end())
        found.append(
            (match.group(1), text[match.start() : following.start() if following else None])
        )
    return tuple(found)


@functools.lru_cache(maxsize=_KEPT_ENTRIES)
def _parse_entry(source: str) -> Any:
    """One entry's source parsed (a Message, a Term, or Junk)."""
    return FluentParser(with_spans=False).parse_entry(source)


class _LazyBundle(_Bundle):
    """A bundle that keeps each entry's source and parses it the first time it is used.

    Parsing every .ftl file at start (some 1,500 messages in two languages) was the largest
    single cost of start-up; most messages are never needed in a given run. The result is
    the same as parsing whole files (tests/test_i18n.py compares every entry); syntax errors
    and duplicates are reported by Locales.problems, which still parses everything.
    """

    def __init__(self, lang: str, sources: dict[str, str]) -> None:
        # FluentBundle.__init__ (fluent.runtime 0.4, pinned below 0.5) less its babel work:
        # the language's locale data and compiled plural rule (~10 ms a language) are made
        # when a number is first formatted or a plural chosen (the properties below). The
        # button labels that start-up renders for the handlers' filters need neither.
        # tests/test_startup_lean.py checks these are the attributes FluentBundle sets.
        self.locales = [lang]
        self._functions = dict(BUILTINS)
        # Bidi isolation marks (U+2068/2069) around every variable show up as junk in
        # Bale and Telegram and break string comparisons in tests.
        self.use_isolating = False
        self._messages: dict[str, Any] = {}
        self._terms: dict[str, Any] = {}
        self._compiled: dict[str, Any] = {}
        self._compiler = Compiler()
        self._sources = sources

    # Cached properties where FluentBundle has plain attributes: made on first use.
    @functools.cached_property
    def _babel_locale(self) -> Any:  # type: ignore[override]
        return self._get_babel_locale()

    @functools.cached_property
    def _plural_form(self) -> Callable[[Any], Any]:  # type: ignore[override]
        return cast(Callable[[Any], Any], babel.plural.to_python(self._babel_locale.plural_form))

    def _parsed(self, entry_id: str, term: bool) -> bool:
        found = self._terms if term else self._messages
        if entry_id in found:
            return True
        source = self._sources.get(f"-{entry_id}" if term else entry_id)
        if source is None:
            return False
        entry = _parse_entry(source)
        if not isinstance(entry, ast.Term if term else ast.Message):
            return False  # junk, as a whole-file parse would have left it out
        found.setdefault(entry_id, entry)
        return True

    def has_message(self, message_id: str) -> bool:
        """Whether message_id exists (parsing it if need be)."""
        return self._parsed(message_id, term=False)

    def _lookup(self, entry_id: str, term: bool = False) -> Any:
        self._parsed(entry_id, term)
        return super()._lookup(entry_id, term)


@functools.lru_cache(maxsize=4)
def _parsed_whole(
    texts: tuple[tuple[str, str, str], ...],
) -> tuple[dict[str, dict[str, set[str]]], list[str]]:
    """The message ids with their variables, and the problems, of (language, file, text)s.

    Kept for the process: parsing all the files takes some 0.6 s of processor time, and every
    bot started in one process (the tests start thousands) would pay it again for the same
    text. The answer is only read, never changed."""
    parser = FluentParser(with_spans=False)
    problems: list[str] = []
    messages: dict[str, dict[str, set[str]]] = {}
    for lang, file, text in texts:
        ids = messages.setdefault(lang, {})
        for entry in parser.parse(text).body:
            if isinstance(entry, ast.Junk):
                notes = "; ".join(note.message or note.code for note in entry.annotations)
                problems.append(f"{file}: syntax error: {notes}: {entry.content!r}")
            elif isinstance(entry, ast.Message):
                name = entry.id.name
                if name in ids:
                    problems.append(f"{file}: duplicate message id {name}")
                    continue
                ids[name] = _variables(entry)
                for attribute in entry.attributes:
                    ids[f"{name}.{attribute.id.name}"] = _variables(attribute)
    return messages, problems


class Locales:
    """All languages' Fluent messages from locales/<lang>/*.ftl, each parsed on first use."""

    def __init__(self, translators: dict[str, Translator], files: dict[str, list[Path]]) -> None:
        self._translators = translators
        self._files = files
        self._checked: tuple[dict[str, dict[str, set[str]]], list[str]] | None = None
        self._labels: dict[str, tuple[str, ...]] = {}

    @classmethod
    def load(cls, directory: Path, tz: ZoneInfo = TEHRAN) -> Locales:
        """Read every <directory>/<lang>/*.ftl; the default language (fa) must exist."""
        files: dict[str, list[Path]] = {}
        sources: dict[str, dict[str, str]] = {}
        for folder in sorted(path for path in directory.iterdir() if path.is_dir()):
            found = sorted(folder.glob("*.ftl"))
            if not found:
                continue
            lang = base_lang(folder.name)
            files.setdefault(lang, []).extend(found)
            entries = sources.setdefault(lang, {})
            for file in found:
                for name, source in _entry_sources(file.read_text(encoding="utf-8")):
                    entries.setdefault(name, source)  # the first wins, as in a FluentBundle
        if DEFAULT_LANG not in files:
            raise FileNotFoundError(f"no {DEFAULT_LANG}/*.ftl under {directory}")
        default = Translator(DEFAULT_LANG, _LazyBundle(DEFAULT_LANG, sources[DEFAULT_LANG]), tz)
        translators = {
            lang: default
            if lang == DEFAULT_LANG
            else Translator(lang, _LazyBundle(lang, sources[lang]), tz, default)
            for lang in files
        }
        return cls(translators, files)

    def _check(self) -> tuple[dict[str, dict[str, set[str]]], list[str]]:
        """Parse every file whole: the message ids with their variables, and the problems."""
        if self._checked is not None:
            return self._checked
        texts = tuple(
            (lang, str(file), file.read_text(encoding="utf-8"))
            for lang, files in self._files.items()
            for file in files
        )
        self._checked = _parsed_whole(texts)
        for problem in self._checked[1]:
            logger.warning("Locales: %s", problem)
        return self._checked

    def log_problems(self) -> None:
        """Parse every file whole and log what is wrong with them (once)."""
        self._check()

    @property
    def problems(self) -> list[str]:
        """Syntax errors and duplicate ids in the files (parses them all; a test asserts
        there are none, and the runtime logs them once polling runs). A copy: the parse is
        kept for the process (`_parsed_whole`), shared by every bot it starts."""
        return list(self._check()[1])

    @property
    def languages(self) -> tuple[str, ...]:
        """Return the loaded language codes, the default first."""
        return (DEFAULT_LANG, *sorted(lang for lang in self._translators if lang != DEFAULT_LANG))

    def labels(self, msg_id: str) -> tuple[str, ...]:
        """msg_id as a button without arguments reads in every language, the default first.

        A reply-keyboard button's filter takes them all; some fifteen handlers' filters share
        the menu's and the cancel button's, so each is rendered once, not at each handler's
        registration (a start-up cost, issue 14).
        """
        labels = self._labels.get(msg_id)
        if labels is None:
            labels = self._labels[msg_id] = tuple(
                self.translator(lang)(msg_id) for lang in self.languages
            )
        return labels

    def translator(self, lang: str | None) -> Translator:
        """Return the translator for lang ("en", "en-US" …); unknown or None gives Persian."""
        return self._translators.get(base_lang(lang)) or self._translators[DEFAULT_LANG]

    def message_ids(self, lang: str) -> dict[str, set[str]]:
        """Map each message id (and "id.attribute") of lang to the variables it uses."""
        messages = self._check()[0][base_lang(lang)]
        return {name: set(variables) for name, variables in messages.items()}


class Rendered(str):
    """Text we produced from a message id: safe to put into another message unescaped."""

    __slots__ = ()


class Texts:
    """A member's translator that escapes every interpolated string for the platform.

    Values put into a message (names, company names, cluster names) are data, never markup:
    on Bale, which always renders Markdown, they are escaped here, in one place.
    """

    def __init__(self, translator: Translator, escape: Callable[[str], str]) -> None:
        self._translator = translator
        self._escape = escape

    @property
    def lang(self) -> str:
        """The language code ("fa", "az" or "en")."""
        return self._translator.lang

    def __call__(self, msg_id: str, **kwargs: object) -> Rendered:
        """The message `msg_id` in this language, safe to send as it is.

        The whole message is escaped once, values and template together: markup can form
        across a value and the text around it, and the escape is idempotent, so text rendered
        earlier (a Rendered value) is unchanged by it. (Only what would become markup is
        touched; see bot/platforms.py. No message selects on a string variable, which the
        placeholders would defeat.)
        """
        # Strings go into the template as placeholders and are put back afterwards: Fluent
        # refuses a value over 1,000 characters (a long report's text).
        slots: dict[str, str] = {}
        args: dict[str, object] = {}
        for key, value in kwargs.items():
            if isinstance(value, str):
                slot = f"\x00{len(slots)}\x00"
                slots[slot] = value
                args[key] = slot
            else:
                args[key] = value
        text = self._translator(msg_id, **args)
        for slot, value in slots.items():
            text = text.replace(slot, value)
        return Rendered(self._escape(text))

    def label(self, msg_id: str, **kwargs: object) -> str:
        """A button label: buttons are not rendered as Markdown, so nothing is escaped."""
        return self._translator(msg_id, **kwargs)

    def join(self, separator: str, parts: Iterable[str]) -> Rendered:
        """Join pieces for one argument (escaping what is not escaped already)."""
        # Escaped as a whole: two harmless pieces can open and close markup together.
        return Rendered(self._escape(separator.join(parts)))

    def digits(self, value: str | int) -> str:
        """Digits of a code or phone in this language's script (no grouping)."""
        return persian_digits(value) if persian_script(self.lang) else str(value)

    def number(self, value: int) -> str:
        """A number in this language's digits."""
        return self._translator.number(value)

    def datetime(self, value: dt.datetime) -> str:
        """A Jalali date and time in the configured time zone."""
        return self._translator.datetime(value)

    def date(self, value: dt.date | dt.datetime) -> str:
        """A Jalali date."""
        return self._translator.date(value)

    def escape(self, text: str) -> str:
        """Escape user text that is sent on its own, not through a message id."""
        return self._escape(text)
