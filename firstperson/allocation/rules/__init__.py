"""Pure rules of the allocation app (no Django imports)."""
