package io.caravan.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Issues access tokens: RS256 JWTs signed with the key in {@code caravan.identity.jwt.key-file}, and
 * publishes the public half (JWKS). Verifying them is the platform's one verifier,
 * {@code io.caravan.platform.security.BearerTokens}, here as in every other service.
 */
@Component
@ConditionalOnService(CaravanService.IDENTITY)
public class TokenService {

    private final IdentityProperties.Jwt settings;
    private final RSAKey key;
    private final RSASSASigner signer;

    TokenService(IdentityProperties properties) throws Exception {
        this.settings = properties.jwt();
        if (settings.keyFile() == null || settings.keyFile().isBlank()) {
            throw new InvalidConfigurationPropertyValueException("caravan.identity.jwt.key-file", "",
                    "the identity service needs an RSA private key (PKCS#8 PEM) to sign tokens; set CARAVAN_IDENTITY_JWT_KEYFILE");
        }
        RSAPrivateCrtKey privateKey = readPrivateKey(Path.of(settings.keyFile()));
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        RSAKey withoutId = new RSAKey.Builder(publicKey).privateKey(privateKey).build();
        this.key = new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(withoutId.computeThumbprint().toString())
                .algorithm(JWSAlgorithm.RS256).build();
        this.signer = new RSASSASigner(key);
    }

    private static RSAPrivateCrtKey readPrivateKey(Path file) throws IOException, java.security.GeneralSecurityException {
        if (!Files.isReadable(file)) {
            throw new InvalidConfigurationPropertyValueException("caravan.identity.jwt.key-file", file.toString(), "the file cannot be read");
        }
        String pem = Files.readString(file).replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    /** A signed access token for the user. */
    public String issue(String userId, String email, String name, List<String> roles) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(userId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.accessTtl())))
                .claim("email", email)
                .claim("username", email) // the claim seeds 000/002/003 read
                .claim("name", name)
                .claim("roles", roles)
                .claim("admin", roles.contains("admin"))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** The public key set other services verify tokens with. */
    public Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }

    /**
     * The public keys as a JWK source: in a process that runs identity, the platform's token verifier
     * ({@code BearerTokens}) uses them directly instead of fetching this service's own JWKS over HTTP.
     */
    @Bean
    JWKSource<SecurityContext> identitySigningKeys() {
        return new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()));
    }

    public long accessTtlSeconds() {
        return settings.accessTtl().toSeconds();
    }
}
