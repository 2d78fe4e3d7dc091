package io.caravan.platform.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.apache.camel.CamelContext;
import org.apache.camel.openapi.BeanConfig;
import org.apache.camel.openapi.DefaultRestApiResponseAdapter;
import org.apache.camel.openapi.RestOpenApiSupport;
import org.apache.camel.spi.RestConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document at {@code GET /api-doc}: the REST DSL routes of this process (camel-openapi-java
 * reads them), plus what services contribute ({@link OpenApiContribution}), plus the bearer scheme on
 * the operations that need a token. Rendered once, on first request.
 */
@Component
public class OpenApiDocument {

    private final CamelContext camel;
    private final ObjectProvider<OpenApiContribution> contributions;
    private volatile String json;

    OpenApiDocument(CamelContext camel, ObjectProvider<OpenApiContribution> contributions) {
        this.camel = camel;
        this.contributions = contributions;
    }

    public RawJson json() throws Exception {
        String rendered = json;
        if (rendered == null) {
            rendered = render();
            json = rendered;
        }
        return RawJson.of(rendered);
    }

    private String render() throws Exception {
        RestConfiguration rest = camel.getRestConfiguration();
        RestOpenApiSupport support = new RestOpenApiSupport();
        BeanConfig config = new BeanConfig();
        Map<String, Object> properties = rest.getApiProperties() == null ? new HashMap<>() : new HashMap<>(rest.getApiProperties());
        support.initOpenApi(config, properties);
        DefaultRestApiResponseAdapter adapter = new DefaultRestApiResponseAdapter();
        support.renderResourceListing(camel, adapter, config, true, camel.getClassResolver(), rest, null);
        OpenAPI api = adapter.getOpenApi() == null ? new OpenAPI() : adapter.getOpenApi();
        contributions.orderedStream().forEach(contribution -> contribution.contribute(api));
        bearer(api);
        // relative to wherever the document was fetched from (behind an ingress the host is not this pod's)
        api.setServers(List.of(new io.swagger.v3.oas.models.servers.Server().url("/")));
        // tags of rest() blocks whose verbs are all left out of the document (/docs, /api-doc)
        if (api.getTags() != null && api.getPaths() != null) {
            java.util.Set<String> used = new java.util.HashSet<>();
            api.getPaths().values().forEach(item -> operations(item).forEach(o -> {
                if (o.getTags() != null) {
                    used.addAll(o.getTags());
                }
            }));
            api.setTags(api.getTags().stream().filter(tag -> used.contains(tag.getName())).toList());
        }
        return RestOpenApiSupport.getJsonFromOpenAPIAsString(api, config);
    }

    /** The token scheme, on every operation whose description or path says it needs one. */
    private static void bearer(OpenAPI api) {
        if (api.getComponents() == null) {
            api.components(new io.swagger.v3.oas.models.Components());
        }
        api.getComponents().addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An access token from POST /api/v1/auth/login"));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> operations(item).forEach(operation -> {
            String text = (operation.getDescription() == null ? "" : operation.getDescription()) + " " + path;
            if (text.contains("Bearer") || text.contains("admin") || text.contains("/orders") || text.contains("/users")
                    || text.contains("/media") || text.contains("/notifications") || text.contains("/download")) {
                operation.addSecurityItem(new SecurityRequirement().addList("bearer"));
            }
        }));
    }

    private static List<Operation> operations(PathItem item) {
        return java.util.stream.Stream.of(item.getGet(), item.getPost(), item.getPut(), item.getPatch(), item.getDelete())
                .filter(java.util.Objects::nonNull).toList();
    }
}
