package io.caravan.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.testing.CaravanIT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seed 001's HTTP contract (functional cases F2–F6 and the error bodies), kept to the byte. */
class EventApiIT extends CaravanIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM = "NotificationStream";

    @Test
    void unknownPathsAnswerEndpointNotFound() throws Exception {
        for (String path : List.of("/", "/event/", "/nothing/here")) {
            HttpResponse<String> response = send("GET", path, null, null);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"status\":404,\"title\":\"Endpoint Not Found\",\"description\":\"Endpoint Not Found\"}");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        }
    }

    @Test
    void anEventIsAcceptedWithAnEmptyBody() throws Exception {
        HttpResponse<String> response = send("POST", "/event", "{\"description\":\"hello world\"}", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).isEmpty();
    }

    @Test
    void aBodySentAsAFormByCurlIsStillReadAsJson() throws Exception {
        String description = "curl-" + UUID.randomUUID();
        assertThat(postLikeCurl("/event", "{\"description\":\"" + description + "\"}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> latestEntryContaining(STREAM, description) != null);
    }

    @Test
    void aDescriptionOfTheWrongTypeIsABadRequest() throws Exception {
        HttpResponse<String> response = send("POST", "/event", "{\"description\":123}", "application/json");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("title").asText()).isEqualTo("Error unmarshalling body");
        assertThat(body.get("description").asText()).isEqualTo("description: expected a string");
        assertThat(JSON.writeValueAsString(body)).startsWith("{\"status\":400,\"title\":\"Error unmarshalling body\",\"description\":");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{bad", "[1,2]", "\"text\"", "null", "42", "{\"description\":true}", "{\"description\":[\"a\"]}",
        "{\"description\":{\"a\":1}}", "{\"description\":\"a\"} trailing", "{\"description\":\"a\",\"description\":\"b\"}"})
    void undecodableBodiesAreBadRequests(String body) throws Exception {
        HttpResponse<String> response = postLikeCurl("/event", body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("title").asText()).isEqualTo("Error unmarshalling body");
        assertThat(json.get("description").asText()).isNotBlank();
    }

    @Test
    void anEmptyBodyIsReportedAsGoDoes() throws Exception {
        HttpResponse<String> response = send("POST", "/event", "", "application/json");
        assertThat(response.body()).isEqualTo("{\"status\":400,\"title\":\"Error unmarshalling body\",\"description\":\"EOF\"}");
    }

    @Test
    void anOversizedBodyIsRefused() throws Exception {
        String huge = "{\"description\":\"" + "x".repeat(70_000) + "\"}";
        HttpResponse<String> response = send("POST", "/event", huge, "application/json");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("title").asText()).isEqualTo("Payload Too Large");
    }

    @Test
    void unknownFieldsAreIgnoredAndAMissingDescriptionIsEmpty() throws Exception {
        String marker = "extra-" + UUID.randomUUID();
        assertThat(send("POST", "/event", "{\"description\":\"" + marker + "\",\"priority\":[1,2]}", "application/json").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/event", "{}", "application/json").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> latestEntryContaining(STREAM, marker) != null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "GET", "DELETE", "PATCH"})
    void otherMethodsAreNotAllowed(String method) throws Exception {
        HttpResponse<String> response = send(method, "/event", "{\"description\":\"123\"}", "application/json");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).isEqualTo("{\"status\":405,\"title\":\"" + method + "\",\"description\":\"Method Not Allowed\"}");
    }

    @Test
    void anAcceptedEventIsOneStreamEntryInTheSeedFormat() throws Exception {
        String description = "test_case_running-" + UUID.randomUUID();
        assertThat(send("POST", "/event", "{\"description\":\"" + description + "\"}", "application/json").statusCode()).isEqualTo(200);

        Map<Object, Object> entry = await().atMost(Duration.ofSeconds(5))
                .until(() -> latestEntryContaining(STREAM, description), e -> e != null);
        assertThat(entry).containsOnlyKeys("EventStream");
        String json = (String) entry.get("EventStream");
        JsonNode event = JSON.readTree(json);
        assertThat(event.fieldNames()).toIterable().containsExactly("id", "description", "timestamp");
        assertThat(event.get("id").isIntegralNumber()).isTrue();
        assertThat(event.get("id").asLong()).isNotNegative();
        assertThat(event.get("description").asText()).isEqualTo(description);
        assertThat(event.get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z");
    }

    @Test
    void theStreamIsTrimmedToExactlyItsMaximumLengthOnceTheConsumerHasCaughtUp() throws Exception {
        for (int i = 0; i < 110; i++) {
            assertThat(send("POST", "/event", "{\"description\":\"trim " + i + "\"}", "application/json").statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.opsForStream().pending(STREAM, "demo_consumer_group").getTotalPendingMessages() == 0
                && redis.opsForStream().groups(STREAM).stream().anyMatch(g -> g.groupName().equals("demo_consumer_group")
                        && g.lastDeliveredId().equals(entries(STREAM).get(entries(STREAM).size() - 1).getId().getValue())));
        assertThat(send("POST", "/event", "{\"description\":\"one more\"}", "application/json").statusCode()).isEqualTo(200);
        assertThat(redis.opsForStream().size(STREAM)).isEqualTo(100L);
    }
}
