"""Khooshe (خوشه): a Persian-first Bale and Telegram bot for industrial-cluster members."""

import os

# PTB 22 warns (a deprecation warning) every time it builds a RetryAfter unless we opt in to
# its future behaviour, where retry_after is a timedelta. We opt in, once, for the process.
os.environ.setdefault("PTB_TIMEDELTA", "true")
