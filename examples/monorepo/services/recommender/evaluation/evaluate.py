# Placeholder: offline evaluation of the recommender.
