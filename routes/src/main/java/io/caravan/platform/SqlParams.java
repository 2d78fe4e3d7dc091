package io.caravan.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.ExpressionAdapter;
import org.apache.camel.support.builder.ExpressionBuilder;

/**
 * The named parameters of a camel-sql statement, as the message body:
 * {@code .setBody(SqlParams.of("userId", "${variable.caller.userId()}"))}. A body Map, never headers:
 * camel-sql also reads headers, and an HTTP request's headers are a client's to choose.
 */
public final class SqlParams {

    private SqlParams() {
    }

    /** Name / simple-expression pairs, evaluated against the exchange into a Map. */
    public static Expression of(String... namesAndExpressions) {
        if (namesAndExpressions.length % 2 != 0) {
            throw new IllegalArgumentException("SqlParams.of takes name/expression pairs");
        }
        Map<String, Expression> expressions = new LinkedHashMap<>();
        for (int i = 0; i < namesAndExpressions.length; i += 2) {
            expressions.put(namesAndExpressions[i], ExpressionBuilder.simpleExpression(namesAndExpressions[i + 1]));
        }
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                Map<String, Object> params = new LinkedHashMap<>();
                expressions.forEach((name, expression) -> params.put(name, expression.evaluate(exchange, Object.class)));
                return params;
            }

            @Override
            public void init(org.apache.camel.CamelContext context) {
                expressions.values().forEach(e -> e.init(context));
            }
        };
    }
}
