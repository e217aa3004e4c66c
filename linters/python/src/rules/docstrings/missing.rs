//! D100–D107: public definitions without a docstring.

use super::definitions::{Definition, Kind, is_magic};
use crate::codes::{Code, Report};

pub fn check(definition: &Definition, report: &mut Report) {
    if !definition.public {
        return;
    }
    let (code, message) = match definition.kind {
        Kind::Module => (Code::D100, "missing docstring in public module"),
        Kind::Package => (Code::D104, "missing docstring in public package"),
        Kind::Class => (Code::D101, "missing docstring in public class"),
        Kind::NestedClass => (Code::D106, "missing docstring in public nested class"),
        // `@overload` signatures are documented by the implementation.
        Kind::Function | Kind::NestedFunction if definition.is_overload() => return,
        Kind::Function | Kind::NestedFunction => {
            (Code::D103, "missing docstring in public function")
        }
        Kind::Method if is_magic(definition.name) => {
            (Code::D105, "missing docstring in magic method")
        }
        Kind::Method if definition.name == "__init__" => {
            (Code::D107, "missing docstring in `__init__`")
        }
        Kind::Method if definition.is_overload() => return,
        Kind::Method => (Code::D102, "missing docstring in public method"),
    };
    report.push(code, message, definition.range);
}
