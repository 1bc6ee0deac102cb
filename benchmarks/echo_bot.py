"""A bare python-telegram-bot echo bot: what benchmarks/throughput.py measures Khooshe against.

With ECHO_TRANSPORT=aiohttp it talks through Khooshe's transport (bot/transport.py) instead of
PTB's own, so the two bots can also be compared on the same transport."""

import os

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the text back."""
    if update.effective_message is not None and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


if __name__ == "__main__":
    builder = Application.builder().token(os.environ["ECHO_TOKEN"])
    if os.environ.get("ECHO_TRANSPORT") == "aiohttp":
        from bot.transport import AiohttpRequest

        builder = builder.request(AiohttpRequest(connection_pool_size=256))
        builder = builder.get_updates_request(AiohttpRequest())
    app = builder.base_url(os.environ["ECHO_BASE_URL"]).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(poll_interval=0, timeout=1)
