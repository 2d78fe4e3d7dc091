package io.caravan.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The gateway's web UI: one page ({@code gateway/web/index.html}) at {@code /} for browsers, its scripts
 * and styles under {@code /ui/}, and Alpine.js from its WebJar at {@code /ui/lib/} (never a CDN: the UI
 * works offline). The page calls the services' REST APIs itself, same origin, with {@code fetch}.
 *
 * <p>Only a request whose {@code Accept} names {@code text/html} gets the page: browsers send it, API
 * clients ({@code curl}'s {@code *}{@code /*}, no header at all) keep seed 001's 404 JSON at {@code /}.
 * That is why this is not Spring Boot's welcome page, which also answers {@code *}{@code /*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService(CaravanService.GATEWAY)
public class WebUiConfiguration implements WebMvcConfigurer {

    static final String PAGE = "gateway/web/index.html";
    static final String ASSETS = "classpath:/gateway/web/";
    static final String ALPINE_POM = "META-INF/maven/org.webjars.npm/alpinejs/pom.properties";

    /**
     * The page may run only its own scripts (Alpine evaluates its attribute expressions with
     * {@code new Function}, hence {@code 'unsafe-eval'}), talk only to its own origin, and play the MP3
     * it fetched as a Blob; nothing may frame it.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self'; "
            + "img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    RouterFunction<ServerResponse> webUiPage() {
        Resource page = new ClassPathResource(PAGE);
        return RouterFunctions.route(RequestPredicates.GET("/").and(WebUiConfiguration::acceptsHtml),
                request -> ServerResponse.ok()
                        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                        // always revalidated, so a new release's page (and its scripts) are seen at once
                        .cacheControl(CacheControl.noCache())
                        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                        .header("X-Content-Type-Options", "nosniff")
                        .header("Referrer-Policy", "no-referrer")
                        .body(page));
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/ui/lib/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/alpinejs/" + alpineVersion() + "/dist/")
                .setCacheControl(CacheControl.maxAge(1, TimeUnit.DAYS));
        registry.addResourceHandler("/ui/**")
                .addResourceLocations(ASSETS)
                .setCacheControl(CacheControl.noCache());
    }

    /** True when the request's Accept header names text/html itself (a wildcard does not count). */
    static boolean acceptsHtml(ServerRequest request) {
        String accept = request.headers().firstHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> "text".equals(type.getType()) && "html".equals(type.getSubtype()) && type.getQualityValue() > 0);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The version of the Alpine.js WebJar on the classpath, so the pages need not name it. */
    static String alpineVersion() {
        Properties pom = new Properties();
        try (InputStream in = new ClassPathResource(ALPINE_POM).getInputStream()) {
            pom.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("the web UI needs the Alpine.js WebJar (org.webjars.npm:alpinejs) on the classpath", e);
        }
        return pom.getProperty("version");
    }
}
