"""``python -m qingdan`` runs the command line."""

from qingdan.cli import main

if __name__ == "__main__":
    main()
