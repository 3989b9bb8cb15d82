package dev.vigil.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TrainerCliTest {

    private final TrainerCli.IntervalConverter interval = new TrainerCli.IntervalConverter();

    @Test
    void readsIntervalsInShortAndIsoForms() {
        assertThat(interval.convert("6h")).isEqualTo(Duration.ofHours(6));
        assertThat(interval.convert("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(interval.convert("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> interval.convert("6w")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void declaresEveryCommand() {
        assertThat(new CommandLine(new TrainerCli()).getSubcommands())
                .containsOnlyKeys("archive", "merchant-risk", "train", "run", "every", "benchmark");
    }
}
