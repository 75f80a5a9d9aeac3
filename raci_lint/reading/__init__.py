"""Reading: bytes and YAML into nodes with positions, within limits, and the repository's files.

The lowest layer: it knows nothing of RACI, rules or reports.
"""
