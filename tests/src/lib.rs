//! Integration tests of the workspace live in `tests/tests/`. This crate also compiles and runs
//! the README's usage example as a doctest, so the README cannot show code that does not work.
#![doc = include_str!("../../README.md")]
