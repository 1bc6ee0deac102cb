# Proposals and joint meetings: members support, staff propose, meetings decide.

## members
command-proposals = طرح‌های خوشه
proposal-published =
    📣 پیشنهاد خوشه: { $title }
    مشکل: { $problem }
    راه‌حل پیشنهادی: { $solution }
    اگر این پیشنهاد مشکل واحد شما را هم حل می‌کند، از آن حمایت کنید؛ پیشنهادهای پرحمایت در جلسه مشترک اتاق بازرگانی و شرکت شهرک‌ها بررسی می‌شوند.
proposal-button-support = 👍 حمایت / پس گرفتن حمایت
proposal-button-comment = 💬 نظر کوتاه
proposal-supported = 👍 از «{ $title }» حمایت کردید. اکنون { $count } حامی دارد.
proposal-withdrawn = ↩️ حمایت شما از «{ $title }» پس گرفته شد. اکنون { $count } حامی دارد.
proposal-support-closed = پیشنهاد «{ $title }» دیگر حمایت تازه نمی‌پذیرد.
proposal-not-for-you = این پیشنهاد برای خوشه شما نیست.
proposal-support-first = نظر کوتاه مخصوص حامیان یک پیشنهاد باز است؛ اول «👍 حمایت» را بزنید.
proposal-ask-comment = 💬 نظر کوتاه خود را درباره «{ $title }» بنویسید (حداکثر { $limit } حرف). برای انصراف ‎/cancel را بفرستید.
proposal-comment-length = نظر را در یک پیام کوتاه بنویسید (حداکثر { $limit } حرف).
proposal-comment-saved = ✅ نظر شما ثبت شد و کارشناسان آن را کنار حمایت شما می‌بینند.
proposal-comment-cancelled = نظری ثبت نشد.
proposal-comment-timeout = نوشتن نظر نیمه‌کاره ماند و بسته شد؛ هر وقت خواستید دوباره «💬 نظر کوتاه» را بزنید.
proposal-member-none = اکنون پیشنهاد بازی برای خوشه شما نیست.

## what supporters and the members whose reports are linked are told
proposal-told-open = 📣 از گزارش شما پیشنهادی برای خوشه ساخته شد: «{ $title }». اگر با آن موافقید، حمایت کنید.
proposal-told-agenda = 🗓 پیشنهاد «{ $title }» در دستور کار جلسه «{ $meeting }» ({ $when }) قرار گرفت.
proposal-told-decided =
    ⚖️ تصمیم جلسه درباره «{ $title }»: { $outcome }
    { $text }
proposal-told-body = مسئول پیگیری: { $body }
proposal-told-due = مهلت: { $due }
proposal-told-done = ✅ تصمیم درباره «{ $title }» اجرا شد. از همراهی شما سپاسگزاریم.
proposal-decision-accepted = پذیرفته شد
proposal-decision-partial = بخشی از آن پذیرفته شد
proposal-decision-rejected = پذیرفته نشد
proposal-decision-referred = به دستگاه مسئول ارجاع شد
proposal-status-draft = پیش‌نویس
proposal-status-open = باز برای حمایت
proposal-status-agenda = در دستور جلسه
proposal-status-decided = تصمیم گرفته شد
proposal-status-done = انجام شد

## staff: the list and cards
proposal-staff-intro = 📣 پیشنهادهای خوشه‌ها: پیشنهاد تازه بنویسید؛ پیشنهادهای اخیر با حمایت‌ها و شواهدشان در پیام‌های بعدی است.
proposal-button-new = ➕ پیشنهاد تازه
proposal-card =
    📣 پیشنهاد { $number }: { $title }
    وضعیت: { $status }
    خوشه‌ها: { $clusters }
    خطاب به: { $body }
    حمایت: { $supports } ({ $by_cluster })
    شواهد: { $reports } گزارش با { $members } عضو، { $surveys } نظرسنجی، { $topics } موضوع آموزشی
proposal-card-decision = تصمیم: { $outcome } — { $text } (مهلت: { $due })
proposal-button-supporters = 👥 حامیان
proposal-button-agenda = 🗓 به دستور جلسه
proposal-button-decide = ⚖️ ثبت تصمیم
proposal-button-done = ✅ انجام شد
proposal-supporters-head = 👥 حامیان «{ $title }» ({ $count } واحد):
proposal-supporter = • { $company } — { $cluster } { $comment }
proposal-no-meetings = جلسه مشترکی منتشر نشده است. اول با ‎/new_offering یک «جلسه» تعریف کنید.
proposal-choose-meeting = «{ $title }» در دستور کدام جلسه قرار بگیرد؟
proposal-meeting-choice = { $title } — { $when }
proposal-on-agenda = 🗓 «{ $title }» در دستور جلسه قرار گرفت و به حامیان و گزارش‌دهندگانش خبر داده شد.
proposal-not-open = این پیشنهاد دیگر باز نیست.
proposal-not-on-agenda = این پیشنهاد در دستور جلسه نیست.
proposal-not-decided = هنوز درباره این پیشنهاد تصمیمی ثبت نشده است.
proposal-marked-done = ✅ «{ $title }» انجام‌شده ثبت شد و به حامیان و گزارش‌دهندگانش خبر داده شد.

## staff: writing a proposal
proposal-ask-title = 📣 عنوان پیشنهاد را بنویسید. برای انصراف ‎/cancel را بفرستید.
proposal-text-length = لطفاً متنی بین ۳ و { $limit } حرف بنویسید.
proposal-ask-problem = مشکل را شرح دهید (چه کسانی و چطور گرفتارش هستند).
proposal-ask-solution = راه‌حل پیشنهادی چیست؟
proposal-ask-body = این پیشنهاد خطاب به کدام دستگاه است؟
proposal-button-no-body = دستگاه خاصی نیست
proposal-body-chosen = دستگاه: { $body }
proposal-pick-clusters = پیشنهاد برای کدام خوشه‌هاست؟ روی هر خوشه بزنید (دست‌کم یکی).
proposal-pick-one-cluster = دست‌کم یک خوشه را انتخاب کنید.
proposal-button-clusters-done = ✔️ تأیید خوشه‌ها
proposal-clusters-chosen = ✔️ خوشه‌ها انتخاب شد.
proposal-ask-reports = کد پیگیری گزارش‌هایی را که شاهد این پیشنهادند بنویسید، با فاصله از هم (مثلاً ۴۸۲۱۰۷ ۳۹۱۵۲۰)؛ یا «بدون گزارش» را بزنید.
proposal-button-no-reports = بدون گزارش
proposal-no-reports = بدون گزارش مرتبط.
proposal-reports-unknown = این کدها پیدا نشد یا در خوشه‌های شما نیست: { $codes }. کدها را دوباره بنویسید.
proposal-ask-links = نظرسنجی‌ها و موضوع‌های آموزشی مرتبط را علامت بزنید (اختیاری)، بعد «ادامه» را بزنید.
proposal-link-survey = 📋 { $title }
proposal-link-topic = 🎓 { $title }
proposal-button-links-done = ✔️ ادامه
proposal-links-chosen = ✔️ شواهد انتخاب شد.
proposal-confirm =
    📣 پیش‌نمایش پیشنهاد «{ $title }»
    مشکل: { $problem }
    راه‌حل: { $solution }
    خطاب به: { $body }
    خوشه‌ها: { $clusters }
    شواهد: { $reports } گزارش با { $members } عضو، { $surveys } نظرسنجی، { $topics } موضوع آموزشی
    منتشر شود تا اعضای این خوشه‌ها حمایت کنند؟
proposal-button-publish = 📤 انتشار برای حمایت
proposal-published-staff = ✅ پیشنهاد { $number } («{ $title }») منتشر شد و برای اعضای خوشه‌هایش فرستاده می‌شود. با ‎/proposals حمایت‌ها را ببینید.
proposal-form-cancelled = چیزی ثبت نشد.
proposal-form-timeout = فرم پیشنهاد نیمه‌کاره ماند و بسته شد. با ‎/proposals از نو شروع کنید.

## staff: recording a decision
proposal-ask-outcome = ⚖️ جلسه درباره «{ $title }» چه تصمیمی گرفت؟
proposal-outcome-chosen = تصمیم: { $outcome }
proposal-ask-decision-text = متن تصمیم را همان‌طور که در صورت‌جلسه آمده بنویسید.
proposal-ask-decision-body = کدام دستگاه مسئول اجرای آن است؟
proposal-ask-due = مهلت اجرا کی است؟ تاریخ را بنویسید (مثلاً { $example }) یا «بدون مهلت» را بزنید.
proposal-button-no-due = بدون مهلت
proposal-confirm-decision =
    ⚖️ تصمیم درباره «{ $title }»: { $outcome }
    { $text }
    مسئول: { $body }
    مهلت: { $due }
    ثبت شود؟ به همه حامیان و گزارش‌دهندگان مرتبط خبر داده می‌شود و گزارش‌های مرتبط به دستگاه مسئول ارجاع می‌شوند.
proposal-button-record-decision = ⚖️ ثبت تصمیم
proposal-decision-recorded = ⚖️ تصمیم درباره «{ $title }» ثبت شد و به حامیان و گزارش‌دهندگان خبر داده می‌شود.

## joint meetings
meeting-head = 🗓 جلسه «{ $title }» — { $when } — { $count } پیشنهاد در دستور:
meeting-item = { $number }. { $title } ({ $status })
meeting-button-pack = 📦 بسته پیشنهادها (اکسل)
meeting-agenda-empty = دستور این جلسه هنوز خالی است.
meeting-pack-caption = 📦 بسته پیشنهادهای جلسه «{ $title }» ({ $count } پیشنهاد)
meeting-col-order = ردیف
meeting-col-title = عنوان
meeting-col-clusters = خوشه‌ها
meeting-col-problem = مشکل
meeting-col-solution = راه‌حل
meeting-col-body = خطاب به
meeting-col-supports = حامیان
meeting-col-by_cluster = حامیان به تفکیک خوشه
meeting-col-reports = گزارش‌های مرتبط
meeting-col-members = اعضای گزارش‌دهنده
meeting-col-surveys = نظرسنجی‌ها
meeting-col-topics = موضوع‌های آموزشی
meeting-col-status = وضعیت
meeting-col-decision = تصمیم
meeting-col-due = مهلت
meeting-col-due_gregorian = مهلت (میلادی)

## in the weekly digests
digest-member-proposals = 📣 پیشنهادهای باز خوشه شما برای حمایت:
digest-member-proposal = • { $title } ({ $count } حامی)
digest-staff-proposals = 📣 پیشنهادهای باز: { $open }، در دستور جلسه: { $agenda }
digest-staff-overdue-decisions = ⏰ تصمیم‌های جلسه که مهلتشان گذشته است:
digest-staff-overdue-decision = • { $title } — مهلت { $due } ({ $body })
proposal-button-save-draft = 💾 ذخیره به‌صورت پیش‌نویس
proposal-saved-draft = 💾 پیشنهاد { $number } («{ $title }») پیش‌نویس ماند و برای کسی فرستاده نشد. هر وقت آماده بود، در ‎/proposals «📤 انتشار برای حمایت» را بزنید.
proposal-not-draft = این پیشنهاد دیگر پیش‌نویس نیست.

## reports on a meeting's agenda by themselves
meeting-item-report-open = { $number }. گزارش { $code }: { $summary } ({ $status })
meeting-item-report-decided = { $number }. گزارش { $code }: { $summary } ({ $status }؛ تصمیم ثبت شد)
meeting-button-add-report = ➕ گزارش به دستور جلسه
meeting-button-decide-report = ⚖️ تصمیم: گزارش { $code }
meeting-ask-report = کد پیگیری گزارشی را که باید در دستور جلسه «{ $title }» بیاید بنویسید. برای انصراف ‎/cancel را بفرستید.
meeting-report-added = 🗓 گزارش { $code } در دستور جلسه قرار گرفت و به اعضای آن خبر داده می‌شود.
meeting-report-there = گزارش { $code } از قبل در دستور این جلسه است.
meeting-report-ask-decision = ⚖️ جلسه درباره گزارش { $code } («{ $summary }») چه تصمیمی گرفت؟ متن تصمیم را همان‌طور که در صورت‌جلسه آمده بنویسید.
meeting-report-confirm-decision =
    ⚖️ تصمیم درباره گزارش { $code } («{ $summary }»):
    { $text }
    مسئول: { $body }
    مهلت: { $due }
    ثبت شود؟ به اعضای گزارش خبر داده می‌شود و اگر دستگاهی نام برده شده، گزارش به آن ارجاع می‌شود.
meeting-report-decision-recorded = ⚖️ تصمیم درباره گزارش { $code } ثبت شد و به اعضای آن خبر داده می‌شود.
meeting-report-decided-already = تصمیم این گزارش پیش‌تر ثبت شده است.
meeting-report-told-agenda = 🗓 گزارش شما با کد { $code } در دستور کار جلسه «{ $meeting }» ({ $when }) قرار گرفت.
meeting-report-told-decided =
    ⚖️ تصمیم جلسه «{ $meeting }» درباره گزارش شما با کد { $code }:
    { $text }
meeting-pack-report = گزارش { $code }
