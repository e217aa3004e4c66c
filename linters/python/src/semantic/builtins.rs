//! Names every module can read without binding them.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// `builtins` of Python 3.9, plus the module attributes Python sets
/// (`__file__`, ...) and `WindowsError`, which exists on Windows only but
/// is commonly guarded by `sys.platform` checks.
#[rustfmt::skip]
const ALWAYS: &[&str] = &[
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException",
    "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning",
    "ChildProcessError", "ConnectionAbortedError", "ConnectionError",
    "ConnectionRefusedError", "ConnectionResetError", "DeprecationWarning", "EOFError",
    "Ellipsis", "EnvironmentError", "Exception", "False", "FileExistsError",
    "FileNotFoundError", "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError",
    "ImportError", "ImportWarning", "IndentationError", "IndexError", "InterruptedError",
    "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError",
    "ModuleNotFoundError", "NameError", "None", "NotADirectoryError", "NotImplemented",
    "NotImplementedError", "OSError", "OverflowError", "PendingDeprecationWarning",
    "PermissionError", "ProcessLookupError", "RecursionError", "ReferenceError",
    "ResourceWarning", "RuntimeError", "RuntimeWarning", "StopAsyncIteration",
    "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit", "TabError",
    "TimeoutError", "True", "TypeError", "UnboundLocalError", "UnicodeDecodeError",
    "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError", "UnicodeWarning",
    "UserWarning", "ValueError", "Warning", "WindowsError", "ZeroDivisionError",
    "__build_class__", "__debug__", "__doc__", "__import__", "__loader__", "__name__",
    "__package__", "__spec__", "abs", "all", "any", "ascii", "bin", "bool", "breakpoint",
    "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex", "copyright",
    "credits", "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit",
    "filter", "float", "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help",
    "hex", "id", "input", "int", "isinstance", "issubclass", "iter", "len", "license", "list",
    "locals", "map", "max", "memoryview", "min", "next", "object", "oct", "open", "ord", "pow",
    "print", "property", "quit", "range", "repr", "reversed", "round", "set", "setattr",
    "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip",
    // Set on every module object.
    "__annotations__", "__builtins__", "__cached__", "__file__",
];

/// Builtins added by later versions: (minor version, names), from
/// `dir(builtins)` of each CPython release (3.12 and 3.14 added none).
const ADDED: &[(u32, &[&str])] = &[
    (10, &["aiter", "anext", "EncodingWarning"]),
    (11, &["BaseExceptionGroup", "ExceptionGroup"]),
    (13, &["PythonFinalizationError", "_IncompleteInputError"]),
];

static ALWAYS_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| ALWAYS.iter().copied().collect());

/// Whether `name` is a builtin in Python 3.`minor`.
pub fn is_builtin(name: &str, minor: u32) -> bool {
    builtin(name, minor).is_some()
}

/// The builtin `name` names in Python 3.`minor`, if any.
pub fn builtin(name: &str, minor: u32) -> Option<&'static str> {
    ALWAYS_SET.get(name).copied().or_else(|| {
        ADDED
            .iter()
            .filter(|(since, _)| minor >= *since)
            .find_map(|(_, names)| names.iter().find(|&&n| n == name).copied())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn later_builtins_exist_from_their_version_on() {
        assert!(!super::is_builtin("ExceptionGroup", 10));
        assert!(super::is_builtin("ExceptionGroup", 11));
        assert!(super::is_builtin("anext", 14) && super::is_builtin("PythonFinalizationError", 14));
        assert!(!super::is_builtin("PythonFinalizationError", 12));
        assert!(super::is_builtin("print", 0) && !super::is_builtin("undefined_name", 14));
    }
}
