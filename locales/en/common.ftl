# Shared texts: menu, help, buttons, errors.

command-start = Start and main menu
command-profile = My profile
command-help = Help
command-cancel = Cancel the current step

menu-profile = 👤 My profile
menu-help = ❓ Help
menu-staff = 🛠 Staff
menu-choose = Please choose one of the menu buttons.
menu-hello = Hello, { $name }! 🌱 Choose from the menu below.
menu-you-are-welcome = You're welcome! 🌱 Whenever you need anything, choose from the menu below.
menu-welcome-back = Welcome back! Choose from the menu below.

button-previous = « Previous
button-next = Next »
page-of = { $page } of { $pages }
button-cancel = ❌ Cancel
button-confirm = ✅ Confirm
button-fix = ✏️ Change
button-show-all = 📋 Show all
button-expired = This button is no longer active. Please use the latest message.
button-private-only = This button only works in your private chat with the bot.
button-share-phone = 📱 Share my number
button-no-estate = Not in an industrial estate

value-none = —
cancelled = Cancelled.
nothing-to-cancel = Nothing is in progress to cancel.
private-only = Please message me in a private chat to register and use the bot.
not-registered-hint = You have not registered yet. Send /start to begin.

help-member =
    Khooshe is the bot of the province's industrial clusters.
    • "📝 Report a problem": report a problem of your unit or estate
    • "📋 My reports": the status of your reports; /track and a tracking code
    • "🎓 Trainings and events": your cluster's courses and events, sign up, cancel, calendar file
    • "💡 Ask an adviser": ask the province's advisory cores; the answer comes here, and you can book a session
    • "👤 My profile": see and change your details
    • Open surveys for you: /surveys
    • Open proposals of your cluster to support: /proposals
    • /cancel: leave any step
    • /help: this help
help-form = You are filling in a form. Answer the question below, or send /cancel to stop.
help-staff =
    Staff commands:
    • Write an announcement, pick its audience, preview, send or schedule it: /broadcast
    • Scheduled announcements (change time or cancel): /scheduled
    • Create and publish a training or event (reminders go out by themselves): /new_offering
    • Manage trainings and events (edit, cancel, lists, Excel, attendance): /offerings
    • Training needs; the ranking of members' suggested topics, and turning one into a course: /needs
    • Surveys: make one (or start from a template), publish to clusters, estates, roles or a training’s registrants, a delivery report, results with a chart, Excel, close: /surveys
    • Cluster proposals: write one with evidence (reports, surveys, training topics), supports per cluster and unit, agenda, decision, done: /proposals
    • Joint meetings, their agendas and the proposal pack (Excel): /meetings
    • Reports filtered by status, category, cluster, responsible body and age; each row has a button that opens the report's card (agents see only their clusters): /reports
    • The same list as an Excel file: /export_reports
    • A report's full text, attachments and history, with every card button: /show 482107
    • Merge a duplicate (first code) into the original (second code): /merge 482107 391520
    • Preview this week's digest: /digest_preview
    • Every core's requests for advice, with each core's figures, filters and Excel: /consultations
    • Hand a report to an advisory core (report code, core number): /to_consultation 482107 2
    • On each report card: "🙋 I'll take it", "🔄 Change status", category, responsible body, "✍️ Reply to member" (a reply starting with # is an internal note, not sent), merge, full text and "📎 Attachments"
    • Help: /help
help-admin =
    Admin commands:
    • Write an announcement, pick its audience, preview, send or schedule it: /broadcast
    • Scheduled announcements (change time or cancel): /scheduled
    • Create and publish a training or event (reminders go out by themselves): /new_offering
    • Manage trainings and events (edit, cancel, lists, Excel, attendance): /offerings
    • Training needs; the ranking of members' suggested topics, and turning one into a course: /needs
    • Surveys: make one (or start from a template), publish to clusters, estates, roles or a training’s registrants, a delivery report, results with a chart, Excel, close: /surveys
    • Cluster proposals: write one with evidence (reports, surveys, training topics), supports per cluster and unit, agenda, decision, done: /proposals
    • Joint meetings, their agendas and the proposal pack (Excel): /meetings
    • Reports with filters; each row has a button that opens the report's card with every action: /reports
    • The same list as an Excel file: /export_reports
    • A report's full text, attachments and history, with every card button: /show 482107
    • Merge a duplicate (first code) into the original (second code): /merge 482107 391520
    • Preview this week's member and staff digests: /digest_preview
    • Make someone staff (every cluster), by their numeric id: /grant 123456 staff
    • Make someone a cluster agent, with their cluster codes: /grant 123456 cluster_agent furniture
    • Take a role away: /revoke 123456 staff
    • Admins, staff and their roles: /staff
    • Advisory cores (create, edit, advisers): /cores
    • Make someone an adviser of a core, by the core's number: /grant 123456 adviser 2
    • Requests for advice, the cores' figures and Excel: /consultations
    • Hand a report to an advisory core: /to_consultation 482107 2
    • Replace the clusters and estates: send a CSV file whose first line is this, then one cluster or estate a line:
        kind,code,name_fa,name_en
    • Cancel what is half done: /cancel
    • Help: /help

access-denied = Only staff may do this.
access-denied-admin = Only the bot's admins may do this.
list-separator = {", "}
flood-notice = Your messages are arriving very fast. Please wait a few seconds and send again.
error-apology = Sorry, something went wrong and your request was not completed. Please try again; staff have been told about the problem.
error-admin-alert = ⚠️ Bot error: { $error } (update { $update })
admin-alert-token-refused = ⚠️ The bot's token on { $platform } was refused (revoked or replaced?) and the bot stopped on { $platform }. Messages owed to members stay queued; put the valid token in the settings and restart the bot.
admin-alert-backup-failed = ⚠️ The scheduled backup of the database failed. The bot's log says why; check the backup folder (BACKUP_DIR) and the free disk space. Nothing in the database was changed and the bot carries on.

platform-telegram = Telegram
platform-bale = Bale
role-staff = Staff member
role-cluster_agent = Cluster development agent

# Typed dates and times (broadcasts, trainings): why one was refused.
when-error-empty = Write a date and time, e.g. "{ $example }" or "tomorrow 9".
when-error-unparseable = I couldn't read that date. Write e.g. "{ $example }" or "tomorrow 9".
when-error-invalid-date = That date does not exist in the calendar. Try again.
when-error-gregorian-date = Write the date in the Solar Hijri calendar, e.g. "{ $example }".
when-error-invalid-time = That time is not valid (0:00 to 23:59). Try again.
when-error-ambiguous-time = Morning or afternoon? Write the time on the 24-hour clock (e.g. 17:00).
when-error-missing-date = Add the day too, e.g. "{ $example }" or "tomorrow 9".
when-error-missing-time = Add the time too, e.g. "{ $example }".
when-error-weekday-mismatch = The weekday does not match the date. Check the date again.
when-error-past = That time has passed. Write a time in the future; for next year, write the year too.
when-error-too-soon = That is too soon. Write a later time.
when-error-too-far = That is more than a year ahead. Write a nearer time.
# An example of a date and time to type, shown in the questions that ask for one.
when-example = 1405/9/18 10:00
# An admin alert: the bot fetched nothing from a platform for hours (it was down or the
# platform unreachable). The platforms keep a bot's messages for 24 hours only.
poll-gap =
    ⚠️ The bot fetched nothing from { $platform } for { $hours } hours (since { $since }).
    Members' messages from that time are being answered now; { $platform } keeps messages for 24 hours only.
poll-gap-lost =
    ⚠️ The bot fetched nothing from { $platform } for { $hours } hours (since { $since }).
    { $platform } keeps messages for 24 hours only: what members sent more than a day ago was lost and never answered.

# Typed dates (handlers/when_input.py): an hour from 1 to 6 is asked about, a day off is named.
when-error-ambiguous-hour = { $hour } in the morning or { $hour } in the afternoon ({ $evening }:00)? Tap one, or write it again with "am" or "pm".
when-error-missing-time-day = I understood { $day }; add the time too, e.g. "{ $example }".
when-error-ambiguous-date = Is the day or the month first? Write the month by its name, e.g. "{ $example }".
when-error-ambiguous-date-days = Did you mean { $near } or { $far }? Write the month by its name.
when-error-range = Write one time, not a range, e.g. "{ $example }".
when-error-range-order = The end of the range must come after its start. Try again.
when-button-am = { $hour } am
when-button-pm = { $hour } pm
when-half-chosen = ⏱ { $text }
when-warning-friday = ⚠️ Note: { $day } is a day off.
when-warning-holiday = ⚠️ Note: { $day } is a public holiday ({ $name }).
when-day-kept = ✅ That day is kept.
