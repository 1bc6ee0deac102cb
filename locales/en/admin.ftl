# Admin commands: roles and the cluster list.

admin-grant-usage = Usage: /grant id role [cluster codes] — role: staff, cluster_agent (with cluster codes) or adviser (with a core number). Example: /grant 123456 cluster_agent furniture
admin-grant-needs-clusters = For a cluster agent, give at least one cluster code.
admin-grant-staff-no-clusters = The staff role sees every cluster; no cluster codes needed.
admin-unknown-cluster = There is no cluster with code "{ $code }".
admin-granted = Role "{ $role }" given to user { $user }.
admin-revoke-usage = Usage: /revoke id role — example: /revoke 123456 staff
admin-revoked = Role "{ $role }" taken from user { $user }.
admin-revoke-none = User { $user } did not have the role "{ $role }".
admin-staff-empty = Nobody has been given a role yet.
admin-staff-list =
    Staff:
    { $lines }
admin-staff-line = • { $name } ({ $platform } { $user }): { $roles } — clusters: { $clusters }
role-granted-notice = You have been given the role "{ $role }" in the Khooshe bot. Send /help to see your commands.

places-replaced = List updated: { $clusters } clusters and { $estates } estates active.
places-error-too-big = The file is too big.
places-error-encoding = The file must be saved as UTF-8.
places-error-header = The first line must be the columns kind,code,name_fa,name_en
places-error-too-many = Too many rows.
places-error-kind = Line { $line }: kind "{ $value }" must be cluster or estate.
places-error-code = Line { $line }: code "{ $value }" must be lowercase Latin letters, digits and _ (20 at most).
places-error-duplicate = Line { $line }: code "{ $value }" is repeated.
places-error-name = Line { $line }: the Persian name of code "{ $value }" is empty.
places-error-no-clusters = The file has no clusters.

# /staff lists the admins (from the settings) before the roles granted in the chat.
admin-staff-admin-line = • { $name } ({ $platform } { $user }): bot admin (in the settings)
# /start from an admin or staff member who is not a registered member.
staff-start =
    Hello! You are on Khooshe's staff; your commands are in the help below.
    If you are also a member of a cluster, register as members do with the button below.
staff-start-register = 📝 Register as a member
# The opt-out button under a preview, pressed by staff who are not members.
staff-opt-out-preview = This is a preview: members use this button to stop announcements. You are not a member, so there is nothing to turn off.
# A staff command that works in the private chat only, sent in the staff group.
staff-private-only = Send this command in your private chat with the bot ({ $bot }).
# /help in the staff group, from staff.
staff-help-group =
    Commands that work in this group:
    { $here }
    Commands to send in your private chat with the bot ({ $bot }):
    { $private }
    What each one does: send /help in the private chat.
