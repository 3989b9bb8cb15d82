package dev.vigil.alerts.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.alerts.http.ProblemException;
import dev.vigil.problems.FieldError;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertQueryParametersTest {

    static final AlertQueryParameters NONE =
            new AlertQueryParameters(null, null, null, null, null, null, null, null, null);

    @Test
    void withNoParametersAsksForTheDefaultPageOfEverything() {
        assertThat(NONE.toFilter(50, 500))
                .isEqualTo(new AlertFilter(null, null, null, null, null, null, null, null, 50));
    }

    @Test
    void readsEveryParameter() {
        String cursor = new Cursor(Instant.parse("2026-11-22T10:00:00Z"), "a-1").encode();
        AlertQueryParameters parameters = new AlertQueryParameters(
                "bank-a",
                "open",
                "tok-1",
                "m-1",
                "2026-11-22T09:00:00+01:00",
                "2026-11-22T10:00:00Z",
                "0.75",
                "20",
                cursor);

        assertThat(parameters.toFilter(50, 500))
                .isEqualTo(new AlertFilter(
                        "bank-a",
                        AlertStatus.OPEN,
                        "tok-1",
                        "m-1",
                        Instant.parse("2026-11-22T08:00:00Z"),
                        Instant.parse("2026-11-22T10:00:00Z"),
                        0.75,
                        new Cursor(Instant.parse("2026-11-22T10:00:00Z"), "a-1"),
                        20));
    }

    @Test
    void namesEveryBadParameterAtOnceWithoutEchoingValues() {
        AlertQueryParameters parameters =
                new AlertQueryParameters(" ", "CLOSED", null, null, "yesterday", "2026-11-22", "1.5", "501", "garbage");

        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> parameters.toFilter(50, 500));

        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().errors())
                .extracting(FieldError::field)
                .containsExactly("bankId", "status", "from", "to", "minScore", "limit", "cursor");
        assertThat(refused.problem().errors())
                .extracting(FieldError::reason)
                .noneMatch(reason ->
                        reason.contains("CLOSED") || reason.contains("garbage") || reason.contains("yesterday"));
    }

    @Test
    void refusesATimeRangeThatEndsBeforeItStarts() {
        AlertQueryParameters parameters = new AlertQueryParameters(
                null, null, null, null, "2026-11-22T10:00:00Z", "2026-11-22T09:00:00Z", null, null, null);

        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> parameters.toFilter(50, 500));

        assertThat(refused.problem().errors()).containsExactly(new FieldError("to", "must be after from"));
    }

    @Test
    void refusesLimitsOutsideOneToTheMaximum() {
        for (String limit : new String[] {"0", "-1", "501", "ten", "2.5"}) {
            AlertQueryParameters parameters =
                    new AlertQueryParameters(null, null, null, null, null, null, null, limit, null);
            assertThat(catchThrowableOfType(ProblemException.class, () -> parameters.toFilter(50, 500))
                            .problem()
                            .errors())
                    .extracting(FieldError::field)
                    .containsExactly("limit");
        }
    }

    @Test
    void countsTheThirtyDaysBeforeNowByDefault() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        assertThat(AlertQueryParameters.countFilter(null, null, null, now))
                .isEqualTo(new AlertQueryParameters.CountFilter(null, Instant.parse("2026-10-23T10:00:00Z"), now));
    }

    @Test
    void refusesToCountMoreThanAYearAtOnce() {
        ProblemException refused = catchThrowableOfType(
                ProblemException.class,
                () -> AlertQueryParameters.countFilter(
                        "bank-a", "2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z", Instant.now()));

        assertThat(refused.problem().errors()).extracting(FieldError::field).containsExactly("from");
    }
}
