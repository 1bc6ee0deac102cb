# Registration and profile.

form-welcome = سلام! «خوشه»یه، استانین صنعتی خوشه‌لرینین روباتینا خوش گلمیسینیز. ثبت‌نام اوچون بیر نئچه قیسا سوال سوروشاجاییق. هر واخت ایسته‌سه‌نیز، ‎/cancel گوندرین.
form-resume = ثبت‌نامینیز یاریمچیق قالیب؛ قالدیغی یئردن داوام ائدیریک.
form-deep-link = خوشه‌نیز «{ $cluster }» سئچیلدی.
form-ask-name = لطفاً آدینیزی و فامیلینیزی یازین.
form-ask-company = شرکتینیزین یا تولیدی واحدینیزین آدی نه‌دیر؟
form-ask-cluster = هانسی خوشه‌نین عضوسونوز؟ لیستدن سئچین یا آدینی یازین.
form-ask-estate = واحدینیز هانسی صنعتی شهرکده‌دیر؟
form-ask-phone = لطفاً «📱 نومره‌می گوندر» دوگمه‌سی ایله موبایل نومره‌نیزی گوندرین (یا اونو یازین، مثلاً ۰۹۱۲۳۴۵۶۷۸۹).
form-ask-job-role = واحدده نقشینیز نه‌دیر؟
form-ask-language = روباتین دیلینی سئچین.
form-chosen = ✔️ { $choice }
form-did-you-mean = هانسینی دئییرسینیز؟
form-cluster-not-found = بو آددا خوشه تاپیلمادی. لطفاً لیستدن سئچین.
form-estate-not-found = بو آددا شهرک تاپیلمادی. لطفاً لیستدن سئچین.
form-phone-thanks = نومره آلیندی. ✔️
form-phone-not-own = تکجه اوز نومره‌نیز قبول اولونور. لطفاً «📱 نومره‌می گوندر» دوگمه‌سی ایله گوندرین.
form-phone-invalid = بو نومره دوز دئییل. ۰۹۱۲۳۴۵۶۷۸۹ کیمی بیر موبایل نومره‌سی گوندرین.
form-phone-hint = لطفاً موبایل نومره‌نیزی دوگمه ایله گوندرین یا رقم‌له یازین.
form-name-too-long = بو آد چوخ اوزوندور (ان چوخ ۶۰ حرف). لطفاً قیسا یازین.
form-name-invalid = لطفاً آدینیزی حرفلرله یازین.
form-company-too-long = واحدین آدی چوخ اوزوندور (ان چوخ ۱۰۰ حرف).
form-company-invalid = لطفاً واحدین آدینی حرفلرله یازین.
form-text-only = لطفاً جوابی یازی ایله گوندرین.
form-use-buttons = لطفاً دوگمه‌لردن بیرینی سئچین.
form-incomplete = بعضی جوابلار تامام دئییل؛ لطفاً یئنیدن جواب وئرین.
form-confirm =
    لطفاً مشخصاتی یوخلایین:

    { $summary }
form-fix-which = هانسینی دوزلدک؟
form-registered-short = تأیید و ثبت ائله
form-registered = { $name } جان، ثبت‌نامینیز اولدو. 🌱 آشاغیداکی منودان ایستفاده ائدین.
form-already-registered = { $name } جان، سیز قاباقجادان ثبت‌نام ائله‌میسینیز.
form-cancelled = ثبت‌نام لغو اولدو. هر واخت ایسته‌سه‌نیز ‎/start گوندرین.
form-edit-cancelled = دییشدیرمک لغو اولدو؛ هئچ زاد دییشمه‌دی.
form-not-registered = هله ثبت‌نام ائله‌مه‌میسینیز. باشلاماق اوچون ‎/start گوندرین.

job-role-owner = صاحب / مدیرعامل
job-role-manager = مدیر
job-role-employee = ایشچی
job-role-other = باشقا
language-fa = فارسی
language-az = آذربایجان تورکجه‌سی
language-en = English

field-name = آد
field-company = واحد
field-cluster_code = خوشه
field-estate_code = شهرک
field-phone = موبایل نومره‌سی
field-job_role = نقش
field-language = دیل

profile-card =
    👤 آد: { $name }
    🏭 واحد: { $company }
    🧩 خوشه: { $cluster }
    📍 شهرک: { $estate }
    📱 موبایل: { $phone }
    💼 نقش: { $job_role }
    🌐 دیل: { $language }
profile-show =
    پروفایلینیز:

    { $card }
    📅 عضو اولدوغونوز گون: { $since }

    دوزلتمک اوچون بیرینی سئچین.
profile-saved = ✅ ساخلاندی.
profile-announcements-on = 🔔 اطلاعیه‌لر: آچیق (باغلاماق اوچون باسین)
profile-announcements-off = 🔕 اطلاعیه‌لر: باغلی (آچماق اوچون باسین)
profile-announcements-now-on = 🔔 بوندان سونرا اطلاعیه‌لر سیزه گوندریله‌جک.
form-timeout-register = ثبت‌نامینیز یاریمچیق قالدی. جوابلارینیز ساخلاندی؛ هر واخت ‎/start گوندرسه‌نیز، قالدیغی یئردن داوام ائده‌جه‌ییک.
form-timeout-edit = پروفایلین دییشدیریلمه‌سی جواب‌سیز قالدی و باغلاندی؛ هئچ زاد دییشمه‌دی. «👤 منیم پروفایلیم»دن یئنه دییشدیره بیلرسینیز.
