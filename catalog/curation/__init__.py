"""The bureau's curation of the catalogue: technology submissions and their
state machine (``workflow``), review with scores and thresholds (``review``),
the public notice and objections (``notice``), editions and their comparison
(``editions``), managing published entries (``entries``) and the Excel export
(``export``). Services take a Session and own the transaction; refused steps
raise ``RuleError`` and change nothing."""
