package io.caravan.platform.http;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.springframework.stereotype.Component;

/** The REST DSL's shared settings: served by Spring MVC through platform-http, OpenAPI at /api-doc. */
@Component
class RestApiConfiguration extends RouteBuilder {

    @Override
    public void configure() {
        restConfiguration()
                .component("platform-http")
                // routes read and write their own bodies, so errors keep one shape
                .bindingMode(RestBindingMode.off)
                // keep a form-typed POST body raw (curl -d sends one): seed 001 reads JSON whatever the type
                .endpointProperty("populateBodyWithForm", "false")
                .apiContextPath("/api-doc")
                .apiProperty("api.title", "Caravan API")
                .apiProperty("api.version", "{{caravan.version:0.1.0}}");
    }
}
