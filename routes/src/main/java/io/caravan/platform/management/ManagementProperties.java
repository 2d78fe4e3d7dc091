package io.caravan.platform.management;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code caravan.management.*}: the login of the management port (Jolokia, Hawtio, health details).
 * No default: with either value empty nobody can log in, and only the open paths answer (decision 15).
 */
@ConfigurationProperties("caravan.management")
public record ManagementProperties(String username, String password) {

    /** Whether a login is configured at all. */
    public boolean loginConfigured() {
        return username != null && !username.isBlank() && password != null && !password.isEmpty();
    }
}
