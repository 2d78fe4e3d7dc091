package io.caravan.local;

import io.caravan.CaravanApplication;
import org.springframework.boot.SpringApplication;

/**
 * Local mode's entry point ({@code ./mvnw -pl routes spring-boot:test-run}): the whole platform on
 * embedded infrastructure, data kept under {@code caravan.local.data-dir} (default {@code .caravan-data}).
 */
public final class LocalCaravan {

    private LocalCaravan() {
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(CaravanApplication.class);
        app.setAdditionalProfiles("local");
        app.run(args);
    }
}
