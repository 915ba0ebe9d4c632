"""Operations view: the app's own metrics (all workers) and outbox backlogs, for admins."""
