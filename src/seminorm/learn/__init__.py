"""Choosing a record's fields among the candidates the rules propose.

Rules propose every plausible value of a field (each step of the reading
order in docs/extraction.md is one candidate source, plus every short line
that reads as a name or a place); :mod:`.features` describes each candidate
the way a reader would (its cue, its line's position and shape, its distance
to the talk's time, how much it looks like a name or a room); :mod:`.scorer`
scores them with weights learned from labeled real text and keeps the best
above the learned "none" score. :mod:`.train` fits the weights
(docs/scoring.md).
"""
