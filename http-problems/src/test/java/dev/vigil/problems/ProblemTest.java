package dev.vigil.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void aProblemIsNamedAfterItsTitleUnderOneTypePrefix() {
        assertThat(Problem.of(404, "Not Found", "no such alert").type()).isEqualTo("urn:vigil:problem:not-found");
        assertThat(Problem.of(429, "Too Many Requests", "slow down").type())
                .isEqualTo("urn:vigil:problem:too-many-requests");
    }

    @Test
    void anInvalidRequestCountsItsFields() {
        Problem one = Problem.invalid(List.of(new FieldError("pan", "fails the Luhn check")));
        Problem two =
                Problem.invalid(List.of(new FieldError("limit", "too big"), new FieldError("cursor", "unreadable")));

        assertThat(one.status()).isEqualTo(400);
        assertThat(one.type()).isEqualTo("urn:vigil:problem:invalid-request");
        assertThat(one.detail()).isEqualTo("1 field is invalid");
        assertThat(two.detail()).isEqualTo("2 fields are invalid");
        assertThat(two.errors()).extracting(FieldError::field).containsExactly("limit", "cursor");
    }
}
