"""Command implementations behind app/cli.py: each turns parsed arguments into output."""
