package io.hearth.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/configuration.md and conf/hearth.conf in step with {@link ConfigKeys}: every key documented in both,
 * with the same default, and nothing documented that does not exist. Paths are relative to the hearth-server module
 * directory (the working directory of surefire).
 */
class ConfigDocsTest {

    private static final Path DOC = Path.of("../docs/configuration.md");
    private static final Path CONF = Path.of("../conf/hearth.conf");

    /** A commented-out setting in hearth.conf: "#key value", no space after the hash (prose comments have one). */
    private static final Pattern COMMENTED_KEY = Pattern.compile("^#([a-z][a-z0-9_.]*)(?:\\s+(.*))?$");

    /** Key → default as in the code. */
    private static Map<String, String> codeKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String[] row : ConfigKeys.describe()) {
            keys.put(row[0], row[1]);
        }
        return keys;
    }

    /** A default with no value: the key may be left commented out in hearth.conf. */
    private static boolean unset(String defaultValue) {
        return defaultValue.isEmpty() || defaultValue.equals("disabled");
    }

    @Test
    void describeListsEveryKeyOnce() {
        List<String> names = ConfigKeys.describe().stream().map(r -> r[0]).toList();
        assertThat(names).doesNotHaveDuplicates().isNotEmpty();
        assertThat(ConfigKeys.describe()).allSatisfy(r -> {
            assertThat(r[1]).as("default of %s", r[0]).isNotNull();
            assertThat(r[2]).as("meaning of %s", r[0]).isNotBlank();
        });
    }

    // ---- docs/configuration.md ----

    @Test
    void docDocumentsEveryKeyWithItsDefault() throws IOException {
        Map<String, String> documented = documentedKeys();
        Map<String, String> code = codeKeys();
        assertThat(documented.keySet()).as("keys documented in %s", DOC).containsExactlyInAnyOrderElementsOf(code.keySet());
        code.forEach((key, def) ->
                assertThat(documented.get(key)).as("default of %s in %s", key, DOC).isEqualTo(def));
    }

    @Test
    void docExamplesUseOnlyKnownKeys() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        boolean inBlock = false;
        boolean inConf = false;
        List<String> unknown = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("```")) {
                inConf = !inBlock && t.equals("```conf");
                inBlock = !inBlock;
                continue;
            }
            if (inConf && !t.isEmpty() && !t.startsWith("#")) {
                String key = t.split("\\s+", 2)[0];
                if (!codeKeys().containsKey(key)) {
                    unknown.add(key);
                }
            }
        }
        assertThat(unknown).as("keys in ```conf examples of %s that do not exist", DOC).isEmpty();
    }

    /**
     * Rows of every table whose header is {@code | Key | Default | Meaning |}: key and default in backticks,
     * {@code (empty)} for the empty string.
     */
    private static Map<String, String> documentedKeys() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        boolean inKeyTable = false;
        for (String line : lines) {
            String t = line.strip();
            if (!t.startsWith("|")) {
                inKeyTable = false;
                continue;
            }
            List<String> cells = cells(t);
            if (cells.size() >= 3 && cells.get(0).equals("Key") && cells.get(1).equals("Default")
                    && cells.get(2).equals("Meaning")) {
                inKeyTable = true;
                continue;
            }
            if (!inKeyTable || cells.get(0).matches("-+:?|:-+:?")) {
                continue;
            }
            assertThat(cells).as("row of a key table in %s: %s", DOC, t).hasSize(3);
            String key = unquote(cells.get(0));
            String def = cells.get(1).equals("(empty)") ? "" : unquote(cells.get(1));
            if (keys.put(key, def) != null) {
                duplicates.add(key);
            }
        }
        assertThat(duplicates).as("keys documented twice in %s", DOC).isEmpty();
        assertThat(keys).as("key tables in %s", DOC).isNotEmpty();
        return keys;
    }

    /** Splits a markdown table row on unescaped pipes. */
    private static List<String> cells(String row) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String inner = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString().strip());
        return out;
    }

    private static String unquote(String cell) {
        Matcher m = Pattern.compile("^`([^`]*)`$").matcher(cell);
        assertThat(m.matches()).as("cell %s should be one `code` span", cell).isTrue();
        return m.group(1);
    }

    // ---- conf/hearth.conf ----

    @Test
    void confHasEveryKeyWithItsDefaultAndAComment() throws IOException {
        List<String> lines = Files.readAllLines(CONF, StandardCharsets.UTF_8);
        Map<String, String> code = codeKeys();
        Map<String, String> active = new LinkedHashMap<>();
        Map<String, String> commented = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        List<String> withoutComment = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty()) {
                continue;
            }
            String key;
            Matcher m = COMMENTED_KEY.matcher(t);
            if (m.matches()) {
                key = m.group(1);
                commented.put(key, m.group(2) == null ? "" : m.group(2).strip());
            } else if (t.startsWith("#")) {
                continue;
            } else {
                String[] kv = t.split("\\s+", 2);
                key = kv[0];
                if (active.put(key, kv.length > 1 ? kv[1].strip() : "") != null) {
                    unknown.add(key + " (given twice, line " + (i + 1) + ")");
                }
            }
            if (!code.containsKey(key)) {
                unknown.add(key + " (line " + (i + 1) + ")");
            }
            if (i == 0 || !lines.get(i - 1).strip().startsWith("# ")) {
                withoutComment.add(key);
            }
        }
        assertThat(unknown).as("unknown or repeated keys in %s", CONF).isEmpty();
        assertThat(withoutComment).as("keys in %s without a '# ' comment line just above", CONF).isEmpty();
        code.forEach((key, def) -> {
            if (active.containsKey(key)) {
                assertThat(active.get(key)).as("value of %s in %s", key, CONF).isEqualTo(def);
            } else {
                assertThat(commented).as("%s missing from %s", key, CONF).containsKey(key);
                assertThat(unset(def)).as("%s is commented out in %s but its default '%s' is a value", key, CONF, def)
                        .isTrue();
            }
        });
        assertThat(active.keySet()).as("keys both set and commented out in %s", CONF)
                .doesNotContainAnyElementsOf(commented.keySet());
    }

    @Test
    void confLoadsToExactlyTheBuiltInDefaults() {
        HearthConfig fromFile = new ConfigLoader().file(CONF).load();
        HearthConfig defaults = new ConfigLoader().load();
        assertThat(fromFile.raw()).isEqualTo(defaults.raw());
        assertThat(fromFile).isEqualTo(defaults);
    }
}
