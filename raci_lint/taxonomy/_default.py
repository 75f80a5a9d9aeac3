"""Generated from raci_lint/data/default-taxonomy.yaml by scripts/update_docs.py: do not edit."""

# ruff: noqa
# mypy: ignore-errors
DATA = {'version': 1,
 'sources': {'packt-2021': {'description': 'A. P. McMahon, Machine Learning Engineering with '
                                           'Python, Packt 2021, chapter 1, section "Defining a '
                                           'taxonomy of data disciplines", as Packt publishes it '
                                           'online (the first edition; the page quotes the section '
                                           "as far as the data scientist's analysis and the first "
                                           'words of modeling).',
                            'url': 'https://packtpub.com/en-no/product/machine-learning-engineering-with-python-9781801079259/chapter/chapter-1-introduction-to-ml-engineering-2/section/defining-a-taxonomy-of-data-disciplines-ch02lvl1sec04'},
             'packt-2023': {'description': 'The same section in the second edition (Packt 2023), '
                                           'from a public transcription of its chapter 1. Its '
                                           "analysis sentence is the first edition's but for two "
                                           'words ("munge", "the data"); the second edition adds '
                                           'the MLOps engineer.'}},
 'disciplines': {'data-scientist': {'description': 'Turns data into insight and models that solve '
                                                   'a problem for the business or the user.',
                                    'areas': {'analysis': {'summary': 'understanding the data and '
                                                                      'the problem',
                                                           'quote': 'Analysis is a broad term, but '
                                                                    "it's clear that the end "
                                                                    'result is knowledge of your '
                                                                    "dataset that you didn't have "
                                                                    'before you started, no matter '
                                                                    'how basic or complex.',
                                                           'source': 'packt-2021'},
                                              'modeling': {'summary': 'building the model that '
                                                                      'explains the data and '
                                                                      'predicts',
                                                           'quote': 'A data scientist usually has '
                                                                    'to be able to apply '
                                                                    'statistical, mathematical, '
                                                                    'and ML techniques to data, in '
                                                                    'order to explain processes or '
                                                                    'relationships contained '
                                                                    'within it and to perform some '
                                                                    'sort of prediction.',
                                                           'source': 'packt-2023'},
                                              'customer': {'summary': 'working with the customer '
                                                                      'or user, so that results '
                                                                      'support their decisions',
                                                           'quote': 'The data scientist role '
                                                                    'usually has some more '
                                                                    'business-directed elements so '
                                                                    'that the results of the '
                                                                    'previous two points can '
                                                                    'support decision-making in an '
                                                                    'organization.',
                                                           'source': 'packt-2023'}}},
                 'ml-engineer': {'description': 'Turns proof-of-concept models into robust '
                                                'software that runs in production.',
                                 'areas': {'translation': {'summary': 'taking proof-of-concept and '
                                                                      'research code and making it '
                                                                      'robust',
                                                           'quote': 'Taking models and research '
                                                                    'code in a variety of formats '
                                                                    'and translating them into '
                                                                    'slicker, more robust pieces '
                                                                    'of code.',
                                                           'source': 'packt-2023'},
                                           'architecture': {'summary': 'how the tools link up, and '
                                                                       'how the solution scales',
                                                            'quote': 'The ML engineer has to '
                                                                     'understand how the '
                                                                     'appropriate tools and '
                                                                     'processes link together so '
                                                                     'that the models built with '
                                                                     'the data scientist can do '
                                                                     'their job and do it at '
                                                                     'scale.',
                                                            'source': 'packt-2023'},
                                           'productionization': {'summary': 'getting maximum value '
                                                                            'from the model in the '
                                                                            'real world',
                                                                 'quote': 'Their job is to make '
                                                                          'sure that the hard work '
                                                                          'on the data science '
                                                                          'side of things '
                                                                          'generates the maximum '
                                                                          'potential value in a '
                                                                          'real-world setting.',
                                                                 'source': 'packt-2023'}}},
                 'data-engineer': {'description': 'Builds the pipelines that move and store the '
                                                  'data everyone else relies on.',
                                   'areas': {'quality': {'summary': 'what left the source is what '
                                                                    'lands at the destination',
                                                         'quote': 'The data engineer cares about '
                                                                  'avoiding this and uses a '
                                                                  'variety of techniques and '
                                                                  'tools, generally to ensure that '
                                                                  'the data that left the source '
                                                                  'system is what lands in your '
                                                                  'data storage layer.',
                                                         'source': 'packt-2023'},
                                             'stability': {'summary': 'pipelines that deliver the '
                                                                      'data when promised',
                                                           'quote': 'Data engineers spend a lot of '
                                                                    'time and effort and use their '
                                                                    'considerable skills to ensure '
                                                                    'that data pipelines are '
                                                                    'robust, reliable, and can be '
                                                                    'trusted to deliver when '
                                                                    'promised.',
                                                           'source': 'packt-2023'},
                                             'access': {'summary': 'surfacing the data to the '
                                                                   'people and systems that '
                                                                   'consume it',
                                                        'quote': 'The data engineer will have a '
                                                                 'variety of technologies to hand '
                                                                 'to surface data and should work '
                                                                 'with the data consumers (our '
                                                                 'data scientists and ML '
                                                                 'engineers, among others) to '
                                                                 'define and create appropriate '
                                                                 'data models within these '
                                                                 'solutions.',
                                                        'source': 'packt-2023'}}},
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
                         'aliases': ['extract', 'load', 'dbt-source', 'dbt-seed'],
                         'requires': [{'roles': ['responsible'],
                                       'any_of': ['data-engineer'],
                                       'focus': 'data engineers own access and stability',
                                       'rests_on': ['data-engineer.access',
                                                    'data-engineer.stability']}]},
           'data-quality': {'description': 'Checks that the data is what it should be (tests, '
                                           'validation, expectations).',
                            'aliases': ['data-validation',
                                        'data-tests',
                                        'dbt-test',
                                        'expectation-suite'],
                            'requires': [{'roles': ['responsible'],
                                          'any_of': ['data-engineer', 'analytics-engineer'],
                                          'focus': 'data engineers own quality: what left the '
                                                   'source is what lands',
                                          'rests_on': ['data-engineer.quality']}],
                            'recommends': [{'roles': ['informed'],
                                            'any_of': ['data-scientist'],
                                            'focus': 'data scientists build on this data and must '
                                                     'hear when it breaks',
                                            'rests_on': ['data-scientist.analysis'],
                                            'reading': "The chapter's taxonomy does not say who "
                                                       'hears of broken data; that the data '
                                                       'scientist, whose analysis starts from it, '
                                                       "should be told is this project's "
                                                       'reading.'}]},
           'data-storage': {'description': 'Stores data for its consumers (warehouse, lake, '
                                           'database).',
                            'aliases': ['warehouse',
                                        'lake',
                                        'lakehouse',
                                        'database',
                                        'dbt-snapshot'],
                            'requires': [{'roles': ['responsible'],
                                          'any_of': ['data-engineer'],
                                          'focus': 'data engineers own access: surfacing data to '
                                                   'its consumers',
                                          'rests_on': ['data-engineer.access']}]},
           'feature-store': {'description': 'Serves curated features for training and inference '
                                            '(Feast feature views and services, online and offline '
                                            'stores).',
                             'aliases': ['feature-view',
                                         'feature-service',
                                         'online-store',
                                         'offline-store'],
                             'requires': [{'roles': ['responsible'],
                                           'any_of': ['data-engineer',
                                                      'ml-engineer',
                                                      'mlops-engineer'],
                                           'focus': 'data engineers own access, ML engineers own '
                                                    'architecture',
                                           'rests_on': ['data-engineer.access',
                                                        'ml-engineer.architecture']}]},
           'transformation': {'description': 'Cleans, joins and reshapes data between storage '
                                             'layers (dbt models, Spark jobs).',
                              'aliases': ['etl', 'elt', 'dbt-model'],
                              'requires': [{'roles': ['responsible'],
                                            'any_of': ['data-engineer', 'analytics-engineer'],
                                            'focus': 'data engineers own stability: pipelines that '
                                                     'deliver when promised',
                                            'rests_on': ['data-engineer.stability']}]},
           'orchestration': {'description': "Schedules and links a data pipeline's steps (Airflow "
                                            'DAGs, Dagster jobs and schedules).',
                             'aliases': ['dag', 'airflow-dag', 'dagster-job', 'schedule'],
                             'requires': [{'roles': ['responsible'],
                                           'any_of': ['data-engineer',
                                                      'ml-engineer',
                                                      'mlops-engineer',
                                                      'platform-engineer'],
                                           'focus': 'data engineers own stability, pipelines that '
                                                    'deliver when promised; ML engineers own '
                                                    'architecture, how the tools link up',
                                           'rests_on': ['data-engineer.stability',
                                                        'ml-engineer.architecture']}]},
           'analysis': {'description': 'Explores data to answer a question or to frame a modeling '
                                       'problem.',
                        'aliases': ['exploration', 'eda', 'notebooks'],
                        'requires': [{'roles': ['responsible'],
                                      'any_of': ['data-scientist', 'data-analyst'],
                                      'focus': 'data scientists own analysis',
                                      'rests_on': ['data-scientist.analysis']}]},
           'feature-engineering': {'description': "Derives the model's input features from the "
                                                  'data.',
                                   'aliases': ['features'],
                                   'requires': [{'roles': ['responsible'],
                                                 'any_of': ['data-scientist', 'ml-engineer'],
                                                 'focus': 'data scientists own modeling, ML '
                                                          'engineers own translation',
                                                 'rests_on': ['data-scientist.modeling',
                                                              'ml-engineer.translation']}]},
           'training': {'description': 'Builds the model on the data (choosing, fitting and tuning '
                                       'it); the software that trains it in production is '
                                       '`retraining`.',
                        'aliases': ['modeling',
                                    'tuning',
                                    'experiment-tracking',
                                    'hyperparameter-tuning'],
                        'requires': [{'roles': ['responsible', 'accountable'],
                                      'any_of': ['data-scientist'],
                                      'focus': 'data scientists own modeling',
                                      'rests_on': ['data-scientist.modeling']}],
                        'recommends': [{'roles': ['responsible'],
                                        'any_of': ['data-scientist'],
                                        'focus': 'the person who builds the model should be a data '
                                                 'scientist, not only the one who signs off',
                                        'rests_on': ['data-scientist.modeling'],
                                        'reading': 'That the data scientist should do the work, '
                                                   "not only sign it off, is this project's "
                                                   'reading of modeling.'},
                                       {'roles': ['responsible', 'consulted'],
                                        'any_of': ['ml-engineer', 'mlops-engineer'],
                                        'focus': 'ML engineers build the software that trains, '
                                                 'retrains and deploys the model',
                                        'rests_on': ['ml-engineer.productionization'],
                                        'quote': 'Here, it may mean building some software to '
                                                 'train, retrain, deploy, and track the '
                                                 'performance of the model as more transcription '
                                                 'data is accumulated, or as user preferences are '
                                                 'understood.',
                                        'source': 'packt-2023'}]},
           'evaluation': {'description': 'Measures whether a model is good enough to ship.',
                          'aliases': ['model-evaluation', 'model-validation', 'backtesting'],
                          'requires': [{'roles': ['responsible', 'accountable'],
                                        'any_of': ['data-scientist'],
                                        'focus': 'data scientists own modeling',
                                        'rests_on': ['data-scientist.modeling'],
                                        'reading': "The chapter's taxonomy does not name "
                                                   'evaluation; that judging whether a model is '
                                                   'good enough is part of modeling is this '
                                                   "project's reading."}],
                          'recommends': [{'roles': ['responsible'],
                                          'any_of': ['data-scientist'],
                                          'focus': 'the person who evaluates the model should be a '
                                                   'data scientist',
                                          'rests_on': ['data-scientist.modeling'],
                                          'reading': 'That the data scientist should do the '
                                                     'evaluation, not only sign it off, is this '
                                                     "project's reading of modeling."}]},
           'reporting': {'description': 'Presents results to the business or the user (reports, '
                                        'dashboards).',
                         'aliases': ['dashboard', 'report', 'dbt-exposure'],
                         'requires': [{'roles': ['responsible'],
                                       'any_of': ['data-scientist', 'data-analyst'],
                                       'focus': 'data scientists own working with the customer or '
                                                'user',
                                       'rests_on': ['data-scientist.customer']}],
                         'recommends': [{'roles': ['accountable', 'consulted'],
                                         'any_of': ['product-owner'],
                                         'focus': 'the product owner speaks for the people who '
                                                  'read the report',
                                         'rests_on': ['data-scientist.customer'],
                                         'reading': "The chapter's taxonomy names no product "
                                                    'owner; that one should answer for a report, '
                                                    "or be asked about it, is this project's "
                                                    'reading.'}]},
           'translation': {'description': "Turns a data scientist's proof-of-concept and research "
                                          'code (notebooks, scripts) into robust, tested '
                                          'production code.',
                           'aliases': ['research-code', 'poc-to-production'],
                           'requires': [{'roles': ['responsible'],
                                         'any_of': ['ml-engineer', 'mlops-engineer'],
                                         'focus': 'ML engineers own translation: making '
                                                  'proof-of-concept code robust',
                                         'rests_on': ['ml-engineer.translation'],
                                         'quote': 'This can be done using OO programming, '
                                                  'functional programming, a mix, or something '
                                                  'else, but it basically helps to take the '
                                                  'proof-of-concept work of the data scientist and '
                                                  'turn it into something that is far closer to '
                                                  'being trusted in a production environment.',
                                         'source': 'packt-2023'}]},
           'packaging': {'description': 'Turns model code into a versioned, deployable artifact (a '
                                        'package, an image, a registered model).',
                         'aliases': ['model-registry', 'model-artifact'],
                         'requires': [{'roles': ['responsible'],
                                       'any_of': ['ml-engineer', 'mlops-engineer'],
                                       'focus': 'ML engineers own productionization: a model '
                                                'shipped as an artifact that can be deployed',
                                       'rests_on': ['ml-engineer.productionization'],
                                       'reading': "The chapter's taxonomy gives packaging to no "
                                                  'focus area; that a versioned, deployable '
                                                  'artifact is part of getting the model into '
                                                  "production is this project's reading."}]},
           'deployment': {'description': 'Serves a model to users or systems (batch or online '
                                         'inference).',
                          'aliases': ['serving', 'inference', 'model-serving', 'inference-service'],
                          'requires': [{'roles': ['responsible'],
                                        'any_of': ['ml-engineer', 'mlops-engineer'],
                                        'focus': 'ML engineers own productionization',
                                        'rests_on': ['ml-engineer.productionization'],
                                        'quote': 'Here, it may mean building some software to '
                                                 'train, retrain, deploy, and track the '
                                                 'performance of the model as more transcription '
                                                 'data is accumulated, or as user preferences are '
                                                 'understood.',
                                        'source': 'packt-2023'}],
                          'recommends': [{'roles': ['consulted'],
                                          'any_of': ['data-scientist'],
                                          'focus': 'the data scientist knows what the model needs '
                                                   'in production',
                                          'rests_on': ['data-scientist.modeling'],
                                          'reading': 'That the data scientist who built the model '
                                                     'should be asked about its deployment is this '
                                                     "project's reading."}]},
           'monitoring': {'description': 'Watches models and data in production and raises the '
                                         'alarm.',
                          'aliases': ['observability', 'model-monitoring', 'drift-detection'],
                          'requires': [{'roles': ['responsible'],
                                        'any_of': ['ml-engineer', 'mlops-engineer'],
                                        'focus': 'ML engineers own productionization, which '
                                                 "includes tracking the model's performance",
                                        'rests_on': ['ml-engineer.productionization'],
                                        'quote': 'Here, it may mean building some software to '
                                                 'train, retrain, deploy, and track the '
                                                 'performance of the model as more transcription '
                                                 'data is accumulated, or as user preferences are '
                                                 'understood.',
                                        'source': 'packt-2023'}],
                          'recommends': [{'roles': ['consulted'],
                                          'any_of': ['data-scientist'],
                                          'focus': 'the data scientist knows what drift in the '
                                                   "model's inputs means",
                                          'rests_on': ['data-scientist.modeling'],
                                          'reading': 'That the data scientist should be asked what '
                                                     "a drift means is this project's reading."}]},
           'retraining': {'description': 'The software that trains and retrains models in '
                                         'production (training jobs and pipelines, scheduled '
                                         'refreshes on new data).',
                          'aliases': ['training-pipeline', 'training-job', 'continuous-training'],
                          'requires': [{'roles': ['responsible'],
                                        'any_of': ['ml-engineer', 'mlops-engineer'],
                                        'focus': 'ML engineers own productionization: the software '
                                                 'to train and retrain the model',
                                        'rests_on': ['ml-engineer.productionization'],
                                        'quote': 'Here, it may mean building some software to '
                                                 'train, retrain, deploy, and track the '
                                                 'performance of the model as more transcription '
                                                 'data is accumulated, or as user preferences are '
                                                 'understood.',
                                        'source': 'packt-2023'}]},
           'ml-pipeline': {'description': "Links the model's steps (features, training, "
                                          'evaluation, deployment) into one pipeline that runs at '
                                          'scale (Kubeflow, Vertex AI, SageMaker pipelines).',
                           'aliases': ['architecture', 'kubeflow-pipeline', 'ml-workflow'],
                           'requires': [{'roles': ['responsible'],
                                         'any_of': ['ml-engineer',
                                                    'mlops-engineer',
                                                    'platform-engineer'],
                                         'focus': 'ML engineers own architecture: how the tools '
                                                  'link up, at scale',
                                         'rests_on': ['ml-engineer.architecture']}]},
           'platform': {'description': 'The platform the pipelines and models run on (compute, '
                                       'clusters, the shared ML or data platform).',
                        'aliases': ['ml-platform', 'data-platform'],
                        'requires': [{'roles': ['responsible'],
                                      'any_of': ['platform-engineer', 'mlops-engineer'],
                                      'focus': 'platform and MLOps engineers build the platform '
                                               'the tools link up on',
                                      'rests_on': ['ml-engineer.architecture'],
                                      'quote': 'Platform engineering: Working to integrate a '
                                               'series of useful services together in order to '
                                               'build out the ML platform for the different '
                                               'data-driven teams to use.',
                                      'source': 'packt-2023',
                                      'reading': 'The first edition names no platform role; the '
                                                 'second edition (2023) gives platform engineering '
                                                 'to the MLOps engineer. That the platform is '
                                                 "where the ML engineer's architecture runs, and "
                                                 'that platform engineers may own it too, is this '
                                                 "project's reading."}]},
           'service': {'description': "An application or API service that is not a model's serving "
                                      '(backends, microservices).',
                       'aliases': ['backend', 'microservice', 'application']},
           'library': {'description': 'Code others import (SDKs, clients, plugins, providers, '
                                      'shared utilities).',
                       'aliases': ['lib', 'sdk', 'client', 'plugin']},
           'frontend': {'description': 'A user interface (web UI, front end).',
                        'aliases': ['ui', 'web-ui']},
           'infrastructure': {'description': 'Infrastructure as code and deployment configuration '
                                             '(Terraform, Helm charts, Kubernetes manifests).',
                              'aliases': ['infra', 'iac', 'terraform', 'helm-chart']},
           'documentation': {'description': 'Documentation (guides, references, tutorials, '
                                            'examples).',
                             'aliases': ['docs', 'doc']},
           'ci': {'description': 'Continuous integration and delivery (workflows, build and '
                                 'release scripts).',
                  'aliases': ['ci-cd', 'cicd', 'github-actions', 'github-workflows']},
           'tests': {'description': 'Software tests of the code (unit, integration, end-to-end); '
                                    'checks of the data are data-quality.',
                     'aliases': ['testing', 'test-suite']},
           'tooling': {'description': 'Developer tooling and project configuration (dev scripts, '
                                      'dependency and lint settings).',
                       'aliases': ['dev-tools', 'scripts']}},
 'tags': {'pii': {'description': 'Handles personal data.',
                  'requires': [{'roles': ['consulted', 'accountable'],
                                'any_of': ['data-steward'],
                                'focus': 'personal data needs a data steward who can answer for '
                                         'its governance',
                                'reading': "The chapter's taxonomy names no data steward; this "
                                           "requirement is this project's own."}]},
          'tier-1': {'description': 'Business-critical; an outage is an incident.',
                     'requires': [{'roles': ['responsible'],
                                   'any_of': ['*'],
                                   'min': 2,
                                   'focus': 'a business-critical component needs more than one '
                                            'person who can fix it',
                                   'reading': "This requirement is this project's own; it names no "
                                              'discipline.'}]}}}

# The default taxonomy by focus area, as `raci-lint rule TAX001` shows it.
BY_FOCUS_AREA = (
('Each requirement names the focus areas it rests on (`rests_on`): what a\n'
 "discipline owns. Quoted lines are the source's own words, copied from the\n"
 'source named after them; a line marked "Reading" is the taxonomy\'s own\n'
 "reading, not the source's words.\n"
 '\n'
 '#### data-scientist: analysis\n'
 '\n'
 'Understanding the data and the problem.\n'
 '\n'
 '> "Analysis is a broad term, but it\'s clear that the end result is knowledge of your '
 'dataset that you didn\'t have before you started, no matter how basic or complex." '
 '(packt-2021)\n'
 '\n'
 '- kind `data-quality` should have a data-scientist as Informed (TAX002): data scientists '
 'build on this data and must hear when it breaks\n'
 "  Reading: The chapter's taxonomy does not say who hears of broken data; that the data "
 "scientist, whose analysis starts from it, should be told is this project's reading.\n"
 '- kind `analysis` needs a data-scientist or data-analyst as Responsible: data scientists own '
 'analysis\n'
 '\n'
 '#### data-scientist: modeling\n'
 '\n'
 'Building the model that explains the data and predicts.\n'
 '\n'
 '> "A data scientist usually has to be able to apply statistical, mathematical, and ML '
 'techniques to data, in order to explain processes or relationships contained within it and '
 'to perform some sort of prediction." (packt-2023)\n'
 '\n'
 '- kind `feature-engineering` needs a data-scientist or ml-engineer as Responsible: data '
 'scientists own modeling, ML engineers own translation\n'
 '- kind `training` needs a data-scientist as Responsible or Accountable: data scientists own '
 'modeling\n'
 '- kind `training` should have a data-scientist as Responsible (TAX002): the person who '
 'builds the model should be a data scientist, not only the one who signs off\n'
 '  Reading: That the data scientist should do the work, not only sign it off, is this '
 "project's reading of modeling.\n"
 '- kind `evaluation` needs a data-scientist as Responsible or Accountable: data scientists '
 'own modeling\n'
 "  Reading: The chapter's taxonomy does not name evaluation; that judging whether a model is "
 "good enough is part of modeling is this project's reading.\n"
 '- kind `evaluation` should have a data-scientist as Responsible (TAX002): the person who '
 'evaluates the model should be a data scientist\n'
 '  Reading: That the data scientist should do the evaluation, not only sign it off, is this '
 "project's reading of modeling.\n"
 '- kind `deployment` should have a data-scientist as Consulted (TAX002): the data scientist '
 'knows what the model needs in production\n'
 '  Reading: That the data scientist who built the model should be asked about its deployment '
 "is this project's reading.\n"
 '- kind `monitoring` should have a data-scientist as Consulted (TAX002): the data scientist '
 "knows what drift in the model's inputs means\n"
 "  Reading: That the data scientist should be asked what a drift means is this project's "
 'reading.\n'
 '\n'
 '#### data-scientist: customer\n'
 '\n'
 'Working with the customer or user, so that results support their decisions.\n'
 '\n'
 '> "The data scientist role usually has some more business-directed elements so that the '
 'results of the previous two points can support decision-making in an organization." '
 '(packt-2023)\n'
 '\n'
 '- kind `reporting` needs a data-scientist or data-analyst as Responsible: data scientists '
 'own working with the customer or user\n'
 '- kind `reporting` should have a product-owner as Accountable or Consulted (TAX002): the '
 'product owner speaks for the people who read the report\n'
 "  Reading: The chapter's taxonomy names no product owner; that one should answer for a "
 "report, or be asked about it, is this project's reading.\n"
 '\n'
 '#### ml-engineer: translation\n'
 '\n'
 'Taking proof-of-concept and research code and making it robust.\n'
 '\n'
 '> "Taking models and research code in a variety of formats and translating them into '
 'slicker, more robust pieces of code." (packt-2023)\n'
 '\n'
 '- kind `feature-engineering` needs a data-scientist or ml-engineer as Responsible: data '
 'scientists own modeling, ML engineers own translation\n'
 '- kind `translation` needs an ml-engineer or mlops-engineer as Responsible: ML engineers own '
 'translation: making proof-of-concept code robust\n'
 '  > "This can be done using OO programming, functional programming, a mix, or something '
 'else, but it basically helps to take the proof-of-concept work of the data scientist and '
 'turn it into something that is far closer to being trusted in a production environment." '
 '(packt-2023)\n'
 '\n'
 '#### ml-engineer: architecture\n'
 '\n'
 'How the tools link up, and how the solution scales.\n'
 '\n'
 '> "The ML engineer has to understand how the appropriate tools and processes link together '
 'so that the models built with the data scientist can do their job and do it at scale." '
 '(packt-2023)\n'
 '\n'
 '- kind `feature-store` needs a data-engineer, ml-engineer or mlops-engineer as Responsible: '
 'data engineers own access, ML engineers own architecture\n'
 '- kind `orchestration` needs a data-engineer, ml-engineer, mlops-engineer or '
 'platform-engineer as Responsible: data engineers own stability, pipelines that deliver when '
 'promised; ML engineers own architecture, how the tools link up\n'
 '- kind `ml-pipeline` needs an ml-engineer, mlops-engineer or platform-engineer as '
 'Responsible: ML engineers own architecture: how the tools link up, at scale\n'
 '- kind `platform` needs a platform-engineer or mlops-engineer as Responsible: platform and '
 'MLOps engineers build the platform the tools link up on\n'
 '  > "Platform engineering: Working to integrate a series of useful services together in '
 'order to build out the ML platform for the different data-driven teams to use." '
 '(packt-2023)\n'
 '  Reading: The first edition names no platform role; the second edition (2023) gives '
 "platform engineering to the MLOps engineer. That the platform is where the ML engineer's "
 "architecture runs, and that platform engineers may own it too, is this project's reading.\n"
 '\n'
 '#### ml-engineer: productionization\n'
 '\n'
 'Getting maximum value from the model in the real world.\n'
 '\n'
 '> "Their job is to make sure that the hard work on the data science side of things generates '
 'the maximum potential value in a real-world setting." (packt-2023)\n'
 '\n'
 '- kind `training` should have an ml-engineer or mlops-engineer as Responsible or Consulted '
 '(TAX002): ML engineers build the software that trains, retrains and deploys the model\n'
 '  > "Here, it may mean building some software to train, retrain, deploy, and track the '
 'performance of the model as more transcription data is accumulated, or as user preferences '
 'are understood." (packt-2023)\n'
 '- kind `packaging` needs an ml-engineer or mlops-engineer as Responsible: ML engineers own '
 'productionization: a model shipped as an artifact that can be deployed\n'
 "  Reading: The chapter's taxonomy gives packaging to no focus area; that a versioned, "
 "deployable artifact is part of getting the model into production is this project's reading.\n"
 '- kind `deployment` needs an ml-engineer or mlops-engineer as Responsible: ML engineers own '
 'productionization\n'
 '  > "Here, it may mean building some software to train, retrain, deploy, and track the '
 'performance of the model as more transcription data is accumulated, or as user preferences '
 'are understood." (packt-2023)\n'
 '- kind `monitoring` needs an ml-engineer or mlops-engineer as Responsible: ML engineers own '
 "productionization, which includes tracking the model's performance\n"
 '  > "Here, it may mean building some software to train, retrain, deploy, and track the '
 'performance of the model as more transcription data is accumulated, or as user preferences '
 'are understood." (packt-2023)\n'
 '- kind `retraining` needs an ml-engineer or mlops-engineer as Responsible: ML engineers own '
 'productionization: the software to train and retrain the model\n'
 '  > "Here, it may mean building some software to train, retrain, deploy, and track the '
 'performance of the model as more transcription data is accumulated, or as user preferences '
 'are understood." (packt-2023)\n'
 '\n'
 '#### data-engineer: quality\n'
 '\n'
 'What left the source is what lands at the destination.\n'
 '\n'
 '> "The data engineer cares about avoiding this and uses a variety of techniques and tools, '
 'generally to ensure that the data that left the source system is what lands in your data '
 'storage layer." (packt-2023)\n'
 '\n'
 '- kind `data-quality` needs a data-engineer or analytics-engineer as Responsible: data '
 'engineers own quality: what left the source is what lands\n'
 '\n'
 '#### data-engineer: stability\n'
 '\n'
 'Pipelines that deliver the data when promised.\n'
 '\n'
 '> "Data engineers spend a lot of time and effort and use their considerable skills to ensure '
 'that data pipelines are robust, reliable, and can be trusted to deliver when promised." '
 '(packt-2023)\n'
 '\n'
 '- kind `ingestion` needs a data-engineer as Responsible: data engineers own access and '
 'stability\n'
 '- kind `transformation` needs a data-engineer or analytics-engineer as Responsible: data '
 'engineers own stability: pipelines that deliver when promised\n'
 '- kind `orchestration` needs a data-engineer, ml-engineer, mlops-engineer or '
 'platform-engineer as Responsible: data engineers own stability, pipelines that deliver when '
 'promised; ML engineers own architecture, how the tools link up\n'
 '\n'
 '#### data-engineer: access\n'
 '\n'
 'Surfacing the data to the people and systems that consume it.\n'
 '\n'
 '> "The data engineer will have a variety of technologies to hand to surface data and should '
 'work with the data consumers (our data scientists and ML engineers, among others) to define '
 'and create appropriate data models within these solutions." (packt-2023)\n'
 '\n'
 '- kind `ingestion` needs a data-engineer as Responsible: data engineers own access and '
 'stability\n'
 '- kind `data-storage` needs a data-engineer as Responsible: data engineers own access: '
 'surfacing data to its consumers\n'
 '- kind `feature-store` needs a data-engineer, ml-engineer or mlops-engineer as Responsible: '
 'data engineers own access, ML engineers own architecture\n'
 '\n'
 '#### Requirements that rest on no focus area\n'
 '\n'
 '- tag `pii` needs a data-steward as Consulted or Accountable: personal data needs a data '
 'steward who can answer for its governance\n'
 "  Reading: The chapter's taxonomy names no data steward; this requirement is this project's "
 'own.\n'
 '- tag `tier-1` needs 2 people as Responsible: a business-critical component needs more than '
 'one person who can fix it\n'
 "  Reading: This requirement is this project's own; it names no discipline.\n"
 '\n'
 '#### Kinds with no requirement\n'
 '\n'
 '`service`, `library`, `frontend`, `infrastructure`, `documentation`, `ci`, `tests`, '
 '`tooling`.\n'
 '\n'
 '#### Sources\n'
 '\n'
 '- packt-2021: A. P. McMahon, Machine Learning Engineering with Python, Packt 2021, chapter '
 '1, section "Defining a taxonomy of data disciplines", as Packt publishes it online (the '
 "first edition; the page quotes the section as far as the data scientist's analysis and the "
 'first words of modeling). '
 'https://packtpub.com/en-no/product/machine-learning-engineering-with-python-9781801079259/chapter/chapter-1-introduction-to-ml-engineering-2/section/defining-a-taxonomy-of-data-disciplines-ch02lvl1sec04\n'
 '- packt-2023: The same section in the second edition (Packt 2023), from a public '
 "transcription of its chapter 1. Its analysis sentence is the first edition's but for two "
 'words ("munge", "the data"); the second edition adds the MLOps engineer.\n')
)
