"""notification bounded context."""
