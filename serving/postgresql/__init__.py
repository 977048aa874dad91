"""Django's PostgreSQL backend with one retry where a lost connection allows it (base.py)."""
