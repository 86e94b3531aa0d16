"""Root of the test suite: makes `compartido` (shared test material) importable everywhere."""
