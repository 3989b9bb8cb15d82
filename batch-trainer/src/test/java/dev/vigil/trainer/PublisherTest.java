package dev.vigil.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.MerchantRisk;
import dev.vigil.schemas.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PublisherTest {

    // a null value stands for any record; no registry is needed to serialise it
    private final MockProducer<String, MerchantRisk> producer =
            new MockProducer<>(false, null, new StringSerializer(), (topic, value) -> new byte[0]);
    private final Publisher<String, MerchantRisk> publisher = new Publisher<>(Topics.MERCHANT_RISK, producer);

    @Test
    void flushThrowsTheFirstFailedSendAfterTheOthersAreAcknowledged() {
        publisher.send("m-1", null);
        publisher.send("m-2", null);
        publisher.send("m-3", null);
        TimeoutException brokerGone = new TimeoutException("expired before the broker answered");
        producer.errorNext(brokerGone);
        producer.errorNext(new TimeoutException("a second failure"));

        assertThatThrownBy(publisher::flush)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Topics.MERCHANT_RISK.name())
                .hasCause(brokerGone);
        assertThat(producer.flushed()).isTrue();
    }

    @Test
    void flushReturnsWhenEverySendWasAcknowledged() {
        publisher.send("m-1", null);
        publisher.send("m-2", null);

        publisher.flush();

        assertThat(producer.history()).extracting(r -> r.key()).containsExactly("m-1", "m-2");
        assertThat(producer.flushed()).isTrue();
    }
}
