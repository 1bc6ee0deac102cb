# Proposals and joint meetings: members support, staff propose, meetings decide.

## members
command-proposals = Cluster proposals
proposal-published =
    📣 Cluster proposal: { $title }
    Problem: { $problem }
    Proposed solution: { $solution }
    If this would solve your unit's problem too, support it; well-supported proposals are taken up at the joint meeting of the Chamber and the estates company.
proposal-button-support = 👍 Support / withdraw
proposal-button-comment = 💬 Short comment
proposal-supported = 👍 You support “{ $title }”. It now has { $count } supporter(s).
proposal-withdrawn = ↩️ Your support for “{ $title }” is withdrawn. It now has { $count } supporter(s).
proposal-support-closed = The proposal “{ $title }” takes no new supports.
proposal-not-for-you = This proposal is not for your cluster.
proposal-support-first = Short comments are for supporters of an open proposal; press “👍 Support” first.
proposal-ask-comment = 💬 Type your short comment on “{ $title }” (at most { $limit } characters). Send /cancel to stop.
proposal-comment-length = Type the comment as one short message (at most { $limit } characters).
proposal-comment-saved = ✅ Your comment is saved; staff see it beside your support.
proposal-comment-cancelled = No comment was saved.
proposal-comment-timeout = The comment was left half-way and closed; press “💬 Short comment” again whenever you like.
proposal-member-none = There is no open proposal for your cluster right now.

## what supporters and the members whose reports are linked are told
proposal-told-open = 📣 A cluster proposal was made from your report: “{ $title }”. Support it if you agree.
proposal-told-agenda = 🗓 The proposal “{ $title }” is on the agenda of the meeting “{ $meeting }” ({ $when }).
proposal-told-decided =
    ⚖️ The meeting's decision on “{ $title }”: { $outcome }
    { $text }
proposal-told-body = Followed up by: { $body }
proposal-told-due = Due: { $due }
proposal-told-done = ✅ The decision on “{ $title }” has been carried out. Thank you for your support.
proposal-decision-accepted = accepted
proposal-decision-partial = accepted in part
proposal-decision-rejected = not accepted
proposal-decision-referred = referred to the responsible body
proposal-status-draft = draft
proposal-status-open = open for support
proposal-status-agenda = on a meeting's agenda
proposal-status-decided = decided
proposal-status-done = done

## staff: the list and cards
proposal-staff-intro = 📣 Cluster proposals: write a new one; recent proposals with their supports and evidence follow.
proposal-button-new = ➕ New proposal
proposal-card =
    📣 Proposal { $number }: { $title }
    Status: { $status }
    Clusters: { $clusters }
    Addressed to: { $body }
    Supports: { $supports } ({ $by_cluster })
    Evidence: { $reports } report(s) with { $members } member(s), { $surveys } survey(s), { $topics } training topic(s)
proposal-card-decision = Decision: { $outcome } — { $text } (due: { $due })
proposal-button-supporters = 👥 Supporters
proposal-button-agenda = 🗓 To a meeting's agenda
proposal-button-decide = ⚖️ Record the decision
proposal-button-done = ✅ Done
proposal-supporters-head = 👥 Supporters of “{ $title }” ({ $count } unit(s)):
proposal-supporter = • { $company } — { $cluster } { $comment }
proposal-no-meetings = No joint meeting is published. Make a “meeting” with /new_offering first.
proposal-choose-meeting = On which meeting's agenda should “{ $title }” go?
proposal-meeting-choice = { $title } — { $when }
proposal-on-agenda = 🗓 “{ $title }” is on the meeting's agenda; its supporters and reporters were told.
proposal-not-open = This proposal is no longer open.
proposal-not-on-agenda = This proposal is not on a meeting's agenda.
proposal-not-decided = No decision has been recorded on this proposal yet.
proposal-marked-done = ✅ “{ $title }” is recorded as done; its supporters and reporters were told.

## staff: writing a proposal
proposal-ask-title = 📣 Type the proposal's title. Send /cancel to stop.
proposal-text-length = Please type between 3 and { $limit } characters.
proposal-ask-problem = Describe the problem (who suffers from it, and how).
proposal-ask-solution = What is the proposed solution?
proposal-ask-body = Which body is the proposal addressed to?
proposal-button-no-body = No particular body
proposal-body-chosen = Body: { $body }
proposal-pick-clusters = Which clusters is the proposal for? Press each cluster (at least one).
proposal-pick-one-cluster = Choose at least one cluster.
proposal-button-clusters-done = ✔️ Confirm clusters
proposal-clusters-chosen = ✔️ Clusters chosen.
proposal-ask-reports = Type the tracking codes of the reports behind this proposal, separated by spaces (for example 482107 391520), or press “No reports”.
proposal-button-no-reports = No reports
proposal-no-reports = No linked report.
proposal-reports-unknown = These codes were not found or are not in your clusters: { $codes }. Please type the codes again.
proposal-ask-links = Tick related surveys and training topics (optional), then press “Continue”.
proposal-link-survey = 📋 { $title }
proposal-link-topic = 🎓 { $title }
proposal-button-links-done = ✔️ Continue
proposal-links-chosen = ✔️ Evidence chosen.
proposal-confirm =
    📣 Preview of the proposal “{ $title }”
    Problem: { $problem }
    Solution: { $solution }
    Addressed to: { $body }
    Clusters: { $clusters }
    Evidence: { $reports } report(s) with { $members } member(s), { $surveys } survey(s), { $topics } training topic(s)
    Publish it for these clusters' members to support?
proposal-button-publish = 📤 Publish for support
proposal-published-staff = ✅ Proposal { $number } (“{ $title }”) is published and goes to its clusters' members. See its supports with /proposals.
proposal-form-cancelled = Nothing was saved.
proposal-form-timeout = The proposal form was left half-way and closed. Start again with /proposals.

## staff: recording a decision
proposal-ask-outcome = ⚖️ What did the meeting decide on “{ $title }”?
proposal-outcome-chosen = Decision: { $outcome }
proposal-ask-decision-text = Type the decision as the minutes word it.
proposal-ask-decision-body = Which body is responsible for carrying it out?
proposal-ask-due = When is it due? Type the date (for example { $example }) or press “No due date”.
proposal-button-no-due = No due date
proposal-confirm-decision =
    ⚖️ Decision on “{ $title }”: { $outcome }
    { $text }
    Responsible: { $body }
    Due: { $due }
    Record it? Every supporter and linked reporter is told, and the linked reports are referred to the responsible body.
proposal-button-record-decision = ⚖️ Record the decision
proposal-decision-recorded = ⚖️ The decision on “{ $title }” is recorded; supporters and reporters are being told.

## joint meetings
meeting-head = 🗓 Meeting “{ $title }” — { $when } — { $count } proposal(s) on the agenda:
meeting-item = { $number }. { $title } ({ $status })
meeting-button-pack = 📦 Proposal pack (Excel)
meeting-agenda-empty = This meeting's agenda is still empty.
meeting-pack-caption = 📦 Proposal pack of the meeting “{ $title }” ({ $count } proposal(s))
meeting-col-order = No.
meeting-col-title = Title
meeting-col-clusters = Clusters
meeting-col-problem = Problem
meeting-col-solution = Solution
meeting-col-body = Addressed to
meeting-col-supports = Supporters
meeting-col-by_cluster = Supporters by cluster
meeting-col-reports = Linked reports
meeting-col-members = Reporting members
meeting-col-surveys = Surveys
meeting-col-topics = Training topics
meeting-col-status = Status
meeting-col-decision = Decision
meeting-col-due = Due
meeting-col-due_gregorian = Due (Gregorian)

## in the weekly digests
digest-member-proposals = 📣 Open proposals of your cluster to support:
digest-member-proposal = • { $title } ({ $count } supporter(s))
digest-staff-proposals = 📣 Open proposals: { $open }, on a meeting's agenda: { $agenda }
digest-staff-overdue-decisions = ⏰ Meeting decisions past their due date:
digest-staff-overdue-decision = • { $title } — due { $due } ({ $body })
proposal-button-save-draft = 💾 Keep as a draft
proposal-saved-draft = 💾 Proposal { $number } (“{ $title }”) is kept as a draft and was sent to nobody. When it is ready, press “📤 Publish for support” in /proposals.
proposal-not-draft = This proposal is no longer a draft.

## reports on a meeting's agenda by themselves
meeting-item-report-open = { $number }. Report { $code }: { $summary } ({ $status })
meeting-item-report-decided = { $number }. Report { $code }: { $summary } ({ $status }; decision recorded)
meeting-button-add-report = ➕ Report to the agenda
meeting-button-decide-report = ⚖️ Decision: report { $code }
meeting-ask-report = Type the tracking code of the report to put on the agenda of “{ $title }”. Send /cancel to stop.
meeting-report-added = 🗓 Report { $code } is on the meeting's agenda; its members are being told.
meeting-report-there = Report { $code } is on this meeting's agenda already.
meeting-report-ask-decision = ⚖️ What did the meeting decide on report { $code } (“{ $summary }”)? Type the decision as the minutes word it.
meeting-report-confirm-decision =
    ⚖️ Decision on report { $code } (“{ $summary }”):
    { $text }
    Responsible: { $body }
    Due: { $due }
    Record it? The report's members are told, and the report is referred to the body named, if any.
meeting-report-decision-recorded = ⚖️ The decision on report { $code } is recorded; its members are being told.
meeting-report-decided-already = The decision on this report was recorded already.
meeting-report-told-agenda = 🗓 Your report { $code } is on the agenda of the meeting “{ $meeting }” ({ $when }).
meeting-report-told-decided =
    ⚖️ The meeting “{ $meeting }” decided on your report { $code }:
    { $text }
meeting-pack-report = Report { $code }
