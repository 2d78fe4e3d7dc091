package io.caravan.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.caravan.platform.ApiException;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** What the identity routes compute: password hashes and checks, token pairs, refresh-token hashes. */
@Component
@ConditionalOnService(CaravanService.IDENTITY)
public class Accounts {

    private static final String INVALID_LOGIN = "invalid email or password";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(10);
    /** Compared against when the email is unknown, so both failures take the same time. */
    private final String dummyHash = bcrypt.encode("not-a-password-of-anyone");
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final IdentityProperties properties;

    Accounts(TokenService tokens, LoginThrottle throttle, IdentityProperties properties) {
        this.tokens = tokens;
        this.throttle = throttle;
        this.properties = properties;
    }

    /** The SQL parameters of a new user from a checked registration. */
    public Map<String, Object> newUser(IdentityRequests.Register request) {
        IdentityRequests.Register r = request.checked();
        return Map.of("email", r.email(), "name", r.name(), "passwordHash", bcrypt.encode(r.password()), "roles", "user");
    }

    public Map<String, Object> admin(String email, String password) {
        return Map.of("email", email, "passwordHash", bcrypt.encode(password));
    }

    /**
     * The credentials of a login: HTTP Basic (seeds 002/003) when the header is there, else a JSON
     * body {@code {"email","password"}} (seed 000 and the canonical API).
     */
    public IdentityRequests.Login credentials(Exchange exchange) throws Exception {
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("the Basic credentials are not valid base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw ApiException.badRequest("the Basic credentials need the form email:password");
            }
            return new IdentityRequests.Login(decoded.substring(0, colon), decoded.substring(colon + 1)).checked();
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw ApiException.unauthorized("missing credentials: send HTTP Basic or {\"email\",\"password\"}");
        }
        return io.caravan.platform.Json.MAPPER.readValue(body, IdentityRequests.Login.class).checked();
    }

    /**
     * The user when the password matches; otherwise the same 401 whether the email is unknown or
     * the password wrong (no user enumeration), and one more failure for this client.
     */
    public Map<String, Object> checkPassword(Map<String, Object> user, IdentityRequests.Login login, String client) {
        String hash = user == null ? dummyHash : (String) user.get("passwordHash");
        if (!bcrypt.matches(login.password(), hash) || user == null) {
            throttle.failed(client);
            throw ApiException.unauthorized(INVALID_LOGIN);
        }
        Map<String, Object> safe = new LinkedHashMap<>(user);
        safe.remove("passwordHash");
        return safe;
    }

    /** An access token and a new refresh token (its hash and lifetime ready for the INSERT). */
    public Map<String, Object> tokenPair(Map<String, Object> user) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        List<String> roles = Arrays.asList(String.valueOf(user.get("roles")).split(","));
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put("accessToken", tokens.issue((String) user.get("id"), (String) user.get("email"), (String) user.get("name"), roles));
        pair.put("refreshToken", refresh);
        pair.put("tokenType", "Bearer");
        pair.put("expiresIn", tokens.accessTtlSeconds());
        pair.put("tokenHash", hash(refresh));
        pair.put("userId", user.get("id"));
        pair.put("ttl", properties.jwt().refreshTtl().toSeconds() + " seconds");
        return pair;
    }

    /** The client-facing part of a token pair. */
    public Map<String, Object> publicPair(Map<String, Object> pair) {
        Map<String, Object> out = new LinkedHashMap<>(pair);
        out.keySet().retainAll(List.of("accessToken", "refreshToken", "tokenType", "expiresIn"));
        return out;
    }

    /** Refresh tokens are stored as SHA-256 hashes: a database leak gives no usable token. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client's address as the servlet container saw it (behind a proxy: its forwarded-for handling). */
    public static String client(Exchange exchange) {
        return exchange.getIn() instanceof PlatformHttpMessage http ? http.getRequest().getRemoteAddr() : "unknown";
    }
}
