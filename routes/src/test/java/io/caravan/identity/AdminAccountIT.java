package io.caravan.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.CaravanApplication;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Seed 000's superuser: created at start-up from configuration, and it logs in with the admin role. */
@CamelSpringBootTest
@SpringBootTest(classes = CaravanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"caravan.services=identity", "caravan.identity.admin.email=root@example.com",
            "caravan.identity.admin.password=an admin password"})
class AdminAccountIT {

    @LocalServerPort
    int port;

    @Test
    void theConfiguredAdministratorLogsInWithTheAdminRole() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest login = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ROOT@example.com\",\"password\":\"an admin password\"}")).build();
        // polled gently: the account appears right after start-up, and failed logins are throttled
        HttpResponse<String> response = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofSeconds(1)).until(
                () -> http.send(login, HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200);
        String token = new ObjectMapper().readTree(response.body()).get("accessToken").asText();

        HttpResponse<String> claims = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/validate"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = new ObjectMapper().readTree(claims.body());
        assertThat(body.get("admin").asBoolean()).isTrue();
        assertThat(body.get("roles").toString()).contains("admin");
    }
}
