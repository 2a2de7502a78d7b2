"""Pure rules of the audit chain (no Django imports)."""
