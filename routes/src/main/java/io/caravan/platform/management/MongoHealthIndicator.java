package io.caravan.platform.management;

import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * MongoDB in the health of the services that use it ({@code mongo} in the readiness group): Spring Boot
 * checks MongoDB only through Spring Data, which Caravan does not use (the driver and camel-mongodb-gridfs).
 */
@Component("mongoHealthIndicator")
@ConditionalOnService({CaravanService.MEDIA, CaravanService.CONVERTER})
class MongoHealthIndicator extends AbstractHealthIndicator {

    private final MongoClient client;

    MongoHealthIndicator(MongoClient client) {
        super("MongoDB health check failed");
        this.client = client;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        // bounded: a probe times out after 3 s, the driver would wait 30 s for a server
        client.getDatabase("admin").withTimeout(2, TimeUnit.SECONDS).runCommand(new Document("ping", 1));
        builder.up();
    }
}
