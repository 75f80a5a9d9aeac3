"""JSON Schema validation of node trees: every error keeps the position of its node."""
