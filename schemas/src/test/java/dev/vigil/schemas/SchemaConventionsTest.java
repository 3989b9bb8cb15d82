package dev.vigil.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules every record on a topic follows, checked on the schemas themselves. */
class SchemaConventionsTest {

    static Stream<Schema> topicValueSchemas() {
        return Topics.ALL.stream()
                .map(Topic::valueType)
                .filter(SpecificRecord.class::isAssignableFrom)
                .map(type -> SpecificData.get().getSchema(type));
    }

    @ParameterizedTest
    @MethodSource("topicValueSchemas")
    void everyRecordCarriesItsTenant(Schema schema) {
        Schema.Field bankId = schema.getField("bankId");
        assertThat(bankId).as("%s.bankId", schema.getName()).isNotNull();
        assertThat(bankId.schema().getType()).isEqualTo(Schema.Type.STRING);
    }

    @ParameterizedTest
    @MethodSource("topicValueSchemas")
    void moneyIsLongMinorUnitsBesideAnIsoCurrency(Schema schema) {
        for (Schema.Field field : schema.getFields()) {
            if (field.name().toLowerCase(java.util.Locale.ROOT).contains("amount")) {
                assertThat(field.name()).as("amount fields say their unit").endsWith("Minor");
                assertThat(field.schema().getType()).as(field.name()).isEqualTo(Schema.Type.LONG);
                assertThat(schema.getField("currency"))
                        .as("%s has a currency", schema.getName())
                        .isNotNull();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("topicValueSchemas")
    void timesAreTimestampMillis(Schema schema) {
        for (Schema.Field field : schema.getFields()) {
            if (field.name().endsWith("Time") || field.name().endsWith("At")) {
                Schema type = nonNull(field.schema());
                assertThat(type.getLogicalType())
                        .as("%s.%s", schema.getName(), field.name())
                        .isInstanceOf(LogicalTypes.TimestampMillis.class);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("topicValueSchemas")
    void optionalFieldsDefaultToNullSoOldReadersAndWritersStayCompatible(Schema schema) {
        for (Schema.Field field : schema.getFields()) {
            if (field.schema().getType() == Schema.Type.UNION) {
                assertThat(field.schema().getTypes().get(0).getType())
                        .as(field.name())
                        .isEqualTo(Schema.Type.NULL);
                assertThat(field.hasDefaultValue()).as(field.name()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("topicValueSchemas")
    void noFieldCouldHoldACardNumber(Schema schema) {
        List<String> forbidden = List.of("pan", "cardnumber", "card_number", "primaryaccountnumber");
        for (Schema.Field field : schema.getFields()) {
            assertThat(forbidden)
                    .as("%s.%s", schema.getName(), field.name())
                    .doesNotContain(field.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream()
                .filter(s -> s.getType() != Schema.Type.NULL)
                .findFirst()
                .orElseThrow();
    }
}
