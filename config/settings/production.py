"""Production settings: nothing permissive by default; refuses to start when misconfigured."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_list, env_str

from .base import *  # noqa: F403

if env_bool("DEBUG", False):
    raise ImproperlyConfigured("DEBUG must be off in production. Unset DEBUG or set it to false.")
DEBUG = False

SECRET_KEY = env_str("SECRET_KEY") or ""
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names this service answers to.")
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]

if not env_str("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must point at the production database (PostgreSQL).")
SITE_URL = (env_str("SITE_URL") or "").rstrip("/")
if not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("SITE_URL must be the service's public https:// address; emailed links use it.")
# Real email unless configured otherwise: confirmation and password-reset links must reach people.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
