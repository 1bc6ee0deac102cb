"""The describing step a report (handlers/reports.py) and a request for advice
(handlers/consult.py) share: the member sends messages — text, photos, files, voice notes — into
a draft, each one acknowledged with the count so far under «تمام شد» and the cancel button; a
step's question takes the buttons off the previous one. One piece, so the two forms take and
acknowledge a description the same way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, BaseHandler, CallbackQueryHandler, MessageHandler

from bot.callbacks import Button
from bot.context import KhoosheContext
from bot.services.reports import DraftError, new_draft
from handlers import menu
from handlers.keyboards import Handler, chat_id_of, inline, retire_buttons


@dataclass(frozen=True)
class Describing:
    """A form's describing step: its form name, the user_data key of its draft, the step's
    name, its «done» and cancel buttons and the acknowledgement's message id."""

    form: str
    draft_key: str
    step: str
    done: Button
    cancel: Button
    received: str

    def draft(self, context: KhoosheContext) -> dict[str, Any]:
        """The member's draft (a new one the first time)."""
        assert context.user_data is not None
        draft: dict[str, Any] = context.user_data.setdefault(self.draft_key, new_draft())
        return draft

    async def question(
        self,
        update: Update,
        context: KhoosheContext,
        step: str,
        text: str,
        markup: InlineKeyboardMarkup | None,
    ) -> str:
        """Send a step's question, taking the buttons off the previous one."""
        draft = self.draft(context)
        await retire_buttons(update, context, draft.pop("question_id", None))
        previous = draft.get("step")
        draft["step"] = step
        # The draft (with what the member just sent) is stored before they see the next step.
        await context.save_form_now(self.form, step)
        try:
            message = await context.bot.send_message(chat_id_of(update), text, reply_markup=markup)
        except Exception:
            draft["step"] = previous
            await context.save_form_now(self.form, previous)
            raise
        draft["question_id"] = message.message_id
        return step

    def markup(self, context: KhoosheContext) -> InlineKeyboardMarkup:
        """«تمام شد» and cancel, under every message of the describing step."""
        return inline(
            context.t,
            [("report-button-done", self.done.pack()), ("button-cancel", self.cancel.pack())],
        )

    async def ask(self, update: Update, context: KhoosheContext, text: str) -> str:
        """(Back to) the describing step, saying `text`."""
        return await self.question(update, context, self.step, text, self.markup(context))

    async def on_message(self, update: Update, context: KhoosheContext) -> str:
        """One message of the description: text, or a photo, file or voice note with its
        caption; what cannot be taken is said, and the step stays."""
        assert update.message is not None
        draft = self.draft(context)
        try:
            await menu.add_to_draft(draft, update.message)
        except DraftError as error:
            return await self.ask(update, context, context.t(error.key))
        counts = {"messages": len(draft["parts"]), "files": len(draft["attachments"])}
        return await self.ask(update, context, context.t(self.received, **counts))

    async def on_unsupported(self, update: Update, context: KhoosheContext) -> str:
        """A sticker, a location, a video… while describing."""
        return await self.ask(update, context, context.t("report-unsupported"))

    def handlers(self, app: Application, on_done: Handler) -> list[BaseHandler[Any, Any, Any]]:
        """The step's handlers: «done» pressed (`on_done`), a message taken, anything else
        answered."""
        buttons = menu.buttons(app)
        return [
            CallbackQueryHandler(on_done, pattern=self.done.pattern()),
            MessageHandler(buttons.text | menu.MEDIA, self.on_message),
            MessageHandler(buttons.other, self.on_unsupported),
        ]
