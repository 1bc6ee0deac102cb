"""A tracking code typed at the menu, or glued to /track, shows the report as /track does."""

from __future__ import annotations

from tests.conftest import Khooshe, register, shown
from tests.test_reports import POWER_CUT, file_report

TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
TO_ARABIC = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩")


async def test_a_code_typed_at_the_menu_is_tracked(khooshe: Khooshe) -> None:
    owner, stranger = khooshe.member(), khooshe.member()
    await register(owner)
    await register(stranger, name="رضا موسوی")
    code = await file_report(owner, POWER_CUT)  # as shown: Persian digits
    typed = [
        code,
        code.translate(TO_ASCII),
        code.translate(TO_ARABIC),
        f"کد پیگیری {code}",
        f"کد پیگیری: {code.translate(TO_ASCII)}",
        f"/track{code}",  # no space after the command
        f"/track{code.translate(TO_ASCII)}",
    ]
    for text in typed:
        await owner.send_text(text)
        (details,) = await owner.settle()
        assert "سابقه" in shown(details) and "برق" in shown(details), text
        assert "ثبت کنیم" not in shown(details)
    # Someone else's code, or one that does not exist: the same answer as /track gives.
    await stranger.send_text(f"/track {code}")
    (by_command,) = await stranger.settle()
    assert "ندارد" in shown(by_command) and "برق" not in shown(by_command)
    for text in (code, f"کد پیگیری {code}", f"/track{code}"):
        await stranger.send_text(text)
        (reply,) = await stranger.settle()
        assert shown(reply) == shown(by_command), text
    await stranger.send_text("۱۰۰۰۰۰")
    (unknown,) = await stranger.settle()
    assert shown(unknown).replace("۱۰۰۰۰۰", code) == shown(by_command)
    assert len(await khooshe.rows("SELECT id FROM reports")) == 1  # nothing filed by typing


async def test_track_with_letters_says_a_code_is_digits(khooshe: Khooshe) -> None:
    member = khooshe.member()
    await register(member)
    await member.send_text("/track abc")
    (reply,) = await member.settle()
    assert "فقط از رقم" in shown(reply) and "بعد از دستور" in shown(reply)
    await member.send_command("track")
    (usage,) = await member.settle()
    assert "را بعد از دستور بنویسید" in shown(usage)
    # A number that is no code (a phone number) is still offered as words, not tracked.
    await member.send_text("تماس ۰۹۱۴۵۵۵۱۲۳۴")
    (offer,) = await member.settle()
    assert "ثبت کنیم" in shown(offer)
