# Registration and profile.

form-welcome = سلام! به «خوشه»، ربات خوشه‌های صنعتی استان، خوش آمدید. برای ثبت‌نام چند سؤال کوتاه می‌پرسیم. هر وقت خواستید، ‎/cancel را بفرستید.
form-resume = ثبت‌نام شما نیمه‌کاره مانده است؛ از همان‌جا ادامه می‌دهیم.
form-deep-link = خوشه شما «{ $cluster }» انتخاب شد.
form-ask-name = لطفاً نام و نام خانوادگی خود را بنویسید.
form-ask-company = نام شرکت یا واحد تولیدی شما چیست؟
form-ask-cluster = عضو کدام خوشه هستید؟ از فهرست انتخاب کنید یا نام آن را بنویسید.
form-ask-estate = واحد شما در کدام شهرک صنعتی است؟
form-ask-phone = لطفاً با دکمه «📱 ارسال شماره من» شماره همراه خود را بفرستید (یا آن را بنویسید، مثلاً ۰۹۱۲۳۴۵۶۷۸۹).
form-ask-job-role = نقش شما در واحد چیست؟
form-ask-language = زبان ربات را انتخاب کنید.
form-chosen = ✔️ { $choice }
form-did-you-mean = منظورتان کدام است؟
form-cluster-not-found = خوشه‌ای با این نام پیدا نشد. لطفاً از فهرست انتخاب کنید.
form-estate-not-found = شهرکی با این نام پیدا نشد. لطفاً از فهرست انتخاب کنید.
form-phone-thanks = شماره دریافت شد. ✔️
form-phone-not-own = فقط شماره خودتان پذیرفته می‌شود. لطفاً با دکمه «📱 ارسال شماره من» بفرستید.
form-phone-invalid = این شماره درست نیست. یک شماره همراه مثل ۰۹۱۲۳۴۵۶۷۸۹ بفرستید.
form-phone-hint = لطفاً شماره همراه را با دکمه بفرستید یا به‌صورت عدد بنویسید.
form-name-too-long = این نام خیلی طولانی است (حداکثر ۶۰ حرف). لطفاً کوتاه‌تر بنویسید.
form-name-invalid = لطفاً نام خود را با حروف بنویسید.
form-company-too-long = نام واحد خیلی طولانی است (حداکثر ۱۰۰ حرف).
form-company-invalid = لطفاً نام واحد را با حروف بنویسید.
form-text-only = لطفاً پاسخ را به‌صورت متن بنویسید.
form-use-buttons = لطفاً یکی از دکمه‌ها را انتخاب کنید.
form-incomplete = بعضی پاسخ‌ها کامل نیست؛ لطفاً دوباره پاسخ دهید.
form-confirm =
    لطفاً مشخصات را بررسی کنید:

    { $summary }
form-fix-which = کدام مورد را اصلاح کنیم؟
form-registered-short = تأیید و ثبت
form-registered = { $name } عزیز، ثبت‌نام شما انجام شد. 🌱 از منوی زیر استفاده کنید.
form-already-registered = { $name } عزیز، شما قبلاً ثبت‌نام کرده‌اید.
form-cancelled = ثبت‌نام لغو شد. هر وقت خواستید ‎/start را بفرستید.
form-edit-cancelled = ویرایش لغو شد؛ چیزی تغییر نکرد.
form-not-registered = هنوز ثبت‌نام نکرده‌اید. برای شروع ‎/start را بفرستید.

job-role-owner = مالک / مدیرعامل
job-role-manager = مدیر
job-role-employee = کارمند
job-role-other = سایر
language-fa = فارسی
language-az = آذربایجان تورکجه‌سی
language-en = English

field-name = نام
field-company = واحد
field-cluster_code = خوشه
field-estate_code = شهرک
field-phone = شماره همراه
field-job_role = نقش
field-language = زبان

profile-card =
    👤 نام: { $name }
    🏭 واحد: { $company }
    🧩 خوشه: { $cluster }
    📍 شهرک: { $estate }
    📱 همراه: { $phone }
    💼 نقش: { $job_role }
    🌐 زبان: { $language }
profile-show =
    پروفایل شما:

    { $card }
    📅 عضو از: { $since }

    برای اصلاح، مورد را انتخاب کنید.
profile-saved = ✅ ذخیره شد.
profile-announcements-on = 🔔 اطلاعیه‌ها: روشن (برای خاموش کردن بزنید)
profile-announcements-off = 🔕 اطلاعیه‌ها: خاموش (برای روشن کردن بزنید)
profile-announcements-now-on = 🔔 از این پس اطلاعیه‌ها برایتان فرستاده می‌شود.
form-timeout-register = ثبت‌نام شما نیمه‌کاره ماند. پاسخ‌هایتان نگه داشته شد؛ هر وقت ‎/start را بفرستید، از همان‌جا ادامه می‌دهیم.
form-timeout-edit = ویرایش پروفایل بی‌پاسخ ماند و بسته شد؛ چیزی تغییر نکرد. از «👤 پروفایل من» دوباره ویرایش کنید.
