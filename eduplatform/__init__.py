"""The EduPlatform web UI, written with Reflex."""
