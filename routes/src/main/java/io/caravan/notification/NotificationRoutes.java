package io.caravan.notification;

import io.caravan.platform.CaravanProperties;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.JsonMessage;
import io.caravan.platform.Rabbit;
import io.caravan.platform.SqlParams;
import io.caravan.platform.UnreadableMessageException;
import io.caravan.platform.http.Answer;
import io.caravan.platform.http.HttpApiErrors;
import io.caravan.platform.security.BearerTokens;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Tells a user that their MP3 is ready, or that the conversion failed: an in-app notification (listed
 * at {@code GET /api/v1/notifications}) and an email over SMTP. A redelivered message finds the
 * notification it made and sends the email only if it did not go out; a message that cannot be
 * handled is retried with backoff, then dead-lettered; one that cannot be read is dead-lettered at once.
 */
@Component
@ConditionalOnService(CaravanService.NOTIFICATION)
class NotificationRoutes extends RouteBuilder {

    private final BearerTokens bearer;
    private final CaravanProperties.Smtp smtp;
    private final NotificationProperties properties;

    NotificationRoutes(BearerTokens bearer, CaravanProperties caravan, NotificationProperties properties) {
        this.bearer = bearer;
        this.smtp = caravan.smtp();
        this.properties = properties;
    }

    @Override
    public void configure() {
        errorHandler(deadLetterChannel("direct:notification-dead-letter").useOriginalMessage()
                .maximumRedeliveries(properties.maxRedeliveries()).redeliveryDelay(properties.redeliveryDelay().toMillis())
                .backOffMultiplier(2).retryAttemptedLogLevel(LoggingLevel.WARN));
        // what retrying cannot fix goes to the dead-letter queue at once (decision 9)
        onException(UnreadableMessageException.class).maximumRedeliveries(0);

        // @formatter:off
        from(Rabbit.consume("{{caravan.notification.exchange}}", "{{caravan.notification.queue}}", 1))
            .routeId("notification-media-outcome")
            .unmarshal(JsonMessage.of(MediaOutcome.class))
            .setVariable("outcome", body())
            .bean(Notifications.class, "of")
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
                    .setBody(variable("row"))
                    .to("sql:classpath:notification/email-sent.sql")
                    .log("Emailed ${variable.outcome.email()}: ${variable.notification[title]}")
            .end();

        from("direct:notification-dead-letter").routeId("notification-dead-letter")
            .log(LoggingLevel.ERROR, "Notification message dead-lettered: ${exception.message}")
            .to(Rabbit.confirmedPublish("{{caravan.notification.exchange}}", "{{caravan.notification.dead-letter-queue}}"));

        rest("/api/v1/notifications").description("The caller's notifications, newest first (Bearer token)")
            .get().id("notification-get-list").to("direct:notification-list");

        from("direct:notification-list").routeId("notification-list").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.authenticate())
            .setBody(SqlParams.of("userId", "${variable.caller.userId()}"))
            .to("sql:classpath:notification/list.sql")
            .process(Answer.ok());
        // @formatter:on
    }

    private String smtpUri() {
        StringBuilder uri = new StringBuilder("smtp://{{caravan.smtp.host}}:{{caravan.smtp.port}}?from={{caravan.smtp.from}}");
        if (smtp.username() != null && !smtp.username().isBlank()) {
            uri.append("&username={{caravan.smtp.username}}&password=RAW({{caravan.smtp.password}})");
        }
        return uri.toString();
    }
}
