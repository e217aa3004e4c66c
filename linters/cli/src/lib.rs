//! lintgate's CLI.
