"""enrollment bounded context."""
