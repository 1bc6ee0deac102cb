# Proposals and joint meetings (issue 18), as members read them: a proposal's card with its
# support and comment buttons, what supporters and reporters are told at each step (on the
# agenda, decided, done) and the digest's lines. The staff's lists, forms, cards, meetings and
# the meeting pack stay Persian (bot/readers.py, STAFF_ONLY).

## members
command-proposals = خوشه‌نین تکلیفلری
proposal-published =
    📣 خوشه‌نین تکلیفی: { $title }
    مشکل: { $problem }
    تکلیف اولونان چاره: { $solution }
    بو تکلیف سیزین واحدینیزین مشکلینی ده حل ائله‌سه، اونا حمایت ائدین؛ چوخ حمایت آلان تکلیفلره بازرگانی اوتاغی و شهرکلر شرکتینین اورتاق نشستینده باخیلار.
proposal-button-support = 👍 حمایت ائله / حمایتی گئری آل
proposal-button-comment = 💬 قیسا نظر
proposal-supported = 👍 «{ $title }» تکلیفینه حمایت ائله‌دینیز. ایندی { $count } حامی‌سی وار.
proposal-withdrawn = ↩️ «{ $title }» تکلیفینه حمایتینیز گئری آلیندی. ایندی { $count } حامی‌سی وار.
proposal-support-closed = «{ $title }» تکلیفی داها تزه حمایت قبول ائله‌میر.
proposal-not-for-you = بو تکلیف سیزین خوشه‌نیز اوچون دئییل.
proposal-support-first = قیسا نظر تکجه آچیق بیر تکلیفین حامیلری اوچوندور؛ اوّل «👍 حمایت ائله» باسین.
proposal-ask-comment = 💬 «{ $title }» باره‌ده قیسا نظرینیزی یازین (ان چوخو { $limit } حرف). واز کئچمک اوچون ‎/cancel گوندرین.
proposal-comment-length = نظرینیزی بیر قیسا پیامدا یازین (ان چوخو { $limit } حرف).
proposal-comment-saved = ✅ نظرینیز ثبت اولدو؛ کارشناسلار اونو حمایتینیزین یانیندا گوره‌جکلر.
proposal-comment-cancelled = هئچ نظر ثبت اولمادی.
proposal-comment-timeout = نظر یازماق یاریمچیق قالدی و باغلاندی؛ هر واخت ایسته‌سه‌نیز یئنه «💬 قیسا نظر» باسین.
proposal-member-none = ایندی خوشه‌نیز اوچون آچیق تکلیف یوخدور.

## what supporters and the members whose reports are linked are told
proposal-told-open = 📣 گزارشینیزدن خوشه اوچون بیر تکلیف حاضیرلاندی: «{ $title }». راضی‌سینیزسا، اونا حمایت ائدین.
proposal-told-agenda = 🗓 «{ $title }» تکلیفی «{ $meeting }» نشستینین ({ $when }) دستور کارینا قویولدو.
proposal-told-decided =
    ⚖️ نشستین «{ $title }» باره‌ده قراری: { $outcome }
    { $text }
proposal-told-body = پیگیری مسئولو: { $body }
proposal-told-due = سون واخت: { $due }
proposal-told-done = ✅ «{ $title }» باره‌ده اولان قرار ایجرا اولدو. بیزیمله اولدوغونوز اوچون ساغ اولون.
proposal-decision-accepted = قبول اولدو
proposal-decision-partial = بیر حیصه‌سی قبول اولدو
proposal-decision-rejected = قبول اولمادی
proposal-decision-referred = مسئول اداره‌یه گوندریلدی

## a member's report on a meeting's agenda by itself
meeting-report-told-agenda = 🗓 { $code } کودلو گزارشینیز «{ $meeting }» نشستینین ({ $when }) دستور کارینا قویولدو.
meeting-report-told-decided =
    ⚖️ «{ $meeting }» نشستینین { $code } کودلو گزارشینیز باره‌ده قراری:
    { $text }

## in the member's weekly digest
digest-member-proposals = 📣 خوشه‌نیزین حمایت اوچون آچیق تکلیفلری:
digest-member-proposal = • { $title } ({ $count } حامی)
