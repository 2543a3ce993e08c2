package io.hearth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path conf(String... lines) throws IOException {
        Path file = dir.resolve("hearth.conf");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void defaultsWithoutFileOrOverrides() {
        HearthConfig c = new ConfigLoader().load();
        assertThat(c.network().mqttPort()).isEqualTo(1883);
        assertThat(c.network().httpPortAdvertised()).isEqualTo(80);
        assertThat(c.network().httpPortBound()).isEqualTo(80);
        assertThat(c.network().websocketPort()).isEqualTo(8083);
        assertThat(c.network().secureWebsocketPort()).isEqualTo(-1);
        assertThat(c.network().bindHost()).isEqualTo("0.0.0.0");
        assertThat(c.admin().port()).isEqualTo(18080);
        assertThat(c.admin().secretKey()).isEqualTo("123456");
        assertThat(c.admin().noCheckTime()).isFalse();
        assertThat(c.tokens().key()).isEqualTo("testim");
        assertThat(c.nodeId()).isEqualTo(1);
        assertThat(c.database().type()).isEqualTo("h2");
        assertThat(c.raw()).containsOnlyKeys(ConfigKeys.byName().keySet());
    }

    @Test
    void fileSkipsCommentsAndBlankLinesAndLaterLinesWin() throws IOException {
        Path file = conf(
                "# a comment",
                "",
                "   # an indented comment",
                "port 1884",
                "\tnode_id\t 7   ",
                "http.admin.secret_key  two words ",
                "token.key key#with#hashes",
                "",
                "port 1885");
        HearthConfig c = new ConfigLoader().file(file).load();
        assertThat(c.network().mqttPort()).isEqualTo(1885);
        assertThat(c.nodeId()).isEqualTo(7);
        assertThat(c.admin().secretKey()).isEqualTo("two words");
        assertThat(c.tokens().key()).isEqualTo("key#with#hashes");
        assertThat(c.raw()).containsEntry("port", "1885").containsEntry("node_id", "7");
    }

    @Test
    void overridesWinOverTheFileAndLaterOverridesWin() throws IOException {
        Path file = conf("port 1884", "local_port 8080", "node_id 3");
        HearthConfig c = new ConfigLoader().file(file)
                .override("port=1999")
                .override("node_id=4")
                .override("node_id = 5")
                .override("db.url=jdbc:h2:mem:x;MODE=PostgreSQL")
                .load();
        assertThat(c.network().mqttPort()).isEqualTo(1999);
        assertThat(c.network().httpPortBound()).isEqualTo(8080);
        assertThat(c.nodeId()).isEqualTo(5);
        assertThat(c.database().url()).isEqualTo("jdbc:h2:mem:x;MODE=PostgreSQL");
    }

    @Test
    void unknownKeyInFileNamesKeyFileAndLine() throws IOException {
        Path file = conf("# header", "port 1883", "", "bogus_key 5");
        assertThatThrownBy(() -> new ConfigLoader().file(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bogus_key")
                .hasMessageContaining(file + ":4");
    }

    @Test
    void unknownKeyInOverrideNamesKey() {
        assertThatThrownBy(() -> new ConfigLoader().override("bogus=1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'bogus'")
                .hasMessageContaining("--set bogus=1");
    }

    @Test
    void overrideWithoutEqualsIsRefused() {
        assertThatThrownBy(() -> new ConfigLoader().override("port"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key=value");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "port                     | 70000",
            "port                     | -1",
            "http_port                | 65536",
            "local_port               | disabled",
            "websocket_port           | abc",
            "http.admin.port          | 99999",
            "node_id                  | 200",
            "node_id                  | -1",
            "http.admin.no_check_time | maybe",
            "server.multi_endpoint    | yes",
            "db.type                  | mysql",
            "message.max_content_size | 10",
            "token.expire_time        | soon",
    })
    void badValueInOverrideNamesKeyAndValue(String key, String value) {
        assertThatThrownBy(() -> new ConfigLoader().override(key + "=" + value).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void badValueInFileNamesKeyValueFileAndLine() throws IOException {
        Path file = conf("node_id 1", "http.admin.no_check_time maybe");
        assertThatThrownBy(() -> new ConfigLoader().file(file).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.admin.no_check_time")
                .hasMessageContaining("'maybe'")
                .hasMessageContaining(file + ":2");
    }

    @Test
    void badValueOverriddenByAGoodOneIsFine() throws IOException {
        Path file = conf("port 70000");
        HearthConfig c = new ConfigLoader().file(file).override("port=1900").load();
        assertThat(c.network().mqttPort()).isEqualTo(1900);
    }

    @Test
    void anEmptyPortIsAnErrorNotASilentDisable() {
        assertThatThrownBy(() -> new ConfigLoader().override("port=").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("port")
                .hasMessageContaining("or disabled");
    }

    @Test
    void disabledPortsAreMinusOne() throws IOException {
        Path file = conf("port disabled", "websocket_port disabled");
        HearthConfig c = new ConfigLoader().file(file).load();
        assertThat(c.network().mqttPort()).isEqualTo(-1);
        assertThat(c.network().websocketPort()).isEqualTo(-1);
        assertThat(c.network().secureWebsocketPort()).isEqualTo(-1);

        HearthConfig set = new ConfigLoader().override("secure_websocket_port=8084")
                .override("jks_path=conf/hearth.jks").load();
        assertThat(set.network().secureWebsocketPort()).isEqualTo(8084);
    }

    @Test
    void aTlsPortWithoutKeyStoreNamesJksPath() {
        assertThatThrownBy(() -> new ConfigLoader().override("ssl_port=8883").override("https_port=443").load())
                .isInstanceOf(ConfigException.class)
                .hasMessage("https_port, ssl_port need a key store: set jks_path"
                        + " (and key_store_password, key_manager_password)");
    }

    @Test
    void keyManagerPasswordDefaultsToTheStorePassword() {
        HearthConfig c = new ConfigLoader().override("https_port=443").override("jks_path=a.p12")
                .override("key_store_password=s3cret").load();
        assertThat(c.network().tls().keyPassword()).isEqualTo("s3cret");
        assertThat(new ConfigLoader().load().network().tls()).isNull();
    }

    @Test
    void backupAddressesNeedAllFourParts() {
        HearthConfig c = new ConfigLoader().override("server.backup_address=10.0.0.1:81:1881:8081,b.example:82:1882:8082")
                .load();
        assertThat(c.network().backups()).containsExactly(
                new HearthConfig.BackupAddress("10.0.0.1", 81, 1881, 8081),
                new HearthConfig.BackupAddress("b.example", 82, 1882, 8082));
        assertThatThrownBy(() -> new ConfigLoader().override("server.backup_address=10.0.0.1:81:1881").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'10.0.0.1:81:1881' in server.backup_address")
                .hasMessageContaining("all four parts");
        assertThatThrownBy(() -> new ConfigLoader().override("server.backup_address=h:81:x:8081").load())
                .hasMessageContaining("ports must be 1..65535");
    }

    @Test
    void websocketProxyKeysAreRead() {
        HearthConfig c = new ConfigLoader().override("websocket_proxy_host=im.example.com")
                .override("websocket_proxy_port=18081").override("websocket_proxy_secure_port=18443").load();
        assertThat(c.network().proxy()).isEqualTo(new HearthConfig.WebSocketProxy("im.example.com", 18081, 18443));
    }

    @Test
    void portZeroMeansEphemeral() {
        HearthConfig c = new ConfigLoader().override("port=0").override("local_port=0")
                .override("http.admin.port=0").load();
        assertThat(c.network().mqttPort()).isZero();
        assertThat(c.network().httpPortBound()).isZero();
        assertThat(c.admin().port()).isZero();
    }

    @Test
    void emptyDbUrlIsAnH2FileUnderData() {
        HearthConfig c = new ConfigLoader().load();
        assertThat(c.database().url()).startsWith("jdbc:h2:file:").contains("data/hearth");
        assertThat(c.raw()).containsEntry("db.url", "");

        HearthConfig blank = new ConfigLoader().override("db.url=").load();
        assertThat(blank.database().url()).isEqualTo(c.database().url());
    }

    @Test
    void postgresqlNeedsAUrl() {
        assertThatThrownBy(() -> new ConfigLoader().override("db.type=postgresql").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("db.url");
        HearthConfig c = new ConfigLoader().override("db.type=postgresql")
                .override("db.url=jdbc:postgresql://localhost:5432/hearth").load();
        assertThat(c.database().url()).isEqualTo("jdbc:postgresql://localhost:5432/hearth");
    }

    @Test
    void emptySecretsAreRefused() {
        assertThatThrownBy(() -> new ConfigLoader().override("token.key=").load())
                .isInstanceOf(ConfigException.class).hasMessageContaining("token.key");
        assertThatThrownBy(() -> new ConfigLoader().override("http.admin.secret_key= ").load())
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.admin.secret_key");
    }

    @Test
    void advertisedHostIsServerIpOrAConcreteAddress() {
        assertThat(new ConfigLoader().override("server.ip=im.example.com").load().network().advertisedHost())
                .isEqualTo("im.example.com");
        assertThat(new ConfigLoader().load().network().advertisedHost())
                .isNotBlank()
                .isNotEqualTo("0.0.0.0");
    }

    @Test
    void missingFileNamesTheFile() {
        Path missing = dir.resolve("nope.conf");
        assertThatThrownBy(() -> new ConfigLoader().file(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }
}
