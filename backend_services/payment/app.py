"""The payment context served alone: `uvicorn backend_services.payment.app:app`."""

from backend_services.api import create_api

app = create_api(["payment"], standalone=True)
