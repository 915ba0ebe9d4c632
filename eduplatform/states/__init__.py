"""UI states: small, flat, async handlers that call the facades."""
