"""RegDesk HQ: the central server desks sync with (FastAPI + SQLAlchemy, optional extra "hq")."""
