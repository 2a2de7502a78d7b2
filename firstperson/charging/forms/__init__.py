"""Forms of the charging pages, one module per area. They check formats; the services decide."""
