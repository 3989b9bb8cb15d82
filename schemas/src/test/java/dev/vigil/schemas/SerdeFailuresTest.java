package dev.vigil.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.kiota.ApiException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SerdeFailuresTest {

    /** The registry's answer, as the Apicurio serde wraps it. */
    static RuntimeException registryAnswered(int status) {
        ApiException answer = new ApiException("registry answered") {
            {
                setResponseStatusCode(status);
            }
        };
        return new SerializationException("cannot deserialize", answer);
    }

    @Test
    void aRegistryAnswering503Or500Or429IsAnOutageNotPoison() {
        assertThat(SerdeFailures.isRegistryUnavailable(registryAnswered(503))).isTrue();
        assertThat(SerdeFailures.isRegistryUnavailable(registryAnswered(500))).isTrue();
        assertThat(SerdeFailures.isRegistryUnavailable(registryAnswered(429))).isTrue();
    }

    @Test
    void networkFailuresAndTimeOutsAreOutages() {
        assertThat(SerdeFailures.isRegistryUnavailable(new RuntimeException(new ConnectException("refused"))))
                .isTrue();
        assertThat(SerdeFailures.isRegistryUnavailable(new RuntimeException(new HttpTimeoutException("slow"))))
                .isTrue();
        assertThat(SerdeFailures.isRegistryUnavailable(new RuntimeException(new TimeoutException())))
                .isTrue();
    }

    @Test
    void anUnknownSchemaIdIsAFactAboutTheRecord() {
        assertThat(SerdeFailures.isRegistryUnavailable(registryAnswered(404))).isFalse();
        assertThat(SerdeFailures.isUnknownSchema(registryAnswered(404))).isTrue();
    }

    @Test
    void undecodableBytesArePoison() {
        RuntimeException avro =
                new SerializationException("bad", new org.apache.avro.AvroRuntimeException("malformed"));

        assertThat(SerdeFailures.isRegistryUnavailable(avro)).isFalse();
        assertThat(SerdeFailures.isUnknownSchema(avro)).isFalse();
        assertThat(SerdeFailures.root(avro)).isInstanceOf(org.apache.avro.AvroRuntimeException.class);
    }
}
