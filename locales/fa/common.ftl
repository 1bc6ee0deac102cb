# Shared texts: menu, help, buttons, errors. Persian is the default language.

command-start = شروع و منوی اصلی
command-profile = پروفایل من
command-help = راهنما
command-cancel = انصراف از کار فعلی

menu-profile = 👤 پروفایل من
menu-help = ❓ راهنما
menu-staff = 🛠 بخش کارشناسان
menu-choose = لطفاً یکی از دکمه‌های منو را انتخاب کنید.
menu-welcome-back = دوباره خوش آمدید! از منوی زیر انتخاب کنید.

button-previous = « قبلی
button-next = بعدی »
page-of = { $page } از { $pages }
button-cancel = ❌ انصراف
button-confirm = ✅ تأیید و ثبت
button-fix = ✏️ اصلاح
button-show-all = 📋 نمایش همه
button-expired = این دکمه دیگر فعال نیست. لطفاً از آخرین پیام استفاده کنید.
button-private-only = این دکمه فقط در گفت‌وگوی خصوصی شما با ربات کار می‌کند.
button-share-phone = 📱 ارسال شماره من
button-no-estate = خارج از شهرک صنعتی

value-none = —
cancelled = لغو شد.
nothing-to-cancel = کاری در جریان نیست که لغو شود.
private-only = برای ثبت‌نام و کار با ربات، لطفاً در گفت‌وگوی خصوصی به ربات پیام دهید.
not-registered-hint = هنوز ثبت‌نام نکرده‌اید. برای شروع، ‎/start را بفرستید.

help-member =
    «خوشه»، ربات خوشه‌های صنعتی استان است.
    • «📝 ثبت مشکل»: گزارش یک مشکل واحد یا شهرک
    • «📋 گزارش‌های من»: وضعیت گزارش‌های شما؛ با کد پیگیری هم می‌شود، مثلاً ‎/track ۴۸۲۱۰۷
    • «🎓 آموزش‌ها و رویدادها»: دوره‌ها و رویدادهای خوشه، ثبت‌نام، انصراف و فایل تقویم
    • «👤 پروفایل من»: دیدن و اصلاح مشخصات
    • انصراف از هر مرحله: ‎/cancel
    • همین راهنما: ‎/help
help-form = در حال تکمیل فرم هستید. پاسخ سؤال زیر را بفرستید، یا برای انصراف ‎/cancel را بفرستید.
help-staff =
    دستورهای کارشناسان:
    • نوشتن اطلاعیه، انتخاب مخاطبان، پیش‌نمایش، ارسال یا زمان‌بندی: ‎/broadcast
    • اطلاعیه‌های زمان‌بندی‌شده (تغییر زمان یا لغو): ‎/scheduled
    • تعریف و انتشار آموزش یا رویداد (با یادآوری خودکار): ‎/new_offering
    • مدیریت آموزش‌ها و رویدادها (ویرایش، لغو، فهرست‌ها، اکسل، حضور و غیاب): ‎/offerings
    • نیازسنجی آموزشی؛ رتبه موضوع‌های پیشنهادی اعضا (در کل و در هر خوشه) و تبدیل موضوع به دوره: ‎/needs
    • فهرست گزارش‌ها با فیلتر وضعیت، دسته، خوشه، دستگاه مسئول و قدمت (عامل‌های توسعه خوشه فقط خوشه‌های خود را می‌بینند): ‎/reports
    • فایل اکسل همان فهرست: ‎/export_reports
    • متن کامل، واحدها و سابقه یک گزارش، با کد پیگیری (یا دکمه «📄 متن کامل» روی کارت): ‎/show ۴۸۲۱۰۷
    • عکس‌ها، فایل‌ها و پیام‌های صوتی عضو: دکمه «📎 پیوست‌ها» روی کارت یا متن کامل
    • ادغام گزارش تکراری در گزارش اصلی؛ اول کد گزارش تکراری، بعد کد گزارش اصلی: ‎/merge ۱۲۳۴۵۶ ۶۵۴۳۲۱
    • روی کارت هر گزارش: «🙋 برمی‌دارم» و «🔄 تغییر وضعیت»؛ برای پاسخ به عضو، به کارت پاسخ (ریپلای) دهید. پاسخی که با # شروع شود یادداشت داخلی است و به عضو نمی‌رسد.
    • همین راهنما: ‎/help
help-admin =
    دستورهای مدیر:
    • نوشتن اطلاعیه، انتخاب مخاطبان، پیش‌نمایش، ارسال یا زمان‌بندی: ‎/broadcast
    • اطلاعیه‌های زمان‌بندی‌شده (تغییر زمان یا لغو): ‎/scheduled
    • تعریف و انتشار آموزش یا رویداد (با یادآوری خودکار): ‎/new_offering
    • مدیریت آموزش‌ها و رویدادها (ویرایش، لغو، فهرست‌ها، اکسل، حضور و غیاب): ‎/offerings
    • نیازسنجی آموزشی؛ رتبه موضوع‌های پیشنهادی اعضا (در کل و در هر خوشه) و تبدیل موضوع به دوره: ‎/needs
    • دادن نقش «کارشناس ستاد» یا «عامل توسعه خوشه» (با شناسه کاربر و، برای عامل، کد خوشه‌ها): ‎/grant
    • گرفتن نقش: ‎/revoke
    • فهرست کارشناسان و نقش‌هایشان: ‎/staff
    • فهرست گزارش‌ها: ‎/reports
    • فایل اکسل گزارش‌ها: ‎/export_reports
    • متن کامل یک گزارش با کد پیگیری: ‎/show ۴۸۲۱۰۷
    • ادغام گزارش تکراری در گزارش اصلی؛ اول کد گزارش تکراری، بعد کد گزارش اصلی: ‎/merge ۱۲۳۴۵۶ ۶۵۴۳۲۱
    • پیش‌نمایش خلاصه هفتگی: ‎/digest_preview
    • جایگزینی فهرست خوشه‌ها و شهرک‌ها: فایل CSV آن را بفرستید (سطر اول، نام ستون‌ها: kind,code,name_fa,name_en)

access-denied = این کار فقط برای کارشناسان مجاز است.
access-denied-admin = این کار فقط برای مدیران ربات مجاز است.
list-separator = {"، "}
flood-notice = پیام‌هایتان خیلی سریع می‌رسد. لطفاً چند ثانیه صبر کنید و دوباره بفرستید.
error-apology = متأسفیم، مشکلی پیش آمد و درخواست شما انجام نشد. لطفاً دوباره تلاش کنید؛ کارشناسان از این مشکل باخبر شدند.
error-admin-alert = ⚠️ خطا در ربات: { $error } (به‌روزرسانی { $update })
admin-alert-token-refused = ⚠️ توکن ربات در { $platform } پذیرفته نشد (شاید باطل یا عوض شده است) و ربات در { $platform } از کار ایستاد. پیام‌هایی که باید به اعضا برسد در صف می‌ماند؛ توکن درست را در تنظیمات بگذارید و ربات را دوباره راه‌اندازی کنید.

platform-telegram = تلگرام
platform-bale = بله
role-staff = کارشناس ستاد
role-cluster_agent = عامل توسعه خوشه

# Typed dates and times (broadcasts, trainings): why one was refused.
when-error-empty = تاریخ و ساعت را بنویسید، مثلاً «{ $example }» یا «فردا ۹».
when-error-unparseable = این تاریخ را متوجه نشدیم. مثلاً بنویسید «{ $example }» یا «فردا ساعت ۹».
when-error-invalid-date = این تاریخ در تقویم وجود ندارد. دوباره بنویسید.
when-error-gregorian-date = تاریخ را شمسی بنویسید، مثلاً «{ $example }».
when-error-invalid-time = ساعت درست نیست (از ۰:۰۰ تا ۲۳:۵۹). دوباره بنویسید.
when-error-ambiguous-time = صبح یا عصر؟ ساعت را ۲۴ ساعته بنویسید (مثلاً ۱۷:۰۰) یا «صبح» یا «عصر» را اضافه کنید.
when-error-missing-date = روز را هم بنویسید، مثلاً «{ $example }» یا «فردا ۹».
when-error-missing-time = ساعت را هم بنویسید، مثلاً «{ $example }».
when-error-weekday-mismatch = روز هفته با تاریخ جور نیست. تاریخ را دوباره بررسی کنید.
when-error-past = این زمان گذشته است. زمانی در آینده بنویسید.
when-error-too-soon = این زمان خیلی نزدیک است. زمان دیرتری بنویسید.
when-error-too-far = این زمان بیش از یک سال بعد است. زمان نزدیک‌تری بنویسید.
# An example of a date and time to type, shown in the questions that ask for one.
when-example = ۱۴۰۵/۹/۱۸ ۱۰:۰۰
# An admin alert: the bot fetched nothing from a platform for hours (it was down or the
# platform unreachable). The platforms keep a bot's messages for 24 hours only.
poll-gap =
    ⚠️ ربات { $hours } ساعت از { $platform } پیامی نگرفته بود (از { $since }).
    پیام‌هایی که اعضا در این مدت فرستاده‌اند همین حالا پاسخ داده می‌شوند؛ { $platform } پیام‌ها را فقط ۲۴ ساعت نگه می‌دارد.
poll-gap-lost =
    ⚠️ ربات { $hours } ساعت از { $platform } پیامی نگرفته بود (از { $since }).
    { $platform } پیام‌ها را فقط ۲۴ ساعت نگه می‌دارد: پیام‌هایی که اعضا بیش از یک روز پیش فرستاده‌اند از دست رفته‌اند و به آن‌ها پاسخی نرسیده است.

# Typed dates (handlers/when_input.py): an hour from 1 to 6 is asked about, a day off is named.
when-error-ambiguous-hour = ساعت { $hour } صبح یا { $hour } عصر ({ $evening }:۰۰)؟ یکی را بزنید، یا دوباره با «صبح» یا «عصر» بنویسید.
when-error-missing-time-day = روز { $day } را متوجه شدیم؛ ساعت را هم بنویسید، مثلاً «{ $example }».
when-error-range = یک زمان بنویسید، نه بازه. مثلاً «{ $example }».
when-error-range-order = پایان بازه باید بعد از شروع آن باشد. دوباره بنویسید.
when-button-am = { $hour } صبح
when-button-pm = { $hour } عصر
when-half-chosen = ⏱ { $text }
when-warning-friday = ⚠️ توجه: { $day } تعطیل است.
when-warning-holiday = ⚠️ توجه: { $day } تعطیل رسمی است ({ $name }).
when-day-kept = ✅ همین روز ماند.
