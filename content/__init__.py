"""What the coach knows: techniques, quotes, intro and intent phrases, as package data."""
