package io.caravan.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.testing.CaravanIT;
import org.junit.jupiter.api.Test;

/** OpenAPI at /api-doc documents every REST endpoint (the streaming upload too); Swagger UI at /docs works without the internet. */
class DocsIT extends CaravanIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theOpenApiDocumentHasEveryServicesEndpointsAndTheUpload() throws Exception {
        HttpResponse<String> doc = send("GET", "/api-doc", null, null);
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode paths = JSON.readTree(doc.body()).get("paths");
        for (String path : List.of("/event", "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/users/me/profile", "/api/v1/users",
                "/api/v1/media/{id}", "/download", "/api/v1/notifications", "/products", "/products/{id}", "/v1/product/create-product",
                "/orders", "/orders/{id}", "/v1/orders/create-order", "/graphql", "/upload", "/api/v1/media")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.get("/upload").get("post").get("requestBody").get("content").has("multipart/form-data")).isTrue();
        assertThat(paths.get("/orders").get("post").get("security")).as("orders need a token").isNotEmpty();
        assertThat(JSON.readTree(doc.body()).get("components").get("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void swaggerUiIsServedFromTheJar() throws Exception {
        HttpResponse<String> page = send("GET", "/docs", null, null, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("/webjars/swagger-ui/swagger-ui-bundle.js").doesNotContain("http://").doesNotContain("https://");
        for (String asset : List.of("/webjars/swagger-ui/swagger-ui-bundle.js", "/webjars/swagger-ui/swagger-ui.css",
                "/webjars/swagger-ui/swagger-ui-standalone-preset.js")) {
            HttpResponse<String> file = send("GET", asset, null, null);
            assertThat(file.statusCode()).as(asset).isEqualTo(200);
            assertThat(file.body()).isNotEmpty();
        }
        JsonNode specs = JSON.readTree(send("GET", "/docs/specs", null, null).body());
        assertThat(specs.get(0).get("url").asText()).isEqualTo("/api-doc");
        assertThat(specs).as("every service runs in this process").hasSize(1);
        assertThat(send("GET", "/api-doc/identity", null, null).statusCode()).as("not in another process").isEqualTo(404);
    }
}
