fn main() {
    lintgate_cli::main()
}
