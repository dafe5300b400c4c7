"""Measured outcomes as evidence (issue 23): project records made from
implemented inquiries' follow-ups (``records``), metering / M&V evidence and
the bureau's verification (``verification``), the rule that lets agreeing
verified projects set a technology's typical effect value (``adoption``)."""
