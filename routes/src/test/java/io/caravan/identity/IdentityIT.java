package io.caravan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.caravan.testing.CaravanIT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/** The identity service against PostgreSQL and the AMQP broker: accounts, tokens, profiles, user events. */
class IdentityIT extends CaravanIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    AmqpAdmin amqp;

    @Autowired
    RabbitTemplate rabbit;

    private final String email = "user-" + UUID.randomUUID() + "@example.com";
    private final String password = "correct horse battery";

    @Test
    void aNewAccountLogsInAndItsTokenValidates() throws Exception {
        HttpResponse<String> registered = post("/api/v1/auth/register", Map.of("name", "Ann", "email", email, "password", password));
        assertThat(registered.statusCode()).isEqualTo(201);
        JsonNode user = JSON.readTree(registered.body());
        assertThat(user.get("email").asText()).isEqualTo(email);
        assertThat(registered.body()).doesNotContain("password").doesNotContain("$2a$");

        JsonNode tokens = JSON.readTree(post("/api/v1/auth/login", Map.of("email", email.toUpperCase(), "password", password)).body());
        assertThat(tokens.get("tokenType").asText()).isEqualTo("Bearer");
        HttpResponse<String> claims = send("POST", "/validate", null, null, "Authorization", "Bearer " + tokens.get("accessToken").asText());
        assertThat(claims.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(claims.body());
        assertThat(body.get("sub").asText()).isEqualTo(user.get("id").asText());
        assertThat(body.get("email").asText()).isEqualTo(email);
        assertThat(body.get("roles").get(0).asText()).isEqualTo("user");
    }

    @Test
    void theSeedAliasesRegisterAndLogInWithBasicOrJson() throws Exception {
        HttpResponse<String> registered = post("/v1/auth/register", Map.of("name", "Bob", "email", email, "password", password));
        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(registered.body()).get("status").asInt()).isEqualTo(201);

        String basic = "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> viaBasic = send("POST", "/login", null, null, "Authorization", basic);
        assertThat(viaBasic.statusCode()).isEqualTo(200);
        assertThat(viaBasic.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(viaBasic.body()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");

        HttpResponse<String> viaJson = post("/login", Map.of("email", email, "password", password));
        assertThat(viaJson.statusCode()).isEqualTo(200);
        assertThat(send("POST", "/validate", null, null, "Authorization", "Bearer " + viaJson.body()).statusCode()).isEqualTo(200);
    }

    @Test
    void anEmailIsTakenWhateverItsCase() throws Exception {
        assertThat(post("/api/v1/auth/register", Map.of("name", "A", "email", email, "password", password)).statusCode()).isEqualTo(201);
        HttpResponse<String> again = post("/api/v1/auth/register", Map.of("name", "A", "email", email.toUpperCase(), "password", password));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("status").asInt()).isEqualTo(409);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}|422|name: is required", "{\"name\":\"A\",\"password\":\"long enough\"}|422|email: is required",
        "{\"name\":\"A\",\"email\":\"a@b.c\"}|422|password: is required",
        "{\"name\":\"A\",\"email\":\"not-an-email\",\"password\":\"long enough\"}|422|email: is not a valid email address",
        "{\"name\":\"A\",\"email\":\"a@b.c\",\"password\":\"short\"}|422|password: must be at least 8 characters long",
        "{\"name\":123,\"email\":\"a@b.c\",\"password\":\"long enough\"}|422|name: expected a string",
        "{\"name\":\"A\",\"email\":\"a@b.c\",\"password\":\"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\"}|422|password: must be at most 72 bytes long",
        "{\"name\":\"A\"|400|the JSON ends before it is complete", "[]|400|the body must be a JSON object",
        "null|400|the body must be a JSON object", "|400|a JSON body is required"})
    void badRegistrationsAreRefusedNamingTheField(String caseStatusAndDescription) throws Exception {
        String[] parts = caseStatusAndDescription.split("\\|");
        HttpResponse<String> response = send("POST", "/api/v1/auth/register", parts[0], "application/json");
        assertThat(response.statusCode()).as(parts[0]).isEqualTo(Integer.parseInt(parts[1]));
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("status").asInt()).isEqualTo(Integer.parseInt(parts[1]));
        assertThat(error.get("description").asText()).contains(parts[2]);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() throws Exception {
        post("/api/v1/auth/register", Map.of("name", "A", "email", email, "password", password));
        HttpResponse<String> wrongPassword = post("/api/v1/auth/login", Map.of("email", email, "password", "not the password"));
        HttpResponse<String> unknownEmail = post("/api/v1/auth/login", Map.of("email", "nobody-" + email, "password", password));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownEmail.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(unknownEmail.body());
    }

    @Test
    void repeatedFailedLoginsFromOneClientAre429() throws Exception {
        String client = "203.0.113." + (int) (Math.random() * 250 + 1);
        for (int i = 0; i < 5; i++) {
            assertThat(send("POST", "/api/v1/auth/login", "{\"email\":\"x@y.z\",\"password\":\"nope nope\"}", "application/json",
                    "X-Forwarded-For", client).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> blocked = send("POST", "/api/v1/auth/login", "{\"email\":\"x@y.z\",\"password\":\"nope nope\"}",
                "application/json", "X-Forwarded-For", client);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(blocked.body()).get("status").asInt()).isEqualTo(429);
    }

    @Test
    void forgedExpiredAndUnsignedTokensAre401() throws Exception {
        post("/api/v1/auth/register", Map.of("name", "A", "email", email, "password", password));
        String good = JSON.readTree(post("/api/v1/auth/login", Map.of("email", email, "password", password)).body()).get("accessToken").asText();
        String[] parts = good.split("\\.");
        JWTClaimsSet claims = SignedJWT.parse(good).getJWTClaimsSet();

        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"user\"", "\"admin\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String unsigned = new PlainJWT(claims).serialize();
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        hmac.sign(new MACSigner("a-shared-secret-that-is-at-least-256-bits-long!!")); 
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        SignedJWT otherKey = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        otherKey.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));
        SignedJWT expired = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder(claims)
                .expirationTime(Date.from(Instant.now().minusSeconds(120))).build()); // beyond the 60 s clock skew
        expired.sign(new RSASSASigner(platformKey()));

        for (String token : new String[] {tampered, unsigned, hmac.serialize(), otherKey.serialize(), expired.serialize(), "garbage", ""}) {
            HttpResponse<String> response = send("POST", "/validate", null, null, "Authorization", "Bearer " + token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(send("GET", "/api/v1/users/me/profile", null, null, "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
        }
        assertThat(send("POST", "/validate", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aRefreshTokenWorksOnceAndNotAfterLogout() throws Exception {
        post("/api/v1/auth/register", Map.of("name", "A", "email", email, "password", password));
        String refresh = JSON.readTree(post("/api/v1/auth/login", Map.of("email", email, "password", password)).body()).get("refreshToken").asText();

        HttpResponse<String> rotated = post("/api/v1/auth/refresh", Map.of("refreshToken", refresh));
        assertThat(rotated.statusCode()).isEqualTo(200);
        String next = JSON.readTree(rotated.body()).get("refreshToken").asText();
        assertThat(next).isNotEqualTo(refresh);
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", refresh)).statusCode()).as("reused").isEqualTo(401);

        assertThat(post("/api/v1/auth/logout", Map.of("refreshToken", next)).statusCode()).isEqualTo(204);
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", next)).statusCode()).as("after logout").isEqualTo(401);
        assertThat(post("/api/v1/auth/refresh", Map.of()).statusCode()).as("no refreshToken").isEqualTo(422);
    }

    @Test
    void registrationAndProfileChangesArePublishedAsUserEvents() throws Exception {
        String queue = "test-user-events-" + UUID.randomUUID();
        amqp.declareQueue(new Queue(queue, false, false, false));
        DirectExchange exchange = new DirectExchange("events_exchange", true, false);
        amqp.declareExchange(exchange);
        for (String key : new String[] {"user_registered", "user_profile_updated"}) {
            Binding binding = BindingBuilder.bind(new Queue(queue)).to(exchange).with(key);
            amqp.declareBinding(binding);
        }

        String id = JSON.readTree(post("/api/v1/auth/register", Map.of("name", "Eve", "email", email, "password", password)).body()).get("id").asText();
        JsonNode registered = JSON.readTree(receive(queue).getBody());
        assertThat(registered.get("eventType").asText()).isEqualTo("user_registered");
        assertThat(registered.get("eventData").get("id").asText()).isEqualTo(id);
        assertThat(registered.get("eventData").get("email").asText()).isEqualTo(email);
        assertThat(registered.toString()).doesNotContain("password");

        String token = JSON.readTree(post("/api/v1/auth/login", Map.of("email", email, "password", password)).body()).get("accessToken").asText();
        HttpResponse<String> updated = send("PUT", "/api/v1/users/me/profile",
                "{\"shippingAddress\":\"1 Main St\",\"pincode\":\"411001\",\"city\":\"Pune\",\"country\":\"IN\",\"phoneNumber\":\"+91 20 1234\"}",
                "application/json", "Authorization", "Bearer " + token);
        assertThat(updated.statusCode()).isEqualTo(200);
        Message message = receive(queue);
        assertThat(message.getMessageProperties().getReceivedDeliveryMode()).hasToString("PERSISTENT");
        JsonNode profile = JSON.readTree(message.getBody());
        assertThat(profile.get("eventType").asText()).isEqualTo("user_profile_updated");
        assertThat(profile.get("eventData").get("userId").asText()).isEqualTo(id);
        assertThat(profile.get("eventData").get("pincode").asText()).isEqualTo("411001");
        assertThat(profile.get("eventData").get("shippingAddress").asText()).isEqualTo("1 Main St");
        amqp.deleteQueue(queue);
    }

    @Test
    void aProfileKeepsFieldsLeftOutAndStoresInjectionAttemptsAsText() throws Exception {
        post("/api/v1/auth/register", Map.of("name", "A", "email", email, "password", password));
        String bearer = "Bearer " + JSON.readTree(post("/api/v1/auth/login", Map.of("email", email, "password", password)).body()).get("accessToken").asText();
        send("PUT", "/api/v1/users/me/profile", "{\"city\":\"Pune\"}", "application/json", "Authorization", bearer);
        String injection = "x'); DROP TABLE users; --";
        send("PUT", "/api/v1/users/me/profile", JSON.writeValueAsString(Map.of("bio", injection)), "application/json", "Authorization", bearer);

        JsonNode profile = JSON.readTree(send("GET", "/api/v1/users/me/profile", null, null, "Authorization", bearer).body());
        assertThat(profile.get("city").asText()).isEqualTo("Pune");
        assertThat(profile.get("bio").asText()).isEqualTo(injection);
        assertThat(post("/api/v1/auth/login", Map.of("email", email, "password", password)).statusCode()).as("users still there").isEqualTo(200);
        HttpResponse<String> invalid = send("PUT", "/api/v1/users/me/profile", "{\"phoneNumber\":\"call me\"}", "application/json",
                "Authorization", bearer);
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(invalid.body()).get("description").asText()).startsWith("phoneNumber: must be 4 to 24 digits");
        assertThat(JSON.readTree(send("GET", "/api/v1/users/me/profile", null, null, "Authorization", bearer).body()).has("phoneNumber"))
                .as("the refused change stored nothing").isTrue();
        assertThat(JSON.readTree(send("GET", "/api/v1/users/me/profile", null, null, "Authorization", bearer).body()).get("phoneNumber").isNull())
                .isTrue();
    }

    /** The row and its event commit together: a broker that cannot take the event leaves no account behind. */
    @Test
    void aRegistrationWhoseEventTheBrokerCannotTakeStoresNothingAndIs503() throws Exception {
        io.caravan.testing.ServerControl broker = brokerControl();
        org.junit.jupiter.api.Assumptions.assumeTrue(broker != null, "this run cannot restart the broker");
        broker.stop();
        try {
            HttpResponse<String> refused = post("/api/v1/auth/register", Map.of("name", "A", "email", email, "password", password));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(refused.body()).get("status").asInt()).isEqualTo(503);
        } finally {
            broker.start();
        }
        // nothing was stored: the same email registers once the broker is back
        HttpResponse<String> registered = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> post("/api/v1/auth/register", Map.of("name", "A", "email", email, "password", password)), r -> r.statusCode() != 503);
        assertThat(registered.statusCode()).isEqualTo(201);
    }

    @Test
    void theJwksPublishesThePublicKeyOnly() throws Exception {
        JsonNode jwks = JSON.readTree(send("GET", "/.well-known/jwks.json", null, null).body());
        JsonNode key = jwks.get("keys").get(0);
        assertThat(key.get("kty").asText()).isEqualTo("RSA");
        assertThat(key.has("d")).isFalse();
    }

    private Message receive(String queue) {
        Message message = rabbit.receive(queue, 10_000);
        assertThat(message).as("an event on " + queue).isNotNull();
        return message;
    }

    private HttpResponse<String> post(String path, Map<String, ?> body) throws Exception {
        return send("POST", path, JSON.writeValueAsString(body), "application/json");
    }

    private RSAPrivateKey platformKey() throws Exception {
        String pem = Files.readString(Path.of(environment.getProperty("caravan.identity.jwt.key-file")))
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
