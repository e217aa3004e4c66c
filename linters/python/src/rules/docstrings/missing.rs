//! D100–D107: public definitions without a docstring.

use super::definitions::{Definition, Kind};
use crate::codes::{Code, Report};
use crate::rules::names::is_dunder;

pub fn check(definition: &Definition, report: &mut Report) {
    if definition.docstring.is_some() || !definition.public || definition.documented_elsewhere {
        return;
    }
    let (code, message) = match definition.kind {
        Kind::Module => (Code::D100, "missing docstring in public module".to_string()),
        Kind::Package => (Code::D104, "missing docstring in public package".to_string()),
        Kind::Class => (Code::D101, "missing docstring in public class".to_string()),
        Kind::NestedClass => (Code::D106, "missing docstring in public nested class".to_string()),
        Kind::Function => (Code::D103, "missing docstring in public function".to_string()),
        Kind::Method if definition.name == "__init__" => {
            (Code::D107, "missing docstring in `__init__`".to_string())
        }
        // `__new__` and `__call__` take arguments like ordinary methods.
        Kind::Method
            if is_dunder(definition.name) && !matches!(definition.name, "__new__" | "__call__") =>
        {
            (Code::D105, "missing docstring in magic method".to_string())
        }
        Kind::Method => (Code::D102, "missing docstring in public method".to_string()),
    };
    report.push(code, message, definition.range);
}
