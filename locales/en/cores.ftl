# Advisory cores (issue 17): /cores, advisers, members' requests, sessions.

command-consult = Ask an adviser
role-adviser = core adviser
admin-grant-needs-core = For the adviser role, give one core's number (see /cores). Example: /grant 123456 adviser 1
admin-granted-adviser = User { $user } is now an adviser of "{ $core }".

cores-none = No advisory core has been set up yet.
cores-list =
    Advisory cores:

    { $lines }
cores-line =
    { $number }. { $name }
    { $description }
    Categories: { $categories }
    Keywords: { $keywords }
    Group: { $group }
    Advisers: { $advisers }
cores-button-new = ➕ New core
cores-button-edit = ✏️ Core { $number }
cores-button-keep = Keep it
cores-button-no-keywords = No keywords
cores-button-no-group = No group
cores-button-topics-done = ✅ Categories chosen
cores-button-save = ✅ Save
cores-ask-name = Write the core's name, e.g. "Marketing and export advisory core".
cores-ask-description = Write a short description of what this core does.
cores-ask-topics = Which problem categories does this core cover? Tap a category to choose it or take it off.
cores-ask-keywords =
    Other keywords for this core, separated by commas, e.g. "AI, automation".
    Now: { $current }
cores-ask-group = If this core has a group chat, send its id (a negative number, like -100123456). New requests go to that group too.
cores-bad-name = A core's name must be 1 to 80 characters.
cores-bad-group = A group id is a negative number, like -100123456.
cores-confirm =
    Please check:
    Name: { $name }
    Description: { $description }
    Categories: { $categories }
    Keywords: { $keywords }
    Group: { $group }
cores-name-taken = Another core has this name. Please choose another.
cores-saved = Core "{ $name }" saved.
cores-grant-hint = Core "{ $name }" saved. To add an adviser to this core: /grant user-id adviser { $number }
cores-cancelled = Core setup cancelled.
cores-form-timeout = The core form waited too long and was closed. Send /cores again.

menu-consult = 💡 Ask an adviser
consult-no-cores = No advisory core is running yet. Soon you can ask the province's advisers from here.
consult-ask =
    Write your question, or what you would like advice on, in your own words. Photos, files and voice notes are welcome too.
    Tap "✅ Done" when finished.
consult-resume = Your unfinished question was kept. Go on, or tap "✅ Done".
consult-received = ✔️ Received ({ $messages ->
        [one] { $messages } message
       *[other] { $messages } messages
    }{ $files ->
        [0] {""}
        [one] , { $files } file
       *[other] , { $files } files
    }). Send more if you like, otherwise tap "✅ Done".
consult-need-words = Please write your question in a few words too, so it reaches the right core.
consult-ask-core = Your question seems to be for "{ $core }" (from { $words }). Is that right? If not, choose another core.
consult-ask-core-none = Which advisory core is closest to your question?
consult-ask-core-all = Choose the advisory core:
consult-button-all-cores = 📋 Other cores
consult-confirm =
    Your request for advice:
    Core: { $core }
    { $question }
    Attached: { $files } file(s)
    Send it?
consult-button-send = ✅ Send request
consult-button-other-core = 🔁 Another core
consult-sent-short = ✔️ Sent
consult-filed =
    Your request to "{ $core }" is filed. 🌱 Tracking code: { $code }
    The adviser's answer will reach you here.
consult-cancel-pressed = ✔️ Cancelled
consult-cancelled = Request for advice cancelled.
consult-form-timeout = Your request for advice waited too long. Its text is kept; continue with "💡 Ask an adviser".
consult-answer-ask = Write your answer to the adviser (request { $code }), or send a file.
consult-answer-sent = ✔️ Your answer was sent to the adviser.
consult-answer-cancelled = Nothing was sent.
consult-answer-timeout = Your answer was not sent; tap "✍️ Answer the adviser" again whenever you like.
consult-button-answer = ✍️ Answer the adviser
consult-member-taken = 🙋 An adviser has taken your request { $code } and will answer soon.
consult-adviser-said =
    💬 The adviser's answer to request { $code }:
    { $text }
consult-member-handed = Your request { $code } was handed to "{ $core }", whose advisers will answer.

consult-card =
    💡 Request for advice { $code }
    Core: { $core }
    From: { $name }, { $company } (cluster { $cluster })
    { $question }
    Attached: { $files } file(s)
consult-button-take = 🙋 I'll take it
consult-button-reply = ✍️ Answer
consult-button-hand = ↪️ To another core
consult-member-said =
    💬 The member's answer on request { $code }:
    { $text }
consult-not-your-core = This request belongs to a core you do not advise.
consult-taken-by-you = You took the request.
consult-yours-already = This request is already yours.
consult-taken-already = Another adviser has taken this request.
consult-taken-note = 🙋 Request { $code } taken by { $name }.
consult-reply-ask = Write your answer to request { $code }, or send a file. Text starting with # is an internal note and does not reach the member.
consult-reply-relayed = ✔️ Your answer was sent to the member.
consult-note-kept = 📝 The note was kept in the request's history; the member did not get it.
consult-hand-ask = Which core should request { $code } go to?
consult-hand-nowhere = There is no other core, or this request is no longer open.
consult-hand-not-now = This request is no longer open, or is already in that core.
consult-handed = Request { $code } handed to "{ $core }".
consult-button-offer = 📅 Offer slots
consult-button-close = ✅ Done

consult-advisers-only = This command is for the cores' advisers.
consult-slots-none = You have no open slots ahead.
consult-slots-list =
    Slots ahead:
    { $lines }
consult-button-new-slots = ➕ New slots
consult-slot-line = • { $when }, { $minutes } minutes, { $mode }: { $place }
consult-mode-in_person = in person
consult-mode-online = online
consult-slot-ask-when =
    When are you free? Write one time, a span, or a weekly pattern, e.g.:
    "1405/9/20 10:00"
    "tomorrow 16 to 18, 30-minute sessions"
    "Sundays 10 to 12, 30-minute sessions" (for four weeks)
consult-minutes = { $minutes } minutes
consult-slot-ask-length = How long is each session?
consult-slot-ask-mode = In person or online?
consult-slot-ask-place = Write the address of the meeting place.
consult-slot-ask-link = Send the link of the online meeting.
consult-slot-ask-core = Which core are these slots for?
consult-slot-when = • { $when }
consult-slot-confirm =
    { $count } sessions of { $minutes } minutes, { $mode }: { $place }
    { $lines }
    Publish them?
consult-slot-too-short = That span is shorter than one session. Please write another time.
consult-slot-bad-place = The address or link must be under 300 characters.
consult-slots-saved = ✔️ { $count } slots published. Offer them under a request with "📅 Offer slots".
consult-slots-cancelled = No slots were published.
consult-slots-timeout = The slot form waited too long and was closed. Send /slots again.
consult-no-open-slots = This core has no open slots. Publish some with /slots first.
consult-slots-offered = The open slots were sent to the member.
consult-slot-button = 📅 { $when }
consult-slots-for-you =
    For request { $code } you can book one of these slots:
    { $lines }
consult-slot-gone = This slot was just booked. Please choose another.
consult-booked-short = ✔️ Booked
consult-session-title = Advisory session: { $core }
consult-button-cancel-session = ❌ Cancel session
consult-session-booked =
    ✅ Your advisory session for request { $code } is booked:
    { $slot }
    You will be reminded a day and an hour before. The calendar file follows.
consult-session-ics = 📅 Calendar file for the session on { $when }
consult-session-booked-adviser =
    📅 { $name } booked a session for request { $code }:
    { $slot }
consult-session-moved-adviser =
    🔁 { $name } moved the session of request { $code }. New time:
    { $slot }
consult-session-cancelled-adviser =
    ❌ { $name } cancelled the session of request { $code }:
    { $slot }
consult-session-cancelled-member =
    ❌ The adviser cancelled the session of request { $code }:
    { $slot }
    Another time will be offered soon.
consult-session-not-booked = This session is no longer booked.
consult-session-cancelled-short = ❌ Session cancelled.
consult-session-reminder =
    ⏰ Reminder: "{ $title }"
    🕒 { $when }
    📍 { $place }
consult-closed-short = The request is closed; the member is asked for their opinion.
consult-rate-ask = Did this advice help you? (request { $code }) Rate it from 1 to 5.
consult-rated = ✔️ Thank you! Your rating: { $score }
consult-rated-already = You have already rated this advice.

consult-button-to-report = 📝 Make it a report
consult-button-to-report-yes = ✅ Yes, make it a report
consult-to-report-ask = Is request { $code } a problem for the estates company? Confirming files a report with the same text, files and history, and closes the request.
consult-to-report-not-now = This request is a report already, or came from one.
consult-to-report-closed = This request is closed; no report is filed from it.
consult-turned = ✔️ Request { $code } became report { $report }.
consult-became-report =
    Your request for advice { $code } was handed to staff as a problem. Report tracking code: { $report }
    See its status with /track { $report }.
consult-from-report-usage = Usage: the report's code and the core's number. Example: /to_consultation 482107 2
consult-from-report-closed = Report { $report } is "{ $status }"; only an open report goes to a core.
consult-from-report-member = Your report { $report } was handed to "{ $core }" for advice. Request code: { $code }
consult-from-report-done = ✔️ Report { $report } became request { $code } in "{ $core }", with its history.

consult-list =
    💡 Requests for advice
    { $figures }

    { $shown } of { $total } requests:
    { $lines }
consult-list-empty = No request matches these filters.
consult-figures-line = • { $core }: { $requests } requests, { $open } open, first answer after { $hours } hours on average, { $held } sessions held, rating { $rating } ({ $ratings } ratings)
consult-list-line = { $overdue ->
        [1] ⚠️ {""}
       *[other] {""}
    }{ $code } · { $core } · { $status } · { $name }, { $company } · { $date }
consult-status-new = new
consult-status-taken = taken
consult-status-answered = answered
consult-status-closed = closed
consult-status-withdrawn = withdrawn
consult-status-to_report = made a report
consult-filter-all-cores = All cores
consult-filter-all = All
consult-filter-open = Open
consult-filter-new = New
consult-filter-taken = Taken
consult-filter-answered = Answered
consult-filter-closed = Closed
consult-filter-to_report = Made reports
consult-age-0 = Any time
consult-age-7 = Last 7 days
consult-age-30 = Last 30 days
consult-button-export = 📊 Excel
consult-export-coming = Preparing the Excel file…
consult-export-caption = Requests for advice: { $count } rows
consult-col-code = Code
consult-col-core = Core
consult-col-status = Status
consult-col-member = Member
consult-col-company = Unit
consult-col-cluster = Cluster
consult-col-created = Asked on
consult-col-created-date = Asked on (date)
consult-col-answered = First answer
consult-col-answered-date = First answer (date)
consult-col-sessions = Sessions
consult-col-rating = Rating
consult-col-question = Question
consult-overdue =
    ⚠️ Request for advice { $code } ({ $core }) from { $name } (cluster { $cluster }) has waited { $days } working days without an answer.
    The core's advisers: please take it and answer.

digest-consult-member = 💡 You have { $count } open request(s) for advice:
digest-consult-member-line = • { $code }: { $summary } ({ $status })
digest-consult-staff = 💡 Advisory cores:
digest-consult-staff-line = • { $core }: { $new } new requests, { $open } open, first answer { $hours } hours, { $held } sessions, rating { $rating }

help-adviser =
    Commands for the cores' advisers:
    • Requests reach you (and the core's group, if any) as cards: "🙋 I'll take it", "✍️ Answer" (an answer starting with # is an internal note, not sent), "📅 Offer slots", "✅ Done", "↪️ To another core" and "📝 Make it a report"
    • Publish open slots, once or weekly ("Sundays 10 to 12, 30-minute sessions"): /slots
    • Your cores' requests, with figures, filters and Excel: /consultations

consult-button-share-phone = 📞 Give the adviser my number
consult-phone-shared = Your number was given to the adviser for a call.
consult-phone-shared-adviser = 📞 { $name } sent their number for a call about request { $code }: { $phone }
consult-button-comment = 💬 Add a comment
consult-comment-ask = Write what you thought of this advice.
consult-comment-kept = ✔️ Your comment was saved. Thank you!
consult-comment-adviser =
    💬 The member's comment on request { $code }:
    { $text }

consult-mine =
    Your recent requests for advice:
    { $lines }
consult-mine-line = • { $code } · { $core } · { $status }: { $summary }
consult-track =
    💡 Your request for advice:
    { $lines }
consult-button-files = 📎 Attachments ({ $count })
consult-file-caption = 📎 Request { $code }, attachment { $number } of { $total }
consult-file-elsewhere = { $caption }: this file was sent on { $platform } and can be seen there only.
consult-file-failed = { $caption } was not sent. Tap "📎 Attachments" again a little later.
