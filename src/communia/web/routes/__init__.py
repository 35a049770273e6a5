"""Route modules; each exposes ``router``, ``AREA`` and optionally ``NAV``."""
