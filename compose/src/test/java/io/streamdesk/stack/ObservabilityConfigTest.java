package io.streamdesk.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks the observability files that ship with compose: the Grafana dashboard is well-formed JSON
 * on the provisioned {@code prometheus} data source, and every metric its queries use is documented
 * in {@code observability/README.md} and defined in the code (a Micrometer name in some module's
 * main sources, or a Kafka client metric the binders export); Prometheus scrapes every service.
 */
class ObservabilityConfigTest {

  private static final Path OBSERVABILITY = Path.of("observability");
  private static final Path DASHBOARD = OBSERVABILITY.resolve("grafana/dashboards/streamdesk.json");
  private static final Path README = OBSERVABILITY.resolve("README.md");
  private static final Path REPOSITORY = Path.of("..");

  /** Kafka client metrics exported by KafkaClientMetrics / KafkaStreamsMetrics, not by our code. */
  private static final Set<String> KAFKA_CLIENT_METRICS =
      Set.of(
          "kafka_consumer_fetch_manager_records_lag_max",
          "kafka_consumer_fetch_manager_records_lag");

  private static final Set<String> PROMQL_KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "and",
          "or",
          "unless",
          "le",
          "inf",
          "nan");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern NAME_LITERAL =
      Pattern.compile("\"([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+\\.?)\"");
  private static final Pattern STRING_CONSTANT =
      Pattern.compile("static final String (\\w+)\\s*=\\s*\"([a-z0-9_.]+)\";");
  private static final Pattern CONCATENATION =
      Pattern.compile("(\\w+)\\s*\\+\\s*\"([a-z0-9_.]+)\"");

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldBeAWellFormedDashboardOnTheProvisionedPrometheusDataSource() throws IOException {
    // Given the dashboard file
    JsonNode dashboard = json.readTree(DASHBOARD.toFile());

    // Then it is a dashboard with a stable uid and panels that query Prometheus
    assertThat(dashboard.path("uid").asText()).isEqualTo("streamdesk");
    assertThat(dashboard.path("title").asText()).isNotBlank();
    JsonNode panels = dashboard.path("panels");
    assertThat(panels.isArray()).isTrue();
    Set<Integer> ids = new HashSet<>();
    int queries = 0;
    for (JsonNode panel : panels) {
      String title = panel.path("title").asText();
      assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", title).isTrue();
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title).isBetween(1, 24);
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("prometheus");
      assertThat(panel.path("targets")).as(title).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asText()).isEqualTo("prometheus");
        assertThat(target.path("expr").asText()).as(title).isNotBlank();
        queries++;
      }
    }
    assertThat(queries).isGreaterThanOrEqualTo(20);
  }

  @Test
  void shouldQueryOnlyMetricsThatAreDocumentedAndDefinedInTheCode() throws IOException {
    // Given every metric name the dashboard's queries use
    Set<String> used = new LinkedHashSet<>();
    for (JsonNode panel : json.readTree(DASHBOARD.toFile()).path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        used.addAll(metricNames(target.path("expr").asText()));
      }
    }
    assertThat(used)
        .contains(
            "streamdesk_stage_messages_total",
            "streamdesk_stage_latency_seconds_bucket",
            "streamdesk_intents_total",
            "streamdesk_replies_total",
            "streamdesk_handoffs_total",
            "streamdesk_answer_cache_lookups_total",
            "streamdesk_dispatcher_deliveries_total",
            "streamdesk_dlq_records_total",
            "kafka_consumer_fetch_manager_records_lag_max");

    // Then each is in the README's tables and defined in the code
    String readme = Files.readString(README);
    Set<String> defined = micrometerNamesInCode();
    for (String metric : used) {
      assertThat(baseNames(metric).stream().anyMatch(b -> readme.contains("`" + b)))
          .as("%s is documented in %s", metric, README)
          .isTrue();
      assertThat(isDefined(metric, defined)).as("%s is defined in the code", metric).isTrue();
    }
  }

  @Test
  void shouldDocumentOnlyMetricsThatTheCodeDefines() throws IOException {
    Set<String> defined = micrometerNamesInCode();
    Matcher m =
        Pattern.compile("`((?:streamdesk|generation|kafka)_[a-z_]+)`")
            .matcher(Files.readString(README));
    int documented = 0;
    while (m.find()) {
      assertThat(isDefined(m.group(1), defined))
          .as("%s is defined in the code", m.group(1))
          .isTrue();
      documented++;
    }
    assertThat(documented).isGreaterThan(10);
  }

  @Test
  void shouldScrapeEveryServiceOfTheStack() throws IOException {
    String prometheus = Files.readString(OBSERVABILITY.resolve("prometheus.yml"));
    for (String service : LocalStack.SERVICE_ORDER) {
      assertThat(prometheus).contains("- " + service + ":9400");
    }
    assertThat(
            Files.readString(
                OBSERVABILITY.resolve("grafana/provisioning/datasources/prometheus.yml")))
        .contains("uid: prometheus");
  }

  /**
   * Metric names in a PromQL expression: identifiers that are not functions, keywords or labels.
   */
  static Set<String> metricNames(String expr) {
    String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    s = s.replaceAll("\\{[^}]*}", " ");
    s = s.replaceAll("\\[[^]]*]", " ");
    s = s.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String id = m.group();
      int next = m.end();
      while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
        next++;
      }
      boolean function = next < s.length() && s.charAt(next) == '(';
      if (!function && !PROMQL_KEYWORDS.contains(id.toLowerCase())) {
        names.add(id);
      }
    }
    return names;
  }

  /** The name and what it is without Prometheus's suffixes (_total, _bucket..., _seconds). */
  static List<String> baseNames(String metric) {
    Set<String> out = new LinkedHashSet<>();
    out.add(metric);
    String stripped = metric.replaceFirst("_(total|bucket|count|sum|max)$", "");
    out.add(stripped);
    out.add(stripped.replaceFirst("_seconds$", ""));
    return List.copyOf(out);
  }

  private static boolean isDefined(String metric, Set<String> defined) {
    if (metric.startsWith("kafka_")) {
      return KAFKA_CLIENT_METRICS.contains(metric);
    }
    return baseNames(metric).stream().anyMatch(defined::contains);
  }

  /**
   * Micrometer names in the main sources of every module, dots as underscores: string literals like
   * {@code "streamdesk.stage.messages"}, and {@code PREFIX + "deliveries"} where PREFIX is a string
   * constant of the same file.
   */
  private static Set<String> micrometerNamesInCode() throws IOException {
    Set<String> names = new HashSet<>();
    try (Stream<Path> files = Files.walk(REPOSITORY, 12)) {
      files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))
          .filter(
              p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))
          .forEach(p -> names.addAll(namesIn(read(p))));
    }
    return names;
  }

  private static Set<String> namesIn(String source) {
    Set<String> names = new HashSet<>();
    Matcher literal = NAME_LITERAL.matcher(source);
    while (literal.find()) {
      names.add(literal.group(1).replace('.', '_'));
    }
    Map<String, String> constants = new HashMap<>();
    Matcher constant = STRING_CONSTANT.matcher(source);
    while (constant.find()) {
      constants.put(constant.group(1), constant.group(2));
    }
    Matcher concatenation = CONCATENATION.matcher(source);
    while (concatenation.find()) {
      String prefix = constants.get(concatenation.group(1));
      if (prefix != null) {
        names.add((prefix + concatenation.group(2)).replace('.', '_'));
      }
    }
    return names;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
