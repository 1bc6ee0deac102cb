# Surveys: composing (staff), answering (members), results.

## the invitation and answering
command-surveys = نظرسنجی‌های باز
survey-invite =
    📋 نظرسنجی: { $title }
    لطفاً به چند پرسش کوتاه با دکمه‌ها پاسخ دهید. تا { $closes } می‌توانید پاسخ‌ها را تغییر دهید.
survey-button-answer = 📝 پاسخ می‌دهم
survey-question =
    📋 { $title }
    پرسش { $number } از { $total }:
    { $text }
    { $hint }
survey-hint-single = یکی را انتخاب کنید.
survey-hint-multi = هر چند گزینه که درست است علامت بزنید، بعد «✔️ ثبت و بعدی» را بزنید.
survey-hint-scale = از ۱ (خیلی کم) تا ۵ (خیلی زیاد) انتخاب کنید.
survey-hint-number = یک عدد بنویسید.
survey-hint-text = پاسخ را در یک پیام بنویسید.
survey-current-answer = پاسخ فعلی شما: { $answer }
survey-button-next = ✔️ ثبت و بعدی
survey-answered = ✅ { $text }
    پاسخ شما: { $answer }
survey-resuming = ادامه نظرسنجی از اولین پرسش بی‌پاسخ؛ پاسخ‌های قبلی شما ثبت شده است.
survey-summary = ✅ پاسخ‌های شما به «{ $title }»:
survey-summary-line = { $number }. { $text } — { $answer }
survey-summary-change = تا { $closes } می‌توانید هر پاسخ را با دکمه‌های زیر تغییر دهید. سپاس از وقتی که گذاشتید.
survey-button-change = ✏️ پرسش { $number }
survey-pick-one = دست‌کم یک گزینه را علامت بزنید.
survey-number-please = لطفاً فقط یک عدد بنویسید (مثلاً ۲۵۰).
survey-text-length = پاسخ را در یک پیام متنی بنویسید (حداکثر { $limit } حرف).
survey-use-buttons = برای این پرسش یکی از دکمه‌ها را بزنید.
survey-use-text = پاسخ این پرسش را به صورت متن بنویسید.
survey-paused = پاسخ‌هایتان تا اینجا ثبت شد. هر وقت خواستید دکمه «📝 پاسخ می‌دهم» زیر دعوت‌نامه را بزنید تا از همان جا ادامه دهید.
survey-form-timeout = نظرسنجی نیمه‌کاره ماند. پاسخ‌هایتان ثبت شده است؛ با دکمه «📝 پاسخ می‌دهم» از همان جا ادامه دهید.
survey-not-for-you = این نظرسنجی از شما پرسیده نشده است.
survey-not-open-yet = نظرسنجی «{ $title }» هنوز شروع نشده است.
survey-closed = نظرسنجی «{ $title }» بسته شده است و پاسخ تازه نمی‌پذیرد.
survey-member-none = اکنون نظرسنجی بازی برای شما نیست.
survey-member-list = 📋 نظرسنجی‌های باز برای شما (برای پاسخ دادن یا ادامه، روی هر کدام بزنید):

## staff: the list, results and export
survey-staff-intro = 📋 نظرسنجی‌ها: یک نظرسنجی تازه بسازید یا از یک الگوی آماده شروع کنید. نظرسنجی‌های اخیر در پیام‌های بعدی است.
survey-button-new = ➕ نظرسنجی تازه
survey-template-tech_needs = 🧰 الگو: نیازهای فناوری
survey-template-satisfaction = 🧰 الگو: رضایت از آموزش
survey-template-title-tech_needs = نیازهای فناوری واحد شما در سال آینده
survey-template-title-satisfaction = رضایت از آموزش
survey-staff-item-open = 🟢 نظرسنجی { $number }: { $title }
    باز تا { $closes } — { $answers } پاسخ‌دهنده
survey-staff-item-waiting = ⏳ نظرسنجی { $number }: { $title }
    از { $opens } تا { $closes } — { $answers } پاسخ‌دهنده
survey-staff-item-closed = ⏹ نظرسنجی { $number }: { $title }
    بسته شد — { $answers } پاسخ‌دهنده
survey-button-results = 📊 نتیجه
survey-button-export = 📥 اکسل
survey-button-close = ⏹ بستن
survey-button-close-yes = ⏹ بله، بسته شود
survey-confirm-close = نظرسنجی «{ $title }» بسته شود؟ پس از آن کسی نمی‌تواند پاسخ دهد یا پاسخش را تغییر دهد.
survey-already-closed = این نظرسنجی پیش‌تر بسته شده است.
survey-closed-now = ⏹ نظرسنجی «{ $title }» بسته شد.
survey-results-head =
    📊 نتیجه نظرسنجی «{ $title }»
    پاسخ‌دهندگان: { $respondents } (کامل: { $complete })
    به تفکیک خوشه: { $clusters }
survey-result-question = { $number }. { $text } ({ $answered } پاسخ)
survey-result-option = • { $option }: { $count } ({ $percent }٪)
survey-result-cluster = ◦ { $cluster }: { $counts }
survey-result-mean = میانگین: { $mean }
survey-result-range = کمترین { $low }، بیشترین { $high }
survey-result-themes = موضوع‌های تکراری: { $themes }
survey-result-theme = { $word } ({ $count })
survey-result-sample = « { $text } »
survey-chart-title = نظرسنجی: { $title }
survey-chart-caption = 📊 نمودار پاسخ‌های «{ $title }»
survey-no-answers = هنوز کسی پاسخ نداده است.
survey-export-caption = 📥 پاسخ‌های نظرسنجی «{ $title }» ({ $count } پاسخ‌دهنده)
survey-col-company = واحد
survey-col-cluster = خوشه
survey-col-complete = کامل
survey-col-updated = آخرین پاسخ
survey-col-updated_gregorian = آخرین پاسخ (میلادی)
survey-yes = بله
survey-no = خیر

## staff: composing
survey-ask-title = 📋 عنوان نظرسنجی را بنویسید (مثلاً «نیاز به نرم‌افزار حسابداری»). برای انصراف ‎/cancel را بفرستید.
survey-title-length = عنوان را در یک پیام کوتاه بنویسید (بین ۳ و { $limit } حرف).
survey-ask-kind = پرسش { $number } (حداکثر { $limit } پرسش) از چه نوعی است؟
survey-kind-single = یک گزینه‌ای
survey-kind-multi = چندگزینه‌ای
survey-kind-scale = امتیاز ۱ تا ۵
survey-kind-number = عدد
survey-kind-text = متن آزاد
survey-kind-chosen = نوع پرسش: { $kind }
survey-button-questions-done = ✔️ پرسش‌ها کامل است
survey-too-many = بیش از { $limit } پرسش نمی‌شود.
survey-ask-question = متن پرسش را بنویسید.
survey-question-length = متن پرسش را در یک پیام بنویسید (بین ۳ و { $limit } حرف).
survey-ask-options = گزینه‌ها را بنویسید، هر گزینه در یک خط (از { $low } تا { $high } گزینه).
survey-options-bad = هر گزینه را در یک خط بنویسید: از { $low } تا { $high } گزینه، هر کدام حداکثر { $limit } حرف.
survey-questions-written = ✔️ پرسش‌ها نوشته شد.
survey-template-loaded =
    🧰 الگوی «{ $title }» با این پرسش‌ها آماده است:
    { $list }
survey-audience-card =
    👥 این نظرسنجی از چه کسانی پرسیده شود؟

    🧩 خوشه‌ها: { $clusters }
    📍 شهرک‌ها: { $estates }
    💼 نقش‌ها: { $roles }
    📱 پیام‌رسان: { $platforms }

    { $count ->
        [0] با این انتخاب‌ها کسی پرسیده نمی‌شود.
       *[other] تعداد پرسیده‌شدگان: { $count } نفر
    }
survey-audience-chosen = 👥 این نظرسنجی به { $count } عضو می‌رسد.
survey-ask-opens = نظرسنجی از کی باز شود؟ «همین حالا» را بزنید یا تاریخ و ساعت را بنویسید (مثلاً { $example }).
survey-button-open-now = ▶️ همین حالا
survey-opens-now = ▶️ نظرسنجی با انتشار باز می‌شود.
survey-ask-closes = باز از { $opens }. تا کی پاسخ پذیرفته شود؟ تاریخ و ساعت بستن را بنویسید (مثلاً { $example }).
survey-closes-before-opens = زمان بستن باید بعد از باز شدن ({ $opens }) باشد. دوباره بنویسید.
survey-closes-passed = زمان بستن گذشته است؛ نظرسنجی را از نو بسازید.
survey-opens-on-publish = همین حالا
survey-summary-question = { $number }. [{ $kind }] { $text }
survey-confirm =
    📋 پیش‌نمایش نظرسنجی «{ $title }»
    { $questions }
    مخاطبان: { $count } عضو
    باز شدن: { $opens }
    بستن: { $closes }
    منتشر شود؟
survey-button-publish = 📤 انتشار
survey-published = ✅ نظرسنجی { $number } («{ $title }») منتشر شد؛ دعوت‌نامه برای { $count } عضو فرستاده می‌شود. نتیجه را با ‎/surveys ببینید.
survey-form-cancelled = نظرسنجی منتشر نشد.
survey-compose-timeout = ساختن نظرسنجی نیمه‌کاره ماند و بسته شد. با ‎/surveys از نو شروع کنید.
survey-type-text = اینجا باید متن بنویسید.

## the ready templates: technological needs of a unit, satisfaction after a training
survey-tpl-tech-technologies = واحد شما در سال آینده به کدام فناوری‌ها بیشتر نیاز دارد؟
    .options =
        اتوماسیون و رباتیک
        هوش مصنوعی و تحلیل داده
        نرم‌افزار (حسابداری، فروش، تولید)
        ماشین‌آلات و تجهیزات نو
        انرژی و کاهش مصرف
        آزمایشگاه و کنترل کیفیت
survey-tpl-tech-skills = کارکنان شما به کدام مهارت‌ها نیاز دارند؟
    .options =
        فنی و تعمیرات
        نرم‌افزار و کار با رایانه
        بازاریابی و فروش
        مدیریت و برنامه‌ریزی
        صادرات و زبان خارجی
survey-tpl-tech-machines = مهم‌ترین دستگاه یا نرم‌افزاری که واحد شما لازم دارد چیست؟
survey-tpl-tech-budget = برای این نیازها در سال آینده حدود چند میلیون تومان می‌توانید هزینه کنید؟
survey-tpl-tech-obstacle = بزرگ‌ترین مانع شما برای تأمین این نیازها چیست؟
    .options =
        نبود سرمایه یا وام
        نبود نیروی متخصص
        نشناختن تأمین‌کننده مناسب
        تحریم و ارز
        مجوزها و مقررات
survey-tpl-tech-obstacle-more = درباره موانع یا نیازهایتان اگر توضیحی دارید بنویسید.
survey-tpl-sat-overall = روی‌هم‌رفته از این آموزش چقدر راضی بودید؟
survey-tpl-sat-useful = محتوای آموزش چقدر به کار واحد شما می‌آید؟
survey-tpl-sat-teacher = مدرس را چطور ارزیابی می‌کنید؟
survey-tpl-sat-recommend = این آموزش را به همکاران خود پیشنهاد می‌کنید؟
    .options =
        بله
        شاید
        نه
survey-tpl-sat-better = چه چیزی را در آموزش‌های بعدی بهتر کنیم؟

## in the weekly digests
digest-member-surveys = 📋 نظرسنجی‌های باز برای شما:
digest-member-survey = • { $title } — تا { $closes }
survey-button-answer-titled = 📝 نظرسنجی: { $title }
digest-staff-surveys = 📋 نظرسنجی‌های باز:
digest-staff-survey = • { $title }: { $answers } پاسخ‌دهنده، تا { $closes }
survey-pick-training = یا از ثبت‌نامی‌های یک آموزش یا رویداد بپرسید (مثلاً برای نظرسنجی رضایت):
survey-button-training = 👥 ثبت‌نامی‌های «{ $title }»

# The delivery of a survey's invitation, told to its composer as a broadcast's is.
survey-invite-progress =
    📤 دعوت نظرسنجی «{ $title }» در حال ارسال…
    رسیده: { $sent } از { $total }
    ناموفق: { $failed } · ربات را مسدود کرده‌اند: { $blocked } · در دسترس نیستند: { $left }
survey-invite-progress-done =
    ✅ ارسال دعوت نظرسنجی «{ $title }» تمام شد.
    رسیده: { $sent } از { $total }
    ناموفق: { $failed } · ربات را مسدود کرده‌اند: { $blocked } · در دسترس نیستند: { $left }
survey-invite-report =
    📊 گزارش ارسال دعوت نظرسنجی «{ $title }»
    پرسیده‌شدگان: { $total }
    ✅ رسیده: { $sent }
    ⚠️ ناموفق: { $failed }
    🚫 ربات را مسدود کرده‌اند: { $blocked }
    👋 در دسترس نیستند: { $left }
survey-invite-failed-list-caption = فهرست اعضایی که دعوت نظرسنجی «{ $title }» به آن‌ها نرسید ({ $count } نفر).
