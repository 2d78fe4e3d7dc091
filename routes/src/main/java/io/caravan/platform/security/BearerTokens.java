package io.caravan.platform.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.caravan.platform.http.ApiException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The platform's one access-token verifier (nimbus' JWT processor): only RS256 tokens signed by a key
 * of the identity service, from {@code caravan.security.issuer}, unexpired, with a subject, are
 * accepted; anything else is 401. The keys come from a {@code JWKSource} bean when this process runs
 * identity itself, else from identity's JWKS endpoint ({@code caravan.security.jwks-url}), fetched
 * once and cached: no per-request call to identity.
 *
 * <p>Route steps: {@link #authenticate()} puts the {@link Caller} in the {@value #CALLER} variable;
 * {@link #requireRole(String)} also refuses a caller without the role (403).
 */
@Component
public class BearerTokens {

    /** The exchange variable {@link #authenticate()} sets. */
    public static final String CALLER = "caller";

    private final Environment environment;
    private final ObjectProvider<JWKSource<SecurityContext>> localKeys;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    BearerTokens(Environment environment, ObjectProvider<JWKSource<SecurityContext>> localKeys) {
        this.environment = environment;
        this.localKeys = localKeys;
    }

    /** A step: the bearer token's caller into the {@value #CALLER} variable; 401 when missing or invalid. */
    public Processor authenticate() {
        return exchange -> exchange.setVariable(CALLER, caller(exchange));
    }

    /** A step: like {@link #authenticate()}, and 403 unless the caller has {@code role}. */
    public Processor requireRole(String role) {
        return exchange -> {
            Caller caller = caller(exchange);
            exchange.setVariable(CALLER, caller);
            if (!caller.hasRole(role)) {
                throw ApiException.forbidden("this needs the " + role + " role");
            }
        };
    }

    /** The caller of the exchange's {@code Authorization} header (verified once per exchange). */
    public Caller caller(Exchange exchange) {
        Caller known = exchange.getVariable(CALLER, Caller.class);
        return known != null ? known : caller(exchange.getMessage().getHeader("Authorization", String.class));
    }

    /** The caller of {@code authorization} ({@code Bearer <jwt>}); 401 when missing or invalid. */
    public Caller caller(String authorization) {
        JWTClaimsSet claims = claims(authorization);
        try {
            List<String> roles = claims.getStringListClaim("roles");
            return new Caller(claims.getSubject(), claims.getStringClaim("email"), claims.getStringClaim("name"),
                    roles == null ? List.of() : List.copyOf(roles));
        } catch (java.text.ParseException e) {
            throw ApiException.unauthorized("invalid token");
        }
    }

    /** The verified claims as JSON (seed 000's {@code POST /validate} answer); 401 when missing or invalid. */
    public java.util.Map<String, Object> verifiedClaims(@org.apache.camel.Header("Authorization") String authorization) {
        return claims(authorization).toJSONObject();
    }

    /** The verified claims of {@code authorization} ({@code Bearer <jwt>}); 401 when missing or invalid. */
    public JWTClaimsSet claims(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("missing bearer token");
        }
        try {
            return processor().process(authorization.substring(7).trim(), null);
        } catch (KeySourceException e) {
            throw ApiException.unavailable("cannot fetch the token keys; try again");
        } catch (Exception e) {
            throw ApiException.unauthorized("invalid token");
        }
    }

    /**
     * Built on first use: the JWKS endpoint may belong to this very process, whose port is known only
     * once its web server runs.
     */
    private DefaultJWTProcessor<SecurityContext> processor() throws MalformedURLException {
        DefaultJWTProcessor<SecurityContext> p = processor;
        if (p == null) {
            JWKSource<SecurityContext> keys = localKeys.getIfAvailable();
            if (keys == null) {
                String jwksUrl = environment.getRequiredProperty("caravan.security.jwks-url");
                keys = JWKSourceBuilder.create(URI.create(jwksUrl).toURL()).retrying(true).build();
            }
            String issuer = environment.getRequiredProperty("caravan.security.issuer");
            p = new DefaultJWTProcessor<>();
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
            p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new JWTClaimsSet.Builder().issuer(issuer).build(),
                    new HashSet<>(Set.of("sub", "exp", "iat"))));
            processor = p;
        }
        return p;
    }
}
