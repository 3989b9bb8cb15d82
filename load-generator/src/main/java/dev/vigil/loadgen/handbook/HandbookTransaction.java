package dev.vigil.loadgen.handbook;

/**
 * One transaction of a Handbook world.
 *
 * @param second      seconds since the world's first midnight (UTC)
 * @param amountCents the amount in cents, after any scenario-3 multiplication
 * @param scenario    0 for a genuine transaction, else the fraud scenario (1 to 3) that made it fraud last
 */
record HandbookTransaction(int second, int customer, int terminal, long amountCents, int scenario) {

    static final int SECONDS_PER_DAY = 86_400;

    int day() {
        return second / SECONDS_PER_DAY;
    }

    boolean fraud() {
        return scenario != 0;
    }

    HandbookTransaction asFraud(int fraudScenario, long amount) {
        return new HandbookTransaction(second, customer, terminal, amount, fraudScenario);
    }
}
