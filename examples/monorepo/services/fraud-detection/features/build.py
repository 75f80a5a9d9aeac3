# Placeholder: transaction features.
