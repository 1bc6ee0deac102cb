# Trainings and events (offerings): members browse and sign up; staff publish and manage.

# Sent through the outbox, rendered in each recipient's language.
offering-announce =
    🎓 آموزش / رویداد تازه: { $title }
    🕒 { $when }
    📍 { $place }
    برای دیدن جزئیات و ثبت‌نام، دکمه زیر را بزنید.
offering-reminder =
    ⏰ یادآوری: «{ $title }»
    🕒 { $when }
    📍 { $place }
    منتظر حضور شما هستیم.
offering-cancelled-notice =
    ❌ «{ $title }» ({ $when }) لغو شد.
    ثبت‌نام شما هم خودبه‌خود لغو شد. از همراهی‌تان سپاس‌گزاریم.
offering-changed-notice =
    ✏️ تغییر در «{ $title }»:
    🕒 { $when }
    📍 { $place }
offering-button-view = 📄 جزئیات و ثبت‌نام

menu-offerings = 🎓 آموزش‌ها و رویدادها

offering-kind-course = دوره آموزشی
offering-kind-workshop = کارگاه آموزشی
offering-kind-exhibition = نمایشگاه
offering-kind-conference = همایش
offering-kind-meeting = نشست مشترک

offering-list-title = 🎓 آموزش‌ها و رویدادهای پیش رو برای خوشه شما:
offering-list-item =
    • { $title }
      🕒 { $when } — { $seats }
offering-list-empty = فعلاً آموزش یا رویدادی برای خوشه شما در پیش نیست. برنامه‌های تازه را خبر می‌دهیم.
offering-seats-left = { $seats } جای خالی
offering-seats-unlimited = بدون محدودیت ظرفیت
offering-seats-full = { $waiting ->
        [0] ظرفیت تکمیل است
       *[other] ظرفیت تکمیل است؛ { $waiting } نفر در فهرست انتظارند
    }
offering-card =
    { $kind }: { $title }
    🕒 { $when }
    📍 { $place }
    👥 { $seats }
    ⏳ مهلت ثبت‌نام: { $closes }
offering-card-ends = 🏁 پایان: { $ends }
offering-you-are-confirmed = ✅ ثبت‌نام شما قطعی است.
offering-you-are-waitlisted = ⏳ شما در فهرست انتظار هستید؛ نوبت شما: { $position }
offering-closed = مهلت ثبت‌نام تمام شده است.

offering-button-join = ✍️ ثبت‌نام
offering-button-join-waitlist = ⏳ ورود به فهرست انتظار
offering-button-join-yes = ✅ بله، ثبت‌نام کن
offering-button-back = « بازگشت
offering-button-leave = ↩️ انصراف از ثبت‌نام
offering-button-leave-waitlist = ↩️ خروج از فهرست انتظار
offering-button-leave-yes = ↩️ بله، انصراف می‌دهم
offering-button-keep = نه، بماند
offering-button-give-back = ↩️ جایم را واگذار می‌کنم
offering-button-calendar = 📅 افزودن به تقویم
offering-button-list = 📋 فهرست
offering-button-mine = 🗂 ثبت‌نام‌های من

offering-confirm-join = برای «{ $title }» ({ $when }) ثبت‌نام می‌کنید؟
offering-confirm-waitlist = ظرفیت «{ $title }» ({ $when }) تکمیل است. به فهرست انتظار بروید؟ اگر جایی خالی شود، به ترتیب نوبت ثبت‌نام می‌شوید و خبرتان می‌کنیم.
offering-signed-up = ✅ ثبت‌نام شما انجام شد. پیش از شروع یادآوری می‌فرستیم.
offering-waitlisted = ⏳ ظرفیت تکمیل است؛ در فهرست انتظار قرار گرفتید. نوبت شما: { $position }
offering-already-signed-up = شما قبلاً برای این مورد ثبت‌نام کرده‌اید.
offering-not-signed-up = شما در این مورد ثبت‌نامی ندارید.
offering-signup-closed = مهلت ثبت‌نام این مورد تمام شده است.
offering-unavailable = این مورد دیگر در دسترس نیست.
offering-was-cancelled = این آموزش یا رویداد لغو شده است.
offering-confirm-leave = از ثبت‌نام در «{ $title }» انصراف می‌دهید؟ جای شما به نفر بعدی فهرست انتظار می‌رسد.
offering-left = ثبت‌نام شما در «{ $title }» لغو شد.
offering-too-late-to-leave = انصراف فقط تا { $hours } ساعت پیش از شروع ممکن است. اگر نمی‌توانید بیایید، لطفاً به کارشناسان خوشه خبر دهید.
offering-promoted =
    🎉 یک جای خالی پیدا شد و ثبت‌نام شما در «{ $title }» قطعی شد.
    🕒 { $when }
    اگر نمی‌توانید بیایید، جایتان را واگذار کنید تا به نفر بعدی برسد.
offering-calendar-caption = 📅 «{ $title }» — این فایل را باز کنید تا به تقویم گوشی اضافه شود.

offering-mine-title = 🗂 ثبت‌نام‌های شما:
offering-mine-item =
    • { $title }
      🕒 { $when } — { $status }
offering-mine-empty = ثبت‌نام فعالی ندارید.
offering-status-confirmed = قطعی
offering-status-waitlisted = فهرست انتظار، نوبت { $position }

# Staff: the /new_offering form.
offering-ask-kind = 🎓 آموزش یا رویداد تازه. چه نوعی است؟ (برای انصراف ‎/cancel را بفرستید)
offering-chosen-kind = نوع: { $kind }
offering-ask-title = عنوان را بنویسید (مثلاً «هوش مصنوعی و اثر آن بر کسب‌وکار»).
offering-title-length = عنوان باید بین ۱ و { $limit } حرف باشد. دوباره بنویسید.
offering-ask-description = توضیح کوتاهی بنویسید (سرفصل‌ها، مدرس، مخاطبان) یا «صرف‌نظر» را بزنید.
offering-description-length = توضیح حداکثر { $limit } حرف می‌تواند باشد. کوتاه‌ترش کنید.
offering-skipped = صرف‌نظر شد.
offering-ask-start = 🕒 زمان شروع را به تاریخ شمسی و وقت تهران بنویسید، مثلاً «{ $example }» یا «سه‌شنبه ساعت ۱۰».
offering-ask-end = شروع: { $start }. زمان پایان را بنویسید (برای همان روز فقط ساعت، مثلاً «ساعت ۱۳»؛ یا «{ $example }») یا «صرف‌نظر» را بزنید.
offering-end-before-start = پایان باید بعد از شروع باشد. زمان پایان را دوباره بنویسید.
offering-ask-place = 📍 مکان برگزاری یا لینک جلسه آنلاین را بنویسید.
offering-place-length = مکان باید بین ۱ و { $limit } حرف باشد. دوباره بنویسید.
offering-ask-capacity = 👥 ظرفیت چند نفر است؟ عدد بنویسید (مثلاً ۲۰) یا «بدون محدودیت» را بزنید.
offering-count-words = این را به‌عنوان عدد متوجه نشدیم. تعداد را بنویسید، مثلاً «۲۰» یا «۲۰ نفر».
offering-count-zero = ظرفیت نمی‌تواند صفر باشد. عددی بزرگ‌تر از صفر بنویسید.
offering-count-invalid = این عدد را متوجه نشدیم. یک عدد مثبت با رقم بنویسید، مثلاً ۲۰.
offering-unlimited-chosen = ظرفیت: بدون محدودیت
# What was chosen at the end and deadline steps, echoed back.
offering-chosen-end = 🏁 پایان: { $end }
offering-chosen-until-start = ⏳ مهلت ثبت‌نام: تا شروع ({ $start })
offering-ask-deadline = ⏳ مهلت ثبت‌نام تا کی است؟ مثلاً «{ $example }»، یا «تا شروع» را بزنید.
offering-deadline-after-start = مهلت ثبت‌نام نمی‌تواند بعد از شروع باشد. دوباره بنویسید.
offering-pick-clusters = 🧩 برای کدام خوشه‌ها؟ (چند خوشه را می‌توانید انتخاب کنید؛ اگر هیچ‌کدام را انتخاب نکنید، یعنی همه خوشه‌ها)
offering-pick-clusters-agent = 🧩 برای کدام خوشه‌ها؟ (فقط خوشه‌های خودتان؛ اگر هیچ‌کدام را انتخاب نکنید، یعنی همه خوشه‌های شما)
offering-out-of-scope = شما فقط برای خوشه‌های خودتان می‌توانید آموزش و رویداد تعریف کنید.
offering-chosen-clusters = خوشه‌ها: { $clusters }
offering-all-clusters = همه خوشه‌ها
offering-ask-shares = برای هر خوشه سهم جداگانه‌ای تعیین شود تا یک خوشه همه جاها را نگیرد؟
offering-shares-chosen = سهم خوشه‌ها را تعیین می‌کنیم.
offering-no-shares-chosen = بدون سهم خوشه‌ای ادامه می‌دهیم.
offering-ask-share = خوشه «{ $cluster }» حداکثر چند جا داشته باشد؟ عدد بنویسید یا «بدون سهم» را بزنید.
offering-use-buttons = لطفاً از دکمه‌های پیام بالا استفاده کنید، یا برای انصراف ‎/cancel را بفرستید.
offering-preview-footer =
    ☝️ این پیش‌نمایش است. اعلان با دکمه ثبت‌نام برای { $count } عضو خوشه‌های هدف فرستاده می‌شود.
    منتشر شود؟
offering-targets-all = 🧩 خوشه‌ها: همه
offering-targets = 🧩 خوشه‌ها: { $clusters }
offering-target-share = { $cluster } (حداکثر { $seats } جا)
offering-ask-publish-at = 🕒 چه زمانی منتشر و اعلام شود؟ (پیش از شروع؛ مثلاً «{ $example }»)
offering-publish-after-start = زمان انتشار باید پیش از شروع باشد. دوباره بنویسید.
offering-start-passed = زمان شروع گذشته است. زمان شروع تازه‌ای بنویسید.
offering-publishing = در حال انتشار است…
offering-published = ✅ منتشر شد (شماره { $number }) و اعلان آن در حال ارسال است. یادآوری‌ها پیش از شروع خودکار فرستاده می‌شوند. برای مدیریت آن، ‎/offerings را بفرستید.
offering-publish-scheduled = ✅ ثبت شد (شماره { $number }). انتشار و اعلام آن برای { $when } زمان‌بندی شد. برای مدیریت آن، ‎/offerings را بفرستید.
offering-form-cancelled = تعریف آموزش یا رویداد لغو شد؛ چیزی منتشر نشد.

# Staff: /offerings and its buttons.
offering-staff-none = آموزش یا رویداد منتشرشده‌ای برای مدیریت ندارید. برای تعریف یکی، ‎/new_offering را بفرستید.
offering-staff-item =
    🎓 شماره { $number }: { $title }
    🕒 { $when }
    ✅ قطعی: { $confirmed } — ⏳ انتظار: { $waitlisted } — { $seats }
offering-staff-more = { $count } مورد دیگر هم هست.
offering-button-more = ⬇️ ادامه فهرست
offering-staff-more-shown = ⬇️ ادامه فهرست:
offering-staff-list-end = فهرست به آخر رسید.
offering-not-yours = این آموزش یا رویداد در حوزه شما نیست.
offering-button-edit = ✏️ ویرایش
offering-button-cancel-offering = 🗑 لغو
offering-button-lists = 👥 فهرست‌ها
offering-button-export = 📊 اکسل
offering-button-attendance = ✔️ حضور و غیاب
offering-button-skip = صرف‌نظر »
offering-button-unlimited = بدون محدودیت
offering-button-until-start = تا شروع
offering-button-clusters-done = ✔️ تأیید خوشه‌ها
offering-button-shares = ➗ تعیین سهم
offering-button-no-shares = ادامه بدون سهم
offering-button-no-share = بدون سهم
offering-button-publish = 📤 انتشار الان
offering-button-schedule = 🕒 زمان‌بندی انتشار
offering-button-edit-start = 🕒 زمان شروع
offering-button-edit-capacity = 👥 ظرفیت
offering-button-edit-place = 📍 مکان
offering-button-cancel-yes = 🗑 بله، لغو شود
offering-button-cancel-keep = نه، بماند
offering-edit-what = چه چیزی از «{ $title }» (شماره { $number }) تغییر کند؟
offering-ask-new-start = زمان شروع تازه را بنویسید، مثلاً «{ $example }». یادآوری‌ها با زمان تازه دوباره تنظیم می‌شوند و ثبت‌نام‌کنندگان باخبر می‌شوند.
offering-ask-new-capacity = ظرفیت تازه را با رقم بنویسید. اگر بیشتر شود، نفرات فهرست انتظار به ترتیب ثبت‌نام می‌شوند.
offering-ask-new-place = مکان یا لینک تازه را بنویسید. ثبت‌نام‌کنندگان باخبر می‌شوند.
offering-button-edit-title = 🏷 عنوان
offering-button-edit-description = 📝 توضیح
offering-ask-new-title = عنوان تازه را بنویسید.
offering-ask-new-description = توضیح تازه را بنویسید.
offering-button-edit-end = 🏁 زمان پایان
offering-button-edit-deadline = ⏳ مهلت ثبت‌نام
offering-ask-new-end = زمان پایان تازه را بنویسید، مثلاً «{ $example }».
offering-ask-new-deadline = مهلت ثبت‌نام تازه را بنویسید، مثلاً «{ $example }». تا این زمان می‌شود ثبت‌نام کرد؛ نباید بعد از شروع باشد.
offering-capacity-below = ظرفیت نمی‌تواند از تعداد ثبت‌نام‌های قطعی کمتر شود. تغییری داده نشد.
offering-edited = ✅ شماره { $number } به‌روز شد. { $promoted ->
        [0] {""}
        [1] یک نفر از فهرست انتظار ثبت‌نامش قطعی شد و باخبر شد.
       *[other] { $promoted } نفر از فهرست انتظار ثبت‌نامشان قطعی شد و باخبر شدند.
    }
offering-confirm-cancel = «{ $title }» لغو شود؟ { $count ->
        [0] هنوز کسی ثبت‌نام نکرده است.
        [1] به یک نفر که ثبت‌نام کرده خبر داده می‌شود.
       *[other] به { $count } نفری که ثبت‌نام کرده‌اند خبر داده می‌شود.
    } این کار بازگشت ندارد.
offering-cancelled-staff = 🗑 «{ $title }» لغو شد و یادآوری‌هایش هم لغو شد. { $count ->
        [0] کسی ثبت‌نام نکرده بود.
        [1] به یک نفر خبر داده شد.
       *[other] به { $count } نفر خبر داده شد.
    }
offering-kept = لغو نشد.
offering-lists-title = 👥 ثبت‌نام‌های «{ $title }»
offering-lists-confirmed = ✅ قطعی ({ $count }):
offering-lists-waitlisted = ⏳ فهرست انتظار ({ $count }):
offering-lists-cancelled = ↩️ انصراف‌داده ({ $count }):
offering-lists-person = • { $name } — { $company }
offering-nobody-yet = هنوز کسی ثبت‌نام نکرده است.
offering-col-name = نام
offering-col-company = شرکت / واحد
offering-col-cluster = خوشه
offering-col-phone = تلفن
offering-col-status = وضعیت
offering-col-signed_up = زمان ثبت‌نام
offering-col-signed_up_gregorian = زمان ثبت‌نام (میلادی)
offering-col-attended = حضور
offering-status-label-confirmed = قطعی
offering-status-label-waitlisted = فهرست انتظار
offering-status-label-cancelled = انصراف
offering-attended-yes = حاضر
offering-export-caption = 📊 ثبت‌نام‌های «{ $title }» ({ $count } ردیف)
offering-attendance = ✔️ حضور و غیاب «{ $title }» — حاضر: { $present } از { $total }. روی نام هر نفر بزنید.
offering-attendance-too-early = حضور و غیاب پس از شروع برنامه ممکن است.
offering-need-text = لطفاً پاسخ را به‌صورت متن بنویسید (یا دکمه‌های پیام بالا را بزنید)، یا برای انصراف ‎/cancel را بفرستید.
offering-form-timeout = فرم آموزش یا رویداد مدتی بی‌پاسخ ماند و بسته شد؛ چیزی منتشر نشد. برای شروع دوباره ‎/new_offering را بفرستید.

# A start on a Friday or a public holiday, or a start and an end typed together («۱۶ الی ۱۸»).
offering-day-confirm =
    { $warning }
    شروع: { $start }
    همین روز بماند؟ اگر نه، زمان دیگری بنویسید.
offering-button-day-ok = ✅ بله، همین روز
offering-day-kept = ✅ شروع: { $start }
offering-range-taken =
    شروع: { $start }
    پایان: { $end }
