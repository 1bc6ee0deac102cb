"""A loopback Bot API sandbox (Telegram and Bale flavours) and the driver tests play users with."""

from bot.sandbox.core import ApiCall
from bot.sandbox.driver import OWN, SandboxChat, SandboxUser
from bot.sandbox.faults import ApiError, Fault
from bot.sandbox.flavours import FLAVOURS, FlavourName, FlavourRules
from bot.sandbox.messages import BotMessage, CallbackAnswer, SandboxFile
from bot.sandbox.server import BotApiSandbox
from bot.sandbox.wire import UploadedFile

__all__ = [
    "FLAVOURS",
    "OWN",
    "ApiCall",
    "ApiError",
    "BotApiSandbox",
    "BotMessage",
    "CallbackAnswer",
    "Fault",
    "FlavourName",
    "FlavourRules",
    "SandboxChat",
    "SandboxFile",
    "SandboxUser",
    "UploadedFile",
]
