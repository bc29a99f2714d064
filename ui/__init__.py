"""ui: the entry points (the `letters` CLI and the web server) and the one Settings object."""

from ui.errors import BadOrigin, UIError
from ui.settings import Settings

__all__ = ["BadOrigin", "Settings", "UIError", "create_app", "serve"]


def __getattr__(name: str):
    """create_app and serve load FastAPI and Gradio only when asked for (the CLI stays quick)."""
    if name in ("create_app", "serve"):
        from ui import server

        return getattr(server, name)
    raise AttributeError(f"module 'ui' has no attribute {name!r}")
