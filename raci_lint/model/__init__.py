"""The ownership model: people, teams and components read from the node tree,
and what they imply (the CODEOWNERS lines of their `paths`)."""
