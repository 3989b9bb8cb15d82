package dev.vigil.stack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The build's guard: under surefire (every {@code *Test}) the stack refuses to start. */
class UnitTestsNeedNoStackTest {

    @Test
    void aUnitTestThatAsksForTheStackFailsAndIsToldToBeAnIntegrationTest() {
        assertThatThrownBy(LocalStack::forTests)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a *Test must not start the stack; name it *IT (failsafe runs it in verify)");
    }
}
