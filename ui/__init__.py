"""ui: the entry points (the `letters` CLI and the web server) and the one Settings object."""

import os

# ui is the entry point, and this runs before any ui module imports gradio.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from ui.errors import BadOrigin, UIError  # noqa: E402
from ui.settings import Settings  # noqa: E402

__all__ = ["BadOrigin", "Settings", "UIError", "create_app", "serve"]


def __getattr__(name: str):
    """create_app and serve load FastAPI and Gradio only when asked for (the CLI stays quick)."""
    if name in ("create_app", "serve"):
        from ui import server

        return getattr(server, name)
    raise AttributeError(f"module 'ui' has no attribute {name!r}")
