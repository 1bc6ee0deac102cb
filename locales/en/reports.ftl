# Problem reports (members' side).

command-report = Report a problem
command-myreports = My reports
command-track = Track by code
menu-report = 📝 Report a problem
menu-my-reports = 📋 My reports

category-electricity = Electricity and energy
category-infrastructure = Estate infrastructure and services
category-finance = Finance and banking
category-raw_materials = Raw materials and parts
category-market = Market, sales and exhibitions
category-export = Export, import and customs
category-permits = Permits and regulations
category-tax_insurance = Tax and insurance
category-workforce = Workforce and training
category-technology = Technology and innovation
category-other = Other

report-status-new = Filed
report-status-in_review = Under review
report-status-referred = Referred to the responsible body
report-status-resolved = Resolved
report-status-closed = Closed
report-status-rejected = Rejected
report-status-merged = Merged
report-status-withdrawn = Withdrawn

report-ask-description = Describe the problem in your own words. You can send several messages, photos, files or voice notes. Press "✅ Done" at the end.
report-resume = Your unfinished report is kept; let's continue where you left off.
report-received = ✔️ Received ({ $messages ->
        [one] { $messages } message
       *[other] { $messages } messages
    }{ $files ->
        [0] {""}
        [one] , { $files } file
       *[other] , { $files } files
    }). Send more if you like, or press "✅ Done".
report-button-done = ✅ Done
report-empty = First describe the problem in a few words.
report-need-words = Please describe the problem in a few words.
report-too-long = This message was not saved: the description would be too long. Press "✅ Done", or write more briefly.
report-too-many-files = You can attach 5 files at most.
report-unsupported = I cannot attach this kind of message. Send text, a photo, a file or a voice note.
report-no-forwards = Please don't forward others' messages; describe the problem in your own words.
report-ask-category = This looks like "{ $category }" (from { $words }). Is that right? If not, choose another category.
report-ask-category-all = Choose the category:
report-ask-category-none = We could not tell the category from your text. Please choose it:
report-button-all-categories = 📋 All categories
report-similar =
    Other units have reported this problem too. If yours is the same, join it so it is followed up in one place:

    { $lines }
report-similar-line = { $number }. { $summary } ({ $units } units)
report-button-me-too = 🙋 Mine is the same ({ $number })
report-button-different = ➕ Mine is different
report-joined-short = ✔️ Mine is the same
report-joined = You joined report { $code }. You will get its news from now on.
report-ask-urgency = Is this urgent?
report-button-normal = Normal
report-button-urgent = 🔴 Urgent
report-normal = Normal
report-urgent = Urgent
report-ask-summary =
    Write a short title for the report, or accept this one (other units see the title: no names or numbers):
    "{ $summary }"
report-button-keep-summary = ✅ That's fine
report-summary-too-long = The title must be short (100 characters at most).
report-summary-no-phone = Other units see the title too; please write it without the phone number (put the number in the description if staff need it).
report-confirm =
    Your report:
    🗂 Category: { $category }
    ⏱ Urgency: { $urgency }
    📌 Title: { $summary }
    📎 Attachments: { $files }

    { $description }
report-button-send = ✅ Send the report
report-sent-short = ✔️ Send the report
report-filed = Your report is filed. 🌱 Tracking code: { $code } — see its status with "📋 My reports" or /track { $code }.
report-cancelled = Report cancelled.
report-cancel-pressed = ✔️ Cancel

report-none-yet = You have not reported anything yet. Start with "📝 Report a problem".
report-list =
    Your reports ({ $total }):
    { $lines }
report-list-line = • { $code }{ $urgent ->
        [1] {" "}· 🔴 Urgent
       *[0] {""}
    } — { $status } — { $date }: { $summary }
report-details =
    Report { $code }
    Status: { $status }{ $urgent ->
            [1] {" "}· 🔴 Urgent
           *[0] {""}
        }
    Category: { $category }
    Units affected: { $units }
    📌 { $summary }

    { $description }

    History:
    { $history }
report-event-filed = • { $date }: filed
report-event-joined = • { $date }: another unit joined the report
report-event-other = • { $date }: updated
report-track-usage = Write the tracking code after the command, e.g. /track 123456
report-track-not-a-code = A tracking code is digits only; write it after the command, e.g. /track 123456
report-not-found = None of your reports or requests for advice has the code { $code }.

# Staff side.
triage-new-report =
    🆕 New report { $code } — { $cluster }
    🗂 { $category } · ⏱ { $urgency } · units: { $units } ({ $by_cluster })
    👤 { $reporter } — { $company }
    📌 { $summary }
    📎 Attachments: { $attachments }

    { $description }
triage-button-take = 🙋 I'll take it
triage-button-status = 🔄 Change status
triage-taken = The report is yours now and "Under review".
triage-taken-already = You took this report already.
triage-already-moved = This report's status has already changed.
triage-choose-status = New status for report { $code } (now: { $status }):
triage-status-set = The status changed to “{ $status }”.
triage-status-set-rejected = The status is “{ $status }” now. Reply to the report's card with the reason: the member gets it.
triage-reply-relayed = ✔️ Reply saved; it is on its way to { $count } members.
report-status-changed = The status of report { $code } (“{ $summary }”) changed to “{ $status }”.
report-staff-reply =
    💬 Staff reply to report { $code }:
    { $text }

# After filing: follow-ups, withdrawal, "was it solved?".
report-event-status = • { $date }: { $status }
report-event-reply = • { $date }: staff reply: { $text }
report-event-follow_up = • { $date }: you added: { $text }
report-event-reopened = • { $date }: not solved: { $text }
report-button-follow-up = ➕ Add details
report-button-withdraw = ↩️ Withdraw
report-ask-follow-up = Write what to add to report { $code } (or send a photo, file or voice note).
report-ask-why-not-solved = We're sorry. Write what is still wrong, so report { $code } is looked at again.
report-follow-up-saved = Your addition to report { $code } is saved and on its way to staff.
report-reopened = Report { $code } is open again and "Under review".
report-attachment-only = (an attachment)
report-withdraw-confirm = Withdraw report { $code }? Staff will stop following it up.
report-button-withdraw-yes = Yes, withdraw it
report-button-keep = No, keep it
report-withdrawn = Report { $code } is withdrawn.
report-was-it-solved = Staff marked report { $code } as resolved. Is your problem really solved?
report-button-solved = ✅ Yes, solved
report-button-not-solved = ❌ Not yet
report-ask-score = From 1 to 5, how satisfied are you with the follow-up?
report-score = { $score } ⭐
report-thanks = Thank you for your feedback. 🌱

triage-member-follow-up =
    ➕ The member added to report { $code }:
    { $text }
triage-member-reopened =
    🔁 The member says report { $code } is not solved; it is under review again:
    { $text }
triage-member-withdrew = ↩️ The member withdrew report { $code }.
triage-member-rated = ⭐ The member confirmed report { $code } is solved; satisfaction { $score } of 5.

# Staff lists and export.
staff-list =
    📋 Reports ({ $total }) — { $filter }
    { $lines }
staff-list-empty = No reports match — { $filter }
staff-list-filter = status: { $status } · category: { $category } · cluster: { $cluster }{ $age }{ $body }
staff-list-line = • { $overdue }{ $code }{ $urgent ->
        [1] {" "}· 🔴 Urgent
       *[0] {""}
    } — { $status } — { $category } — { $cluster } — { $units } — { $date }: { $summary }
staff-units = { $count ->
    [one] { $count } unit
   *[other] { $count } units
}
staff-units-by-cluster = { $count } units ({ $by_cluster })
staff-button-status = 🔄 Status
staff-button-category = 🗂 Category
staff-button-cluster = 🧩 Cluster
staff-button-body = 🏛 Body
staff-button-age = ⏳ Age
staff-button-export = 📥 Excel file
staff-choose-filter = Choose:
staff-any = Any
staff-age = Over { $days } days
staff-status-open = Open
staff-status-all = All
staff-status-new = Filed
staff-status-in_review = Under review
staff-status-referred = Referred
staff-status-resolved = Resolved
staff-status-closed = Closed
staff-status-rejected = Rejected
staff-yes = Yes
staff-no = No
staff-export-caption = Reports: { $count } rows
export-col-code = Tracking code
export-col-cluster = Cluster
export-col-category = Category
export-col-status = Status
export-col-urgent = Urgent
export-col-summary = Title
export-col-created = Filed
export-col-updated = Last change
export-col-created_gregorian = Filed (Gregorian)
export-col-updated_gregorian = Last change (Gregorian)
export-col-co_reporters = Co-reporters
export-col-overdue = Overdue
export-col-outside_body = Responsible body
export-col-attachments = Attachments
export-col-description = Full description
triage-button-category = 🗂 Category
triage-button-body = 🏛 Responsible body
triage-choose-category = New category:
triage-choose-body = Refer to which body?
triage-category-set = The category changed to “{ $category }”.
triage-body-set = The report was referred to “{ $body }”.
triage-member-joined = 🙋 A unit from cluster "{ $cluster }" has the same problem. Report { $code } now covers { $units } units: { $by_cluster }
triage-merge-usage = Usage: the duplicate report's code first, then the original report's code. E.g. /merge 123456 654321 (report 123456 is the duplicate and is merged into the original, 654321)
triage-merge-unknown = One of these codes was not found.
triage-merge-refused = Cannot merge: both reports must be open (and the codes different).
triage-merged = The duplicate report { $source } was merged into the original report { $target }; its members now follow { $target }.
report-merged = Your report { $code } was joined with the similar report { $target }. You will get the news of report { $target } from now on.

report-shared = (Another unit filed this problem; you have joined it.)
report-join-too-late = That report has just been closed; yours will be filed separately.
report-follow-up-too-late = This report is no longer open; your addition was not added. To report a new problem, press "📝 Report a problem".
report-reply-not-open = Report { $code } is no longer open, so your message was not added to it.
triage-reply-not-relayed = ⚠️ The reply is saved, but no member is left to receive it.
staff-list-body = {" · "}responsible body: { $body }
staff-list-age = {" · "}older than { $days } days
triage-note-kept = 📝 Internal note kept (not sent to the member).

# The whole of a report, for staff (the card's "full text" button and /show).
triage-button-full = 📄 Full text
triage-full-usage = Write the tracking code after the command, e.g. /show 123456
triage-full-unknown = No report has the code { $code }.
triage-full-report =
    📄 Report { $code } — { $cluster }
    Status: { $status } · 🗂 { $category } · ⏱ { $urgency }
    🏛 Responsible body: { $body }
    Units: { $units } ({ $by_cluster })
    👤 { $reporter } — { $company }
    🕓 Filed: { $created } · last change: { $updated }
    📌 { $summary }
    📎 Attachments: { $attachments }
triage-full-description =
    📝 Full description:
    { $text }
triage-full-history =
    🗂 History:
    { $lines }
triage-full-continued = (report { $code }, continued)
triage-full-a-member = a member
triage-full-a-staff-member = staff
triage-full-event-filed = • { $when } — filed ({ $who })
triage-full-event-joined = • { $when } — 🙋 { $who } has the same problem: { $text }
triage-full-event-status = • { $when } — status from "{ $before }" to "{ $after }" ({ $who })
triage-full-event-reply = • { $when } — 💬 { $who } replied to the members: { $text }
triage-full-event-note = • { $when } — 📝 internal note by { $who }: { $text }
triage-full-event-follow_up = • { $when } — ➕ { $who } added: { $text }
triage-full-event-reopened = • { $when } — 🔁 { $who }: not solved: { $text }
triage-full-event-category = • { $when } — category set to "{ $category }" ({ $who })
triage-full-event-referred = • { $when } — referred to "{ $body }" ({ $who })
triage-full-event-merged_in = • { $when } — report { $source } was merged into this one ({ $who })
triage-full-event-other = • { $when } — updated ({ $who })
report-form-timeout = Your unfinished report waited a while. What you wrote and sent is kept; tap "📝 Report a problem" whenever you like and we carry on from there.
report-follow-up-timeout = Adding details was closed. Whenever you like, tap "Add details" again from "📋 My reports".

# Files members attached (at filing or with a follow-up), as staff see them.
triage-button-attachments = 📎 Attachments
attachments-none = none
attachment-count-photo = { $count ->
    [one] { $count } photo
   *[other] { $count } photos
}
attachment-count-document = { $count ->
    [one] { $count } file
   *[other] { $count } files
}
attachment-count-voice = { $count ->
    [one] { $count } voice note
   *[other] { $count } voice notes
}
attachment-kind-photo = photo
attachment-kind-document = file
attachment-kind-voice = voice note
triage-attachments-sending = 📎 Sending { $count } attachment(s), in order.
triage-attachments-already-sending = 📎 This report's attachments are on their way already.
triage-attachments-none-yet = This report has no attachments (yet).
triage-attachment-caption = 📎 Report { $code } — attachment { $number } of { $total }
triage-attachment-elsewhere =
    📎 Report { $code } — attachment { $number } of { $total } ({ $kind }) was sent on { $platform }, and the bot cannot bring it here right now ({ $platform } is unreachable or the file is over 20 MB).
    See it on { $platform }, or press "📎 Attachments" again a little later.
triage-attachment-failed = 📎 Report { $code } — attachment { $number } of { $total } ({ $kind }) could not be sent. Press "📎 Attachments" again a little later.
export-attachments = { $total ->
    [0] { $total }
   *[other] { $total }: { $kinds }
}

# Text typed outside any form (handlers/menu.py): quoted back and offered as a report.
loose-text-offer =
    “{ $text }”

    Report this as a problem?
loose-text-button-report = 📝 Yes, report it
loose-text-button-dismiss = No, thanks
loose-text-dismissed = OK, not reported. Use the menu buttons for anything else.
loose-text-taken = 📝 The report form opened with this text.
report-form-already-open = 📝 The report form is already open with this text; carry on there.
report-from-text = ✔️ Your text starts the description. Send more details, photos or files if you have any, or tap “✅ Done”.
report-from-text-resumed = ✔️ Your text was added to the report you had not finished. Send more if you have any, or tap “✅ Done”.

# The card wherever it appears (handlers/triage_cards.py), its reply and merge (handlers/triage_input.py).
triage-button-reply = ✍️ Reply to member
triage-button-merge = 🔗 Merge into another report
staff-button-open = { $code }
staff-button-open-urgent = 🔴 { $code }
triage-reply-ask =
    ✍️ Write your reply to the members of report { $code } here (a photo, file or voice note works too).
    A message starting with # stays an internal note and does not reach the member.
triage-merge-ask = 🔗 If report { $code } is a duplicate, write the original report's code: report { $code } is merged into it, and its members get the original's news from then on.
triage-merge-bad-code = That is not a tracking code. Write the original report's code in digits (e.g. 123456), or tap “Cancel”.
triage-merge-same = That is the same report. Write the code of the original, or tap “Cancel”.
triage-input-wrong = This kind of message cannot be sent. Send text, a photo, a file or a voice note, or tap “Cancel”.
triage-input-cancelled = OK, nothing was sent.
triage-input-timeout = The reply was closed. Tap “✍️ Reply to member” on the report's card again whenever you like.
triage-full-attachments =
    📎 Attachments (the “📎 Attachments” button sends them to you):
    { $lines }
triage-full-attachment-line = { $number }. { $kind } — { $when }
triage-full-attachment-named = { $number }. { $kind } “{ $name }” — { $when }

# A report with no text (a voice note or a photo alone).
report-ask-category-no-text = 🎙 We got your message. Which category is the problem in?
report-ask-summary-words = 📌 As there is no text, write the report's title in a few words so staff and other units know what the problem is (e.g. “power cut in the estate”; no names or numbers):

# A photo, file or voice note sent at the menu (handlers/menu.py).
loose-file-photo = 🖼 The photo you sent
loose-file-voice = 🎤 The voice note you sent
loose-file-document = 📎 The file you sent
loose-file-offer =
    { $what }

    Report this as a problem?
loose-file-offer-caption =
    { $what }, with the text “{ $text }”

    Report this as a problem?
loose-file-taken = 📝 The report form opened with this file.
report-from-file = ✔️ Your file is attached to the report. Now describe the problem in a few words, then tap “✅ Done”.
report-from-file-text = ✔️ Your file is attached to the report and its text starts the description. Send more details, photos or files if you have any, or tap “✅ Done”.
report-from-file-resumed = ✔️ Your file was attached to the report you had not finished. Send more if you have any, or tap “✅ Done”.

# An album (several photos or files sent together) at the menu (handlers/menu.py): one offer.
loose-album-photos = 🖼 The { $count } photos you sent
loose-album-files = 📎 The { $count } files you sent
loose-album-offer =
    { $what }

    Report them as a problem?
loose-album-offer-caption =
    { $what }, with the text “{ $text }”

    Report them as a problem?
loose-album-taken = 📝 The report form opened with these { $count } attachments.
report-from-album = ✔️ Your { $count } attachments are attached to the report. Now describe the problem in a few words, then tap “✅ Done”.
report-from-album-text = ✔️ Your { $count } attachments are attached to the report and their text starts the description. Send more details, photos or files if you have any, or tap “✅ Done”.
report-from-album-resumed = ✔️ Your { $count } attachments were attached to the report you had not finished. Send more if you have any, or tap “✅ Done”.
