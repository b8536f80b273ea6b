"""Scoring: an evaluation and a declarative rulebook give a scorecard (indicator scores, 执行率, total, grade).

Every number of the method lives in a rulebook (`rulebooks/*.yaml`, validated by `Rulebook`); the engine
only follows it, so a finance bureau can score the same evaluation under its own rules.
"""
