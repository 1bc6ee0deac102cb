# Trainings and events (offerings): what members read; the staff forms stay Persian.

# Sent through the outbox, rendered in each recipient's language.
offering-announce =
    🎓 تزه آموزش / رویداد: { $title }
    🕒 { $when }
    📍 { $place }
    آرتیق بیلگی و آد یازدیرماق اوچون آشاغیداکی دوگمه‌نی باسین.
offering-reminder =
    ⏰ یادینیزا سالیریق: «{ $title }»
    🕒 { $when }
    📍 { $place }
    سیزی گوزله‌ییریک.
offering-cancelled-notice =
    ❌ «{ $title }» ({ $when }) لغو اولدو.
    آد یازدیرماغینیز دا اوزلوگوندن لغو اولدو. بیزیمله اولدوغونوز اوچون ساغ اولون.
offering-changed-notice =
    ✏️ «{ $title }» اوچون دییشیکلیک:
    🕒 { $when }
    📍 { $place }
offering-button-view = 📄 آرتیق بیلگی و آد یازدیرماق

menu-offerings = 🎓 آموزشلر و رویدادلار

offering-kind-course = آموزش دوره‌سی
offering-kind-workshop = آموزش کارگاهی
offering-kind-exhibition = نمایشگاه
offering-kind-conference = همایش
offering-kind-meeting = اورتاق نشست

offering-list-title = 🎓 خوشه‌نیز اوچون قاباقدا اولان آموزشلر و رویدادلار:
offering-list-item =
    • { $title }
      🕒 { $when } — { $seats }
offering-list-empty = ایندیلیک خوشه‌نیز اوچون قاباقدا آموزش یا رویداد یوخدور. تزه پروقراملاری خبر وئره‌جه‌ییک.
offering-seats-left = { $seats } بوش یئر
offering-seats-unlimited = ظرفیت محدود دئییل
offering-seats-full = { $waiting ->
        [0] ظرفیت دولوب
       *[other] ظرفیت دولوب؛ { $waiting } نفر گوزله‌مه لیستینده‌دیر
    }
offering-card =
    { $kind }: { $title }
    🕒 { $when }
    📍 { $place }
    👥 { $seats }
    ⏳ آد یازدیرماغین سون واختی: { $closes }
offering-card-ends = 🏁 قورتاریر: { $ends }
offering-you-are-confirmed = ✅ آدینیز قطعی یازیلیب.
offering-you-are-waitlisted = ⏳ گوزله‌مه لیستینده‌سینیز؛ نوبه‌نیز: { $position }
offering-closed = آد یازدیرماغین واختی قورتاریب.

offering-button-join = ✍️ آد یازدیر
offering-button-join-waitlist = ⏳ گوزله‌مه لیستینه گیر
offering-button-join-yes = ✅ بلی، آدیمی یاز
offering-button-back = « گئری
offering-button-leave = ↩️ آد یازدیرماقدان واز کئچ
offering-button-leave-waitlist = ↩️ گوزله‌مه لیستیندن چیخ
offering-button-leave-yes = ↩️ بلی، واز کئچیرم
offering-button-keep = یوخ، قالسین
offering-button-give-back = ↩️ یئریمی باشقاسینا وئریرم
offering-button-calendar = 📅 تقویمه آرتیر
offering-button-list = 📋 لیست
offering-button-mine = 🗂 منیم آد یازدیردیقلاریم

offering-confirm-join = «{ $title }» ({ $when }) اوچون آدینیزی یازدیریرسینیز؟
offering-confirm-waitlist = «{ $title }» ({ $when }) ظرفیتی دولوب. گوزله‌مه لیستینه گیریرسینیز؟ یئر بوشالسا، نوبه ایله آدینیز یازیلار و سیزه خبر وئریریک.
offering-signed-up = ✅ آدینیز یازیلدی. باشلامامیش یادینیزا سالاجاییق.
offering-waitlisted = ⏳ ظرفیت دولوب؛ گوزله‌مه لیستینه گیردینیز. نوبه‌نیز: { $position }
offering-already-signed-up = سیز قاباقجادان بونا آد یازدیرمیسینیز.
offering-not-signed-up = بونا آد یازدیرماییبسینیز.
offering-signup-closed = بونون آد یازدیرما واختی قورتاریب.
offering-unavailable = بو داها یوخدور.
offering-was-cancelled = بو آموزش یا رویداد لغو اولوب.
offering-confirm-leave = «{ $title }» اوچون آد یازدیرماقدان واز کئچیرسینیز؟ یئرینیز گوزله‌مه لیستینده‌کی سونراکی آداما چاتار.
offering-left = «{ $title }» اوچون آد یازدیرماغینیز لغو اولدو.
offering-too-late-to-leave = واز کئچمک تکجه باشلامامیشدان { $hours } ساعات قاباغا قدر اولار. گله بیلمه‌سه‌نیز، لطفاً خوشه‌نین کارشناسلارینا خبر وئرین.
offering-promoted =
    🎉 بیر بوش یئر تاپیلدی و «{ $title }» اوچون آدینیز قطعی یازیلدی.
    🕒 { $when }
    گله بیلمه‌سه‌نیز، یئرینیزی وئرین کی سونراکی آداما چاتسین.
offering-calendar-caption = 📅 «{ $title }» — بو فایلی آچین کی تلفونونوزون تقویمینه آرتیریلسین.

offering-mine-title = 🗂 آد یازدیردیقلارینیز:
offering-mine-item =
    • { $title }
      🕒 { $when } — { $status }
offering-mine-empty = آچیق آد یازدیرماغینیز یوخدور.
offering-status-confirmed = قطعی
offering-status-waitlisted = گوزله‌مه لیستی، نوبه { $position }
