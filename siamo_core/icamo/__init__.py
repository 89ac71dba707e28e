"""What ICAMO receives from the IPMs and what it makes of it: the IPM return's format and
checks (:mod:`.returns`), the indicators and alerts (:mod:`.indicators`) and the per-IPM
performance scorecard with its recommendations (:mod:`.scorecard`)."""
