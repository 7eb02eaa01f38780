"""backcheck: check a Portuguese news article against its English translation."""

__version__ = "0.1.0"

from backcheck.errors import InputError  # noqa: E402

__all__ = ["InputError", "__version__"]
