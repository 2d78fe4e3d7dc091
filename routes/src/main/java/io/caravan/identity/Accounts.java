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

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.Json;
import io.caravan.platform.http.ApiException;
import io.caravan.platform.http.JsonRequest;
import io.caravan.platform.security.Caller;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** What the identity routes compute: password hashes and checks, token pairs, refresh-token hashes, SQL parameters. */
@Component
@ConditionalOnService(CaravanService.IDENTITY)
public class Accounts {

    private static final String INVALID_LOGIN = "invalid email or password";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonRequest<IdentityRequests.Login> LOGIN = JsonRequest.of(IdentityRequests.Login.class);

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

    /** The SQL parameters of a new user. */
    public Map<String, Object> newUser(@Body IdentityRequests.Register r) {
        return Map.of("email", r.email().trim(), "name", r.name().trim(), "passwordHash", bcrypt.encode(r.password()), "roles", "user");
    }

    /** A stored user as clients see it: id, email, name. */
    public Map<String, Object> publicUser(@Body Map<String, Object> user) {
        Map<String, Object> view = new LinkedHashMap<>(user);
        view.keySet().retainAll(List.of("id", "email", "name"));
        return view;
    }

    /** The SQL parameters of the administrator configured with {@code caravan.identity.admin.*}. */
    public Map<String, Object> configuredAdmin() {
        return Map.of("email", properties.admin().email(), "passwordHash", bcrypt.encode(properties.admin().password()));
    }

    /**
     * The credentials of a login: HTTP Basic (seeds 002/003) when the header is there, else a JSON
     * body {@code {"email","password"}} (seed 000 and the canonical API); none at all is 401.
     */
    public IdentityRequests.Login credentials(@Header("Authorization") String authorization, Exchange exchange) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("the Basic credentials are not valid base64");
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0 || colon == decoded.length() - 1) {
                throw ApiException.badRequest("the Basic credentials need the form email:password");
            }
            return new IdentityRequests.Login(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw ApiException.unauthorized("missing credentials: send HTTP Basic or {\"email\",\"password\"}");
        }
        return LOGIN.read(body);
    }

    /**
     * The user when the password matches; otherwise the same 401 whether the email is unknown or
     * the password wrong (no user enumeration), and one more failure for this client.
     */
    public Map<String, Object> checkPassword(@Header("user") Map<String, Object> user, @Variable("login") IdentityRequests.Login login,
                                             @Variable("client") String client) {
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
    public Map<String, Object> tokenPair(@Body Map<String, Object> user) {
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
    public Map<String, Object> publicPair(@Body Map<String, Object> pair) {
        Map<String, Object> out = new LinkedHashMap<>(pair);
        out.keySet().retainAll(List.of("accessToken", "refreshToken", "tokenType", "expiresIn"));
        return out;
    }

    /** The SQL parameters that find a refresh token: its hash. */
    public Map<String, Object> refreshTokenParams(@Body IdentityRequests.Refresh request) {
        return Map.of("tokenHash", hash(request.refreshToken()));
    }

    /** The SQL parameters of a profile change: the fields given (null keeps a field) and the caller. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> profileParams(@Body IdentityRequests.Profile profile, @Variable("caller") Caller caller) {
        Map<String, Object> params = new LinkedHashMap<>(Json.MAPPER.convertValue(profile, Map.class));
        params.put("userId", caller.userId());
        return params;
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
