"""The web layer: FastAPI, Jinja2 and HTMX, server-rendered; thin over the services."""
