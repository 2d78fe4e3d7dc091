package io.caravan.platform.http;

import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * platform-http routes run on the servlet container's request thread (decision 16). The starter's engine
 * hands every request to a task executor and answers Spring MVC with a {@link CompletableFuture}: an
 * asynchronous request, so a second thread, and a second pass through the filter chain and the
 * DispatcherServlet when it completes. That was a third of the CPU of {@code POST /event}. Here the
 * route runs where the request arrived; {@code null} tells Spring MVC the response is already written.
 * Tomcat's thread pool ({@code server.tomcat.threads.max}) bounds the routes in flight instead.
 */
@Configuration(proxyBeanMethods = false)
class InlineHttpEngine {

    /** Replaces the starter's engine, which is only made when no other is. */
    @Bean("platform-http-engine")
    PlatformHttpEngine inlinePlatformHttpEngine(@Value("${server.port:8080}") int port) {
        return new SpringBootPlatformHttpEngine(port) {
            @Override
            public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
                return new InlineConsumer(endpoint, processor);
            }
        };
    }

    static final class InlineConsumer extends SpringBootPlatformHttpConsumer {

        private static final Logger LOG = LoggerFactory.getLogger(InlineConsumer.class);

        InlineConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor, Runnable::run);
        }

        /** Spring MVC calls this (the starter maps the base class's method); the route runs here, now. */
        @Override
        @ResponseBody
        public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
            try {
                handleService(request, response);
            } catch (Exception e) {
                // as the starter does: never leak an exception to the container
                LOG.warn("Error handling request due to: {}", e.getMessage(), e);
                try {
                    if (!response.isCommitted()) {
                        response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                    }
                } catch (Exception ignored) {
                    // the client is gone
                }
            }
            return null; // handled: no asynchronous dispatch
        }
    }
}
