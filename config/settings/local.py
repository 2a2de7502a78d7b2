"""The embedded default: `make run` with nothing configured. Never used in production."""

from config.env import env_bool, env_str

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = env_bool("DEBUG", True)
# A fixed key is acceptable only here: local settings hold no real data and production refuses it.
SECRET_KEY = env_str("SECRET_KEY", "local-development-only-not-secret") or ""
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "emails"

# The embedded SQLite database and demo sign-ins live here; a fresh clone has no var/ yet.
VAR_DIR.mkdir(parents=True, exist_ok=True)

# No worker runs beside `make run`: background jobs (recalculations, uprating) run as they are asked for.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
