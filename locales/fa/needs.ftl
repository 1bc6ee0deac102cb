# Needs assessment: training topics members ask for, and their votes.

needs-button-suggest = 💡 پیشنهاد موضوع آموزشی
needs-button-topics = 🗳 موضوع‌های پیشنهادی
needs-ask-topic = 💡 به چه آموزشی نیاز دارید؟ موضوع را با کلمات خودتان در یک پیام بنویسید (مثلاً «آموزش صادرات به عراق»). برای انصراف ‎/cancel را بفرستید.
needs-topic-length = موضوع را در یک پیام متنی کوتاه بنویسید (بین ۳ و { $limit } حرف).
needs-topic-new = ✅ پیشنهاد شما ثبت شد. اعضای دیگر هم می‌توانند به آن رأی دهند؛ کارشناسان برای پرطرفدارترین موضوع‌ها دوره برگزار می‌کنند.
needs-topic-joined = ✅ پیشنهاد شما ثبت شد. شبیه موضوع «{ $title }» بود و رأی شما برای آن حساب شد (اکنون { $votes } رأی دارد).
needs-cancelled = پیشنهاد ثبت نشد.
needs-none = هنوز موضوعی پیشنهاد نشده است. اولین نفر باشید!
needs-list-title = 🗳 موضوع‌های پیشنهادی (برای رأی دادن یا پس گرفتن رأی، روی هر موضوع بزنید):
needs-list-item = { $rank }. { $title } — { $votes } رأی
needs-voted = رأی شما ثبت شد.
needs-unvoted = رأی شما پس گرفته شد.
needs-topic-closed = این موضوع دیگر باز نیست (شاید برایش دوره تعریف شده است).
needs-topic-not-yours = این موضوع را اعضای خوشه‌های دیگر هم خواسته‌اند؛ تبدیل آن به دوره با کارشناسان ستاد است.
needs-staff-none = هنوز موضوع آموزشی پیشنهاد یا رأی داده نشده است.
needs-staff-overall = 🗳 پرطرفدارترین موضوع‌های آموزشی:
needs-staff-cluster = 🧩 { $cluster }:
needs-button-make-offering = 🎓 دوره برای «{ $title }»
needs-form-timeout = پرسش «به چه آموزشی نیاز دارید؟» بی‌پاسخ ماند و بسته شد. هر وقت خواستید دوباره «💡 پیشنهاد موضوع آموزشی» را بزنید.
