package io.caravan.platform.http;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Endpoints that read a JSON body whatever the request's Content-Type says ({@code caravan.http.json-body-paths};
 * seed 001's {@code POST /event} never checked it, and {@code curl -d} sends a form type). Without
 * this, the servlet container and Camel's HTTP binding would parse such a body as form fields and fail.
 */
@Configuration(proxyBeanMethods = false)
class JsonBodyFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> jsonBodyPaths(@Value("${caravan.http.json-body-paths:/event}") List<String> paths) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String type = request.getContentType();
                boolean form = type != null && type.toLowerCase().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
                chain.doFilter(form ? new JsonTyped(request) : request, response);
            }
        });
        registration.setUrlPatterns(paths);
        registration.setName("caravanJsonBodyPaths");
        // before Spring's FormContentFilter, which would read a form-typed PUT body first
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The request as if sent as JSON: its body stays unread, its parameters come from the query string only. */
    private static final class JsonTyped extends HttpServletRequestWrapper {

        private final Map<String, List<String>> query;

        JsonTyped(HttpServletRequest request) {
            super(request);
            query = request.getQueryString() == null ? Map.of()
                    : UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams();
        }

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_JSON_VALUE;
        }

        @Override
        public String getHeader(String name) {
            return "content-type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "content-type".equalsIgnoreCase(name) ? Collections.enumeration(List.of(getContentType())) : super.getHeaders(name);
        }

        @Override
        public String getParameter(String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            Map<String, String[]> map = new java.util.LinkedHashMap<>();
            query.forEach((k, v) -> map.put(k, v.toArray(String[]::new)));
            return map;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(query.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            List<String> values = query.get(name);
            return values == null ? null : values.toArray(String[]::new);
        }
    }
}
