"""Pages of the directory, one module per audience: `public` (residents, no sign-in), `editor`
(directory editors and organisations), `data` (import and export)."""
