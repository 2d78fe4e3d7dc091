package io.caravan.notification;

import java.util.LinkedHashMap;
import java.util.Map;

import io.caravan.platform.CaravanProperties;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.HttpApiErrors;
import io.caravan.platform.HttpResponses;
import io.caravan.platform.security.BearerTokens;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jackson.JacksonDataFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells a user that their MP3 is ready, or that the conversion failed: an in-app notification (listed
 * at {@code GET /api/v1/notifications}) and an email over SMTP. A redelivered message finds the
 * notification it made and sends the email only if it did not go out; a message that cannot be
 * handled is retried with backoff, then dead-lettered, never lost and never looping.
 */
@Component
@ConditionalOnService(CaravanService.NOTIFICATION)
class NotificationRoutes extends RouteBuilder {

    private static final String PUBLISH = "spring-rabbitmq:{{caravan.media.exchange}}?autoDeclare=false&confirm=enabled&disableReplyTo=true&routingKey=";

    private final BearerTokens tokens;
    private final CaravanProperties.Smtp smtp;
    private final int maxRedeliveries;
    private final long redeliveryDelay;

    NotificationRoutes(BearerTokens tokens, CaravanProperties caravan,
                       @Value("${caravan.notification.max-redeliveries}") int maxRedeliveries,
                       @Value("${caravan.notification.redelivery-delay}") java.time.Duration redeliveryDelay) {
        this.tokens = tokens;
        this.smtp = caravan.smtp();
        this.maxRedeliveries = maxRedeliveries;
        this.redeliveryDelay = redeliveryDelay.toMillis();
    }

    @Override
    public void configure() {
        // @formatter:off
        from("spring-rabbitmq:{{caravan.media.exchange}}?queues={{caravan.media.audio-queue}}&autoDeclare=false"
                + "&acknowledgeMode=AUTO&maximumRetryAttempts=1")
            .routeId("notification-media-outcome")
            .errorHandler(deadLetterChannel("direct:notification-dead-letter").useOriginalMessage()
                    .maximumRedeliveries(maxRedeliveries).redeliveryDelay(redeliveryDelay).backOffMultiplier(2)
                    .retryAttemptedLogLevel(LoggingLevel.WARN))
            .unmarshal(new JacksonDataFormat(MediaOutcome.class))
            .setVariable("outcome", body())
            .setBody(this::notification)
            .setVariable("notification", body())
            .to("sql:classpath:notification/record.sql?outputType=SelectOne")
            .setVariable("row", body())
            .choice()
                .when(simple("${variable.row[emailSentAt]} != null"))
                    .log("Notification ${variable.row[id]} was emailed before: skipped")
                .when(simple("${variable.outcome.email()} == null"))
                    .log(LoggingLevel.WARN, "Job ${variable.outcome.jobId()}: no email address, in-app notification only")
                .otherwise()
                    // camel-mail turns message headers into mail headers: only ours may go out
                    .removeHeaders("*")
                    .setHeader("To", simple("${variable.outcome.email()}"))
                    .setHeader("Subject", simple("${variable.notification[title]}"))
                    .setHeader(Exchange.CONTENT_TYPE, constant("text/plain; charset=UTF-8"))
                    .setBody(simple("${variable.notification[body]}"))
                    .to(smtpUri())
                    .setBody(simple("${variable.row}"))
                    .to("sql:classpath:notification/email-sent.sql")
                    .log("Emailed ${variable.outcome.email()}: ${variable.notification[title]}")
            .end();

        from("direct:notification-dead-letter").routeId("notification-dead-letter")
            .log(LoggingLevel.ERROR, "Notification message dead-lettered after retries: ${exception.message}")
            .to(PUBLISH + "{{caravan.media.audio-queue}}.dead-letter");

        rest("/api/v1/notifications").description("The caller's notifications, newest first (Bearer token)")
            .get().id("notification-get-list").to("direct:notification-list");

        from("direct:notification-list").routeId("notification-list").routeConfigurationId(HttpApiErrors.ID)
            .setBody(exchange -> Map.of("userId", tokens.caller(exchange.getMessage().getHeader("Authorization", String.class)).userId()))
            .to("sql:classpath:notification/list.sql")
            .process(exchange -> HttpResponses.json(exchange, 200, exchange.getMessage().getBody()));
        // @formatter:on
    }

    /** The notification's row: who, which job, what happened, in words. */
    private Map<String, Object> notification(Exchange exchange) {
        MediaOutcome outcome = exchange.getVariable("outcome", MediaOutcome.class);
        boolean ready = "ready".equals(outcome.status());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("userId", outcome.owner());
        row.put("jobId", outcome.jobId());
        row.put("kind", ready ? "audio-ready" : "conversion-failed");
        row.put("title", ready ? "Your MP3 is ready" : "Your conversion failed");
        row.put("body", ready
                ? "The audio of " + outcome.filename() + " is ready. Download it from /api/v1/media/" + outcome.jobId()
                        + "/audio (audio id " + outcome.audioId() + ")."
                : "We could not make an MP3 of " + outcome.filename() + ": " + outcome.reason());
        row.put("audioId", outcome.audioId());
        return row;
    }

    private String smtpUri() {
        StringBuilder uri = new StringBuilder("smtp://{{caravan.smtp.host}}:{{caravan.smtp.port}}?from={{caravan.smtp.from}}");
        if (smtp.username() != null && !smtp.username().isBlank()) {
            uri.append("&username={{caravan.smtp.username}}&password=RAW({{caravan.smtp.password}})");
        }
        return uri.toString();
    }
}
