"""Cross-cutting capabilities shared by every domain app. Imports no domain app."""
