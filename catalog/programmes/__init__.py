"""Support programmes and green finance (issue 23): the bureau's list
(``service``), which programmes a match option qualifies for and what they do
to its payback and NPV (``eligibility``), and the seed loader (``seed``)."""
