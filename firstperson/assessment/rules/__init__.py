"""Pure rules of the assessment app (no Django imports)."""
