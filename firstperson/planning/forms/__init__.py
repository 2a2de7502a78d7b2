"""Forms of the planning app: they parse and check input; the services hold the rules."""
