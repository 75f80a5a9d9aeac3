# Placeholder: training code of the recommender.
