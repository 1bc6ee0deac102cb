# Announcements and broadcasts (staff compose; members receive).

broadcast-ask-message = 📣 متن اطلاعیه را بفرستید. می‌توانید یک عکس یا یک فایل هم با توضیح (کپشن) بفرستید. برای انصراف ‎/cancel را بفرستید.
broadcast-unsupported = این نوع پیام را نمی‌توانیم به‌عنوان اطلاعیه بفرستیم. متن، یک عکس یا یک فایل (با توضیح) بفرستید.
broadcast-empty = اطلاعیه خالی است. متنی بنویسید.
broadcast-too-long = متن { $length } حرف است؛ حداکثر { $limit } حرف مجاز است. کوتاه‌ترش کنید و دوباره بفرستید.
broadcast-caption-too-long = توضیح زیر عکس یا فایل { $length } حرف است؛ حداکثر { $limit } حرف مجاز است. کوتاه‌ترش کنید و دوباره بفرستید.
broadcast-use-buttons = لطفاً از دکمه‌های پیام بالا استفاده کنید، یا برای انصراف ‎/cancel را بفرستید.

broadcast-audience-card =
    👥 این اطلاعیه برای چه کسانی فرستاده شود؟

    🧩 خوشه‌ها: { $clusters }
    📍 شهرک‌ها: { $estates }
    💼 نقش‌ها: { $roles }
    📱 پیام‌رسان: { $platforms }

    { $count ->
        [0] با این انتخاب‌ها گیرنده‌ای نیست.
       *[other] تعداد گیرندگان: { $count } نفر
    }
broadcast-all = همه
broadcast-button-clusters = 🧩 خوشه‌ها
broadcast-button-estates = 📍 شهرک‌ها
broadcast-button-roles = 💼 نقش‌ها
broadcast-button-platforms = 📱 پیام‌رسان
broadcast-button-everyone = 👥 همه اعضا
broadcast-button-continue = ادامه »
broadcast-button-done = ✔️ تأیید انتخاب
broadcast-pick-clusters = خوشه‌های گیرنده را انتخاب کنید (چند خوشه را می‌توانید انتخاب کنید؛ اگر هیچ‌کدام را انتخاب نکنید، یعنی همه):
broadcast-pick-clusters-agent = خوشه‌های گیرنده را انتخاب کنید (فقط خوشه‌های خودتان؛ اگر هیچ‌کدام را انتخاب نکنید، یعنی همه خوشه‌های شما):
broadcast-pick-estates = شهرک‌های گیرنده را انتخاب کنید (اگر هیچ‌کدام را انتخاب نکنید، یعنی همه):
broadcast-pick-roles = نقش گیرندگان را انتخاب کنید (اگر هیچ‌کدام را انتخاب نکنید، یعنی همه):
broadcast-pick-platforms = روی کدام پیام‌رسان فرستاده شود؟
broadcast-nobody = هیچ عضوی با این انتخاب‌ها پیدا نشد. مخاطبان را تغییر دهید.
broadcast-out-of-scope = شما فقط می‌توانید برای خوشه‌های خودتان اطلاعیه بفرستید.

broadcast-preview-card =
    ☝️ اطلاعیه دقیقاً همین‌طور به دست اعضا می‌رسد.

    گیرندگان: { $count } نفر
    ارسال شود؟
broadcast-button-send-now = 📤 ارسال الان
broadcast-button-schedule = 🕒 زمان‌بندی
broadcast-button-audience = ✏️ تغییر مخاطبان
broadcast-ask-when = تاریخ و ساعت ارسال را به وقت تهران بنویسید، مثلاً «{ $example }» یا «فردا ۹».
broadcast-confirm-schedule =
    🕒 ارسال در { $when }
    { $count ->
        [0] با این مخاطبان فعلاً گیرنده‌ای نیست.
       *[other] گیرندگان (اکنون): { $count } نفر
    }

    تأیید می‌کنید؟
broadcast-button-confirm-schedule = ✅ تأیید زمان‌بندی
broadcast-button-other-time = ✏️ زمان دیگر
broadcast-scheduled = ✅ اطلاعیه شماره { $number } برای { $when } زمان‌بندی شد. فهرست زمان‌بندی‌ها را با ‎/scheduled ببینید.
broadcast-sending = 📤 اطلاعیه شماره { $number } در حال ارسال به { $count } نفر است.
broadcast-cancelled = اطلاعیه فرستاده نشد و کنار گذاشته شد.

broadcast-progress =
    📤 اطلاعیه شماره { $number } در حال ارسال…
    رسیده: { $sent } از { $total }
    ناموفق: { $failed } · ربات را مسدود کرده‌اند: { $blocked } · در دسترس نیستند: { $left }
broadcast-progress-offline = ⏸ { $count } نفر در { $platform } منتظرند: { $platform } الان وصل نیست و هر وقت وصل شد برایشان فرستاده می‌شود.
broadcast-progress-refused = ⏸ { $count } نفر در { $platform } منتظرند: { $platform } توکن ربات را نپذیرفت؛ با توکن درست و راه‌اندازی دوباره برایشان فرستاده می‌شود.
broadcast-progress-done =
    ✅ ارسال اطلاعیه شماره { $number } تمام شد.
    رسیده: { $sent } از { $total }
    ناموفق: { $failed } · ربات را مسدود کرده‌اند: { $blocked } · در دسترس نیستند: { $left }
broadcast-report =
    📊 گزارش ارسال اطلاعیه شماره { $number }
    گیرندگان: { $total }
    ✅ رسیده: { $sent }
    ⚠️ ناموفق: { $failed }
    🚫 ربات را مسدود کرده‌اند: { $blocked }
    👋 در دسترس نیستند: { $left }
broadcast-button-failed-list = 📄 فهرست نرسیده‌ها
broadcast-failed-list-caption = فهرست گیرندگانی که اطلاعیه شماره { $number } به آن‌ها نرسید ({ $count } نفر).
broadcast-failed-none = همه گیرندگان اطلاعیه را دریافت کرده‌اند.
broadcast-missed = ⚠️ اطلاعیه شماره { $number } که برای { $when } زمان‌بندی شده بود، فرستاده نشد، چون ربات در آن زمان خاموش بود. با ‎/scheduled می‌توانید آن را الان بفرستید، زمان دیگری بگذارید یا لغوش کنید.
broadcast-not-yours = این اطلاعیه را کس دیگری ساخته است؛ فقط خود او یا کارشناسان ستاد می‌توانند آن را تغییر دهند.
broadcast-button-opt-out = 🔕 دیگر اطلاعیه نمی‌خواهم
broadcast-opted-out = دیگر اطلاعیه برایتان فرستاده نمی‌شود (پیام‌های مربوط به گزارش‌ها و ثبت‌نام‌های خودتان همچنان می‌رسد). از «👤 پروفایل من» می‌توانید دوباره روشنش کنید.

failed-col-name = نام
failed-col-company = واحد
failed-col-cluster = خوشه
failed-col-platform = پیام‌رسان
failed-col-phone = همراه
failed-col-status = نتیجه
failed-col-error = توضیح
failed-col-tried = زمان آخرین تلاش
failed-col-tried_gregorian = زمان آخرین تلاش (میلادی)
delivery-status-failed = ناموفق
delivery-status-blocked = ربات را مسدود کرده
delivery-status-left = در دسترس نیست

scheduled-none = اطلاعیه زمان‌بندی‌شده‌ای در انتظار نیست.
scheduled-item =
    🕒 اطلاعیه شماره { $number }: { $when }
    { $count ->
        [0] با این مخاطبان فعلاً گیرنده‌ای نیست.
       *[other] گیرندگان (اکنون): { $count } نفر
    }
    { $body }
scheduled-item-missed =
    ⚠️ اطلاعیه شماره { $number }: زمانش ({ $when }) گذشت و فرستاده نشد.
    { $count ->
        [0] با این مخاطبان فعلاً گیرنده‌ای نیست.
       *[other] گیرندگان (اکنون): { $count } نفر
    }
    { $body }
scheduled-more = { $count } مورد دیگر هم هست.
scheduled-media-photo = [عکس]
scheduled-media-document = [فایل]
scheduled-button-reschedule = 🕒 تغییر زمان
scheduled-button-cancel = 🗑 لغو
scheduled-button-send-now = 📤 ارسال الان
scheduled-confirm-cancel = اطلاعیه شماره { $number } لغو شود؟ این کار برگشت‌پذیر نیست.
scheduled-button-yes-cancel = 🗑 بله، لغو شود
scheduled-button-keep = نه، بماند
scheduled-kept = اطلاعیه شماره { $number } سر جایش ماند.
scheduled-cancelled = 🗑 اطلاعیه شماره { $number } لغو شد و فرستاده نمی‌شود.
scheduled-not-waiting = این اطلاعیه دیگر در انتظار نیست (فرستاده یا لغو شده است).
scheduled-ask-when = زمان تازه اطلاعیه شماره { $number } را به وقت تهران بنویسید، مثلاً «{ $example }».
scheduled-rescheduled = ✅ اطلاعیه شماره { $number } برای { $when } زمان‌بندی شد.
broadcast-form-timeout = اطلاعیه‌ای که می‌نوشتید مدتی بی‌پاسخ ماند و فرمش بسته شد. متن آن نگه داشته شد: با ‎/broadcast از انتخاب گیرندگان ادامه دهید.
broadcast-resume = اطلاعیه نیمه‌کاره‌تان محفوظ است؛ از انتخاب گیرندگان ادامه می‌دهیم (برای متن تازه، «❌ انصراف» را بزنید و دوباره ‎/broadcast را بفرستید).

# A new time for a waiting announcement that falls on a Friday or a public holiday.
scheduled-day-confirm =
    { $warning }
    ارسال در { $when }؟ اگر نه، زمان دیگری بنویسید.
broadcast-button-day-ok = ✅ بله، همین روز
