"""The library window: every review under the team's folders, search, follow-ups, trends."""
