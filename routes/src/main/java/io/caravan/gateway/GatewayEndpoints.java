package io.caravan.gateway;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The base URL of each service the gateway calls, read when first needed: by default they are this
 * very process, whose port is known only once its web server runs (after the routes were built).
 */
@Component
@ConditionalOnService(CaravanService.GATEWAY)
public class GatewayEndpoints {

    private final Environment environment;

    GatewayEndpoints(Environment environment) {
        this.environment = environment;
    }

    /** {@code identity}, {@code catalog} or {@code orders}. */
    public String url(String service) {
        return environment.getRequiredProperty("caravan.gateway." + service + "-url").replaceAll("/+$", "");
    }
}
