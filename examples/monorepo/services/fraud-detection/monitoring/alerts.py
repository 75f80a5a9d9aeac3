# Placeholder: score monitors.
