"""Django project configuration for FirstPerson: settings, URLs and the WSGI/ASGI entry points."""
