# Surveys: composing (staff), answering (members), results.

## the invitation and answering
command-surveys = Open surveys
survey-invite =
    📋 Survey: { $title }
    Please answer a few short questions with the buttons. You can change your answers until { $closes }.
survey-button-answer = 📝 Answer
survey-question =
    📋 { $title }
    Question { $number } of { $total }:
    { $text }
    { $hint }
survey-hint-single = Choose one.
survey-hint-multi = Tick every option that applies, then press “✔️ Save and next”.
survey-hint-scale = Choose from 1 (very little) to 5 (very much).
survey-hint-number = Type a number.
survey-hint-text = Type your answer in one message.
survey-current-answer = Your current answer: { $answer }
survey-button-next = ✔️ Save and next
survey-answered = ✅ { $text }
    Your answer: { $answer }
survey-resuming = Carrying on from the first unanswered question; your earlier answers are saved.
survey-summary = ✅ Your answers to “{ $title }”:
survey-summary-line = { $number }. { $text } — { $answer }
survey-summary-change = Until { $closes } you can change any answer with the buttons below. Thank you for your time.
survey-button-change = ✏️ Question { $number }
survey-pick-one = Tick at least one option.
survey-number-please = Please type just one number (for example 250).
survey-text-length = Type your answer as one text message (at most { $limit } characters).
survey-use-buttons = Please press one of the buttons for this question.
survey-use-text = Please type the answer to this question as text.
survey-paused = Your answers so far are saved. Press “📝 Answer” under the invitation whenever you like to carry on where you left off.
survey-form-timeout = The survey was left half-way. Your answers are saved; press “📝 Answer” to carry on where you left off.
survey-not-for-you = This survey was not sent to you.
survey-not-open-yet = The survey “{ $title }” has not started yet.
survey-closed = The survey “{ $title }” is closed and takes no new answers.
survey-member-none = There is no open survey for you right now.
survey-member-list = 📋 Open surveys for you (press one to answer or carry on):

## staff: the list, results and export
survey-staff-intro = 📋 Surveys: make a new survey or start from a ready template. Recent surveys follow.
survey-button-new = ➕ New survey
survey-template-tech_needs = 🧰 Template: technology needs
survey-template-satisfaction = 🧰 Template: training satisfaction
survey-template-title-tech_needs = Your unit's technology needs for the coming year
survey-template-title-satisfaction = Satisfaction with the training
survey-staff-item-open = 🟢 Survey { $number }: { $title }
    Open until { $closes } — { $answers } respondent(s)
survey-staff-item-waiting = ⏳ Survey { $number }: { $title }
    From { $opens } until { $closes } — { $answers } respondent(s)
survey-staff-item-closed = ⏹ Survey { $number }: { $title }
    Closed — { $answers } respondent(s)
survey-button-results = 📊 Results
survey-button-export = 📥 Excel
survey-button-close = ⏹ Close
survey-button-close-yes = ⏹ Yes, close it
survey-confirm-close = Close the survey “{ $title }”? Nobody can answer or change an answer after that.
survey-already-closed = This survey was closed already.
survey-closed-now = ⏹ The survey “{ $title }” is closed.
survey-results-head =
    📊 Results of “{ $title }”
    Respondents: { $respondents } (complete: { $complete })
    By cluster: { $clusters }
survey-result-question = { $number }. { $text } ({ $answered } answer(s))
survey-result-option = • { $option }: { $count } ({ $percent }%)
survey-result-cluster = ◦ { $cluster }: { $counts }
survey-result-mean = Average: { $mean }
survey-result-range = Lowest { $low }, highest { $high }
survey-result-themes = Recurring themes: { $themes }
survey-result-theme = { $word } ({ $count })
survey-result-sample = “{ $text }”
survey-chart-title = Survey: { $title }
survey-chart-caption = 📊 Chart of the answers to “{ $title }”
survey-no-answers = Nobody has answered yet.
survey-export-caption = 📥 Answers to the survey “{ $title }” ({ $count } respondent(s))
survey-col-company = Unit
survey-col-cluster = Cluster
survey-col-complete = Complete
survey-col-updated = Last answer
survey-col-updated_gregorian = Last answer (Gregorian)
survey-yes = Yes
survey-no = No

## staff: composing
survey-ask-title = 📋 Type the survey's title (for example “Need for accounting software”). Send /cancel to stop.
survey-title-length = Type the title as one short message (3 to { $limit } characters).
survey-ask-kind = What kind is question { $number } (at most { $limit } questions)?
survey-kind-single = Single choice
survey-kind-multi = Multiple choice
survey-kind-scale = Score 1 to 5
survey-kind-number = Number
survey-kind-text = Free text
survey-kind-chosen = Question kind: { $kind }
survey-button-questions-done = ✔️ Questions are complete
survey-too-many = At most { $limit } questions.
survey-ask-question = Type the question.
survey-question-length = Type the question as one message (3 to { $limit } characters).
survey-ask-options = Type the options, one per line ({ $low } to { $high } options).
survey-options-bad = One option per line: { $low } to { $high } options, each at most { $limit } characters.
survey-questions-written = ✔️ Questions written.
survey-template-loaded =
    🧰 The template “{ $title }” is ready with these questions:
    { $list }
survey-audience-card =
    👥 Who should be asked this survey?

    🧩 Clusters: { $clusters }
    📍 Estates: { $estates }
    💼 Roles: { $roles }
    📱 Messenger: { $platforms }

    Members asked: { $count }
survey-audience-chosen = 👥 This survey reaches { $count } member(s).
survey-ask-opens = When does the survey open? Press “Right now” or type a date and time (for example { $example }).
survey-button-open-now = ▶️ Right now
survey-opens-now = ▶️ The survey opens when it is published.
survey-ask-closes = Opens { $opens }. Until when are answers taken? Type the closing date and time (for example { $example }).
survey-closes-before-opens = The closing time must be after the opening ({ $opens }). Please type it again.
survey-closes-passed = The closing time has passed; please make the survey again.
survey-opens-on-publish = right now
survey-summary-question = { $number }. [{ $kind }] { $text }
survey-confirm =
    📋 Preview of the survey “{ $title }”
    { $questions }
    Audience: { $count } member(s)
    Opens: { $opens }
    Closes: { $closes }
    Publish it?
survey-button-publish = 📤 Publish
survey-published = ✅ Survey { $number } (“{ $title }”) is published; the invitation goes to { $count } member(s). See the results with /surveys.
survey-form-cancelled = The survey was not published.
survey-compose-timeout = Making the survey was left half-way and closed. Start again with /surveys.
survey-type-text = Please type text here.

## the ready templates: technological needs of a unit, satisfaction after a training
survey-tpl-tech-technologies = Which technologies will your unit need most in the coming year?
    .options =
        Automation and robotics
        AI and data analysis
        Software (accounting, sales)
        New machines and equipment
        Energy and lower consumption
        Laboratory and quality control
survey-tpl-tech-skills = Which skills do your staff need?
    .options =
        Technical and maintenance
        Software and computers
        Marketing and sales
        Management and planning
        Export and foreign languages
survey-tpl-tech-machines = What is the most important machine or software your unit needs?
survey-tpl-tech-budget = About how many million tomans can you spend on these needs next year?
survey-tpl-tech-obstacle = What stops you most from meeting these needs?
    .options =
        No capital or loan
        No skilled staff
        Not knowing a suitable supplier
        Sanctions and foreign currency
        Permits and regulations
survey-tpl-tech-obstacle-more = If you like, tell us more about the obstacles or your needs.
survey-tpl-sat-overall = Overall, how satisfied were you with this training?
survey-tpl-sat-useful = How useful is the training's content for your unit?
survey-tpl-sat-teacher = How do you rate the teacher?
survey-tpl-sat-recommend = Would you recommend this training to colleagues?
    .options =
        Yes
        Maybe
        No
survey-tpl-sat-better = What should we improve in the next trainings?

## in the weekly digests
digest-member-surveys = 📋 Open surveys for you:
digest-member-survey = • { $title } — until { $closes }
survey-button-answer-titled = 📝 Survey: { $title }
digest-staff-surveys = 📋 Open surveys:
digest-staff-survey = • { $title }: { $answers } respondent(s), until { $closes }
survey-pick-training = Or ask those signed up for a training or event (for a satisfaction survey, say):
survey-button-training = 👥 Signed up for “{ $title }”

# The delivery of a survey's invitation, told to its composer as a broadcast's is.
survey-invite-progress =
    📤 Sending the invitation to the survey “{ $title }”…
    Delivered: { $sent } of { $total }
    Failed: { $failed } · Blocked the bot: { $blocked } · Unreachable: { $left }
survey-invite-progress-done =
    ✅ The invitation to the survey “{ $title }” has been sent.
    Delivered: { $sent } of { $total }
    Failed: { $failed } · Blocked the bot: { $blocked } · Unreachable: { $left }
survey-invite-report =
    📊 Delivery report of the invitation to the survey “{ $title }”
    Members asked: { $total }
    ✅ Delivered: { $sent }
    ⚠️ Failed: { $failed }
    🚫 Blocked the bot: { $blocked }
    👋 Unreachable: { $left }
survey-invite-failed-list-caption = Members who did not get the invitation to the survey “{ $title }” ({ $count }).
