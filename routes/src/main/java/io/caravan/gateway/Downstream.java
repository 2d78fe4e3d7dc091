package io.caravan.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.Json;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The gateway's calls to the services, each through its own route ({@link GatewayRoutes}): what goes in
 * (the caller's token, a JSON body, an id) and what comes back, checked: a 2xx body as JSON; 401, 403,
 * 404 and other 4xx as the GraphQL error a client reads; a service that is down or fails as
 * "the ... service is unavailable".
 */
@Component
@ConditionalOnService(CaravanService.GATEWAY)
public class Downstream {

    private static final Logger LOG = LoggerFactory.getLogger(Downstream.class);

    private final ProducerTemplate camel;

    Downstream(ProducerTemplate camel) {
        this.camel = camel;
    }

    /** Calls the route {@code direct:<route>}; its checked answer, or a {@link GatewayError}. */
    public JsonNode call(String route, String authorization, Object request, String id) {
        Exchange result = camel.send("direct:" + route, exchange -> {
            exchange.setVariable("authorization", authorization);
            exchange.setVariable("request", request == null ? null : Json.MAPPER.writeValueAsString(request));
            exchange.setVariable("id", id);
        });
        if (result.getException() != null) {
            for (Throwable t = result.getException(); t != null; t = t.getCause()) {
                if (t instanceof GatewayError error) {
                    throw error;
                }
            }
            LOG.warn("{} failed: {}", route, result.getException().toString());
            throw unavailable(result.getVariable("service", String.class));
        }
        return result.getMessage().getBody(JsonNode.class);
    }

    /** A service's answer, checked (a route step). */
    public static JsonNode answer(@Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Body String body,
                                  @Variable("service") String service) throws Exception {
        int code = status == null ? 0 : status;
        if (code >= 200 && code < 300) {
            return body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
        }
        if (code == 401) {
            throw GatewayError.notAuthenticated();
        }
        if (code == 403) {
            throw GatewayError.forbidden();
        }
        if (code == 404) {
            throw new GatewayError(GatewayError.Kind.NOT_FOUND, "not found");
        }
        if (code >= 400 && code < 500) {
            throw new GatewayError(GatewayError.Kind.BAD_REQUEST, description(body));
        }
        throw unavailable(service);
    }

    private static GatewayError unavailable(String service) {
        return new GatewayError(GatewayError.Kind.UNAVAILABLE, "the " + (service == null ? "" : service + " ") + "service is unavailable; try again");
    }

    /** The service's own words ({@code description} of its error body), or a generic sentence. */
    private static String description(String body) {
        try {
            JsonNode error = Json.MAPPER.readTree(body);
            String description = error.path("description").asText("");
            return description.isBlank() ? "the request was refused" : description;
        } catch (Exception e) {
            return "the request was refused";
        }
    }
}
