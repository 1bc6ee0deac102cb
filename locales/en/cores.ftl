# Advisory cores (issue 17): /cores, advisers, members' requests, sessions.

role-adviser = core adviser
admin-grant-needs-core = For the adviser role, give one core's number (see /cores). Example: /grant 123456 adviser 1
admin-granted-adviser = User { $user } is now an adviser of "{ $core }".

cores-none = No advisory core has been set up yet.
cores-list =
    Advisory cores:

    { $lines }
cores-line =
    { $number }. { $name }
    { $description }
    Categories: { $categories }
    Keywords: { $keywords }
    Group: { $group }
    Advisers: { $advisers }
cores-button-new = ➕ New core
cores-button-edit = ✏️ Core { $number }
cores-button-keep = Keep it
cores-button-no-keywords = No keywords
cores-button-no-group = No group
cores-button-topics-done = ✅ Categories chosen
cores-button-save = ✅ Save
cores-ask-name = Write the core's name, e.g. "Marketing and export advisory core".
cores-ask-description = Write a short description of what this core does.
cores-ask-topics = Which problem categories does this core cover? Tap a category to choose it or take it off.
cores-ask-keywords =
    Other keywords for this core, separated by commas, e.g. "AI, automation".
    Now: { $current }
cores-ask-group = If this core has a group chat, send its id (a negative number, like -100123456). New requests go to that group too.
cores-bad-name = A core's name must be 1 to 80 characters.
cores-bad-group = A group id is a negative number, like -100123456.
cores-confirm =
    Please check:
    Name: { $name }
    Description: { $description }
    Categories: { $categories }
    Keywords: { $keywords }
    Group: { $group }
cores-name-taken = Another core has this name. Please choose another.
cores-saved = Core "{ $name }" saved.
cores-grant-hint = Core "{ $name }" saved. To add an adviser to this core: /grant user-id adviser { $number }
cores-cancelled = Core setup cancelled.
cores-form-timeout = The core form waited too long and was closed. Send /cores again.
