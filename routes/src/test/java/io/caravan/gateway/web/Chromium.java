package io.caravan.gateway.web;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's {@code chromium}, driven through Debian's {@code chromium-driver}, both by their paths: Selenium
 * Manager (which would download a browser or a driver) never runs. Headless, with a fresh profile, and
 * with Chromium's own network calls (updates, sync, field trials) off: the machine may have no internet,
 * and Chromium would otherwise wait on them.
 */
final class Chromium implements AutoCloseable {

    /** Set to {@code true} (as .ci/run does) and a missing browser fails the tests instead of skipping them. */
    static final String REQUIRE_BROWSER = "CARAVAN_REQUIRE_BROWSER";
    static final String PACKAGES = "apt-get install chromium chromium-driver";

    static final Path BROWSER = Path.of(System.getProperty("caravan.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("caravan.chromedriver", "/usr/bin/chromedriver"));

    static final int WIDTH = 1280;
    static final int HEIGHT = 900;

    final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Skips the calling tests, naming the packages to install, when the browser or its driver is missing;
     * fails them instead when {@value #REQUIRE_BROWSER} is {@code true}.
     */
    static void assumeInstalled() {
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return;
        }
        String problem = "no real browser for the web UI tests: " + String.join(" and ", missing) + " missing; install them with `"
                + PACKAGES + "` (Debian)";
        if ("true".equalsIgnoreCase(System.getenv(REQUIRE_BROWSER))) {
            fail(problem + " [" + REQUIRE_BROWSER + "=true]");
        }
        assumeTrue(false, problem);
    }

    static boolean installed() {
        return missing().isEmpty();
    }

    private static List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (Path executable : List.of(BROWSER, DRIVER)) {
            if (!Files.isExecutable(executable)) {
                missing.add(executable.toString());
            }
        }
        return missing;
    }

    /** A headless browser with a new profile in {@code workDir}, its window (and so its screenshots) 1280×900. */
    static Chromium start(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT, "--lang=en-US");
        // the page's console, for the evidence of a failed test
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(workDir.resolve("chromedriver.log").toFile())
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            // the window's size counts the browser's own bars: make the page itself (and so a screenshot) 1280×900
            long width = ((Number) driver.executeScript("return window.innerWidth")).longValue();
            long height = ((Number) driver.executeScript("return window.innerHeight")).longValue();
            Dimension window = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(window.width + (int) (WIDTH - width), window.height + (int) (HEIGHT - height)));
            return new Chromium(driver, profile);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    /** A screenshot into {@code file}, and the page's URL and console printed (into the test's output). */
    void keepEvidence(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            System.out.println("Browser at " + driver.getCurrentUrl() + "; screenshot " + file + "; console:");
            driver.manage().logs().get(LogType.BROWSER).forEach(entry -> System.out.println("  " + entry));
        } catch (IOException | RuntimeException e) {
            System.out.println("No evidence from the browser: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
