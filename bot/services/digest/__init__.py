"""The weekly digest: one personal summary per member, the numbers and a chart for staff.

Building is pure (text from data already read, see `storage/digest.py`); sending goes through
the outbox like every broadcast: one broadcast per audience and week, created together with
its per-recipient rows in one transaction and keyed `digest:members:<week>` /
`digest:staff:<week>`, so a job firing twice, a restart in the middle of sending or a run
caught up after downtime never sends anyone a second copy.

The digest sent on Saturday morning covers the Iranian week that has just ended (Saturday
00:00 to Saturday 00:00, Tehran time); `/digest_preview` shows the current week so far.

The parts, in the order they depend on each other: `week` (which week, when due), `themes`
(recurring words), `chart` (the staff chart), `events` (the trainings section), `member` and
`staff` (the two texts), `service` (`Digests`: reading, building, sending; `make_digests`).
"""
