"""Keyboard builders shared by the feature modules (at most ~3 buttons a row on a phone)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot.context import Texts
from bot.roles import Access

PAGE_SIZE = 8


def rows(
    buttons: Sequence[InlineKeyboardButton], per_row: int = 2
) -> list[list[InlineKeyboardButton]]:
    """Lay buttons out `per_row` to a row."""
    return [list(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def paged(
    t: Texts,
    items: Sequence[tuple[str, str]],
    page: int,
    page_prefix: str,
    extra: Sequence[InlineKeyboardButton] = (),
    per_row: int = 2,
) -> InlineKeyboardMarkup:
    """(label, callback data) items on pages of PAGE_SIZE, with previous/next buttons."""
    pages = max(1, -(-len(items) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    chunk = items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    keyboard = rows(
        [InlineKeyboardButton(label, callback_data=data) for label, data in chunk], per_row
    )
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(
                InlineKeyboardButton(
                    t.label("button-previous"), callback_data=f"{page_prefix}{page - 1}"
                )
            )
        nav.append(
            InlineKeyboardButton(
                t.label("page-of", page=page + 1, pages=pages),
                callback_data=f"{page_prefix}{page}",
            )
        )
        if page < pages - 1:
            nav.append(
                InlineKeyboardButton(
                    t.label("button-next"), callback_data=f"{page_prefix}{page + 1}"
                )
            )
        keyboard.append(nav)
    if extra:
        keyboard.extend(rows(list(extra), per_row))
    return InlineKeyboardMarkup(keyboard)


MENU_IDS = ("menu-report", "menu-my-reports", "menu-profile", "menu-help", "menu-staff")


def main_menu(t: Texts, access: Access | None) -> ReplyKeyboardMarkup:
    """The member's main menu; entries for features not built yet are not shown."""
    keyboard = [
        [KeyboardButton(t.label("menu-report")), KeyboardButton(t.label("menu-my-reports"))],
        [KeyboardButton(t.label("menu-profile")), KeyboardButton(t.label("menu-help"))],
    ]
    if access is not None and access.is_staff_side:
        keyboard.append([KeyboardButton(t.label("menu-staff"))])
    return ReplyKeyboardMarkup(keyboard, resize_keyboard=True)


def contact_keyboard(t: Texts) -> ReplyKeyboardMarkup:
    """Share-my-number button (the only way to prove the number is the member's own)."""
    return ReplyKeyboardMarkup(
        [
            [KeyboardButton(t.label("button-share-phone"), request_contact=True)],
            [KeyboardButton(t.label("button-cancel"))],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
