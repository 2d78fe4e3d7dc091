package io.caravan.platform.http;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.springframework.stereotype.Component;

/**
 * The REST DSL's shared settings (served by Spring MVC through platform-http), and the OpenAPI
 * document of this process's REST endpoints at {@code GET /api-doc} ({@link OpenApiDocument}).
 */
@Component
class RestApiConfiguration extends RouteBuilder {

    private final OpenApiDocument openApi;

    RestApiConfiguration(OpenApiDocument openApi) {
        this.openApi = openApi;
    }

    @Override
    public void configure() {
        restConfiguration()
                .component("platform-http")
                // routes read and write their own bodies, so errors keep one shape
                .bindingMode(RestBindingMode.off)
                // keep a form-typed POST body raw (curl -d sends one): seed 001 reads JSON whatever the type
                .endpointProperty("populateBodyWithForm", "false")
                .apiProperty("api.title", "Caravan API")
                .apiProperty("api.description", "Every REST endpoint of the services this process runs; errors are {status, title, description}")
                .apiProperty("api.version", "{{caravan.version:0.1.0}}");

        rest("/api-doc").description("OpenAPI")
            .get().id("platform-get-api-doc").apiDocs(false).description("This process's OpenAPI document (JSON)")
                .to("direct:platform-api-doc");

        from("direct:platform-api-doc").routeId("platform-api-doc").routeConfigurationId(HttpApiErrors.ID)
            .bean(openApi, "json")
            .process(Answer.ok());
    }
}
