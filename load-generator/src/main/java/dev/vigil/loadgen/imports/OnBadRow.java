package dev.vigil.loadgen.imports;

/** What an import does at a row it cannot take. */
public enum OnBadRow {
    /** Reports it and stops: what came before it is imported, the labels not yet due are not. */
    STOP,
    /** Reports it, counts it as skipped and goes on. */
    SKIP
}
