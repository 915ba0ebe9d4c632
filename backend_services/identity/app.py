"""The identity context served alone: `uvicorn backend_services.identity.app:app`."""

from backend_services.api import create_api

app = create_api(["identity"], standalone=True)
