//! The `lintgate` binary; everything lives in `linters/cli`.

fn main() -> std::process::ExitCode {
    lintgate_cli::main()
}
