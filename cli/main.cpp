// flinktop's entry point (filled in by the CLI work).
int main() { return 0; }
