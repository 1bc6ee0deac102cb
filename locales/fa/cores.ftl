# Advisory cores (issue 17): /cores, advisers, members' requests, sessions.

role-adviser = مشاور هسته
admin-grant-needs-core = برای نقش مشاور، شماره یک هسته را بنویسید (شماره‌ها در ‎/cores هست). مثال: ‎/grant 123456 adviser 1
admin-granted-adviser = کاربر { $user } مشاور «{ $core }» شد.

cores-none = هنوز هسته مشاوره‌ای تعریف نشده است.
cores-list =
    هسته‌های مشاوره:

    { $lines }
cores-line =
    { $number }. { $name }
    { $description }
    دسته‌ها: { $categories }
    کلیدواژه‌ها: { $keywords }
    گروه: { $group }
    مشاوران: { $advisers }
cores-button-new = ➕ هسته تازه
cores-button-edit = ✏️ هسته { $number }
cores-button-keep = همین بماند
cores-button-no-keywords = بدون کلیدواژه
cores-button-no-group = بدون گروه
cores-button-topics-done = ✅ دسته‌ها انتخاب شد
cores-button-save = ✅ ذخیره
cores-ask-name = نام هسته را بنویسید، مثلاً «هسته مشاوره بازاریابی و صادرات».
cores-ask-description = توضیح کوتاهی درباره کار این هسته بنویسید.
cores-ask-topics = این هسته به کدام دسته‌های مشکلات می‌پردازد؟ روی هر دسته بزنید تا انتخاب یا حذف شود.
cores-ask-keywords =
    کلیدواژه‌های دیگر این هسته را با «،» جدا کنید، مثلاً «هوش مصنوعی، اتوماسیون».
    فعلی: { $current }
cores-ask-group = اگر این هسته گروه دارد، شناسه گروه را بفرستید (عددی منفی، مثل ‎-100123456). درخواست‌های تازه به آن گروه هم می‌رود.
cores-bad-name = نام هسته باید بین ۱ تا ۸۰ حرف باشد.
cores-bad-group = شناسه گروه باید عددی منفی باشد، مثل ‎-100123456.
cores-confirm =
    بررسی کنید:
    نام: { $name }
    توضیح: { $description }
    دسته‌ها: { $categories }
    کلیدواژه‌ها: { $keywords }
    گروه: { $group }
cores-name-taken = هسته دیگری با همین نام هست. نام دیگری بنویسید.
cores-saved = هسته «{ $name }» ذخیره شد.
cores-grant-hint = هسته «{ $name }» ذخیره شد. برای افزودن مشاور به این هسته: ‎/grant شناسه‌کاربر adviser { $number }
cores-cancelled = تعریف هسته لغو شد.
cores-form-timeout = فرم هسته مدتی بی‌پاسخ ماند و بسته شد. دوباره ‎/cores را بفرستید.
