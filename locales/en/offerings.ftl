# Trainings and events (offerings): members browse and sign up; staff publish and manage.

# Sent through the outbox, rendered in each recipient's language.
offering-announce =
    🎓 New training / event: { $title }
    🕒 { $when }
    📍 { $place }
    Tap the button below for details and to sign up.
offering-reminder =
    ⏰ Reminder: “{ $title }”
    🕒 { $when }
    📍 { $place }
    We look forward to seeing you.
offering-cancelled-notice =
    ❌ “{ $title }” ({ $when }) has been cancelled.
    Your sign-up is cancelled with it. Thank you for your interest.
offering-changed-notice =
    ✏️ “{ $title }” has changed:
    🕒 { $when }
    📍 { $place }
offering-button-view = 📄 Details and sign-up
