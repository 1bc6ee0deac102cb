# Announcements: staff write them once, in their own words; members read the button under each.

broadcast-button-opt-out = 🔕 داها اطلاعیه ایسته‌میرم
broadcast-opted-out = داها سیزه اطلاعیه گوندریلمه‌یه‌جک (گزارشلرینیز و آد یازدیردیغینیز آموزشلر حاقیندا پیاملار یئنه گله‌جک). «👤 منیم پروفایلیم»دن یئنیدن آچا بیلرسینیز.
