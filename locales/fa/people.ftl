# One person on both platforms (linking), and a member's own data (see and delete).

link-offer =
    این شماره در { $platform } هم به نام «{ $name }» ثبت شده است.
    دو حساب را یکی کنیم؟ آن‌وقت یک عضو هستید با دو راه ارتباطی: گزارش‌ها و ثبت‌نام‌هایتان در هر دو پیدا است و هر پیام فقط یک بار، در پیام‌رسانی که آخر از همه استفاده کرده‌اید، می‌رسد.
link-button-yes = 🔗 بله، یکی کن
link-button-no = نه، جدا ثبت‌نام می‌کنم
link-gone = این پیوند دیگر ممکن نیست؛ ثبت‌نام را جدا ادامه می‌دهیم.
link-done = { $name } عزیز، این حساب به حساب { $platform } شما پیوند خورد. 🔗 از منوی زیر استفاده کنید.
link-profile-last = 🔗 پیوند با هر دو پیام‌رسان؛ پیام‌ها به آخرین پیام‌رسانی که استفاده کرده‌اید (الان { $platform }) می‌رسد.
link-profile-chosen = 🔗 پیوند با هر دو پیام‌رسان؛ پیام‌ها همیشه به { $platform } می‌رسد.
link-prefer-last = آخرین استفاده
link-prefer-saved = از این پس پیام‌ها به { $platform } می‌رسد.
link-button-unlink = ✂️ جدا کردن حساب { $platform }
link-confirm-unlink = حساب { $platform } از پروفایل شما جدا شود؟ گزارش‌ها و ثبت‌نام‌هایتان همین‌جا می‌ماند و آن حساب باید دوباره ثبت‌نام کند.
link-button-unlink-yes = ✂️ بله، جدا کن
link-unlinked = ✔️ حساب { $platform } جدا شد.

mydata-button = 🗂 داده‌های من
delete-button = 🗑 حذف حساب
mydata-show =
    🗂 هرچه از شما نگه داشته‌ایم:

    { $body }
mydata-profile = { $card }
mydata-phone-verified = ✅ شماره با دکمه «ارسال شماره من» تأیید شده است.
mydata-phone-typed = ✍️ شماره را خودتان نوشته‌اید (تأیید نشده).
mydata-accounts = 🔑 حساب‌ها: { $accounts }
mydata-account = پیام‌رسان { $platform } (شناسه { $id })
mydata-settings = 🔔 اطلاعیه‌ها: { $announcements }؛ 📰 خلاصه هفتگی: { $digest }
mydata-on = روشن
mydata-off = خاموش
mydata-since = 📅 عضو از { $since }؛ آخرین تغییر { $updated }
mydata-reports = 📝 گزارش‌ها: { $count }
mydata-report-filed = • { $code } — { $summary } — { $status } — { $date }
mydata-report-joined = • { $code } (همراه دیگران) — { $summary } — { $status } — { $date }
mydata-signups = 🎓 ثبت‌نام‌ها: { $count }
mydata-signup = • { $title } — { $when } — { $status }
mydata-ideas = 💡 پیشنهادهای آموزشی: { $count }؛ رأی‌ها: { $votes }
mydata-idea = • { $text }
mydata-requests = 💬 درخواست‌های مشاوره: { $count }
mydata-request = • { $code } — { $summary } — { $status } — { $date }
mydata-voice = 🗳 نظرسنجی‌هایی که پاسخ داده‌اید: { $surveys }؛ طرح‌هایی که از آن‌ها حمایت می‌کنید: { $supports }
mydata-survey = 🗳 پاسخ‌های شما به «{ $title }»:

delete-confirm =
    حساب شما حذف شود؟
    • نام، واحد، شماره همراه و شناسه‌های بله و تلگرام شما پاک می‌شود.
    • گزارش‌هایتان بی‌نام برای سابقه خوشه می‌ماند.
    • ثبت‌نام‌هایتان لغو می‌شود و جایتان به نفر بعدی فهرست انتظار می‌رسد.
    • دیگر هیچ پیامی برایتان فرستاده نمی‌شود.
    این کار برگشت ندارد.
delete-button-yes = 🗑 بله، حذف کن
delete-button-keep = نه، بماند
delete-done-short = ✔️ حساب حذف شد.
delete-done = حساب شما و داده‌های شخصی‌تان پاک شد. اگر روزی خواستید برگردید، ‎/start را بفرستید.
delete-kept = ✔️ چیزی تغییر نکرد.
