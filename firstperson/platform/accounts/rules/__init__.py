"""Pure rules of the accounts app (no Django imports)."""
