"""faultlines: actors, PLOVER-coded events and signed alignment networks from political text."""

__version__ = "0.1.0"
