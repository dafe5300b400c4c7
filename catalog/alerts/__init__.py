"""Saved searches and alerts (issue 7): users save a /search or /catalogue
query (``saved``); a periodic scan (``scan``, ``flask --app portal notify
scan``) tells them about new results, new matches for open needs and new
leads for suppliers, remembering what it announced in ``AlertSeen``."""
