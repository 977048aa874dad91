"""The headless API contract: what Wagtail's v2 and v3 APIs lack for an external app.

See `config/api.py` for the routes; this package holds the pieces they use.
"""
