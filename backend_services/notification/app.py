"""The notification context served alone: `uvicorn backend_services.notification.app:app`."""

from backend_services.api import create_api

app = create_api(["notification"], standalone=True)
