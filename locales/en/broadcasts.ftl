# Announcements and broadcasts (staff compose; members receive).

broadcast-ask-message = 📣 Send the announcement's text. You may also send one photo or one file with a caption. /cancel to stop.
broadcast-unsupported = I can't send this kind of message as an announcement. Send text, one photo or one file (with a caption).
broadcast-empty = The announcement is empty. Write some text.
broadcast-too-long = The text is { $length } characters; at most { $limit } are allowed. Shorten it and send it again.
broadcast-caption-too-long = The caption is { $length } characters; at most { $limit } are allowed. Shorten it and send it again.
broadcast-use-buttons = Please use the buttons of the message above, or /cancel.

broadcast-audience-card =
    👥 Who should receive this announcement?

    🧩 Clusters: { $clusters }
    📍 Estates: { $estates }
    💼 Roles: { $roles }
    📱 Messenger: { $platforms }

    Recipients: { $count }
broadcast-all = all
broadcast-button-clusters = 🧩 Clusters
broadcast-button-estates = 📍 Estates
broadcast-button-roles = 💼 Roles
broadcast-button-platforms = 📱 Messenger
broadcast-button-everyone = 👥 All members
broadcast-button-continue = Continue »
broadcast-button-done = ✔️ Done
broadcast-pick-clusters = Choose the clusters (several allowed; none means all):
broadcast-pick-clusters-agent = Choose the clusters (yours only; none means all of yours):
broadcast-pick-estates = Choose the estates (none means all):
broadcast-pick-roles = Choose the recipients' roles (none means all):
broadcast-pick-platforms = Send on which messenger?
broadcast-nobody = No member matches these choices. Change the audience.
broadcast-out-of-scope = You can only send announcements to your own clusters.

broadcast-preview-card =
    ☝️ This is exactly how members will receive it.

    Recipients: { $count }
    Send it?
broadcast-button-send-now = 📤 Send now
broadcast-button-schedule = 🕒 Schedule
broadcast-button-audience = ✏️ Change audience
broadcast-ask-when = Write the date and time in Tehran time, e.g. "{ $example }" or "tomorrow 9".
broadcast-confirm-schedule =
    🕒 Send on { $when }
    Recipients (now): { $count }

    Confirm?
broadcast-button-confirm-schedule = ✅ Confirm schedule
broadcast-button-other-time = ✏️ Another time
broadcast-scheduled = ✅ Announcement no. { $number } is scheduled for { $when }. Scheduled announcements: /scheduled
broadcast-sending = 📤 Announcement no. { $number } is being sent to { $count } members.
broadcast-cancelled = The announcement was not sent and has been discarded.

broadcast-progress =
    📤 Sending announcement no. { $number }…
    Delivered: { $sent } of { $total }
    Failed: { $failed } · Blocked the bot: { $blocked } · Unreachable: { $left }
broadcast-progress-offline = ⏸ { $count } waiting on { $platform }: it is not connected now; they are sent as soon as it is.
broadcast-progress-refused = ⏸ { $count } waiting on { $platform }: it refused the bot's token; they are sent once a valid token is set and the bot restarted.
broadcast-progress-done =
    ✅ Announcement no. { $number } has been sent.
    Delivered: { $sent } of { $total }
    Failed: { $failed } · Blocked the bot: { $blocked } · Unreachable: { $left }
broadcast-report =
    📊 Delivery report, announcement no. { $number }
    Recipients: { $total }
    ✅ Delivered: { $sent }
    ⚠️ Failed: { $failed }
    🚫 Blocked the bot: { $blocked }
    👋 Unreachable: { $left }
broadcast-button-failed-list = 📄 Who did not get it
broadcast-failed-list-caption = Recipients who did not get announcement no. { $number } ({ $count }).
broadcast-failed-none = Every recipient got the announcement.
broadcast-missed = ⚠️ Announcement no. { $number }, scheduled for { $when }, was not sent because the bot was down at that time. Use /scheduled to send it now, pick another time or cancel it.
broadcast-not-yours = Someone else created this announcement; only they or staff may change it.
broadcast-button-opt-out = 🔕 No more announcements
broadcast-opted-out = You will no longer receive announcements (messages about your own reports and sign-ups still arrive). You can turn them back on from "My profile".

failed-col-name = Name
failed-col-company = Company
failed-col-cluster = Cluster
failed-col-platform = Messenger
failed-col-phone = Mobile
failed-col-status = Result
failed-col-error = Details
failed-col-tried = Last attempt
failed-col-tried_gregorian = Last attempt (Gregorian)
delivery-status-failed = failed
delivery-status-blocked = blocked the bot
delivery-status-left = unreachable

scheduled-none = No scheduled announcement is waiting.
scheduled-item =
    🕒 Announcement no. { $number }: { $when }
    Recipients (now): { $count }
    { $body }
scheduled-item-missed =
    ⚠️ Announcement no. { $number }: its time ({ $when }) passed and it was not sent.
    Recipients (now): { $count }
    { $body }
scheduled-more = And { $count } more.
scheduled-media-photo = [photo]
scheduled-media-document = [file]
scheduled-button-reschedule = 🕒 Change time
scheduled-button-cancel = 🗑 Cancel
scheduled-button-send-now = 📤 Send now
scheduled-confirm-cancel = Cancel announcement no. { $number }? This cannot be undone.
scheduled-button-yes-cancel = 🗑 Yes, cancel it
scheduled-button-keep = No, keep it
scheduled-kept = Announcement no. { $number } stays as it was.
scheduled-cancelled = 🗑 Announcement no. { $number } is cancelled and will not be sent.
scheduled-not-waiting = This announcement is no longer waiting (it was sent or cancelled).
scheduled-ask-when = Write the new time for announcement no. { $number } in Tehran time, e.g. "{ $example }".
scheduled-rescheduled = ✅ Announcement no. { $number } is now scheduled for { $when }.
broadcast-form-timeout = The announcement you were writing waited a while without an answer, so its form was closed. Its text is kept: /broadcast carries on from choosing the audience.
broadcast-resume = Your unfinished announcement is kept; we carry on from choosing the audience (for a new text, ❌ Cancel and /broadcast again).

# A new time for a waiting announcement that falls on a Friday or a public holiday.
scheduled-day-confirm =
    { $warning }
    Send on { $when }? If not, write another time.
broadcast-button-day-ok = ✅ Yes, that day
