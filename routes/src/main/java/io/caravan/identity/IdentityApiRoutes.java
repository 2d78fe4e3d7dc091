package io.caravan.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import io.caravan.platform.ApiException;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.HttpApiErrors;
import io.caravan.platform.HttpResponses;
import io.caravan.platform.Json;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.amqp.AmqpException;
import org.springframework.stereotype.Component;

/**
 * The identity API: register, login (JSON or HTTP Basic), refresh (rotating), logout, token
 * validation, the JWKS, and the caller's profile; plus the seeds' aliases {@code POST /v1/auth/register},
 * {@code POST /login} (the JWT as text/plain) and {@code POST /validate}.
 */
@Component
@ConditionalOnService(CaravanService.IDENTITY)
class IdentityApiRoutes extends RouteBuilder {

    private final Accounts accounts;
    private final TokenService tokens;
    private final LoginThrottle throttle;

    IdentityApiRoutes(Accounts accounts, TokenService tokens, LoginThrottle throttle) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    @Override
    public void configure() {
        // sub-routes (no error handler of their own) hand their exceptions to the HTTP route that
        // called them, whose http-api configuration answers them
        onException(com.fasterxml.jackson.core.JacksonException.class).handled(true)
                .process(io.caravan.platform.ApiError.respondWithCause(400, "Bad Request"));
        onException(AmqpException.class).handled(true)
                .log(org.apache.camel.LoggingLevel.ERROR, "User event not published, nothing stored: ${exception.message}")
                .process(io.caravan.platform.ApiError.respond(503, "Service Unavailable", "the user events broker is unavailable; try again"));

        // @formatter:off
        rest("/api/v1/auth").description("Identity: accounts and tokens")
            .post("/register").id("identity-post-register").description("Create an account: {name, email, password}").to("direct:identity-register")
            .post("/login").id("identity-post-login").description("Tokens for {email, password} or HTTP Basic").to("direct:identity-login")
            .post("/refresh").id("identity-post-refresh").description("New tokens for {refreshToken}; the old one is revoked").to("direct:identity-refresh")
            .post("/logout").id("identity-post-logout").description("Revoke {refreshToken}").to("direct:identity-logout");
        rest("/api/v1/users/me/profile").description("The caller's profile (Bearer token)")
            .get().id("identity-get-profile").to("direct:identity-profile")
            .put().id("identity-put-profile").to("direct:identity-profile-update");
        rest("/.well-known/jwks.json").get().id("identity-get-jwks").description("Public keys that verify access tokens").to("direct:identity-jwks");
        rest().description("Seed aliases")
            .post("/v1/auth/register").id("identity-post-register-v1").to("direct:identity-register-v1")
            .post("/login").id("identity-post-login-seed").description("The access token as text/plain (seeds 000/002/003)").to("direct:identity-login-seed")
            .post("/validate").id("identity-post-validate").description("The claims of the Bearer token").to("direct:identity-validate");

        from("direct:identity-register").routeId("identity-register").routeConfigurationId(HttpApiErrors.ID)
            .to("direct:identity-create-account")
            .process(exchange -> HttpResponses.json(exchange, 201, exchange.getMessage().getBody()));

        from("direct:identity-register-v1").routeId("identity-register-v1").routeConfigurationId(HttpApiErrors.ID)
            .to("direct:identity-create-account")
            .process(exchange -> HttpResponses.json(exchange, 201, Map.of("status", 201, "message", exchange.getMessage().getBody())));

        from("direct:identity-create-account").routeId("identity-create-account").errorHandler(noErrorHandler())
            .process(exchange -> exchange.getMessage().setBody(accounts.newUser(
                    Json.MAPPER.readValue(bytes(exchange), IdentityRequests.Register.class))))
            .to("direct:identity-store-user")
            .filter(body().isNull())
                .process(exchange -> { throw ApiException.conflict("an account with this email already exists"); })
            .end()
            .process(exchange -> exchange.getMessage().getBody(Map.class).remove("roles"));

        from("direct:identity-login").routeId("identity-login").routeConfigurationId(HttpApiErrors.ID)
            .to("direct:identity-authenticate")
            .to("direct:identity-issue-tokens")
            .process(exchange -> HttpResponses.json(exchange, 200, exchange.getMessage().getBody()));

        from("direct:identity-login-seed").routeId("identity-login-seed").routeConfigurationId(HttpApiErrors.ID)
            .to("direct:identity-authenticate")
            .to("direct:identity-issue-tokens")
            .process(exchange -> HttpResponses.text(exchange, 200, (String) exchange.getMessage().getBody(Map.class).get("accessToken")));

        from("direct:identity-authenticate").routeId("identity-authenticate").errorHandler(noErrorHandler())
            .setVariable("client", method(Accounts.class, "client"))
            .process(exchange -> throttle.check(exchange.getVariable("client", String.class)))
            .setVariable("login", method(accounts, "credentials"))
            .setBody(exchange -> Map.of("email", exchange.getVariable("login", IdentityRequests.Login.class).email()))
            .to("sql:classpath:identity/find-user-by-email.sql?outputType=SelectOne&outputHeader=user")
            .process(exchange -> exchange.getMessage().setBody(accounts.checkPassword(
                    exchange.getMessage().getHeader("user", Map.class),
                    exchange.getVariable("login", IdentityRequests.Login.class),
                    exchange.getVariable("client", String.class))))
            .removeHeader("user");

        from("direct:identity-issue-tokens").routeId("identity-issue-tokens").errorHandler(noErrorHandler())
            .setBody(method(accounts, "tokenPair"))
            .to("sql:classpath:identity/insert-refresh-token.sql?noop=true")
            .setBody(method(accounts, "publicPair"));

        from("direct:identity-refresh").routeId("identity-refresh").routeConfigurationId(HttpApiErrors.ID)
            .process(exchange -> exchange.getMessage().setBody(Map.of("tokenHash", Accounts.hash(
                    Json.MAPPER.readValue(bytes(exchange), IdentityRequests.Refresh.class).checked().refreshToken()))))
            .to("sql:classpath:identity/use-refresh-token.sql?outputType=SelectOne")
            .filter(body().isNull())
                .process(exchange -> { throw ApiException.unauthorized("invalid, expired or already used refresh token"); })
            .end()
            .to("direct:identity-issue-tokens")
            .process(exchange -> HttpResponses.json(exchange, 200, exchange.getMessage().getBody()));

        from("direct:identity-logout").routeId("identity-logout").routeConfigurationId(HttpApiErrors.ID)
            .process(exchange -> exchange.getMessage().setBody(Map.of("tokenHash", Accounts.hash(
                    Json.MAPPER.readValue(bytes(exchange), IdentityRequests.Refresh.class).checked().refreshToken()))))
            .to("sql:classpath:identity/revoke-refresh-token.sql")
            .process(exchange -> HttpResponses.json(exchange, 204, null));

        from("direct:identity-validate").routeId("identity-validate").routeConfigurationId(HttpApiErrors.ID)
            .process(exchange -> HttpResponses.json(exchange, 200, tokens.authenticate(exchange.getMessage().getHeader("Authorization", String.class))));

        from("direct:identity-jwks").routeId("identity-jwks").routeConfigurationId(HttpApiErrors.ID)
            .process(exchange -> HttpResponses.json(exchange, 200, tokens.jwks()));

        from("direct:identity-profile").routeId("identity-profile").routeConfigurationId(HttpApiErrors.ID)
            .process(exchange -> exchange.getMessage().setBody(Map.of("userId",
                    tokens.authenticate(exchange.getMessage().getHeader("Authorization", String.class)).get("sub"))))
            .to("sql:classpath:identity/find-profile.sql?outputType=SelectOne")
            .filter(body().isNull())
                .process(exchange -> { throw ApiException.notFound("no such user"); })
            .end()
            .process(exchange -> HttpResponses.json(exchange, 200, exchange.getMessage().getBody()));

        from("direct:identity-profile-update").routeId("identity-profile-update").routeConfigurationId(HttpApiErrors.ID)
            .process(exchange -> {
                Object userId = tokens.authenticate(exchange.getMessage().getHeader("Authorization", String.class)).get("sub");
                IdentityRequests.Profile profile = Json.MAPPER.readValue(bytes(exchange), IdentityRequests.Profile.class).checked();
                Map<String, Object> params = new LinkedHashMap<>(Json.MAPPER.convertValue(profile, Map.class));
                params.put("userId", userId);
                exchange.getMessage().setBody(params);
            })
            .to("direct:identity-store-profile")
            .process(exchange -> HttpResponses.json(exchange, 200, exchange.getMessage().getBody()));
        // @formatter:on
    }

    private static byte[] bytes(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        return body;
    }
}
