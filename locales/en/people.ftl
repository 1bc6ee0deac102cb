# One person on both platforms (linking), and a member's own data (see and delete).

link-offer =
    This number is also registered on { $platform }, as "{ $name }".
    Link the two accounts? You will be one member with two ways in: your reports and sign-ups show on both, and each message comes once, on the messenger you used last.
link-button-yes = 🔗 Yes, link them
link-button-no = No, register separately
link-gone = This link is no longer possible; we carry on with a separate registration.
link-done = { $name }, this account is now linked to your { $platform } account. 🔗 Use the menu below.
link-profile-last = 🔗 Linked on both messengers; messages come to the one you used last (now { $platform }).
link-profile-chosen = 🔗 Linked on both messengers; messages always come to { $platform }.
link-prefer-last = Used last
link-prefer-saved = Messages will come to { $platform } from now on.
link-button-unlink = ✂️ Unlink the { $platform } account
link-confirm-unlink = Unlink the { $platform } account from your profile? Your reports and sign-ups stay here, and that account will have to register again.
link-button-unlink-yes = ✂️ Yes, unlink
link-unlinked = ✔️ The { $platform } account is unlinked.

mydata-button = 🗂 My data
delete-button = 🗑 Delete account
mydata-show =
    🗂 Everything we keep about you:

    { $body }
mydata-profile = { $card }
mydata-phone-verified = ✅ The number was confirmed with the "share my number" button.
mydata-phone-typed = ✍️ You typed the number yourself (not confirmed).
mydata-accounts = 🔑 Accounts: { $accounts }
mydata-account = { $platform } messenger (id { $id })
mydata-settings = 🔔 Announcements: { $announcements }; 📰 Weekly digest: { $digest }
mydata-on = on
mydata-off = off
mydata-since = 📅 Member since { $since }; last changed { $updated }
mydata-reports = 📝 Reports: { $count }
mydata-report-filed = • { $code } — { $summary } — { $status } — { $date }
mydata-report-joined = • { $code } (with others) — { $summary } — { $status } — { $date }
mydata-signups = 🎓 Sign-ups: { $count }
mydata-signup = • { $title } — { $when } — { $status }
mydata-ideas = 💡 Training suggestions: { $count }; votes: { $votes }
mydata-idea = • { $text }
mydata-requests = 💬 Requests for advice: { $count }
mydata-request = • { $code } — { $summary } — { $status } — { $date }
mydata-voice = 🗳 Surveys you answered: { $surveys }; proposals you support: { $supports }
mydata-survey = 🗳 Your answers to “{ $title }”:

delete-confirm =
    Delete your account?
    • Your name, unit, mobile number and Bale and Telegram ids are erased.
    • Your reports stay, without your name, in the cluster's record.
    • Your sign-ups are cancelled and your seats go to the next on the waitlists.
    • Nothing more will be sent to you.
    This cannot be undone.
delete-button-yes = 🗑 Yes, delete
delete-button-keep = No, keep it
delete-done-short = ✔️ Account deleted.
delete-done = Your account and personal data are erased. If you ever want to come back, send /start.
delete-kept = ✔️ Nothing changed.
