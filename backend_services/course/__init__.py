"""course bounded context."""
