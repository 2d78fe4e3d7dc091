package io.caravan.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.ExpressionAdapter;
import org.apache.camel.support.builder.ExpressionBuilder;

/**
 * The named parameters of a camel-sql statement, as the message body:
 * {@code .setBody(SqlParams.of("userId", "${variable.caller.userId()}", "stream", "{{caravan.orders.streams.order-events}}"))}.
 * Each value is a simple expression; {@code {{property}}} placeholders are resolved first. A body Map,
 * never headers: camel-sql also reads headers, and an HTTP request's headers are a client's to choose.
 */
public final class SqlParams {

    private SqlParams() {
    }

    /** Name / expression pairs, evaluated against the exchange into a Map. */
    public static Expression of(String... namesAndExpressions) {
        if (namesAndExpressions.length % 2 != 0) {
            throw new IllegalArgumentException("SqlParams.of takes name/expression pairs");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndExpressions.length; i += 2) {
            texts.put(namesAndExpressions[i], namesAndExpressions[i + 1]);
        }
        return new ExpressionAdapter() {

            private volatile Map<String, Expression> expressions;

            @Override
            public void init(CamelContext context) {
                Map<String, Expression> built = new LinkedHashMap<>();
                texts.forEach((name, text) -> {
                    Expression expression = ExpressionBuilder.simpleExpression(context.resolvePropertyPlaceholders(text));
                    expression.init(context);
                    built.put(name, expression);
                });
                expressions = built;
            }

            @Override
            public Object evaluate(Exchange exchange) {
                if (expressions == null) {
                    init(exchange.getContext());
                }
                Map<String, Object> params = new LinkedHashMap<>();
                expressions.forEach((name, expression) -> params.put(name, expression.evaluate(exchange, Object.class)));
                return params;
            }
        };
    }
}
