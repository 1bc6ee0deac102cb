# Shared texts: menu, help, buttons, errors.

command-start = Start and main menu
command-profile = My profile
command-help = Help
command-cancel = Cancel the current step

menu-profile = 👤 My profile
menu-help = ❓ Help
menu-staff = 🛠 Staff
menu-choose = Please choose one of the menu buttons.
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
    • "👤 My profile": see and change your details
    • /cancel: leave any step
    • /help: this help
help-form = You are filling in a form. Answer the question below, or send /cancel to stop.
help-staff =
    Staff commands:
    • /broadcast: write an announcement, pick its audience, preview, send or schedule it
    • /scheduled: scheduled announcements (change time or cancel)
    • /new_offering: create and publish a training or event (reminders go out by themselves)
    • /offerings: manage trainings and events (edit, cancel, lists, Excel, attendance)
    • /needs: training needs; the ranking of members' suggested topics (overall and per cluster), and turning one into a course
    • /reports: reports filtered by status, category, cluster, responsible body and age (agents see only their clusters)
    • /export_reports: the same list as an Excel file
    • /show code: a report's full text, units and history (or the card's "📄 Full text" button); "📎 Attachments" sends the member's photos, files and voice notes right there
    • /merge duplicate-code main-code: merge a duplicate into the main report
    • On each report card: "I'll take it" and "Change status"; reply to the card to answer the member (a reply starting with # is an internal note, not sent)
    • /help: help
help-admin =
    Admin commands:
    • /broadcast: write an announcement, pick its audience, preview, send or schedule it
    • /scheduled: scheduled announcements (change time or cancel)
    • /new_offering: create and publish a training or event (reminders go out by themselves)
    • /offerings: manage trainings and events (edit, cancel, lists, Excel, attendance)
    • /needs: training needs; the ranking of members' suggested topics (overall and per cluster), and turning one into a course
    • /grant id role [cluster codes]: give the staff or cluster_agent role
    • /revoke id role: take a role away
    • /staff: list staff and their roles
    • /reports, /export_reports and /show code: reports listed, as an Excel file, and one in full
    • /merge duplicate-code main-code: merge a duplicate into the main report
    • Send a CSV of clusters and estates (columns kind,code,name_fa,name_en) to replace the list

access-denied = Only staff may do this.
access-denied-admin = Only the bot's admins may do this.
list-separator = {", "}
flood-notice = Your messages are arriving very fast. Please wait a few seconds and send again.
error-apology = Sorry, something went wrong and your request was not completed. Please try again; staff have been told about the problem.
error-admin-alert = ⚠️ Bot error: { $error } (update { $update })
admin-alert-token-refused = ⚠️ The bot's token on { $platform } was refused (revoked or replaced?) and the bot stopped on { $platform }. Messages owed to members stay queued; put the valid token in the settings and restart the bot.

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
when-error-past = That time has passed. Write a time in the future.
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
when-error-range = Write one time, not a range, e.g. "{ $example }".
when-error-range-order = The end of the range must come after its start. Try again.
when-button-am = { $hour } am
when-button-pm = { $hour } pm
when-half-chosen = ⏱ { $text }
when-warning-friday = ⚠️ Note: { $day } is a day off.
when-warning-holiday = ⚠️ Note: { $day } is a public holiday ({ $name }).
when-day-kept = ✅ That day is kept.
