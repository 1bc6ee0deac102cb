# Registration and profile.

form-welcome = Hello! Welcome to Khooshe, the bot of the province's industrial clusters. I will ask a few short questions to register you. Send /cancel at any time to stop.
form-resume = Your registration is unfinished; let's continue where you left off.
form-deep-link = Your cluster is set to "{ $cluster }".
form-ask-name = Please write your full name.
form-ask-company = What is the name of your company or production unit?
form-ask-cluster = Which cluster do you belong to? Choose from the list or type its name.
form-ask-estate = Which industrial estate is your unit in?
form-ask-phone = Please send your mobile number with the "📱 Share my number" button (or type it, e.g. 09123456789).
form-ask-job-role = What is your role in the unit?
form-ask-language = Choose the bot's language.
form-chosen = ✔️ { $choice }
form-did-you-mean = Which one do you mean?
form-cluster-not-found = No cluster by that name. Please choose from the list.
form-estate-not-found = No estate by that name. Please choose from the list.
form-phone-thanks = Number received. ✔️
form-phone-not-own = Only your own number is accepted. Please use the "📱 Share my number" button.
form-phone-invalid = That number is not valid. Send a mobile number such as 09123456789.
form-phone-hint = Please send your mobile number with the button, or type it in digits.
form-name-too-long = That name is too long (60 characters at most). Please write a shorter one.
form-name-invalid = Please write your name in letters.
form-company-too-long = The unit's name is too long (100 characters at most).
form-company-invalid = Please write the unit's name in letters.
form-text-only = Please write your answer as text.
form-use-buttons = Please choose one of the buttons.
form-incomplete = Some answers are missing; please answer again.
form-confirm =
    Please check your details:

    { $summary }
form-fix-which = Which answer should we change?
form-registered-short = Confirm
form-registered = { $name }, you are registered. 🌱 Use the menu below.
form-already-registered = { $name }, you are already registered.
form-cancelled = Registration cancelled. Send /start whenever you like.
form-edit-cancelled = Edit cancelled; nothing changed.
form-not-registered = You have not registered yet. Send /start to begin.

job-role-owner = Owner / CEO
job-role-manager = Manager
job-role-employee = Employee
job-role-other = Other
language-fa = فارسی
language-az = آذربایجان تورکجه‌سی
language-en = English

field-name = Name
field-company = Unit
field-cluster_code = Cluster
field-estate_code = Estate
field-phone = Mobile
field-job_role = Role
field-language = Language

profile-card =
    👤 Name: { $name }
    🏭 Unit: { $company }
    🧩 Cluster: { $cluster }
    📍 Estate: { $estate }
    📱 Mobile: { $phone }
    💼 Role: { $job_role }
    🌐 Language: { $language }
profile-show =
    Your profile:

    { $card }
    📅 Member since: { $since }

    Choose an item to change it.
profile-saved = ✅ Saved.
profile-announcements-on = 🔔 Announcements: on (tap to turn off)
profile-announcements-off = 🔕 Announcements: off (tap to turn on)
profile-announcements-now-on = 🔔 You will receive announcements again.
form-timeout-register = Your registration was left unfinished. Your answers are kept; send /start whenever you like and we carry on from there.
form-timeout-edit = The profile edit went unanswered and was closed; nothing changed. Edit again from "👤 My profile".
