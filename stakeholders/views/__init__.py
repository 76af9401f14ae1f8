"""The register's pages, one module per resource."""
