# Problem reports (members' side).

command-report = تزه مشکل ثبت ائله
command-myreports = منیم گزارشلریم
command-track = کود ایله پیگیری
menu-report = 📝 مشکل ثبت ائله
menu-my-reports = 📋 منیم گزارشلریم

category-electricity = ایشیق (برق) و انرژی
category-infrastructure = زیرساخت و شهرکین خدمتلری
category-finance = مالی تأمین و بانک
category-raw_materials = مواد اولیه و قطعه‌لر
category-market = بازار، ساتیش و نمایشگاه
category-export = صادرات، واردات و گمرک
category-permits = مجوزلر و مقرّرات
category-tax_insurance = مالیات و بیمه
category-workforce = ایشچی قووه‌سی و آموزش
category-technology = تکنولوژی و یئنیلیک
category-other = باشقا

report-status-new = ثبت اولوب
report-status-in_review = بررسی اولونور
report-status-referred = مسئول دستگاها گوندریلیب
report-status-resolved = حل اولوب
report-status-closed = باغلانیب
report-status-rejected = رد اولوب
report-status-merged = بیرلشدیریلیب
report-status-withdrawn = گئری آلینیب

report-ask-description = مشکلی اوز سوزلرینیزله یازین. بیر نئچه پیام، شکیل، فایل یا سسلی پیام گوندره بیلرسینیز. سوندا «✅ قورتاردی» باسین.
report-resume = یاریمچیق گزارشینیز ساخلانیب؛ قالدیغی یئردن داوام ائدیریک.
report-received = ✔️ آلیندی ({ $messages } پیام{ $files ->
        [0] {""}
       *[other] ، { $files } فایل
    }). باشقا توضیحینیز وارسا گوندرین، یوخسا «✅ قورتاردی» باسین.
report-button-done = ✅ قورتاردی
report-empty = اول مشکلی بیر نئچه سوزله یازین.
report-need-words = لطفاً مشکلی بیر نئچه سوزله آچیقلایین.
report-too-long = بو پیام ساخلانمادی: توضیحلر ایجازه وئریلن اولچودن اوزون اولور. «✅ قورتاردی» باسین، یا قیسا یازین.
report-too-many-files = ان چوخ ۵ فایل پیوست ائده بیلرسینیز.
report-unsupported = بو جور پیامی پیوست ائده بیلمیریک. یازی، شکیل، فایل یا سسلی پیام گوندرین.
report-no-forwards = لطفاً باشقالارینین پیاملارینی فوروارد ائله‌مه‌یین؛ مشکلی اوز سوزلرینیزله یازین.
report-ask-category = دئیه‌سن موضوع «{ $category }» دسته‌سیندندیر ({ $words } سوزلریندن). دوزدور؟ دئییلسه، باشقا دسته سئچین.
report-ask-category-all = موضوعون دسته‌سینی سئچین:
report-ask-category-none = یازینیزدان بیر دسته تاپا بیلمه‌دیک. لطفاً موضوعون دسته‌سینی سئچین:
report-button-all-categories = 📋 بوتون دسته‌لر
report-similar =
    بو مشکلی باشقا واحدلر دا گزارش ائدیبلر. سیزین مشکلینیز ده بودورسا، اونا قوشولون کی پیگیریسی بیر یئرده اولسون:

    { $lines }
report-similar-line = { $number }. { $summary } ({ $units } واحد)
report-button-me-too = 🙋 منیم مشکلیم ده بودور ({ $number })
report-button-different = ➕ منیم مشکلیم فرقلیدیر
report-joined-short = ✔️ منیم مشکلیم ده بودور
report-joined = { $code } گزارشینه قوشولدونوز. بوندان سونرا اونون خبرلری سیزه ده گوندریله‌جک.
report-ask-urgency = بو مشکل فوریدیر؟
report-button-normal = عادی
report-button-urgent = 🔴 فوری
report-normal = عادی
report-urgent = فوری
report-ask-summary =
    گزارش اوچون قیسا بیر باشلیق یازین، یا بونو قبول ائدین (باشقا واحدلر دا بو باشلیغی گوره‌جکلر؛ آد و نومره یازمایین):
    «{ $summary }»
report-button-keep-summary = ✅ بو یاخشیدیر
report-summary-too-long = باشلیق قیسا اولمالیدیر (ان چوخ ۱۰۰ حرف).
report-summary-no-phone = باشلیغی باشقا واحدلار دا گؤرورلر؛ لطفاً اونو تلفن نومره‌سی اولمادان یازین (نومره لازیم اولسا، اونو مشکلین شرحینده یازین).
report-confirm =
    گزارشینیز:
    🗂 دسته: { $category }
    ⏱ فوریت: { $urgency }
    📌 باشلیق: { $summary }
    📎 پیوست: { $files }

    { $description }
report-button-send = ✅ گزارشی ثبت ائله
report-sent-short = ✔️ گزارش ثبتی
report-filed =
    گزارشینیز ثبت اولدو. 🌱 پیگیری کودو: { $code }
    وضعیتینی «📋 منیم گزارشلریم»ده گورون، یا بونو گوندرین: ‎/track { $code }
report-cancelled = گزارش لغو اولدو.
report-cancel-pressed = ✔️ واز کئچدیم

report-none-yet = هله گزارش ثبت ائله‌مه‌میسینیز. «📝 مشکل ثبت ائله» ایله باشلایین.
report-list =
    گزارشلرینیز ({ $total }):
    { $lines }
report-list-line = • { $code }{ $urgent ->
        [1] {" "}· 🔴 فوری
       *[0] {""}
    } — { $status } — { $date }: { $summary }
report-details =
    { $code } گزارشی
    وضعیت: { $status }{ $urgent ->
            [1] {" "}· 🔴 فوری
           *[0] {""}
        }
    دسته: { $category }
    ایلگیلی واحدلر: { $units }
    📌 { $summary }

    { $description }

    گئچمیشی:
    { $history }
report-event-filed = • { $date }: ثبت اولدو
report-event-joined = • { $date }: باشقا بیر واحد گزارشه قوشولدو
report-event-other = • { $date }: تزه‌لندی
report-track-usage = پیگیری کودونو دستوردان سونرا یازین، مثلاً: ‎/track ۱۲۳۴۵۶
report-track-not-a-code = پیگیری کودو یالنیز رقملردن دوزلیر؛ اونو دستوردان سونرا یازین، مثلاً: ‎/track ۱۲۳۴۵۶
report-not-found = { $code } کودلو گزارش یا مشاوره درخواستی سیزین گزارش و درخواستلارینیز آراسیندا یوخدور.

report-status-changed = { $code } گزارشینین («{ $summary }») وضعیتی «{ $status }» اولدو.
report-staff-reply =
    💬 کارشناسین { $code } گزارشینه جوابی:
    { $text }

# After filing: follow-ups, withdrawal, "was it solved?".
report-event-status = • { $date }: { $status }
report-event-reply = • { $date }: کارشناسین جوابی: { $text }
report-event-follow_up = • { $date }: سیزین توضیحینیز: { $text }
report-event-reopened = • { $date }: حل اولمامیشدی: { $text }
report-button-follow-up = ➕ توضیح آرتیر
report-button-withdraw = ↩️ گزارشی گئری آل
report-ask-follow-up = { $code } گزارشی اوچون تزه توضیحینیزی یازین (یا شکیل، فایل یا سسلی پیام گوندرین).
report-ask-why-not-solved = باغیشلایین. یازین نه هله دوزلمه‌ییب کی { $code } گزارشی یئنیدن بررسی اولسون.
report-follow-up-saved = توضیحینیز { $code } گزارشینه آرتیریلدی و کارشناسلارا گوندریله‌جک.
report-reopened = { $code } گزارشی یئنیدن آچیلدی و وضعیتی ایندی «بررسی اولونور».
report-attachment-only = (فایل پیوستی)
report-withdraw-confirm = { $code } گزارشینی گئری آلیرسینیز؟ کارشناسلار داها اونو پیگیری ائله‌مه‌یه‌جکلر.
report-button-withdraw-yes = بلی، گئری آلیرام
report-button-keep = یوخ، قالسین
report-withdrawn = { $code } گزارشی گئری آلیندی.
report-was-it-solved = کارشناسلار { $code } گزارشینی «حل اولوب» اعلام ائدیبلر. مشکلینیز دوغرودان حل اولدو؟
report-button-solved = ✅ بلی، حل اولدو
report-button-not-solved = ❌ یوخ، هله یوخ
report-ask-score = ۱-دن ۵-ه قدر پیگیریدن نه قدر راضی قالدینیز؟
report-score = { $score } ⭐
report-thanks = نظرینیز اوچون چوخ ساغ اولون. 🌱

report-merged = سیزین { $code } گزارشینیز اونا بنزه‌ین { $target } گزارشی ایله بیرلشدی. بوندان سونرا { $target } گزارشینین خبرلری سیزه گوندریله‌جک.

report-shared = (بو مشکلی باشقا بیر واحد ثبت ائدیب؛ سیز اونا قوشولموسونوز.)
report-join-too-late = او گزارش ایندیجه باغلاندی؛ سیزین گزارشینیز آیریجا ثبت اولونور.
report-follow-up-too-late = بو گزارش داها آچیق دئییل؛ توضیحینیز آرتیریلمادی. تزه مشکل اوچون «📝 مشکل ثبت ائله» باسین.
report-reply-not-open = { $code } گزارشی داها آچیق دئییل، اونا گؤره پیامینیز اونا آرتیریلمادی.
report-form-timeout = یاریمچیق گزارشینیز بیر مدت جواب‌سیز قالدی. یازدیقلارینیز و فایللارینیز ساخلاندی؛ هر واخت «📝 مشکل ثبت ائله» باسسانیز، قالدیغی یئردن داوام ائده‌جه‌ییک.
report-follow-up-timeout = توضیح آرتیرماق باغلاندی. هر واخت ایسته‌سه‌نیز، «📋 منیم گزارشلریم»دن یئنه «توضیح آرتیر» باسین.

# Files members attached, as they read them in their own report.
attachments-none = یوخدور
attachment-count-photo = { $count } شکیل
attachment-count-document = { $count } فایل
attachment-count-voice = { $count } سسلی پیام
attachment-kind-photo = شکیل
attachment-kind-document = فایل
attachment-kind-voice = سسلی پیام

# Text typed outside any form (handlers/menu.py): quoted back and offered as a report.
loose-text-offer =
    «{ $text }»

    بونو مشکل کیمی ثبت ائدک؟
loose-text-button-report = 📝 بلی، مشکلی ثبت ائله
loose-text-button-dismiss = یوخ، لازم دئییل
loose-text-dismissed = اولدو، ثبت اولمادی. باشقا ایشلر اوچون منونون دوگمه‌لریندن ایستفاده ائدین.
loose-text-taken = 📝 مشکل ثبتی فورمو بو یازی ایله آچیلدی.
report-form-already-open = 📝 مشکل ثبتی فورمو بو یازی ایله آرتیق آچیقدیر؛ اوردان داوام ائدین.
report-from-text = ✔️ یازینیز مشکلین شرحینین باشلانغیجی اولدو. باشقا توضیح، شکیل یا فایلینیز وارسا گوندرین، یوخسا «✅ قورتاردی» باسین.
report-from-text-resumed = ✔️ یازینیز یاریمچیق قالان مشکلین شرحینه آرتیریلدی. باشقا توضیحینیز وارسا گوندرین، یوخسا «✅ قورتاردی» باسین.

# A report with no text (a voice note or a photo alone).
report-ask-category-no-text = 🎙 پیامینیز گلدی. مشکلین موضوعو هانسی دسته‌ده‌دیر؟
report-ask-summary-words = 📌 یازی یازمادیغینیز اوچون، گزارشین باشلیغینی بیر نئچه سوزله یازین کی کارشناسلار و باشقا واحدلر مشکلین نه اولدوغونو بیلسینلر (مثلاً «شهرکده ایشیق کسیلیب»؛ آد و نومره یازمایین):

# A photo, file or voice note sent at the menu (handlers/menu.py).
loose-file-photo = 🖼 گوندردیگینیز شکیل
loose-file-voice = 🎤 گوندردیگینیز سسلی پیام
loose-file-document = 📎 گوندردیگینیز فایل
loose-file-offer =
    { $what }

    بونو مشکل کیمی ثبت ائدک؟
loose-file-offer-caption =
    { $what }، «{ $text }» یازیسی ایله

    بونو مشکل کیمی ثبت ائدک؟
loose-file-taken = 📝 مشکل ثبتی فورمو بو فایل ایله آچیلدی.
report-from-file = ✔️ فایلینیز گزارشه پیوست اولدو. ایندی مشکلی بیر نئچه سوزله یازین و سونرا «✅ قورتاردی» باسین.
report-from-file-text = ✔️ فایلینیز گزارشه پیوست اولدو و یازیسی مشکلین شرحینین باشلانغیجیدیر. باشقا توضیح، شکیل یا فایلینیز وارسا گوندرین، یوخسا «✅ قورتاردی» باسین.
report-from-file-resumed = ✔️ فایلینیز یاریمچیق قالان گزارشه پیوست اولدو. باشقا توضیحینیز وارسا گوندرین، یوخسا «✅ قورتاردی» باسین.

# An album (several photos or files sent together) at the menu (handlers/menu.py): one offer.
loose-album-photos = 🖼 گوندردیگینیز { $count } شکیل
loose-album-files = 📎 گوندردیگینیز { $count } فایل
loose-album-offer =
    { $what }

    بونلاری مشکل کیمی ثبت ائدک؟
loose-album-offer-caption =
    { $what }، «{ $text }» یازیسی ایله

    بونلاری مشکل کیمی ثبت ائدک؟
loose-album-taken = 📝 مشکل ثبتی فورمو بو { $count } پیوست ایله آچیلدی.
report-from-album = ✔️ { $count } پیوستینیز گزارشه آرتیریلدی. ایندی مشکلی بیر نئچه سوزله یازین و سونرا «✅ قورتاردی» باسین.
report-from-album-text = ✔️ { $count } پیوستینیز گزارشه آرتیریلدی و یازیلاری مشکلین شرحینین باشلانغیجیدیر. باشقا توضیح، شکیل یا فایلینیز وارسا گوندرین، یوخسا «✅ قورتاردی» باسین.
report-from-album-resumed = ✔️ { $count } پیوستینیز یاریمچیق قالان گزارشه آرتیریلدی. باشقا توضیحینیز وارسا گوندرین، یوخسا «✅ قورتاردی» باسین.
