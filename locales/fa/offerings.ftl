# Trainings and events (offerings): members browse and sign up; staff publish and manage.

# Sent through the outbox, rendered in each recipient's language.
offering-announce =
    🎓 آموزش / رویداد تازه: { $title }
    🕒 { $when }
    📍 { $place }
    برای دیدن جزئیات و ثبت‌نام، دکمه زیر را بزنید.
offering-reminder =
    ⏰ یادآوری: «{ $title }»
    🕒 { $when }
    📍 { $place }
    منتظر حضور شما هستیم.
offering-cancelled-notice =
    ❌ «{ $title }» ({ $when }) لغو شد.
    ثبت‌نام شما هم خودبه‌خود لغو شد. از همراهی‌تان ممنونیم.
offering-changed-notice =
    ✏️ تغییر در «{ $title }»:
    🕒 { $when }
    📍 { $place }
offering-button-view = 📄 جزئیات و ثبت‌نام
