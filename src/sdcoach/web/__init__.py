"""The web face of sdcoach: FastAPI pages and HTMX fragments over the same services the command line calls."""
