"""Views of the consultation rounds, split by resource."""
