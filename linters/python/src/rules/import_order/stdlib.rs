//! The standard library's top-level modules, for Python 3.9 and later: the
//! names CPython 3.11 lists in `sys.stdlib_module_names`, CPython's test and
//! example extension modules, and the modules added or removed since 3.9.

/// In every version from 3.9 on.
#[rustfmt::skip]
const ALWAYS: &[&str] = &[
    "__future__", "__hello__", "__phello__", "_abc", "_aix_support", "_ast", "_asyncio", "_bisect",
    "_blake2", "_bootsubprocess", "_bz2", "_codecs", "_codecs_cn", "_codecs_hk", "_codecs_iso2022",
    "_codecs_jp", "_codecs_kr", "_codecs_tw", "_collections", "_collections_abc", "_compat_pickle",
    "_compression", "_contextvars", "_crypt", "_csv", "_ctypes", "_ctypes_test", "_curses",
    "_curses_panel", "_datetime", "_dbm", "_decimal", "_elementtree", "_frozen_importlib",
    "_frozen_importlib_external", "_functools", "_gdbm", "_hashlib", "_heapq", "_imp", "_io",
    "_json", "_locale", "_lsprof", "_lzma", "_markupbase", "_md5", "_msi", "_multibytecodec",
    "_multiprocessing", "_opcode", "_operator", "_osx_support", "_overlapped", "_pickle",
    "_posixshmem", "_posixsubprocess", "_py_abc", "_pydecimal", "_pyio", "_queue", "_random",
    "_scproxy", "_sha1", "_sha256", "_sha3", "_sha512", "_signal", "_sitebuiltins", "_socket",
    "_sqlite3", "_sre", "_ssl", "_stat", "_statistics", "_string", "_strptime", "_struct",
    "_symtable", "_testbuffer", "_testcapi", "_testconsole", "_testimportmultiple",
    "_testinternalcapi", "_testmultiphase", "_thread", "_threading_local", "_tkinter",
    "_tracemalloc", "_uuid", "_warnings", "_weakref", "_weakrefset", "_winapi",
    "_xxsubinterpreters", "_xxtestfuzz", "_zoneinfo", "abc", "antigravity", "argparse", "array",
    "ast", "asyncio", "atexit", "base64", "bdb", "binascii", "bisect", "builtins", "bz2",
    "cProfile", "calendar", "cmath", "cmd", "code", "codecs", "codeop", "collections", "colorsys",
    "compileall", "concurrent", "configparser", "contextlib", "contextvars", "copy", "copyreg",
    "csv", "ctypes", "curses", "dataclasses", "datetime", "dbm", "decimal", "difflib", "dis",
    "doctest", "email", "encodings", "ensurepip", "enum", "errno", "faulthandler", "fcntl",
    "filecmp", "fileinput", "fnmatch", "fractions", "ftplib", "functools", "gc", "genericpath",
    "getopt", "getpass", "gettext", "glob", "graphlib", "grp", "gzip", "hashlib", "heapq", "hmac",
    "html", "http", "idlelib", "imaplib", "importlib", "inspect", "io", "ipaddress", "itertools",
    "json", "keyword", "linecache", "locale", "logging", "lzma", "mailbox", "marshal", "math",
    "mimetypes", "mmap", "modulefinder", "msvcrt", "multiprocessing", "netrc", "nt", "ntpath",
    "nturl2path", "numbers", "opcode", "operator", "optparse", "os", "pathlib", "pdb", "pickle",
    "pickletools", "pkgutil", "platform", "plistlib", "poplib", "posix", "posixpath", "pprint",
    "profile", "pstats", "pty", "pwd", "py_compile", "pyclbr", "pydoc", "pydoc_data", "pyexpat",
    "queue", "quopri", "random", "re", "readline", "reprlib", "resource", "rlcompleter", "runpy",
    "sched", "secrets", "select", "selectors", "shelve", "shlex", "shutil", "signal", "site",
    "smtplib", "socket", "socketserver", "sqlite3", "sre_compile", "sre_constants", "sre_parse",
    "ssl", "stat", "statistics", "string", "stringprep", "struct", "subprocess", "symtable", "sys",
    "sysconfig", "syslog", "tabnanny", "tarfile", "tempfile", "termios", "textwrap", "this",
    "threading", "time", "timeit", "tkinter", "token", "tokenize", "trace", "traceback",
    "tracemalloc", "tty", "turtle", "turtledemo", "types", "typing", "unicodedata", "unittest",
    "urllib", "uuid", "venv", "warnings", "wave", "weakref", "webbrowser", "winreg", "winsound",
    "wsgiref", "xml", "xmlrpc", "xx", "xxlimited", "xxsubtype", "zipapp", "zipfile", "zipimport",
    "zlib", "zoneinfo",
];

/// (module, first minor version with it, first minor version without it).
const CHANGED: &[(&str, u32, u32)] = &[
    ("_bootlocale", 0, 10),
    ("_peg_parser", 0, 10),
    ("_tokenize", 11, u32::MAX),
    ("_typing", 10, u32::MAX),
    ("aifc", 0, 13),
    ("asynchat", 0, 12),
    ("asyncore", 0, 12),
    ("audioop", 0, 13),
    ("binhex", 0, 11),
    ("cgi", 0, 13),
    ("cgitb", 0, 13),
    ("chunk", 0, 13),
    ("crypt", 0, 13),
    ("distutils", 0, 12),
    ("formatter", 0, 10),
    ("imghdr", 0, 13),
    ("imp", 0, 12),
    ("lib2to3", 0, 13),
    ("mailcap", 0, 13),
    ("msilib", 0, 13),
    ("nis", 0, 13),
    ("nntplib", 0, 13),
    ("ossaudiodev", 0, 13),
    ("parser", 0, 10),
    ("pipes", 0, 13),
    ("smtpd", 0, 12),
    ("sndhdr", 0, 13),
    ("spwd", 0, 13),
    ("sunau", 0, 13),
    ("symbol", 0, 10),
    ("telnetlib", 0, 13),
    ("tomllib", 11, u32::MAX),
    ("uu", 0, 13),
    ("xdrlib", 0, 13),
];

/// Whether `module` (a top-level name) is in Python 3.`minor`'s standard library.
pub fn contains(module: &str, minor: u32) -> bool {
    ALWAYS.binary_search(&module).is_ok()
        || CHANGED
            .iter()
            .any(|&(name, added, removed)| name == module && (added..removed).contains(&minor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_for_binary_search_and_versioned() {
        assert!(ALWAYS.windows(2).all(|w| w[0] < w[1]));
        assert!(contains("os", 9) && contains("__future__", 9) && !contains("requests", 9));
        assert!(!contains("tomllib", 9) && contains("tomllib", 11));
        assert!(contains("distutils", 11) && !contains("distutils", 12));
    }
}
