"""python -m tracebridge: the `tracebridge` command."""

from .cli import main

main()
