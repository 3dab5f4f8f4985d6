"""The one settings module. Every value comes from a ``TIPMON_*`` environment variable.

Development defaults are safe for a single machine: an embedded SQLite file under ``var/``.
Outside development (``TIPMON_ENV=production``) a missing ``TIPMON_SECRET_KEY`` or
``TIPMON_DEBUG=true`` stops start-up with a message. Each setting is documented in
``docs/configuration.md``; a test checks that the two lists agree.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import django_stubs_ext
import environ
from django.core.exceptions import ImproperlyConfigured

# Lets runtime code write the generic types django-stubs declares (ModelAdmin[Country]).
django_stubs_ext.monkeypatch()

REPO_DIR = Path(__file__).resolve().parents[2]
PACKAGE_DIR = Path(__file__).resolve().parent

env = environ.Env()

#: The names of every setting read here; docs/configuration.md must describe each one.
SETTING_NAMES = (
    "TIPMON_ENV",
    "TIPMON_DEBUG",
    "TIPMON_SECRET_KEY",
    "TIPMON_VAR_DIR",
    "TIPMON_DATABASE_URL",
    "TIPMON_ALLOWED_HOSTS",
    "TIPMON_CSRF_TRUSTED_ORIGINS",
    "TIPMON_HTTPS",
    "TIPMON_LOG_LEVEL",
    "TIPMON_SQLITE_BUSY_TIMEOUT",
    "TIPMON_DISCLOSURE_THRESHOLD",
    "TIPMON_UPLOAD_MAX_BYTES",
    "TIPMON_EVIDENCE_MAX_BYTES",
    "TIPMON_CACHE_ENTRIES",
    "TIPMON_IATI_REPORTING_ORG_REF",
    "TIPMON_IATI_REPORTING_ORG_NAME",
)

TIPMON_ENV: str = env.str("TIPMON_ENV", default="development")
if TIPMON_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"TIPMON_ENV must be 'development' or 'production', not {TIPMON_ENV!r}."
    )
DEVELOPMENT = TIPMON_ENV == "development"

DEBUG: bool = env.bool("TIPMON_DEBUG", default=False)
if DEBUG and not DEVELOPMENT:
    raise ImproperlyConfigured("TIPMON_DEBUG must be off when TIPMON_ENV=production.")

VAR_DIR = Path(env.str("TIPMON_VAR_DIR", default=str(REPO_DIR / "var")))


def _development_secret_key(var_dir: Path) -> str:
    """A per-machine key kept in var/ (never in the repository)."""
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


_secret: str = env.str("TIPMON_SECRET_KEY", default="")
if not _secret:
    if not DEVELOPMENT:
        raise ImproperlyConfigured(
            "TIPMON_SECRET_KEY is not set. Outside development it is required: "
            "set it to a long random value (see docs/configuration.md)."
        )
    _secret = _development_secret_key(VAR_DIR)
SECRET_KEY = _secret

ALLOWED_HOSTS: list[str] = env.list("TIPMON_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("TIPMON_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Serves the API reference (Swagger UI) from its own static files, never a CDN.
    "ninja",
    "tipmon.core",
    "tipmon.countries",
    "tipmon.data",
    "tipmon.tiers",
    "tipmon.trends",
    "tipmon.assistance",
    "tipmon.assessments",
    "tipmon.evidence",
    "tipmon.councils",
    "tipmon.documents",
    "tipmon.publishing",
    "tipmon.site",
    "tipmon.opendata",
    "tipmon.api",
    # Wagtail, for the public website's editorial pages (docs/cms.md). No wagtail.embeds: it
    # fetches from outside services, and nothing here reaches the network at run time.
    "wagtail.contrib.routable_page",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.snippets",
    "wagtail.users",
    "wagtail.sites",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the cache, so that stored copies and 304s get every security header too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tipmon.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tipmon.core.publiccache.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The public site's chrome in the reader's language (docs/languages.md); after the cache,
    # which keys its entries on the same negotiated language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, so that the 400 page it leads to has the reader's language and session.
    "tipmon.core.middleware.NulParameterMiddleware",
]

ROOT_URLCONF = "tipmon.urls"
WSGI_APPLICATION = "tipmon.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tipmon.core.context_processors.site",
            ],
        },
    },
]


def _database(url: str) -> dict[str, Any]:
    config: dict[str, Any] = environ.Env.db_url_config(url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["OPTIONS"] = {
            # Django's SQLite backend already turns foreign_keys on for every connection.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": env.int("TIPMON_SQLITE_BUSY_TIMEOUT", default=20),
            "transaction_mode": "IMMEDIATE",
        }
        # The test database sits beside the configured one, so two checkouts or two
        # suites pointed at different databases never share a test file.
        name = Path(config["NAME"])
        config["TEST"] = {"NAME": str(name.with_name(f"test-{name.name}"))}
    # Keep each worker's connection between requests: opening one (and, on SQLite, setting
    # its pragmas) cost about a millisecond per request.
    config.setdefault("CONN_MAX_AGE", 60)
    config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {
    "default": _database(
        env.str("TIPMON_DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tipmon.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "assessments:home"
LOGOUT_REDIRECT_URL = "site:home"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
#: The languages of the public site's chrome (docs/languages.md); a reader's browser or the
#: language switcher (a cookie, no prefix in the address) picks one, English otherwise.
LANGUAGES = [("en", "English"), ("es", "Español"), ("fr", "Français")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# In development WhiteNoise also serves files straight from the apps' static folders, so a
# server started without collectstatic (the test suite's live server) still has them.
WHITENOISE_USE_FINDERS = DEVELOPMENT

HTTPS: bool = env.bool("TIPMON_HTTPS", default=not DEVELOPMENT)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
# No script reads the CSRF token from its cookie (forms carry it), so scripts may not read it.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
X_FRAME_OPTIONS = "DENY"


def _disclosure_threshold(raw: str) -> int:
    """Counts below this are withheld from statistics tables (docs/disclosure.md)."""
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ImproperlyConfigured(
            f"TIPMON_DISCLOSURE_THRESHOLD must be a whole number of at least 1, not {raw!r}."
        )
    return value


TIPMON_DISCLOSURE_THRESHOLD = _disclosure_threshold(
    env.str("TIPMON_DISCLOSURE_THRESHOLD", default="5")
)

#: Uploaded files (progress-report attachments) that no URL serves: views stream them after
#: checking the reader's role.
PRIVATE_MEDIA_ROOT = VAR_DIR / "media"
#: The largest upload accepted, in bytes (10 MB unless set).
TIPMON_UPLOAD_MAX_BYTES: int = env.int("TIPMON_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
if TIPMON_UPLOAD_MAX_BYTES < 1:
    raise ImproperlyConfigured("TIPMON_UPLOAD_MAX_BYTES must be a positive number of bytes.")
#: The largest evidence document staff may upload or ingest (50 MB unless set); public
#: submissions keep TIPMON_UPLOAD_MAX_BYTES per attachment.
TIPMON_EVIDENCE_MAX_BYTES: int = env.int("TIPMON_EVIDENCE_MAX_BYTES", default=50 * 1024 * 1024)
if TIPMON_EVIDENCE_MAX_BYTES < 1:
    raise ImproperlyConfigured("TIPMON_EVIDENCE_MAX_BYTES must be a positive number of bytes.")

#: Anonymous reads (public pages and API answers) kept per process (see
#: tipmon.core.publiccache); 0 turns the cache off.
if "TIPMON_API_CACHE_ENTRIES" in env.ENVIRON:
    raise ImproperlyConfigured(
        "TIPMON_API_CACHE_ENTRIES is now TIPMON_CACHE_ENTRIES (it covers public pages too)."
    )
TIPMON_CACHE_ENTRIES: int = env.int("TIPMON_CACHE_ENTRIES", default=512)
if TIPMON_CACHE_ENTRIES < 0:
    raise ImproperlyConfigured("TIPMON_CACHE_ENTRIES must be 0 (off) or more.")

#: The office's IATI organisation identifier ({agency}-{number}), the prefix of every exported
#: activity identifier; the default is the IATI writer's placeholder, no registered identifier.
TIPMON_IATI_REPORTING_ORG_REF: str = env.str(
    "TIPMON_IATI_REPORTING_ORG_REF", default="XX-TIPMON-OFFICE"
).strip()
if not TIPMON_IATI_REPORTING_ORG_REF or any(c.isspace() for c in TIPMON_IATI_REPORTING_ORG_REF):
    raise ImproperlyConfigured(
        "TIPMON_IATI_REPORTING_ORG_REF must be an IATI organisation identifier without spaces, "
        f"such as US-GOV-1, not {TIPMON_IATI_REPORTING_ORG_REF!r}."
    )
TIPMON_IATI_REPORTING_ORG_NAME: str = env.str(
    "TIPMON_IATI_REPORTING_ORG_NAME",
    default="Office to Monitor and Combat Trafficking in Persons",
).strip()
if not TIPMON_IATI_REPORTING_ORG_NAME:
    raise ImproperlyConfigured("TIPMON_IATI_REPORTING_ORG_NAME must not be blank.")

# The CMS (Wagtail) for the public website's editorial pages; see docs/cms.md.
WAGTAIL_SITE_NAME = "TIP Monitor"
#: Used only to build absolute links in notification e-mails; pages link relatively.
WAGTAILADMIN_BASE_URL = "http://localhost"
#: One sign-in page (throttled) for the whole project, the CMS included.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAILADMIN_USER_LOGIN_FORM = "tipmon.site.forms.CmsLoginForm"
#: No calls home: no update check, no "what's new" banner fetched from outside.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "csv", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
#: Images and documents editors upload (served by the document view, or by the proxy).
MEDIA_ROOT = VAR_DIR / "cms-media"
MEDIA_URL = "/media/"
WAGTAILADMIN_RICH_TEXT_EDITORS: dict[str, dict[str, Any]] = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            # Headings, emphasis, lists, rules, quotes, links (pages, documents, web, mail).
            "features": [
                "h2",
                "h3",
                "h4",
                "bold",
                "italic",
                "ol",
                "ul",
                "hr",
                "link",
                "document-link",
                "blockquote",
            ],
        },
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("TIPMON_LOG_LEVEL", default="WARNING")},
}
