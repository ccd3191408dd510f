"""``python -m faultlines`` runs the command line."""

from faultlines.cli import main

main()
