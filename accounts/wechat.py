"""WeChat sign-in for the mini-program: exchanging the code from ``wx.login`` for the user's identity.

The project talks to WeChat through ``WeChatAuth``; ``WECHAT_AUTH`` names the backend (a dotted path).
``TestWeChatAuth`` (development and tests) needs no network: a code ``wx-<openid>`` stands for that
openid, anything else is refused. ``Code2SessionWeChatAuth`` calls WeChat's ``jscode2session`` with
``WECHAT_APP_ID`` and ``WECHAT_APP_SECRET``; ``DisabledWeChatAuth`` refuses every code (the default
without an app id outside the development profile: the test backend would let anyone claim any openid).

An identity WeChat vouches for is not yet an account: an unknown openid gets a short-lived signed
``bind_token`` that signing up by phone (or a signed-in account) presents to tie the two. Tying an
account to a party still goes only through the verified paths (real name, the filing window, an access
code).
"""

from __future__ import annotations

import json
import logging
import re
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core import signing
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from core.errors import ApplicationError

log = logging.getLogger(__name__)

_BIND_SALT = "accounts.wechat.bind"
BIND_TOKEN_MAX_AGE = 600  # seconds: finish signing up within ten minutes of the WeChat sign-in


@dataclass(frozen=True)
class WeChatIdentity:
    openid: str
    unionid: str = ""


class WeChatCodeRefused(ApplicationError):
    status_code = 400
    code = "invalid"


def _refused() -> WeChatCodeRefused:
    return WeChatCodeRefused(
        _("WeChat did not accept the sign-in code; please try again."),
        fields={"code": [_("The WeChat sign-in code is invalid or has been used.")]},
    )


class WeChatAuth(ABC):
    @abstractmethod
    def exchange(self, code: str) -> WeChatIdentity:
        """The identity of the user whose mini-program obtained ``code``; raises ``WeChatCodeRefused``."""


class TestWeChatAuth(WeChatAuth):
    """Development and tests: ``wx-<openid>`` is that openid's code; no network."""

    _CODE = re.compile(r"^wx-([A-Za-z0-9_-]{1,64})$")

    def exchange(self, code: str) -> WeChatIdentity:
        match = self._CODE.match(code)
        if match is None:
            raise _refused()
        log.info("wechat sign-in (test backend): openid %s", match.group(1))
        return WeChatIdentity(openid=match.group(1))


class DisabledWeChatAuth(WeChatAuth):
    """No WeChat sign-in configured: every code is refused (sign in with the phone and password)."""

    def exchange(self, code: str) -> WeChatIdentity:
        raise WeChatCodeRefused(
            _("WeChat sign-in is not available; please sign in with your mobile number and password."),
            fields={"code": [_("WeChat sign-in is not set up on this server.")]},
        )


class Code2SessionWeChatAuth(WeChatAuth):
    """WeChat's ``jscode2session``: the app's id and secret and the code give the openid."""

    URL = "https://api.weixin.qq.com/sns/jscode2session"

    def exchange(self, code: str) -> WeChatIdentity:
        query = urllib.parse.urlencode(
            {
                "appid": settings.WECHAT_APP_ID,
                "secret": settings.WECHAT_APP_SECRET,
                "js_code": code,
                "grant_type": "authorization_code",
            }
        )
        with urllib.request.urlopen(f"{self.URL}?{query}", timeout=5) as answer:  # noqa: S310 (fixed https URL)
            body = json.loads(answer.read())
        if body.get("errcode") or not body.get("openid"):
            log.warning("jscode2session refused a code: %s", body.get("errcode"))
            raise _refused()
        return WeChatIdentity(openid=body["openid"], unionid=body.get("unionid", ""))


@cache
def _backend(path: str) -> WeChatAuth:
    return import_string(path)()


def get_wechat_auth() -> WeChatAuth:
    return _backend(settings.WECHAT_AUTH)


def bind_token_for(identity: WeChatIdentity) -> str:
    return signing.dumps({"openid": identity.openid}, salt=_BIND_SALT)


def openid_from_bind_token(token: str) -> str:
    """The openid a ``bind_token`` stands for; raises naming the field when it is forged or too old."""
    try:
        return str(signing.loads(token, salt=_BIND_SALT, max_age=BIND_TOKEN_MAX_AGE)["openid"])
    except (signing.BadSignature, KeyError, TypeError):
        raise ApplicationError(
            _("Invalid input."),
            fields={"bind_token": [_("The WeChat sign-in has expired; sign in with WeChat again.")]},
        ) from None
