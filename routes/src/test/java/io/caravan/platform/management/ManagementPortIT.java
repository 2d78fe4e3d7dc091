package io.caravan.platform.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.testing.CaravanIT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The management port (random in tests): open health probes and Prometheus scrape, everything else
 * (Jolokia, Hawtio, health details) behind the management login, and nothing of it on the public port.
 */
class ManagementPortIT extends CaravanIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalManagementPort
    int managementPort;

    @Test
    void healthProbesAnswerWithoutALoginWithTheirStatusOnly() throws Exception {
        for (String probe : new String[] {"/observe/health/live", "/observe/health/ready"}) {
            HttpResponse<String> response = management("GET", probe, null, null);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(JSON.readTree(response.body())).as(probe).isEqualTo(JSON.readTree("{\"status\":\"UP\"}"));
        }
    }

    @Test
    void readinessWithTheLoginShowsCamelAndEveryServerTheServicesUse() throws Exception {
        HttpResponse<String> response = management("GET", "/observe/health/ready", null, login());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode components = JSON.readTree(response.body()).path("components");
        assertThat(components.fieldNames()).toIterable()
                .contains("readinessState", "camelHealth", "db", "redis", "rabbit", "mongo")
                .doesNotContain("livenessState", "mail");
        assertThat(JSON.readTree(management("GET", "/observe/health/live", null, login()).body()).path("components").fieldNames())
                .toIterable().containsExactly("livenessState");
    }

    @Test
    void prometheusScrapeIsOpenWithCamelsRouteMetricsByRouteId() throws Exception {
        assertThat(send("POST", "/event", "{\"description\":\"scraped\"}", "application/json").statusCode()).isEqualTo(200);

        HttpResponse<String> scrape = management("GET", "/observe/metrics", null, null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(scrape.body()).containsPattern("(?m)^camel_exchanges_total\\{.*routeId=\"events-ingest\".*} [1-9]");
    }

    @Test
    void jolokiaHawtioAndEverythingElseNeedTheLogin() throws Exception {
        for (String path : new String[] {"/observe/jolokia/version", "/observe/hawtio/", "/observe", "/observe/health/../jolokia/version"}) {
            HttpResponse<String> anonymous = management("GET", path, null, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
            assertThat(management("GET", path, null, basic(MANAGEMENT_USERNAME, "wrong")).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(management("GET", "/observe/health/ready", null, basic(MANAGEMENT_USERNAME, "wrong")).statusCode()).isEqualTo(401);
        assertThat(management("GET", "/observe/jolokia/version", null, login()).statusCode()).isEqualTo(200);
    }

    @Test
    void jolokiaFindsTheRouteEventsIngestWithItsStatisticsAndItsDiagramSource() throws Exception {
        assertThat(send("POST", "/event", "{\"description\":\"inspected\"}", "application/json").statusCode()).isEqualTo(200);
        String route = camel.getManagementStrategy().getManagementObjectNameStrategy()
                .getObjectNameForRoute(camel.getRoute("events-ingest")).getCanonicalName();

        JsonNode found = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,name=\\\"events-ingest\\\",*\"}");
        assertThat(found.path("status").asInt()).isEqualTo(200);
        assertThat(found.path("value")).anySatisfy(name -> assertThat(new javax.management.ObjectName(name.asText()).getCanonicalName()).isEqualTo(route));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode exchanges = jolokia("{\"type\":\"read\",\"mbean\":" + JSON.writeValueAsString(route) + ",\"attribute\":\"ExchangesTotal\"}");
            assertThat(exchanges.path("value").asLong()).isPositive();
        });
        JsonNode xml = jolokia("{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(route) + ",\"operation\":\"dumpRouteAsXml()\"}");
        assertThat(xml.path("status").asInt()).isEqualTo(200);
        assertThat(xml.path("value").asText()).contains("id=\"events-ingest\"", "redis-stream:");
    }

    @Test
    void jolokiaRefusesWritesAndOperationsThatRunCodeOrReachIntoTheJvm() throws Exception {
        String context = camel.getManagementStrategy().getManagementObjectNameStrategy().getObjectNameForCamelContext(camel).getCanonicalName();
        String[] refused = {
            "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}",
            "{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\",\"operation\":\"vmSystemProperties()\"}",
            "{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\",\"operation\":\"dumpHeap\",\"arguments\":[\"x.hprof\",true]}",
            "{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(context) + ",\"operation\":\"createEndpoint(java.lang.String)\",\"arguments\":[\"exec:sh\"]}",
            "{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(context) + ",\"operation\":\"createEndpoint\",\"arguments\":[\"exec:sh\"]}",
            "{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(context) + ",\"operation\":\"sendStringBody(java.lang.String,java.lang.String)\",\"arguments\":[\"log:x\",\"x\"]}"
        };
        for (String request : refused) {
            JsonNode answer = jolokia(request);
            assertThat(answer.path("status").asInt()).as(request + " -> " + answer).isEqualTo(403);
        }
        // what Hawtio reads is allowed
        assertThat(jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"}").path("status").asInt()).isEqualTo(200);
        assertThat(jolokia("{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(context) + ",\"operation\":\"dumpRoutesAsXml()\"}")
                .path("value").asText()).contains("id=\"events-ingest\"");
    }

    @Test
    void aCrossSiteRequestIsRefusedEvenWithTheLogin() throws Exception {
        HttpResponse<String> response = management("POST", "/observe/jolokia", "{\"type\":\"version\"}", login(),
                "Origin", "http://attacker.example");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(management("POST", "/observe/jolokia", "{\"type\":\"version\"}", login(),
                "Origin", "http://localhost:" + managementPort).statusCode()).isEqualTo(200);
    }

    @Test
    void hawtioShowsItsConsoleAfterLoginAndReachesJolokiaUnderItsOwnPath() throws Exception {
        HttpResponse<String> page = management("GET", "/observe/hawtio/", null, login());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).containsIgnoringCase("hawtio");

        HttpResponse<String> jolokia = management("POST", "/observe/hawtio/jolokia",
                "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}", login());
        assertThat(jolokia.statusCode()).isEqualTo(200);
        assertThat(jolokia.body()).contains("events-ingest");
    }

    @Test
    void nothingOfItIsOnThePublicPort() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/prometheus", "/observe/health/ready", "/observe/metrics",
                "/observe/jolokia/version", "/observe/hawtio/", "/observe/hawtio/index.html", "/observe/hawtio/hawtconfig.json"}) {
            assertThat(send("GET", path, null, null).statusCode()).as(path).isEqualTo(404);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private String login() {
        return basic(MANAGEMENT_USERNAME, MANAGEMENT_PASSWORD);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode jolokia(String request) throws Exception {
        HttpResponse<String> response = management("POST", "/observe/jolokia", request, login());
        assertThat(response.statusCode()).as(request).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> management(String method, String path, String body, String authorization, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
