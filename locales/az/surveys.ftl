# Surveys (issue 18), as members read them: the invitation, answering one question at a time,
# the summary, the ready templates' questions they answer, the digest's lines. The composer,
# results, charts and exports stay Persian (bot/readers.py, STAFF_ONLY).

## the invitation and answering
command-surveys = آچیق نظرسنجی‌لار
survey-invite =
    📋 نظرسنجی: { $title }
    لطفاً بیر نئچه قیسا سوالا دوگمه‌لرله جواب وئرین. جوابلارینیزی دییشمه‌یین سون واختی: { $closes }
survey-button-answer = 📝 جواب وئریرم
survey-question =
    📋 { $title }
    سوال { $number } ({ $total } سوالدان):
    { $text }
    { $hint }
survey-hint-single = بیرینی سئچین.
survey-hint-multi = دوز اولان گزینه‌لرین هامیسینی ایشاره‌له‌یین، سونرا «✔️ ثبت ائله و سونراکی» باسین.
survey-hint-scale = ۱-دن (چوخ آز) ۵-ه (چوخ چوخ) قدر بیرینی سئچین.
survey-hint-number = بیر عدد یازین.
survey-hint-text = جوابی بیر پیامدا یازین.
survey-current-answer = ایندیکی جوابینیز: { $answer }
survey-button-next = ✔️ ثبت ائله و سونراکی
survey-answered = ✅ { $text }
    جوابینیز: { $answer }
survey-resuming = نظرسنجی ایلک جواب‌سیز سوالدان داوام ائدیر؛ قاباقکی جوابلارینیز ثبت اولوب.
survey-summary = ✅ «{ $title }» اوچون جوابلارینیز:
survey-summary-line = { $number }. { $text } — { $answer }
survey-summary-change = هر جوابی آشاغیداکی دوگمه‌لرله دییشه بیلرسینیز؛ سون واخت: { $closes }. واخت آییردیغینیز اوچون ساغ اولون.
survey-button-change = ✏️ سوال { $number }
survey-pick-one = هئچ اولماسا بیر گزینه‌نی ایشاره‌له‌یین.
survey-number-please = لطفاً تکجه بیر عدد یازین (مثلاً ۲۵۰).
survey-text-length = جوابی بیر متن پیامیندا یازین (ان چوخو { $limit } حرف).
survey-use-buttons = بو سوال اوچون دوگمه‌لردن بیرینی باسین.
survey-use-text = بو سوالین جوابینی متن کیمی یازین.
survey-paused = جوابلارینیز بورایا قدر ثبت اولدو. هر واخت ایسته‌سه‌نیز دعوتنامه‌نین آلتینداکی «📝 جواب وئریرم» دوگمه‌سینی باسین کی قالدیغینیز یئردن داوام ائده‌سینیز.
survey-form-timeout = نظرسنجی یاریمچیق قالدی. جوابلارینیز ثبت اولوب؛ «📝 جواب وئریرم» دوگمه‌سی ایله قالدیغینیز یئردن داوام ائدین.
survey-not-for-you = بو نظرسنجی سیزدن سوروشولماییب.
survey-not-open-yet = «{ $title }» نظرسنجی‌سی هله باشلانماییب.
survey-closed = «{ $title }» نظرسنجی‌سی باغلانیب و تزه جواب قبول ائله‌میر.
survey-member-none = ایندی سیز اوچون آچیق نظرسنجی یوخدور.
survey-member-list = 📋 سیز اوچون آچیق نظرسنجی‌لر (جواب وئرمک یا داوام ائله‌مک اوچون هر بیرینه باسین):

## the ready templates' titles and questions (a survey made from one reads as its composer wrote it)
survey-template-title-tech_needs = گلن ایل واحدینیزین تکنولوژی احتیاجلاری
survey-template-title-satisfaction = آموزشدن راضیلیق
survey-tpl-tech-technologies = گلن ایل واحدینیزا هانسی تکنولوژیلر داها چوخ لازیم اولاجاق؟
    .options =
        اتوماسیون و روباتیک
        هوش مصنوعی و داده تحلیلی
        نرم‌افزار (حسابداری، ساتیش، تولید)
        تزه دستگاهلار و تجهیزات
        انرژی و مصرفی آزالتماق
        آزمایشگاه و کیفیت کنترلو
survey-tpl-tech-skills = ایشچیلرینیزه هانسی مهارتلر لازیمدیر؟
    .options =
        فنی ایشلر و تعمیر
        نرم‌افزار و کامپیوترله ایشله‌مک
        بازاریابی و ساتیش
        مدیریت و برنامه‌ریزی
        صادرات و خارجی دیل
survey-tpl-tech-machines = واحدینیزا لازیم اولان ان اونملی دستگاه یا نرم‌افزار هانسیدیر؟
survey-tpl-tech-budget = بو احتیاجلار اوچون گلن ایل تخمیناً نئچه میلیون تومن خرج ائده بیلرسینیز؟
survey-tpl-tech-obstacle = بو احتیاجلاری تأمین ائله‌مکده ان بویوک مانعینیز نه‌دیر؟
    .options =
        سرمایه یا وام یوخدور
        متخصص ایشچی یوخدور
        مناسب تأمین‌کننده‌نی تانیمیریق
        تحریم و ارز
        مجوزلار و قانونلار
survey-tpl-tech-obstacle-more = مانعلر یا احتیاجلارینیز باره‌ده توضیحینیز وارسا یازین.
survey-tpl-sat-overall = بو آموزشدن اوموملیکده نه قدر راضی قالدینیز؟
survey-tpl-sat-useful = آموزشون محتواسی واحدینیزین ایشینه نه قدر یارایار؟
survey-tpl-sat-teacher = مدرسی نئجه دگرلندیریرسینیز؟
survey-tpl-sat-recommend = بو آموزشو همکارلارینیزا تکلیف ائده‌رسینیز؟
    .options =
        بلی
        بلکه
        یوخ
survey-tpl-sat-better = سونراکی آموزشلرده نه‌یی یاخشیلاشدیراق؟

## in the member's weekly digest
digest-member-surveys = 📋 سیز اوچون آچیق نظرسنجی‌لر:
digest-member-survey = • { $title } — سون واخت: { $closes }
survey-button-answer-titled = 📝 جواب وئر: { $title }
