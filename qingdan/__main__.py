"""``python -m qingdan`` runs the command line."""

from qingdan.cli import main

main()
