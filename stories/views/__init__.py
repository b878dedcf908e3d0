"""Story pages (server-rendered, session auth): wizard, progress, reader, library, home."""
