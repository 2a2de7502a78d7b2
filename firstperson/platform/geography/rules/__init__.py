"""Pure rules of geography (no Django imports)."""
