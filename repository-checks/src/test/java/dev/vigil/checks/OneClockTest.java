package dev.vigil.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The services, the trainer and the feature code read the time from a {@code java.time.Clock} they
 * are given, so a test can fix it: no {@code Instant.now()} or {@code System.currentTimeMillis()}
 * in their main code (where the wall clock is created, {@code Clock.systemUTC()}, is the one place
 * that knows it). The load generator and the local stack are tools that run against the wall clock.
 */
class OneClockTest {

    private static final Set<String> GIVEN_A_CLOCK =
            Set.of("alerts-api", "batch-trainer", "features", "ingest-service", "realtime-scorer");

    private static final Pattern WALL_CLOCK =
            Pattern.compile("\\b(?:Instant|LocalDate|LocalDateTime|LocalTime|OffsetDateTime|ZonedDateTime)\\.now\\(\\)"
                    + "|System\\.currentTimeMillis\\(\\)");

    @Test
    void mainCodeOfTheServicesAndTheTrainerReadsTimeFromTheClockItIsGiven() {
        List<String> reading = Repository.mainJava().stream()
                .filter(file -> GIVEN_A_CLOCK.contains(Repository.module(file)))
                .filter(file -> WALL_CLOCK.matcher(Repository.read(file)).find())
                .map(Path::toString)
                .toList();

        assertThat(reading).as("main code that reads the wall clock itself").isEmpty();
    }

    @Test
    void findsEachWayOfReadingTheWallClock() {
        assertThat(List.of("Instant.now()", "LocalDate.now()", "OffsetDateTime.now()", "System.currentTimeMillis()"))
                .allMatch(code -> WALL_CLOCK.matcher(code).find());
        assertThat(List.of("Instant.now(clock)", "clock.instant()", "System.nanoTime()", "MyInstant.now()"))
                .noneMatch(code -> WALL_CLOCK.matcher(code).find());
    }
}
