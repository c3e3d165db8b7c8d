from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from api.version import API_VERSION, is_api_path


class ApiVersionMiddleware:
    """Adds the full `API-Version` to every response under /api/, errors included.

    A middleware rather than a DRF hook, because 404s of unknown routes and 500s
    never reach a DRF view; and outermost, so redirects of other middleware get it too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_api_path(request.path_info):
            response["API-Version"] = API_VERSION
        return response
