"""Permission matrix rows of this app: see tests/matrix.py."""

MATRIX = {}
