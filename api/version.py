"""The one place the API's version lives: the URI carries its major, the header all of it."""

API_VERSION = "1.0.0"
API_MAJOR = API_VERSION.split(".")[0]
API_PREFIX = f"/api/v{API_MAJOR}"


def is_api_path(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")
