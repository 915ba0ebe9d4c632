"""Shared kernel: settings, databases, security, errors, metrics, outbox."""
