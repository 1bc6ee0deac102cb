# Advisory cores (issue 17): /cores, advisers, members' requests, sessions.

command-consult = درخواست مشاوره
role-adviser = مشاور هسته
admin-grant-needs-core = برای نقش مشاور، شماره یک هسته را بنویسید (شماره‌ها در ‎/cores هست). مثال: ‎/grant 123456 adviser 1
admin-granted-adviser = کاربر { $user } مشاور «{ $core }» شد.

cores-none = هنوز هسته مشاوره‌ای تعریف نشده است.
cores-list =
    هسته‌های مشاوره:

    { $lines }
cores-line =
    { $number }. { $name }
    { $description }
    دسته‌ها: { $categories }
    کلیدواژه‌ها: { $keywords }
    گروه: { $group }
    مشاوران: { $advisers }
cores-button-new = ➕ هسته تازه
cores-button-edit = ✏️ هسته { $number }
cores-button-keep = همین بماند
cores-button-no-keywords = بدون کلیدواژه
cores-button-no-group = بدون گروه
cores-button-topics-done = ✅ دسته‌ها انتخاب شد
cores-button-save = ✅ ذخیره
cores-ask-name = نام هسته را بنویسید، مثلاً «هسته مشاوره بازاریابی و صادرات».
cores-ask-description = توضیح کوتاهی درباره کار این هسته بنویسید.
cores-ask-topics = این هسته به کدام دسته‌های مشکلات می‌پردازد؟ روی هر دسته بزنید تا انتخاب یا حذف شود.
cores-ask-keywords =
    کلیدواژه‌های دیگر این هسته را با «،» جدا کنید، مثلاً «هوش مصنوعی، اتوماسیون».
    فعلی: { $current }
cores-ask-group = اگر این هسته گروه دارد، شناسه گروه را بفرستید (عددی منفی، مثل ‎-100123456). درخواست‌های تازه به آن گروه هم می‌رود.
cores-bad-name = نام هسته باید بین ۱ تا ۸۰ حرف باشد.
cores-bad-group = شناسه گروه باید عددی منفی باشد، مثل ‎-100123456.
cores-confirm =
    بررسی کنید:
    نام: { $name }
    توضیح: { $description }
    دسته‌ها: { $categories }
    کلیدواژه‌ها: { $keywords }
    گروه: { $group }
cores-name-taken = هسته دیگری با همین نام هست. نام دیگری بنویسید.
cores-saved = هسته «{ $name }» ذخیره شد.
cores-grant-hint = هسته «{ $name }» ذخیره شد. برای افزودن مشاور به این هسته: ‎/grant شناسه‌کاربر adviser { $number }
cores-cancelled = تعریف هسته لغو شد.
cores-form-timeout = فرم هسته مدتی بی‌پاسخ ماند و بسته شد. دوباره ‎/cores را بفرستید.

menu-consult = 💡 درخواست مشاوره
consult-no-cores = هنوز هسته مشاوره‌ای راه نیفتاده است. به‌زودی از همین‌جا می‌توانید از مشاوران استان بپرسید.
consult-ask =
    سؤال یا موضوعی را که در آن مشاوره می‌خواهید با کلمات خودتان بنویسید. عکس، فایل و پیام صوتی هم می‌توانید بفرستید.
    در پایان «✅ تمام شد» را بزنید.
consult-resume = سؤال نیمه‌تمامتان نگه داشته شده است. ادامه دهید، یا «✅ تمام شد» را بزنید.
consult-received = ✔️ دریافت شد ({ $messages } پیام{ $files ->
        [0] {""}
       *[other] ، { $files } فایل
    }). اگر توضیح دیگری دارید بفرستید، وگرنه «✅ تمام شد» را بزنید.
consult-need-words = لطفاً سؤالتان را در چند کلمه هم بنویسید تا به هسته درست برسد.
consult-ask-core = به نظر می‌رسد سؤال شما برای «{ $core }» است (از روی { $words }). درست است؟ اگر نه، هسته دیگری را انتخاب کنید.
consult-ask-core-none = کدام هسته مشاوره به سؤال شما نزدیک‌تر است؟
consult-ask-core-all = هسته مشاوره را انتخاب کنید:
consult-button-all-cores = 📋 هسته‌های دیگر
consult-confirm =
    درخواست مشاوره شما:
    هسته: { $core }
    { $question }
    پیوست: { $files } فایل
    ارسال شود؟
consult-button-send = ✅ ارسال درخواست
consult-button-other-core = 🔁 هسته دیگر
consult-sent-short = ✔️ ارسال شد
consult-filed =
    درخواست مشاوره شما برای «{ $core }» ثبت شد. 🌱 کد پیگیری: { $code }
    پاسخ مشاور همین‌جا به شما می‌رسد.
consult-cancel-pressed = ✔️ انصراف
consult-cancelled = درخواست مشاوره لغو شد.
consult-form-timeout = درخواست مشاوره شما مدتی بی‌پاسخ ماند. متنش نگه داشته شده؛ با «💡 درخواست مشاوره» ادامه دهید.
consult-answer-ask = پاسخ خود به مشاور (درخواست { $code }) را بنویسید یا فایل بفرستید.
consult-answer-sent = ✔️ پاسخ شما برای مشاور فرستاده شد.
consult-answer-cancelled = پاسخی فرستاده نشد.
consult-answer-timeout = پاسخ به مشاور فرستاده نشد؛ هر وقت خواستید دوباره دکمه «✍️ پاسخ به مشاور» را بزنید.
consult-button-answer = ✍️ پاسخ به مشاور
consult-member-taken = 🙋 یکی از مشاوران درخواست { $code } شما را برداشت و به‌زودی پاسخ می‌دهد.
consult-adviser-said =
    💬 پاسخ مشاور به درخواست { $code }:
    { $text }
consult-member-handed = درخواست { $code } شما به «{ $core }» سپرده شد تا مشاوران آن پاسخ دهند.

consult-card =
    💡 درخواست مشاوره { $code }
    هسته: { $core }
    از: { $name }، { $company } (خوشه { $cluster })
    { $question }
    پیوست: { $files } فایل
consult-button-take = 🙋 برمی‌دارم
consult-button-reply = ✍️ پاسخ
consult-button-hand = ↪️ به هسته دیگر
consult-member-said =
    💬 پاسخ عضو در درخواست { $code }:
    { $text }
consult-not-your-core = این درخواست برای هسته‌ای است که شما مشاورش نیستید.
consult-taken-by-you = درخواست را برداشتید.
consult-yours-already = این درخواست از قبل با شماست.
consult-taken-already = مشاور دیگری این درخواست را برداشته است.
consult-taken-note = 🙋 درخواست { $code } را { $name } برداشت.
consult-reply-ask = پاسخ خود به درخواست { $code } را بنویسید یا فایل بفرستید. متنی که با # شروع شود یادداشت داخلی است و به عضو نمی‌رسد.
consult-reply-relayed = ✔️ پاسخ شما برای عضو فرستاده شد.
consult-note-kept = 📝 یادداشت در سابقه درخواست ماند و به عضو نرسید.
consult-hand-ask = درخواست { $code } به کدام هسته سپرده شود؟
consult-hand-nowhere = هسته دیگری نیست، یا این درخواست دیگر باز نیست.
consult-hand-not-now = این درخواست دیگر باز نیست یا همین حالا در آن هسته است.
consult-handed = درخواست { $code } به «{ $core }» سپرده شد.
consult-button-offer = 📅 پیشنهاد وقت
consult-button-close = ✅ پایان

consult-advisers-only = این دستور برای مشاوران هسته‌هاست.
consult-slots-none = وقت آزادی در پیش ندارید.
consult-slots-list =
    وقت‌های پیش رو:
    { $lines }
consult-button-new-slots = ➕ وقت تازه
consult-slot-line = • { $when }، { $minutes } دقیقه، { $mode }: { $place }
consult-mode-in_person = حضوری
consult-mode-online = برخط
consult-slot-ask-when =
    چه وقتی آزادید؟ یک وقت، یک بازه یا الگوی هفتگی بنویسید، مثلاً:
    «۱۴۰۵/۹/۲۰ ساعت ۱۰»
    «فردا ۱۶ تا ۱۸، جلسات ۳۰ دقیقه‌ای»
    «یکشنبه‌ها ۱۰ تا ۱۲، جلسات ۳۰ دقیقه‌ای» (برای چهار هفته)
consult-minutes = { $minutes } دقیقه
consult-slot-ask-length = هر جلسه چند دقیقه باشد؟
consult-slot-ask-mode = جلسه حضوری است یا برخط؟
consult-slot-ask-place = نشانی محل جلسه را بنویسید.
consult-slot-ask-link = پیوند جلسه برخط را بفرستید.
consult-slot-ask-core = این وقت‌ها برای کدام هسته است؟
consult-slot-when = • { $when }
consult-slot-confirm =
    { $count } جلسه { $minutes } دقیقه‌ای، { $mode }: { $place }
    { $lines }
    منتشر شود؟
consult-slot-too-short = این بازه از یک جلسه کوتاه‌تر است. وقت دیگری بنویسید.
consult-slot-bad-place = نشانی یا پیوند باید کوتاه‌تر از ۳۰۰ حرف باشد.
consult-slots-saved = ✔️ { $count } وقت منتشر شد. زیر هر درخواست با «📅 پیشنهاد وقت» آن‌ها را به عضو پیشنهاد دهید.
consult-slots-cancelled = وقتی منتشر نشد.
consult-slots-timeout = فرم وقت‌ها مدتی بی‌پاسخ ماند و بسته شد. دوباره ‎/slots را بفرستید.
consult-no-open-slots = این هسته وقت آزادی ندارد. اول با ‎/slots وقت منتشر کنید.
consult-slots-offered = وقت‌های آزاد برای عضو فرستاده شد.
consult-slot-button = 📅 { $when }
consult-slots-for-you =
    برای درخواست { $code } می‌توانید یکی از این وقت‌ها را رزرو کنید:
    { $lines }
consult-slot-gone = این وقت همین حالا رزرو شد. وقت دیگری را انتخاب کنید.
consult-booked-short = ✔️ رزرو شد
consult-session-title = جلسه مشاوره { $core }
consult-button-cancel-session = ❌ لغو جلسه
consult-session-booked =
    ✅ جلسه مشاوره شما برای درخواست { $code } رزرو شد:
    { $slot }
    یک روز و یک ساعت پیش از آن یادآوری می‌شود. فایل تقویم را در پیام بعد می‌بینید.
consult-session-ics = 📅 فایل تقویم جلسه { $when }
consult-session-booked-adviser =
    📅 { $name } برای درخواست { $code } جلسه رزرو کرد:
    { $slot }
consult-session-moved-adviser =
    🔁 { $name } جلسه درخواست { $code } را جابه‌جا کرد. وقت تازه:
    { $slot }
consult-session-cancelled-adviser =
    ❌ { $name } جلسه درخواست { $code } را لغو کرد:
    { $slot }
consult-session-cancelled-member =
    ❌ مشاور جلسه درخواست { $code } را لغو کرد:
    { $slot }
    به‌زودی وقت دیگری پیشنهاد می‌شود.
consult-session-not-booked = این جلسه دیگر رزرو نیست.
consult-session-cancelled-short = ❌ جلسه لغو شد.
consult-session-reminder =
    ⏰ یادآوری: «{ $title }»
    🕒 { $when }
    📍 { $place }
consult-closed-short = درخواست بسته شد و از عضو نظرش پرسیده می‌شود.
consult-rate-ask = آیا این مشاوره کمکتان کرد؟ (درخواست { $code }) از ۱ تا ۵ امتیاز دهید.
consult-rated = ✔️ سپاس! امتیاز شما: { $score }
consult-rated-already = امتیاز این مشاوره را قبلاً داده‌اید.

consult-button-to-report = 📝 تبدیل به گزارش
consult-button-to-report-yes = ✅ بله، گزارش شود
consult-to-report-ask = درخواست { $code } مشکلی برای شرکت شهرک‌ها است؟ با تأیید، گزارشی با همین متن، پیوست‌ها و سابقه ثبت می‌شود و درخواست بسته می‌شود.
consult-to-report-not-now = این درخواست قبلاً گزارش شده یا از یک گزارش آمده است.
consult-to-report-closed = این درخواست بسته شده است؛ گزارشی از آن ثبت نمی‌شود.
consult-turned = ✔️ درخواست { $code } به گزارش { $report } تبدیل شد.
consult-became-report =
    درخواست مشاوره { $code } شما به‌عنوان مشکل به کارشناسان سپرده شد. کد پیگیری گزارش: { $report }
    وضعیتش را با ‎/track { $report } ببینید.
consult-from-report-usage = روش استفاده: کد گزارش و شماره هسته. مثال: ‎/to_consultation ۴۸۲۱۰۷ ۲
consult-from-report-closed = گزارش { $report } «{ $status }» است؛ فقط گزارش باز به هسته مشاوره می‌رود.
consult-from-report-member = گزارش { $report } شما برای مشاوره به «{ $core }» سپرده شد. کد درخواست مشاوره: { $code }
consult-from-report-done = ✔️ گزارش { $report } به درخواست مشاوره { $code } در «{ $core }» تبدیل شد و سابقه‌اش همراهش رفت.

consult-list =
    💡 درخواست‌های مشاوره
    { $figures }

    { $shown } از { $total } درخواست:
    { $lines }
consult-list-empty = درخواستی با این فیلترها نیست.
consult-figures-line = • { $core }: { $requests } درخواست، { $open } باز، پاسخ اول به‌طور میانگین پس از { $hours } ساعت، { $held } جلسه برگزارشده، امتیاز { $rating } ({ $ratings } نظر)
consult-list-line = { $overdue ->
        [1] ⚠️ {""}
       *[other] {""}
    }{ $code } · { $core } · { $status } · { $name }، { $company } · { $date }
consult-status-new = تازه
consult-status-taken = برداشته‌شده
consult-status-answered = پاسخ‌داده
consult-status-closed = بسته
consult-status-withdrawn = پس‌گرفته
consult-status-to_report = گزارش‌شده
consult-filter-all-cores = همه هسته‌ها
consult-filter-all = همه
consult-filter-open = باز
consult-filter-new = تازه
consult-filter-taken = برداشته‌شده
consult-filter-answered = پاسخ‌داده
consult-filter-closed = بسته
consult-filter-to_report = گزارش‌شده
consult-age-0 = همه زمان‌ها
consult-age-7 = ۷ روز اخیر
consult-age-30 = ۳۰ روز اخیر
consult-button-export = 📊 اکسل
consult-export-coming = فایل اکسل آماده می‌شود…
consult-export-caption = درخواست‌های مشاوره: { $count } ردیف
consult-col-code = کد
consult-col-core = هسته
consult-col-status = وضعیت
consult-col-member = عضو
consult-col-company = واحد
consult-col-cluster = خوشه
consult-col-created = تاریخ درخواست
consult-col-created-date = تاریخ درخواست (میلادی)
consult-col-answered = پاسخ اول
consult-col-answered-date = پاسخ اول (میلادی)
consult-col-sessions = جلسه
consult-col-rating = امتیاز
consult-col-question = سؤال
consult-overdue =
    ⚠️ درخواست مشاوره { $code } ({ $core }) از { $name } (خوشه { $cluster }) { $days } روز کاری است که بی‌پاسخ مانده است.
    مشاوران هسته: لطفاً آن را بردارید و پاسخ دهید.

digest-consult-member = 💡 { $count } درخواست مشاوره باز دارید:
digest-consult-member-line = • { $code }: { $summary } ({ $status })
digest-consult-staff = 💡 هسته‌های مشاوره:
digest-consult-staff-line = • { $core }: { $new } درخواست تازه، { $open } باز، پاسخ اول { $hours } ساعت، { $held } جلسه، امتیاز { $rating }

help-adviser =
    دستورهای مشاوران هسته:
    • درخواست‌ها به‌صورت کارت به شما (و گروه هسته، اگر باشد) می‌رسد: «🙋 برمی‌دارم»، «✍️ پاسخ» (پاسخی که با # شروع شود یادداشت داخلی است و به عضو نمی‌رسد)، «📅 پیشنهاد وقت»، «✅ پایان»، «↪️ به هسته دیگر» و «📝 تبدیل به گزارش»
    • انتشار وقت‌های آزاد، یک‌باره یا هفتگی («یکشنبه‌ها ۱۰ تا ۱۲، جلسات ۳۰ دقیقه‌ای»): ‎/slots
    • درخواست‌های هسته‌های شما، با آمار، فیلتر و اکسل: ‎/consultations

consult-button-share-phone = 📞 شماره‌ام را به مشاور بدهید
consult-phone-shared = شماره شما برای تماس به مشاور داده شد.
consult-phone-shared-adviser = 📞 { $name } برای درخواست { $code } شماره‌اش را برای تماس فرستاد: { $phone }
consult-button-comment = 💬 افزودن نظر
consult-comment-ask = نظرتان درباره این مشاوره را بنویسید.
consult-comment-kept = ✔️ نظر شما ثبت شد. سپاس!
consult-comment-adviser =
    💬 نظر عضو درباره درخواست { $code }:
    { $text }

consult-mine =
    درخواست‌های مشاوره اخیر شما:
    { $lines }
consult-mine-line = • { $code } · { $core } · { $status }: { $summary }
consult-track =
    💡 درخواست مشاوره شما:
    { $lines }
consult-button-files = 📎 پیوست‌ها ({ $count })
consult-file-caption = 📎 درخواست { $code }، پیوست { $number } از { $total }
consult-file-elsewhere = { $caption }: این فایل در { $platform } فرستاده شده و فقط همان‌جا دیده می‌شود.
consult-file-failed = { $caption } فرستاده نشد. کمی بعد دوباره «📎 پیوست‌ها» را بزنید.
