"""Bringing in the record: importers for files the user already has (a Slack export, a pager's
log, an Opsgenie alert, any CSV), each turning its file into :class:`~.entries.IntakeResult`
entries; :mod:`.plan` marks what the review already holds and makes one edit of the rest."""
