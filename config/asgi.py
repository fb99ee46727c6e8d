"""The ASGI entry point: HTTP through Django, WebSockets through Channels.

Django is set up (``get_asgi_application``) before the websocket routes are imported, because the
consumers import models.
"""

import gc
import os

from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_asgi_application()

from config.routing import websocket_urlpatterns  # noqa: E402
from core.consumers import TokenAuthMiddleware  # noqa: E402
from core.http_server import leave_form_bodies_to_django  # noqa: E402

# Both `uvicorn config.asgi:application` (the image) and `manage.py serve` (daphne) import this module
# before the server accepts its first connection.
leave_form_bodies_to_django()

application = ProtocolTypeRouter(
    {
        "http": django_application,
        "websocket": AllowedHostsOriginValidator(TokenAuthMiddleware(URLRouter(websocket_urlpatterns))),
    }
)

# Everything imported so far lives as long as the process: keep it out of the garbage collector's
# full passes, which otherwise pause requests for 50-90 ms now and then (benchmarks/docket.py).
gc.freeze()
