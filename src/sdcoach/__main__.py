"""``python -m sdcoach``: the same entry point as the ``sdcoach`` command."""

from sdcoach.cli.app import main

main()
