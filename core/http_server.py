"""A fix to the HTTP server under the ASGI app (daphne, on Twisted).

Twisted's HTTP request parses the body of every ``multipart/form-data`` POST into ``request.args``, which
daphne never reads, and answers a malformed one itself: an empty 400 with no content type, before Django
sees the request, so the client gets neither the contract's envelope nor a language. With that parsing
off, the body goes to Django unread, and Django (DRF under /api/) answers a malformed one.
"""

from __future__ import annotations

from typing import Any


def leave_form_bodies_to_django() -> None:
    """Make daphne build its requests with Twisted's form parsing off (idempotent)."""
    from daphne import http_protocol

    if getattr(http_protocol.WebRequest, "leaves_form_bodies_to_django", False):
        return

    class WebRequest(http_protocol.WebRequest):
        leaves_form_bodies_to_django = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["parsePOSTFormSubmission"] = False
            super().__init__(*args, **kwargs)

    # HTTPFactory.buildProtocol reads the module's WebRequest for each new connection.
    http_protocol.WebRequest = WebRequest
