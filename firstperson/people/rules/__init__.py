"""Pure rules of the people app (no Django imports)."""
