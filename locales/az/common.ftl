# Azerbaijani (Tabriz Turkish) in Persian script: what members read. Staff messages are left
# out on purpose and shown in Persian (bot/readers.py, STAFF_ONLY).

command-start = باشلا و اصلی منو
command-profile = منیم پروفایلیم
command-help = کومک
command-cancel = ایندیکی ایشدن واز کئچ

menu-profile = 👤 منیم پروفایلیم
menu-help = ❓ کومک
menu-choose = لطفاً منونون دوگمه‌لریندن بیرینی سئچین.
menu-welcome-back = یئنه خوش گلمیسینیز! آشاغیداکی منودان سئچین.

button-previous = « قاباقکی
button-next = سونراکی »
page-of = { $page } / { $pages }
button-cancel = ❌ واز کئچ
button-confirm = ✅ تأیید و ثبت ائله
button-fix = ✏️ دوزلت
button-show-all = 📋 هامیسینی گوستر
button-expired = بو دوگمه داها ایشله‌میر. لطفاً سون پیامدان ایستفاده ائدین.
button-private-only = بو دوگمه تکجه روباتلا اوز خصوصی صحبتینیزده ایشله‌ییر.
button-share-phone = 📱 نومره‌می گوندر
button-no-estate = صنعتی شهرکدن ائشیکده

value-none = —
cancelled = لغو اولدو.
nothing-to-cancel = لغو ائله‌مک اوچون ایندی گئدن بیر ایش یوخدور.
private-only = ثبت‌نام و روباتلا ایشله‌مک اوچون، لطفاً روباتا خصوصی پیام یازین.
not-registered-hint = هله ثبت‌نام ائله‌مه‌میسینیز. باشلاماق اوچون ‎/start گوندرین.

help-member =
    «خوشه»، استانین صنعتی خوشه‌لرینین روباتیدیر.
    • «📝 مشکل ثبت ائله»: واحدین یا شهرکین بیر مشکلینی گزارش ائله‌مک
    • «📋 منیم گزارشلریم»: گزارشلرینیزین وضعیتی؛ پیگیری کودو ایله ده اولار، مثلاً ‎/track ۴۸۲۱۰۷
    • «🎓 آموزشلر و رویدادلار»: خوشه‌نین دوره‌لری و رویدادلاری، آد یازدیرماق، واز کئچمک و تقویم فایلی
    • «💡 مشاوره ایسته»: استانین مشاوره هسته‌لرینین مشاورلاریندان سوروشماق؛ جواب ائله بورادا گلر و جلسه واختی رزرو ائده بیلرسینیز
    • «👤 منیم پروفایلیم»: مشخصاتی گورمک و دوزلتمک
    • هر آددیمدا واز کئچمک: ‎/cancel
    • بو کومک: ‎/help
help-form = فورمو دولدوروسونوز. آشاغیداکی سوالین جوابینی گوندرین، یا واز کئچمک اوچون ‎/cancel گوندرین.

access-denied = بو ایش تکجه کارشناسلار اوچوندور.
list-separator = {"، "}
flood-notice = پیاملارینیز چوخ تئز گلیر. لطفاً بیر نئچه ثانیه گوزله‌یین و یئنه گوندرین.
error-apology = باغیشلایین، بیر مشکل چیخدی و ایسته‌دیگینیز ایش اولمادی. لطفاً یئنه چالیشین؛ کارشناسلار بو مشکلدن خبر توتدولار.

platform-telegram = تلگرام
platform-bale = بله
