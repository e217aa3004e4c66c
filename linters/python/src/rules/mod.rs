//! Rules on single syntax nodes, called by the traversal in `visit`, and
//! rules decided once the scope model is complete (`unused`).

pub mod annotations;
pub mod comparisons;
pub mod complexity;
pub mod dict_keys;
pub mod docstrings;
pub mod exceptions;
pub mod format_call;
pub mod import_order;
pub mod import_position;
pub mod literals;
pub mod names;
pub mod percent_format;
pub mod pycodestyle;
pub mod unused;
