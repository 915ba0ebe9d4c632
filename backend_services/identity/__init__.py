"""identity bounded context."""
