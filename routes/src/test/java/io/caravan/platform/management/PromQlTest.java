package io.caravan.platform.management;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricsNotTheFunctionsLabelsKeywordsOrVariables() {
        assertThat(PromQl.metricNames("sum by (routeId) (rate(camel_exchanges_total{service=~\"$service\"}[$__rate_interval]))"))
                .containsExactly("camel_exchanges_total");
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le, outcome) (rate(caravan_media_conversion_duration_seconds_bucket[5m])))"))
                .containsExactly("caravan_media_conversion_duration_seconds_bucket");
        assertThat(PromQl.metricNames("sum(jvm_memory_used_bytes{area=\"heap\"}) / sum(jvm_memory_max_bytes{area=\"heap\"} > 0)"))
                .containsExactly("jvm_memory_used_bytes", "jvm_memory_max_bytes");
        assertThat(PromQl.metricNames("rate(a_total[1m]) / on (instance) group_left b_info or vector(0)"))
                .containsExactly("a_total", "b_info");
        assertThat(PromQl.metricNames("increase(caravan_orders_finished_total{status=\"refunded\"}[1h]) offset 1d"))
                .containsExactly("caravan_orders_finished_total");
    }
}
