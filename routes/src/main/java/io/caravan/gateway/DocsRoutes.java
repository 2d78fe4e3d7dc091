package io.caravan.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.http.Answer;
import io.caravan.platform.http.ApiException;
import io.caravan.platform.http.HttpApiErrors;
import io.caravan.platform.http.RawJson;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Swagger UI at {@code /docs} (seed 000's FastAPI path), from a WebJar: it shows this process's OpenAPI
 * document ({@code /api-doc}) and, when services run in other processes (Kubernetes), theirs, fetched
 * through the gateway ({@code /api-doc/<service>}) so the browser needs no other origin.
 */
@Component
@ConditionalOnService(CaravanService.GATEWAY)
class DocsRoutes extends RouteBuilder {

    static final List<String> SERVICES = List.of("events", "identity", "media", "notification", "catalog", "orders");

    private final GatewayEndpoints endpoints;
    private final Environment environment;

    DocsRoutes(GatewayEndpoints endpoints, Environment environment) {
        this.endpoints = endpoints;
        this.environment = environment;
    }

    @Override
    public void configure() {
        // @formatter:off
        rest("/docs").description("Swagger UI")
            .get().id("gateway-get-docs").apiDocs(false).produces("text/html").to("direct:gateway-docs")
            .get("/specs").id("gateway-get-docs-specs").apiDocs(false).to("direct:gateway-docs-specs");
        rest("/api-doc").description("OpenAPI")
            .get("/{service}").id("gateway-get-api-doc-of").apiDocs(false).description("The OpenAPI document of a service in another process")
                .to("direct:gateway-api-doc-of");

        from("direct:gateway-docs").routeId("gateway-docs")
            .removeHeaders("*")
            .setBody(constant(page()))
            .setHeader(Exchange.CONTENT_TYPE, constant("text/html; charset=UTF-8"))
            .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200));

        from("direct:gateway-docs-specs").routeId("gateway-docs-specs").routeConfigurationId(HttpApiErrors.ID)
            .setBody(method(this, "specs"))
            .process(Answer.ok());

        from("direct:gateway-api-doc-of").routeId("gateway-api-doc-of").routeConfigurationId(HttpApiErrors.ID)
            .setVariable("baseUrl", method(this, "elsewhere"))
            .removeHeaders("*")
            .setHeader(Exchange.HTTP_METHOD, constant("GET"))
            .setBody(constant((Object) null))
            .toD("${variable.baseUrl}/api-doc?throwExceptionOnFailure=false")
            .filter(header(Exchange.HTTP_RESPONSE_CODE).isNotEqualTo(200))
                .throwException(ApiException.unavailable("that service's document cannot be fetched now"))
            .end()
            .setBody(bodyAs(String.class))
            .bean(RawJson.class, "of")
            .process(Answer.ok());
        // @formatter:on
    }

    private static String page() {
        try (var in = new org.springframework.core.io.ClassPathResource("gateway/docs.html").getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Swagger UI's list: this process, then every service configured at another address. */
    public List<Map<String, String>> specs() {
        List<Map<String, String>> specs = new ArrayList<>();
        specs.add(Map.of("name", "this process", "url", "/api-doc"));
        for (String service : SERVICES) {
            if (!endpoints.url(service).equals(here())) {
                specs.add(Map.of("name", service, "url", "/api-doc/" + service));
            }
        }
        return specs;
    }

    /** The base URL of a service in another process; 404 for anything else. */
    public String elsewhere(@Header("service") String service) {
        if (!SERVICES.contains(service) || endpoints.url(service).equals(here())) {
            throw ApiException.notFound("no other service of that name");
        }
        return endpoints.url(service);
    }

    private String here() {
        return "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }
}
