# Placeholder: the scoring service.
