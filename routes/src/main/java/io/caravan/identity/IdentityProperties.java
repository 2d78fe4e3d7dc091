package io.caravan.identity;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code caravan.identity.*}: users, tokens and the user events. */
@Validated
@ConfigurationProperties("caravan.identity")
public record IdentityProperties(
        @Valid @NotNull Jwt jwt,
        @Valid @NotNull LoginLimit loginLimit,
        @NotBlank String eventsExchange,
        Admin admin) {

    /**
     * RS256 tokens. {@code keyFile} is a PKCS#8 PEM RSA private key (a Secret in Kubernetes; local
     * mode generates one in its data directory); services verify tokens with the public half
     * published at {@code /.well-known/jwks.json}.
     */
    public record Jwt(String keyFile, @NotBlank String issuer, @NotNull Duration accessTtl, @NotNull Duration refreshTtl) {
    }

    /** Failed logins allowed per client address within {@code window} before 429. */
    public record LoginLimit(@Min(1) int failures, @NotNull Duration window) {
    }

    /** An administrator created at start-up when both are set (seed 000's SUPERUSER_EMAIL/PASSWORD). */
    public record Admin(String email, String password) {
        boolean configured() {
            return email != null && !email.isBlank() && password != null && !password.isBlank();
        }
    }
}
