"""The taxonomy of data disciplines: disciplines, component kinds and their requirements."""
