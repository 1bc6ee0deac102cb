"""A loopback Bot API sandbox (Telegram and Bale flavours) and the driver tests play users with."""

from bot.sandbox.driver import (
    OWN,
    BotMessage,
    CallbackAnswer,
    SandboxChat,
    SandboxFile,
    SandboxUser,
)
from bot.sandbox.server import (
    FLAVOURS,
    ApiCall,
    ApiError,
    BotApiSandbox,
    Fault,
    FlavourName,
    FlavourRules,
    UploadedFile,
)

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
