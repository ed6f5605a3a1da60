package org.emcomm.vsat.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless chromium driven through its chromedriver (both installed by {@code make test}); screenshots go to target/. */
public final class Browser implements AutoCloseable {
    public static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final String CHROMIUM = System.getProperty("emcomm.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("emcomm.chromedriver", "/usr/bin/chromedriver");

    public final ChromeDriver driver;
    private final String base;
    private final WebDriverWait wait;

    public Browser(String base, String language) {
        if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + DRIVER
                    + ": run `make test` (it installs Debian's chromium and chromium-driver) or apt-get install chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1800",
                "--lang=" + language, "--force-device-scale-factor=1");
        // the browser's console (Content-Security-Policy refusals are reported there)
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        // the console redraws its data parts on every refresh, so an element found a moment ago may be gone
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        this.wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    public void open(String hash) {
        driver.get(base + "/" + hash);
    }

    public WebElement until(By by) { return wait.until(ExpectedConditions.visibilityOfElementLocated(by)); }

    public <T> T until(Function<WebDriver, T> condition) { return wait.until(condition); }

    public void textIn(By by, String text) { wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text)); }

    public void click(By by) {
        for (int attempt = 0; ; attempt++) {
            try {
                wait.until(ExpectedConditions.elementToBeClickable(by)).click();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) throw e; // redrawn between finding and clicking: find it again
            }
        }
    }

    public void type(By by, String text) {
        WebElement e = until(by);
        e.clear();
        e.sendKeys(text);
    }

    public void choose(By by, String value) { new Select(until(by)).selectByValue(value); }

    public List<WebElement> all(By by) { return driver.findElements(by); }

    public boolean present(By by) { return all(by).stream().anyMatch(WebElement::isDisplayed); }

    public Object js(String script, Object... args) { return ((JavascriptExecutor) driver).executeScript(script, args); }

    public Object jsAsync(String script, Object... args) { return ((JavascriptExecutor) driver).executeAsyncScript(script, args); }

    /** Waits until the page has drawn its data since {@code after} (the console stamps main[data-loaded] after every refresh). */
    public void loadedSince(long after) {
        wait.until(d -> {
            Object v = js("return document.getElementById('main').dataset.loaded || '0'");
            return Long.parseLong(String.valueOf(v)) > after;
        });
    }

    public long stamp() { return Long.parseLong(String.valueOf(js("return document.getElementById('main').dataset.loaded || '0'"))); }

    public Path shot(String name) {
        try {
            Files.createDirectories(SHOTS);
            // the whole page, not just the window: grow the window to the document's height first
            Number height = (Number) js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, Math.min(6000, Math.max(900, height.intValue() + 20))));
            Path to = SHOTS.resolve(name + ".png");
            Files.write(to, driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1800));
            return to;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() { driver.quit(); }

    /** The browser console's lines since the last call that speak of the Content-Security-Policy (a refused script,
     * style, frame or image). */
    public List<String> policyRefusals() {
        List<String> out = new java.util.ArrayList<>();
        for (org.openqa.selenium.logging.LogEntry e : driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)) {
            if (e.getMessage().contains("Content Security Policy") || e.getMessage().contains("Content-Security-Policy")) out.add(e.getMessage());
        }
        return out;
    }
}
