package io.caravan.platform.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The management login's rule, request by request (ManagementPortIT shows it on the running port). */
class ManagementLoginTest {

    private static final ManagementProperties CONFIGURED = new ManagementProperties("operator", "s3cret pass:word");
    private static final ManagementProperties UNSET = new ManagementProperties("", "");

    @Test
    void healthAndMetricsAreOpenEverythingElseAsksForTheLogin() throws Exception {
        assertThat(call(CONFIGURED, "GET", "/observe/health/ready", null).getStatus()).isEqualTo(200);
        assertThat(call(CONFIGURED, "GET", "/observe/health", null).getStatus()).isEqualTo(200);
        assertThat(call(CONFIGURED, "GET", "/observe/metrics", null).getStatus()).isEqualTo(200);
        for (String path : new String[] {"/observe/jolokia", "/observe/hawtio/index.html", "/observe", "/observe/healthy", "/observe/metrics-x"}) {
            MockHttpServletResponse response = call(CONFIGURED, "GET", path, null);
            assertThat(response.getStatus()).as(path).isEqualTo(401);
            assertThat(response.getHeader("WWW-Authenticate")).as(path).startsWith("Basic realm=\"Caravan management\"");
        }
    }

    @Test
    void theRightLoginPassesWithItsPrincipalAWrongOneIsRefusedEvenOnOpenPaths() throws Exception {
        MockHttpServletRequest request = request("GET", "/observe/jolokia", basic("operator", "s3cret pass:word"));
        MockFilterChain chain = new MockFilterChain();
        new ManagementLogin("/observe", CONFIGURED).doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(((jakarta.servlet.http.HttpServletRequest) chain.getRequest()).getUserPrincipal().getName()).isEqualTo("operator");

        assertThat(call(CONFIGURED, "GET", "/observe/jolokia", basic("operator", "s3cret pass")).getStatus()).isEqualTo(401);
        assertThat(call(CONFIGURED, "GET", "/observe/jolokia", basic("Operator", "s3cret pass:word")).getStatus()).isEqualTo(401);
        assertThat(call(CONFIGURED, "GET", "/observe/health/ready", basic("operator", "wrong")).getStatus()).isEqualTo(401);
        assertThat(call(CONFIGURED, "GET", "/observe/jolokia", "Basic not-base64!").getStatus()).isEqualTo(401);
        assertThat(call(CONFIGURED, "GET", "/observe/jolokia", "Bearer abc").getStatus()).isEqualTo(401);
    }

    @Test
    void withoutAConfiguredLoginNobodyGetsInButProbesAndTheScrapeStillAnswer() throws Exception {
        assertThat(call(UNSET, "GET", "/observe/health/live", null).getStatus()).isEqualTo(200);
        assertThat(call(UNSET, "GET", "/observe/metrics", null).getStatus()).isEqualTo(200);
        assertThat(call(UNSET, "GET", "/observe/jolokia", null).getStatus()).isEqualTo(403);
        assertThat(call(UNSET, "GET", "/observe/jolokia", basic("", "")).getStatus()).isEqualTo(403);
        assertThat(call(new ManagementProperties("operator", ""), "GET", "/observe/hawtio/", basic("operator", "")).getStatus()).isEqualTo(403);
    }

    @Test
    void aBrowserRequestFromAnotherOriginIsRefusedOneFromThePortItselfPasses() throws Exception {
        MockHttpServletRequest foreign = request("POST", "/observe/jolokia", basic("operator", "s3cret pass:word"));
        foreign.addHeader("Origin", "https://evil.example");
        MockHttpServletResponse refused = new MockHttpServletResponse();
        new ManagementLogin("/observe", CONFIGURED).doFilter(foreign, refused, new MockFilterChain());
        assertThat(refused.getStatus()).isEqualTo(403);

        MockHttpServletRequest same = request("POST", "/observe/jolokia", basic("operator", "s3cret pass:word"));
        same.addHeader("Origin", "http://localhost:9876");
        same.addHeader("Host", "localhost:9876");
        MockHttpServletResponse passed = new MockHttpServletResponse();
        new ManagementLogin("/observe", CONFIGURED).doFilter(same, passed, new MockFilterChain());
        assertThat(passed.getStatus()).isEqualTo(200);
    }

    private static MockHttpServletResponse call(ManagementProperties login, String method, String path, String authorization) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ManagementLogin("/observe", login).doFilter(request(method, path, authorization), response, new MockFilterChain());
        return response;
    }

    /** A request as Tomcat resolved it: the servlet path carries the normalized path. */
    private static MockHttpServletRequest request(String method, String path, String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
