"""Tests of the domain core: identifiers, normalisation, catalogue and row rules."""
