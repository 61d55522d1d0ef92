"""briefing: short, cited, extractive briefings on what inspectors and the press said."""
__version__ = "0.1.0"
