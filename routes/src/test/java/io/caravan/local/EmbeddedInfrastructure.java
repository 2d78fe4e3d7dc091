package io.caravan.local;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.caravan.platform.CaravanService;
import io.caravan.platform.CaravanService.Infrastructure;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

/**
 * Local mode: starts the embedded servers named by {@code caravan.embedded.services} (default: all
 * five; {@code none} = external mode) that the selected services need, before the application context is built, points the
 * {@code caravan.*} connection settings at them, and stops them when the context closes (the bean is
 * registered first, so it is destroyed last, after Camel). Lives in test scope: the production jar
 * never carries embedded servers.
 */
public class EmbeddedInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    public static final String BEAN_NAME = "caravanEmbeddedServers";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Binder binder = Binder.get(context.getEnvironment());
        List<String> names = binder.bind("caravan.embedded.services", Bindable.listOf(String.class))
                .orElse(List.of("redis", "rabbitmq", "postgres", "mongodb", "smtp"));
        Set<Infrastructure> which = EnumSet.noneOf(Infrastructure.class);
        for (String name : names) {
            if (!name.isBlank() && !"none".equalsIgnoreCase(name.trim())) {
                which.add(Infrastructure.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            }
        }
        // only what the selected services need: an events-only process starts Redis alone
        Set<Infrastructure> needed = EnumSet.noneOf(Infrastructure.class);
        Set<CaravanService> selected;
        try {
            selected = CaravanService.selected(binder);
            selected.forEach(service -> needed.addAll(service.needs()));
        } catch (IllegalArgumentException e) {
            return; // a bad caravan.services: InfrastructureSettings reports it against the setting
        }
        which.retainAll(needed);
        // local mode also supplies the identity service's signing key, even when its servers are real
        boolean needsKey = selected.contains(CaravanService.IDENTITY)
                && binder.bind("caravan.identity.jwt.key-file", String.class).map(String::isBlank).orElse(true);
        Path dataDir = binder.bind("caravan.local.data-dir", Path.class).orElse(null);
        Path binaries = binder.bind("caravan.embedded.binaries-dir", Path.class)
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "caravan-binaries"));
        // started even with no server: its directory holds what the process writes (Tomcat, converter), and goes with it
        EmbeddedServers servers = EmbeddedServers.start(which, dataDir, binaries);
        Map<String, Object> properties = new HashMap<>(servers.properties());
        try {
            if (needsKey) {
                properties.put("caravan.identity.jwt.key-file", servers.signingKey().toString());
            }
            if (selected.contains(CaravanService.CONVERTER)) {
                properties.put("caravan.media.converter.work-dir", servers.dataDir().resolve("converter").toString());
                if (binder.bind("caravan.media.converter.ffmpeg", String.class).map(String::isBlank).orElse(true)) {
                    servers.ffmpeg().ifPresent(ffmpeg -> properties.put("caravan.media.converter.ffmpeg", ffmpeg.toString()));
                }
            }
        } catch (Exception e) {
            servers.close();
            throw new IllegalStateException("cannot prepare local mode: " + e.getMessage(), e);
        }
        // the management port's Tomcat too (Boot applies server.tomcat.* to it, not the customizer below)
        properties.put("server.tomcat.basedir", servers.dataDir().resolve("tomcat").resolve("base").toString());
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("caravan-embedded-infrastructure", properties));
        context.getBeanFactory().registerSingleton(BEAN_NAME, servers);
        // a manually registered singleton is not closed by the context unless registered as disposable
        ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean(BEAN_NAME, servers::close);
        // a start that fails before the context is refreshed (a setting check, say) never destroys beans: stop here too
        context.addApplicationListener((ApplicationListener<ApplicationFailedEvent>) event -> servers.close());
        // Tomcat's base and document directories inside ours, not in the system's temporary directory
        Path tomcat = servers.dataDir().resolve("tomcat");
        context.getBeanFactory().registerSingleton("caravanLocalTomcatDirectories",
                (WebServerFactoryCustomizer<TomcatServletWebServerFactory>) factory -> {
                    factory.setBaseDirectory(tomcat.resolve("base").toFile());
                    factory.setDocumentRoot(createDirectories(tomcat.resolve("docbase")).toFile());
                });
    }

    private static Path createDirectories(Path dir) {
        try {
            return java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
