package io.clickstream.bootstrap;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs), driven through WebDriver: what an operator sees, read off the rendered page.
 */
final class DashboardBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Set to a folder to write a screenshot of each view there (README's pictures); unset in normal runs. */
    static final String SCREENSHOTS_PROPERTY = "dashboard.screenshots";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String base;

    DashboardBrowser(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser test needs Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "); .ci/run installs them: apt-get install -y chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI may run as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1000,700", "--lang=en-GB");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        // An alert that an injected script opened stays open for alertOpen() to see, rather than being dismissed.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().window().setSize(new Dimension(1000, 700));
        this.base = base;
    }

    /** Opens a view ({@code pipeline}, {@code jobs}, {@code models}, {@code serving}, {@code try}) and waits for its data. */
    void open(String view) {
        driver.get(base + "/#" + view);
        // Only the fragment changed after the first visit: load the page again, as an operator's bookmark would.
        driver.navigate().refresh();
        await("the page to load its data", () -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    }

    /** Clicks a view's tab (after {@link #open}). */
    void show(String view) {
        driver.findElement(By.cssSelector("nav button[data-view='" + view + "']")).click();
        await("the " + view + " view", () -> driver.findElement(By.id("view-" + view)).isDisplayed());
    }

    /** Waits until a table has rows (the page refreshes itself every few seconds) and returns them. */
    List<List<String>> awaitRows(String tableId) {
        await(tableId + " to fill", () -> !rows(tableId).isEmpty());
        return rows(tableId);
    }

    /** Waits until a plot has a canvas with something drawn on it; returns how many have. */
    long awaitDrawn(String plotId) {
        await("a plot drawn in " + plotId, () -> drawnPlots(plotId) > 0);
        return drawnPlots(plotId);
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** The rows of a table, each as its cells' text. */
    List<List<String>> rows(String tableId) {
        return driver.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
    }

    /** How many uPlot canvases in the element have something drawn (a pixel not fully transparent). */
    long drawnPlots(String plotId) {
        Object drawn = driver.executeScript("""
                return Array.from(document.querySelectorAll('#' + arguments[0] + ' canvas')).filter(function (c) {
                  var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) { return true; } }
                  return false;
                }).length;""", plotId);
        return ((Number) drawn).longValue();
    }

    /** Fills "Try it" with recent items (or a user id when {@code items} is empty) and returns the result rows. */
    List<List<String>> tryIt(String items, String user) {
        WebElement itemsField = driver.findElement(By.id("try-items"));
        itemsField.clear();
        itemsField.sendKeys(items);
        WebElement userField = driver.findElement(By.id("try-user"));
        userField.clear();
        userField.sendKeys(user);
        driver.findElement(By.id("try-submit")).click();
        await("recommendations or an answer", () -> !text("try-summary").isEmpty());
        return rows("try-results");
    }

    /** Whether a JavaScript alert is open: what an injected {@code onerror=alert(1)} would leave. */
    boolean alertOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException none) {
            return false;
        }
    }

    /** Elements matching a CSS selector (an injected {@code <img>} would be one). */
    int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    /** The console's errors so far: script errors, refused resources and Content-Security-Policy violations. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** Writes the window as {@code <name>.png} into the folder named by {@link #SCREENSHOTS_PROPERTY}, if set. */
    void screenshot(String name) throws IOException {
        String folder = System.getProperty(SCREENSHOTS_PROPERTY);
        if (folder == null || folder.isBlank()) {
            return;
        }
        File png = driver.getScreenshotAs(OutputType.FILE);
        Path target = Path.of(folder).resolve(name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(png.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void await(String what, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(WAIT);
        WebDriverException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (WebDriverException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        throw new AssertionError("the dashboard did not show " + what + " within " + WAIT + "; console: "
                + consoleErrors(), last);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
