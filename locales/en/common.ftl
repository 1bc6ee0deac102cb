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
    • "👤 My profile": see and change your details
    • /cancel: leave any step
    • /help: this help
help-form = You are filling in a form. Answer the question below, or send /cancel to stop.
help-staff =
    Staff commands:
    • /reports: reports filtered by status, category, cluster, responsible body and age (agents see only their clusters)
    • /export_reports: the same list as an Excel file
    • /show code: a report's full text, units and history (or the card's "📄 Full text" button)
    • /merge duplicate-code main-code: merge a duplicate into the main report
    • On each report card: "I'll take it" and "Change status"; reply to the card to answer the member (a reply starting with # is an internal note, not sent)
    • /help: help
help-admin =
    Admin commands:
    • /grant id role [cluster codes]: give the staff or cluster_agent role
    • /revoke id role: take a role away
    • /staff: list staff and their roles
    • /reports, /export_reports and /show code: reports listed, as an Excel file, and one in full
    • Send a CSV of clusters and estates (columns kind,code,name_fa,name_en) to replace the list

access-denied = Only staff may do this.
access-denied-admin = Only the bot's admins may do this.
list-separator = {", "}
flood-notice = Your messages are arriving very fast. Please wait a few seconds and send again.
error-apology = Sorry, something went wrong and your request was not completed. Please try again; staff have been told about the problem.
error-admin-alert = ⚠️ Bot error: { $error } (update { $update })

platform-telegram = Telegram
platform-bale = Bale
role-staff = Staff member
role-cluster_agent = Cluster development agent
