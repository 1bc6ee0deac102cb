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

menu-offerings = 🎓 Trainings and events

offering-kind-course = Course
offering-kind-workshop = Training workshop
offering-kind-exhibition = Exhibition
offering-kind-conference = Conference
offering-kind-meeting = Joint meeting

offering-list-title = 🎓 Upcoming trainings and events for your cluster:
offering-list-item =
    • { $title }
      🕒 { $when } — { $seats }
offering-list-empty = Nothing is planned for your cluster right now. We will let you know about new ones.
offering-seats-left = { $seats } seats left
offering-seats-unlimited = no seat limit
offering-seats-full = { $waiting ->
        [0] full
       *[other] full; { $waiting } on the waitlist
    }
offering-card =
    { $kind }: { $title }
    🕒 { $when }
    📍 { $place }
    👥 { $seats }
    ⏳ Sign-up deadline: { $closes }
offering-card-ends = 🏁 Ends: { $ends }
offering-you-are-confirmed = ✅ Your seat is confirmed.
offering-you-are-waitlisted = ⏳ You are on the waitlist; your place: { $position }
offering-closed = Sign-ups are closed.

offering-button-join = ✍️ Sign up
offering-button-join-waitlist = ⏳ Join the waitlist
offering-button-join-yes = ✅ Yes, sign me up
offering-button-back = « Back
offering-button-leave = ↩️ Cancel my sign-up
offering-button-leave-waitlist = ↩️ Leave the waitlist
offering-button-leave-yes = ↩️ Yes, cancel it
offering-button-keep = No, keep it
offering-button-give-back = ↩️ Give my seat back
offering-button-calendar = 📅 Add to calendar
offering-button-list = 📋 List
offering-button-mine = 🗂 My sign-ups

offering-confirm-join = Sign up for “{ $title }” ({ $when })?
offering-confirm-waitlist = “{ $title }” ({ $when }) is full. Join the waitlist? If a seat frees up you get it in turn, and we will tell you.
offering-signed-up = ✅ You are signed up. We will remind you before it starts.
offering-waitlisted = ⏳ It is full; you are on the waitlist. Your place: { $position }
offering-already-signed-up = You have already signed up for this.
offering-not-signed-up = You are not signed up for this.
offering-signup-closed = Sign-ups for this have closed.
offering-unavailable = This is no longer available.
offering-was-cancelled = This training or event has been cancelled.
offering-confirm-leave = Cancel your sign-up for “{ $title }”? Your seat goes to the next on the waitlist.
offering-left = Your sign-up for “{ $title }” is cancelled.
offering-too-late-to-leave = Sign-ups can only be cancelled up to { $hours } hours before the start. If you cannot come, please tell your cluster's agent.
offering-promoted =
    🎉 A seat freed up and your sign-up for “{ $title }” is confirmed.
    🕒 { $when }
    If you cannot come, give the seat back so the next person gets it.
offering-calendar-caption = 📅 “{ $title }” — open this file to add it to your phone's calendar.

offering-mine-title = 🗂 Your sign-ups:
offering-mine-item =
    • { $title }
      🕒 { $when } — { $status }
offering-mine-empty = You have no active sign-ups.
offering-status-confirmed = confirmed
offering-status-waitlisted = waitlist, place { $position }

# Staff: the /new_offering form.
offering-ask-kind = 🎓 A new training or event. What kind is it? (/cancel to stop)
offering-chosen-kind = Kind: { $kind }
offering-ask-title = Write the title (e.g. “AI and its effect on business”).
offering-title-length = The title must be 1 to { $limit } characters. Please write it again.
offering-ask-description = Write a short description (topics, teacher, audience) or tap “Skip”.
offering-description-length = The description may be at most { $limit } characters. Please shorten it.
offering-skipped = Skipped.
offering-ask-start = 🕒 Write the start as a Jalali date and Tehran time, e.g. “{ $example }” or “Tuesday 10”.
offering-ask-end = Start: { $start }. Write the end (for the same day just the time, e.g. “13:00”; or “{ $example }”) or tap “Skip”.
offering-end-before-start = The end must come after the start. Please write the end again.
offering-ask-place = 📍 Write the place, or the link of the online session.
offering-place-length = The place must be 1 to { $limit } characters. Please write it again.
offering-ask-capacity = 👥 How many seats? Write a number (e.g. 20) or tap “Unlimited”.
offering-count-words = I did not understand that as a number. Write the count, e.g. "20" or "20 people".
offering-count-zero = The capacity cannot be zero. Write a number above zero.
offering-count-invalid = I did not understand that number. Write a positive number in digits, e.g. 20.
offering-unlimited-chosen = Capacity: unlimited
# What was chosen at the end and deadline steps, echoed back.
offering-chosen-end = 🏁 Ends: { $end }
offering-chosen-until-start = ⏳ Sign-up deadline: until the start ({ $start })
offering-ask-deadline = ⏳ Until when can members sign up? E.g. “{ $example }”, or tap “Until the start”.
offering-deadline-after-start = The sign-up deadline cannot be after the start. Please write it again.
offering-pick-clusters = 🧩 For which clusters? (several allowed; none means all clusters)
offering-pick-clusters-agent = 🧩 For which clusters? (only your own; none means all of yours)
offering-out-of-scope = You can only create trainings and events for your own clusters.
offering-chosen-clusters = Clusters: { $clusters }
offering-all-clusters = all clusters
offering-ask-shares = Set a share of the seats per cluster, so one cluster cannot take them all?
offering-shares-chosen = Setting the clusters' shares.
offering-no-shares-chosen = No cluster shares.
offering-ask-share = At most how many seats for “{ $cluster }”? Write a number or tap “No share”.
offering-use-buttons = Please use the buttons of the message above, or /cancel.
offering-preview-footer =
    ☝️ Preview. The announcement, with a sign-up button, goes to { $count } members of the target clusters.
    Publish it?
offering-targets-all = 🧩 Clusters: all
offering-targets = 🧩 Clusters: { $clusters }
offering-target-share = { $cluster } (at most { $seats } seats)
offering-ask-publish-at = 🕒 When should it be published and announced? (before the start; e.g. “{ $example }”)
offering-publish-after-start = Publishing must come before the start. Please write it again.
offering-start-passed = The start has passed. Write a new start.
offering-publishing = Publishing…
offering-published = ✅ Published (no. { $number }); its announcement is being sent. Reminders go out before the start by themselves. Manage: /offerings
offering-publish-scheduled = ✅ Saved (no. { $number }); it is published and announced { $when }. Manage: /offerings
offering-form-cancelled = The training or event was dropped; nothing was published.

# Staff: /offerings and its buttons.
offering-staff-none = You have no published trainings or events to manage. To create one: /new_offering
offering-staff-item =
    🎓 No. { $number }: { $title }
    🕒 { $when }
    ✅ Confirmed: { $confirmed } — ⏳ Waitlist: { $waitlisted } — { $seats }
offering-staff-more = and { $count } more.
offering-button-more = ⬇️ More
offering-staff-more-shown = ⬇️ More:
offering-staff-list-end = That is the end of the list.
offering-not-yours = This training or event is outside your clusters.
offering-button-edit = ✏️ Edit
offering-button-cancel-offering = 🗑 Cancel
offering-button-lists = 👥 Lists
offering-button-export = 📊 Excel
offering-button-attendance = ✔️ Attendance
offering-button-skip = Skip »
offering-button-unlimited = Unlimited
offering-button-until-start = Until the start
offering-button-clusters-done = ✔️ Confirm clusters
offering-button-shares = ➗ Set shares
offering-button-no-shares = Go on without shares
offering-button-no-share = No share
offering-button-publish = 📤 Publish now
offering-button-schedule = 🕒 Schedule publishing
offering-button-edit-start = 🕒 Start
offering-button-edit-capacity = 👥 Capacity
offering-button-edit-place = 📍 Place
offering-button-cancel-yes = 🗑 Yes, cancel it
offering-button-cancel-keep = No, keep it
offering-edit-what = What should change in “{ $title }” (no. { $number })?
offering-ask-new-start = Write the new start, e.g. “{ $example }”. Reminders are set again for it and those signed up are told.
offering-ask-new-capacity = Write the new capacity in digits. If it grows, the waitlist moves up in order.
offering-ask-new-place = Write the new place or link. Those signed up are told.
offering-button-edit-title = 🏷 Title
offering-button-edit-description = 📝 Description
offering-ask-new-title = Write the new title.
offering-ask-new-description = Write the new description.
offering-button-edit-end = 🏁 End
offering-button-edit-deadline = ⏳ Sign-up deadline
offering-ask-new-end = Write the new end, e.g. “{ $example }”.
offering-ask-new-deadline = Write the new sign-up deadline, e.g. “{ $example }”. Members can sign up until then; it cannot be after the start.
offering-capacity-below = The capacity cannot be lower than the confirmed sign-ups. Nothing was changed.
offering-edited = ✅ No. { $number } updated. { $promoted ->
        [0] {""}
        [one] One person from the waitlist now has a seat and was told.
       *[other] { $promoted } from the waitlist now have a seat and were told.
    }
offering-confirm-cancel = Cancel “{ $title }”? { $count ->
        [0] Nobody has signed up yet.
        [one] The one person signed up will be told.
       *[other] The { $count } people signed up will be told.
    } This cannot be undone.
offering-cancelled-staff = 🗑 “{ $title }” is cancelled, and so are its reminders. { $count ->
        [0] Nobody had signed up.
        [one] One person was told.
       *[other] { $count } people were told.
    }
offering-kept = Not cancelled.
offering-lists-title = 👥 Sign-ups for “{ $title }”
offering-lists-confirmed = ✅ Confirmed ({ $count }):
offering-lists-waitlisted = ⏳ Waitlist ({ $count }):
offering-lists-cancelled = ↩️ Cancelled ({ $count }):
offering-lists-person = • { $name } — { $company }
offering-nobody-yet = Nobody has signed up yet.
offering-col-name = Name
offering-col-company = Company / unit
offering-col-cluster = Cluster
offering-col-phone = Phone
offering-col-status = Status
offering-col-signed_up = Signed up at
offering-col-signed_up_gregorian = Signed up at (Gregorian)
offering-col-attended = Attended
offering-status-label-confirmed = confirmed
offering-status-label-waitlisted = waitlist
offering-status-label-cancelled = cancelled
offering-attended-yes = present
offering-export-caption = 📊 Sign-ups for “{ $title }” ({ $count } rows)
offering-attendance = ✔️ Attendance for “{ $title }”: { $present } of { $total } present. Tap a name to mark it.
offering-attendance-too-early = Attendance can be taken once it has started.
offering-need-text = Please type your answer as text (or use the buttons of the message above), or /cancel.
offering-form-timeout = The training or event form waited a while without an answer and was closed; nothing was published. Send /new_offering to start again.

# A start on a Friday or a public holiday, or a start and an end typed together ("16 to 18").
offering-day-confirm =
    { $warning }
    Start: { $start }
    Keep that day? If not, write another time.
offering-button-day-ok = ✅ Yes, that day
offering-day-kept = ✅ Start: { $start }
offering-range-taken =
    Start: { $start }
    End: { $end }
