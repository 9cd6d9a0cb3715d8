"""The `openup` command: argument parsing, the commands, and the doctor."""
