# One person on both platforms (linking), and a member's own data (see and delete).

link-offer =
    بو نومره { $platform } پیام‌رسانیندا دا «{ $name }» آدینا ثبت اولوب.
    ایکی حسابی بیر ائدک؟ اوندا ایکی الاقه یولو اولان بیر عضو اولارسینیز: گزارشلرینیز و آد یازدیردیقلارینیز ایکیسینده ده گورونر و هر پیام تکجه بیر دفعه، سون ایشلتدیگینیز پیام‌رساندا گلر.
link-button-yes = 🔗 بلی، بیر ائله
link-button-no = یوخ، آیریجا ثبت‌نام ائدیرم
link-gone = بو باغلانتی داها اولماز؛ ثبت‌نامی آیریجا داوام ائدیریک.
link-done = { $name } جان، بو حساب سیزین { $platform } حسابینیزا باغلاندی. 🔗 آشاغیداکی منودان ایستفاده ائدین.
link-profile-last = 🔗 هر ایکی پیام‌رسانا باغلی؛ پیاملار سون ایشلتدیگینیز پیام‌رسانا (ایندی { $platform }) گلر.
link-profile-chosen = 🔗 هر ایکی پیام‌رسانا باغلی؛ پیاملار همیشه { $platform } پیام‌رسانینا گلر.
link-prefer-last = سون ایشلتدیگیم
link-prefer-saved = بوندان سونرا پیاملار { $platform } پیام‌رسانینا گله‌جک.
link-button-unlink = ✂️ { $platform } حسابینی آییر
link-confirm-unlink = { $platform } حسابی پروفایلینیزدن آیریلسین؟ گزارشلرینیز و آد یازدیردیقلارینیز بورادا قالار و او حساب یئنیدن ثبت‌نام ائتمه‌لیدیر.
link-button-unlink-yes = ✂️ بلی، آییر
link-unlinked = ✔️ { $platform } حسابی آیریلدی.

mydata-button = 🗂 منیم بیلگیلریم
delete-button = 🗑 حسابی سیل
mydata-show =
    🗂 سیزدن ساخلادیغیمیز هر شئی:

    { $body }
mydata-profile = { $card }
mydata-phone-verified = ✅ نومره «نومره‌می گوندر» دوگمه‌سی ایله تأیید اولوب.
mydata-phone-typed = ✍️ نومره‌نی اوزونوز یازمیسینیز (تأیید اولمایب).
mydata-accounts = 🔑 حسابلار: { $accounts }
mydata-account = پیام‌رسان { $platform } (شناسه { $id })
mydata-settings = 🔔 اطلاعیه‌لر: { $announcements }؛ 📰 هفته‌لیک خلاصه: { $digest }
mydata-on = آچیق
mydata-off = باغلی
mydata-since = 📅 عضو اولدوغونوز گون: { $since }؛ سون دییشیکلیک: { $updated }
mydata-reports = 📝 گزارشلر: { $count }
mydata-report-filed = • { $code } — { $summary } — { $status } — { $date }
mydata-report-joined = • { $code } (باشقالاری ایله) — { $summary } — { $status } — { $date }
mydata-signups = 🎓 آد یازدیردیقلارینیز: { $count }
mydata-signup = • { $title } — { $when } — { $status }
mydata-ideas = 💡 آموزش تکلیفلری: { $count }؛ سسلر: { $votes }
mydata-idea = • { $text }
mydata-requests = 💬 مشاوره درخواستلرینیز: { $count }
mydata-request = • { $code } — { $summary } — { $status } — { $date }
mydata-voice = 🗳 جواب وئردیگینیز نظرسنجی‌لار: { $surveys }؛ حمایت ائتدیگینیز تکلیفلر: { $supports }
mydata-survey = 🗳 «{ $title }» نظرسنجی‌سینه وئردیگینیز جواب‌لار:

delete-confirm =
    حسابینیز سیلینسین؟
    • آدینیز، واحدینیز، موبایل نومره‌نیز و بله و تلگرامداکی شناسه‌لرینیز سیلینر.
    • گزارشلرینیز آدسیز اولاراق خوشه‌نین گئچمیشی اوچون قالار.
    • آد یازدیردیقلارینیز لغو اولار و یئرینیز گوزله‌مه لیستینده‌کی سونراکی آداما چاتار.
    • داها سیزه هئچ پیام گوندریلمز.
    بو ایشین گئری دونوشو یوخدور.
delete-button-yes = 🗑 بلی، سیل
delete-button-keep = یوخ، قالسین
delete-done-short = ✔️ حساب سیلیندی.
delete-done = حسابینیز و شخصی بیلگیلرینیز سیلیندی. بیر گون قاییتماق ایسته‌سه‌نیز، ‎/start گوندرین.
delete-kept = ✔️ هئچ زاد دییشمه‌دی.
