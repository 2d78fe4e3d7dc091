package io.caravan.platform.management;

import java.util.Map;

import org.jolokia.server.core.http.AgentServlet;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * What the management port (its own child context and Tomcat, {@code management.server.port}) adds
 * to Spring Boot's actuator: the login in front of everything, and Jolokia. Beans here exist only in
 * that child context, so nothing of it reaches the public port.
 *
 * <p>Listed in {@code META-INF/spring/...ManagementContextConfiguration.imports} and deliberately not a
 * {@code @Configuration}: the application's component scan would register it in the public context too.
 * Without a port of its own (never in Caravan's configuration) none of it exists.
 */
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
public class ManagementPortConfiguration {

    @Bean
    public FilterRegistrationBean<ManagementLogin> caravanManagementLogin(WebEndpointProperties endpoints, ManagementProperties login) {
        FilterRegistrationBean<ManagementLogin> registration =
                new FilterRegistrationBean<>(new ManagementLogin(endpoints.getBasePath(), login));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE); // before Hawtio's own filters
        return registration;
    }

    /**
     * Jolokia at {@code <base>/jolokia}, and again under Hawtio's path, where the embedded Hawtio looks for
     * it ({@code <base>/hawtio/jolokia}). The policy allows what Hawtio needs (read, list, search, exec,
     * version), never write, and denies the JVM's own dangerous operations (see jolokia-access.xml).
     */
    @Bean
    public ServletRegistrationBean<AgentServlet> caravanJolokia(WebEndpointProperties endpoints) {
        String base = endpoints.getBasePath();
        ServletRegistrationBean<AgentServlet> registration =
                new ServletRegistrationBean<>(new AgentServlet(), base + "/jolokia/*", base + "/hawtio/jolokia/*");
        registration.setName("caravanJolokia");
        registration.setInitParameters(Map.of(
                "policyLocation", "classpath:/management/jolokia-access.xml",
                "includeStackTrace", "false",
                "serializeException", "false",
                "allowErrorDetails", "false",
                "discoveryEnabled", "false",
                "agentId", "caravan"));
        registration.setLoadOnStartup(1);
        return registration;
    }
}
