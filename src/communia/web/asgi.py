"""ASGI entry point for uvicorn and other servers: ``communia.web.asgi:app``."""

from communia.bootstrap import bootstrap
from communia.config import load_settings
from communia.web.app import create_app

app = create_app(bootstrap(load_settings()))
