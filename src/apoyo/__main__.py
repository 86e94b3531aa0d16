"""`python -m apoyo` runs the command line (same as the `apoyo` command)."""

from apoyo.entrada import main

main()
