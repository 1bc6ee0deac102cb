"""Typed application state and callback context shared by every handler."""

from __future__ import annotations

import asyncio
import json
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import aiosqlite
from telegram.ext import Application, CallbackContext, ExtBot
from telegram.request import BaseRequest

from bot.i18n import Locales, Texts
from bot.persistence import SqlitePersistence
from bot.platforms import PlatformAdapter, adapter
from bot.services.reports import LazyLexicon
from bot.services.throttle import FloodGuard, RateGate
from bot.services.triage import OutsideBody
from bot.services.workdays import Holidays
from bot.settings import Platform, Settings

if TYPE_CHECKING:
    from bot.roles import Access
    from bot.services.outbox import Outbox
    from storage.members import Member
    from storage.roles import Grant


@dataclass
class AppState:
    """What one platform's Application needs; the db and locales are shared by both."""

    settings: Settings
    db: aiosqlite.Connection
    locales: Locales
    adapter: PlatformAdapter
    lexicon: LazyLexicon
    holidays: Holidays
    outside_bodies: tuple[OutsideBody, ...]
    # The one sender of messages to many members, shared by both platforms (bot/app.py).
    outbox: Outbox
    flood: FloodGuard = field(default_factory=FloodGuard)
    admin_alerts: RateGate = field(default_factory=RateGate)
    # Every running platform's bot (one dict shared by both Applications), so a member on
    # the other platform can be told about a report staff handled here.
    bots: dict[Platform, ExtBot[Any]] = field(default_factory=dict)
    # The platform's two transports (long polls, sends): the runtime closes them at its stop,
    # also when the platform never started (PTB closes them only for a started bot).
    transports: tuple[BaseRequest, ...] = ()

    @property
    def platform(self) -> Platform:
        """The platform this Application serves."""
        return self.adapter.platform


class KhoosheApplication(Application[Any, Any, Any, Any, Any, Any]):
    """PTB Application that carries Khooshe's state as a typed attribute."""

    def __init__(self, state: AppState, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state = state
        # Tasks PTB runs beside the update that made them (handlers with block=False): the
        # update counts as handled before they finish (Runtime.at_rest asks for both).
        self.background: set[asyncio.Task[Any]] = set()

    def create_task(
        self, coroutine: Any, update: object | None = None, *, name: str | None = None
    ) -> asyncio.Task[Any]:
        """PTB's create_task, keeping count of the tasks still at work."""
        task = super().create_task(coroutine, update, name=name)
        self.background.add(task)
        task.add_done_callback(self.background.discard)
        return task


class KhoosheContext(CallbackContext[ExtBot[Any], dict[str, Any], dict[Any, Any], dict[Any, Any]]):
    """Callback context with typed access to Khooshe's state and the current member.

    `member`, `texts` and `access` are filled by the middleware (handlers/middleware.py) before
    any feature handler runs; one context object lives for the whole update.
    """

    member: Member | None
    # What the user may do, loaded once per update by bot.roles.access_of (None: not yet).
    access: Access | None
    # The user's grant, read by the middleware with the member (one query); access_of
    # builds `access` from it when asked.
    grant: Grant | None
    _texts: Texts | None

    def __init__(self, application: Application[Any, Any, Any, Any, Any, Any], **kwargs: Any):
        super().__init__(application, **kwargs)
        self.member = None
        self._texts = None
        self.access = None
        self.grant = None

    @property
    def state(self) -> AppState:
        """The Application's shared state."""
        app = self.application
        assert isinstance(app, KhoosheApplication)
        return app.state

    @property
    def db(self) -> aiosqlite.Connection:
        """The one database connection."""
        return self.state.db

    @property
    def settings(self) -> Settings:
        """The one settings object."""
        return self.state.settings

    @property
    def platform(self) -> Platform:
        """Which messenger this update came from."""
        return self.state.platform

    @property
    def t(self) -> Texts:
        """Translator for the current user's language (Persian until we know better)."""
        if self._texts is None:
            self._texts = self.texts_for("fa")
        return self._texts

    @t.setter
    def t(self, value: Texts) -> None:
        self._texts = value

    def texts_for(self, lang: str, platform: Platform | None = None) -> Texts:
        """A translator for another person (e.g. when notifying an admin), on their platform."""
        translator = self.state.locales.translator(lang)
        if platform is None:
            return Texts(translator, self.state.adapter.escape)
        return Texts(translator, adapter(platform, self.settings.bale_escaping).escape)

    async def save_form_now(self, conversation: str, state: object | None) -> None:
        """Store the user's data and a conversation's next state now (see SqlitePersistence)."""
        persistence = self.application.persistence
        user_id, chat_id = self._user_id, self._chat_id
        if not isinstance(persistence, SqlitePersistence) or user_id is None or chat_id is None:
            return
        assert self.user_data is not None
        data = json.loads(json.dumps(self.user_data))  # a snapshot, as PTB's deepcopy would be
        try:
            await persistence.save_now(user_id, data, conversation, (chat_id, user_id), state)
        except Exception:
            # Not stored, so not taken (e.g. another process held the database past
            # busy_timeout): the member is told "not done, try again", so put the form back
            # as it was stored, or what they sent stays in the draft and, re-sent, is there
            # twice. (A read still works under another's write lock.)
            with suppress(Exception):
                stored = await persistence.stored_user_data(user_id)
                self.user_data.clear()
                self.user_data.update(stored)
            raise

    @property
    def form(self) -> dict[str, Any]:
        """The current user's form draft (persisted with user_data)."""
        assert self.user_data is not None
        form: dict[str, Any] = self.user_data.setdefault("form", {})
        return form
