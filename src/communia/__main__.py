"""``python -m communia`` runs the CLI."""

from communia.cli import main

main()
