"""The enrollment context served alone: `uvicorn backend_services.enrollment.app:app`."""

from backend_services.api import create_api

app = create_api(["enrollment"], standalone=True)
