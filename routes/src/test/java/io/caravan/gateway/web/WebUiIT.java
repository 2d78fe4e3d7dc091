package io.caravan.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.caravan.testing.CaravanIT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The web UI over plain HTTP: the page for browsers only, its files from this process (no CDN), API clients unchanged. */
class WebUiIT extends CaravanIT {

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String NOT_FOUND = "{\"status\":404,\"title\":\"Endpoint Not Found\",\"description\":\"Endpoint Not Found\"}";

    @Test
    void aBrowserGetsThePageAtTheRoot() throws Exception {
        HttpResponse<String> page = send("GET", "/", null, null, "Accept", BROWSER_ACCEPT);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(page.body()).contains("<title>Caravan</title>", "id=\"page-store\"", "id=\"page-media\"", "id=\"page-events\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'", "connect-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*/*", "application/json", "text/*", "text/html;q=0", "not a media type"})
    void apiClientsKeepSeed001sNotFoundAtTheRoot(String accept) throws Exception {
        HttpResponse<String> response = send("GET", "/", null, null, "Accept", accept);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(NOT_FOUND);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void otherMethodsAtTheRootAreStillNotFound() throws Exception {
        HttpResponse<String> response = send("POST", "/", "{}", "application/json", "Accept", BROWSER_ACCEPT);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(NOT_FOUND);
    }

    @Test
    void everyFileThePageUsesIsServedFromThisProcess() throws Exception {
        String page = send("GET", "/", null, null, "Accept", BROWSER_ACCEPT).body();
        // src and href as written (not Alpine's :src bindings, which the page fills in itself), but the in-page links
        Matcher references = Pattern.compile("(?<![:\\w-])(?:src|href)=\"([^\"#]+)\"").matcher(page);
        List<String> files = references.results().map(m -> m.group(1)).toList();
        assertThat(files).contains("/ui/app.js", "/ui/app.css", "/ui/lib/cdn.min.js")
                .allSatisfy(file -> assertThat(file).as("same origin, never a CDN").startsWith("/ui/"));
        for (String file : files) {
            HttpResponse<String> response = send("GET", file, null, null);
            assertThat(response.statusCode()).as(file).isEqualTo(200);
            assertThat(response.body()).as(file).isNotBlank();
        }
        assertThat(send("GET", "/ui/lib/cdn.min.js", null, null).body()).as("Alpine.js from its WebJar").contains("Alpine");
        assertThat(send("GET", "/ui/app.js", null, null).headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("javascript"));
    }

    @Test
    void anUnknownFileIsTheUsualNotFound() throws Exception {
        HttpResponse<String> response = send("GET", "/ui/nothing-here.js", null, null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(NOT_FOUND);
    }
}
