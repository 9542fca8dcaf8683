package dev.ws.sample.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ws.boot.test.autoconfigure.AutoConfigureWsTestClient;
import dev.ws.boot.test.client.WsTestClient;
import dev.ws.boot.test.client.WsTestSession;
import dev.ws.sample.chat.ChatMessage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The page end to end in real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, driven by Selenium; nothing is downloaded): two browsers join a room,
 * see each other arrive, exchange messages, see the member count, and the live panel reads the
 * actuator; the test checks {@code /actuator/metrics/ws.connections.active} itself too. It saves
 * a screenshot of the page to {@code target/screenshots/sample-app.png}.
 *
 * <p>Skipped, with a message saying what to install, when {@code /usr/bin/chromium} or
 * {@code /usr/bin/chromedriver} is missing ({@code -Dsample.chromium=...} and
 * {@code -Dsample.chromedriver=...} point elsewhere); {@code .ci/run} installs both, and under
 * {@code CI=true} a missing browser fails the test instead. With
 * {@code -Dsample.screenshot.traffic-seconds=N} it first runs N seconds of background chat
 * traffic from {@code WsTestClient} sessions, so the charts in the screenshot have something to
 * show (that is how {@code docs/sample-app.png} was made).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ws.server.port=0")
@AutoConfigureWsTestClient // the same context as the other tests, and the client for background traffic
class ChatPageBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("sample.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("sample.chromedriver", "/usr/bin/chromedriver"));
    /** Generous: CI shares 2 cores with the build, and a cold Chromium is slow to start. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Selenium 4.49 knows CDP up to 153 and warns at every start; WebDriver itself is all we use. */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    @Value("${local.server.port}")
    int webPort;

    @Autowired
    WsTestClient client;

    @TempDir
    Path profiles;

    private final List<WebDriver> browsers = new ArrayList<>();

    @BeforeEach // not @BeforeAll: a skip there is reported as no test at all, without the reason
    void needsChromium() {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "no headless browser (" + CHROMIUM + ", " + CHROMEDRIVER + "); install Debian's packages: "
                + "apt-get install chromium chromium-driver (.ci/run does)";
        // CI installs them first: there a missing browser is a failure, not a silent skip
        assertThat(installed || !"true".equals(System.getenv("CI"))).as(missing).isTrue();
        if (!installed) {
            System.err.println("ChatPageBrowserTest skipped: " + missing); // surefire shows no reasons
        }
        assumeTrue(installed, "skipped: " + missing);
    }

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void twoBrowsersJoinARoomAndSeeEachOthersMessagesAndTheMemberCount() throws Exception {
        WebDriver alice = openPage();
        join(alice, "e2e", "alice");
        await(alice, d -> memberCount(d) == 1);

        WebDriver bob = openPage();
        join(bob, "e2e", "bob");
        await(bob, d -> memberCount(d) == 2 && members(d).equals(List.of("alice", "bob")));
        await(alice, d -> memberCount(d) == 2 && notices(d).contains("bob joined."));

        say(alice, "Hi Bob! Messages go through the session registry.");
        say(bob, "Hi Alice, one frame encoded once for the whole room.");
        List<String> conversation = List.of("alice: Hi Bob! Messages go through the session registry.",
                "bob: Hi Alice, one frame encoded once for the whole room.");
        await(alice, d -> messages(d).equals(conversation));
        await(bob, d -> messages(d).equals(conversation));
        assertThat(alice.findElements(By.cssSelector("#messages li.msg.mine"))).hasSize(1);

        // two chat sessions, and each page holds a /stats subscription too
        assertThat(activeConnections("?tag=handler:/chat/{room}")).isEqualTo(2);
        assertThat(activeConnections("")).isGreaterThanOrEqualTo(4);
        // the live panel plots the same metric
        await(alice, d -> number(d.findElement(By.id("conn-now")).getText()) >= 4);
        await(alice, d -> !d.findElement(By.id("t-uptime")).getText().equals("–"));

        int trafficSeconds = Integer.getInteger("sample.screenshot.traffic-seconds", 0);
        if (trafficSeconds > 0) {
            backgroundTraffic(trafficSeconds);
            say(bob, "Look at the charts on the right →");
        }
        Path png = Path.of("target", "screenshots", "sample-app.png");
        Files.createDirectories(png.getParent());
        Files.write(png, ((ChromeDriver) alice).getScreenshotAs(OutputType.BYTES));

        bob.findElement(By.id("leave")).click();
        await(alice, d -> memberCount(d) == 1 && notices(d).contains("bob left."));
        assertThat(members(alice)).containsExactly("alice");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (activeConnections("?tag=handler:/chat/{room}") != 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(activeConnections("?tag=handler:/chat/{room}")).isEqualTo(1);
    }

    @Test
    void showsWhyTheServerRefusedARoom() throws Exception {
        WebDriver browser = openPage();
        // the form's pattern would stop the user; the server's 1008 is what this pins
        ((ChromeDriver) browser).executeScript("document.getElementById('room').removeAttribute('pattern')");
        join(browser, "no spaces allowed", "eve");
        await(browser, d -> {
            WebElement error = d.findElement(By.id("join-error"));
            return error.isDisplayed() && error.getText().contains("room names are 1-32");
        });
    }

    private WebDriver openPage() throws Exception {
        ChromeOptions options = new ChromeOptions();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setBinary(CHROMIUM.toFile());
        // no sandbox (CI runs as root), and nothing that reaches for the network beyond loopback
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1360,900",
                "--user-data-dir=" + Files.createTempDirectory(profiles, "profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        driver.get("http://127.0.0.1:" + webPort + "/"); // no IPv6 or resolver in the way
        await(driver, d -> d.findElement(By.id("status")).getText().startsWith("live"));
        return driver;
    }

    private static void join(WebDriver browser, String room, String name) {
        WebElement roomInput = browser.findElement(By.id("room"));
        roomInput.clear();
        roomInput.sendKeys(room);
        WebElement nameInput = browser.findElement(By.id("name"));
        nameInput.clear();
        nameInput.sendKeys(name);
        browser.findElement(By.id("join")).click();
    }

    private static void say(WebDriver browser, String text) {
        await(browser, d -> d.findElement(By.id("message")).isEnabled());
        browser.findElement(By.id("message")).sendKeys(text);
        browser.findElement(By.id("send")).click();
    }

    private static int memberCount(WebDriver browser) {
        WebElement count = browser.findElement(By.id("member-count"));
        return count.isDisplayed() ? Integer.parseInt(count.getAttribute("data-count")) : -1;
    }

    private static List<String> members(WebDriver browser) {
        return browser.findElements(By.cssSelector("#members li .name")).stream().map(WebElement::getText).toList();
    }

    private static List<String> notices(WebDriver browser) {
        return browser.findElements(By.cssSelector("#messages li.notice")).stream().map(WebElement::getText).toList();
    }

    private static List<String> messages(WebDriver browser) {
        return browser.findElements(By.cssSelector("#messages li.msg")).stream()
                .map(li -> li.findElement(By.className("author")).getText() + ": "
                        + li.findElement(By.className("text")).getText())
                .toList();
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Waits for the condition; on a timeout, says what the page showed and what its console logged. */
    private static void await(WebDriver browser, Function<WebDriver, Boolean> condition) {
        try {
            new WebDriverWait(browser, WAIT).until(condition::apply);
        } catch (TimeoutException e) {
            String status = browser.findElements(By.id("status")).stream().map(WebElement::getText).findFirst().orElse("?");
            String console = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::toString).collect(Collectors.joining("\n  "));
            throw new AssertionError("page at " + browser.getCurrentUrl() + ", status '" + status + "', console:\n  "
                    + console, e);
        }
    }

    private double activeConnections(String query) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + webPort + "/actuator/metrics/ws.connections.active"
                + query.replace("{", "%7B").replace("}", "%7D"));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).path("measurements").get(0).path("value").asDouble();
    }

    /** Chat traffic in another room from test client sessions, rising and falling, for the screenshot's charts. */
    private void backgroundTraffic(int seconds) throws Exception {
        List<WsTestSession> clients = new ArrayList<>();
        try {
            for (int s = 0; s < seconds; s++) {
                int wanted = 2 + (int) Math.round(6 * Math.sin(Math.PI * s / seconds));
                while (clients.size() < wanted) {
                    clients.add(client.connect("/chat/load?name=bot" + clients.size()));
                }
                while (clients.size() > wanted) {
                    clients.removeLast().close();
                }
                int perSecond = 5 + ThreadLocalRandom.current().nextInt(5 * clients.size());
                for (int m = 0; m < perSecond; m++) {
                    clients.get(m % clients.size()).sendJson(new ChatMessage("load " + s + "/" + m));
                    Thread.sleep(1000 / perSecond);
                }
            }
        } finally {
            clients.forEach(WsTestSession::close);
        }
    }
}
