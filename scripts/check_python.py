# Run by `make setup` (and so by `make build`, `make serve`, `make test`) with the Python it was
# given, before anything else: Python 3.11 or newer is needed (3.11, 3.12 and 3.13 are tested).
# Written so that an old Python, even Python 2, can run it and print the message.
import sys

NEEDED = (3, 11)

if tuple(sys.version_info[:2]) < NEEDED:
    found = "%d.%d.%d" % tuple(sys.version_info[:3])
    sys.stderr.write(
        "This project needs Python %d.%d or newer, and %s is Python %s.\n"
        "Install a newer Python (3.11, 3.12 or 3.13: from your system's packages, from python.org,\n"
        "or with `brew install python@3.13` on a Mac), then run the command again with it, e.g.\n"
        "    make build PYTHON=python3.13\n" % (NEEDED[0], NEEDED[1], sys.executable or "this Python", found)
    )
    sys.exit(1)
