"""Views of the analysis, split by resource."""
