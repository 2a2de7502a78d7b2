"""Pure rules of the directory (no Django imports)."""
