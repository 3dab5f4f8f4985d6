"""Evidence intake: documents and public submissions into vetted, cited evidence.

`pipeline/` is the pure extraction core (no Django); the rest of the app stores documents,
runs the pipeline over them, queues what it proposes for review and files accepted items
into country assessments.
"""
