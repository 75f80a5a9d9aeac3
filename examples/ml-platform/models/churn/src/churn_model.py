# Placeholder of the churn platform example: owned per raci.yaml.
