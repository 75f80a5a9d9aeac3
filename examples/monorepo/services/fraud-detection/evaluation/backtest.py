# Placeholder: back-tests of the fraud model.
