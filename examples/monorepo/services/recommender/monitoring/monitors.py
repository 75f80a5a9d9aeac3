# Placeholder: the service's monitors.
