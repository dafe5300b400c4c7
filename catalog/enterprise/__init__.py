"""The enterprise workspace: facilities, benchmark diagnosis, needs, matches.

Services take a Session and an organisation id (everything is scoped to it, so
another organisation's ids are simply not found) and own the transaction."""
