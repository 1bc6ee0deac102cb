# The weekly digest, as a member reads it (the staff digest stays Persian).

digest-member-title = 📰 هفته‌نین خلاصه‌سی ({ $start } – { $end })
digest-member-reports = 📝 گزارشلرینیز:
digest-member-report = • { $code } گزارشی «{ $summary }»: { $news }
digest-news-status = وضعیت: { $status }
# Between the statuses a report went through, in reading order; between items of a list.
digest-status-arrow = ←
digest-comma = ،
digest-news-replies = { $count ->
        [1] کارشناسدان بیر جواب
       *[other] کارشناسدان { $count } جواب
    }
digest-news-joined = { $count ->
        [1] باشقا بیر عضو اونا قوشولدو
       *[other] باشقا { $count } عضو اونا قوشولدو
    }
digest-more = … و داها { $count } دنه ده وار.
digest-member-coming = 🎓 گلن هفته‌نین آموزشلری و رویدادلاری:
digest-member-event = • { $title }، { $when } ({ $seats })
digest-seats-left = { $count } بوش یئر
digest-seats-open = ظرفیت محدود دئییل
digest-button-signup = ✍️ آد یازدیر: { $title }
digest-member-cluster = 🧩 { $cluster } خوشه‌سی بو هفته: { $raised ->
        [0] تزه گزارش ثبت اولمادی
       *[other] { $raised } تزه گزارش ثبت اولدو
    }{ $resolved ->
        [0] {""}
       *[other] {" "}و { $resolved } گزارش حل اولدو
    }.
digest-button-off = 🔕 داها هفته‌لیک خلاصه ایسته‌میرم
digest-opted-out = داها هفته‌لیک خلاصه سیزه گوندریلمه‌یه‌جک. «👤 منیم پروفایلیم»دن یئنیدن آچا بیلرسینیز.
digest-now-on = هفته‌لیک خلاصه یئنیدن آچیلدی.

profile-digest-on = 📰 هفته‌لیک خلاصه: آچیق (باغلاماق اوچون باسین)
profile-digest-off = 📭 هفته‌لیک خلاصه: باغلی (آچماق اوچون باسین)
