"""Accounts: organisations and their users, invitations, passwords, the bureau's
verification of organisations, the audit log and the mail outbox.

Every service takes a SQLAlchemy ``Session`` and owns the transaction: it
commits on success and leaves nothing behind when it raises. Rule violations
raise :class:`AccountError` with a stable ``code`` that the web layer turns
into a message in the user's language.
"""
