package io.caravan.identity;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.SqlParams;
import io.caravan.platform.http.Answer;
import io.caravan.platform.http.ApiException;
import io.caravan.platform.http.HttpApiErrors;
import io.caravan.platform.http.JsonRequest;
import io.caravan.platform.http.Paging;
import io.caravan.platform.http.RawJson;
import io.caravan.platform.security.Caller;
import io.caravan.platform.security.BearerTokens;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
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
    private final BearerTokens bearer;

    IdentityApiRoutes(Accounts accounts, TokenService tokens, LoginThrottle throttle, BearerTokens bearer) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.throttle = throttle;
        this.bearer = bearer;
    }

    @Override
    public void configure() {
        // @formatter:off
        rest("/api/v1/auth").description("Identity: accounts and tokens")
            .post("/register").id("identity-post-register").type(IdentityRequests.Register.class)
                .description("Create an account: {name, email, password}").to("direct:identity-register")
            .post("/login").id("identity-post-login").type(IdentityRequests.Login.class)
                .description("Tokens for {email, password} or HTTP Basic").to("direct:identity-login")
            .post("/refresh").id("identity-post-refresh").type(IdentityRequests.Refresh.class)
                .description("New tokens for {refreshToken}; the old one is revoked").to("direct:identity-refresh")
            .post("/logout").id("identity-post-logout").type(IdentityRequests.Refresh.class)
                .description("Revoke {refreshToken}").to("direct:identity-logout");
        rest("/api/v1/users/me/profile").description("The caller's profile (Bearer token)")
            .get().id("identity-get-profile").to("direct:identity-profile")
            .put().id("identity-put-profile").type(IdentityRequests.Profile.class).to("direct:identity-profile-update");
        rest("/api/v1/users").description("Accounts (Bearer token)")
            .get().id("identity-get-users").description("Every account, a page at a time (administrator)")
                .param().name("page").type(RestParamType.query).dataType("integer").endParam()
                .param().name("limit").type(RestParamType.query).dataType("integer").endParam()
                .to("direct:identity-users")
            .get("/{id}").id("identity-get-user").description("An account: the caller's own ('me' or its id), any for an administrator")
                .to("direct:identity-user");
        rest("/.well-known/jwks.json").get().id("identity-get-jwks").description("Public keys that verify access tokens").to("direct:identity-jwks");
        rest().description("Seed aliases")
            .post("/v1/auth/register").id("identity-post-register-v1").type(IdentityRequests.Register.class).to("direct:identity-register-v1")
            .post("/login").id("identity-post-login-seed").type(IdentityRequests.Login.class)
                .description("The access token as text/plain (seeds 000/002/003)").to("direct:identity-login-seed")
            .post("/validate").id("identity-post-validate").description("The claims of the Bearer token").to("direct:identity-validate");

        from("direct:identity-register").routeId("identity-register").routeConfigurationId(HttpApiErrors.ID)
            .unmarshal(JsonRequest.of(IdentityRequests.Register.class))
            .to("direct:identity-create-account")
            .process(Answer.created());

        from("direct:identity-register-v1").routeId("identity-register-v1").routeConfigurationId(HttpApiErrors.ID)
            .unmarshal(JsonRequest.of(IdentityRequests.Register.class))
            .to("direct:identity-create-account")
            .process(Answer.envelope(201));

        from("direct:identity-create-account").routeId("identity-create-account").errorHandler(noErrorHandler())
            .bean(accounts, "newUser")
            .setVariable("store", constant("direct:identity-store-user"))
            .to("direct:identity-store")
            .filter(body().isNull())
                .throwException(ApiException.conflict("an account with this email already exists"))
            .end()
            .bean(accounts, "publicUser");

        // the row and its event commit together (UserStoreRoutes): when the broker cannot take the event,
        // the transaction rolled back, nothing is stored, and the client may simply try again
        from("direct:identity-store").routeId("identity-store").errorHandler(noErrorHandler())
            .toD("${variable.store}")
            .filter(variable(UserStoreRoutes.EVENT_REFUSED))
                .throwException(ApiException.unavailable("the user events broker is unavailable; try again"))
            .end();

        from("direct:identity-login").routeId("identity-login").routeConfigurationId(HttpApiErrors.ID)
            .to("direct:identity-authenticate")
            .to("direct:identity-issue-tokens")
            .process(Answer.ok());

        from("direct:identity-login-seed").routeId("identity-login-seed").routeConfigurationId(HttpApiErrors.ID)
            .to("direct:identity-authenticate")
            .to("direct:identity-issue-tokens")
            .setBody(simple("${body[accessToken]}"))
            .process(Answer.text());

        from("direct:identity-authenticate").routeId("identity-authenticate").errorHandler(noErrorHandler())
            .setVariable("client", method(Accounts.class, "client"))
            .bean(throttle, "check(${variable.client})")
            .setVariable("login", method(accounts, "credentials"))
            .setBody(SqlParams.of("email", "${variable.login.email()}"))
            .to("sql:classpath:identity/find-user-by-email.sql?outputType=SelectOne&outputHeader=user")
            .bean(accounts, "checkPassword")
            .removeHeader("user");

        from("direct:identity-issue-tokens").routeId("identity-issue-tokens").errorHandler(noErrorHandler())
            .bean(accounts, "tokenPair")
            .to("sql:classpath:identity/insert-refresh-token.sql?noop=true")
            .bean(accounts, "publicPair");

        from("direct:identity-refresh").routeId("identity-refresh").routeConfigurationId(HttpApiErrors.ID)
            .unmarshal(JsonRequest.of(IdentityRequests.Refresh.class))
            .bean(accounts, "refreshTokenParams")
            .to("sql:classpath:identity/use-refresh-token.sql?outputType=SelectOne")
            .filter(body().isNull())
                .throwException(ApiException.unauthorized("invalid, expired or already used refresh token"))
            .end()
            .to("direct:identity-issue-tokens")
            .process(Answer.ok());

        from("direct:identity-logout").routeId("identity-logout").routeConfigurationId(HttpApiErrors.ID)
            .unmarshal(JsonRequest.of(IdentityRequests.Refresh.class))
            .bean(accounts, "refreshTokenParams")
            .to("sql:classpath:identity/revoke-refresh-token.sql")
            .process(Answer.noContent());

        from("direct:identity-validate").routeId("identity-validate").routeConfigurationId(HttpApiErrors.ID)
            .bean(bearer, "verifiedClaims")
            .process(Answer.ok());

        from("direct:identity-jwks").routeId("identity-jwks").routeConfigurationId(HttpApiErrors.ID)
            .bean(tokens, "jwks")
            .process(Answer.ok());

        from("direct:identity-users").routeId("identity-users").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.requireRole(Caller.ADMIN))
            .setVariable("paging", method(Paging.class, "of"))
            .setBody(SqlParams.of("limit", "${variable.paging.limit()}", "offset", "${variable.paging.offset()}"))
            .to("sql:classpath:identity/list-users.sql?outputType=SelectOne")
            .bean(RawJson.class, "of")
            .process(Answer.ok());

        // someone else's account is as unknown as one that does not exist, unless the caller is an administrator
        from("direct:identity-user").routeId("identity-user").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.authenticate())
            .filter(simple("${header.id} == 'me'"))
                .setHeader("id", simple("${variable.caller.userId()}"))
            .end()
            .filter(simple("${header.id} != ${variable.caller.userId()} && ${variable.caller.isAdmin()} == false"))
                .throwException(ApiException.notFound("no such user"))
            .end()
            .setBody(SqlParams.of("id", "${header.id}"))
            .to("sql:classpath:identity/find-user.sql?outputType=SelectOne")
            .filter(body().isNull())
                .throwException(ApiException.notFound("no such user"))
            .end()
            .bean(RawJson.class, "of")
            .process(Answer.ok());

        from("direct:identity-profile").routeId("identity-profile").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.authenticate())
            .setBody(SqlParams.of("userId", "${variable.caller.userId()}"))
            .to("sql:classpath:identity/find-profile.sql?outputType=SelectOne")
            .filter(body().isNull())
                .throwException(ApiException.notFound("no such user"))
            .end()
            .process(Answer.ok());

        from("direct:identity-profile-update").routeId("identity-profile-update").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.authenticate())
            .unmarshal(JsonRequest.of(IdentityRequests.Profile.class))
            .bean(accounts, "profileParams")
            .setVariable("store", constant("direct:identity-store-profile"))
            .to("direct:identity-store")
            .process(Answer.ok());
        // @formatter:on
    }
}
