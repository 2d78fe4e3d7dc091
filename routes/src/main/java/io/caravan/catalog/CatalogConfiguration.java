package io.caravan.catalog;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.ListCache;
import io.caravan.platform.OutboxRelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The catalog's list cache (Redis) and the relay of its outbox. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService(CaravanService.CATALOG)
class CatalogConfiguration {

    /** The cache list name of {@code GET /products} pages. */
    static final String PRODUCT_LIST = "catalog:products";

    @Bean
    ListCache productListCache(StringRedisTemplate redis, CatalogProperties catalog) {
        return new ListCache(redis, catalog.cache().ttl());
    }

    @Bean
    OutboxRelay catalogOutboxRelay(CatalogProperties catalog) {
        return new OutboxRelay("catalog", catalog.outbox().period(), catalog.outbox().batchSize()) {
        };
    }
}
