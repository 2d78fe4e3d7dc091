package io.caravan.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.caravan.platform.Json;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class EventMessageTest {

    @RepeatedTest(20)
    void idsAreNonNegative63BitLongs() {
        assertThat(EventMessage.of(new EventRequest("x")).id()).isNotNegative();
    }

    @Test
    void theTimestampIsRfc3339InUtcWithNanoseconds() {
        String timestamp = EventMessage.of(new EventRequest("x")).timestamp();
        assertThat(timestamp).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z");
        assertThat(Instant.parse(timestamp)).isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(1));
    }

    @Test
    void aMissingRequestOrDescriptionBecomesAnEmptyDescription() {
        assertThat(EventMessage.of(null).description()).isEmpty();
        assertThat(EventMessage.of(new EventRequest(null)).description()).isEmpty();
    }

    @Test
    void theJsonHasTheSeedsFieldOrder() throws Exception {
        String json = Json.MAPPER.writeValueAsString(new EventMessage(7, "d", "t"));
        assertThat(json).isEqualTo("{\"id\":7,\"description\":\"d\",\"timestamp\":\"t\"}");
    }
}
