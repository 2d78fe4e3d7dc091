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
import io.caravan.platform.ApiException;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Verifies {@code Authorization: Bearer} access tokens locally, with the identity service's public
 * keys fetched once from its JWKS endpoint ({@code caravan.security.jwks-url}) and cached: no
 * per-request call to identity. Only RS256 tokens from {@code caravan.security.issuer}, unexpired,
 * with a subject are accepted; anything else is 401.
 */
@Component
public class BearerTokens {

    private final Environment environment;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    BearerTokens(Environment environment) {
        this.environment = environment;
    }

    /** The caller of {@code authorization} ({@code Bearer <jwt>}); 401 when missing or invalid. */
    public Caller caller(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("missing bearer token");
        }
        try {
            JWTClaimsSet claims = processor().process(authorization.substring(7).trim(), null);
            List<String> roles = claims.getStringListClaim("roles");
            return new Caller(claims.getSubject(), claims.getStringClaim("email"), claims.getStringClaim("name"),
                    roles == null ? List.of() : roles);
        } catch (KeySourceException e) {
            throw new ApiException(503, "Service Unavailable", "cannot fetch the token keys; try again");
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
            String jwksUrl = environment.getRequiredProperty("caravan.security.jwks-url");
            String issuer = environment.getRequiredProperty("caravan.security.issuer");
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(jwksUrl).toURL()).retrying(true).build();
            p = new DefaultJWTProcessor<>();
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
            p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new JWTClaimsSet.Builder().issuer(issuer).build(),
                    new HashSet<>(Set.of("sub", "exp", "iat"))));
            processor = p;
        }
        return p;
    }
}
