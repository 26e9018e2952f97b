"""AI strategy workshop: the facilitator's offline instrument, from audit to the strategy PDF."""

__version__ = "0.1.0"
