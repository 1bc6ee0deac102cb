# Advisory cores (issue 17), as members read them: asking, the core suggested, the tracking
# code, advisers' answers, slots offered, sessions, rating. The advisers' cards, buttons and
# tools, /cores, /slots and /consultations stay Persian (bot/readers.py, STAFF_ONLY).

command-consult = مشاوره درخواستی
menu-consult = 💡 مشاوره ایسته
consult-no-cores = هله مشاوره هسته‌سی ایشه دوشمه‌ییب. تئزلیکله بورادان استانین مشاورلاریندان سوروشا بیله‌جکسینیز.
consult-ask =
    مشاوره ایسته‌دیگینیز سوالی یا موضوعو اوز سوزلرینیزله یازین. شکیل، فایل و سسلی پیام دا گوندره بیلرسینیز.
    سوندا «✅ قورتاردی» باسین.
consult-resume = یاریمچیق سوالینیز ساخلانیب. داوام ائدین، یا «✅ قورتاردی» باسین.
consult-received = ✔️ آلیندی ({ $messages } پیام{ $files ->
        [0] {""}
       *[other] ، { $files } فایل
    }). باشقا سوال یا توضیحینیز وارسا گوندرین، یوخسا «✅ قورتاردی» باسین.
consult-need-words = لطفاً سوالینیزی بیر نئچه سوزله ده یازین کی دوز هسته‌یه چاتسین.
consult-ask-core = دئیه‌سن سوالینیز «{ $core }» اوچوندور ({ $words } سوزلریندن). دوزدور؟ دئییلسه، باشقا هسته سئچین.
consult-ask-core-none = هانسی مشاوره هسته‌سی سوالینیزا داها یاخیندیر؟
consult-ask-core-all = مشاوره هسته‌سینی سئچین:
consult-button-all-cores = 📋 باشقا هسته‌لر
consult-confirm =
    مشاوره درخواستینیز:
    هسته: { $core }
    { $question }
    پیوست: { $files } فایل
    گوندریلسین؟
consult-button-send = ✅ درخواستی گوندر
consult-button-other-core = 🔁 باشقا هسته
consult-sent-short = ✔️ گوندریلدی
consult-filed =
    «{ $core }» اوچون مشاوره درخواستینیز ثبت اولدو. 🌱 پیگیری کودو: { $code }
    مشاورین جوابی ائله بورادا سیزه چاتاجاق.
consult-cancel-pressed = ✔️ واز کئچدیم
consult-cancelled = مشاوره درخواستی لغو اولدو.
consult-form-timeout = مشاوره درخواستینیز بیر مدت جواب‌سیز قالدی. یازدیقلارینیز ساخلاندی؛ «💡 مشاوره ایسته» ایله داوام ائدین.

# The member answers an adviser's question (the button under each answer).
consult-answer-ask = { $code } درخواستی اوچون مشاورین سوالینا جوابینیزی یازین یا فایل گوندرین.
consult-answer-sent = ✔️ جوابینیز مشاور اوچون گوندریلدی.
consult-answer-cancelled = هئچ جواب گوندریلمه‌دی.
consult-answer-timeout = جوابینیز مشاور اوچون گوندریلمه‌دی؛ هر واخت ایسته‌سه‌نیز یئنه «✍️ مشاور اوچون جواب یاز» دوگمه‌سینی باسین.
consult-button-answer = ✍️ مشاور اوچون جواب یاز
consult-member-taken = 🙋 مشاورلاردان بیری { $code } درخواستینیزی گوتوردو و تئزلیکله جواب وئره‌جک.
consult-adviser-said =
    💬 مشاورین { $code } درخواستینه جوابی:
    { $text }
consult-member-handed = { $code } درخواستینیز «{ $core }» مشاورلارینا تاپشیریلدی کی اونلار جواب وئرسینلر.
# /slots and /consultations typed by someone who advises no core (a member, most likely).
consult-advisers-only = بو دستور تکجه هسته‌لرین مشاورلاری اوچوندور.

# Slots offered to the member, the booking, reminders (both sides read the slot's line).
consult-slot-line = • { $when }، { $minutes } دقیقه، { $mode }: { $place }
consult-mode-in_person = حضوری
consult-mode-online = آنلاین
consult-slot-button = 📅 { $when }
consult-slots-for-you =
    { $code } درخواستی اوچون بو واختلاردان بیرینی رزرو ائده بیلرسینیز:
    { $lines }
consult-slot-gone = بو واخت ایندیجه رزرو اولدو. باشقا بیر واخت سئچین.
consult-booked-short = ✔️ رزرو اولدو
consult-session-title = مشاوره جلسه‌سی ({ $core })
consult-button-cancel-session = ❌ جلسه‌نی لغو ائله
consult-session-booked =
    ✅ { $code } درخواستی اوچون مشاوره جلسه‌نیز رزرو اولدو:
    { $slot }
    بیر گون و بیر ساعات قاباقدان یادینیزا سالاجاییق. تقویم فایلینی سونراکی پیامدا گوره‌جکسینیز.
consult-session-ics = 📅 جلسه‌نین تقویم فایلی: { $when }
consult-session-cancelled-member =
    ❌ مشاور { $code } درخواستینین جلسه‌سینی لغو ائله‌دی:
    { $slot }
    تئزلیکله باشقا واخت تکلیف اولاجاق.
consult-session-not-booked = بو جلسه داها رزرو دئییل.
consult-session-cancelled-short = ❌ جلسه لغو اولدو.
consult-session-reminder =
    ⏰ یادینیزا سالیریق: «{ $title }»
    🕒 { $when }
    📍 { $place }

# Closing: the rating and an optional comment; the phone, shared by the member's own choice.
consult-rate-ask = بو مشاوره سیزه کومک ائله‌دی؟ ({ $code } درخواستی) ۱-دن ۵-ه قدر امتیاز وئرین.
consult-rated = ✔️ ساغ اولون! امتیازینیز: { $score }
consult-rated-already = بو مشاوره‌نین امتیازینی قاباقجادان وئرمیسینیز.
consult-button-share-phone = 📞 نومره‌می مشاور اوچون گوندر
consult-phone-shared = نومره‌نیز مشاور اوچون گوندریلدی کی سیزه زنگ ائله‌سین.
consult-button-comment = 💬 نظر یاز
consult-comment-ask = بو مشاوره حاقیندا نظرینیزی یازین.
consult-comment-kept = ✔️ نظرینیز ثبت اولدو. ساغ اولون!

# A request turned into a report, or a report into a request.
consult-became-report =
    { $code } مشاوره درخواستینیز مشکل کیمی کارشناسلارا تاپشیریلدی. گزارشین پیگیری کودو: { $report }
    وضعیتینی ‎/track { $report } ایله گورون.
consult-from-report-member = { $report } گزارشینیز مشاوره اوچون «{ $core }» مشاورلارینا تاپشیریلدی. مشاوره درخواستینین کودو: { $code }
consult-from-report-closed = { $report } گزارشی «{ $status }» دیر؛ یالنیز آچیق گزارش مشاوره هسته‌سینه گئده بیلر.

# Where a request stands: the member's list before a new question, and the weekly digest.
consult-status-new = تزه
consult-status-taken = مشاور گوتوروب
consult-status-answered = جواب وئریلیب
consult-status-closed = باغلانیب
consult-status-withdrawn = گئری آلینیب
consult-status-to_report = گزارشه چئوریلیب
consult-mine =
    سون مشاوره درخواستلارینیز:
    { $lines }
consult-mine-line = • { $code } · { $core } · { $status }: { $summary }
consult-track =
    💡 مشاوره درخواستینیز:
    { $lines }
digest-consult-member = 💡 { $count } آچیق مشاوره درخواستینیز وار:
digest-consult-member-line = • { $code }: { $summary } ({ $status })
