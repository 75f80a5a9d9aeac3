"""Generated from raci_lint/data/default-taxonomy.yaml by scripts/update_docs.py: do not edit."""

# ruff: noqa
# mypy: ignore-errors
DATA = {'version': 1,
 'disciplines': {'data-scientist': {'description': 'Turns data into insight and models that solve '
                                                   'a problem for the business or the user.',
                                    'focus': ['analysis: understanding the data and the problem',
                                              'modeling: building the model that solves the '
                                              'problem',
                                              'working with the customer or user: the model '
                                              'answers their real question']},
                 'ml-engineer': {'description': 'Turns proof-of-concept models into robust '
                                                'software that runs in production.',
                                 'focus': ['translation: taking proof-of-concept code and making '
                                           'it robust',
                                           'architecture: how the tools link up, and how the '
                                           'solution scales',
                                           'productionization: getting maximum value from the '
                                           'model in the real world']},
                 'data-engineer': {'description': 'Builds the pipelines that move and store the '
                                                  'data everyone else relies on.',
                                   'focus': ['quality: what left the source is what lands at the '
                                             'destination',
                                             'stability: pipelines that deliver the data when '
                                             'promised',
                                             'access: surfacing the data to the people and systems '
                                             'that consume it']},
                 'mlops-engineer': {'description': 'Builds and runs the platform and automation '
                                                   'that ML models are trained, shipped and '
                                                   'watched on.'},
                 'analytics-engineer': {'description': 'Models and tests data in the warehouse for '
                                                       'analysts and dashboards.'},
                 'data-analyst': {'description': 'Answers business questions with data, reports '
                                                 'and dashboards.'},
                 'data-steward': {'description': 'Owns the governance of data, such as privacy, '
                                                 'retention and lineage.'},
                 'product-owner': {'description': 'Owns the product the pipeline serves, and '
                                                  'speaks for its users.'},
                 'software-engineer': {'description': 'Builds the applications that produce or '
                                                      "consume the pipeline's data and models."},
                 'platform-engineer': {'description': 'Builds and runs the infrastructure the '
                                                      'pipelines run on.'}},
 'kinds': {'ingestion': {'description': 'Extracts data from a source and loads it into the '
                                        'platform.',
                         'aliases': ['extract', 'load'],
                         'requires': [{'roles': ['responsible'],
                                       'any_of': ['data-engineer'],
                                       'focus': 'data engineers own access and stability'}]},
           'data-quality': {'description': 'Checks that the data is what it should be (tests, '
                                           'validation, expectations).',
                            'aliases': ['data-validation', 'data-tests'],
                            'requires': [{'roles': ['responsible'],
                                          'any_of': ['data-engineer', 'analytics-engineer'],
                                          'focus': 'data engineers own quality: what left the '
                                                   'source is what lands'}],
                            'recommends': [{'roles': ['informed'],
                                            'any_of': ['data-scientist'],
                                            'focus': 'data scientists build on this data and must '
                                                     'hear when it breaks'}]},
           'data-storage': {'description': 'Stores data for its consumers (warehouse, lake, '
                                           'database).',
                            'aliases': ['warehouse', 'lake'],
                            'requires': [{'roles': ['responsible'],
                                          'any_of': ['data-engineer'],
                                          'focus': 'data engineers own access: surfacing data to '
                                                   'its consumers'}]},
           'feature-store': {'description': 'Serves curated features for training and inference.',
                             'requires': [{'roles': ['responsible'],
                                           'any_of': ['data-engineer',
                                                      'ml-engineer',
                                                      'mlops-engineer'],
                                           'focus': 'data engineers own access, ML engineers own '
                                                    'architecture'}]},
           'transformation': {'description': 'Cleans, joins and reshapes data between storage '
                                             'layers.',
                              'aliases': ['etl'],
                              'requires': [{'roles': ['responsible'],
                                            'any_of': ['data-engineer', 'analytics-engineer'],
                                            'focus': 'data engineers own stability: pipelines that '
                                                     'deliver when promised'}]},
           'analysis': {'description': 'Explores data to answer a question or to frame a modeling '
                                       'problem.',
                        'aliases': ['exploration'],
                        'requires': [{'roles': ['responsible'],
                                      'any_of': ['data-scientist', 'data-analyst'],
                                      'focus': 'data scientists own analysis'}]},
           'feature-engineering': {'description': "Derives the model's input features from the "
                                                  'data.',
                                   'aliases': ['features'],
                                   'requires': [{'roles': ['responsible'],
                                                 'any_of': ['data-scientist', 'ml-engineer'],
                                                 'focus': 'data scientists own modeling, ML '
                                                          'engineers own translation'}]},
           'training': {'description': 'Fits models on the data.',
                        'aliases': ['modeling', 'tuning'],
                        'requires': [{'roles': ['responsible', 'accountable'],
                                      'any_of': ['data-scientist'],
                                      'focus': 'data scientists own modeling'}],
                        'recommends': [{'roles': ['responsible'],
                                        'any_of': ['data-scientist'],
                                        'focus': 'the person who builds the model should be a data '
                                                 'scientist, not only the one who signs off'}]},
           'evaluation': {'description': 'Measures whether a model is good enough to ship.',
                          'aliases': ['model-evaluation'],
                          'requires': [{'roles': ['responsible', 'accountable'],
                                        'any_of': ['data-scientist'],
                                        'focus': 'data scientists own modeling, including knowing '
                                                 'when a model is good enough'}],
                          'recommends': [{'roles': ['responsible'],
                                          'any_of': ['data-scientist'],
                                          'focus': 'the person who evaluates the model should be a '
                                                   'data scientist'}]},
           'packaging': {'description': 'Turns model code into a versioned, deployable artifact.',
                         'aliases': ['translation'],
                         'requires': [{'roles': ['responsible'],
                                       'any_of': ['ml-engineer', 'mlops-engineer'],
                                       'focus': 'ML engineers own translation: making '
                                                'proof-of-concept code robust'}]},
           'deployment': {'description': 'Serves a model to users or systems (batch or online '
                                         'inference).',
                          'aliases': ['serving', 'inference'],
                          'requires': [{'roles': ['responsible'],
                                        'any_of': ['ml-engineer', 'mlops-engineer'],
                                        'focus': 'ML engineers own productionization'}],
                          'recommends': [{'roles': ['consulted'],
                                          'any_of': ['data-scientist'],
                                          'focus': 'the data scientist knows what the model needs '
                                                   'in production'}]},
           'monitoring': {'description': 'Watches models and data in production and raises the '
                                         'alarm.',
                          'aliases': ['observability'],
                          'requires': [{'roles': ['responsible'],
                                        'any_of': ['ml-engineer', 'mlops-engineer'],
                                        'focus': 'ML engineers own productionization, which '
                                                 'includes knowing it still works'}],
                          'recommends': [{'roles': ['consulted'],
                                          'any_of': ['data-scientist'],
                                          'focus': 'the data scientist knows what drift in the '
                                                   "model's inputs means"}]},
           'retraining': {'description': 'Refreshes production models on new data.',
                          'requires': [{'roles': ['responsible'],
                                        'any_of': ['ml-engineer', 'mlops-engineer'],
                                        'focus': 'ML engineers own productionization'}]},
           'orchestration': {'description': "Schedules and links the pipeline's steps.",
                             'aliases': ['architecture'],
                             'requires': [{'roles': ['responsible'],
                                           'any_of': ['ml-engineer',
                                                      'mlops-engineer',
                                                      'platform-engineer'],
                                           'focus': 'ML engineers own architecture: how the tools '
                                                    'link up'}]},
           'reporting': {'description': 'Presents results to the business or the user (reports, '
                                        'dashboards).',
                         'aliases': ['dashboard'],
                         'requires': [{'roles': ['responsible'],
                                       'any_of': ['data-scientist', 'data-analyst'],
                                       'focus': 'data scientists own working with the customer or '
                                                'user'}],
                         'recommends': [{'roles': ['accountable', 'consulted'],
                                         'any_of': ['product-owner'],
                                         'focus': 'the product owner speaks for the people who '
                                                  'read the report'}]}},
 'tags': {'pii': {'description': 'Handles personal data.',
                  'requires': [{'roles': ['consulted', 'accountable'],
                                'any_of': ['data-steward'],
                                'focus': 'personal data needs a data steward who can answer for '
                                         'its governance'}]},
          'tier-1': {'description': 'Business-critical; an outage is an incident.',
                     'requires': [{'roles': ['responsible'],
                                   'any_of': ['*'],
                                   'min': 2,
                                   'focus': 'a business-critical component needs more than one '
                                            'person who can fix it'}]}}}
