"""Settings: configuration files found, validated and merged into the options of each file."""
