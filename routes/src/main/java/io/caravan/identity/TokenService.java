package io.caravan.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
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
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.caravan.platform.ApiException;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies access tokens: RS256 JWTs signed with the key in
 * {@code caravan.identity.jwt.key-file}. Anything but a well-formed RS256 token signed with that key,
 * from this issuer, not expired, is refused ({@code alg: none}, HS256, tampered, expired: all 401).
 */
@Component
@ConditionalOnService(CaravanService.IDENTITY)
public class TokenService {

    private final IdentityProperties.Jwt settings;
    private final RSAKey key;
    private final RSASSASigner signer;
    private final RSASSAVerifier verifier;

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
        this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
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

    /** The claims of a valid token; 401 for anything else. */
    public Map<String, Object> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw ApiException.unauthorized("invalid token");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!settings.issuer().equals(claims.getIssuer()) || claims.getExpirationTime() == null
                    || claims.getExpirationTime().toInstant().isBefore(Instant.now()) || claims.getSubject() == null) {
                throw ApiException.unauthorized("invalid or expired token");
            }
            return claims.toJSONObject();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw ApiException.unauthorized("invalid token");
        }
    }

    /** The claims of the {@code Authorization: Bearer <token>} header; 401 when missing or invalid. */
    public Map<String, Object> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("missing bearer token");
        }
        return verify(authorization.substring(7).trim());
    }

    /** The public key set other services verify tokens with. */
    public Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }

    public long accessTtlSeconds() {
        return settings.accessTtl().toSeconds();
    }
}
