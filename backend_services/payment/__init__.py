"""payment bounded context."""
