"""Typed validation errors shared by the identifier modules (python-stdnum style).

Each error carries the catalogue `codigo` of the finding it becomes and the placeholders
(`params`) that the catalogue's Spanish message needs, so a rule turns it into a `Hallazgo`
without knowing which check failed.
"""

from __future__ import annotations


class ValidationError(ValueError):
    """Base class: the value is not a valid identifier.

    Attributes:
        codigo: key of `apoyo.errors.CATALOGO` describing the fault.
        params: extra placeholders for the catalogue message (e.g. ``longitud``).
    """

    def __init__(self, codigo: str, **params: object) -> None:
        super().__init__(codigo)
        self.codigo = codigo
        self.params = params


class InvalidLength(ValidationError):
    """The value has the wrong number of characters."""


class InvalidFormat(ValidationError):
    """The value has characters that do not belong where they are."""


class InvalidComponent(ValidationError):
    """A part of the value (a date, an entity code, a section) does not exist."""


class InvalidChecksum(ValidationError):
    """The value's check digit does not match."""
