# The weekly digest (members: their own news; staff: the numbers and a chart).

digest-member-title = 📰 Your week, { $start } to { $end }
digest-member-reports = 📝 Your reports:
digest-member-report = • Report { $code } “{ $summary }”: { $news }
digest-news-status = status: { $status }
# Between the statuses a report went through, in reading order; between items of a list.
digest-status-arrow = →
digest-comma = ,
digest-news-replies = { $count } staff { $count ->
    [one] reply
   *[other] replies
}
digest-news-joined = { $count } more { $count ->
    [one] member
   *[other] members
} joined it
digest-more = … and { $count } more
digest-member-coming = 🎓 Trainings and events in the coming week:
digest-member-event = • { $title }, { $when } ({ $seats })
digest-seats-left = { $count } seats left
digest-seats-open = no seat limit
digest-button-signup = ✍️ Sign up: { $title }
digest-member-cluster = 🧩 The { $cluster } cluster this week: { $raised ->
        [0] no new reports
        [one] one new report
       *[other] { $raised } new reports
    }{ $resolved ->
        [0] {""}
       *[other] , { $resolved } resolved
    }.
digest-button-off = 🔕 No weekly digest, thanks
digest-opted-out = You will not get the weekly digest any more. Turn it back on from “My profile”.
digest-now-on = The weekly digest is on again.

digest-staff-title = 📊 Staff weekly digest, { $start } to { $end }
    Scope: { $scope }
digest-scope-all = all clusters
digest-staff-totals =
    New reports: { $new } ({ $new_delta })
    Resolved: { $resolved } ({ $resolved_delta })
    Overdue (open and late): { $overdue } ({ $overdue_delta })
digest-delta-up = +{ $count } on last week
digest-delta-down = −{ $count } on last week
digest-delta-same = same as last week
# Short changes from last week in table rows (up, down, unchanged).
digest-change-up = ▲{ $count }
digest-change-down = ▼{ $count }
digest-change-same = =
digest-staff-by-cluster = 🧩 By cluster (new, resolved, overdue; ▲▼ on last week):
digest-staff-by-category = 🗂 By category (new, resolved, overdue; ▲▼ on last week):
digest-staff-row = • { $name }: { $new } new ({ $new_change }), { $resolved } resolved ({ $resolved_change }), { $overdue } overdue ({ $overdue_change })
digest-staff-themes = 🔁 Recurring themes in new reports:
digest-staff-theme = • “{ $word }” in { $count } { $count ->
    [one] report
   *[other] reports
}; { $clusters }
digest-staff-joined = 👥 Open reports with the most co-reporters:
digest-staff-joined-row = • { $code } “{ $summary }” ({ $cluster }): { $count } members joined
digest-staff-slow = 🐢 Slowest outside bodies (average time referred):
digest-staff-slow-row = • { $body }: { $days } days ({ $count } { $count ->
    [one] referral
   *[other] referrals
})
digest-staff-trainings = 🎓 Training fill rates:
digest-staff-training-row = • { $title }: { $registered ->
        [0] nobody signed up yet
       *[other] { $registered } signed up
    }{ $capacity ->
        [0] {" "}(no seat limit)
       *[other] {" "}(of { $capacity } seats)
    }{ $waitlist ->
        [0] {""}
       *[other] , { $waitlist } waitlisted
    }
digest-staff-deliveries = 📣 Announcements this week: { $sent } delivered, { $blocked } blocked or gone, { $failed } failed
digest-chart-title = New reports by category
digest-chart-this-week = This week
digest-chart-last-week = Last week
digest-chart-caption = 📊 New reports this week against last week

digest-preview-staff = 👀 Preview of the staff weekly digest (this week so far):
digest-preview-member = 👀 A sample member digest:
digest-preview-no-member = No member in this scope has news for a digest yet.

profile-digest-on = 📰 Weekly digest: on (tap to turn off)
profile-digest-off = 📭 Weekly digest: off (tap to turn on)
