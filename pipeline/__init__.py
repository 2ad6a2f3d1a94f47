"""presse: French press articles to structured events (visits, sector interests, agreements)."""
__version__ = "0.1.0"
