"""Views of the measures, split by resource."""
