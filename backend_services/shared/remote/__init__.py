"""Remote adapters: facades called over HTTP between services, with service tokens."""
