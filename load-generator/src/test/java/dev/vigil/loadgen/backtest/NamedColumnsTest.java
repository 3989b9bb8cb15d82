package dev.vigil.loadgen.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedColumnsTest {

    @Test
    void readsTheNamedColumnsInTheOrderAskedSplittingLikeTheImport(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("scores.csv");
        Files.writeString(file, "transactionId,note,score\nt1,\"a, b\",0.5\n\nt2,c,0.25\n");
        List<String> rows = new ArrayList<>();

        NamedColumns.read(file, List.of("score", "transactionId"), v -> rows.add(v[0] + "/" + v[1]));

        assertThat(rows).containsExactly("0.5/t1", "0.25/t2");
    }

    @Test
    void namesAMissingColumnAndALineWithTheWrongNumberOfFields(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("scores.csv");
        Files.writeString(file, "transactionId,score\nt1,0.5,extra\n");

        assertThatThrownBy(() -> NamedColumns.read(file, List.of("cardToken"), v -> {}))
                .hasMessageContaining("no column 'cardToken'");
        assertThatThrownBy(() -> NamedColumns.read(file, List.of("score"), v -> {}))
                .hasMessageContaining(":2 has 3 fields, the header 2");
    }
}
