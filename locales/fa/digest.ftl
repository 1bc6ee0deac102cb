# The weekly digest (members: their own news; staff: the numbers and a chart).

digest-member-title = 📰 خلاصه هفته شما، { $start } تا { $end }
digest-member-reports = 📝 گزارش‌های شما:
digest-member-report = • گزارش { $code } «{ $summary }»: { $news }
digest-news-status = وضعیت: { $status }
# Between the statuses a report went through, in reading order; between items of a list.
digest-status-arrow = ←
digest-comma = ،
digest-news-replies = { $count ->
        [1] یک پاسخ کارشناس
       *[other] { $count } پاسخ کارشناس
    }
digest-news-joined = { $count ->
        [1] یک عضو دیگر به آن پیوست
       *[other] { $count } عضو دیگر به آن پیوستند
    }
digest-more = … و { $count } مورد دیگر هم هست.
digest-member-coming = 🎓 آموزش‌ها و رویدادهای هفته پیش رو:
digest-member-event = • { $title }، { $when } ({ $seats })
digest-seats-left = { $count } جای خالی
digest-seats-open = بدون محدودیت ظرفیت
digest-button-signup = ✍️ ثبت‌نام: { $title }
digest-member-cluster = 🧩 خوشه { $cluster } در این هفته: { $raised ->
        [0] گزارش تازه‌ای ثبت نشد
       *[other] { $raised } گزارش تازه ثبت شد
    }{ $resolved ->
        [0] {""}
       *[other] {" "}و { $resolved } گزارش حل شد
    }.
digest-button-off = 🔕 دیگر خلاصه هفتگی نمی‌خواهم
digest-opted-out = دیگر خلاصه هفتگی برایتان فرستاده نمی‌شود. از «👤 پروفایل من» می‌توانید دوباره روشنش کنید.
digest-now-on = خلاصه هفتگی دوباره روشن شد.

digest-staff-title = 📊 گزارش هفتگی کارشناسان، { $start } تا { $end }
    دامنه: { $scope }
digest-scope-all = همه خوشه‌ها
digest-staff-totals =
    گزارش‌های تازه: { $new } ({ $new_delta })
    حل‌شده: { $resolved } ({ $resolved_delta })
    معوق (باز و دیرکرد): { $overdue } ({ $overdue_delta })
digest-delta-up = { $count } بیشتر از هفته قبل
digest-delta-down = { $count } کمتر از هفته قبل
digest-delta-same = مثل هفته قبل
# Short changes from last week in table rows (up, down, unchanged).
digest-change-up = ▲{ $count }
digest-change-down = ▼{ $count }
digest-change-same = =
digest-staff-by-cluster = 🧩 به تفکیک خوشه (تازه، حل‌شده، معوق؛ ▲▼ نسبت به هفته قبل):
digest-staff-by-category = 🗂 به تفکیک دسته (تازه، حل‌شده، معوق؛ ▲▼ نسبت به هفته قبل):
digest-staff-row = • { $name }: { $new } تازه ({ $new_change })، { $resolved } حل‌شده ({ $resolved_change })، { $overdue } معوق ({ $overdue_change })
digest-staff-themes = 🔁 موضوعات پرتکرار گزارش‌های تازه:
digest-staff-theme = • «{ $word }» در { $count } گزارش؛ { $clusters }
digest-staff-joined = 👥 گزارش‌های باز با بیشترین همراه:
digest-staff-joined-row = • { $code } «{ $summary }» (خوشه { $cluster }): { $count } عضو دیگر پیوسته‌اند
digest-staff-slow = 🐢 کندترین دستگاه‌های مسئول (میانگین زمان در وضعیت ارجاع):
digest-staff-slow-row = • { $body }: { $days } روز ({ $count } ارجاع)
digest-staff-trainings = 🎓 ظرفیت آموزش‌ها:
digest-staff-training-row = • { $title }: { $registered ->
        [0] هنوز کسی ثبت‌نام نکرده است
        [1] یک نفر ثبت‌نام کرده است
       *[other] { $registered } نفر ثبت‌نام کرده‌اند
    }{ $capacity ->
        [0] {" "}(بدون محدودیت ظرفیت)
       *[other] {" "}(از { $capacity } جا)
    }{ $waitlist ->
        [0] {""}
       *[other] ، { $waitlist } نفر در فهرست انتظار
    }
digest-staff-deliveries = 📣 اطلاعیه‌های این هفته: { $sent } رسیده، { $blocked } مسدود یا خارج‌شده، { $failed } ناموفق
digest-chart-title = گزارش‌های تازه به تفکیک دسته
digest-chart-this-week = این هفته
digest-chart-last-week = هفته قبل
digest-chart-caption = 📊 گزارش‌های تازه این هفته در برابر هفته قبل

digest-preview-staff = 👀 پیش‌نمایش گزارش هفتگی کارشناسان (این هفته تا الان):
digest-preview-member = 👀 نمونه خلاصه هفتگی یک عضو:
digest-preview-no-member = هیچ عضوی در این دامنه هنوز خبری برای خلاصه هفتگی ندارد.

profile-digest-on = 📰 خلاصه هفتگی: روشن (برای خاموش کردن بزنید)
profile-digest-off = 📭 خلاصه هفتگی: خاموش (برای روشن کردن بزنید)
