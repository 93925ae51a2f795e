package dev.docstore.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docstore.console.demo.Demo;
import dev.docstore.console.web.ConsoleServer;
import dev.docstore.index.IndexDefinition;
import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.DocumentCache;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console end to end in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs): the demo's caches, a moving chart, index creation, a range query with paging, index
 * removal, the notifications feed, a bounded cache's size against its bound and changing that bound; exporting a
 * cache as a download and importing a file through the file input; refusals without the token or the CSRF token; and
 * a cache whose name and documents hold markup, shown as text. Screenshots of the main pages go to {@code target/screenshots/}.
 *
 * <p>The console serves the test JVM's own MBean server, where the demo runs with a light workload. The hostile
 * cache has no workload, so its query answers are checked exactly.
 */
@Timeout(180)
class BrowserTest {
    private static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";
    private static final String HOSTILE_MANAGER = "urn:docstore:hostile";
    private static final String SCRIPT = "<script>window.__pwned = 1</script>";
    private static final int RANKS = 100;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough for a machine whose cores are busy with other work; a condition met sooner ends it sooner. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Demo demo;
    private static CacheManager hostileManager;
    private static Cache<String, Map<String, Object>> hostile;
    private static Cache<String, Map<String, Object>> imports;
    private static Console console;
    private static ConsoleServer server;
    private static WebDriver driver;
    private static WebDriverWait wait;
    private static Path profile;
    private static Path downloads;

    @BeforeAll
    @SuppressWarnings("unchecked") // documents: String keys, Map values
    static void start() throws IOException {
        demo = Demo.start(3_000, 400, 1);
        hostileManager = Caching.getCachingProvider(DocstoreCachingProvider.class.getName())
                .getCacheManager(URI.create(HOSTILE_MANAGER), BrowserTest.class.getClassLoader());
        DocstoreConfiguration<String, Map<String, Object>> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(String.class, (Class<Map<String, Object>>) (Class<?>) Map.class);
        configuration.setManagementEnabled(true);
        configuration.setStatisticsEnabled(true);
        configuration.addIndex(IndexDefinition.of("byRank", "rank"));
        hostile = hostileManager.createCache(HOSTILE_NAME, configuration);
        DocstoreConfiguration<String, Map<String, Object>> empty = new DocstoreConfiguration<>();
        empty.setTypes(String.class, (Class<Map<String, Object>>) (Class<?>) Map.class);
        empty.setManagementEnabled(true);
        imports = hostileManager.createCache("imports", empty);
        for (int rank = 0; rank < RANKS; rank++) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("rank", rank);
            document.put("note", SCRIPT);
            document.put("html", "<img src=x onerror=alert(2)>");
            hostile.put("<i>key-" + rank + "</i>", document);
        }
        console = new Console(Duration.ofMillis(300), System::currentTimeMillis);
        console.useThisJvm("this JVM (the browser test)");
        server = ConsoleServer.start(console, InetAddress.getByName("127.0.0.1"), 0);
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("console-chromium-");
        downloads = Files.createTempDirectory("console-downloads-");
        driver = chromium(profile, downloads);
        wait = new WebDriverWait(driver, WAIT);
        // the cache page re-renders every two seconds: an element found just before may be gone when it is used, and
        // every step below finds it again inside its wait instead of holding it
        wait.ignoring(StaleElementReferenceException.class);
    }

    /** A headless Chromium with a profile of its own that saves downloads to {@code downloads} without asking. */
    private static WebDriver chromium(Path profile, Path downloads) {
        File binary = new File("/usr/bin/chromium");
        File chromedriver = new File("/usr/bin/chromedriver");
        if (!binary.canExecute() || !chromedriver.canExecute()) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver (.ci/run does this)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "download.directory_upgrade", true));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (console != null) {
            console.close();
        }
        if (hostileManager != null) {
            hostileManager.close();
        }
        if (demo != null) {
            demo.close();
        }
        if (profile != null) {
            delete(profile);
        }
        if (downloads != null) {
            delete(downloads);
        }
    }

    private static void delete(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @BeforeEach
    void signIn() {
        driver.get(server.url());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#caches")));
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** The row of the caches table for the cache named {@code name}. */
    private static By cacheRow(String name) {
        return By.cssSelector("#caches tbody tr[data-cache=\"" + name + "\"]");
    }

    private static By inCacheRow(String name, String css) {
        return By.cssSelector("#caches tbody tr[data-cache=\"" + name + "\"] " + css);
    }

    /** The text of the element at {@code locator}, once it is there, read from the element as it is then. */
    private static String textOf(By locator) {
        return wait.until(driver -> driver.findElement(locator).getText());
    }

    /** Clicks the element at {@code locator} as it is when it can be clicked, whatever was rendered before. */
    private static void click(By locator) {
        wait.until(driver -> {
            driver.findElement(locator).click();
            return true;
        });
    }

    private static void type(String id, String text) {
        wait.until(driver -> {
            WebElement input = driver.findElement(By.id(id));
            input.clear();
            input.sendKeys(text);
            return true;
        });
    }

    private static int samples(String chart) {
        return wait.until(driver -> Integer.parseInt(driver.findElement(By.id(chart)).getAttribute("data-samples")));
    }

    private static JsonNode results() throws IOException {
        String shown = wait.until(driver -> {
            WebElement pre = driver.findElement(By.id("query-results"));
            return pre.isDisplayed() ? pre.getText() : null;
        });
        return JSON.readTree(shown);
    }

    private static void runQuery(String index, String kind, String from, String to, int pageSize) {
        // the index list is rebuilt when the cache's indexes change: choose from it as it is now
        wait.until(driver -> {
            new Select(driver.findElement(By.id("query-index"))).selectByValue(index);
            return true;
        });
        wait.until(driver -> {
            new Select(driver.findElement(By.id("query-mode"))).selectByValue(kind);
            return true;
        });
        type("query-from", from);
        if (to != null) {
            type("query-to", to);
        }
        type("query-limit", Integer.toString(pageSize));
        click(By.id("query-run"));
    }

    @Test
    void showsCachesALiveChartIndexesAndAPagedRangeQuery() throws IOException {
        textOf(cacheRow("customers"));
        assertThat(textOf(cacheRow("orders"))).contains("urn:docstore:demo", "docstore");
        assertThat(textOf(inCacheRow("orders", "td:last-child"))).as("the demo's orders have four indexes")
                .isEqualTo("4");
        screenshot("1-caches");

        click(inCacheRow("orders", "a.cache-link"));
        wait.until(ExpectedConditions.textToBe(By.id("cache-name"), "orders"));
        wait.until(driver -> samples("chart-operations") >= 2);
        int before = samples("chart-operations");
        wait.until(driver -> samples("chart-operations") > before);
        wait.until(driver -> !driver.findElements(By.cssSelector("#chart-operations polyline")).isEmpty());
        assertThat(textOf(By.cssSelector("#indexes tr[data-index='byCity']"))).contains("address.city");
        wait.until(driver -> driver.findElement(By.id("figures")).getText().contains("Indexes MB (est.)"));
        screenshot("2-cache");

        type("new-index-name", "byCustomer");
        type("new-index-paths", "customer");
        click(By.id("create-index-button"));
        By created = By.cssSelector("#indexes tr[data-index='byCustomer']");
        wait.until(driver -> {
            String row = driver.findElement(created).getText();
            return row.contains("customer") && row.contains("yes");
        });
        assertThat(demoOrders().indexes()).anyMatch(index -> index.name().equals("byCustomer"));

        runQuery("byAmount", "range", "100", "200", 20);
        wait.until(ExpectedConditions.textMatches(By.id("query-summary"), java.util.regex.Pattern.compile(
                "entries 1–\\d+ of .*")));
        JsonNode first = results();
        assertThat(first).isNotEmpty().hasSizeLessThanOrEqualTo(20);
        double previous = Double.NEGATIVE_INFINITY;
        for (JsonNode entry : first) {
            double amount = entry.get("value").get("amount").asDouble();
            assertThat(amount).as(entry.get("key").asText()).isGreaterThanOrEqualTo(100).isLessThan(200)
                    .isGreaterThanOrEqualTo(previous);
            previous = amount;
        }
        screenshot("3-query");

        click(By.cssSelector("#indexes tr[data-index='byCustomer'] button.drop"));
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(created));
        assertThat(demoOrders().indexes()).noneMatch(index -> index.name().equals("byCustomer"));

        click(By.id("nav-notifications"));
        wait.until(driver -> driver.findElement(By.id("notifications")).getText().contains("dropped"));
        assertThat(textOf(By.id("notifications"))).contains("dev.docstore.index.created",
                "dev.docstore.index.dropped", "byCustomer");
        screenshot("4-notifications");

        click(By.id("nav-connect"));
        wait.until(driver -> !driver.findElements(By.cssSelector("#jvms tbody tr[data-pid]")).isEmpty());
        assertThat(textOf(By.id("jvms"))).contains(Long.toString(ProcessHandle.current().pid()));
        screenshot("5-connect");
    }

    /** The entries the bound section says the cache holds, once it shows a bound of {@code maximum} entries. */
    private static long entriesAgainstBound(long maximum) {
        String suffix = " of " + String.format(Locale.ROOT, "%,d", maximum) + " entries (bounded by size)";
        String usage = wait.until(driver -> {
            String text = driver.findElement(By.id("bound-usage")).getText();
            return text.endsWith(suffix) ? text : null;
        });
        return Long.parseLong(usage.substring(0, usage.length() - suffix.length()).replace(",", ""));
    }

    @Test
    void showsABoundedCachesSizeAgainstItsBoundAndChangesTheBound() throws IOException {
        click(inCacheRow(HOSTILE_NAME, "a.cache-link"));
        wait.until(ExpectedConditions.textToBe(By.id("cache-name"), HOSTILE_NAME));
        wait.until(driver -> driver.findElement(By.id("bound-usage")).getText().startsWith("Unbounded"));
        assertThat(driver.findElement(By.id("bound-form")).isDisplayed()).as("no form for an unbounded cache")
                .isFalse();

        driver.get(server.url());
        click(inCacheRow("customers", "a.cache-link"));
        wait.until(ExpectedConditions.textToBe(By.id("cache-name"), "customers"));
        long bound = demoCustomers().evictionBound().orElseThrow().maximum();
        assertThat(entriesAgainstBound(bound)).isPositive();
        // the demo's workload keeps evicting customers: the chart's evictions series is drawn
        wait.until(driver -> !driver.findElements(
                By.cssSelector("#chart-operations polyline[data-series='evictionsPerSecond']")).isEmpty());
        screenshot("7-bound");

        long lowered = bound / 2;
        type("bound-maximum", Long.toString(lowered));
        click(By.id("bound-set"));
        wait.until(ExpectedConditions.textToBe(By.id("message"), "Bound set to "
                + String.format(Locale.ROOT, "%,d", lowered) + " entries."));
        // the workload adds a customer now and then before evicting one: wait for a moment within the bound
        wait.until(driver -> entriesAgainstBound(lowered) <= lowered);
        assertThat(demoCustomers().evictionBound().orElseThrow().maximum()).isEqualTo(lowered);
        assertThat(demoCustomersConfiguration().getMaximumSize()).hasValue(lowered);
        wait.until(driver -> driver.findElement(By.id("bound-maximum")).getAttribute("value").isEmpty());
        screenshot("8-bound-lowered");

        type("bound-maximum", Long.toString(bound));
        click(By.id("bound-set"));
        wait.until(driver -> entriesAgainstBound(bound) >= 0);
        assertThat(demoCustomersConfiguration().getMaximumSize()).hasValue(bound);
    }

    @SuppressWarnings("unchecked") // the demo's customers hold documents
    private static Cache<String, Map<String, Object>> demoCustomersCache() {
        return demo.manager().getCache("customers", String.class, (Class<Map<String, Object>>) (Class<?>) Map.class);
    }

    private static DocumentCache<String, Map<String, Object>> demoCustomers() {
        return documents(demoCustomersCache());
    }

    @SuppressWarnings("unchecked") // getConfiguration can only name the raw class; the cache's has its types
    private static DocstoreConfiguration<String, Map<String, Object>> demoCustomersConfiguration() {
        return demoCustomersCache().getConfiguration(DocstoreConfiguration.class);
    }

    @SuppressWarnings("unchecked") // the demo's orders hold documents
    private static DocumentCache<String, Map<String, Object>> demoOrders() {
        return documents(demo.manager().getCache("orders", String.class,
                (Class<Map<String, Object>>) (Class<?>) Map.class));
    }

    @SuppressWarnings("unchecked") // unwrap gives the index-aware view of this very cache
    private static DocumentCache<String, Map<String, Object>> documents(Cache<String, Map<String, Object>> cache) {
        return cache.unwrap(DocumentCache.class);
    }

    @Test
    void pagesThroughARangeExactlyAsTheCacheHoldsIt() throws IOException {
        click(inCacheRow(HOSTILE_NAME, "a.cache-link"));
        wait.until(ExpectedConditions.textToBe(By.id("cache-name"), HOSTILE_NAME));
        runQuery("byRank", "range", "10", "35", 10);
        List<Integer> ranks = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            int from = 10 + page * 10;
            int to = Math.min(35, from + 10);
            wait.until(ExpectedConditions.textToBe(By.id("query-summary"), "entries " + (page * 10 + 1) + "–"
                    + (page * 10 + to - from) + " of 25"));
            for (JsonNode entry : results()) {
                ranks.add(entry.get("value").get("rank").asInt());
            }
            if (page < 2) {
                click(By.id("query-next"));
            }
        }
        List<Integer> expected = documents(hostile).range("byRank", 10, 35).stream()
                .map(entry -> ((Number) entry.getValue().get("rank")).intValue()).toList();
        assertThat(ranks).containsExactlyElementsOf(expected).hasSize(25);
        wait.until(driver -> !driver.findElement(By.id("query-next")).isEnabled());
        click(By.id("query-previous"));
        wait.until(ExpectedConditions.textToBe(By.id("query-summary"), "entries 11–20 of 25"));
    }

    /** The export's text without its header's {@code exportedAt}: two exports of one state then read alike. */
    private static String withoutExportedAt(String export) throws IOException {
        String[] lines = export.split("\n", 2);
        ObjectNode header = (ObjectNode) JSON.readTree(lines[0]);
        header.remove("exportedAt");
        return header + "\n" + lines[1];
    }

    /** The content of {@code file} once the browser has finished saving it (a download is saved whole, then named). */
    private static String downloaded(Path file) {
        return Awaitility.await().atMost(WAIT).until(() -> Files.isRegularFile(file) ? Files.readString(file) : null,
                text -> text != null && text.endsWith("}}\n"));
    }

    private static void chooseFile(Path file) {
        wait.until(driver -> {
            driver.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
            return true;
        });
    }

    @Test
    void exportsACacheAsADownloadAndImportsAFileThroughTheFileInput() throws IOException {
        click(inCacheRow(HOSTILE_NAME, "a.cache-link"));
        wait.until(ExpectedConditions.textToBe(By.id("cache-name"), HOSTILE_NAME));
        click(By.id("export-button"));
        wait.until(ExpectedConditions.textMatches(By.id("export-status"), java.util.regex.Pattern.compile(
                "Exported [0-9,]+ bytes as _img_src_x_onerror_alert_1__\\.jsonl\\.")));
        Path file = downloads.resolve("_img_src_x_onerror_alert_1__.jsonl");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        documents(hostile).exportTo(expected);
        assertThat(withoutExportedAt(downloaded(file)))
                .isEqualTo(withoutExportedAt(expected.toString(StandardCharsets.UTF_8)));
        screenshot("9-exported");

        driver.get(server.url());
        click(inCacheRow("imports", "a.cache-link"));
        wait.until(ExpectedConditions.textToBe(By.id("cache-name"), "imports"));
        chooseFile(file);
        click(By.id("import-button"));
        wait.until(ExpectedConditions.textToBe(By.id("import-summary"), "Imported 100 documents; 0 expired and left"
                + " out; 0 lines skipped; indexes created: byRank."));
        assertThat(imports.get("<i>key-42</i>")).isEqualTo(hostile.get("<i>key-42</i>"));
        assertThat(documents(imports).indexNames()).containsExactly("byRank");
        wait.until(driver -> driver.findElement(By.id("figures")).getText().contains("100"));
        screenshot("10-imported");

        String[] lines = downloaded(file).split("\n");
        lines[2] = "{\"key\": \"broken\", \"value\": {oops";
        Path malformed = Files.writeString(downloads.resolve("malformed.jsonl"), String.join("\n", lines) + "\n");
        imports.clear();
        chooseFile(malformed);
        click(By.id("import-button"));
        wait.until(ExpectedConditions.textMatches(By.id("import-error"), java.util.regex.Pattern.compile(
                "Nothing imported: .*line 3: malformed JSON.*")));
        assertThat(imports.iterator().hasNext()).as("all or nothing: nothing imported").isFalse();

        wait.until(driver -> {
            new Select(driver.findElement(By.id("import-mode"))).selectByValue("SKIP_AND_REPORT");
            return true;
        });
        chooseFile(malformed);
        click(By.id("import-button"));
        wait.until(ExpectedConditions.textMatches(By.id("import-summary"), java.util.regex.Pattern.compile(
                "Imported 99 documents; .* 1 line skipped.*")));
        assertThat(textOf(By.cssSelector("#import-skipped tr[data-line='3']"))).contains("malformed JSON");
        screenshot("11-import-report");
    }

    @Test
    void markupInNamesKeysAndDocumentsIsShownAsText() throws IOException {
        assertThat(textOf(cacheRow(HOSTILE_NAME))).contains(HOSTILE_NAME, HOSTILE_MANAGER);
        click(inCacheRow(HOSTILE_NAME, "a.cache-link"));
        wait.until(ExpectedConditions.textToBe(By.id("cache-name"), HOSTILE_NAME));
        runQuery("byRank", "eq", "7", null, 20);
        wait.until(ExpectedConditions.textToBe(By.id("query-summary"), "entries 1–1 of 1"));
        assertThat(textOf(By.id("query-results"))).contains("<i>key-7</i>", SCRIPT, "<img src=x onerror=alert(2)>");
        JsonNode entry = results().get(0);
        assertThat(entry.get("value").get("note").asText()).isEqualTo(SCRIPT);
        screenshot("6-markup-as-text");

        assertThat(driver.findElements(By.tagName("img"))).as("no element injected from data").isEmpty();
        assertThat(driver.findElements(By.tagName("i"))).isEmpty();
        assertThat(driver.findElements(By.tagName("script"))).hasSize(1);
        assertThat(((JavascriptExecutor) driver).executeScript("return typeof window.__pwned")).isEqualTo(
                "undefined");
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedEvenFromTheSignedInBrowser() {
        Object status = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/index/create', {method: 'POST', headers: {'Content-Type': 'application/json'},
                    body: JSON.stringify({manager: 'urn:docstore:demo', cache: 'orders', name: 'forged',
                        paths: ['status']})}).then(response => done(response.status), error => done(String(error)));
                """);
        assertThat(status).isEqualTo(403L);
        assertThat(demoOrders().indexes()).noneMatch(index -> index.name().equals("forged"));
    }

    @Test
    void withoutTheTokenNothingIsServed() throws IOException, InterruptedException {
        Path strangerProfile = Files.createTempDirectory("console-stranger-");
        WebDriver stranger = chromium(strangerProfile, strangerProfile);
        try {
            stranger.get(base() + "/");
            assertThat(stranger.findElement(By.tagName("body")).getText()).contains("access token required");
            assertThat(stranger.findElements(By.id("caches"))).isEmpty();
        } finally {
            stranger.quit();
            delete(strangerProfile);
        }
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/", "/console.js", "/api/caches", "/?token=wrong")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).doesNotContain(server.token());
        }
    }
}
