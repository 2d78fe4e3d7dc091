package io.caravan.platform.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.media.Ffmpeg;
import io.caravan.testing.CaravanIT;
import io.caravan.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The Grafana dashboard (docs/grafana/caravan-dashboard.json) against the running application: after an
 * event, an order through the saga and a converted clip, every metric name its queries read is in the
 * Prometheus scrape of /observe/metrics. A renamed or never-exported metric fails here, not on a wall screen.
 */
class DashboardIT extends CaravanIT {

    static final Path DASHBOARD = Path.of("..", "docs", "grafana", "caravan-dashboard.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalManagementPort
    int managementPort;

    @Autowired
    Ffmpeg ffmpeg;

    @TempDir
    static Path clips;

    /** The scrape's metric names, taken once (Camel's routes run only once a test method runs, not in @BeforeAll). */
    private static Set<String> scraped;

    private Set<String> scraped() throws Exception {
        if (scraped == null) {
            scraped = exerciseEveryWorkflowThenScrape();
        }
        return scraped;
    }

    private Set<String> exerciseEveryWorkflowThenScrape() throws Exception {
        // an event
        assertThat(send("POST", "/event", "{\"description\":\"dashboard\"}", "application/json").statusCode()).isEqualTo(200);

        // an order through the saga
        String admin = adminToken();
        HttpResponse<String> product = send("POST", "/products", "{\"name\":\"dash-" + UUID.randomUUID() + "\",\"price\":2.5,\"quantity\":3}",
                "application/json", "Authorization", "Bearer " + admin);
        assertThat(product.statusCode()).as(product.body()).isEqualTo(201);
        String user = newUserToken();
        HttpResponse<String> order = send("POST", "/orders", "{\"product_id\":\"" + JSON.readTree(product.body()).get("pk").asText()
                + "\",\"quantity\":1}", "application/json", "Authorization", "Bearer " + user);
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        String orderId = JSON.readTree(order.body()).get("pk").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(send("GET", "/orders/" + orderId, null, null,
                "Authorization", "Bearer " + user).body()).path("status").asText(), "completed"::equals);

        // a converted clip
        HttpResponse<String> upload = TestMedia.upload(HTTP, uri("/api/v1/media"), user,
                TestMedia.clip(ffmpeg.executable(), clips.resolve("dashboard.mp4"), 2, true, 5));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        String job = JSON.readTree(upload.body()).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(send("GET", "/api/v1/media/" + job, null, null,
                "Authorization", "Bearer " + user).body()).path("status").asText(), "ready"::equals);

        HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/observe/metrics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        Files.writeString(Path.of("target", "observe-metrics.txt"), scrape.body()); // to read when writing a panel
        return metricNames(scrape.body());
    }

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        Map<String, Set<String>> missing = missing(queries(JSON.readTree(DASHBOARD.toFile())));
        assertThat(missing).as("metrics the dashboard reads that %s does not export", "/observe/metrics").isEmpty();
    }

    @Test
    void aQueryOfAMetricNobodyExportsIsCaught() throws Exception {
        assertThat(missing(List.of("sum by (routeId) (rate(camel_exchanges_total[5m]))", "rate(caravan_made_up_total{outcome=\"x\"}[5m])")))
                .containsOnlyKeys("rate(caravan_made_up_total{outcome=\"x\"}[5m])");
    }

    @Test
    void theDashboardHasThePanelsOperatorsNeed() throws Exception {
        List<String> titles = new ArrayList<>();
        JSON.readTree(DASHBOARD.toFile()).path("panels").forEach(panel -> titles.add(panel.path("title").asText()));
        assertThat(String.join(" | ", titles).toLowerCase()).contains("route", "error", "http", "stream", "conversion", "orders", "jvm memory");
        assertThat(queries(JSON.readTree(DASHBOARD.toFile()))).anySatisfy(q -> assertThat(q).contains("routeId"));
    }

    /** Each query whose metrics are not all in the scrape, with the missing names. */
    private Map<String, Set<String>> missing(List<String> queries) throws Exception {
        Map<String, Set<String>> missing = new java.util.LinkedHashMap<>();
        for (String query : queries) {
            Set<String> names = new TreeSet<>(PromQl.metricNames(query));
            assertThat(names).as("a query that reads no metric: " + query).isNotEmpty();
            names.removeAll(scraped());
            if (!names.isEmpty()) {
                missing.put(query, names);
            }
        }
        return missing;
    }

    /** Every target expression of every panel, rows' panels included. */
    static List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        dashboard.findValues("targets").forEach(targets -> targets.forEach(t -> {
            if (t.hasNonNull("expr")) {
                queries.add(t.get("expr").asText());
            }
        }));
        assertThat(queries).as("the dashboard's queries").isNotEmpty();
        return queries;
    }

    /** The metric names of a Prometheus text scrape (histogram series come as _bucket, _count, _sum). */
    static Set<String> metricNames(String scrape) {
        Set<String> names = new LinkedHashSet<>();
        scrape.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }
}
