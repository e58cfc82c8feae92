"""The command line: thin Typer commands over the services, rendered with Rich."""
