"""``python -m qingdan`` runs the command line."""

from qingdan.cli import run

if __name__ == "__main__":
    run()
