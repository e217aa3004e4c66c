//! The scope model pyflakes' rules are decided on.

pub mod builtins;
pub mod model;
