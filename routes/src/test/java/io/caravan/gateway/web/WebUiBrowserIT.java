package io.caravan.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.media.Ffmpeg;
import io.caravan.testing.CaravanIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The web UI in a real browser (Debian's chromium through chromium-driver), against the whole platform:
 * what a person does and sees, waited for as they would (explicit waits on what the page shows, never a
 * fixed sleep). Each page is photographed into {@code target/screenshots/} for a reviewer; the copies in
 * {@code docs/screenshots/} come from there. Skipped, naming the packages, on a machine without the browser.
 */
class WebUiBrowserIT extends CaravanIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What an order is before the saga has ended it. */
    private static final List<String> OPEN = List.of("pending", "paid");

    private static Chromium chromium;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @TempDir
    static Path clips;

    /** A failed test leaves what the browser showed, and what it logged, behind. */
    @RegisterExtension
    static final TestWatcher EVIDENCE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                chromium.keepEvidence(SCREENSHOTS.resolve("failed-" + context.getRequiredTestMethod().getName() + ".png"));
            }
        }
    };

    @Autowired
    Ffmpeg ffmpeg;

    @BeforeAll
    static void startBrowser() throws Exception {
        if (!Chromium.installed()) {
            return; // each test then says why it is skipped (or fails, in CI)
        }
        chromium = Chromium.start(Path.of("target", "chromium"));
        browser = chromium.driver;
        wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(100));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Each test starts logged out, in a tab of its own history. */
    @BeforeEach
    void loggedOut() {
        // per test, not in @BeforeAll: a skipped class would be reported as no tests at all, without the reason
        Chromium.assumeInstalled();
        browser.get(uri("/").toString());
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
    }

    @Test
    void aShopperRegistersAndOrdersWhatTheAdministratorPutsOnSale() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "shopper-" + run + "@example.com";

        // registration logs the new user in: a user, no administrator's form
        open("login");
        screenshot("login");
        fill("register-name", "Ann Shopper");
        fill("register-email", email);
        fill("register-password", PASSWORD);
        click("register-submit");
        wait.until(textToBe(By.id("session-role"), "user"));
        assertThat(text(By.id("session-user"))).contains("Ann Shopper", email);
        assertThat(browser.findElement(By.id("product-form")).isDisplayed()).isFalse();

        // the shipping profile the orders will ship to
        open("orders");
        fill("profile-address", "12 MG Road");
        fill("profile-city", "Pune");
        fill("profile-pincode", "411001");
        fill("profile-country", "India");
        fill("profile-phone", "+91 20 1234 5678");
        click("profile-submit");
        wait.until(textToBePresentInElementLocated(By.id("profile-notice"), "Saved"));
        click("logout");

        // the administrator puts two products on sale and takes a third off
        logIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        wait.until(textToBe(By.id("session-role"), "administrator"));
        String earbuds = "Airdopes " + run;
        String lamp = "Brass lamp " + run;
        String mistake = "Mistake " + run;
        createProduct(earbuds, "Wireless earbuds", "29.99", "10");
        createProduct(lamp, "The last one", "42.50", "1");
        createProduct(mistake, "Created by mistake", "1", "1");
        assertThat(text(product(earbuds, "product-price"))).isEqualTo("29.99");
        assertThat(text(product(earbuds, "product-stock"))).isEqualTo("10");
        browser.findElement(product(mistake, "delete-product")).click();
        wait.until(invisibilityOfElementLocated(product(mistake)));
        screenshot("storefront-admin");
        click("logout");

        // the shopper orders 2 earbuds: pending, then completed by the saga, and the stock follows
        logIn(email, PASSWORD);
        String earbudsOrder = order(earbuds, 2);
        wait.until(textToBe(placed(earbudsOrder, "order-status"), "completed"));
        assertThat(history(earbudsOrder)).endsWith("completed").first(STRING).isIn(OPEN);
        wait.until(textToBe(product(earbuds, "product-stock"), "8"));

        // 2 lamps of the 1 in stock: refunded, and the stock is untouched
        String lampOrder = order(lamp, 2);
        wait.until(textToBe(placed(lampOrder, "order-status"), "refunded"));
        assertThat(history(lampOrder)).endsWith("refunded").first(STRING).isIn(OPEN);
        assertThat(text(product(lamp, "product-stock"))).isEqualTo("1");
        screenshot("storefront");

        // the order history: both orders, their final status, and the profile's shipping details
        open("orders");
        By earbudsCard = By.cssSelector("[data-test=order][data-order-id='" + earbudsOrder + "']");
        wait.until(textToBe(within(earbudsCard, "order-status"), "completed"));
        wait.until(textToBePresentInElementLocated(within(earbudsCard, "order-shipping"), "12 MG Road, Pune, 411001, India"));
        assertThat(text(earbudsCard)).contains("2 × " + earbuds, "71.98");
        wait.until(textToBe(within(By.cssSelector("[data-test=order][data-order-id='" + lampOrder + "']"), "order-status"), "refunded"));
        screenshot("orders");
    }

    @Test
    void aUserUploadsAClipWatchesItConvertAndPlaysTheMp3() throws Exception {
        String email = "listener-" + UUID.randomUUID() + "@example.com";
        register("Lee Listener", email);
        logIn(email, PASSWORD);
        Path clip = clip();

        open("media");
        browser.findElement(By.id("upload-file")).sendKeys(clip.toAbsolutePath().toString());
        click("upload-submit");

        // the progress bar fills, then the job goes from queued to ready
        wait.until(attributeToBe(By.id("upload-progress"), "value", "100"));
        assertThat(text(By.id("upload-progress-text"))).startsWith("100 %");
        By job = By.cssSelector("[data-test=job]");
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(textToBe(within(job, "job-status"), "ready"));
        assertThat(text(within(job, "job-history"))).startsWith("queued").endsWith("ready");

        // the MP3 was fetched with the token: the player knows its length, the link its bytes
        WebElement audio = wait.until(visibilityOfElementLocated(within(job, "job-audio")));
        wait.until(driver -> ((Number) browser.executeScript("return arguments[0].duration || 0", audio)).doubleValue() > 0);
        double seconds = ((Number) browser.executeScript("return arguments[0].duration", audio)).doubleValue();
        assertThat(seconds).as("the 2-second clip's audio").isBetween(1.5, 2.5);
        WebElement link = browser.findElement(within(job, "job-download"));
        assertThat(link.getAttribute("href")).startsWith("blob:");
        assertThat(link.getAttribute("download")).isEqualTo("clip.mp3");
        assertThat(Long.parseLong(link.getAttribute("data-bytes"))).isGreaterThan(1000);

        // and the notification says so
        wait.until(textToBePresentInElementLocated(By.id("notifications"), "Your MP3 is ready"));
        screenshot("media");
    }

    @Test
    void eventsPostedFromThePageAppearInTheConsumersFeedNewestFirst() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        open("events");
        for (String description : List.of("hello world " + run, "hello again " + run)) {
            fill("event-description", description);
            click("event-submit");
            wait.until(textToBePresentInElementLocated(By.id("event-notice"), "Accepted: \"" + description + "\""));
            WebElement row = wait.until(visibilityOfElementLocated(By.xpath(
                    "//tr[@data-test='feed-entry'][td[@data-test='feed-description'][text()='" + description + "']]")));
            assertThat(row.getAttribute("data-entry-id")).matches("\\d+-\\d+");
        }
        List<String> feed = browser.findElements(By.cssSelector("[data-test=feed-description]")).stream().map(WebElement::getText).toList();
        assertThat(feed).containsSubsequence("hello again " + run, "hello world " + run);
        screenshot("events");
    }

    // --- what a person does ---

    private void open(String page) {
        browser.get(uri("/#/" + page).toString());
        wait.until(visibilityOfElementLocated(By.id("page-" + page)));
    }

    private void logIn(String email, String password) {
        open("login");
        fill("login-email", email);
        fill("login-password", password);
        click("login-submit");
        wait.until(textToBePresentInElementLocated(By.id("session-user"), email));
        wait.until(visibilityOfElementLocated(By.id("page-store")));
    }

    private void createProduct(String name, String description, String price, String stock) {
        fill("product-name", name);
        fill("product-description", description);
        fill("product-price", price);
        fill("product-stock", stock);
        click("product-submit");
        wait.until(visibilityOfElementLocated(product(name)));
    }

    /** Orders {@code quantity} of the product from the storefront; the id of the order placed. */
    private String order(String productName, int quantity) {
        WebElement field = wait.until(visibilityOfElementLocated(product(productName, "order-quantity")));
        field.clear();
        field.sendKeys(String.valueOf(quantity));
        int before = browser.findElements(By.cssSelector("[data-test=placed-order]")).size();
        browser.findElement(product(productName, "order")).click();
        wait.until(driver -> driver.findElements(By.cssSelector("[data-test=placed-order]")).size() == before + 1);
        return browser.findElement(By.cssSelector("[data-test=placed-order]")).getAttribute("data-order-id");
    }

    /**
     * The statuses the page showed for an order, in order. It starts where the order was when placed: {@code pending},
     * or already {@code paid} (the simulated payment takes no time here, and may win the race with the answer).
     */
    private List<String> history(String orderId) {
        return List.of(text(placed(orderId, "order-history")).split(" → "));
    }

    private void fill(String id, String value) {
        WebElement field = wait.until(visibilityOfElementLocated(By.id(id)));
        field.clear();
        field.sendKeys(value);
    }

    private void click(String id) {
        wait.until(visibilityOfElementLocated(By.id(id))).click();
    }

    private String text(By locator) {
        return wait.until(visibilityOfElementLocated(locator)).getText();
    }

    // --- where things are on the page ---

    private static By product(String name) {
        return By.cssSelector("tr[data-test=product][data-name='" + name + "']");
    }

    private static By product(String name, String part) {
        return By.cssSelector("tr[data-test=product][data-name='" + name + "'] [data-test=" + part + "]");
    }

    private static By placed(String orderId, String part) {
        return By.cssSelector("[data-test=placed-order][data-order-id='" + orderId + "'] [data-test=" + part + "]");
    }

    /** The first element marked {@code data-test=part} inside the first element {@code container} finds. */
    private By within(By container, String part) {
        return new By() {
            @Override
            public List<WebElement> findElements(org.openqa.selenium.SearchContext context) {
                List<WebElement> outer = context.findElements(container);
                return outer.isEmpty() ? List.of() : outer.get(0).findElements(By.cssSelector("[data-test=" + part + "]"));
            }

            @Override
            public String toString() {
                return container + " [data-test=" + part + "]";
            }
        };
    }

    // --- set-up ---

    private void register(String name, String email) throws Exception {
        String body = JSON.writeValueAsString(Map.of("name", name, "email", email, "password", PASSWORD));
        assertThat(send("POST", "/api/v1/auth/register", body, "application/json").statusCode()).isEqualTo(201);
    }

    /** A 2-second clip with a 440 Hz tone, made by the ffmpeg the converter uses. */
    private Path clip() throws Exception {
        Path clip = clips.resolve("clip.mp4");
        Process process = new ProcessBuilder(ffmpeg.executable(), "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=duration=2:size=160x120:rate=10", "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
                "-shortest", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", clip.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return clip;
    }

    /** The browser's window as it is now, into target/screenshots/{name}.png. */
    private void screenshot(String name) throws Exception {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        Files.delete(shot);
    }
}
