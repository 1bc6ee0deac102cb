"""A member who reads Azerbaijani asks an advisory core, on both sandbox flavours: the form,
the core suggested from their own words, the tracking code, the adviser's answer and their
answer back all in Azerbaijani; the adviser (staff-side) reads the card and the member's
words in Persian."""

from __future__ import annotations

from bot.text import persian_digits
from tests.conftest import Khooshe, describe, expect, shown
from tests.test_azeri import register_in_azerbaijani
from tests.test_consult import _adviser, _cores
from tests.test_cores import TECHNOLOGY

# As a Tabriz member writes it: Azerbaijani, with the Persian words for the technical things.
QUESTION = "ایستییریک تولید خطینده کیفیت کنترلی اوچون هوش مصنوعی ایشلدک، هاردان باشلایاق؟"
ADVICE = "چند عکس از خط تولید و نمونه‌های معیوب بفرستید."
BACK = "بو گون ایکی شکیل گوندررم، ایندیلیک بو بیرینجیسیدیر"


async def test_a_member_asks_for_advice_in_azerbaijani(khooshe: Khooshe) -> None:
    cores = await _cores(khooshe)
    adviser = await _adviser(khooshe, cores["technology"], "مشاور یک")
    member = khooshe.member()
    await register_in_azerbaijani(member)
    keyboard = [[b["text"] for b in r] for r in member.reply_keyboard or []]
    assert ["🎓 آموزشلر و رویدادلار", "💡 مشاوره ایسته"] in keyboard
    await member.press("❓ کومک")
    await expect(member, "«💡 مشاوره ایسته»: استانین مشاوره هسته‌لرینین مشاورلاریندان")

    # The question, the core suggested from the member's words, the tracking code.
    ack = await describe(member, QUESTION, button="💡 مشاوره ایسته", lang="az")
    assert "۱ پیام" in shown(ack)
    await member.press("✅ قورتاردی")
    suggestion = await expect(member, "دئیه‌سن سوالینیز", wait=30)
    assert f"«{TECHNOLOGY.name}» اوچوندور" in shown(suggestion)
    # Their own words, quoted back (the problem type's «کیفیت کنترلی» too).
    assert "«هوش مصنوعی»، «کیفیت کنترلی» سوزلریندن" in shown(suggestion)
    assert suggestion.button_texts[0] == f"✅ {TECHNOLOGY.name}"
    assert suggestion.button_texts[-1] == "📋 باشقا هسته‌لر"
    await member.press_inline(suggestion, suggestion.button_texts[0])
    confirm = await expect(member, "گوندریلسین؟")
    assert QUESTION in shown(confirm) and "پیوست: ۰ فایل" in shown(confirm)
    assert confirm.button_texts == ["✅ درخواستی گوندر", "🔁 باشقا هسته", "❌ واز کئچ"]
    await member.press("✅ درخواستی گوندر")
    filed = await expect(member, "پیگیری کودو")
    (row,) = await khooshe.rows("SELECT * FROM consultations")
    code = persian_digits(row["code"])
    assert shown(filed) == (
        f"«{TECHNOLOGY.name}» اوچون مشاوره درخواستینیز ثبت اولدو. 🌱 پیگیری کودو: {code}\n"
        "مشاورین جوابی ائله بورادا سیزه چاتاجاق."
    )
    assert row["core_id"] == row["suggested_core"] == cores["technology"].id
    assert row["question"] == QUESTION and row["status"] == "new"  # what they typed, untouched

    # The adviser reads the card in Persian, takes it and answers.
    card = await expect(adviser, "💡 درخواست مشاوره")
    assert QUESTION in shown(card) and "هسته: هسته فناوری" in shown(card)
    await adviser.press_inline(card, "🙋 برمی‌دارم")
    taken = await expect(member, "گوتوردو")
    assert shown(taken) == (
        f"🙋 مشاورلاردان بیری {code} درخواستینیزی گوتوردو و تئزلیکله جواب وئره‌جک."
    )
    await adviser.press_inline(card, "✍️ پاسخ")
    await expect(adviser, "پاسخ خود")
    await adviser.send_text(ADVICE)
    await expect(adviser, "برای عضو فرستاده شد")
    said = await expect(member, "مشاورین")
    assert shown(said) == f"💬 مشاورین {code} درخواستینه جوابی:\n{ADVICE}"
    assert said.button_texts == ["✍️ مشاور اوچون جواب یاز", "📞 نومره‌می مشاور اوچون گوندر"]

    # The member answers back in Azerbaijani; the adviser reads it under a Persian heading.
    await member.press_inline(said, "✍️ مشاور اوچون جواب یاز")
    asked = await expect(member, "جوابینیزی یازین")
    assert code in shown(asked) and asked.button_texts == ["❌ واز کئچ"]
    await member.send_text(BACK)
    await expect(member, "✔️ جوابینیز مشاور اوچون گوندریلدی.")
    back = await expect(adviser, "پاسخ عضو")
    assert shown(back).startswith(f"💬 پاسخ عضو در درخواست {code}:") and BACK in shown(back)
    events = await khooshe.rows("SELECT kind, text FROM consultation_events ORDER BY id")
    assert [e["kind"] for e in events] == ["asked", "taken", "reply", "member"]
    assert events[-1]["text"] == BACK

    # Asking again lists the request first, its status in Azerbaijani.
    await member.press("💡 مشاوره ایسته")
    mine = await expect(member, "سون مشاوره درخواستلارینیز")
    assert f"• {code} · {TECHNOLOGY.name} · جواب وئریلیب:" in shown(mine)
    await expect(member, "اوز سوزلرینیزله یازین")
