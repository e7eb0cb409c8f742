"""`python -m fhsplan`."""

from fhsplan.cli import main

main()
