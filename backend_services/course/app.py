"""The course context served alone: `uvicorn backend_services.course.app:app`."""

from backend_services.api import create_api

app = create_api(["course"], standalone=True)
