"""The only settings module.

With no environment variables the project runs embedded on one machine: SQLite under ``DATA_DIR``, an
in-memory channel layer, evidence on local disk, Celery tasks run eagerly and periodic jobs by the
embedded scheduler of ``manage.py serve``. Each production service is switched on by its URL:
``DATABASE_URL`` (PostgreSQL), ``REDIS_URL`` (Channels, Celery and the cache), ``S3_ENDPOINT_URL``
(MinIO/S3). Every variable is documented in ``.env.example``; malformed values stop start-up.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import (
    env_bool,
    env_decimal,
    env_int,
    env_list,
    env_rate,
    env_str,
    env_url,
    parse_database_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# DEVELOPMENT is the profile (the embedded development key, no TLS, demo data allowed); DEBUG only turns
# on Django's technical pages, which dump settings and tracebacks, so a newcomer's `make run` never shows
# them unless asked for. Production sets DEBUG=false, which also makes DEVELOPMENT default to false.
DEVELOPMENT = env_bool("DEVELOPMENT", env_bool("DEBUG", True))
DEBUG = env_bool("DEBUG", False)
# seed_demo makes accounts with a published password: only where this says so.
ALLOW_DEMO_DATA = env_bool("ALLOW_DEMO_DATA", DEVELOPMENT)
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "data"))).resolve()

# Only for the development profile; refused below when DEVELOPMENT is off.
_DEV_SECRET_KEY = "embedded-profile-only-not-secret-0f3c9a8e7d6b5a4c3b2a1f0e9d8c7b6a"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY if DEVELOPMENT else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY: required when DEBUG is off")
if not DEVELOPMENT and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY: the embedded development key must not be used with DEBUG off")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "core",
    "accounts",
    "cases",
    "evidence",
    "mediation",
    "hearings",
    "arbitration",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.web.middleware.ServiceUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.web.context_processors.shell",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
_db = parse_database_url("DATABASE_URL")
if _db is None:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "arbitration.sqlite3",
            # The embedded scheduler writes from its own thread: wait for the lock instead of failing,
            # and take it at the start of each transaction so two writers cannot deadlock.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
else:
    _db_options: dict[str, object] = dict(_db.options)
    # The hot reads written as core.prepared queries are prepared on the server once run five times on a
    # connection: they then skip parsing and planning, which took longer than running them (1.7 ms against
    # 0.7 ms for a list page's rows, benchmarks/http_load.py). Only those: Django's own cursors bind
    # parameters on the client and never prepare. Prepared statements live on their connection, which the
    # pool keeps; behind a pooler in transaction mode (PgBouncer) set DATABASE_PREPARE=false.
    DATABASE_PREPARE = env_bool("DATABASE_PREPARE", True)
    if DATABASE_PREPARE:
        _db_options.setdefault("prepare_threshold", 5)
    if env_bool("DATABASE_POOL", True):
        # One pool per process; never CONN_MAX_AGE > 0 under ASGI (connections pile up per thread).
        _db_options["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN", 2, minimum=0),
            "max_size": env_int("DATABASE_POOL_MAX", 20, minimum=1),
            "timeout": 10,
        }
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": _db.name,
            "USER": _db.user,
            "PASSWORD": _db.password,
            "HOST": _db.host,
            "PORT": _db.port,
            "CONN_MAX_AGE": 0,
            "OPTIONS": _db_options,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer, Celery broker, cache -------------------------------------------------
REDIS_URL = env_url("REDIS_URL", {"redis", "rediss"})
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "core.layers.RedisChannelLayer",
            "CONFIG": {
                # A socket's receive waits in Redis up to 5 s (channels-redis's BZPOPMIN); redis-py's
                # default read timeout is also 5 s, so a busy loop turned idle sockets' waits into
                # "Timeout reading" and closed them (1013). Reads get room beyond the wait; a refused
                # or unreachable Redis still fails within the connect timeout.
                "hosts": [{"address": REDIS_URL, "socket_timeout": 30, "socket_connect_timeout": 2}],
                "prefix": "arbitration",
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",  # Django's, keeping its Redis client
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "arbitration",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Lists' totals kept in the shared cache between writes (core/counts.py); only with Redis, whose write
# epoch every process sees.
COUNT_CACHE = bool(REDIS_URL) and env_bool("COUNT_CACHE", True)
# With it, also an unfiltered list's pages (their ids and rows) between writes; off: read every time.
KEPT_PAGES = env_bool("KEPT_PAGES", True)

CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"  # never used: tasks run eagerly
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = "Asia/Shanghai"
# The outbox (core/outbox.py): a message whose run is not reported this long after it was published is
# published again (the broker may have lost it); failed publishes wait 2, 4, 8 … seconds, up to the cap.
OUTBOX_REDELIVER_SECONDS = env_int("OUTBOX_REDELIVER_SECONDS", 600, minimum=1)
OUTBOX_RETRY_MAX_SECONDS = env_int("OUTBOX_RETRY_MAX_SECONDS", 300, minimum=1)
OUTBOX_KEEP_DAYS = env_int("OUTBOX_KEEP_DAYS", 7, minimum=1)
# Periodic jobs: Celery beat in production, ``manage.py serve``'s embedded scheduler otherwise.
CELERY_BEAT_SCHEDULE = {
    "purge-idempotency-records": {
        "task": "core.tasks.purge_idempotency_records",
        "schedule": timedelta(hours=1),
    },
    "purge-expired-tokens": {
        "task": "accounts.tasks.purge_expired_tokens",
        "schedule": timedelta(hours=6),
    },
    "evidence-expire-declarations": {
        "task": "evidence.tasks.expire_declarations",
        "schedule": timedelta(minutes=15),
    },
    "relay-outbox": {
        "task": "core.tasks.relay_outbox",
        "schedule": timedelta(seconds=env_int("OUTBOX_RELAY_SECONDS", 10, minimum=1)),
    },
    "purge-outbox": {
        "task": "core.tasks.purge_outbox",
        "schedule": timedelta(hours=6),
    },
    "hearing-windows": {
        "task": "hearings.tasks.tick_sessions",
        "schedule": timedelta(seconds=env_int("HEARING_TICK_SECONDS", 60, minimum=1)),
    },
    "mediation-lapses": {
        "task": "mediation.tasks.record_lapsed_mediations",
        "schedule": timedelta(minutes=env_int("MEDIATION_LAPSE_MINUTES", 15, minimum=1)),
    },
    "mediation-reminders": {
        "task": "mediation.tasks.remind_mediation_period",
        "schedule": timedelta(hours=1),
    },
    "mediation-overdue-items": {
        "task": "mediation.tasks.notify_overdue_items",
        "schedule": timedelta(hours=1),
    },
    "supervision-alerts": {
        "task": "arbitration.tasks.supervision_alerts",
        "schedule": timedelta(minutes=env_int("SUPERVISION_ALERT_MINUTES", 60, minimum=1)),
    },
    "case-link-proposals": {
        "task": "cases.tasks.propose_case_links",
        "schedule": timedelta(minutes=env_int("CASE_GROUP_PROPOSAL_MINUTES", 60, minimum=1)),
    },
    "deadline-sweep": {
        "task": "cases.tasks.deadline_sweep",
        "schedule": timedelta(minutes=env_int("DEADLINE_SWEEP_MINUTES", 15, minimum=1)),
    },
}

# --- Evidence storage ----------------------------------------------------------------------------
S3_ENDPOINT_URL = env_url("S3_ENDPOINT_URL", {"http", "https"})
S3_PUBLIC_ENDPOINT_URL = env_url("S3_PUBLIC_ENDPOINT_URL", {"http", "https"}) or S3_ENDPOINT_URL
S3_ACCESS_KEY = env_str("S3_ACCESS_KEY", "")
S3_SECRET_KEY = env_str("S3_SECRET_KEY", "")
S3_BUCKET = env_str("S3_BUCKET", "arbitration-evidence")
S3_REGION = env_str("S3_REGION", "us-east-1")
if S3_ENDPOINT_URL and not (S3_ACCESS_KEY and S3_SECRET_KEY):
    raise ImproperlyConfigured(
        "S3_ACCESS_KEY: S3_ACCESS_KEY and S3_SECRET_KEY are required with S3_ENDPOINT_URL"
    )
STORAGE_DIR = Path(env_str("STORAGE_DIR", str(DATA_DIR / "storage"))).resolve()
# Evidence: the caps by kind (documents and images / audio and video), how long an upload link and a
# download link live, and how long a declaration waits for its upload before the sweep removes it.
EVIDENCE_MAX_DOCUMENT_BYTES = env_int("EVIDENCE_MAX_DOCUMENT_BYTES", 20 * 1024 * 1024, minimum=1)
EVIDENCE_MAX_MEDIA_BYTES = env_int("EVIDENCE_MAX_MEDIA_BYTES", 500 * 1024 * 1024, minimum=1)
EVIDENCE_UPLOAD_MINUTES = env_int("EVIDENCE_UPLOAD_MINUTES", 15, minimum=1)
EVIDENCE_DOWNLOAD_MINUTES = env_int("EVIDENCE_DOWNLOAD_MINUTES", 5, minimum=1)
EVIDENCE_DECLARATION_HOURS = env_int("EVIDENCE_DECLARATION_HOURS", 24, minimum=1)
# Asynchronous hearings: the longest text one submission may carry (characters).
HEARING_TEXT_LIMIT = env_int("HEARING_TEXT_LIMIT", 20_000, minimum=100)

# --- API -----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.tokens.DeviceTokenAuthentication",
        "core.api.authentication.CsrfSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.JSONBodyParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "login": env_rate("LOGIN_RATE", "30/min"),
        "bind": env_rate("BIND_RATE", "10/hour"),
        "sms": env_rate("SMS_RATE", "10/hour"),
    },
    "NUM_PROXIES": env_int("NUM_PROXIES", 0, minimum=0),
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Labour arbitration API",
    "DESCRIPTION": "Cases, parties, deadlines and asynchronous hearings of the arbitration commission.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The API also parses form bodies; its clients send JSON, and the schema documents JSON only.
    "PARSER_WHITELIST": ["core.api.parsers.JSONBodyParser"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cases.api.schema.step_name_enums",
        "cases.api.schema.step_inputs_any_of",
    ],
    "ENUM_NAME_OVERRIDES": {
        "PartyKindEnum": "accounts.models.PartyKind",
        "MediationOrganisationKindEnum": "accounts.models.MediationOrganisation.Kind",
        "CaseStatusEnum": "cases.models.case.Status",
        "DeadlineStatusEnum": "cases.models.deadlines.DeadlineStatus",
        "CalendarDayKindEnum": "core.models.CalendarDay.Kind",
        "EvidenceStatusEnum": "evidence.models.Status",
        "OpinionEnum": "evidence.models.Opinion",
        "SubmissionKindEnum": "hearings.models.SubmissionKind",
        "StageKindEnum": "hearings.models.StageKind",
        "StageStatusEnum": "hearings.models.StageStatus",
        "SessionStatusEnum": "hearings.models.SessionStatus",
        "SideEnum": "cases.models.case.Side",
        "GroupMemberOutcomeEnum": ["done", "refused", "left"],
        "AwardItemDecisionEnum": "arbitration.models.Decision",
        "AgreementItemKindEnum": "mediation.models.ItemKind",
        "MediationOutcomeEnum": "cases.models.mediation.MediationOutcome",
        "AdvanceExecutionKindEnum": "cases.models.advance.AdvanceKind",
        "GrantOrRefuseEnum": "cases.inputs.GrantOrRefuse",
        "ServedDocumentEnum": "cases.models.service.ServedDocument",
        "ServiceMethodEnum": "cases.models.service.ServiceMethod",
        "ReportKindEnum": "arbitration.models.ReportKind",
        "ReportStatusEnum": "arbitration.models.ReportStatus",
    },
}
# Failed logins allowed per window, per username and per client address, before 429.
LOGIN_FAILURES_PER_USERNAME = env_int("LOGIN_FAILURES_PER_USERNAME", 5, minimum=1)
LOGIN_FAILURES_PER_IP = env_int("LOGIN_FAILURES_PER_IP", 20, minimum=1)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900, minimum=1)
# Past the per-username limit, attempts from other addresses wait a doubling delay up to this.
LOGIN_DELAY_MAX_SECONDS = env_int("LOGIN_DELAY_MAX_SECONDS", 60, minimum=1)
IDEMPOTENCY_TTL_HOURS = env_int("IDEMPOTENCY_TTL_HOURS", 24, minimum=1)
# API tokens: one per device (each sign-in makes one), stored hashed, expiring after TOKEN_TTL_DAYS without
# use (each use renews it), revoked one at a time by logging out on that device.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env_int("TOKEN_TTL_DAYS", 30, minimum=1)),
    "AUTO_REFRESH": True,
    "MIN_REFRESH_INTERVAL": 3600,
    "AUTH_HEADER_PREFIX": "Token",
}

# --- Notifications -------------------------------------------------------------------------------
NOTIFICATION_CHANNELS = env_list("NOTIFICATION_CHANNELS", ["console"])
# The legal-aid centre workers are referred to (issue 16): its name, and the contact (a mobile number) the
# referral is texted to through the notification channels.
LEGAL_AID_CENTRE_NAME = env_str("LEGAL_AID_CENTRE_NAME", "区法律援助中心")
LEGAL_AID_CENTRE_CONTACT = env_str("LEGAL_AID_CENTRE_CONTACT", "13800000148")
# Real-name verification (实名认证) of a party's account: the dotted path of a RealNameVerifier.
REAL_NAME_VERIFIER = env_str("REAL_NAME_VERIFIER", "accounts.verification.ConsoleVerifier")
# Sign-up and password reset by SMS code (accounts.sms_codes): the code's life, the wrong tries it allows,
# the wait before another code to the same number and the codes a number may receive per hour.
SMS_CODE_TTL_SECONDS = env_int("SMS_CODE_TTL_SECONDS", 300, minimum=30)
SMS_CODE_MAX_ATTEMPTS = env_int("SMS_CODE_MAX_ATTEMPTS", 5, minimum=1)
SMS_CODE_RESEND_SECONDS = env_int("SMS_CODE_RESEND_SECONDS", 60, minimum=0)
SMS_CODES_PER_PHONE_PER_HOUR = env_int("SMS_CODES_PER_PHONE_PER_HOUR", 5, minimum=1)
# WeChat mini-program sign-in: the dotted path of a WeChatAuth backend (accounts.wechat). Unset: WeChat's
# own with an app id, the test backend (anyone may claim any openid) only in the DEVELOPMENT profile, else
# switched off.
WECHAT_APP_ID = env_str("WECHAT_APP_ID", "")
WECHAT_APP_SECRET = env_str("WECHAT_APP_SECRET", "")
WECHAT_AUTH = env_str(
    "WECHAT_AUTH",
    "accounts.wechat.Code2SessionWeChatAuth"
    if WECHAT_APP_ID
    else "accounts.wechat.TestWeChatAuth"
    if DEVELOPMENT
    else "accounts.wechat.DisabledWeChatAuth",
)

# --- The commission's contact details (the help pages and the footer) ------------------------------
# The defaults are the demo's: set the real address, phone and hours for a deployment.
COMMISSION_ADDRESS = env_str("COMMISSION_ADDRESS", "广州市天河区（演示地址）")
COMMISSION_PHONE = env_str("COMMISSION_PHONE", "020-0000 0000")
# 12333 is the national human resources and social security hotline (人社服务热线).
COMMISSION_HOTLINE = env_str("COMMISSION_HOTLINE", "12333")
COMMISSION_HOURS = env_str("COMMISSION_HOURS", "09:00–12:00, 14:00–17:30")

# --- Domain figures (../shared/domain.md: "configurable") ----------------------------------------
CASE_NUMBER_TEMPLATE = env_str("CASE_NUMBER_TEMPLATE", "穗天劳人仲案字〔{year}〕{seq}号")
try:
    _example_number = CASE_NUMBER_TEMPLATE.format(year=2026, seq=123)
except (KeyError, IndexError, ValueError) as _exc:
    raise ImproperlyConfigured(
        "CASE_NUMBER_TEMPLATE: use only the fields {year} and {seq} (e.g. {seq:04d}), "
        f"got {CASE_NUMBER_TEMPLATE!r}"
    ) from _exc
if "{seq" not in CASE_NUMBER_TEMPLATE or "{year" not in CASE_NUMBER_TEMPLATE:
    raise ImproperlyConfigured("CASE_NUMBER_TEMPLATE: must contain {year} and {seq} so numbers are unique")
PRE_MEDIATION_DAYS = env_int("PRE_MEDIATION_DAYS", 15, minimum=1)
# Previous-year provincial average annual wage: the simplified-procedure amount limit (R Art. 57).
SIMPLIFIED_AMOUNT_LIMIT = env_decimal("SIMPLIFIED_AMOUNT_LIMIT", "126000.00")
# Local monthly minimum wage: a claim item up to 12 times it may be finally awarded (L Art. 47).
MONTHLY_MINIMUM_WAGE = env_decimal("MONTHLY_MINIMUM_WAGE", "2500.00")
# Supervision targets (domain.md §7; the seed's 2025 targets), as shares: 0.90 is 90%.
SUPERVISION_CLOSURE_TARGET = env_decimal("SUPERVISION_CLOSURE_TARGET", "0.90")
SUPERVISION_MEDIATION_TARGET = env_decimal("SUPERVISION_MEDIATION_TARGET", "0.60")
if SUPERVISION_CLOSURE_TARGET > 1 or SUPERVISION_MEDIATION_TARGET > 1:
    raise ImproperlyConfigured("SUPERVISION_*_TARGET: a share between 0 and 1, e.g. 0.90")
# The finality rate waits this many days after closure for a lawsuit or set-aside application (L 48-50:
# 15 days to sue, 30 to apply to set aside).
SUPERVISION_LAWSUIT_WINDOW_DAYS = env_int("SUPERVISION_LAWSUIT_WINDOW_DAYS", 30, minimum=1)
# Linked cases (串案, issue 16): open cases against the same employer (credit code) on overlapping claim
# categories received within this many days of one another are proposed to a clerk for linking.
CASE_GROUP_WINDOW_DAYS = env_int("CASE_GROUP_WINDOW_DAYS", 30, minimum=1)
# The monthly major-case report (重案月报) lists cases claiming at least this much (yuan) unless asked
# for another amount.
SUPERVISION_LARGE_AMOUNT = env_decimal("SUPERVISION_LARGE_AMOUNT", "100000.00")

# --- Internationalisation and time ---------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "config" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "config" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEVELOPMENT
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEVELOPMENT  # the development profile serves static files without collectstatic

# --- Security ------------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEVELOPMENT)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEVELOPMENT)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEVELOPMENT)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEVELOPMENT else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEVELOPMENT)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEVELOPMENT)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "core.web.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=60)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "INFO"},
        "daphne": {"level": "WARNING"},
    },
}
