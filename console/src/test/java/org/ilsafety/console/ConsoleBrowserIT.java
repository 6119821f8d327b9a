package org.ilsafety.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.ilsafety.common.events.Topics;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The console in headless Chromium against the suite the run command starts (real broker, real
 * PostgreSQL, the demo patients): worklist, acknowledgement with its audit row, a live update without a
 * reload, the timeline's plot, the operations page counting a dead letter, the dashboard's pseudonyms;
 * every page checked with axe-core and photographed under target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String LOW_ANC_PATIENT = "demo-ra-low-anc";
    static final String LIVE_PATIENT = "console-live-1";
    /** The demo patient on Tyenne with Humira, warfarin and a live MMR vaccine (seeds/demo/03-gca-sc-interactions.json). */
    static final String INTERACTION_PATIENT = "demo-gca-sc";
    static final List<String> PATIENT_IDS = List.of("demo-ra-iv", "demo-sjia-child", "demo-gca-sc", "demo-caps", LOW_ANC_PATIENT, LIVE_PATIENT);
    static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots", "target/screenshots"));

    @TempDir
    static Path data;
    static ConsoleSuite suite;
    static Browser browser;
    static TestKafka kafka;
    /** The rule of the demo finding acknowledged in the worklist, counted on the burden page. */
    static String acknowledgedRule = "(none acknowledged)";

    @BeforeAll
    static void start() throws Exception {
        Optional<String> missing = Browser.unavailable();
        if (missing.isPresent()) {
            String banner = "\n############################################################\n"
                    + "#  CONSOLE BROWSER TESTS SKIPPED: " + missing.get() + "\n"
                    + "############################################################\n";
            System.out.println(banner);
            System.err.println(banner);
            Assumptions.abort("CONSOLE BROWSER TESTS SKIPPED: " + missing.get());
        }
        suite = new ConsoleSuite(data);
        // the launcher's broker takes only SCRAM clients: the test sends as the principals the run command wrote (issue 20)
        org.ilsafety.stack.security.KafkaCredentials.inDirectory(suite.dataDirectory.resolve("security")).register(suite.bootstrapServers());
        kafka = new TestKafka(suite.bootstrapServers());
        browser = new Browser(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void theDemoLowAncPatientIsAtTheTopOfTheWorklist() throws Exception {
        signIn("pharmacist");
        // a live refresh may replace the row between finding and reading it: read it again then
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).ignoreException(StaleElementReferenceException.class)
                .untilAsserted(() -> {
                    open("/worklist");
                    // the rows read in one script, so a live refresh cannot replace them between reads
                    @SuppressWarnings("unchecked")
                    List<Map<String, String>> rows = (List<Map<String, String>>) browser.driver.executeScript("""
                            return Array.from(document.querySelectorAll('#worklist-rows tr')).map(function (r) {
                              return { kind: r.dataset.kind || '', patient: r.dataset.patient || '', cls: r.className, text: r.innerText }; });""");
                    int firstAlert = 0;
                    while (firstAlert < rows.size() && !"alert".equals(rows.get(firstAlert).get("kind"))) {
                        firstAlert++;
                    }
                    assertTrue(firstAlert < rows.size(), "an alert is listed: " + rows);
                    Map<String, String> first = rows.get(firstAlert);
                    assertEquals(LOW_ANC_PATIENT, first.get("patient"), "the most severe open alert comes first");
                    assertTrue(first.get("text").contains("ANC"), first.get("text"));
                    // above it only findings at least as severe: the demo's live vaccine (contraindicated: CRITICAL) and,
                    // if opened after the alert was raised, its biologic DMARD combination (major: HIGH)
                    for (Map<String, String> row : rows.subList(0, firstAlert)) {
                        assertTrue(row.get("cls").matches(".*sev-(CRITICAL|HIGH).*"), row.get("text"));
                    }
                });
        assertAccessible("worklist");
        browser.screenshot("worklist");
    }

    @Test
    @Order(2)
    void acknowledgingTheAlertRemovesItAndTheServiceAuditsIt() throws Exception {
        open("/worklist");
        awaitFirstLiveRefresh();
        String alertId = Awaitility.await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).until(() -> {
            WebElement first = firstAlertRow();
            return LOW_ANC_PATIENT.equals(first.getAttribute("data-patient")) ? first.getAttribute("data-alert-id") : null;
        }, id -> id != null);
        WebElement row = browser.driver.findElement(By.cssSelector("#worklist-rows tr[data-alert-id='" + alertId + "']"));
        // focus inside the table holds live refreshes back until the action is done
        new Select(row.findElement(By.tagName("select"))).selectByVisibleText("Prescriber informed");
        row.findElement(By.cssSelector("button.ack")).click();
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> assertTrue(
                browser.driver.findElements(By.cssSelector("#worklist-rows tr[data-alert-id='" + alertId + "']")).isEmpty(),
                "the acknowledged alert left the open worklist"));

        JsonNode alert = JSON.readTree(suite.monitoring("/api/v1/alerts/" + alertId, "pharmacist"));
        assertEquals("ACKNOWLEDGED", alert.path("status").asText());
        assertEquals("demo-pharmacist", alert.path("acknowledgedBy").asText());
        assertEquals("Prescriber informed", alert.path("acknowledgementReason").asText());
        JsonNode audit = JSON.readTree(suite.monitoring("/api/v1/audit-events?subject=demo-pharmacist&size=200", "pharmacist"));
        boolean audited = false;
        for (JsonNode entry : audit.path("entries")) {
            audited |= entry.path("action").asText().contains("/acknowledgement") && entry.path("target").asText().contains(alertId)
                    && "HTTP 200".equals(entry.path("outcome").asText());
        }
        assertTrue(audited, "monitoring-service wrote an audit row for the acknowledgement: " + audit);
    }

    @Test
    @Order(3)
    void aDemoInteractionFindingIsInTheWorklistAndAcknowledgingItRemovesIt() throws Exception {
        open("/worklist?kind=finding&patient=" + INTERACTION_PATIENT);
        awaitFirstLiveRefresh();
        String findingId = Awaitility.await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).until(() -> {
            WebElement first = firstRow();
            return "finding".equals(first.getAttribute("data-kind")) ? first.getAttribute("data-finding-id") : null;
        }, id -> id != null);
        assertAccessible("worklist (findings)");
        browser.screenshot("worklist-findings");
        WebElement row = browser.driver.findElement(By.cssSelector("#worklist-rows tr[data-finding-id='" + findingId + "']"));
        acknowledgedRule = row.findElement(By.tagName("code")).getText();
        assertTrue(row.findElements(By.cssSelector("button.resolve")).isEmpty(), "a finding is acknowledged, never resolved by a person");
        new Select(row.findElement(By.tagName("select"))).selectByVisibleText("Prescriber informed");
        row.findElement(By.cssSelector("button.ack")).click();
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> assertTrue(
                browser.driver.findElements(By.cssSelector("#worklist-rows tr[data-finding-id='" + findingId + "']")).isEmpty(),
                "the acknowledged finding left the open worklist"));

        JsonNode findings = JSON.readTree(suite.interaction("/api/v1/interaction-findings?status=ACKNOWLEDGED&patientId=" + INTERACTION_PATIENT,
                "pharmacist"));
        JsonNode finding = null;
        for (JsonNode item : findings.path("items")) {
            finding = findingId.equals(item.path("id").asText()) ? item : finding;
        }
        assertTrue(finding != null, "interaction-service shows the finding acknowledged: " + findings);
        assertEquals("demo-pharmacist", finding.path("acknowledgedBy").asText());
        assertEquals("Prescriber informed", finding.path("acknowledgementReason").asText());
        JsonNode audit = JSON.readTree(suite.interaction("/api/v1/audit-events?subject=demo-pharmacist&size=200", "pharmacist"));
        boolean audited = false;
        for (JsonNode entry : audit.path("entries")) {
            audited |= entry.path("action").asText().endsWith("/interaction-findings/{id}/acknowledgement")
                    && entry.path("target").asText().contains(findingId) && "HTTP 200".equals(entry.path("outcome").asText());
        }
        assertTrue(audited, "interaction-service wrote an audit row for the acknowledgement: " + audit);
    }

    @Test
    @Order(4)
    void aNewLowAncSentThroughTheBrokerAppearsWithoutAReload() throws Exception {
        open("/worklist");
        awaitFirstLiveRefresh();
        browser.driver.executeScript("window.notReloaded = 'yes';");
        kafka.send(Topics.PATIENT_EVENTS, LIVE_PATIENT,
                FhirFixtures.medicationRequest(LIVE_PATIENT, "mr-console-live-1", 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
        kafka.send(Topics.PATIENT_EVENTS, LIVE_PATIENT,
                FhirFixtures.labObservation(LIVE_PATIENT, "anc-console-live-1", 1, "751-8", 700, "/uL", null, "2026-11-20T08:00:00Z"));
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> assertTrue(rowOf(LIVE_PATIENT).isPresent(), "the new alert appeared"));
        assertEquals("yes", browser.driver.executeScript("return window.notReloaded;"), "the page was not reloaded");
        assertTrue(browser.driver.findElement(By.id("live-status")).getText().contains("updated"));
        browser.screenshot("worklist-live");
    }

    @Test
    @Order(5)
    @SuppressWarnings("unchecked")
    void theTimelinePlotHoldsTheAncPointsAndTheLabelBands() throws Exception {
        open("/patients/" + LOW_ANC_PATIENT);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> browser.driver.executeScript(
                "return !!(window.timelineCharts && window.timelineCharts.ANC);").equals(Boolean.TRUE));
        Map<String, Object> anc = (Map<String, Object>) browser.driver.executeScript("""
                var o = window.timelineCharts.ANC.getOption();
                var bands = o.series[o.series.length - 1];
                return { points: o.series[0].data.map(function (d) { return d.value[1]; }),
                         bands: bands.markArea.data.map(function (b) { return b[0].name; }) };""");
        List<Number> points = (List<Number>) anc.get("points");
        List<String> bands = (List<String>) anc.get("bands");
        assertTrue(points.stream().anyMatch(p -> p.doubleValue() == 800.0), "the ANC 800/mm3 of the demo is plotted: " + points);
        assertTrue(bands.stream().anyMatch(b -> b.contains("500 to 1000") && b.contains("INTERRUPT")), "the interrupt band: " + bands);
        assertTrue(bands.stream().anyMatch(b -> b.contains("DISCONTINUE")), "the discontinue band: " + bands);
        assertTrue(bands.stream().anyMatch(b -> b.contains("CONTINUE (")), "the continue band: " + bands);

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.driver.executeScript("window.timelineCharts.ANC.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: 0 });");
            String tip = (String) browser.driver.executeScript(
                    "var t = document.querySelector('#chart-ANC div[style*=\"z-index\"]'); return t ? t.innerText : '';");
            assertTrue(tip.contains("800") && tip.contains("Rule: TCZ-ANC-500-1000") && tip.contains("Knowledge:") && tip.contains("Source:"),
                    "hovering shows value, band, rule, source and knowledge version: " + tip);
        });
        assertAccessible("timeline");
        browser.fullScreenshot("timeline");
    }

    @Test
    @Order(6)
    void theOperationsPageCountsADeadLetterSentInTheTest() throws Exception {
        open("/operations");
        int before = deadLetters();
        kafka.send(Topics.PATIENT_EVENTS, "console-poison-1", "{\"resourceType\": \"Observation\", \"status\": ");
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            open("/operations");
            assertTrue(deadLetters() > before, "a new dead letter is listed");
        });
        WebElement monitoring = browser.driver.findElement(By.id("service-monitoring-service"));
        String newest = monitoring.findElement(By.cssSelector("tr.dead-letter")).getText();
        assertTrue(newest.contains("patient-events"), "reason, topic, partition and offset: " + newest);
        assertTrue(Long.parseLong(monitoring.findElement(By.cssSelector("dd.dead-lettered")).getText()) >= 1);
        // the demo's alerts left monitoring-service through its outbox within the hour: the relay rate counts them
        String relayed = monitoring.findElement(By.cssSelector("dd.relayed")).getText();
        java.util.regex.Matcher hour = java.util.regex.Pattern.compile("(\\d+) in the last hour").matcher(relayed);
        assertTrue(hour.find() && Long.parseLong(hour.group(1)) > 0, "the relay rate counts the alerts relayed: " + relayed);
        assertFalse(browser.driver.getPageSource().contains("\"status\": "), "no payload on the page");
        assertAccessible("operations");
        browser.fullScreenshot("operations");
    }

    @Test
    @Order(7)
    void theBurdenAndKnowledgePagesListRulesUnverifiedFirst() throws Exception {
        open("/burden");
        assertTrue(browser.driver.findElement(By.id("burden")).getText().contains("TCZ-ANC-500-1000"));
        String cds = browser.driver.findElement(By.id("cds-burden")).getText();
        assertTrue(cds.contains(acknowledgedRule) && cds.contains("Prescriber informed: 1"),
                "the CDS and findings table counts the acknowledged finding with its reason: " + cds);
        assertAccessible("burden");
        browser.screenshot("burden");
        open("/knowledge");
        WebElement first = browser.driver.findElement(By.cssSelector("#rules tbody tr"));
        assertEquals("unverified", first.getAttribute("class"), "the unverified rules come first");
        assertAccessible("knowledge");
        browser.screenshot("knowledge");
    }

    @Test
    @Order(8)
    void theDashboardSeesPseudonymsOnlyAndCannotAct() throws Exception {
        browser.driver.manage().deleteAllCookies();
        signIn("dashboard");
        for (String page : List.of("/worklist", "/operations", "/burden", "/knowledge")) {
            open(page);
            String dom = (String) browser.driver.executeScript("return document.documentElement.outerHTML;");
            for (String patient : PATIENT_IDS) {
                assertFalse(dom.contains(patient), page + " shows no patient id to a dashboard (" + patient + ")");
            }
            if (page.equals("/worklist")) {
                String shown = Awaitility.await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class)
                        .until(() -> firstRow().getAttribute("data-patient"), patient -> patient != null);
                assertTrue(shown.startsWith("p-"), "patients appear by pseudonym");
                assertTrue(browser.driver.findElements(By.cssSelector("button.ack, button.resolve")).isEmpty(), "a dashboard cannot act");
                assertAccessible("worklist (dashboard)");
                browser.screenshot("worklist-dashboard");
            }
        }
        open("/patients/" + LOW_ANC_PATIENT);
        assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("may not see"), "the timeline is refused");
    }

    @Test
    @Order(9)
    void theSignInPageOffersTheDemoRoles() throws Exception {
        browser.driver.manage().deleteAllCookies();
        open("/sign-in");
        assertEquals(4, browser.driver.findElements(By.cssSelector(".roles button")).size());
        assertAccessible("sign-in");
        browser.screenshot("sign-in");
    }

    /**
     * A tablet held upright (768 x 1024 CSS pixels) and on its side (1024 x 768): every page fits the width, so nothing
     * needs sideways scrolling, the worklist's actions stay on screen, and axe-core still finds nothing serious.
     */
    @Test
    @Order(10)
    void everyPageFitsATablet() throws Exception {
        Dimension desktop = browser.driver.manage().window().getSize();
        try {
            signIn("pharmacist");
            for (Dimension tablet : List.of(new Dimension(768, 1024), new Dimension(1024, 768))) {
                browser.driver.manage().window().setSize(tablet);
                for (String page : List.of("/worklist", "/patients/" + LOW_ANC_PATIENT, "/operations", "/burden", "/knowledge")) {
                    open(page);
                    Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                        long overflow = (Long) browser.driver.executeScript(
                                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                        assertTrue(overflow <= 0, page + " is " + overflow + " px wider than a " + tablet + " tablet");
                    });
                    String name = "tablet-" + tablet.getWidth() + page.replace('/', '-');
                    assertAccessible(name);
                    browser.screenshot(name);
                }
                open("/worklist");
                Awaitility.await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
                    WebElement action = firstRow().findElement(By.cssSelector("button"));
                    assertTrue(action.isDisplayed(), "the first row's action is visible on a " + tablet + " tablet");
                    Boolean inView = (Boolean) browser.driver.executeScript(
                            "var r = arguments[0].getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth;", action);
                    assertTrue(inView, "the first row's action is within the width of a " + tablet + " tablet");
                });
            }
        } finally {
            browser.driver.manage().window().setSize(desktop);
        }
    }

    private static void signIn(String role) {
        open("/sign-in");
        browser.driver.findElement(By.id("sign-in-" + role)).click();
    }

    private static void open(String path) {
        browser.driver.get(suite.consoleUrl + path);
    }

    /** The stream's first event makes the page fetch its rows once; after that they change only with the alerts. */
    private static void awaitFirstLiveRefresh() {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> browser.driver.findElement(By.id("live-status")).getText().contains("updated"));
    }

    /** The first alert row; before the demo's alerts arrive there is none yet (retried like a stale row). */
    private static WebElement firstAlertRow() {
        return browser.driver.findElements(By.cssSelector("#worklist-rows tr[data-kind='alert']")).stream().findFirst()
                .orElseThrow(() -> new StaleElementReferenceException("no alert row yet"));
    }

    private static WebElement firstRow() {
        return browser.driver.findElement(By.cssSelector("#worklist-rows tr"));
    }

    private static Optional<WebElement> rowOf(String patient) {
        return browser.driver.findElements(By.cssSelector("#worklist-rows tr[data-patient='" + patient + "']")).stream().findFirst();
    }

    private static int deadLetters() {
        return browser.driver.findElements(By.cssSelector("#service-monitoring-service tr.dead-letter")).size();
    }

    private static void assertAccessible(String page) {
        String violations = browser.seriousAccessibilityViolations();
        assertTrue(violations.isEmpty(), "axe-core: serious or critical violations on " + page + ":\n" + violations);
    }
}
