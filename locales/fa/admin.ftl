# Admin commands: roles and the cluster list.

admin-grant-usage = روش استفاده: شناسه کاربر، نقش (staff برای کارشناس ستاد، cluster_agent برای عامل توسعه خوشه، adviser برای مشاور یک هسته) و برای عامل، کد خوشه‌ها و برای مشاور، شماره هسته. مثال: ‎/grant 123456 cluster_agent furniture
admin-grant-needs-clusters = برای عامل توسعه خوشه، کد دست‌کم یک خوشه را بنویسید.
admin-grant-staff-no-clusters = کارشناس ستاد همه خوشه‌ها را می‌بیند؛ کد خوشه لازم نیست.
admin-unknown-cluster = خوشه‌ای با کد «{ $code }» نیست.
admin-granted = نقش «{ $role }» به کاربر { $user } داده شد.
admin-revoke-usage = روش استفاده: شناسه کاربر و نقش. مثال: ‎/revoke 123456 staff
admin-revoked = نقش «{ $role }» از کاربر { $user } گرفته شد.
admin-revoke-none = کاربر { $user } نقش «{ $role }» را نداشت.
admin-staff-empty = هنوز به کسی نقشی داده نشده است.
admin-staff-list =
    کارشناسان:
    { $lines }
admin-staff-line = • { $name } ({ $platform } { $user }): { $roles } — خوشه‌ها: { $clusters }
role-granted-notice = نقش «{ $role }» در ربات خوشه به شما داده شد. برای دیدن دستورها ‎/help را بفرستید.

places-replaced = فهرست به‌روز شد: { $clusters } خوشه و { $estates } شهرک فعال.
places-error-too-big = فایل خیلی بزرگ است.
places-error-encoding = فایل باید با کدگذاری UTF-8 ذخیره شده باشد.
places-error-header = سطر اول فایل باید نام این ستون‌ها باشد: kind,code,name_fa,name_en
places-error-too-many = تعداد سطرها بیش از حد است.
places-error-kind = سطر { $line }: نوع «{ $value }» باید cluster یا estate باشد.
places-error-code = سطر { $line }: کد «{ $value }» باید فقط حروف کوچک لاتین، رقم و _ باشد (حداکثر ۲۰).
places-error-duplicate = سطر { $line }: کد «{ $value }» تکراری است.
places-error-name = سطر { $line }: نام فارسیِ کد «{ $value }» خالی است.
places-error-no-clusters = فایل هیچ خوشه‌ای ندارد.

# /staff lists the admins (from the settings) before the roles granted in the chat.
admin-staff-admin-line = • { $name } ({ $platform } { $user }): مدیر ربات (در تنظیمات)
# /start from an admin or staff member who is not a registered member.
staff-start =
    سلام! شما از کارشناسان ربات «خوشه» هستید و دستور‌هایتان در راهنمای زیر آمده است.
    اگر خودتان عضو یکی از خوشه‌ها هم هستید، با دکمه زیر مثل اعضا ثبت‌نام کنید.
staff-start-register = 📝 ثبت‌نام به‌عنوان عضو
# The opt-out button under a preview, pressed by staff who are not members.
staff-opt-out-preview = این پیش‌نمایش است؛ اعضا با این دکمه اطلاعیه‌ها را خاموش می‌کنند. شما عضو نیستید و چیزی برای لغو ندارید.
# A staff command that works in the private chat only, sent in the staff group.
staff-private-only = این دستور را در گفت‌وگوی خصوصی با ربات ({ $bot }) بفرستید.
# /help in the staff group, from staff.
staff-help-group =
    دستورهایی که در همین گروه کار می‌کنند:
    { $here }
    دستورهایی که باید در گفت‌وگوی خصوصی با ربات ({ $bot }) بفرستید:
    { $private }
    راهنمای کامل هر دستور: ‎/help را در گفت‌وگوی خصوصی بفرستید.
