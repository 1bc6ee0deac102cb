# Needs assessment: training topics members ask for, and their votes.

needs-button-suggest = 💡 Suggest a training topic
needs-button-topics = 🗳 Suggested topics
needs-ask-topic = 💡 What training do you need? Write the topic in your own words in one message (e.g. “exporting to Iraq”). /cancel to stop.
needs-topic-length = Please write the topic as one short text message (3 to { $limit } characters).
needs-topic-new = ✅ Your suggestion is recorded. Other members can vote for it; staff run courses on the most wanted.
needs-topic-joined = ✅ Your suggestion is recorded. It was like “{ $title }”, so it counts as your vote for it (now { $votes } votes).
needs-cancelled = Nothing was suggested.
needs-none = No topic has been suggested yet. Be the first!
needs-list-title = 🗳 Suggested topics (tap one to vote, or to take your vote back):
needs-list-item = { $rank }. { $title } — { $votes } votes
needs-voted = Your vote is counted.
needs-unvoted = Your vote is taken back.
needs-topic-closed = This topic is no longer open (a course may have been made of it).
needs-topic-not-yours = Members of other clusters asked for this topic too; turning it into an offering is for the provincial staff.
needs-staff-none = No training topic has been suggested or voted for yet.
needs-staff-overall = 🗳 Most wanted training topics:
needs-staff-cluster = 🧩 { $cluster }:
needs-button-make-offering = 🎓 A course on “{ $title }”
needs-form-timeout = The question "what training do you need?" went unanswered and was closed. Tap "💡 Suggest a training topic" again whenever you like.
