"""Pure rules of the front door: the contact lifecycle, reference numbers, waiting times in words and
the checks on what a person tells us. No Django here (import-linter forbids it)."""
