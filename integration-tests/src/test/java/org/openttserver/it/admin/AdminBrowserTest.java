package org.openttserver.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.Login2;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * The admin page in a real browser: Debian's headless {@code chromium} driven through its {@code
 * chromedriver} (apt-get install chromium chromium-driver; .ci/run installs them) signs in,
 * approves a typed name with one click, and bans a scripted 2003 client, which is kicked and then
 * refused at login. Without the browser the test is skipped with one line saying so.
 */
class AdminBrowserTest {
  static final Path CHROMIUM = Path.of(System.getProperty("admin.browser", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getProperty("admin.chromedriver",
      "/usr/bin/chromedriver"));

  @TempDir static Path dir;
  static AdminCluster cluster;
  static WebDriver browser;

  @BeforeAll
  static void start() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!present) {
      System.out.println("AdminBrowserTest skipped: no " + CHROMIUM + " or " + DRIVER
          + " (apt-get install chromium chromium-driver)");
    }
    Assumptions.assumeTrue(present, "no headless chromium and chromedriver");
    cluster = AdminCluster.start(dir);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--disable-gpu", "--window-size=420,900", "--user-data-dir=" + dir.resolve("chromium"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private WebElement await(By what) {
    return new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.presenceOfElementLocated(what));
  }

  @Test
  void signIn_approveName_banPlayer_thenPlayerRefusedAtLogin() {
    try (ScriptedClient player = cluster.player("Trouble")) {
      long cat = AdminCluster.catWithWish(player, "Purrsival");

      browser.get(cluster.base() + "/");
      assertThat(browser.getCurrentUrl()).endsWith("/signin");
      await(By.id("name")).sendKeys("Boss");
      browser.findElement(By.id("password")).sendKeys(AdminCluster.BOSS_PASSWORD);
      browser.findElement(By.id("signin")).click();
      await(By.xpath("//h1[text()='Overview']"));
      assertThat(browser.getPageSource()).contains("Clients connected").contains("Boss (admin)");

      EmbeddedServers.eventually("the name in the queue", () -> {
        browser.get(cluster.base() + "/names");
        return browser.getPageSource().contains("Purrsival");
      });
      WebElement row = browser.findElement(By.xpath("//tr[td[@class='wish' and "
          + "text()='Purrsival']]"));
      row.findElement(By.xpath(".//button[text()='Approve']")).click();
      assertThat(await(By.id("flash")).getText())
          .isEqualTo("Approved the name of toon " + cat + ".");
      assertThat(AdminCluster.entry(player, cat).approvedName()).isEqualTo("Purrsival");

      browser.get(cluster.base() + "/players?q=Troub");
      WebElement ban = await(By.cssSelector("form.ban"));
      ban.findElement(By.name("reason")).sendKeys("<i>griefing</i>");
      ban.findElement(By.tagName("button")).click();
      assertThat(await(By.id("flash")).getText()).isEqualTo("Banned Trouble for good.");
      assertThat(browser.getPageSource()).contains("&lt;i&gt;griefing&lt;/i&gt;")
          .doesNotContain("<i>griefing");
      assertThat(player.expectGoGetLost(BootCode.ADMIN_KICK)).isEqualTo("<i>griefing</i>");
    }
    try (ScriptedClient again = ScriptedClient.connect(EmbeddedServers.gamePort(cluster.server))) {
      again.send(new Login2("Trouble", "sv1.0.6.9", cluster.server.dc().clientHash(),
          ClientMsg.TokenType.PLAY_TOKEN));
      assertThat(again.expectGoGetLost(BootCode.ADMIN_KICK)).endsWith("banned: <i>griefing</i>");
    }
  }
}
