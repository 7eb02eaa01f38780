"""The one exception the CLI turns into a clean `file: reason` line and exit status 2."""


class InputError(Exception):
    """Bad input or usage: carries the offending path (or None) and a one-line reason."""

    def __init__(self, path, reason: str):
        self.path = None if path is None else str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path else reason)
