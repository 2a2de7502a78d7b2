"""The demo council's directory and postcodes: synthetic, deterministic, built in bulk."""
