"""The domain: SQLAlchemy models, services, queries, search index and seed import.

Nothing in this package imports Flask or ``portal``; services take a SQLAlchemy
``Session`` and own the transaction, so a CLI, a worker or a test can use them
without an application.
"""
