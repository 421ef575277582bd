"""Errors a user can act on. The CLI prints them as one line, never a traceback."""
from __future__ import annotations

__all__ = ["DipkgError", "InputError", "ModelNotFoundError", "StoreError", "WorkerError"]


class DipkgError(Exception):
    """Root of dipkg's errors: the message names the bad value and the fix."""


class InputError(DipkgError):
    """An input file or record cannot be read (empty, binary, malformed, not English...)."""


class ModelNotFoundError(DipkgError):
    """The configured spaCy pipeline is not installed."""


class StoreError(DipkgError):
    """A store or graph file cannot be opened or is not a dipkg graph."""


class WorkerError(DipkgError):
    """A worker process of a parallel extraction (``-j N``) stopped before finishing its batch."""
