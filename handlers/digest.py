"""The weekly digest in chat: staff preview it on demand; members turn it off and on."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from telegram import InputFile, Update
from telegram.ext import Application, CallbackQueryHandler

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.roles import Role, access_of, requires
from handlers import profile
from handlers.keyboards import private_command

log = logging.getLogger(__name__)


@requires(Role.CLUSTER_AGENT)
async def preview_command(update: Update, context: KhoosheContext) -> None:
    """/digest_preview: this week's staff digest (agents: their clusters) and a sample."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    access = await access_of(context, user.id)
    # Server-side scope: staff and admins see everything, an agent only their clusters.
    clusters = None if access.has(Role.STAFF) else access.agent_clusters
    # Imported on first use: the digest service is for this command and the weekly job.
    from bot.services.digest.service import make_digests

    digests = make_digests(context.state)
    t = context.t
    text, chart, sample = await digests.preview(
        clusters, t.lang, context.platform, datetime.now(UTC)
    )
    await context.bot.send_message(chat.id, t("digest-preview-staff"))
    if chart is not None:  # none when nothing was reported in their clusters lately
        await context.bot.send_photo(
            chat.id, InputFile(chart, filename="digest.png"), caption=t("digest-chart-caption")
        )
    await context.bot.send_message(chat.id, text)
    await context.bot.send_message(chat.id, t("digest-preview-member"))
    await context.bot.send_message(chat.id, sample or t("digest-preview-no-member"))


async def on_digest_off(update: Update, context: KhoosheContext) -> None:
    """A member's "no more digests" button under their digest."""
    await profile.opt_out(update, context, "digest")


def register(app: Application) -> None:
    """Install /digest_preview and the button under member digests."""
    app.add_handler(private_command("digest_preview", preview_command))
    app.add_handler(CallbackQueryHandler(on_digest_off, pattern=cb.DIGEST_OFF.pattern()))
