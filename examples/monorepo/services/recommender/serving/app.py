# Placeholder: the recommendation service.
