//! Integration tests for the workspace live in `tests/tests/`.
