# Problem reports (members' side).

command-report = ثبت مشکل تازه
command-myreports = گزارش‌های من
command-track = پیگیری با کد
menu-report = 📝 ثبت مشکل
menu-my-reports = 📋 گزارش‌های من

category-electricity = برق و انرژی
category-infrastructure = زیرساخت و خدمات شهرک
category-finance = تأمین مالی و بانکی
category-raw_materials = مواد اولیه و قطعات
category-market = بازار، فروش و نمایشگاه
category-export = صادرات، واردات و گمرک
category-permits = مجوزها و مقررات
category-tax_insurance = مالیات و بیمه
category-workforce = نیروی انسانی و آموزش
category-technology = فناوری و نوآوری
category-other = سایر

report-status-new = ثبت‌شده
report-status-in_review = در حال بررسی
report-status-referred = ارجاع‌شده به دستگاه مسئول
report-status-resolved = حل‌شده
report-status-closed = بسته‌شده
report-status-rejected = ردشده
report-status-merged = ادغام‌شده
report-status-withdrawn = پس‌گرفته‌شده

report-ask-description = مشکل را با کلمات خودتان بنویسید. می‌توانید چند پیام، عکس، فایل یا پیام صوتی بفرستید. در پایان «✅ تمام شد» را بزنید.
report-resume = گزارش نیمه‌کاره‌تان محفوظ است؛ از همان‌جا ادامه می‌دهیم.
report-received = ✔️ دریافت شد ({ $messages } پیام{ $files ->
        [0] {""}
       *[other] ، { $files } فایل
    }). اگر توضیح دیگری دارید بفرستید، وگرنه «✅ تمام شد» را بزنید.
report-button-done = ✅ تمام شد
report-empty = اول مشکل را در چند کلمه بنویسید.
report-need-words = لطفاً مشکل را با چند کلمه توضیح دهید.
report-too-long = این پیام ذخیره نشد: توضیحات از اندازه مجاز بلندتر می‌شود. «✅ تمام شد» را بزنید، یا خلاصه‌تر بنویسید.
report-too-many-files = حداکثر ۵ فایل می‌توانید پیوست کنید.
report-unsupported = این نوع پیام را نمی‌توانیم پیوست کنیم. متن، عکس، فایل یا پیام صوتی بفرستید.
report-no-forwards = لطفاً پیام‌های دیگران را هدایت نکنید؛ مشکل را با کلمات خودتان بنویسید.
report-ask-category = به نظر می‌رسد موضوع «{ $category }» باشد (از کلمه‌های { $words }). درست است؟ اگر نه، دسته دیگری انتخاب کنید.
report-ask-category-all = دسته موضوع را انتخاب کنید:
report-ask-category-none = از متن شما دسته‌ای پیدا نکردیم. لطفاً دسته موضوع را انتخاب کنید:
report-button-all-categories = 📋 همه دسته‌ها
report-similar =
    این مشکل را واحدهای دیگر هم گزارش کرده‌اند. اگر مشکل شما همین است، به آن بپیوندید تا پیگیری‌اش یک‌جا انجام شود:

    { $lines }
report-similar-line = { $number }. { $summary } ({ $units } واحد)
report-button-me-too = 🙋 مشکل من همین است ({ $number })
report-button-different = ➕ مشکل من فرق دارد
report-joined-short = ✔️ مشکل من همین است
report-joined = به گزارش { $code } پیوستید. از این پس خبرهای آن برای شما هم فرستاده می‌شود.
report-ask-urgency = آیا این مشکل فوری است؟
report-button-normal = عادی
report-button-urgent = 🔴 فوری
report-normal = عادی
report-urgent = فوری
report-ask-summary =
    یک عنوان کوتاه برای گزارش بنویسید، یا همین را بپذیرید (واحدهای دیگر هم این عنوان را می‌بینند؛ نام و شماره ننویسید):
    «{ $summary }»
report-button-keep-summary = ✅ همین خوب است
report-summary-too-long = عنوان باید کوتاه باشد (حداکثر ۱۰۰ حرف).
report-summary-no-phone = عنوان را واحدهای دیگر هم می‌بینند؛ لطفاً آن را بدون شماره تلفن بنویسید (شماره را اگر لازم است در شرح مشکل بگذارید).
report-confirm =
    گزارش شما:
    🗂 دسته: { $category }
    ⏱ فوریت: { $urgency }
    📌 عنوان: { $summary }
    📎 پیوست: { $files }

    { $description }
report-button-send = ✅ ثبت گزارش
report-sent-short = ✔️ ثبت گزارش
report-filed =
    گزارش شما ثبت شد. 🌱 کد پیگیری: { $code }
    وضعیتش را در «📋 گزارش‌های من» ببینید، یا بفرستید: ‎/track { $code }
report-cancelled = گزارش لغو شد.
report-cancel-pressed = ✔️ انصراف

report-none-yet = هنوز گزارشی ثبت نکرده‌اید. با «📝 ثبت مشکل» شروع کنید.
report-list =
    گزارش‌های شما ({ $total }):
    { $lines }
report-list-line = • { $code }{ $urgent ->
        [1] {" "}· 🔴 فوری
       *[0] {""}
    } — { $status } — { $date }: { $summary }
report-details =
    گزارش { $code }
    وضعیت: { $status }{ $urgent ->
            [1] {" "}· 🔴 فوری
           *[0] {""}
        }
    دسته: { $category }
    واحدهای درگیر: { $units }
    📌 { $summary }

    { $description }

    سابقه:
    { $history }
report-event-filed = • { $date }: ثبت شد
report-event-joined = • { $date }: یک واحد دیگر به گزارش پیوست
report-event-other = • { $date }: به‌روز شد
report-track-usage = کد پیگیری را بعد از دستور بنویسید، مثلاً: ‎/track ۱۲۳۴۵۶
report-track-not-a-code = کد پیگیری فقط از رقم تشکیل می‌شود؛ آن را بعد از دستور بنویسید، مثلاً: ‎/track ۱۲۳۴۵۶
report-not-found = هیچ‌کدام از گزارش‌ها و درخواست‌های مشاوره شما کد { $code } ندارد.

# Staff side.
triage-new-report =
    🆕 گزارش تازه { $code } — { $cluster }
    🗂 { $category } · ⏱ { $urgency } · واحدها: { $units } ({ $by_cluster })
    👤 { $reporter } — { $company }
    📌 { $summary }
    📎 پیوست: { $attachments }

    { $description }
triage-button-take = 🙋 برمی‌دارم
triage-button-status = 🔄 تغییر وضعیت
triage-taken = گزارش به نام شما ثبت شد و وضعیتش «در حال بررسی» است.
triage-taken-already = این گزارش را پیش‌تر خودتان برداشته‌اید.
triage-already-moved = وضعیت این گزارش پیش‌تر تغییر کرده است.
triage-choose-status = وضعیت تازه گزارش { $code } (اکنون: { $status }):
triage-status-set = وضعیت به «{ $status }» تغییر کرد.
triage-status-set-rejected = وضعیت «{ $status }» شد. دلیل را با «پاسخ» به کارت گزارش برای عضو بنویسید.
triage-reply-relayed = ✔️ پاسخ ثبت شد و برای { $count } عضو فرستاده می‌شود.
report-status-changed = وضعیت گزارش { $code } («{ $summary }») به «{ $status }» تغییر کرد.
report-staff-reply =
    💬 پاسخ کارشناس به گزارش { $code }:
    { $text }

# After filing: follow-ups, withdrawal, "was it solved?".
report-event-status = • { $date }: { $status }
report-event-reply = • { $date }: پاسخ کارشناس: { $text }
report-event-follow_up = • { $date }: توضیح شما: { $text }
report-event-reopened = • { $date }: حل نشده بود: { $text }
report-button-follow-up = ➕ افزودن توضیح
report-button-withdraw = ↩️ پس گرفتن گزارش
report-ask-follow-up = توضیح تازه برای گزارش { $code } را بنویسید (یا عکس، فایل یا پیام صوتی بفرستید).
report-ask-why-not-solved = متأسفیم. بنویسید چه چیزی هنوز درست نشده است تا گزارش { $code } دوباره بررسی شود.
report-follow-up-saved = توضیح شما به گزارش { $code } افزوده شد و برای کارشناسان فرستاده می‌شود.
report-reopened = گزارش { $code } دوباره باز شد و وضعیتش «در حال بررسی» است.
report-attachment-only = (فایل پیوست)
report-withdraw-confirm = گزارش { $code } را پس می‌گیرید؟ کارشناسان دیگر آن را پیگیری نمی‌کنند.
report-button-withdraw-yes = بله، پس می‌گیرم
report-button-keep = نه، بماند
report-withdrawn = گزارش { $code } پس گرفته شد.
report-was-it-solved = کارشناسان گزارش { $code } را «حل‌شده» اعلام کرده‌اند. آیا مشکل شما واقعاً حل شد؟
report-button-solved = ✅ بله، حل شد
report-button-not-solved = ❌ نه، هنوز نه
report-ask-score = از ۱ تا ۵ چقدر از پیگیری راضی بودید؟
report-score = { $score } ⭐
report-thanks = از بازخورد شما سپاس‌گزاریم. 🌱

triage-member-follow-up =
    ➕ توضیح تازه عضو برای گزارش { $code }:
    { $text }
triage-member-reopened =
    🔁 عضو می‌گوید گزارش { $code } حل نشده است؛ وضعیتش دوباره «در حال بررسی» است:
    { $text }
triage-member-withdrew = ↩️ عضو گزارش { $code } را پس گرفت.
triage-member-rated = ⭐ عضو حل شدن گزارش { $code } را تأیید کرد؛ رضایت: { $score } از ۵.

# Staff lists and export.
staff-list =
    📋 گزارش‌ها ({ $total }) — { $filter }
    { $lines }
staff-list-empty = گزارشی با این فیلتر پیدا نشد — { $filter }
staff-list-filter = وضعیت: { $status } · دسته: { $category } · خوشه: { $cluster }{ $age }{ $body }
staff-list-line = • { $overdue }{ $code }{ $urgent ->
        [1] {" "}· 🔴 فوری
       *[0] {""}
    } — { $status } — { $category } — { $cluster } — { $units } — { $date }: { $summary }
staff-units = { $count } واحد
staff-units-by-cluster = { $count } واحد ({ $by_cluster })
staff-button-status = 🔄 وضعیت
staff-button-category = 🗂 دسته
staff-button-cluster = 🧩 خوشه
staff-button-body = 🏛 دستگاه
staff-button-age = ⏳ قدمت
staff-button-export = 📥 فایل اکسل
staff-choose-filter = یکی را انتخاب کنید:
staff-any = همه
staff-age = بیش از { $days } روز
staff-status-open = باز
staff-status-all = همه
staff-status-new = ثبت‌شده
staff-status-in_review = در حال بررسی
staff-status-referred = ارجاع‌شده
staff-status-resolved = حل‌شده
staff-status-closed = بسته‌شده
staff-status-rejected = ردشده
staff-yes = بله
staff-no = خیر
staff-export-caption = گزارش‌ها: { $count } ردیف
export-col-code = کد پیگیری
export-col-cluster = خوشه
export-col-category = دسته
export-col-status = وضعیت
export-col-urgent = فوری
export-col-summary = عنوان
export-col-created = تاریخ ثبت
export-col-updated = آخرین تغییر
export-col-created_gregorian = تاریخ ثبت (میلادی)
export-col-updated_gregorian = آخرین تغییر (میلادی)
export-col-co_reporters = واحدهای همراه
export-col-overdue = عقب از موعد
export-col-outside_body = دستگاه مسئول
export-col-attachments = پیوست‌ها
export-col-description = شرح کامل
triage-button-category = 🗂 دسته
triage-button-body = 🏛 دستگاه مسئول
triage-choose-category = دسته تازه را انتخاب کنید:
triage-choose-body = ارجاع به کدام دستگاه؟
triage-category-set = دسته به «{ $category }» تغییر کرد.
triage-body-set = گزارش به «{ $body }» ارجاع شد.
triage-member-joined = 🙋 واحدی از خوشه «{ $cluster }» هم همین مشکل را دارد. گزارش { $code } اکنون { $units } واحد را دربر می‌گیرد: { $by_cluster }
triage-merge-usage = روش استفاده: اول کد گزارش تکراری، بعد کد گزارش اصلی. مثال: ‎/merge ۱۲۳۴۵۶ ۶۵۴۳۲۱ (گزارش ۱۲۳۴۵۶ تکراری است و در گزارش اصلی ۶۵۴۳۲۱ ادغام می‌شود)
triage-merge-unknown = یکی از این کدها پیدا نشد.
triage-merge-refused = ادغام ممکن نیست: گزارش تکراری و گزارش اصلی هر دو باید باز باشند و کدهایشان متفاوت.
triage-merged = گزارش تکراری { $source } در گزارش اصلی { $target } ادغام شد؛ اعضای آن از این پس خبرهای گزارش { $target } را می‌گیرند.
report-merged = گزارش { $code } شما با گزارش مشابه { $target } یکی شد. از این پس خبرهای گزارش { $target } برای شما فرستاده می‌شود.

report-shared = (این مشکل را واحد دیگری ثبت کرده است؛ شما به آن پیوسته‌اید.)
report-join-too-late = آن گزارش همین حالا بسته شد؛ گزارش شما جداگانه ثبت می‌شود.
report-follow-up-too-late = این گزارش دیگر باز نیست؛ توضیح شما افزوده نشد. برای مشکل تازه «📝 ثبت مشکل» را بزنید.
report-reply-not-open = گزارش { $code } دیگر باز نیست، پس پیام شما به آن افزوده نشد.
triage-reply-not-relayed = ⚠️ پاسخ ثبت شد، اما عضوی برای دریافت آن نمانده است.
staff-list-body = {" · "}دستگاه مسئول: { $body }
staff-list-age = {" · "}قدیمی‌تر از { $days } روز
triage-note-kept = 📝 یادداشت داخلی ثبت شد (به عضو نمی‌رسد).

# The whole of a report, for staff (the card's "full text" button and /show).
triage-button-full = 📄 متن کامل
triage-full-usage = کد پیگیری را بعد از دستور بنویسید، مثلاً: ‎/show ۱۲۳۴۵۶
triage-full-unknown = گزارشی با کد { $code } پیدا نشد.
triage-full-report =
    📄 گزارش { $code } — { $cluster }
    وضعیت: { $status } · 🗂 { $category } · ⏱ { $urgency }
    🏛 دستگاه مسئول: { $body }
    واحدها: { $units } ({ $by_cluster })
    👤 { $reporter } — { $company }
    🕓 ثبت: { $created } · آخرین تغییر: { $updated }
    📌 { $summary }
    📎 پیوست‌ها: { $attachments }
triage-full-description =
    📝 شرح کامل:
    { $text }
triage-full-history =
    🗂 سابقه:
    { $lines }
triage-full-continued = (ادامه گزارش { $code })
triage-full-a-member = یک عضو
triage-full-a-staff-member = کارشناس
triage-full-event-filed = • { $when } — ثبت گزارش ({ $who })
triage-full-event-joined = • { $when } — 🙋 { $who } هم همین مشکل را دارد: { $text }
triage-full-event-status = • { $when } — وضعیت از «{ $before }» به «{ $after }» تغییر کرد ({ $who })
triage-full-event-reply = • { $when } — 💬 پاسخ { $who } به اعضا: { $text }
triage-full-event-note = • { $when } — 📝 یادداشت داخلی { $who }: { $text }
triage-full-event-follow_up = • { $when } — ➕ توضیح تازه { $who }: { $text }
triage-full-event-reopened = • { $when } — 🔁 { $who }: حل نشده است: { $text }
triage-full-event-category = • { $when } — دسته به «{ $category }» تغییر کرد ({ $who })
triage-full-event-referred = • { $when } — به «{ $body }» ارجاع شد ({ $who })
triage-full-event-merged_in = • { $when } — گزارش تکراری { $source } در این گزارش ادغام شد ({ $who })
triage-full-event-other = • { $when } — به‌روز شد ({ $who })
report-form-timeout = گزارش نیمه‌کاره‌تان مدتی بی‌پاسخ ماند. نوشته‌ها و فایل‌هایتان نگه داشته شد؛ هر وقت «📝 ثبت مشکل» را بزنید از همان‌جا ادامه می‌دهیم.
report-follow-up-timeout = افزودن توضیح بسته شد. هر وقت خواستید، از «📋 گزارش‌های من» دوباره «افزودن توضیح» را بزنید.

# Files members attached (at filing or with a follow-up), as staff see them.
triage-button-attachments = 📎 پیوست‌ها
attachments-none = ندارد
attachment-count-photo = { $count } عکس
attachment-count-document = { $count } فایل
attachment-count-voice = { $count } پیام صوتی
attachment-kind-photo = عکس
attachment-kind-document = فایل
attachment-kind-voice = پیام صوتی
triage-attachments-sending = 📎 { $count } پیوست به ترتیب فرستاده می‌شود.
triage-attachments-already-sending = 📎 پیوست‌های این گزارش همین حالا در راه‌اند.
triage-attachments-none-yet = این گزارش هنوز پیوستی ندارد.
triage-attachment-caption = 📎 گزارش { $code } — پیوست { $number } از { $total }
triage-attachment-elsewhere =
    📎 گزارش { $code } — پیوست { $number } از { $total } ({ $kind }) در «{ $platform }» فرستاده شده و ربات الان نمی‌تواند آن را به این‌جا بیاورد ({ $platform } در دسترس نیست یا فایل بیش از ۲۰ مگابایت است).
    آن را در { $platform } ببینید، یا کمی بعد دوباره «📎 پیوست‌ها» را بزنید.
triage-attachment-failed = 📎 گزارش { $code } — پیوست { $number } از { $total } ({ $kind }) فرستاده نشد. کمی بعد دوباره «📎 پیوست‌ها» را بزنید.
export-attachments = { $total ->
    [0] { $total }
   *[other] { $total }: { $kinds }
}

# Text typed outside any form (handlers/menu.py): quoted back and offered as a report.
loose-text-offer =
    «{ $text }»

    آن را به‌عنوان مشکل ثبت کنیم؟
loose-text-button-report = 📝 بله، ثبت مشکل
loose-text-button-dismiss = نه، لازم نیست
loose-text-dismissed = باشه، ثبت نشد. برای کارهای دیگر از دکمه‌های منو استفاده کنید.
loose-text-taken = 📝 فرم ثبت مشکل با همین متن باز شد.
report-form-already-open = 📝 فرم ثبت مشکل با همین متن باز است؛ از همان‌جا ادامه دهید.
report-from-text = ✔️ متن شما آغاز شرح مشکل شد. اگر توضیح، عکس یا فایل دیگری دارید بفرستید، وگرنه «✅ تمام شد» را بزنید.
report-from-text-resumed = ✔️ متن شما به شرح مشکلی که نیمه‌کاره مانده بود اضافه شد. اگر توضیح دیگری دارید بفرستید، وگرنه «✅ تمام شد» را بزنید.

# The card wherever it appears (handlers/triage_cards.py), its reply and merge (handlers/triage_input.py).
triage-button-reply = ✍️ پاسخ به عضو
triage-button-merge = 🔗 ادغام با گزارش دیگر
staff-button-open = { $code }
staff-button-open-urgent = 🔴 { $code }
triage-reply-ask =
    ✍️ پاسخ خود به اعضای گزارش { $code } را همین‌جا بنویسید (عکس، فایل یا پیام صوتی هم می‌شود).
    اگر پیام با # شروع شود، یادداشت داخلی می‌ماند و به عضو نمی‌رسد.
triage-merge-ask = 🔗 اگر گزارش { $code } تکراری است، کد گزارش اصلی را بنویسید تا گزارش { $code } در آن ادغام شود و اعضایش از این پس خبر‌های گزارش اصلی را بگیرند.
triage-merge-bad-code = این کد پیگیری نیست. کد گزارش اصلی را با رقم بنویسید (مثلاً ۱۲۳۴۵۶)، یا «انصراف» را بزنید.
triage-merge-same = این همان گزارش است. کد گزارش اصلی دیگری را بنویسید، یا «انصراف» را بزنید.
triage-input-wrong = این نوع پیام فرستاده نمی‌شود. متن، عکس، فایل یا پیام صوتی بفرستید، یا «انصراف» را بزنید.
triage-input-cancelled = باشه، چیزی فرستاده نشد.
triage-input-timeout = پاسخ به گزارش بسته شد. هر وقت خواستید، دوباره «✍️ پاسخ به عضو» را روی کارت گزارش بزنید.
triage-full-attachments =
    📎 فهرست پیوست‌ها (با دکمه «📎 پیوست‌ها» برایتان فرستاده می‌شوند):
    { $lines }
triage-full-attachment-line = { $number }. { $kind } — { $when }
triage-full-attachment-named = { $number }. { $kind } «{ $name }» — { $when }

# A report with no text (a voice note or a photo alone).
report-ask-category-no-text = 🎙 پیام شما رسید. موضوع مشکل در کدام دسته است؟
report-ask-summary-words = 📌 چون متنی ننوشته‌اید، عنوان گزارش را در چند کلمه بنویسید تا کارشناسان و واحد‌های دیگر بدانند مشکل چیست (مثلاً «قطع برق شهرک»؛ نام و شماره ننویسید):

# A photo, file or voice note sent at the menu (handlers/menu.py).
loose-file-photo = 🖼 عکسی که فرستادید
loose-file-voice = 🎤 پیام صوتی‌ای که فرستادید
loose-file-document = 📎 فایلی که فرستادید
loose-file-offer =
    { $what }

    آن را به‌عنوان مشکل ثبت کنیم؟
loose-file-offer-caption =
    { $what }، با متن «{ $text }»

    آن را به‌عنوان مشکل ثبت کنیم؟
loose-file-taken = 📝 فرم ثبت مشکل با همین فایل باز شد.
report-from-file = ✔️ فایل شما پیوست گزارش شد. حالا مشکل را در چند کلمه بنویسید و بعد «✅ تمام شد» را بزنید.
report-from-file-text = ✔️ فایل شما پیوست گزارش شد و متن آن آغاز شرح مشکل است. اگر توضیح، عکس یا فایل دیگری دارید بفرستید، وگرنه «✅ تمام شد» را بزنید.
report-from-file-resumed = ✔️ فایل شما به گزارشی که نیمه‌کاره مانده بود پیوست شد. اگر توضیح دیگری دارید بفرستید، وگرنه «✅ تمام شد» را بزنید.

# An album (several photos or files sent together) at the menu (handlers/menu.py): one offer.
loose-album-photos = 🖼 { $count } عکسی که فرستادید
loose-album-files = 📎 { $count } فایلی که فرستادید
loose-album-offer =
    { $what }

    آن‌ها را به‌عنوان مشکل ثبت کنیم؟
loose-album-offer-caption =
    { $what }، با متن «{ $text }»

    آن‌ها را به‌عنوان مشکل ثبت کنیم؟
loose-album-taken = 📝 فرم ثبت مشکل با همین { $count } پیوست باز شد.
report-from-album = ✔️ { $count } پیوست شما به گزارش اضافه شد. حالا مشکل را در چند کلمه بنویسید و بعد «✅ تمام شد» را بزنید.
report-from-album-text = ✔️ { $count } پیوست شما به گزارش اضافه شد و متن آن‌ها آغاز شرح مشکل است. اگر توضیح، عکس یا فایل دیگری دارید بفرستید، وگرنه «✅ تمام شد» را بزنید.
report-from-album-resumed = ✔️ { $count } پیوست شما به گزارشی که نیمه‌کاره مانده بود اضافه شد. اگر توضیح دیگری دارید بفرستید، وگرنه «✅ تمام شد» را بزنید.
