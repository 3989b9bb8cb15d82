package dev.vigil.stack;

/** How long a stack lives, which decides how it starts and stops its processes. */
enum Lifetime {
    /**
     * Started by {@code ./vigil stack up}: processes detached from the terminal and tracked by pid
     * files, data kept durably, stopped gracefully.
     */
    DAEMON,
    /**
     * Started by a test JVM in a temporary directory: its data is thrown away with the directory,
     * so durability is traded for speed and processes are killed outright when the JVM exits.
     */
    TEST
}
