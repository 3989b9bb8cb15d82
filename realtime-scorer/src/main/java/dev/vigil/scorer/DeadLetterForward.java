package dev.vigil.scorer;

import dev.vigil.schemas.DeadLetter;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

/** Sends a {@link DeadLetter} to the topology's dead-letter sink, logged and counted by cause. */
final class DeadLetterForward {

    private static final Logger LOG = Logger.getLogger(DeadLetterForward.class);

    private DeadLetterForward() {}

    /** The log holds the dead letter's fixed sentence and cause class, never record content. */
    static void forward(
            ProcessorContext<Object, Object> context, DeadLetter dead, long timestamp, ScorerMetrics metrics) {
        context.recordMetadata()
                .ifPresent(source -> LOG.warnf(
                        "dead-lettered %s-%d@%d: %s (%s)",
                        source.topic(), source.partition(), source.offset(), dead.why(), dead.causeClass()));
        metrics.deadLettered(dead.causeClass());
        context.forward(
                new Record<Object, Object>(dead.key(), dead.value(), timestamp, dead.headers()),
                ScoringTopology.DEAD_LETTERS_SINK);
    }
}
