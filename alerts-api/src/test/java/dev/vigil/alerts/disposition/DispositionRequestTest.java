package dev.vigil.alerts.disposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.alerts.http.ProblemException;
import dev.vigil.problems.FieldError;
import org.junit.jupiter.api.Test;

class DispositionRequestTest {

    @Test
    void acceptsAVerdictByAnAnalystOnAVersion() {
        DispositionRequest.Checked checked =
                new DispositionRequest("CONFIRMED_FRAUD", " called the cardholder ", 3).check(" ana ");

        assertThat(checked)
                .isEqualTo(
                        new DispositionRequest.Checked(Disposition.CONFIRMED_FRAUD, "ana", "called the cardholder", 3));
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        ProblemException refused = catchThrowableOfType(
                ProblemException.class, () -> new DispositionRequest("MAYBE", "x".repeat(501), -1).check("ana"));

        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().errors())
                .extracting(FieldError::field)
                .containsExactly("disposition", "note", "version");
    }

    @Test
    void requiresTheVersionTheDecisionWasMadeOn() {
        ProblemException refused = catchThrowableOfType(
                ProblemException.class, () -> new DispositionRequest("FALSE_POSITIVE", null, null).check("ana"));

        assertThat(refused.problem().errors()).extracting(FieldError::field).containsExactly("version");
    }

    @Test
    void refusesANoteWithACardNumberInIt() {
        ProblemException refused = catchThrowableOfType(
                ProblemException.class,
                () -> new DispositionRequest("CONFIRMED_FRAUD", "card 4111 1111 1111 1111 was used", 0).check("ana"));

        assertThat(refused.problem().errors())
                .containsExactly(new FieldError("note", "must not contain a card number"));
        assertThat(refused.problem().toString()).doesNotContain("4111");
    }

    @Test
    void refusesToSignADecisionWithAnAnalystNameHoldingACardNumber() {
        ProblemException refused =
                catchThrowableOfType(ProblemException.class, () -> new DispositionRequest("FALSE_POSITIVE", null, 0)
                        .check("ana-4111111111111111"));

        assertThat(refused.problem().status()).isEqualTo(403);
        assertThat(refused.problem().toString()).doesNotContain("4111");
    }

    @Test
    void refusesToRecordADecisionWithoutAnAnalystName() {
        ProblemException refused = catchThrowableOfType(
                ProblemException.class, () -> new DispositionRequest("FALSE_POSITIVE", null, 0).check(" "));

        assertThat(refused.problem().status()).isEqualTo(403);
    }

    @Test
    void teachesFraudForAConfirmedFraudAndGenuineForAFalsePositive() {
        assertThat(Disposition.CONFIRMED_FRAUD.label.name()).isEqualTo("FRAUD");
        assertThat(Disposition.FALSE_POSITIVE.label.name()).isEqualTo("GENUINE");
    }
}
