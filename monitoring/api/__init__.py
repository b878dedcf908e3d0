"""Admin API of this app."""
