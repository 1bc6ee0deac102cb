"""Receiving updates by webhook instead of polling (README "Webhooks").

PTB's own webhook server (``Updater.start_webhook``, on tornado) serves one Application on
one port, so each platform listens on a port of its own; a reverse proxy terminates HTTPS at
``WEBHOOK_URL`` and forwards each platform's path to its port. The paths stay the same behind
the proxy, so it routes by prefix and needs no secret:

- Telegram: ``/telegram``; every request must carry ``WEBHOOK_SECRET`` in the
  ``X-Telegram-Bot-Api-Secret-Token`` header (PTB answers 403 otherwise).
- Bale: ``/bale/<secret path>``. Bale documents only ``url`` for setWebhook, no secret
  header (docs/bale.md), so the secret is in the path: a request anywhere else is answered
  404. The path is derived from WEBHOOK_SECRET rather than equal to it, so a proxy's access
  log, which holds the path, does not give away Telegram's header secret.
"""

from __future__ import annotations

import errno
import hashlib
import json
import socket
from dataclasses import dataclass
from typing import Any

from telegram.ext import Updater

from bot.platforms import repair_updates
from bot.settings import Platform, Settings

# The update kinds the handlers use (polling asks for the same).
ALLOWED_UPDATES = ("message", "callback_query")


@dataclass(frozen=True, slots=True)
class WebhookPlan:
    """Where one platform's updates arrive."""

    platform: Platform
    listen: str
    port: int
    url_path: str  # local path, the same behind the proxy
    url: str  # the public address given to setWebhook
    secret_token: str | None  # the header to require (None on Bale: the path holds it)

    def describe(self) -> str:
        """For the log: where it listens, without the secret path."""
        shown = "/bale/…" if self.platform is Platform.BALE else self.url_path
        return f"{self.listen}:{self.port}{shown}"


class WebhookUnavailable(Exception):
    """A platform's webhook listener cannot start (its port is taken): a configuration error
    worth one line and a stop, not a retry."""


def bale_path_secret(secret: str) -> str:
    """Bale's secret path component, derived from WEBHOOK_SECRET."""
    return hashlib.sha256(f"khooshe-bale-webhook:{secret}".encode()).hexdigest()[:40]


def plan_for(settings: Settings, platform: Platform) -> WebhookPlan | None:
    """The platform's webhook, or None when it polls."""
    if settings.webhook_url is None or settings.webhook_secret is None:
        return None
    secret = settings.webhook_secret.get_secret_value()
    if platform is Platform.TELEGRAM:
        path, header = "/telegram", secret
    else:
        path, header = f"/bale/{bale_path_secret(secret)}", None
    return WebhookPlan(
        platform=platform,
        listen=settings.webhook_listen,
        port=settings.webhook_port(platform),
        url_path=path,
        url=settings.webhook_url + path,
        secret_token=header,
    )


def check_port(plan: WebhookPlan) -> None:
    """Fail early, before any setWebhook, if the listener's address cannot be bound.

    Bound the way tornado binds (SO_REUSEADDR), so a port left in TIME_WAIT by the previous
    run does not count as taken.
    """
    try:
        infos = socket.getaddrinfo(plan.listen, plan.port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise WebhookUnavailable(
            f"{plan.platform}: WEBHOOK_LISTEN {plan.listen!r} is not an address here ({exc})"
        ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            setting = f"{plan.platform.value.upper()}_WEBHOOK_PORT"
            why = "already in use" if exc.errno == errno.EADDRINUSE else exc.strerror or exc
            raise WebhookUnavailable(
                f"{plan.platform}: cannot listen for webhooks on {plan.listen}:{plan.port} "
                f"({why}): stop what uses it or set {setting} to a free port"
            ) from None


class KhoosheUpdater(Updater):
    """PTB's Updater, repairing webhook updates as RepairingRequest repairs polled ones.

    PTB's webhook handler parses the request body itself, so Bale's missing fields would
    fail there (answered 400, and the platform would send the same update again and again).
    The server is built inside ``_start_webhook`` just before the webhook is set
    (``_bootstrap``), and listens only after: that is where its handler is swapped for one
    that repairs the body first.
    """

    async def _bootstrap(self, *args: Any, **kwargs: Any) -> None:
        server = getattr(self, "_httpd", None)
        if server is not None and kwargs.get("webhook_url"):
            _use_repairing_handler(server)
        await super()._bootstrap(*args, **kwargs)


def _use_repairing_handler(server: Any) -> None:
    from telegram.ext._utils.webhookhandler import TelegramHandler

    class RepairingHandler(TelegramHandler):
        async def post(self) -> None:
            try:
                raw = json.loads(self.request.body)
            except ValueError:
                raw = None
            if isinstance(raw, dict) and "update_id" in raw:
                self.request.body = json.dumps(repair_updates([raw])[0]).encode()
            await super().post()

    app = server._http_server.request_callback
    for rule in app.wildcard_router.rules:
        if rule.target is TelegramHandler:
            rule.target = RepairingHandler
